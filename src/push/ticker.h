// Ticker: calls a function every `period` on one executor (an IO thread's io_context in tixd),
// for periodic broadcasts: availability twice a second, a ranking every 2 s. A tick that runs
// long delays the next one rather than piling ticks up.
//
// Start and Stop may be called from any thread. After Stop returns no new tick starts; one that
// is running on the executor's thread finishes. REQUIRES: destroyed after the executor stopped
// running, or after Stop was called on the executor's thread (what the tick uses must outlive it).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <functional>
#include <memory>

namespace tix::push {

class Ticker {
  public:
    Ticker(boost::asio::any_io_executor executor, std::chrono::milliseconds period,
           std::function<void()> tick);
    ~Ticker();  // Stop()s
    Ticker(const Ticker&) = delete;
    Ticker& operator=(const Ticker&) = delete;

    // The first tick comes one period from now.
    void Start();
    void Stop();

  private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace tix::push
