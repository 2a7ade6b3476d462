#include "service/sim_payment_clients.h"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "engine/dispatch.h"

namespace tix::service {
namespace {

using namespace std::chrono_literals;
using engine::PaymentEventKind;
using engine::PaymentEventOutcome;
using engine::PaymentState;

// Recent orders a client may pay for or refund: enough to spread over events, few enough that
// most are still held (or paid) when picked.
constexpr std::size_t kCandidatesMax = 32;
// Acknowledged events applied again after each recovery (every one is checked as seen).
constexpr std::size_t kRedeliveriesPerRecovery = 20;

std::uint64_t Below(std::mt19937_64& rng, std::uint64_t n) { return n == 0 ? 0 : rng() % n; }
bool Chance(std::mt19937_64& rng, std::uint64_t percent) { return Below(rng, 100) < percent; }

OrderId OrderOf(OrderId order_id) { return order_id; }
OrderId OrderOf(const engine::Payment& payment) { return payment.order_id; }

std::string IntentId(OrderId order_id) { return "pi_" + std::to_string(order_id.value()); }

std::string Name(const engine::PaymentEvent& event) {
    return event.event_id + " (" + std::string(engine::ToString(event.kind)) + ", order " +
           std::to_string(event.order_id.value()) + ")";
}

void Keep(std::vector<std::pair<OrderId, UserId>>& list, OrderId order_id, UserId user_id) {
    if (std::any_of(list.begin(), list.end(), [&](const auto& c) { return c.first == order_id; })) {
        return;
    }
    if (list.size() >= kCandidatesMax) list.erase(list.begin());
    list.emplace_back(order_id, user_id);
}

}  // namespace

void SimPaymentClients::Told(const engine::Order& order) {
    if (order.status == engine::OrderStatus::kHeld) {
        Keep(held_, order.order_id, order.user_id);
    } else if (order.status == engine::OrderStatus::kPaid) {
        Keep(paid_, order.order_id, order.user_id);
    }
}

std::optional<engine::Command> SimPaymentClients::NextClientCommand(std::mt19937_64& rng,
                                                                    UserId admin) {
    const bool refund = !paid_.empty() && (held_.empty() || Chance(rng, 30));
    std::vector<std::pair<OrderId, UserId>>& list = refund ? paid_ : held_;
    if (list.empty()) return std::nullopt;
    const auto picked = list.begin() + static_cast<std::ptrdiff_t>(Below(rng, list.size()));
    const auto [order_id, owner] = *picked;
    list.erase(picked);
    if (refund) {
        const engine::Actor actor =
            Chance(rng, 30) ? engine::Actor{admin, true} : engine::Actor{owner, false};
        return engine::RequestRefund{actor, order_id};
    }
    const engine::Actor actor =
        Chance(rng, 3) ? engine::Actor{admin, true} : engine::Actor{owner, false};
    return engine::OpenPayment{actor, order_id,
                               2s + std::chrono::milliseconds(Below(rng, 178'000))};
}

std::vector<engine::Command> SimPaymentClients::DueCommands(std::mt19937_64& rng, TimePoint now) {
    std::vector<engine::Command> due = std::exchange(follow_ups_, {});
    for (Delivery& delivery : outbox_) {
        if (delivery.due_at > now) continue;
        // Until acknowledged, one delivery at a time; copies go out besides, acknowledged or not.
        const bool copy = delivery.acked || delivery.in_flight > 0;
        if (copy && delivery.copies == 0) continue;
        if (copy) --delivery.copies;
        ++delivery.in_flight;
        // The provider's next attempt, if this one gets no 2xx.
        delivery.due_at = now + 1s + std::chrono::milliseconds(Below(rng, 9'000));
        if (delivery.event.kind == PaymentEventKind::kPaymentSucceeded) {
            succeeded_submitted_.insert(delivery.event.order_id);
        }
        due.push_back(engine::ApplyPaymentEvent{delivery.event});
    }
    return due;
}

void SimPaymentClients::OnAnswer(const engine::Command& sent, const engine::Reply& reply,
                                 bool durable, const SimDurableLog& log, std::mt19937_64& rng,
                                 TimePoint now, Problems& problems) {
    if (const auto* apply = std::get_if<engine::ApplyPaymentEvent>(&sent)) {
        OnEventAnswer(apply->event, std::get<engine::PaymentEventReply>(reply), durable, log, rng,
                      now, problems);
        return;
    }
    if (!durable) return;  // lost: the buyer tries again, or the order's deadline settles it
    const auto& answer = std::get<engine::PaymentReply>(reply);
    const std::string outcome(engine::ToString(answer.outcome));
    const OrderId order_id = answer.order ? answer.order->order.order_id : OrderId{};
    if (answer.payment) {
        const bool made =
            intents_.contains(order_id) && answer.payment->payment_id == IntentId(order_id);
        if (!made) {
            problems.push_back("order " + std::to_string(order_id.value()) + " has payment " +
                               answer.payment->payment_id + ", which the provider never made");
        }
        if (!log.HoldsPayment(*answer.payment)) {
            problems.push_back("acknowledged payment " + answer.payment->payment_id + " (" +
                               std::string(engine::ToString(answer.payment->state)) +
                               ") of order " + std::to_string(order_id.value()) +
                               " is not durable");
        }
    }
    if (std::holds_alternative<engine::OpenPayment>(sent)) {
        ++stats_["open_payment:" + outcome];
        const bool open_now = answer.outcome == engine::OrderOutcome::kOk ||
                              answer.outcome == engine::OrderOutcome::kPaymentPending;
        if (open_now && !answer.payment && answer.order) CreateIntent(rng, *answer.order, now);
    } else if (std::holds_alternative<engine::AttachPayment>(sent)) {
        ++stats_["attach_payment:" + outcome];
        if (answer.outcome == engine::OrderOutcome::kUnknownOrder) {
            problems.push_back(
                "the intent of acknowledged order " +
                std::to_string(std::get<engine::AttachPayment>(sent).intent.order_id.value()) +
                " found no order");
        }
    } else if (std::holds_alternative<engine::AbandonPayment>(sent)) {
        ++stats_["abandon_payment:" + outcome];
    } else if (std::holds_alternative<engine::RequestRefund>(sent)) {
        ++stats_["request_refund:" + outcome];
        if (answer.outcome == engine::OrderOutcome::kOk &&
            (!answer.order || answer.order->order.status != engine::OrderStatus::kRefundPending ||
             !answer.refund)) {
            problems.push_back("a refund of order " + std::to_string(order_id.value()) +
                               " answered ok but is not being refunded");
        }
        if (answer.refund) Refund(rng, *answer.refund, now, problems);
    }
}

void SimPaymentClients::CreateIntent(std::mt19937_64& rng, const engine::OrderSnapshot& snapshot,
                                     TimePoint now) {
    const engine::Order& order = snapshot.order;
    engine::Payment intent{order.order_id,
                           IntentId(order.order_id),
                           "secret_" + std::to_string(order.order_id.value()),
                           order.amount_minor,
                           snapshot.event->zones[order.zone_index].currency,
                           PaymentState::kRequiresPayment,
                           {},
                           now,
                           now};
    if (intents_.contains(order.order_id)) {
        // Asked again under the order's key: the same intent, recorded again.
        follow_ups_.push_back(engine::AttachPayment{std::move(intent)});
        return;
    }
    if (Chance(rng, 4)) {
        ++stats_["provider_down"];
        follow_ups_.push_back(engine::AbandonPayment{order.order_id});
        return;
    }
    intents_[order.order_id] = {order.user_id, intent.amount_minor, intent.currency};
    if (Chance(rng, 90)) {
        follow_ups_.push_back(engine::AttachPayment{std::move(intent)});
    } else {
        ++stats_["intent_not_recorded"];  // tixd died between the provider and the journal
    }
    if (Chance(rng, 15)) return;  // the buyer walks away
    const bool declined = Chance(rng, 30);
    if (declined) Emit(rng, PaymentEventKind::kPaymentFailed, order.order_id, now);
    if (!declined || Chance(rng, 50)) {
        Emit(rng, PaymentEventKind::kPaymentSucceeded, order.order_id, now);
        if (Chance(rng, 3)) {  // refunded from the provider's dashboard, tix not asked
            Problems none;
            Refund(rng,
                   {order.order_id, IntentId(order.order_id), intents_[order.order_id].amount_minor,
                    intents_[order.order_id].currency},
                   now, none);
        }
    }
}

void SimPaymentClients::Emit(std::mt19937_64& rng, PaymentEventKind kind, OrderId order_id,
                             TimePoint now) {
    Intent& intent = intents_.at(order_id);
    engine::PaymentEvent event;
    event.event_id = "evt_" + std::to_string(next_event_++);
    event.kind = kind;
    event.payment_id = IntentId(order_id);
    event.order_id = order_id;
    event.amount_minor = intent.amount_minor;
    event.currency = intent.currency;
    if (kind == PaymentEventKind::kRefundSucceeded) event.refund_id = "re_" + IntentId(order_id);
    event.created = now;
    if (kind == PaymentEventKind::kPaymentSucceeded) intent.succeeded = true;
    // Mostly at once; some long after every deadline of the order passed.
    const std::chrono::milliseconds delay =
        Chance(rng, 85) ? std::chrono::milliseconds(Below(rng, 3'000))
                        : 30s + std::chrono::milliseconds(Below(rng, 400'000));
    const std::uint64_t roll = Below(rng, 100);
    const int copies = roll < 60 ? 0 : roll < 85 ? 1 : 2;
    outbox_.push_back({std::move(event), now + delay, copies, 0, false});
    ++stats_["provider_events"];
}

void SimPaymentClients::Refund(std::mt19937_64& rng, const engine::RefundDue& due, TimePoint now,
                               Problems& problems) {
    const std::string what = "a refund of order " + std::to_string(due.order_id.value());
    const auto found = intents_.find(due.order_id);
    if (found == intents_.end() || !found->second.succeeded) {
        problems.push_back(what + ", whose money the provider never took");
        return;
    }
    Intent& intent = found->second;
    if (due.payment_id != IntentId(due.order_id) || due.amount_minor != intent.amount_minor ||
        due.currency != intent.currency) {
        problems.push_back(what + " names " + due.payment_id + " " +
                           std::to_string(due.amount_minor) + " " + due.currency +
                           ", not its intent's");
    }
    if (intent.refunded) return;  // one refund per payment, however often asked
    intent.refunded = true;
    ++stats_["provider_refunds"];
    Emit(rng, PaymentEventKind::kRefundSucceeded, due.order_id, now);
}

void SimPaymentClients::OnEventAnswer(const engine::PaymentEvent& event,
                                      const engine::PaymentEventReply& reply, bool durable,
                                      const SimDurableLog& log, std::mt19937_64& rng, TimePoint now,
                                      Problems& problems) {
    Delivery* delivery = FindDelivery(event.event_id);
    if (delivery != nullptr && delivery->in_flight > 0) --delivery->in_flight;
    if (!durable) return;  // no 2xx: delivered again when due
    ++stats_["event:" + std::string(engine::ToString(event.kind)) + ":" +
             std::string(engine::ToString(reply.outcome))];
    if (!log.HasPaymentEvent(event.event_id)) {
        problems.push_back("acknowledged event " + Name(event) + " is not durable");
    }
    switch (reply.outcome) {
        case PaymentEventOutcome::kUnknownOrder:
        case PaymentEventOutcome::kPaymentMismatch:
        case PaymentEventOutcome::kAmountMismatch:
            problems.push_back("event " + Name(event) + " of the order's own intent answered " +
                               std::string(engine::ToString(reply.outcome)));
            break;
        default:
            break;
    }
    const auto [it, fresh] = acked_.try_emplace(event.event_id, event);
    if (fresh) {
        acked_ids_.push_back(event.event_id);
    } else if (reply.outcome != PaymentEventOutcome::kDuplicate) {
        problems.push_back("event " + Name(event) + ", acknowledged before, answered " +
                           std::string(engine::ToString(reply.outcome)) + " again");
    }
    if (delivery != nullptr) delivery->acked = true;
    if (reply.refund) Refund(rng, *reply.refund, now, problems);
    std::erase_if(outbox_,
                  [](const Delivery& d) { return d.acked && d.copies == 0 && d.in_flight == 0; });
}

void SimPaymentClients::OnRefused(const engine::Command& sent, TimePoint now) {
    const auto* apply = std::get_if<engine::ApplyPaymentEvent>(&sent);
    if (apply == nullptr) return;
    if (Delivery* delivery = FindDelivery(apply->event.event_id)) {
        if (delivery->in_flight > 0) --delivery->in_flight;
        delivery->due_at = now + 1s;
    }
}

void SimPaymentClients::OnRestart(TimePoint) {
    for (Delivery& delivery : outbox_) delivery.in_flight = 0;
    std::erase_if(outbox_, [](const Delivery& d) { return d.acked && d.copies == 0; });
    follow_ups_.clear();  // tixd's payment service died with the process
}

SimPaymentClients::Delivery* SimPaymentClients::FindDelivery(const std::string& event_id) {
    const auto found = std::find_if(outbox_.begin(), outbox_.end(), [&](const Delivery& d) {
        return d.event.event_id == event_id;
    });
    return found == outbox_.end() ? nullptr : &*found;
}

void SimPaymentClients::CheckRecovered(const engine::RecoveredState& loaded, engine::Engine& engine,
                                       const SimDurableLog& log, std::mt19937_64& rng,
                                       TimePoint now, Problems& problems) {
    const engine::PaymentSnapshot expected = log.ExpectedPayments();
    if (loaded.payments.payments != expected.payments) {
        problems.push_back("Load returned " + std::to_string(loaded.payments.payments.size()) +
                           " payments, other than the durable log's " +
                           std::to_string(expected.payments.size()));
    }
    if (loaded.payments.event_ids != expected.event_ids) {
        problems.push_back("Load returned " + std::to_string(loaded.payments.event_ids.size()) +
                           " applied events, the durable log has " +
                           std::to_string(expected.event_ids.size()));
    }
    // Every payment Load returned, as it was; and no other (every payment is of an intent).
    for (const engine::Payment& payment : loaded.payments.payments) {
        const engine::Payment* is = engine.FindPayment(payment.order_id);
        if (is == nullptr || *is != payment) {
            problems.push_back("the recovered engine's payment of order " +
                               std::to_string(payment.order_id.value()) +
                               " is not the one Load returned");
        }
    }
    for (const auto& [order_id, intent] : intents_) {
        const bool loaded_it = std::binary_search(
            loaded.payments.payments.begin(), loaded.payments.payments.end(), order_id,
            [](const auto& a, const auto& b) { return OrderOf(a) < OrderOf(b); });
        if (!loaded_it && engine.FindPayment(order_id) != nullptr) {
            problems.push_back("the recovered engine has a payment of order " +
                               std::to_string(order_id.value()) + ", which Load did not return");
        }
    }
    for (const std::string& id : acked_ids_) {
        if (!engine.PaymentEventSeen(id)) {
            problems.push_back("acknowledged event " + Name(acked_.at(id)) +
                               " is not seen after recovery");
        }
    }
    for (std::size_t n = 0; n < kRedeliveriesPerRecovery && !acked_ids_.empty(); ++n) {
        const engine::PaymentEvent& event = acked_.at(acked_ids_[Below(rng, acked_ids_.size())]);
        engine::Command again = engine::ApplyPaymentEvent{event};
        const auto reply = std::get<engine::PaymentEventReply>(engine::Apply(engine, again, now));
        if (reply.outcome != PaymentEventOutcome::kDuplicate || engine.HasChanges()) {
            problems.push_back("after recovery acknowledged event " + Name(event) +
                               " delivered again answered " +
                               std::string(engine::ToString(reply.outcome)) +
                               (engine.HasChanges() ? " and changed the engine" : ""));
            return;
        }
    }
    stats_["redeliveries_checked_after_restart"] +=
        std::min(kRedeliveriesPerRecovery, acked_ids_.size());
    CheckBooks(engine, problems);
    // tixd asks the provider again for every refund it waits for.
    for (const engine::RefundDue& due : engine.RefundsDue()) Refund(rng, due, now, problems);
}

void SimPaymentClients::CheckBooks(const engine::Engine& engine, Problems& problems) const {
    // Every payment is of an intent the provider made (CheckSettled): look them up by order
    // rather than copy the engine's books at every check.
    for (const auto& [order_id, intent] : intents_) {
        const engine::Payment* payment = engine.FindPayment(order_id);
        if (payment == nullptr || payment->state != PaymentState::kSucceeded) continue;
        const engine::Order* order = engine.FindOrder(order_id);
        if (order == nullptr || order->status != engine::OrderStatus::kPaid) {
            problems.push_back("money taken for order " + std::to_string(order_id.value()) + " (" +
                               payment->payment_id + "), which is " +
                               (order ? std::string(engine::ToString(order->status)) : "gone"));
        }
    }
}

void SimPaymentClients::CheckSettled(const engine::Engine& engine, Problems& problems) const {
    for (const auto& [order_id, intent] : intents_) {
        const engine::Payment* payment = engine.FindPayment(order_id);
        const engine::Order* order = engine.FindOrder(order_id);
        const std::string what =
            "settled: order " + std::to_string(order_id.value()) + " (" +
            (order ? std::string(engine::ToString(order->status)) : "gone") + ", payment " +
            (payment ? std::string(engine::ToString(payment->state)) : "none") + ")";
        if (intent.refunded) {
            if (payment == nullptr || payment->state != PaymentState::kRefunded) {
                problems.push_back(what + ": the provider gave the money back");
            }
        } else if (intent.succeeded) {
            if (payment == nullptr || payment->state != PaymentState::kSucceeded ||
                order == nullptr || order->status != engine::OrderStatus::kPaid) {
                problems.push_back(what + ": the provider keeps its money");
            }
        } else if (payment != nullptr && payment->state != PaymentState::kRequiresPayment) {
            problems.push_back(what + ": the provider never took its money");
        }
    }
    for (const engine::Payment& payment : engine.Payments()) {
        if (!intents_.contains(payment.order_id)) {
            problems.push_back("settled: order " + std::to_string(payment.order_id.value()) +
                               " has a payment the provider never made");
        }
    }
}

std::string SimPaymentClients::Describe(const engine::Command& sent) {
    return std::visit(
        [](const auto& command) -> std::string {
            using T = std::decay_t<decltype(command)>;
            if constexpr (std::is_same_v<T, engine::OpenPayment>) {
                return "OpenPayment of order " + std::to_string(command.order_id.value());
            } else if constexpr (std::is_same_v<T, engine::AttachPayment>) {
                return "AttachPayment of order " + std::to_string(command.intent.order_id.value());
            } else if constexpr (std::is_same_v<T, engine::AbandonPayment>) {
                return "AbandonPayment of order " + std::to_string(command.order_id.value());
            } else if constexpr (std::is_same_v<T, engine::RequestRefund>) {
                return "RequestRefund of order " + std::to_string(command.order_id.value());
            } else if constexpr (std::is_same_v<T, engine::ApplyPaymentEvent>) {
                return "ApplyPaymentEvent " + Name(command.event);
            } else {
                return "a command";
            }
        },
        sent);
}

}  // namespace tix::service
