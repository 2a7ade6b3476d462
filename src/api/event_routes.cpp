#include "api/event_routes.h"

#include "api/availability_cache.h"
#include "api/event_request.h"
#include "api/problems.h"
#include "api/queue_challenge.h"
#include "api/queue_request.h"
#include "api/queue_views.h"
#include "api/route_support.h"
#include "api/views.h"
#include "common/rfc3339.h"

namespace tix::api {
namespace {

namespace json = boost::json;
using http::beast_http::status;
using http::beast_http::verb;
using service::Sequencer;

http::Response InvalidQuery(std::string_view detail) {
    return http::ProblemResponse(http::Problem::kInvalidQuery, detail);
}

// An event with its rows, and its waiting room's config if it has one.
json::object FullEventJson(const engine::EventReply& reply) {
    json::object event = EventJson(*reply.event, true);
    event["queue"] = reply.queue ? json::value(QueueConfigJson(*reply.queue)) : json::value();
    return event;
}

void CreateEvent(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    http::JsonBody body = http::ParseJsonObject(context);
    if (!body) return respond(body.problem());
    std::optional<engine::EventSpec> spec = ReadEventSpec(*body);
    if (!spec) return respond(body->problem());
    engine::CreateEvent command{std::move(*spec), std::nullopt};
    const json::value* queue = body->object().if_contains("queue");
    if (queue != nullptr && !queue->is_null()) {
        command.queue = ReadQueueConfig(*queue, command.spec.sale_starts_at, NewQueueSeed(), *body);
        if (!command.queue) return respond(body->problem());
    }
    Submit<engine::EventReply>(sequencer, std::move(command), std::move(respond),
                               [](engine::EventReply&& reply) {
                                   return http::JsonResponse(status::created, FullEventJson(reply));
                               });
}

void ListEvents(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    engine::ListEvents query;
    if (auto value = context.Query("series")) query.series = std::string(*value);
    if (auto value = context.Query("date")) {
        // A calendar date (UTC): the events whose starts_at falls on it.
        const std::optional<TimePoint> day_start = ParseRfc3339(std::string(*value) + "T00:00:00Z");
        if (value->size() != 10 || !day_start)
            return respond(InvalidQuery("date must be YYYY-MM-DD"));
        query.starts_from = *day_start;
        query.starts_before = *day_start + std::chrono::days{1};
    }
    Submit<engine::EventListReply>(
        sequencer, std::move(query), std::move(respond), [](engine::EventListReply&& reply) {
            json::array events;
            events.reserve(reply.events.size());
            for (const auto& spec : reply.events) {
                events.push_back(EventJson(*spec, false));
            }
            return http::JsonResponse(status::ok, json::object{{"events", std::move(events)}});
        });
}

http::Response UnknownEvent() {
    return NotFound(http::Problem::kUnknownEvent, "No event with that id");
}

void GetEvent(Sequencer& sequencer, http::RequestContext& context, http::Responder respond) {
    const std::optional<EventId> event_id = ParseIdAs<EventId>(context.Param("event_id"));
    if (!event_id) return respond(UnknownEvent());
    Submit<engine::EventReply>(sequencer, engine::GetEvent{*event_id}, std::move(respond),
                               [](engine::EventReply&& reply) {
                                   if (reply.event == nullptr) return UnknownEvent();
                                   return http::JsonResponse(status::ok, FullEventJson(reply));
                               });
}

void GetAvailability(Sequencer& sequencer, AvailabilityCache& cache, http::RequestContext& context,
                     http::Responder respond) {
    const std::optional<std::string_view> seats = context.Query("seats");
    if (seats && *seats != "true" && *seats != "false") {
        return respond(InvalidQuery("seats must be true or false"));
    }
    const std::optional<EventId> event_id = ParseIdAs<EventId>(context.Param("event_id"));
    if (!event_id) return respond(UnknownEvent());
    Submit<engine::AvailabilityReply>(
        sequencer, engine::GetAvailability{*event_id, seats && *seats == "true"},
        std::move(respond), [&cache](engine::AvailabilityReply&& reply) {
            if (reply.event == nullptr) return UnknownEvent();
            return JsonTextResponse(status::ok, *cache.Render(reply));
        });
}

}  // namespace

void AddEventRoutes(http::Router& router, Sequencer& sequencer, AvailabilityCache& cache) {
    using http::Access;
    auto bind = [&sequencer](auto fn) {
        return [&sequencer, fn](http::RequestContext& context, http::Responder respond) {
            fn(sequencer, context, std::move(respond));
        };
    };
    router.Add(verb::post, "/api/v1/events", Access::kAdmin, bind(CreateEvent));
    router.Add(verb::get, "/api/v1/events", Access::kPublic, bind(ListEvents));
    router.Add(verb::get, "/api/v1/events/{event_id}", Access::kPublic, bind(GetEvent));
    auto availability = [&sequencer, &cache](http::RequestContext& context,
                                             http::Responder respond) {
        GetAvailability(sequencer, cache, context, std::move(respond));
    };
    router.Add(verb::get, "/api/v1/events/{event_id}/availability", Access::kPublic, availability);
    // The original system spec's paths.
    router.Add(verb::get, "/events", Access::kPublic, bind(ListEvents));
    router.Add(verb::get, "/events/{event_id}/tickets", Access::kPublic, availability);
}

}  // namespace tix::api
