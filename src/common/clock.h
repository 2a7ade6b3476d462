// The one clock tixd reads. Everything that needs the time (the sequencer, recovery, tokens, the
// demo) is handed this clock's Now, never the system clock itself, so the time can be moved:
// with `tixd serve --test-clock` an admin may advance it (POST /api/v1/admin/clock/advance), and
// end-to-end tests of expiry skip ahead instead of waiting out real holds.
//
// Thread-safe: Now and Advance may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "common/types.h"

namespace tix {

class ServerClock {
  public:
    // The system clock plus every Advance so far. Never moves back because of Advance (the
    // system clock itself may).
    TimePoint Now() const {
        const auto wall =
            std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
        return wall + std::chrono::milliseconds{offset_ms_.load(std::memory_order_relaxed)};
    }

    // REQUIRES: by >= 0.
    void Advance(std::chrono::milliseconds by) {
        offset_ms_.fetch_add(by.count(), std::memory_order_relaxed);
    }

  private:
    std::atomic<std::int64_t> offset_ms_{0};  // a duration's count: atomic needs a plain integer
};

// A clock that moves only when told: tests. Thread-safe like ServerClock.
class ManualClock {
  public:
    explicit ManualClock(TimePoint start) : ms_(ToUnixMillis(start)) {}

    TimePoint Now() const { return FromUnixMillis(ms_.load(std::memory_order_relaxed)); }
    void Advance(std::chrono::milliseconds by) {
        ms_.fetch_add(by.count(), std::memory_order_relaxed);
    }

  private:
    std::atomic<std::int64_t> ms_;
};

}  // namespace tix
