#include "payments/provider_call_pool.h"

namespace tix::payments {

ProviderCallPool::ProviderCallPool(std::size_t threads, std::size_t queue_max)
    : queue_max_(queue_max) {
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

ProviderCallPool::~ProviderCallPool() { Stop(); }

bool ProviderCallPool::Submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || jobs_.size() >= queue_max_) return false;
        jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
}

void ProviderCallPool::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
}

void ProviderCallPool::Run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;  // stopping, and every queued job has run
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        job();
    }
}

}  // namespace tix::payments
