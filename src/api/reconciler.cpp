#include "api/reconciler.h"

#include <spdlog/spdlog.h>

#include <future>
#include <map>
#include <optional>

#include "common/rfc3339.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using engine::PaymentEventOutcome;
using engine::PaymentState;

// Submissions wait for their answers in groups of this many: enough to share group commits,
// few enough to stay far below the sequencer's queue.
constexpr std::size_t kSubmitGroup = 256;

// Submits each command and waits for every reply (durable or not: nullopt).
template <typename ReplyType, typename CommandType>
std::vector<std::optional<ReplyType>> SubmitAll(service::Sequencer& sequencer,
                                                std::vector<CommandType> commands) {
    std::vector<std::optional<ReplyType>> replies(commands.size());
    for (std::size_t first = 0; first < commands.size(); first += kSubmitGroup) {
        const std::size_t end = std::min(commands.size(), first + kSubmitGroup);
        std::vector<std::future<void>> answered;
        for (std::size_t i = first; i < end; ++i) {
            auto promise = std::make_shared<std::promise<void>>();
            answered.push_back(promise->get_future());
            service::Completion completion = [&replies, i, promise](engine::Reply&& reply,
                                                                    bool durable) {
                if (durable) replies[i] = std::get<ReplyType>(std::move(reply));
                promise->set_value();
            };
            if (!sequencer.Submit(std::move(commands[i]), std::move(completion))) {
                promise->set_value();
            }
        }
        for (std::future<void>& each : answered) each.wait();
    }
    return replies;
}

std::string_view ActionOf(PaymentEventOutcome outcome) {
    switch (outcome) {
        case PaymentEventOutcome::kLateRefunded:
        case PaymentEventOutcome::kAlreadyPaid:
            return "refunded";
        case PaymentEventOutcome::kUnknownOrder:
        case PaymentEventOutcome::kPaymentMismatch:
        case PaymentEventOutcome::kAmountMismatch:
            return "flagged";
        default:
            return "applied";
    }
}

// An event made from an intent's state, for a change the provider's event list did not carry.
engine::PaymentEvent EventFromIntent(const payments::Intent& intent, engine::PaymentEventKind kind,
                                     std::string_view suffix) {
    engine::PaymentEvent event;
    event.event_id = "reconcile:" + intent.id + ":" + std::string(suffix);
    event.kind = kind;
    event.payment_id = intent.id;
    event.order_id = intent.order_id;
    event.amount_minor = kind == engine::PaymentEventKind::kRefundSucceeded
                             ? intent.amount_refunded_minor
                             : intent.amount_minor;
    event.currency = intent.currency;
    event.refund_id = kind == engine::PaymentEventKind::kRefundSucceeded ? "reconciled" : "";
    event.created = intent.created_at;
    return event;
}

bool FullyRefunded(const payments::Intent& intent) {
    return intent.amount_refunded_minor >= intent.amount_minor;
}

}  // namespace

json::object ReportJson(const ReconcileReport& report) {
    json::array mismatches;
    for (const ReconcileMismatch& m : report.mismatches) {
        mismatches.push_back(json::object{{"kind", m.kind},
                                          {"order_id", m.order_id.value()},
                                          {"payment_id", m.payment_id},
                                          {"detail", m.detail},
                                          {"action", m.action}});
    }
    json::object out{{"started_at", FormatRfc3339(report.started_at)},
                     {"finished_at", FormatRfc3339(report.finished_at)},
                     {"provider_events", report.provider_events},
                     {"provider_intents", report.provider_intents},
                     {"orders_checked", report.orders_checked},
                     {"mismatches", std::move(mismatches)}};
    if (!report.error.empty()) out["error"] = report.error;
    return out;
}

Reconciler::Reconciler(PaymentService& payments, Clock clock)
    : payments_(payments), clock_(std::move(clock)) {}

bool Reconciler::Run(std::function<void(const ReconcileReport&)> done) {
    return payments_.pool().Submit([this, done] { done(RunNow()); });
}

ReconcileReport Reconciler::RunNow() {
    std::lock_guard lock(run_mutex_);
    ReconcileReport report;
    report.started_at = clock_();
    ApplyProviderEvents(report);
    if (report.error.empty()) {
        Result<std::vector<payments::Intent>> intents =
            payments_.provider().ListIntents(TimePoint{});
        if (!intents.ok()) {
            report.error = "listing intents: " + intents.status().ToString();
        } else {
            report.provider_intents = intents->size();
            CompareIntents(*intents, report);
            CompareBooks(*intents, report);
        }
    }
    report.finished_at = clock_();
    spdlog::info("payments: reconciled {} events, {} intents, {} orders: {} mismatches{}",
                 report.provider_events, report.provider_intents, report.orders_checked,
                 report.mismatches.size(), report.error.empty() ? "" : " (" + report.error + ")");
    return report;
}

void Reconciler::ApplyProviderEvents(ReconcileReport& report) {
    std::string last = event_cursor_;
    Result<std::vector<engine::PaymentEvent>> events =
        payments_.provider().ListEvents(event_cursor_, last);
    if (!events.ok()) {
        report.error = "listing events: " + events.status().ToString();
        return;
    }
    report.provider_events = events->size();
    std::vector<engine::ApplyPaymentEvent> commands;
    for (engine::PaymentEvent& event : *events) commands.push_back({std::move(event)});
    const auto replies = SubmitAll<engine::PaymentEventReply>(payments_.sequencer(), commands);
    for (std::size_t i = 0; i < replies.size(); ++i) {
        const engine::PaymentEvent& event = commands[i].event;
        if (!replies[i]) {
            report.error = "the engine did not take event " + event.event_id;
            return;  // the cursor stays: the next run reads these again
        }
        if (replies[i]->refund) payments_.AskRefund(*replies[i]->refund, [](bool) {});
        if (replies[i]->outcome == PaymentEventOutcome::kDuplicate) continue;
        report.mismatches.push_back({"missed_webhook", event.order_id, event.payment_id,
                                     std::string(engine::ToString(event.kind)) + " " +
                                         event.event_id + ": " +
                                         std::string(engine::ToString(replies[i]->outcome)),
                                     std::string(ActionOf(replies[i]->outcome))});
    }
    event_cursor_ = last;
}

std::optional<engine::PaymentsReply> Reconciler::ReadBooks(ReconcileReport& report) {
    auto books =
        SubmitAll<engine::PaymentsReply>(payments_.sequencer(), std::vector{engine::GetPayments{}});
    if (!books[0]) report.error = "the engine did not answer";
    return std::move(books[0]);
}

void Reconciler::CompareIntents(const std::vector<payments::Intent>& intents,
                                ReconcileReport& report) {
    const std::optional<engine::PaymentsReply> books = ReadBooks(report);
    if (!books) return;
    std::map<OrderId, engine::Payment> tix;
    for (const engine::Payment& payment : books->payments) tix[payment.order_id] = payment;
    std::vector<engine::ApplyPaymentEvent> fixes;
    std::vector<std::string> kinds;
    for (const payments::Intent& intent : intents) {
        const auto found = tix.find(intent.order_id);
        const engine::Payment* payment = found == tix.end() ? nullptr : &found->second;
        if (payment != nullptr && payment->payment_id == intent.id &&
            (payment->amount_minor != intent.amount_minor ||
             payment->currency != intent.currency)) {
            report.mismatches.push_back(
                {"amount_mismatch", intent.order_id, intent.id,
                 "the provider has " + std::to_string(intent.amount_minor) + " " + intent.currency,
                 "flagged"});
            continue;
        }
        const PaymentState state =
            payment == nullptr ? PaymentState::kRequiresPayment : payment->state;
        if (intent.status == "succeeded" && state == PaymentState::kRequiresPayment) {
            fixes.push_back({EventFromIntent(intent, engine::PaymentEventKind::kPaymentSucceeded,
                                             "succeeded")});
            kinds.push_back("paid_at_provider_not_in_tix");
        } else if (intent.status == "succeeded" && FullyRefunded(intent) &&
                   state != PaymentState::kRefunded) {
            fixes.push_back(
                {EventFromIntent(intent, engine::PaymentEventKind::kRefundSucceeded, "refunded")});
            kinds.push_back("refund_not_applied");
        }
    }
    const auto replies = SubmitAll<engine::PaymentEventReply>(payments_.sequencer(), fixes);
    for (std::size_t i = 0; i < replies.size(); ++i) {
        const engine::PaymentEvent& event = fixes[i].event;
        if (replies[i] && replies[i]->refund) {
            payments_.AskRefund(*replies[i]->refund, [](bool) {});
        }
        const std::string action =
            replies[i] ? std::string(ActionOf(replies[i]->outcome)) : "flagged";
        report.mismatches.push_back({kinds[i], event.order_id, event.payment_id,
                                     "applied from the provider's intent", action});
    }
}

void Reconciler::CompareBooks(const std::vector<payments::Intent>& intents,
                              ReconcileReport& report) {
    const std::optional<engine::PaymentsReply> books = ReadBooks(report);
    if (!books) return;
    std::map<std::string, const payments::Intent*> by_id;
    for (const payments::Intent& intent : intents) by_id[intent.id] = &intent;
    std::map<OrderId, const engine::Payment*> payment_of;
    for (const engine::Payment& payment : books->payments) {
        payment_of[payment.order_id] = &payment;
    }
    report.orders_checked = books->orders.size() + books->campaign_orders.size();
    // Ticket and campaign orders alike: only the id and whether tix has it paid matter here.
    std::vector<std::pair<OrderId, bool>> orders;
    for (const engine::Order& order : books->orders) {
        orders.emplace_back(order.order_id, order.status == engine::OrderStatus::kPaid);
    }
    for (const engine::CampaignOrder& order : books->campaign_orders) {
        orders.emplace_back(order.order_id, order.status == engine::CampaignOrderStatus::kPaid);
    }
    for (const auto& [order_id, paid] : orders) {
        const auto found = payment_of.find(order_id);
        const engine::Payment* payment = found == payment_of.end() ? nullptr : found->second;
        const auto intent_it = payment == nullptr ? by_id.end() : by_id.find(payment->payment_id);
        const payments::Intent* intent = intent_it == by_id.end() ? nullptr : intent_it->second;
        if (paid &&
            (intent == nullptr || intent->status != "succeeded" || FullyRefunded(*intent))) {
            report.mismatches.push_back(
                {"paid_without_payment", order_id, payment == nullptr ? "" : payment->payment_id,
                 "paid in tix, no payment kept at the provider", "flagged"});
        }
        if (payment != nullptr && payment->state == PaymentState::kRefundPending &&
            (intent == nullptr || !FullyRefunded(*intent))) {
            const bool ok = payments_.AskRefundNow(engine::RefundDueOf(*payment));
            report.mismatches.push_back({"refund_missing", order_id, payment->payment_id,
                                         "tix is waiting for a refund the provider has not made",
                                         ok ? "refunded" : "flagged"});
        }
    }
}

}  // namespace tix::api
