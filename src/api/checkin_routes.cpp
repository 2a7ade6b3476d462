// The gates' routes (AddCheckInRoutes in ticket_routes.h): online check-in, the figures, and what
// offline gates download (the bundle) and upload (their scan logs). docs/tickets.md has the gate
// procedure.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "api/problems.h"
#include "api/route_support.h"
#include "api/ticket_routes.h"
#include "api/ticket_views.h"
#include "common/rfc3339.h"
#include "http/json_body.h"

namespace tix::api {
namespace {

using http::Access;
using http::Problem;
using http::beast_http::status;
using http::beast_http::verb;
namespace json = boost::json;

inline constexpr std::size_t kPayloadCharsMax = 256;
inline constexpr std::size_t kUploadScansMax = 1'000;
// A scan may be dated a little ahead of the server: a gate's clock is not ours.
inline constexpr std::chrono::seconds kScanClockSkewMax{60};

// The time of a scan: the body's `field` if given (not more than a minute ahead), else `now`.
std::optional<TimePoint> ReadScanTime(http::JsonObjectReader& body, const json::value* value,
                                      std::string_view field, TimePoint now) {
    if (value == nullptr || value->is_null()) return now;
    const std::optional<TimePoint> at =
        value->is_string() ? ParseRfc3339(value->get_string()) : std::nullopt;
    if (!at) {
        body.Fail(field, "must be an RFC 3339 time");
    } else if (*at > now + kScanClockSkewMax) {
        body.Fail(field, "is in the future");
    } else {
        return at;
    }
    return std::nullopt;
}

std::optional<EventId> RouteEvent(const http::RequestContext& context) {
    if (context.Param("event_id").empty()) return EventId{};
    return ParseIdAs<EventId>(context.Param("event_id"));
}

http::Response Admitted(const engine::TicketView& view, std::string_view holder_name) {
    const engine::Ticket& t = view.ticket;
    return http::JsonResponse(
        status::ok, json::object{{"result", "admitted"},
                                 {"ticket_id", engine::ToHex(t.ticket_id)},
                                 {"event_id", t.event_id.value()},
                                 {"zone_id", view.event->zones[t.zone_index].zone_id},
                                 {"seat", SeatJson(t, *view.event)},
                                 {"holder_id", t.holder.value()},
                                 {"holder_name", holder_name},
                                 {"gate", view.first_scan->gate},
                                 {"scanned_at", FormatRfc3339(view.first_scan->scanned_at)}});
}

http::Response CheckInAnswer(const TicketRouteServices& s, engine::CheckInReply&& reply) {
    using engine::ScanOutcome;
    if (reply.outcome == ScanOutcome::kAdmitted) {
        return Admitted(*reply.ticket, s.accounts.name_of(reply.ticket->ticket.holder));
    }
    if ((reply.outcome == ScanOutcome::kDoubleEntry ||
         reply.outcome == ScanOutcome::kAlreadyRecorded) &&
        reply.ticket && reply.ticket->first_scan) {
        const engine::Scan& first = *reply.ticket->first_scan;
        return http::ProblemResponse(Problem::kAlreadyCheckedIn, "first scanned at " + first.gate,
                                     {{"ticket_id", engine::ToHex(reply.ticket->ticket.ticket_id)},
                                      {"first_scan", ScanJson(first)},
                                      {"scanned_at", FormatRfc3339(first.scanned_at)},
                                      {"gate", first.gate}});
    }
    return ScanProblem(reply.outcome);
}

void CheckIn(const TicketRouteServices& s, http::RequestContext& context, http::Responder respond) {
    const std::optional<EventId> route_event = RouteEvent(context);
    if (!route_event) return respond(NotFound(Problem::kUnknownEvent, {}));
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    const TimePoint now = s.clock();
    const std::string payload = body->RequiredString("payload", kPayloadCharsMax);
    const std::string gate = body->RequiredString("gate", engine::kGateNameLengthMax);
    const std::optional<std::int64_t> body_event = body->OptionalInt("event_id", 1, INT64_MAX);
    const std::optional<TimePoint> scanned_at =
        ReadScanTime(*body, body->object().if_contains("scanned_at"), "scanned_at", now);
    body->RejectUnknownFields({"payload", "gate", "scanned_at", "event_id"});
    if (body->ok() && !IsValidGate(gate)) body->Fail("gate", "must be [A-Za-z0-9_.-]{1,32}");
    if (!body->ok()) return respond(body->problem());

    ScannedTicket scanned;
    if (s.keyring.Check(payload, scanned) != PayloadCheck::kValid) {
        return respond(http::ProblemResponse(Problem::kInvalidTicket));
    }
    const EventId gate_event =
        *route_event ? *route_event : EventId{static_cast<std::uint64_t>(body_event.value_or(0))};
    if (gate_event && gate_event != scanned.claims.event_id) {
        return respond(http::ProblemResponse(Problem::kWrongEvent));
    }
    // Judged at our clock, not the gate's: an old screenshot with an old scanned_at is still old.
    if (!s.keyring.CodeValid(scanned, now)) {
        return respond(http::ProblemResponse(Problem::kCodeExpired));
    }
    engine::CheckIn command{scanned.claims.ticket_id, scanned.claims.version, gate_event, gate,
                            *scanned_at};
    Submit<engine::CheckInReply>(
        s.sequencer, std::move(command), std::move(respond),
        [&s](engine::CheckInReply&& reply) { return CheckInAnswer(s, std::move(reply)); });
}

// One scan of an upload: a signed payload of this event, or a typed-in ticket id. "" when it
// can go to the engine, else the result to report ("invalid", "wrong_event").
std::string_view ReadUploadedScan(const TicketRouteServices& s, EventId event_id,
                                  const json::object& scan, engine::UploadScans::Entry& entry) {
    const json::value* payload = scan.if_contains("payload");
    const json::value* ticket_id = scan.if_contains("ticket_id");
    if (payload != nullptr && payload->is_string() &&
        payload->get_string().size() <= kPayloadCharsMax) {
        ScannedTicket scanned;
        if (s.keyring.Check(payload->get_string(), scanned) != PayloadCheck::kValid) {
            return "invalid";
        }
        if (scanned.claims.event_id != event_id) return "wrong_event";
        entry = {scanned.claims.ticket_id, scanned.claims.version};
        return {};
    }
    if (ticket_id != nullptr && ticket_id->is_string()) {
        const auto id = engine::ParseTicketId(ticket_id->get_string());
        if (!id) return "invalid";
        entry = {*id, 0};
        return {};
    }
    return "invalid";
}

void Upload(const TicketRouteServices& s, http::RequestContext& context, http::Responder respond) {
    const auto event_id = ParseIdAs<EventId>(context.Param("event_id"));
    if (!event_id) return respond(NotFound(Problem::kUnknownEvent, {}));
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    const TimePoint now = s.clock();
    const std::string gate = body->RequiredString("gate", engine::kGateNameLengthMax);
    const json::array* scans = body->RequiredArray("scans", kUploadScansMax);
    body->RejectUnknownFields({"gate", "scans"});
    if (body->ok() && !IsValidGate(gate)) body->Fail("gate", "must be [A-Za-z0-9_.-]{1,32}");

    engine::UploadScans command{*event_id, gate, {}, {}};
    // Per scan, in order: the result decided here, or "" for the engine's.
    std::vector<std::string_view> results;
    for (std::size_t i = 0; body->ok() && scans != nullptr && i < scans->size(); ++i) {
        const std::string field = "scans[" + std::to_string(i) + "]";
        if (!(*scans)[i].is_object()) {
            body->Fail(field, "must be an object");
            break;
        }
        const json::object& scan = (*scans)[i].get_object();
        const std::optional<TimePoint> at =
            ReadScanTime(*body, scan.if_contains("scanned_at"), field + ".scanned_at", now);
        if (!scan.contains("scanned_at")) body->Fail(field + ".scanned_at", "missing");
        if (!body->ok()) break;
        engine::UploadScans::Entry entry;
        results.push_back(ReadUploadedScan(s, *event_id, scan, entry));
        if (results.back().empty()) {
            command.tickets.push_back(entry);
            command.scanned_at.push_back(*at);
        }
    }
    if (!body->ok()) return respond(body->problem());
    Submit<engine::UploadScansReply>(
        s.sequencer, std::move(command), std::move(respond),
        [results = std::move(results)](engine::UploadScansReply&& reply) {
            if (reply.event == nullptr) return NotFound(Problem::kUnknownEvent, {});
            json::array list;
            json::object counts{{"admitted", 0}, {"double_entry", 0}, {"already_recorded", 0},
                                {"invalid", 0},  {"revoked", 0},      {"wrong_event", 0}};
            std::size_t next = 0;
            for (const std::string_view decided : results) {
                std::string_view result = decided;
                if (result.empty()) {
                    result = reply.outcomes[next] == engine::ScanOutcome::kUnknownTicket
                                 ? "invalid"
                                 : engine::ToString(reply.outcomes[next]);
                    ++next;
                }
                counts[result] = counts[result].as_int64() + 1;
                list.push_back(json::object{{"result", result}});
            }
            return http::JsonResponse(status::ok,
                                      json::object{{"received", results.size()},
                                                   {"results", std::move(list)},
                                                   {"admitted", counts["admitted"]},
                                                   {"double_entries", counts["double_entry"]},
                                                   {"already_recorded", counts["already_recorded"]},
                                                   {"invalid", counts["invalid"]},
                                                   {"revoked", counts["revoked"]},
                                                   {"wrong_event", counts["wrong_event"]}});
        });
}

// The event-scoped reads: 404 for an unknown id or event.
template <typename Command, typename ReplyType, typename Render>
void EventRead(const TicketRouteServices& s, http::RequestContext& context, http::Responder respond,
               Command command, Render render) {
    const auto event_id = ParseIdAs<EventId>(context.Param("event_id"));
    if (!event_id) return respond(NotFound(Problem::kUnknownEvent, {}));
    command.event_id = *event_id;
    Submit<ReplyType>(s.sequencer, std::move(command), std::move(respond),
                      [render = std::move(render)](ReplyType&& reply) {
                          if (reply.event == nullptr) return NotFound(Problem::kUnknownEvent, {});
                          return render(reply);
                      });
}

}  // namespace

void AddCheckInRoutes(http::Router& router, const TicketRouteServices& services) {
    const TicketRouteServices& s = services;
    const auto check_in = [&s](http::RequestContext& context, http::Responder respond) {
        CheckIn(s, context, std::move(respond));
    };
    router.Add(verb::post, "/api/v1/checkin", Access::kScanner, check_in);
    router.Add(verb::post, "/api/v1/events/{event_id}/checkin", Access::kScanner, check_in);
    router.Add(verb::get, "/api/v1/events/{event_id}/checkin", Access::kScanner,
               [&s](http::RequestContext& context, http::Responder respond) {
                   EventRead<engine::GetCheckInStats, engine::CheckInStatsReply>(
                       s, context, std::move(respond), engine::GetCheckInStats{},
                       [](const engine::CheckInStatsReply& reply) {
                           return http::JsonResponse(status::ok, CheckInStatsJson(reply));
                       });
               });
    router.Add(verb::get, "/api/v1/events/{event_id}/checkin/conflicts", Access::kScanner,
               [&s](http::RequestContext& context, http::Responder respond) {
                   EventRead<engine::GetScanConflicts, engine::ScanConflictsReply>(
                       s, context, std::move(respond), engine::GetScanConflicts{},
                       [](const engine::ScanConflictsReply& reply) {
                           return http::JsonResponse(status::ok, ConflictsJson(reply));
                       });
               });
    router.Add(verb::get, "/api/v1/events/{event_id}/checkin/bundle", Access::kScanner,
               [&s](http::RequestContext& context, http::Responder respond) {
                   std::uint64_t since = 0;
                   if (const auto text = context.Query("since")) {
                       const std::optional<std::uint64_t> value =
                           *text == "0" ? std::optional<std::uint64_t>(0) : ParseId(*text);
                       if (!value) {
                           return respond(http::ProblemResponse(Problem::kInvalidQuery,
                                                                "since must be a bundle version"));
                       }
                       since = *value;
                   }
                   EventRead<engine::GetTicketBundle, engine::TicketBundleReply>(
                       s, context, std::move(respond), engine::GetTicketBundle{{}, since},
                       [&s, since](const engine::TicketBundleReply& reply) {
                           return http::JsonResponse(status::ok,
                                                     BundleJson(reply, since, s.keyring));
                       });
               });
    router.Add(verb::post, "/api/v1/events/{event_id}/checkin/upload", Access::kScanner,
               [&s](http::RequestContext& context, http::Responder respond) {
                   Upload(s, context, std::move(respond));
               });
    router.Add(verb::get, "/api/v1/events/{event_id}/checkin/key", Access::kPublic,
               [&s](http::RequestContext& context, http::Responder respond) {
                   const auto event_id = ParseIdAs<EventId>(context.Param("event_id"));
                   if (!event_id) return respond(NotFound(Problem::kUnknownEvent, {}));
                   Submit<engine::EventReply>(
                       s.sequencer, engine::GetEvent{*event_id}, std::move(respond),
                       [&s](engine::EventReply&& reply) {
                           if (reply.event == nullptr) return NotFound(Problem::kUnknownEvent, {});
                           const auto keys = s.keyring.KeysOf(reply.event->event_id);
                           return http::JsonResponse(
                               status::ok,
                               json::object{{"event_id", reply.event->event_id.value()},
                                            {"algorithm", "Ed25519"},
                                            {"public_key", tickets::ToBase64Url(keys->public_key)},
                                            {"payload_formats", json::array{1, 2}},
                                            {"rotating_qr", reply.event->rotating_qr}});
                       });
               });
}

}  // namespace tix::api
