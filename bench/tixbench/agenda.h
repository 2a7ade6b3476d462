// Agenda: when each simulated user of the queue scenario acts next (arrives, polls, retries), on
// one steady_timer over a min-heap, rather than a timer per user. A user has at most one entry
// at a time (the caller's rule), so the heap is bounded by the users. Runs on its io_context's
// thread only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <vector>

namespace tix::bench {

class Agenda {
  public:
    using Clock = std::chrono::steady_clock;

    // `wake` is called with each user whose time has come, on the io_context's thread.
    Agenda(boost::asio::io_context& io, std::function<void(std::uint32_t)> wake);

    // REQUIRES: the user has no entry yet.
    void At(Clock::time_point when, std::uint32_t user);
    std::size_t size() const { return heap_.size(); }
    // Forgets every entry; nobody is woken afterwards.
    void Clear();

  private:
    struct Entry {
        Clock::time_point when;
        std::uint32_t user;
        bool operator>(const Entry& other) const { return when > other.when; }
    };

    void Arm();
    void OnTimer();

    std::function<void(std::uint32_t)> wake_;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
    boost::asio::steady_timer timer_;
    std::optional<Clock::time_point> armed_;  // the time the pending wait ends
};

}  // namespace tix::bench
