#include "api/payment_service.h"

#include <spdlog/spdlog.h>

#include <future>
#include <utility>

#include "api/problems.h"
#include "api/views.h"
#include "common/rfc3339.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using engine::OrderOutcome;
using http::beast_http::status;

// Binds a pool thread to the IO thread's completion home while it submits, so the completion
// (the response) runs back on that IO thread, not on the sequencer's writer.
class HomeBinding {
  public:
    explicit HomeBinding(service::CompletionHome* home) {
        service::CompletionHome::BindToThisThread(home);
    }
    ~HomeBinding() { service::CompletionHome::BindToThisThread(nullptr); }
    HomeBinding(const HomeBinding&) = delete;
    HomeBinding& operator=(const HomeBinding&) = delete;
};

// The answer to /pay or /refund for an order outcome that is not a success.
http::Response PaymentProblem(OrderOutcome outcome) {
    if (outcome == OrderOutcome::kUnchanged) return OrderProblem(OrderOutcome::kPaid);
    if (outcome == OrderOutcome::kNotPaymentPending) return OrderProblem(OrderOutcome::kPaid);
    return OrderProblem(outcome);
}

http::Response WebhookAnswer(std::string_view outcome) {
    return http::JsonResponse(status::ok, json::object{{"received", true}, {"outcome", outcome}});
}

}  // namespace

bool NeedsAPerson(engine::PaymentEventOutcome outcome) {
    return outcome == engine::PaymentEventOutcome::kUnknownOrder ||
           outcome == engine::PaymentEventOutcome::kPaymentMismatch ||
           outcome == engine::PaymentEventOutcome::kAmountMismatch;
}

std::string IntentKey(OrderId order_id) { return "tix-order-" + std::to_string(order_id.value()); }

PaymentService::PaymentService(service::Sequencer& sequencer, payments::PaymentProvider& provider,
                               payments::ProviderCallPool& pool, Clock clock,
                               PaymentSettings settings)
    : sequencer_(sequencer),
      provider_(provider),
      pool_(pool),
      clock_(std::move(clock)),
      settings_(settings) {}

http::Response PaymentService::PaymentResponse(const engine::PaymentReply& reply,
                                               bool replayed) const {
    const engine::Payment& payment = *reply.payment;
    payments::Intent intent;
    intent.id = payment.payment_id;
    json::object body{
        {"payment_id", payment.payment_id},
        {"client_secret", payment.client_secret},
        {"provider_url", provider_.payment_url(intent)},
        {"amount_minor", payment.amount_minor},
        {"currency", payment.currency},
        {"payment_status", engine::ToString(payment.state)},
        {"order", OrderJsonOf(reply)},
    };
    const OrderTerms order = *TermsOf(reply);
    body["expires_at"] = order.payment_pending
                             ? json::value(FormatRfc3339(order.payment_expires_at))
                             : json::value(nullptr);
    http::Response response = http::JsonResponse(status::created, body);
    if (replayed) response.set("Idempotent-Replayed", "true");
    return response;
}

void PaymentService::Pay(const engine::Actor& actor, OrderId order_id, http::Responder respond) {
    service::Completion completion = [this, respond](engine::Reply&& reply, bool durable) {
        if (!durable) return respond(StorageUnavailable());
        const auto& opened = std::get<engine::PaymentReply>(reply);
        const bool open =
            opened.outcome == OrderOutcome::kOk || opened.outcome == OrderOutcome::kPaymentPending;
        if (!open) return respond(PaymentProblem(opened.outcome));
        // The intent is there already (a retry, another tab): the same answer again.
        if (opened.payment) {
            return respond(PaymentResponse(opened, opened.outcome != OrderOutcome::kOk));
        }
        CreateIntent(*TermsOf(opened), respond);
    };
    if (!sequencer_.Submit(engine::OpenPayment{actor, order_id, settings_.grace},
                           std::move(completion))) {
        respond(Overloaded());
    }
}

void PaymentService::CreateIntent(const OrderTerms& order, http::Responder respond) {
    payments::IntentRequest request;
    request.order_id = order.order_id;
    request.amount_minor = order.amount_minor;
    request.currency = order.currency;
    request.idempotency_key = IntentKey(order.order_id);
    request.pay_by = order.payment_expires_at;
    service::CompletionHome* home = service::CompletionHome::Current();
    const bool queued = pool_.Submit([this, request, order, home, respond] {
        Result<payments::Intent> intent = provider_.CreateIntent(request);
        HomeBinding binding(home);
        if (!intent.ok()) {
            spdlog::warn("payments: no intent for order {}: {}", request.order_id.value(),
                         intent.status().ToString());
            return Abandon(request.order_id,
                           http::ProblemResponse(http::Problem::kPaymentProviderUnavailable),
                           respond);
        }
        Attach(order, *intent, respond);
    });
    if (!queued) Abandon(order.order_id, Overloaded(), respond);
}

void PaymentService::Attach(const OrderTerms& order, const payments::Intent& intent,
                            http::Responder respond) {
    // The order's price, not the provider's echo of it: an event for another amount is refused.
    engine::Payment payment;
    payment.order_id = order.order_id;
    payment.payment_id = intent.id;
    payment.client_secret = intent.client_secret;
    payment.amount_minor = order.amount_minor;
    payment.currency = order.currency;
    service::Completion completion = [this, respond](engine::Reply&& reply, bool durable) {
        if (!durable) return respond(StorageUnavailable());
        const auto& attached = std::get<engine::PaymentReply>(reply);
        if (!attached.payment) return respond(PaymentProblem(attached.outcome));
        respond(PaymentResponse(attached, false));
    };
    if (!sequencer_.Submit(engine::AttachPayment{std::move(payment)}, std::move(completion))) {
        // The order stays payment_pending without an intent until its deadline; a retry of
        // /pay asks the provider again under the same key and attaches the same intent.
        respond(Overloaded());
    }
}

void PaymentService::Abandon(OrderId order_id, http::Response answer, http::Responder respond) {
    service::Completion completion = [answer = std::move(answer), respond](engine::Reply&&,
                                                                           bool) mutable {
        respond(std::move(answer));
    };
    if (!sequencer_.Submit(engine::AbandonPayment{order_id}, std::move(completion))) {
        respond(Overloaded());
    }
}

void PaymentService::Refund(const engine::Actor& actor, OrderId order_id, http::Responder respond) {
    service::Completion completion = [this, respond](engine::Reply&& reply, bool durable) {
        if (!durable) return respond(StorageUnavailable());
        auto refunded = std::get<engine::PaymentReply>(std::move(reply));
        if (refunded.outcome != OrderOutcome::kOk && refunded.outcome != OrderOutcome::kUnchanged) {
            return respond(OrderProblem(refunded.outcome));
        }
        // Rendered here, on the IO thread; the provider's answer only picks the status code.
        json::object order = OrderJsonOf(refunded);
        if (!refunded.refund) return respond(http::JsonResponse(status::ok, std::move(order)));
        service::CompletionHome* home = service::CompletionHome::Current();
        AskRefund(*refunded.refund, [home, order = std::move(order), respond](bool asked) {
            // Not asked (the provider is down): the refund is asked again by the next sweep;
            // the order is refund_pending either way.
            HomeBinding binding(home);
            respond(http::JsonResponse(asked ? status::ok : status::accepted, order));
        });
    };
    if (!sequencer_.Submit(engine::RequestRefund{actor, order_id}, std::move(completion))) {
        respond(Overloaded());
    }
}

void PaymentService::AskRefund(const engine::RefundDue& refund,
                               std::function<void(bool asked)> done) {
    const bool queued = pool_.Submit([this, refund, done] { done(AskRefundNow(refund)); });
    if (!queued) done(false);
}

bool PaymentService::AskRefundNow(const engine::RefundDue& refund) {
    const payments::RefundRequest request{refund.payment_id, refund.amount_minor,
                                          engine::RefundKey(refund.payment_id)};
    Result<payments::Refund> asked = provider_.CreateRefund(request);
    if (!asked.ok()) {
        spdlog::warn("payments: refund of order {} ({}) not asked: {}", refund.order_id.value(),
                     refund.payment_id, asked.status().ToString());
    }
    return asked.ok();
}

void PaymentService::AskPendingRefunds() {
    std::promise<std::vector<engine::RefundDue>> due;
    service::Completion completion = [&due](engine::Reply&& reply, bool) {
        std::vector<engine::RefundDue> refunds;
        for (const engine::Payment& payment : std::get<engine::PaymentsReply>(reply).payments) {
            if (payment.state == engine::PaymentState::kRefundPending) {
                refunds.push_back(engine::RefundDueOf(payment));
            }
        }
        due.set_value(std::move(refunds));
    };
    if (!sequencer_.Submit(engine::GetPayments{}, std::move(completion))) return;
    for (const engine::RefundDue& refund : due.get_future().get()) {
        AskRefund(refund, [](bool) {});
    }
}

void PaymentService::Webhook(const http::RequestContext& context, http::Responder respond) {
    engine::PaymentEvent event;
    const payments::WebhookVerdict verdict = provider_.ReadWebhook(
        context.Header(provider_.signature_header_name()), context.request.body(), clock_(), event);
    switch (verdict) {
        case payments::WebhookVerdict::kBadSignature:
            return respond(http::ProblemResponse(http::Problem::kInvalidWebhookSignature));
        case payments::WebhookVerdict::kStale:
            return respond(http::ProblemResponse(http::Problem::kStaleWebhook));
        case payments::WebhookVerdict::kMalformed:
            return respond(http::ProblemResponse(http::Problem::kInvalidWebhook));
        case payments::WebhookVerdict::kIgnored:
            return respond(WebhookAnswer("ignored"));
        case payments::WebhookVerdict::kOk:
            break;
    }
    const OrderId order_id = event.order_id;
    service::Completion completion = [this, respond, order_id](engine::Reply&& reply,
                                                               bool durable) {
        if (!durable) return respond(StorageUnavailable());  // the provider retries
        const auto& applied = std::get<engine::PaymentEventReply>(reply);
        if (applied.refund) AskRefund(*applied.refund, [](bool) {});
        if (NeedsAPerson(applied.outcome)) {
            spdlog::warn("payments: an event flagged {} (order {}): see POST /admin/reconcile",
                         engine::ToString(applied.outcome), order_id.value());
        }
        respond(WebhookAnswer(engine::ToString(applied.outcome)));
    };
    const std::string event_id = event.event_id;
    const engine::PaymentEventKind kind = event.kind;
    if (!sequencer_.Submit(engine::ApplyPaymentEvent{std::move(event)}, std::move(completion))) {
        return respond(Overloaded());
    }
    spdlog::debug("payments: webhook {} ({}) for order {}", event_id, engine::ToString(kind),
                  order_id.value());
}

}  // namespace tix::api
