#include "api/event_routes.h"

#include "api/event_request.h"
#include "api/problems.h"
#include "api/route_support.h"
#include "api/views.h"
#include "common/rfc3339.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using http::beast_http::status;
using http::beast_http::verb;
using service::Sequencer;
using Completion = service::Sequencer::Completion;

constexpr TimeMs kDayMs = 86'400'000;

http::Response InvalidQuery(std::string_view detail) {
    return http::ProblemResponse(status::bad_request, "invalid_query", "Invalid query parameter",
                                 detail);
}

void CreateEvent(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    std::optional<engine::EventSpec> spec = ReadEventSpec(*body);
    if (!spec) return respond(body->problem());
    SubmitOrRefuse(sequencer, respond,
                   [spec = std::move(*spec), respond](engine::Engine& engine, TimeMs,
                                                      engine::JournalBatch& batch) mutable {
                       const EventId event_id = engine.AddEvent(std::move(spec));
                       const engine::EventSpec& added = *engine.FindEvent(event_id);
                       batch.events.push_back(added);
                       return ReplyJson(respond, status::created, EventJson(added, true));
                   });
}

void ListEvents(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    std::optional<std::string> series;
    if (auto value = context.Query("series")) series = std::string(*value);
    std::optional<TimeMs> day_start;
    if (auto value = context.Query("date")) {
        // A calendar date (UTC): the events whose starts_at falls on it.
        day_start = ParseRfc3339(std::string(*value) + "T00:00:00Z");
        if (value->size() != 10 || !day_start)
            return respond(InvalidQuery("date must be YYYY-MM-DD"));
    }
    SubmitOrRefuse(
        sequencer, respond,
        [series, day_start, respond](engine::Engine& engine, TimeMs, engine::JournalBatch&) {
            json::array events;
            for (const EventId id : engine.EventIds()) {
                const engine::EventSpec& spec = *engine.FindEvent(id);
                if (series && spec.series != *series) continue;
                if (day_start &&
                    (spec.starts_at < *day_start || spec.starts_at >= *day_start + kDayMs)) {
                    continue;
                }
                events.push_back(EventJson(spec, false));
            }
            return ReplyJson(respond, status::ok, json::object{{"events", std::move(events)}});
        });
}

// Runs `render` on the engine thread for an existing event, or answers 404 unknown_event.
template <typename Render>
void WithEvent(Sequencer& sequencer, const http::RequestContext& context, http::Responder respond,
               Render render) {
    const std::optional<EventId> event_id = ParseId(context.Param("event_id"));
    if (!event_id) return respond(NotFound("unknown_event", "No event with that id"));
    SubmitOrRefuse(sequencer, respond,
                   [event_id = *event_id, respond, render](engine::Engine& engine, TimeMs,
                                                           engine::JournalBatch&) -> Completion {
                       const engine::EventSpec* spec = engine.FindEvent(event_id);
                       if (spec == nullptr) {
                           return Reply(respond,
                                        NotFound("unknown_event", "No event with that id"));
                       }
                       return ReplyJson(respond, status::ok, render(engine, *spec));
                   });
}

void GetEvent(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    WithEvent(
        sequencer, context, std::move(respond),
        [](const engine::Engine&, const engine::EventSpec& spec) { return EventJson(spec, true); });
}

void GetAvailability(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<std::string_view> seats = context.Query("seats");
    if (seats && *seats != "true" && *seats != "false") {
        return respond(InvalidQuery("seats must be true or false"));
    }
    const bool with_seats = seats && *seats == "true";
    WithEvent(sequencer, context, std::move(respond),
              [with_seats](const engine::Engine& engine, const engine::EventSpec& spec) {
                  return AvailabilityJson(engine, spec.event_id, with_seats);
              });
}

}  // namespace

void AddEventRoutes(http::Router& router, Sequencer& sequencer) {
    using http::Access;
    auto bind = [&sequencer](auto fn) {
        return [&sequencer, fn](http::RequestContext& context, http::Responder respond) {
            fn(sequencer, context, std::move(respond));
        };
    };
    router.Add(verb::post, "/api/v1/events", Access::kAdmin, bind(CreateEvent));
    router.Add(verb::get, "/api/v1/events", Access::kPublic, bind(ListEvents));
    router.Add(verb::get, "/api/v1/events/{event_id}", Access::kPublic, bind(GetEvent));
    router.Add(verb::get, "/api/v1/events/{event_id}/availability", Access::kPublic,
               bind(GetAvailability));
    // The original system spec's paths.
    router.Add(verb::get, "/events", Access::kPublic, bind(ListEvents));
    router.Add(verb::get, "/events/{event_id}/tickets", Access::kPublic, bind(GetAvailability));
}

}  // namespace tix::api
