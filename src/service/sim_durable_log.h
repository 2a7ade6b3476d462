// SimDurableLog: every record the journal has made durable, in log order, for the durable-path
// simulator (durable_path_simulation_test.cpp). Tests only; single-threaded.
//
// SimJournal hands it each batch as the batch becomes durable. It checks each order record
// against the order's previous one — the lifecycle, not the engine's arithmetic: an order is
// born held; it changes only along a legal transition, dated no earlier than the last one; an
// expiry comes at or after the deadline that caused it, a cancel or payment before it; a
// cancelled or expired order changes only by a late payment (paid, or refund_pending for
// late_payment), a paid one only by its refund, a refund_pending one only to refunded, a
// refunded one never (so an order expires at most once); what an order is (user, event, zone,
// seats, price, hold deadline) never changes. It keeps every durable state of every order, so the
// simulator can ask whether an answer a client was given shows a state that is on disk.
//
// Waiting rooms likewise (sim_durable_log_queue.cpp): an entry is born waiting; it moves only
// forward (waiting -> admitted -> expired or paid; any -> removed), keeps who joined, when, and
// its admission's times once set; a room's seed and draw never change once set. Every durable
// state of every entry is kept for HoldsEntry.
//
// Payments likewise (sim_durable_log_payment.cpp): a payment belongs to a durable order, keeps
// its intent id and creation time, and only moves forward (requires_payment -> succeeded ->
// refund_pending -> refunded, steps may be skipped); a provider event is journaled once, ever;
// an order refund_pending or refunded has its payment so too at the end of each batch.
//
// Bidding: folded as the store does (SimBiddingTables), which checks each settlement is in one
// batch, whole, and never repeated.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/journal.h"
#include "service/sim_bidding_tables.h"
#include "service/sim_payment_tables.h"
#include "service/sim_queue_tables.h"

namespace tix::service {

class SimDurableLog {
  public:
    // The next durable batch. REQUIRES: seq is the one after the previous batch's.
    void Add(std::uint64_t seq, const engine::JournalBatch& batch);

    // Whether some durable record of the order is exactly this state.
    bool Holds(const engine::Order& state) const;
    bool HasEvent(EventId event_id) const { return events_.contains(event_id); }

    // What a Load must return: each order's latest durable record, with the key and request
    // kind of the record that created it. By order id; order_id 0: none.
    std::vector<engine::OrderRecord> Expected() const;
    const std::set<EventId>& events() const { return events_; }

    // Whether some durable record of the entry (of that user) has one of `statuses`, and, when
    // given, that admission deadline.
    bool HoldsEntry(EventId event_id, engine::QueueEntryId entry_id, UserId user_id,
                    std::initializer_list<engine::EntryStatus> statuses,
                    std::optional<TimePoint> admission_expires_at) const;
    // What a Load must return of the waiting rooms.
    std::vector<engine::QueueSnapshot> ExpectedQueues() const { return queues_.Snapshots(); }
    std::uint64_t queue_records() const { return queue_records_; }

    // Whether an applied provider event with this id is durable.
    bool HasPaymentEvent(const std::string& event_id) const {
        return payments_.event_ids.contains(event_id);
    }
    // Whether some durable record of the order's payment is exactly this.
    bool HoldsPayment(const engine::Payment& payment) const;
    // What a Load must return of the payments.
    engine::PaymentSnapshot ExpectedPayments() const { return payments_.Snapshot(); }
    std::uint64_t payment_records() const { return payment_records_; }

    // What a Load must return of the bidding flash-sales; folding checks that each campaign is
    // settled once, whole (SimBiddingTables).
    engine::BiddingSnapshot ExpectedBidding() const { return bidding_.Snapshot(); }
    std::uint64_t bidding_records() const { return bidding_records_; }

    // Broken rules, in the order found: empty unless a bug.
    const std::vector<std::string>& problems() const { return problems_; }

    std::uint64_t records() const { return records_; }
    std::uint64_t expiries() const { return expiries_; }
    std::size_t orders() const { return order_count_; }

  private:
    struct Logged {
        engine::OrderRecord latest;
        std::vector<engine::Order> history;  // every durable state, oldest first
    };

    void AddOrder(const engine::OrderRecord& record);
    void Problem(const engine::Order& order, const std::string& what);
    void AddQueues(const engine::QueueChanges& changes);
    void AddQueueRoom(const engine::QueueRoomRecord& room);
    void AddQueueEntry(const engine::QueueEntryRecord& entry);
    void AddPayments(const engine::PaymentChanges& changes);
    // After the batch: each of its orders being refunded (or refunded) has its payment being
    // refunded (or refunded) too, on disk as in the engine.
    void CheckRefunds(const engine::JournalBatch& batch);

    std::uint64_t next_seq_ = 0;
    std::set<EventId> events_;
    std::vector<Logged> orders_;  // by order id; latest.order.order_id 0: none
    std::size_t order_count_ = 0;
    std::vector<std::string> problems_;
    std::uint64_t records_ = 0;
    std::uint64_t expiries_ = 0;

    SimQueueTables queues_;
    std::map<EventId, engine::QueueRoomRecord> rooms_;  // each room's latest record
    // Every durable state of every entry, oldest first.
    std::map<std::pair<EventId, engine::QueueEntryId>, std::vector<engine::QueueEntryRecord>>
        entries_;
    std::uint64_t queue_records_ = 0;

    SimPaymentTables payments_;
    std::map<OrderId, std::vector<engine::Payment>> payment_history_;  // oldest first
    std::uint64_t payment_records_ = 0;

    SimBiddingTables bidding_;
    std::uint64_t bidding_records_ = 0;
};

}  // namespace tix::service
