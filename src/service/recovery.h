// Start-up: rebuilds the engine from the journal. Called once, before the sequencer starts, on the
// thread that will hand the engine to it.
#pragma once

#include <cstddef>

#include "common/status.h"
#include "common/types.h"
#include "engine/engine.h"
#include "engine/journal.h"

namespace tix::service {

struct RecoveryStats {
    std::size_t events = 0;
    std::size_t orders = 0;
    std::size_t live_holds = 0;        // held or payment_pending orders within their deadline
    std::size_t expired_at_start = 0;  // such orders whose deadline passed while tixd was down
};

// Adds every journaled event and order to `engine` (which must be empty), then expires the holds
// whose deadline is <= now and journals those expiries before returning.
Result<RecoveryStats> Recover(engine::Journal& journal, engine::Engine& engine, TimePoint now);

}  // namespace tix::service
