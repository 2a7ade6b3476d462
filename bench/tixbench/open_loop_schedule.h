// OpenLoopSchedule: when each arrival of an open-loop run is meant to be sent. Arrival k of a
// run at `rate` per second is due at start + k / rate, whatever the server is doing, so a slow
// answer delays later requests only by queueing and that queueing shows in their latency (which
// is measured from the intended time). Pure arithmetic, no clock: tests drive it with any time.
#pragma once

#include <chrono>
#include <cstdint>

namespace tix::bench {

class OpenLoopSchedule {
  public:
    using Clock = std::chrono::steady_clock;

    // REQUIRES: rate_per_s > 0, length >= 0.
    OpenLoopSchedule(double rate_per_s, Clock::time_point start, Clock::duration length);

    Clock::time_point IntendedTime(std::uint64_t arrival) const;
    // How many arrivals are due at or before `now` (never more than total()).
    std::uint64_t DueBy(Clock::time_point now) const;
    // Arrivals whose intended time falls inside [start, start + length).
    std::uint64_t total() const { return total_; }

  private:
    double nanos_per_arrival_;
    Clock::time_point start_;
    std::uint64_t total_ = 0;
};

}  // namespace tix::bench
