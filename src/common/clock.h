// The one clock tixd reads. Everything that needs the time (the sequencer, recovery, tokens, the
// demo) is handed this clock's Now, never the system clock itself, so the time can be moved:
// with `tixd serve --test-clock` an admin may advance it (POST /api/v1/admin/clock/advance), and
// end-to-end tests of expiry skip ahead instead of waiting out real holds.
//
// Thread-safe: Now and Advance may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>

#include "common/types.h"

namespace tix {

class ServerClock {
  public:
    // Milliseconds since the epoch: the system clock plus every Advance so far. Never moves back
    // because of Advance (the system clock itself may).
    TimeMs Now() const {
        const auto wall = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
        return wall.count() + offset_ms_.load(std::memory_order_relaxed);
    }

    // REQUIRES: ms >= 0.
    void Advance(TimeMs ms) { offset_ms_.fetch_add(ms, std::memory_order_relaxed); }

  private:
    std::atomic<TimeMs> offset_ms_{0};
};

}  // namespace tix
