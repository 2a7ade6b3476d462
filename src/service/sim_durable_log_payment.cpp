// SimDurableLog's payments: the lifecycle of each payment as it becomes durable.
#include <algorithm>

#include "service/sim_durable_log.h"

namespace tix::service {
namespace {

using engine::PaymentState;

// Why `next` cannot follow `prev` in a payment's life, or nullptr if it can. Steps may be
// skipped (a payment given back at once, a refund that proves the success), never undone.
const char* IllegalStep(const engine::Payment& prev, const engine::Payment& next) {
    if (next.payment_id != prev.payment_id) return "its intent changed";
    if (next.created_at != prev.created_at) return "its creation time changed";
    if (next.updated_at < prev.updated_at) return "dated before its previous record";
    if (static_cast<int>(next.state) < static_cast<int>(prev.state)) return "went back";
    if (prev.state == PaymentState::kRefunded && next != prev) return "changed after its refund";
    return nullptr;
}

}  // namespace

void SimDurableLog::AddPayments(const engine::PaymentChanges& changes) {
    payment_records_ += PaymentRecordCount(changes);
    for (const engine::Payment& payment : changes.payments) {
        const std::string what = "payment " + payment.payment_id + " of order " +
                                 std::to_string(payment.order_id.value()) + " (" +
                                 std::string(engine::ToString(payment.state)) + ")";
        const std::uint64_t id = payment.order_id.value();
        if (id >= orders_.size() || !orders_[id].latest.order.order_id) {
            problems_.push_back(what + ": its order is not durable");
        }
        std::vector<engine::Payment>& history = payment_history_[payment.order_id];
        if (!history.empty()) {
            if (const char* why = IllegalStep(history.back(), payment)) {
                problems_.push_back(what + ": " + why);
            }
        }
        history.push_back(payment);
    }
    for (const engine::AppliedPaymentEvent& applied : changes.events) {
        if (applied.outcome == engine::PaymentEventOutcome::kDuplicate) {
            problems_.push_back("payment event " + applied.event.event_id +
                                " journaled as a duplicate");
        }
    }
    payments_.Fold(changes, problems_);
}

void SimDurableLog::CheckRefunds(const engine::JournalBatch& batch) {
    for (const engine::OrderRecord& record : batch.orders) {
        const engine::Order& order = orders_[record.order.order_id.value()].latest.order;
        PaymentState want{};
        if (order.status == engine::OrderStatus::kRefundPending) {
            want = PaymentState::kRefundPending;
        } else if (order.status == engine::OrderStatus::kRefunded) {
            want = PaymentState::kRefunded;
        } else {
            continue;
        }
        const auto found = payments_.payments.find(order.order_id);
        if (found == payments_.payments.end() || found->second.state != want) {
            Problem(order,
                    "its payment is " + (found == payments_.payments.end()
                                             ? std::string("not durable")
                                             : std::string(engine::ToString(found->second.state))));
        }
    }
}

bool SimDurableLog::HoldsPayment(const engine::Payment& payment) const {
    const auto found = payment_history_.find(payment.order_id);
    if (found == payment_history_.end()) return false;
    return std::find(found->second.rbegin(), found->second.rend(), payment) != found->second.rend();
}

}  // namespace tix::service
