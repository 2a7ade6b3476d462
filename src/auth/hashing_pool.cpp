#include "auth/hashing_pool.h"

#include <spdlog/spdlog.h>

#include <cassert>
#include <exception>
#include <utility>

namespace tix::auth {
namespace {

// Each measured job moves the estimate this fraction (1/n) of the way to its duration: smooth
// enough that one slow job (a page fault storm, a preempted thread) does not shut the queue,
// quick enough to follow a change of machine load within a few dozen jobs.
constexpr std::int64_t kJobTimeSmoothing = 8;

}  // namespace

HashingPool::HashingPool(const Limits& limits)
    : limits_(limits), job_time_(limits.job_time_initial) {
    assert(limits_.threads >= 1);
    for (std::size_t i = 0; i < limits_.threads; ++i) threads_.emplace_back([this] { Work(); });
}

HashingPool::~HashingPool() { Stop(); }

void HashingPool::Stop() {
    std::deque<Job> dropped;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        dropped.swap(jobs_);
    }
    ready_.notify_all();
    // Destroyed outside the lock (their captures may do anything) and before the join, so that
    // connections waiting on queued jobs are let go without waiting for the running ones.
    dropped.clear();
    std::lock_guard join_lock(join_mutex_);
    for (auto& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
}

bool HashingPool::Submit(std::function<void()> job, Timing timing) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || jobs_.size() >= limits_.jobs_max) return false;
        if (WaitFor(jobs_.size()) >= limits_.wait_max) return false;
        jobs_.push_back(Job{std::move(job), timing});
    }
    ready_.notify_one();
    return true;
}

std::chrono::microseconds HashingPool::job_time() const {
    std::lock_guard lock(mutex_);
    return job_time_;
}

std::chrono::microseconds HashingPool::EstimatedWait() const {
    std::lock_guard lock(mutex_);
    return WaitFor(jobs_.size());
}

std::chrono::microseconds HashingPool::WaitFor(std::size_t queued) const {
    // Integer arithmetic, so that the limit is exact: with 1 thread, 100 ms jobs and a 1 s limit
    // ten jobs queue and the eleventh is refused, whatever the rounding of 10 × 0.1.
    return job_time_ * static_cast<std::int64_t>(queued) /
           static_cast<std::int64_t>(limits_.threads);
}

void HashingPool::Measure(Clock::duration took) {
    const auto took_us = std::chrono::duration_cast<std::chrono::microseconds>(took);
    job_time_ += (took_us - job_time_) / kJobTimeSmoothing;
}

void HashingPool::Work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) return;
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        const Clock::time_point started = Clock::now();
        try {
            job.run();
        } catch (const std::exception& e) {
            spdlog::error("password hasher: job threw: {}", e.what());
        } catch (...) {
            spdlog::error("password hasher: job threw");
        }
        const Clock::duration took = Clock::now() - started;
        job.run = nullptr;  // its captures (a password, a responder) go before the lock is taken
        lock.lock();
        if (job.timing == Timing::kTimed) Measure(took);
    }
}

}  // namespace tix::auth
