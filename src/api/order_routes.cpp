#include "api/order_routes.h"

#include <algorithm>

#include "api/order_terms.h"
#include "api/problems.h"
#include "api/route_support.h"
#include "api/views.h"
#include "http/json_body.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using engine::HoldOutcome;
using engine::OrderOutcome;
using http::beast_http::status;
using http::beast_http::verb;
using service::Sequencer;

using limits::kSeatIdLengthMax;
using limits::kSeatsPerRequestMax;

http::Response InvalidQuantity(std::string_view detail) {
    return http::ProblemResponse(http::Problem::kInvalidQuantity, detail);
}

// Reads the body of POST /orders; answers the problem itself and returns nullopt when invalid.
std::optional<engine::PlaceHold> ReadHoldCommand(http::RequestContext& context,
                                                 const http::Responder& respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) {
        respond(body.problem());
        return std::nullopt;
    }
    engine::PlaceHold command;
    command.user_id = context.principal->user_id;
    if (auto user_id = body->OptionalInt("user_id", 1, INT64_MAX)) {
        // The original API names the buyer in the body; only admins may name someone else.
        if (static_cast<UserId>(*user_id) != command.user_id && !context.principal->is_admin()) {
            respond(Forbidden("user_id must be your own"));
            return std::nullopt;
        }
        command.user_id = static_cast<UserId>(*user_id);
    }
    command.event_id = static_cast<EventId>(body->RequiredInt("event_id", 1, INT64_MAX));
    command.allow_split = body->OptionalBool("allow_split").value_or(false);
    if (const json::array* seats = body->OptionalArray("seats", kSeatsPerRequestMax)) {
        for (const json::value& seat : *seats) {
            if (!seat.is_string() || seat.as_string().empty() ||
                seat.as_string().size() > kSeatIdLengthMax) {
                body->Fail("seats", "must be seat ids such as \"INF-A-12\"");
                break;
            }
            command.seats.emplace_back(seat.as_string());
        }
        if (body->ok() && command.seats.empty()) {
            respond(InvalidQuantity("seats must name at least one seat"));
            return std::nullopt;
        }
    } else if (body->ok()) {
        command.zone_id = body->RequiredString("zone_id", engine::kMaxZoneIdLength);
        const json::value* quantity = body->object().if_contains("quantity");
        if (quantity == nullptr || quantity->is_null()) {
            body->Fail("quantity", "is required (or give seats)");
        } else if (!quantity->is_int64() || quantity->get_int64() < 1 ||
                   quantity->get_int64() > engine::kMaxPerUserLimit) {
            respond(InvalidQuantity("quantity must be an integer from 1 to 8"));
            return std::nullopt;
        } else {
            command.quantity = static_cast<std::uint32_t>(quantity->get_int64());
        }
    }
    if (!body->ok()) {
        respond(body->problem());
        return std::nullopt;
    }
    const std::string_view key = context.Header("Idempotency-Key");
    if (key.size() > engine::kMaxIdempotencyKeyLength) {
        respond(
            http::ProblemResponse(http::Problem::kInvalidIdempotencyKey, "at most 255 characters"));
        return std::nullopt;
    }
    command.idempotency_key = std::string(key);
    return command;
}

http::Response OrderResponse(status code, const engine::OrderSnapshot& order) {
    return http::JsonResponse(code, OrderJson(order));
}

void CreateOrder(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    std::optional<engine::PlaceHold> command = ReadHoldCommand(context, respond);
    if (!command) return;
    Submit<engine::HoldReply>(
        sequencer, std::move(*command), std::move(respond), [](engine::HoldReply&& reply) {
            if (!reply.order) return HoldProblem(reply.outcome);
            http::Response response = OrderResponse(status::created, *reply.order);
            if (reply.outcome == HoldOutcome::kReplayed) {
                response.set("Idempotent-Replayed", "true");
            }
            return response;
        });
}

// 200 with the order (of either kind) for kOk and kUnchanged, else the outcome's problem.
http::Response OrderTransitionResponse(const engine::OrderReply& reply) {
    if (reply.outcome != OrderOutcome::kOk && reply.outcome != OrderOutcome::kUnchanged) {
        return OrderProblem(reply.outcome);
    }
    return http::JsonResponse(status::ok, OrderJsonOf(reply));
}

engine::Actor ActorOf(const http::RequestContext& context) {
    return {context.principal->user_id, context.principal->is_admin()};
}

void GetOrder(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<OrderId> order_id = ParseIdAs<OrderId>(context.Param("order_id"));
    if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
    Submit<engine::OrderReply>(sequencer, engine::GetOrder{ActorOf(context), *order_id},
                               std::move(respond), OrderTransitionResponse);
}

void CancelOrder(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<OrderId> order_id = ParseIdAs<OrderId>(context.Param("order_id"));
    if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
    Submit<engine::OrderReply>(sequencer, engine::CancelOrder{ActorOf(context), *order_id},
                               std::move(respond), OrderTransitionResponse);
}

// The charge's answer goes back to the engine, which decides: paid, or (declined) held again, or
// (too late) expired, and then the money is given back.
void FinishPayment(Sequencer& sequencer, service::Payments& payments, const OrderTerms& order,
                   bool approved, http::Responder respond) {
    service::Completion completion = [&payments, order, approved, respond](engine::Reply&& reply,
                                                                           bool durable) {
        if (!durable) return respond(StorageUnavailable());
        const auto& finished = std::get<engine::OrderReply>(reply);
        if (approved && finished.outcome != OrderOutcome::kOk) {
            payments.Refund(order.order_id, order.user_id, order.amount_minor);
        }
        if (!approved && finished.outcome == OrderOutcome::kOk) {
            return respond(http::ProblemResponse(http::Problem::kPaymentDeclined));
        }
        respond(OrderTransitionResponse(finished));
    };
    if (!sequencer.Submit(engine::CompletePayment{order.order_id, approved},
                          std::move(completion))) {
        // The seats stay payment_pending until the payment deadline expires them.
        if (approved) payments.Refund(order.order_id, order.user_id, order.amount_minor);
        respond(Overloaded());
    }
}

// Confirming a live hold makes it payment_pending (durably) before any money moves, so a second
// confirm is refused instead of charging twice and the hold cannot expire under the charge. Then
// the charge, then its answer. Anything else (paid, cancelled, expired, not yours) is answered
// by the first step, with no charge.
void ConfirmOrder(Sequencer& sequencer, service::Payments& payments, http::RequestContext& context,
                  http::Responder respond) {
    const std::optional<OrderId> order_id = ParseIdAs<OrderId>(context.Param("order_id"));
    if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
    engine::BeginPayment command{ActorOf(context), *order_id, payments.payment_window()};
    service::Completion completion = [&sequencer, &payments, respond](engine::Reply&& reply,
                                                                      bool durable) {
        if (!durable) return respond(StorageUnavailable());
        const auto& begun = std::get<engine::OrderReply>(reply);
        if (begun.outcome != OrderOutcome::kOk) return respond(OrderTransitionResponse(begun));
        const OrderTerms order = *TermsOf(begun);
        payments.Charge(order.order_id, order.user_id, order.amount_minor,
                        [&sequencer, &payments, order, respond](bool approved) {
                            FinishPayment(sequencer, payments, order, approved, respond);
                        });
    };
    if (!sequencer.Submit(std::move(command), std::move(completion))) respond(Overloaded());
}

void ListOrdersOf(Sequencer& sequencer, UserId user_id, const http::RequestContext& context,
                  http::Responder respond) {
    const std::optional<PageRequest> page = ReadPage(context, respond);
    if (!page) return;
    engine::ListOrders query{user_id, static_cast<std::uint32_t>(page->limit), page->before};
    Submit<engine::OrderListReply>(
        sequencer, query, std::move(respond), [](engine::OrderListReply&& reply) {
            json::value next_cursor = nullptr;
            if (reply.next_cursor) next_cursor = std::to_string(reply.next_cursor.value());
            return http::JsonResponse(status::ok,
                                      json::object{{"orders", OrderListJson(reply)},
                                                   {"next_cursor", std::move(next_cursor)}});
        });
}

void ListMyOrders(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    ListOrdersOf(sequencer, context.principal->user_id, context, std::move(respond));
}

void ListUserOrders(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<UserId> user_id = ParseIdAs<UserId>(context.Param("user_id"));
    if (!user_id) return respond(NotFound(http::Problem::kUnknownUser, "No user with that id"));
    if (*user_id != context.principal->user_id && !context.principal->is_admin()) {
        return respond(Forbidden("You may list only your own orders"));
    }
    ListOrdersOf(sequencer, *user_id, context, std::move(respond));
}

}  // namespace

void AddOrderRoutes(http::Router& router, Sequencer& sequencer,
                    service::Payments* instant_payments) {
    using http::Access;
    auto bind = [&sequencer](auto fn) {
        return [&sequencer, fn](http::RequestContext& context, http::Responder respond) {
            fn(sequencer, context, std::move(respond));
        };
    };
    auto confirm = [&sequencer, instant_payments](http::RequestContext& context,
                                                  http::Responder respond) {
        if (instant_payments == nullptr) {
            return respond(http::ProblemResponse(http::Problem::kPaymentRequired));
        }
        ConfirmOrder(sequencer, *instant_payments, context, std::move(respond));
    };
    router.Add(verb::post, "/api/v1/orders", Access::kUser, bind(CreateOrder));
    router.Add(verb::get, "/api/v1/orders", Access::kUser, bind(ListMyOrders));
    router.Add(verb::get, "/api/v1/orders/{order_id}", Access::kUser, bind(GetOrder));
    router.Add(verb::post, "/api/v1/orders/{order_id}/confirm", Access::kUser, confirm);
    router.Add(verb::post, "/api/v1/orders/{order_id}/cancel", Access::kUser, bind(CancelOrder));
    router.Add(verb::get, "/api/v1/users/{user_id}/orders", Access::kUser, bind(ListUserOrders));
    // The original system spec's paths.
    router.Add(verb::post, "/orders/create", Access::kUser, bind(CreateOrder));
    router.Add(verb::post, "/orders/{order_id}/confirm", Access::kUser, confirm);
    router.Add(verb::post, "/orders/{order_id}/cancel", Access::kUser, bind(CancelOrder));
    router.Add(verb::get, "/orders/{user_id}", Access::kUser, bind(ListUserOrders));
}

}  // namespace tix::api
