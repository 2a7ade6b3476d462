#include "api/availability_feed.h"

#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "api/problems.h"
#include "api/route_support.h"
#include "api/views.h"
#include "common/rfc3339.h"

namespace tix::api {
namespace {

constexpr std::string_view kEventTopicPrefix = "event:";

std::optional<EventId> EventOfTopic(std::string_view topic) {
    if (!topic.starts_with(kEventTopicPrefix)) return std::nullopt;
    return ParseIdAs<EventId>(topic.substr(kEventTopicPrefix.size()));
}

http::Response UnknownEvent() {
    return NotFound(http::Problem::kUnknownEvent, "No event with that id");
}

}  // namespace

push::Topic EventTopic(EventId event_id) {
    return std::string(kEventTopicPrefix) + std::to_string(event_id.value());
}

push::Frame AvailabilityFrame(const engine::AvailabilityReply& reply, TimePoint now) {
    boost::json::object data = AvailabilityJson(reply);
    data["version"] = reply.version;
    data["timestamp"] = FormatRfc3339(now);
    return push::MakeFrame("availability", data);
}

AvailabilityFeed::AvailabilityFeed(service::Sequencer& sequencer, push::PushHub& hub, Clock now)
    : sequencer_(sequencer), hub_(hub), now_(std::move(now)) {}

void AvailabilityFeed::AddRoutes(http::Router& router) {
    router.AddWebSocket("/ws/events/{event_id}", http::Access::kPublic,
                        [this](http::RequestContext& context, http::UpgradeResponder respond) {
                            Upgrade(context, std::move(respond));
                        });
}

// The engine's answer decides: 404 for an unknown event, else the socket opens with the counts
// it read as its first frame.
void AvailabilityFeed::Upgrade(http::RequestContext& context, http::UpgradeResponder respond) {
    const std::optional<EventId> event_id = ParseIdAs<EventId>(context.Param("event_id"));
    if (!event_id) return respond.Refuse(UnknownEvent());
    const UserId user = context.principal ? context.principal->user_id : UserId{};
    service::Completion completion = [this, respond, user, event_id = *event_id](
                                         engine::Reply&& reply, bool durable) {
        if (!durable) return respond.Refuse(StorageUnavailable());
        const auto& availability = std::get<engine::AvailabilityReply>(reply);
        if (availability.event == nullptr) return respond.Refuse(UnknownEvent());
        respond.Accept(http::WebSocketPlan{
            .hub = &hub_,
            .topics = {EventTopic(event_id)},
            .user = user,
            .initial = {{push::Slot::kAvailability, AvailabilityFrame(availability, now_())}},
        });
    };
    if (!sequencer_.Submit(engine::GetAvailability{*event_id, false}, std::move(completion))) {
        respond.Refuse(Overloaded());
    }
}

void AvailabilityFeed::Tick() {
    std::unordered_set<EventId> watched;
    for (const push::Topic& topic : hub_.Topics()) {
        if (const std::optional<EventId> event_id = EventOfTopic(topic)) watched.insert(*event_id);
    }
    std::vector<EventId> to_ask;
    {
        std::lock_guard lock(mutex_);
        // Unwatched events are forgotten: the hub dropped their retained frame too.
        std::erase_if(published_,
                      [&](const auto& entry) { return !watched.contains(entry.first); });
        for (const EventId event_id : watched) {
            if (asking_.insert(event_id).second) to_ask.push_back(event_id);
        }
    }
    for (const EventId event_id : to_ask) {
        service::Completion completion = [this, event_id](engine::Reply&& reply, bool durable) {
            OnAvailability(event_id, std::move(reply), durable);
        };
        if (!sequencer_.Submit(engine::GetAvailability{event_id, false}, std::move(completion))) {
            std::lock_guard lock(mutex_);  // overloaded: try again next tick
            asking_.erase(event_id);
        }
    }
}

// The first answer after an event gains watchers is published too: a socket that joined
// between a change and this tick would otherwise keep the older counts it was greeted with.
void AvailabilityFeed::OnAvailability(EventId event_id, engine::Reply&& reply, bool durable) {
    const auto& availability = std::get<engine::AvailabilityReply>(reply);
    bool changed = false;
    if (durable && availability.event != nullptr) {
        std::lock_guard lock(mutex_);
        const auto [entry, added] = published_.try_emplace(event_id, availability.version);
        changed = added || entry->second != availability.version;
        entry->second = availability.version;
    }
    // Rendered once, outside the lock, and shared by every socket watching the event.
    if (changed) {
        hub_.Publish(EventTopic(event_id), push::Slot::kAvailability,
                     AvailabilityFrame(availability, now_()));
    }
    // Only now may the next query go out: frames of one event are published in version order.
    std::lock_guard lock(mutex_);
    asking_.erase(event_id);
}

}  // namespace tix::api
