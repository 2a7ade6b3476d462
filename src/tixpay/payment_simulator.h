// PaymentSimulator: the state of the simulated payment provider (docs/tixpay.md): payment
// intents, refunds, idempotency keys, the event log and the test cards. A plain state machine:
// every call is handed the time (it never reads a clock), so a test drives it with any time it
// likes and the slow and late cards turn succeeded when a later `now` is passed in.
//
// Not thread-safe: the caller serialises every call (tixpay's SimulatorHost holds one mutex).
// Returned objects are copies, safe to use after the next call.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/time.h"

namespace tix::tixpay {

// The test cards (docs/tixpay.md).
inline constexpr std::string_view kCardSucceeds = "4242424242424242";
inline constexpr std::string_view kCardDeclined = "4000000000000002";
inline constexpr std::string_view kCardSlow = "4000000000000077";
inline constexpr std::string_view kCardLate = "4000000000000341";
// How long after the order's pay_by the late card succeeds.
inline constexpr std::chrono::seconds kLateCardAfterPayBy{1};

// Bounds on what the simulator remembers (it never forgets: a PSP keeps its records). Past them
// the calls that would add more answer kFull instead of growing without bound.
inline constexpr std::size_t kIntentsMax = 1'000'000;
inline constexpr std::size_t kRefundsMax = 1'000'000;
inline constexpr std::size_t kEventsMax = 4'000'000;
static_assert(kIntentsMax + kRefundsMax < kEventsMax,
              "room for each intent's success and each refund's event, and some declines");

enum class IntentStatus : std::uint8_t { kRequiresPayment, kProcessing, kSucceeded };
std::string_view ToString(IntentStatus status);  // "requires_payment", ...

struct Intent {
    std::string id;             // "pi_" + 24 hex
    std::string client_secret;  // id + "_secret_" + 24 hex
    IntentStatus status = IntentStatus::kRequiresPayment;
    std::int64_t amount_minor = 0;
    std::string currency;
    std::string reference;
    TimePoint created{};
    std::int64_t amount_refunded_minor = 0;
    std::optional<std::string> last_payment_error;  // the code of the last declined charge
    std::optional<TimePoint> pay_by;                // the order's deadline at tix
    std::optional<TimePoint> succeeds_at;           // set while processing
};

struct Refund {
    std::string id;  // "re_" + 24 hex
    std::string payment_intent;
    std::string reference;
    std::int64_t amount_minor = 0;
    std::string currency;
    TimePoint created{};
};

enum class EventType : std::uint8_t {
    kPaymentIntentSucceeded,
    kPaymentIntentPaymentFailed,
    kRefundSucceeded,
};
std::string_view ToString(EventType type);  // "payment_intent.succeeded", ...

struct Event {
    std::string id;  // "evt_" + 24 hex
    EventType type = EventType::kPaymentIntentSucceeded;
    TimePoint created{};
    std::variant<Intent, Refund> object;  // the intent or refund after the change
};

// What a new intent is made of; the idempotency key is bound to exactly these.
struct IntentParams {
    std::int64_t amount_minor = 0;
    std::string currency;
    std::string reference;
    std::optional<TimePoint> pay_by;
    bool operator==(const IntentParams&) const = default;
};

enum class CreateOutcome : std::uint8_t {
    kCreated,
    kReplayed,   // the key was used before with the same parameters: the same object
    kKeyReused,  // the key was used before with other parameters: nothing done
    kFull,       // kIntentsMax / kRefundsMax reached
};

struct CreateIntentResult {
    CreateOutcome outcome = CreateOutcome::kCreated;
    Intent intent;  // set for kCreated and kReplayed
};

enum class PayOutcome : std::uint8_t {
    kSucceeded,
    kProcessing,
    kDeclined,  // the intent is back to requires_payment, with last_payment_error
    kUnknownIntent,
    kWrongClientSecret,
    kUnknownCard,
    kAlreadyProcessing,
    kAlreadySucceeded,
    kFull,  // kEventsMax reached
};

struct PayResult {
    PayOutcome outcome = PayOutcome::kSucceeded;
    Intent intent;  // set for kSucceeded, kProcessing and kDeclined
};

enum class RefundOutcome : std::uint8_t {
    kCreated,
    kReplayed,
    kKeyReused,
    kUnknownIntent,
    kNotSucceeded,    // the intent has not been paid
    kAmountTooLarge,  // more than is left to refund
    kFull,
};

struct RefundResult {
    RefundOutcome outcome = RefundOutcome::kCreated;
    Refund refund;  // set for kCreated and kReplayed
};

template <typename T>
struct Page {
    std::vector<T> data;  // oldest first
    bool has_more = false;
};

class PaymentSimulator {
  public:
    // REQUIRES: slow_card_delay >= 0.
    explicit PaymentSimulator(std::chrono::seconds slow_card_delay);

    // Creates an intent, or returns the one `idempotency_key` created before.
    // REQUIRES: params are valid (positive amount, non-empty currency and reference).
    CreateIntentResult CreateIntent(std::string_view idempotency_key, const IntentParams& params,
                                    TimePoint now);

    // Charges `card` to the intent (the client secret proves the caller is the buyer).
    PayResult Pay(std::string_view intent_id, std::string_view client_secret, std::string_view card,
                  TimePoint now);

    // Refunds part or all of a succeeded intent, at once.
    // REQUIRES: amount_minor > 0.
    RefundResult CreateRefund(std::string_view idempotency_key, std::string_view intent_id,
                              std::int64_t amount_minor, TimePoint now);

    // Settles the processing intents whose time has come (succeeds_at <= now), oldest due first.
    void Advance(TimePoint now);

    // Intents created at or after `created_after`, in creation order, after the intent
    // `starting_after` when it is non-empty. nullopt when starting_after names no intent.
    // REQUIRES: limit > 0.
    std::optional<Page<Intent>> ListIntents(TimePoint created_after,
                                            std::string_view starting_after,
                                            std::size_t limit) const;
    // Events after the event `after` (from the first when empty), in creation order. nullopt when
    // `after` names no event. REQUIRES: limit > 0.
    std::optional<Page<Event>> ListEvents(std::string_view after, std::size_t limit) const;

    // Appends the events created since the last call, in creation order: what to deliver.
    void DrainNewEvents(std::vector<Event>& out);

    const Intent* FindIntent(std::string_view id) const;
    std::size_t intent_count() const { return intents_.size(); }
    std::size_t event_count() const { return events_.size(); }

  private:
    struct IntentKey {
        IntentParams params;
        std::size_t index;  // into intents_
    };
    struct RefundKey {
        std::string intent_id;
        std::int64_t amount_minor;
        std::size_t index;  // into refunds_
    };

    Intent* MutableIntent(std::string_view id);
    // Room for one more event, keeping one for each processing intent's success.
    bool EventRoom() const;
    void AddEvent(EventType type, TimePoint now, std::variant<Intent, Refund> object);
    void Succeed(Intent& intent, TimePoint now);
    // When a processing card succeeds.
    TimePoint SucceedsAt(std::string_view card, const Intent& intent, TimePoint now) const;

    std::chrono::seconds slow_card_delay_;
    std::vector<Intent> intents_;  // creation order; `created` never decreases along it
    std::map<std::string, std::size_t, std::less<>> intent_index_;
    std::map<std::string, IntentKey, std::less<>> intent_keys_;
    std::vector<Refund> refunds_;
    std::map<std::string, RefundKey, std::less<>> refund_keys_;
    std::vector<Event> events_;  // creation order
    std::map<std::string, std::size_t, std::less<>> event_index_;
    std::size_t events_drained_ = 0;
    std::set<std::pair<TimePoint, std::string>> processing_;  // (succeeds_at, intent id)
};

}  // namespace tix::tixpay
