// The durability port. The sequencer appends, in the order the engine applied them, snapshots of
// what changed; an implementation (store/sqlite_journal) makes each batch durable atomically.
// Called from one thread at a time.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "engine/bidding.h"
#include "engine/event_spec.h"
#include "engine/move_append.h"
#include "engine/order.h"
#include "engine/payment_ledger.h"
#include "engine/queue_records.h"
#include "engine/ticket_book.h"

namespace tix::engine {

struct OrderRecord {
    Order order;                  // the whole order after the change
    std::string idempotency_key;  // set on the record that creates the order; empty: none
    // Set with the key: how the order was asked for, so that a retry after a restart replays
    // only for the same request (the order itself has the event, zone, quantity and seats).
    RequestKind request_kind = RequestKind::kUnknown;
};

// One group commit: every change applied since the previous batch. Events come before orders
// and waiting rooms, so an order or a room may refer to an event created in the same batch; later
// snapshots of the same order (or room, or queue entry) supersede earlier ones.
struct JournalBatch {
    std::vector<EventSpec> events;
    std::vector<OrderRecord> orders;
    QueueChanges queues;      // the waiting rooms' records (queue_records.h)
    PaymentChanges payments;  // payments and the provider events applied (payment_ledger.h)
    TicketChanges tickets;    // tickets issued or changed, and scans (ticket_book.h)
    BiddingChanges bidding;   // products, campaigns, bids, settlements' orders (bidding.h)

    bool empty() const {
        return events.empty() && orders.empty() && queues.empty() && payments.empty() &&
               tickets.empty() && bidding.empty();
    }
    void clear() {
        events.clear();
        orders.clear();
        queues.clear();
        payments.clear();
        tickets.clear();
        bidding.clear();
    }
    // Appends `later`'s records after this batch's (one group commit of several batches). The
    // one place that knows every kind of record: a new kind added above is merged here too.
    void Append(JournalBatch&& later) {
        MoveAppend(events, later.events);
        MoveAppend(orders, later.orders);
        MoveAppend(queues.rooms, later.queues.rooms);
        MoveAppend(queues.entries, later.queues.entries);
        MoveAppend(queues.challenges, later.queues.challenges);
        MoveAppend(payments.payments, later.payments.payments);
        MoveAppend(payments.events, later.payments.events);
        MoveAppend(tickets.tickets, later.tickets.tickets);
        MoveAppend(tickets.scans, later.tickets.scans);
        bidding.Append(std::move(later.bidding));
        later.clear();
    }
};

struct RecoveredState {
    std::vector<EventSpec> events;    // ascending event_id
    std::vector<OrderRecord> orders;  // ascending order_id, each in its latest state
    // One per waiting room, ascending event_id: its latest room record, the latest record of
    // each entry (ascending entry id) and the challenges used.
    std::vector<QueueSnapshot> queues;
    PaymentSnapshot payments;
    TicketSnapshot tickets;
    BiddingSnapshot bidding;
};

class Journal {
  public:
    virtual ~Journal() = default;
    // Returns ok only once the whole batch is durable (fsync'd). After an error, nothing more may
    // be acknowledged: the caller stops.
    virtual Status Append(const JournalBatch& batch) = 0;
    // Everything journaled, each order in its latest state. What Load returns must be durable:
    // a batch that reached the file but never the disk (the process died between its write and
    // its fsync, or the fsync failed) is synced before Load returns, for a restarted tixd serves
    // what it loaded at once (a replayed hold, a read), and a power loss must not take back what
    // a client was told.
    virtual Status Load(RecoveredState& state) = 0;
};

}  // namespace tix::engine
