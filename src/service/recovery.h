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
    std::size_t queues = 0;            // waiting rooms
    std::size_t queue_entries = 0;     // their entries (joins), whatever their status
    std::size_t payments = 0;          // orders with a provider payment
    std::size_t payment_events = 0;    // provider events applied (each is applied once, ever)
    std::size_t tickets = 0;           // issued, any status
    std::size_t scans = 0;             // kept scans at the gates
    std::size_t products = 0;          // bidding flash-sales (issue 11)
    std::size_t campaigns = 0;
    std::size_t bids = 0;                     // every bid, re-bids included
    std::size_t campaign_orders = 0;          // winners' orders journaled before the start
    std::size_t settled_at_start = 0;         // campaigns whose end passed while tixd was down
    std::size_t settled_orders_at_start = 0;  // the orders their settlement made
};

// Adds every journaled event, order, waiting room and bidding record to `engine` (which must be
// empty), then expires the holds and admissions whose deadline is <= now, pumps the rooms and
// settles the campaigns whose end_time is <= now (ExpireDue: a draw or a settlement whose time
// came while tixd was down happens now) and journals all that, in one batch, before returning.
Result<RecoveryStats> Recover(engine::Journal& journal, engine::Engine& engine, TimePoint now);

}  // namespace tix::service
