#include "api/payment_routes.h"

#include "api/problems.h"
#include "api/route_support.h"

namespace tix::api {
namespace {

using engine::OrderOutcome;
using http::Access;
using http::beast_http::status;
using http::beast_http::verb;

engine::Actor ActorOf(const http::RequestContext& context) {
    return {context.principal->user_id, context.principal->is_admin()};
}

// Keys are accepted as on every write; one intent and one refund per order make them moot.
bool KeyIsValid(const http::RequestContext& context, const http::Responder& respond) {
    if (context.Header("Idempotency-Key").size() <= engine::kMaxIdempotencyKeyLength) return true;
    respond(http::ProblemResponse(http::Problem::kInvalidIdempotencyKey, "at most 255 characters"));
    return false;
}

}  // namespace

void AddPaymentRoutes(http::Router& router, PaymentService& payments, Reconciler& reconciler) {
    router.Add(verb::post, "/api/v1/orders/{order_id}/pay", Access::kUser,
               [&payments](http::RequestContext& context, http::Responder respond) {
                   const auto order_id = ParseIdAs<OrderId>(context.Param("order_id"));
                   if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
                   if (!KeyIsValid(context, respond)) return;
                   payments.Pay(ActorOf(context), *order_id, std::move(respond));
               });
    router.Add(verb::post, "/api/v1/orders/{order_id}/refund", Access::kUser,
               [&payments](http::RequestContext& context, http::Responder respond) {
                   const auto order_id = ParseIdAs<OrderId>(context.Param("order_id"));
                   if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
                   if (!KeyIsValid(context, respond)) return;
                   payments.Refund(ActorOf(context), *order_id, std::move(respond));
               });
    router.Add(verb::post, "/api/v1/payments/webhook", Access::kPublic,
               [&payments](http::RequestContext& context, http::Responder respond) {
                   payments.Webhook(context, std::move(respond));
               });
    router.Add(verb::post, "/api/v1/admin/reconcile", Access::kAdmin,
               [&reconciler](http::RequestContext&, http::Responder respond) {
                   const bool started = reconciler.Run([respond](const ReconcileReport& report) {
                       respond(http::JsonResponse(status::ok, ReportJson(report)));
                   });
                   if (!started) respond(Overloaded());
               });
}

void AddInstantPaymentRoutes(http::Router& router) {
    const auto not_configured = [](http::RequestContext&, http::Responder respond) {
        respond(http::ProblemResponse(http::Problem::kPaymentsNotConfigured));
    };
    router.Add(verb::post, "/api/v1/orders/{order_id}/pay", Access::kUser, not_configured);
    router.Add(verb::post, "/api/v1/orders/{order_id}/refund", Access::kUser, not_configured);
}

}  // namespace tix::api
