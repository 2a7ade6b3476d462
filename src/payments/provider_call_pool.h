// ProviderCallPool: a few threads that make the blocking calls to the payment provider (create an
// intent, a refund, list for reconciliation), so that no IO thread and not the engine thread ever
// waits on the network. A bounded FIFO: when it is full, Submit refuses and the caller answers 503
// (or, for a refund, leaves it to the next retry sweep).
//
// Thread-safe: every method may be called from any thread. Jobs run on the pool's threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tix::payments {

class ProviderCallPool {
  public:
    // REQUIRES: threads >= 1, queue_max >= 1.
    ProviderCallPool(std::size_t threads, std::size_t queue_max);
    ~ProviderCallPool();  // Stop()s
    ProviderCallPool(const ProviderCallPool&) = delete;
    ProviderCallPool& operator=(const ProviderCallPool&) = delete;

    // Queues `job` unless the pool is stopping or queue_max jobs wait. Returns whether queued.
    [[nodiscard]] bool Submit(std::function<void()> job);
    // Refuses new jobs, runs the queued ones and joins the threads. Idempotent.
    void Stop();

  private:
    void Run();

    const std::size_t queue_max_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace tix::payments
