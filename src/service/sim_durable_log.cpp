#include "service/sim_durable_log.h"

#include <algorithm>

namespace tix::service {
namespace {

using engine::Order;
using engine::OrderStatus;
using engine::RefundReason;

bool SameIdentity(const Order& a, const Order& b) {
    return a.order_id == b.order_id && a.user_id == b.user_id && a.event_id == b.event_id &&
           a.zone_index == b.zone_index && a.quantity == b.quantity &&
           a.created_at == b.created_at && a.expires_at == b.expires_at &&
           a.amount_minor == b.amount_minor && a.seats == b.seats;
}

// Why `next` cannot follow `prev` in an order's life, or nullptr if it can.
const char* IllegalTransition(const Order& prev, const Order& next) {
    const TimePoint at = next.updated_at;
    switch (prev.status) {
        case OrderStatus::kHeld:
            switch (next.status) {
                case OrderStatus::kPaymentPending:
                    if (at >= prev.expires_at) return "payment began after the hold deadline";
                    if (next.payment_expires_at <= at) return "payment deadline not after start";
                    return nullptr;
                case OrderStatus::kPaid:
                    return at < prev.expires_at ? nullptr : "paid after the hold deadline";
                case OrderStatus::kCancelled:
                    return at < prev.expires_at ? nullptr : "cancelled after the hold deadline";
                case OrderStatus::kExpired:
                    return at >= prev.expires_at ? nullptr : "expired before the hold deadline";
                case OrderStatus::kHeld:
                    return "held -> held is no change";
                case OrderStatus::kRefundPending:
                case OrderStatus::kRefunded:
                    return "a held order refunded without being paid";
            }
            break;
        case OrderStatus::kPaymentPending:
            switch (next.status) {
                case OrderStatus::kPaid:
                    return at < prev.payment_expires_at ? nullptr
                                                        : "paid after the payment deadline";
                case OrderStatus::kHeld:
                    if (at >= prev.expires_at) return "declined payment held past its deadline";
                    if (at >= prev.payment_expires_at) return "hold resumed past payment deadline";
                    return nullptr;
                case OrderStatus::kExpired:
                    // The payment deadline passed, or a decline came after the hold deadline.
                    return at >= std::min(prev.expires_at, prev.payment_expires_at)
                               ? nullptr
                               : "payment expired before any deadline";
                case OrderStatus::kCancelled:
                    return "cancelled while a payment was under way";
                case OrderStatus::kPaymentPending:
                    return "payment_pending -> payment_pending is no change";
                case OrderStatus::kRefundPending:
                case OrderStatus::kRefunded:
                    return "refunded without being paid";
            }
            break;
        case OrderStatus::kPaid:
            // Refunded when asked, or at the provider without tix asking (a dashboard).
            if (next.status != OrderStatus::kRefundPending &&
                next.status != OrderStatus::kRefunded) {
                return "a paid order changed other than by its refund";
            }
            return next.refund_reason == RefundReason::kRequested ? nullptr
                                                                  : "a paid order refunded late";
        case OrderStatus::kCancelled:
        case OrderStatus::kExpired:
            // A late payment: its seats back if free, else its money back.
            if (next.status == OrderStatus::kPaid) return nullptr;
            if (next.status == OrderStatus::kRefundPending) {
                return next.refund_reason == RefundReason::kLatePayment
                           ? nullptr
                           : "an ended order refunded for another reason than a late payment";
            }
            return "changed after it ended (a second end, or a second expiry)";
        case OrderStatus::kRefundPending:
            if (next.status != OrderStatus::kRefunded) return "refund_pending other than refunded";
            return next.refund_reason == prev.refund_reason ? nullptr
                                                            : "refunded for another reason";
        case OrderStatus::kRefunded:
            return "changed after it was refunded";
    }
    return "unknown status";
}

}  // namespace

void SimDurableLog::Add(std::uint64_t seq, const engine::JournalBatch& batch) {
    if (seq != next_seq_) {
        problems_.push_back("batch " + std::to_string(seq) + " became durable after batch " +
                            std::to_string(next_seq_ - 1) + ": not in log order");
    }
    next_seq_ = seq + 1;
    for (const engine::EventSpec& spec : batch.events) {
        if (!events_.insert(spec.event_id).second) {
            problems_.push_back("event " + std::to_string(spec.event_id.value()) +
                                " journaled twice");
        }
    }
    for (const engine::OrderRecord& record : batch.orders) AddOrder(record);
    AddQueues(batch.queues);
    AddPayments(batch.payments);
    CheckRefunds(batch);
    bidding_records_ += BiddingRecordCount(batch.bidding);
    bidding_.Fold(batch.bidding, problems_);
}

void SimDurableLog::AddOrder(const engine::OrderRecord& record) {
    ++records_;
    const Order& next = record.order;
    const std::uint64_t id = next.order_id.value();
    if (orders_.size() <= id) orders_.resize(id + 1);
    Logged& logged = orders_[id];
    if (!logged.latest.order.order_id) {
        if (next.status != OrderStatus::kHeld) Problem(next, "first record is not a hold");
        if (next.updated_at != next.created_at) Problem(next, "born with updated_at != created");
        if (!events_.contains(next.event_id)) Problem(next, "order of an event never journaled");
        if (!record.idempotency_key.empty() &&
            record.request_kind == engine::RequestKind::kUnknown) {
            Problem(next, "created with a key but no request kind");
        }
        logged = Logged{record, {next}};
        ++order_count_;
        return;
    }
    const Order& prev = logged.latest.order;
    if (!SameIdentity(prev, next)) Problem(next, "what the order is changed");
    if (!record.idempotency_key.empty()) Problem(next, "a key on a record that is not the first");
    if (next.updated_at < prev.updated_at) Problem(next, "dated before its previous record");
    if (const char* why = IllegalTransition(prev, next)) {
        Problem(next, std::string(engine::ToString(prev.status)) + " -> " +
                          std::string(engine::ToString(next.status)) + ": " + why);
    }
    if (next.status == OrderStatus::kExpired) ++expiries_;
    logged.latest.order = next;
    logged.history.push_back(next);
}

void SimDurableLog::Problem(const Order& order, const std::string& what) {
    problems_.push_back("order " + std::to_string(order.order_id.value()) + " (" +
                        std::string(engine::ToString(order.status)) + " at " +
                        std::to_string(ToUnixMillis(order.updated_at)) + "): " + what);
}

bool SimDurableLog::Holds(const Order& state) const {
    if (state.order_id.value() >= orders_.size()) return false;
    const std::vector<Order>& history = orders_[state.order_id.value()].history;
    // Answers are mostly about the latest state: search from the back.
    return std::find(history.rbegin(), history.rend(), state) != history.rend();
}

std::vector<engine::OrderRecord> SimDurableLog::Expected() const {
    std::vector<engine::OrderRecord> expected;
    expected.reserve(orders_.size());
    for (const Logged& logged : orders_) expected.push_back(logged.latest);
    return expected;
}

}  // namespace tix::service
