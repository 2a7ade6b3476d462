// HashingPool: a fixed set of threads over a FIFO of slow jobs (Argon2id hashes), bounded by how
// long a new job would wait rather than by a job count. A queued job costs only its password and
// callback; the memory of a hash (tens of MiB) is taken only while it runs, by at most `threads`
// jobs. So a burst of a few hundred sign-ups can all queue and be served, slowly, while a queue
// that would keep someone waiting longer than `wait_max` refuses (the caller answers 503).
//
// The wait is estimated as queued jobs × the time a job takes ÷ threads. The job time starts
// from `job_time_initial` and follows the measured durations of timed jobs (a moving average).
//
// Thread-safe: every method may be called from any thread. Jobs run on the pool's threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tix::auth {

class HashingPool {
  public:
    using Clock = std::chrono::steady_clock;

    struct Limits {
        std::size_t threads = 1;
        // A job whose estimated wait would reach this is refused.
        std::chrono::milliseconds wait_max{0};
        // Queued jobs beyond this are refused whatever the estimate: a memory-safety cap for when
        // jobs turn out much faster than they will be (or the estimate is wrong).
        std::size_t jobs_max = 0;
        // The job time assumed until timed jobs have been measured.
        std::chrono::microseconds job_time_initial{0};
    };

    // Whether a job's duration feeds the estimate. Password work is timed; other jobs on the
    // pool (rare bulk account creation) are not, and are counted at a password job's time.
    enum class Timing : bool { kTimed, kUntimed };

    // REQUIRES: limits.threads >= 1.
    explicit HashingPool(const Limits& limits);
    // Calls Stop().
    ~HashingPool();
    HashingPool(const HashingPool&) = delete;
    HashingPool& operator=(const HashingPool&) = delete;

    // Queues `job` unless the pool is stopping, jobs_max jobs are queued, or the estimated wait
    // of the new job reaches wait_max. Returns whether it was queued.
    [[nodiscard]] bool Submit(std::function<void()> job, Timing timing = Timing::kTimed);

    // Refuses new jobs, destroys the queued ones unrun and waits for the running ones.
    // Idempotent.
    void Stop();

    // The current estimate of one job's duration.
    std::chrono::microseconds job_time() const;
    // How long a job submitted now would wait before it starts, by the estimate.
    std::chrono::microseconds EstimatedWait() const;

  private:
    struct Job {
        std::function<void()> run;
        Timing timing = Timing::kTimed;
    };

    void Work();
    void Measure(Clock::duration took);                           // REQUIRES: mutex_ held
    std::chrono::microseconds WaitFor(std::size_t queued) const;  // REQUIRES: mutex_ held

    const Limits limits_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;                // guarded by mutex_
    std::chrono::microseconds job_time_;  // guarded by mutex_
    bool stopping_ = false;               // guarded by mutex_
    std::mutex join_mutex_;               // concurrent Stop calls join once
    std::vector<std::thread> threads_;
};

}  // namespace tix::auth
