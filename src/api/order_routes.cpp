#include "api/order_routes.h"

#include <algorithm>

#include "api/problems.h"
#include "api/route_support.h"
#include "api/views.h"
#include "http/json_body.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using engine::Engine;
using engine::HoldOutcome;
using engine::JournalBatch;
using engine::OrderOutcome;
using http::beast_http::status;
using http::beast_http::verb;
using service::Sequencer;
using Completion = service::Sequencer::Completion;

constexpr std::size_t kSeatIdLengthMax = 40;
constexpr std::size_t kSeatsPerRequestMax = 64;  // beyond any limit: rejected before the engine

// A hold request with everything it needs copied out of the HTTP request.
struct HoldCommand {
    UserId user_id = 0;
    EventId event_id = 0;
    std::string zone_id;
    std::uint32_t quantity = 0;
    bool allow_split = false;
    std::vector<std::string> seats;
    std::string idempotency_key;
};

http::Response InvalidQuantity(std::string_view detail) {
    return http::ProblemResponse(status::bad_request, "invalid_quantity",
                                 "Quantity must be between 1 and the event's limit", detail);
}

// Reads the body of POST /orders; answers the problem itself and returns nullopt when invalid.
std::optional<HoldCommand> ReadHoldCommand(http::RequestContext& context,
                                           const http::Responder& respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) {
        respond(body.problem());
        return std::nullopt;
    }
    HoldCommand command;
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
        respond(http::ProblemResponse(status::bad_request, "invalid_idempotency_key",
                                      "Idempotency-Key is too long", "at most 255 characters"));
        return std::nullopt;
    }
    command.idempotency_key = std::string(key);
    return command;
}

Completion ReplyOrderCreated(http::Responder respond, OrderView view, bool replayed) {
    return [respond = std::move(respond), view = std::move(view), replayed](bool durable) {
        if (!durable) return respond(StorageUnavailable());
        http::Response response = http::JsonResponse(status::created, OrderJson(view));
        if (replayed) response.set("Idempotent-Replayed", "true");
        respond(std::move(response));
    };
}

void CreateOrder(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    std::optional<HoldCommand> command = ReadHoldCommand(context, respond);
    if (!command) return;
    SubmitOrRefuse(sequencer, respond,
                   [command = std::move(*command), respond](Engine& engine, TimeMs now,
                                                            JournalBatch& batch) -> Completion {
                       engine::HoldResult result;
                       if (command.seats.empty()) {
                           result = engine.Hold(
                               engine::HoldByQuantity{command.user_id, command.event_id,
                                                      command.zone_id, command.quantity,
                                                      command.allow_split, command.idempotency_key},
                               now);
                       } else {
                           result = engine.Hold(
                               engine::HoldBySeats{command.user_id, command.event_id, command.seats,
                                                   command.idempotency_key},
                               now);
                       }
                       if (result.outcome == HoldOutcome::kOk) {
                           batch.orders.push_back({*result.order, command.idempotency_key});
                       } else if (result.outcome != HoldOutcome::kReplayed) {
                           return Reply(respond, HoldProblem(result.outcome));
                       }
                       return ReplyOrderCreated(respond, MakeOrderView(engine, *result.order),
                                                result.outcome == HoldOutcome::kReplayed);
                   });
}

// The order if `principal` may see it; otherwise sets `refusal`.
const engine::Order* FindOwnOrder(const Engine& engine, OrderId order_id,
                                  const http::Principal& principal,
                                  std::optional<http::Response>& refusal) {
    const engine::Order* order = engine.FindOrder(order_id);
    if (order == nullptr) {
        refusal = OrderProblem(OrderOutcome::kUnknownOrder);
    } else if (order->user_id != principal.user_id && !principal.is_admin()) {
        refusal = Forbidden("This order belongs to another user");
        order = nullptr;
    }
    return order;
}

void GetOrder(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<OrderId> order_id = ParseId(context.Param("order_id"));
    if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
    SubmitOrRefuse(
        sequencer, respond,
        [order_id = *order_id, principal = *context.principal, respond](
            Engine& engine, TimeMs, JournalBatch&) -> Completion {
            std::optional<http::Response> refusal;
            const engine::Order* order = FindOwnOrder(engine, order_id, principal, refusal);
            if (order == nullptr) return Reply(respond, std::move(*refusal));
            return ReplyJson(respond, status::ok, OrderJson(MakeOrderView(engine, *order)));
        });
}

// Confirm or cancel on the engine thread: ownership, the transition, its journal record.
using Transition = OrderOutcome (Engine::*)(OrderId, TimeMs);

Completion ApplyTransition(Engine& engine, TimeMs now, JournalBatch& batch, OrderId order_id,
                           const http::Principal& principal, Transition transition,
                           const http::Responder& respond) {
    std::optional<http::Response> refusal;
    const engine::Order* order = FindOwnOrder(engine, order_id, principal, refusal);
    if (order == nullptr) return Reply(respond, std::move(*refusal));
    const engine::OrderStatus before = order->status;
    const OrderOutcome outcome = (engine.*transition)(order_id, now);
    order = engine.FindOrder(order_id);
    // A failed confirm may still have expired the hold: whatever changed is journaled.
    if (order->status != before) batch.orders.push_back({*order, {}});
    if (outcome != OrderOutcome::kOk && outcome != OrderOutcome::kUnchanged) {
        return Reply(respond, OrderProblem(outcome));
    }
    return ReplyJson(respond, status::ok, OrderJson(MakeOrderView(engine, *order)));
}

void SubmitTransition(Sequencer& sequencer, OrderId order_id, http::Principal principal,
                      Transition transition, http::Responder respond) {
    SubmitOrRefuse(sequencer, respond, [=](Engine& engine, TimeMs now, JournalBatch& batch) {
        return ApplyTransition(engine, now, batch, order_id, principal, transition, respond);
    });
}

void CancelOrder(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<OrderId> order_id = ParseId(context.Param("order_id"));
    if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
    SubmitTransition(sequencer, *order_id, *context.principal, &Engine::Cancel, std::move(respond));
}

// Confirming a live hold charges it first (the payment seam), then marks it paid. Anything else
// (paid, cancelled, expired, not yours) is answered by the transition itself, with no charge.
void ConfirmOrder(Sequencer& sequencer, service::Payments& payments, http::RequestContext& context,
                  http::Responder respond) {
    const std::optional<OrderId> order_id = ParseId(context.Param("order_id"));
    if (!order_id) return respond(OrderProblem(OrderOutcome::kUnknownOrder));
    const http::Principal principal = *context.principal;
    SubmitOrRefuse(
        sequencer, respond,
        [&sequencer, &payments, order_id = *order_id, principal, respond](
            Engine& engine, TimeMs now, JournalBatch& batch) -> Completion {
            std::optional<http::Response> refusal;
            const engine::Order* order = FindOwnOrder(engine, order_id, principal, refusal);
            if (order == nullptr || order->status != engine::OrderStatus::kHeld ||
                now >= order->expires_at) {
                return ApplyTransition(engine, now, batch, order_id, principal, &Engine::Confirm,
                                       respond);
            }
            const UserId owner = order->user_id;
            const std::int64_t amount = order->amount_minor;
            return
                [&sequencer, &payments, order_id, owner, amount, principal, respond](bool durable) {
                    if (!durable) return respond(StorageUnavailable());
                    payments.Charge(order_id, owner, amount, [=, &sequencer](bool approved) {
                        if (!approved) {
                            return respond(http::ProblemResponse(status::payment_required,
                                                                 "payment_declined",
                                                                 "The payment was declined"));
                        }
                        SubmitTransition(sequencer, order_id, principal, &Engine::Confirm, respond);
                    });
                };
        });
}

void ListOrdersOf(Sequencer& sequencer, UserId user_id, const http::RequestContext& context,
                  http::Responder respond) {
    const std::optional<PageRequest> page = ReadPage(context, respond);
    if (!page) return;
    SubmitOrRefuse(
        sequencer, respond,
        [user_id, page = *page, respond](Engine& engine, TimeMs, JournalBatch&) {
            const std::span<const OrderId> ids = engine.OrdersOf(user_id);
            // Newest first: walk back from the cursor (ids ascend).
            auto end = page.before == 0 ? ids.end()
                                        : std::lower_bound(ids.begin(), ids.end(), page.before);
            json::array orders;
            json::value next_cursor = nullptr;
            for (auto it = end; it != ids.begin();) {
                --it;
                if (orders.size() == page.limit) {
                    next_cursor = std::to_string(*(it + 1));
                    break;
                }
                orders.push_back(OrderJson(MakeOrderView(engine, *engine.FindOrder(*it))));
            }
            return ReplyJson(respond, status::ok,
                             json::object{{"orders", std::move(orders)},
                                          {"next_cursor", std::move(next_cursor)}});
        });
}

void ListMyOrders(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    ListOrdersOf(sequencer, context.principal->user_id, context, std::move(respond));
}

void ListUserOrders(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<UserId> user_id = ParseId(context.Param("user_id"));
    if (!user_id) return respond(NotFound("unknown_user", "No user with that id"));
    if (*user_id != context.principal->user_id && !context.principal->is_admin()) {
        return respond(Forbidden("You may list only your own orders"));
    }
    ListOrdersOf(sequencer, *user_id, context, std::move(respond));
}

}  // namespace

void AddOrderRoutes(http::Router& router, Sequencer& sequencer, service::Payments& payments) {
    using http::Access;
    auto bind = [&sequencer](auto fn) {
        return [&sequencer, fn](http::RequestContext& context, http::Responder respond) {
            fn(sequencer, context, std::move(respond));
        };
    };
    auto confirm = [&sequencer, &payments](http::RequestContext& context, http::Responder respond) {
        ConfirmOrder(sequencer, payments, context, std::move(respond));
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
