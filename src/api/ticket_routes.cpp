#include "api/ticket_routes.h"

#include "api/problems.h"
#include "api/route_support.h"
#include "api/ticket_views.h"
#include "http/json_body.h"
#include "tickets/qr_svg.h"

namespace tix::api {
namespace {

using http::Access;
using http::beast_http::status;
using http::beast_http::verb;
namespace json = boost::json;

engine::Actor ActorOf(const http::RequestContext& context) {
    return {context.principal->user_id, context.principal->is_admin()};
}

http::Response UnknownTicket() { return NotFound(http::Problem::kUnknownTicket, {}); }

// GET /tickets/{id} and its QR: the ticket if the caller may see it.
template <typename Render>
void WithTicket(const TicketRouteServices& s, http::RequestContext& context,
                http::Responder respond, Render render) {
    const auto ticket_id = engine::ParseTicketId(context.Param("ticket_id"));
    if (!ticket_id) return respond(UnknownTicket());
    Submit<engine::TicketReply>(s.sequencer, engine::GetTicket{ActorOf(context), *ticket_id},
                                std::move(respond),
                                [render = std::move(render)](engine::TicketReply&& reply) {
                                    if (!reply.ticket) return UnknownTicket();
                                    return render(*reply.ticket);
                                });
}

http::Response SvgResponse(std::string svg) {
    http::Response response{status::ok, 11};
    response.set(http::beast_http::field::content_type, "image/svg+xml");
    // The QR of a rotating ticket changes every step; a static one only on transfer.
    response.set(http::beast_http::field::cache_control, "no-store");
    response.body() = std::move(svg);
    response.prepare_payload();
    return response;
}

void Transfer(const TicketRouteServices& s, http::RequestContext& context,
              http::Responder respond) {
    const auto ticket_id = engine::ParseTicketId(context.Param("ticket_id"));
    if (!ticket_id) return respond(UnknownTicket());
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    const std::string email = body->RequiredString("to_email", 254);
    body->RejectUnknownFields({"to_email"});
    if (!body->ok()) return respond(body->problem());
    const std::optional<UserId> to = s.accounts.find_by_email(email);
    if (!to) return respond(NotFound(http::Problem::kUnknownRecipient, {}));
    const UserId viewer = context.principal->user_id;
    Submit<engine::TransferReply>(
        s.sequencer, engine::TransferTicket{ActorOf(context), *ticket_id, *to}, std::move(respond),
        [&s, viewer](engine::TransferReply&& reply) {
            if (reply.outcome != engine::TransferOutcome::kOk) {
                return TransferProblem(reply.outcome);
            }
            return http::JsonResponse(status::ok,
                                      TicketJson(*reply.ticket, viewer, s.keyring, s.clock()));
        });
}

}  // namespace

void AddTicketRoutes(http::Router& router, const TicketRouteServices& services) {
    const TicketRouteServices& s = services;
    router.Add(verb::get, "/api/v1/tickets", Access::kUser,
               [&s](http::RequestContext& context, http::Responder respond) {
                   const UserId viewer = context.principal->user_id;
                   Submit<engine::TicketListReply>(
                       s.sequencer, engine::GetTickets{ActorOf(context), {}}, std::move(respond),
                       [&s, viewer](engine::TicketListReply&& reply) {
                           return http::JsonResponse(
                               status::ok,
                               TicketListJson(reply.tickets, viewer, s.keyring, s.clock()));
                       });
               });
    router.Add(verb::get, "/api/v1/orders/{order_id}/tickets", Access::kUser,
               [&s](http::RequestContext& context, http::Responder respond) {
                   const auto order_id = ParseIdAs<OrderId>(context.Param("order_id"));
                   if (!order_id) return respond(OrderProblem(engine::OrderOutcome::kUnknownOrder));
                   const UserId viewer = context.principal->user_id;
                   Submit<engine::TicketListReply>(
                       s.sequencer, engine::GetTickets{ActorOf(context), *order_id},
                       std::move(respond), [&s, viewer](engine::TicketListReply&& reply) {
                           if (reply.outcome != engine::OrderOutcome::kOk) {
                               return OrderProblem(reply.outcome);
                           }
                           return http::JsonResponse(
                               status::ok,
                               TicketListJson(reply.tickets, viewer, s.keyring, s.clock()));
                       });
               });
    router.Add(verb::get, "/api/v1/tickets/{ticket_id}", Access::kUser,
               [&s](http::RequestContext& context, http::Responder respond) {
                   const UserId viewer = context.principal->user_id;
                   WithTicket(s, context, std::move(respond),
                              [&s, viewer](const engine::TicketView& view) {
                                  return http::JsonResponse(
                                      status::ok, TicketJson(view, viewer, s.keyring, s.clock()));
                              });
               });
    router.Add(verb::get, "/api/v1/tickets/{ticket_id}/qr.svg", Access::kUser,
               [&s](http::RequestContext& context, http::Responder respond) {
                   const UserId viewer = context.principal->user_id;
                   WithTicket(s, context, std::move(respond),
                              [&s, viewer](const engine::TicketView& view) {
                                  // Only its holder gets the code that opens the gate.
                                  if (view.ticket.holder != viewer) return UnknownTicket();
                                  if (view.ticket.status == engine::TicketStatus::kRevoked) {
                                      return http::ProblemResponse(http::Problem::kTicketRevoked);
                                  }
                                  const Result<std::string> svg = tickets::QrSvg(s.keyring.Payload(
                                      view.ticket, view.event->rotating_qr, s.clock()));
                                  if (!svg.ok()) {
                                      return http::ProblemResponse(http::Problem::kInternal,
                                                                   "the QR code failed");
                                  }
                                  return SvgResponse(*svg);
                              });
               });
    router.Add(verb::post, "/api/v1/tickets/{ticket_id}/transfer", Access::kUser,
               [&s](http::RequestContext& context, http::Responder respond) {
                   Transfer(s, context, std::move(respond));
               });
}

bool IsValidGate(std::string_view gate) {
    if (gate.empty() || gate.size() > engine::kGateNameLengthMax) return false;
    for (const char c : gate) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace tix::api
