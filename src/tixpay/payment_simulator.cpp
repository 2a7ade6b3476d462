#include "tixpay/payment_simulator.h"

#include <sodium.h>

#include <algorithm>
#include <cassert>

#include "tixpay/random_id.h"

namespace tix::tixpay {
namespace {

// Compares in constant time, so that the answer's timing tells nothing about how much of a
// guessed client secret was right.
bool SecretsEqual(std::string_view a, std::string_view b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

template <typename T>
Page<T> PageOf(const std::vector<T>& all, std::size_t begin, std::size_t limit) {
    Page<T> page;
    const std::size_t end = std::min(all.size(), begin + limit);
    if (begin < end) page.data.assign(all.begin() + begin, all.begin() + end);
    page.has_more = end < all.size();
    return page;
}

}  // namespace

std::string_view ToString(IntentStatus status) {
    switch (status) {
        case IntentStatus::kRequiresPayment:
            return "requires_payment";
        case IntentStatus::kProcessing:
            return "processing";
        case IntentStatus::kSucceeded:
            return "succeeded";
    }
    return "unknown";
}

std::string_view ToString(EventType type) {
    switch (type) {
        case EventType::kPaymentIntentSucceeded:
            return "payment_intent.succeeded";
        case EventType::kPaymentIntentPaymentFailed:
            return "payment_intent.payment_failed";
        case EventType::kRefundSucceeded:
            return "refund.succeeded";
    }
    return "unknown";
}

PaymentSimulator::PaymentSimulator(std::chrono::seconds slow_card_delay)
    : slow_card_delay_(slow_card_delay) {
    assert(slow_card_delay >= std::chrono::seconds{0});
}

CreateIntentResult PaymentSimulator::CreateIntent(std::string_view idempotency_key,
                                                  const IntentParams& params, TimePoint now) {
    assert(params.amount_minor > 0 && !params.currency.empty() && !params.reference.empty());
    if (const auto known = intent_keys_.find(idempotency_key); known != intent_keys_.end()) {
        if (known->second.params != params) return {CreateOutcome::kKeyReused, {}};
        return {CreateOutcome::kReplayed, intents_[known->second.index]};
    }
    if (intents_.size() >= kIntentsMax) return {CreateOutcome::kFull, {}};
    Intent intent;
    intent.id = RandomId("pi_");
    intent.client_secret = RandomId(intent.id + "_secret_");
    intent.amount_minor = params.amount_minor;
    intent.currency = params.currency;
    intent.reference = params.reference;
    intent.pay_by = params.pay_by;
    // Never before the last one (the system clock may step back), so that the list stays sorted
    // by creation time and created_after is a binary search.
    intent.created = intents_.empty() ? now : std::max(now, intents_.back().created);
    intent_index_.emplace(intent.id, intents_.size());
    intent_keys_.emplace(std::string(idempotency_key), IntentKey{params, intents_.size()});
    intents_.push_back(intent);
    return {CreateOutcome::kCreated, std::move(intent)};
}

PayResult PaymentSimulator::Pay(std::string_view intent_id, std::string_view client_secret,
                                std::string_view card, TimePoint now) {
    Intent* intent = MutableIntent(intent_id);
    if (intent == nullptr) return {PayOutcome::kUnknownIntent, {}};
    if (!SecretsEqual(client_secret, intent->client_secret)) {
        return {PayOutcome::kWrongClientSecret, {}};
    }
    if (intent->status == IntentStatus::kProcessing) return {PayOutcome::kAlreadyProcessing, {}};
    if (intent->status == IntentStatus::kSucceeded) return {PayOutcome::kAlreadySucceeded, {}};
    if (card != kCardSucceeds && card != kCardDeclined && card != kCardSlow && card != kCardLate) {
        return {PayOutcome::kUnknownCard, {}};
    }
    if (!EventRoom()) return {PayOutcome::kFull, {}};
    if (card == kCardSucceeds) {
        Succeed(*intent, now);
        return {PayOutcome::kSucceeded, *intent};
    }
    if (card == kCardDeclined) {
        // Back to requires_payment: the buyer may try another card on the same intent.
        intent->last_payment_error = "card_declined";
        AddEvent(EventType::kPaymentIntentPaymentFailed, now, *intent);
        return {PayOutcome::kDeclined, *intent};
    }
    intent->status = IntentStatus::kProcessing;
    intent->last_payment_error.reset();
    intent->succeeds_at = SucceedsAt(card, *intent, now);
    processing_.emplace(*intent->succeeds_at, intent->id);
    return {PayOutcome::kProcessing, *intent};
}

RefundResult PaymentSimulator::CreateRefund(std::string_view idempotency_key,
                                            std::string_view intent_id, std::int64_t amount_minor,
                                            TimePoint now) {
    assert(amount_minor > 0);
    if (const auto known = refund_keys_.find(idempotency_key); known != refund_keys_.end()) {
        const RefundKey& key = known->second;
        if (key.intent_id != intent_id || key.amount_minor != amount_minor) {
            return {RefundOutcome::kKeyReused, {}};
        }
        return {RefundOutcome::kReplayed, refunds_[key.index]};
    }
    Intent* intent = MutableIntent(intent_id);
    if (intent == nullptr) return {RefundOutcome::kUnknownIntent, {}};
    if (intent->status != IntentStatus::kSucceeded) return {RefundOutcome::kNotSucceeded, {}};
    if (amount_minor > intent->amount_minor - intent->amount_refunded_minor) {
        return {RefundOutcome::kAmountTooLarge, {}};
    }
    if (refunds_.size() >= kRefundsMax || !EventRoom()) return {RefundOutcome::kFull, {}};
    intent->amount_refunded_minor += amount_minor;
    Refund refund{.id = RandomId("re_"),
                  .payment_intent = intent->id,
                  .reference = intent->reference,
                  .amount_minor = amount_minor,
                  .currency = intent->currency,
                  .created = now};
    refund_keys_.emplace(std::string(idempotency_key),
                         RefundKey{intent->id, amount_minor, refunds_.size()});
    refunds_.push_back(refund);
    AddEvent(EventType::kRefundSucceeded, now, refund);
    return {RefundOutcome::kCreated, std::move(refund)};
}

void PaymentSimulator::Advance(TimePoint now) {
    while (!processing_.empty() && processing_.begin()->first <= now) {
        Intent* intent = MutableIntent(processing_.begin()->second);
        processing_.erase(processing_.begin());
        assert(intent != nullptr && intent->status == IntentStatus::kProcessing);
        Succeed(*intent, now);
    }
}

std::optional<Page<Intent>> PaymentSimulator::ListIntents(TimePoint created_after,
                                                          std::string_view starting_after,
                                                          std::size_t limit) const {
    assert(limit > 0);
    const auto first_created =
        std::lower_bound(intents_.begin(), intents_.end(), created_after,
                         [](const Intent& intent, TimePoint t) { return intent.created < t; });
    std::size_t begin = static_cast<std::size_t>(first_created - intents_.begin());
    if (!starting_after.empty()) {
        const auto cursor = intent_index_.find(starting_after);
        if (cursor == intent_index_.end()) return std::nullopt;
        begin = std::max(begin, cursor->second + 1);
    }
    return PageOf(intents_, begin, limit);
}

std::optional<Page<Event>> PaymentSimulator::ListEvents(std::string_view after,
                                                        std::size_t limit) const {
    assert(limit > 0);
    std::size_t begin = 0;
    if (!after.empty()) {
        const auto cursor = event_index_.find(after);
        if (cursor == event_index_.end()) return std::nullopt;
        begin = cursor->second + 1;
    }
    return PageOf(events_, begin, limit);
}

void PaymentSimulator::DrainNewEvents(std::vector<Event>& out) {
    out.insert(out.end(), events_.begin() + static_cast<std::ptrdiff_t>(events_drained_),
               events_.end());
    events_drained_ = events_.size();
}

const Intent* PaymentSimulator::FindIntent(std::string_view id) const {
    const auto found = intent_index_.find(id);
    return found == intent_index_.end() ? nullptr : &intents_[found->second];
}

Intent* PaymentSimulator::MutableIntent(std::string_view id) {
    return const_cast<Intent*>(FindIntent(id));
}

bool PaymentSimulator::EventRoom() const {
    return events_.size() + processing_.size() < kEventsMax;
}

void PaymentSimulator::AddEvent(EventType type, TimePoint now,
                                std::variant<Intent, Refund> object) {
    Event event{.id = RandomId("evt_"), .type = type, .created = now, .object = std::move(object)};
    event_index_.emplace(event.id, events_.size());
    events_.push_back(std::move(event));
}

void PaymentSimulator::Succeed(Intent& intent, TimePoint now) {
    intent.status = IntentStatus::kSucceeded;
    intent.last_payment_error.reset();
    intent.succeeds_at.reset();
    AddEvent(EventType::kPaymentIntentSucceeded, now, intent);
}

TimePoint PaymentSimulator::SucceedsAt(std::string_view card, const Intent& intent,
                                       TimePoint now) const {
    // The late card needs the order's deadline; without one it is just slow.
    if (card == kCardLate && intent.pay_by) return *intent.pay_by + kLateCardAfterPayBy;
    return now + slow_card_delay_;
}

}  // namespace tix::tixpay
