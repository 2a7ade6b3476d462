// AvailabilityFeed: an event page's live availability over a WebSocket, GET /ws/events/{event_id}
// (docs/api.md). On connect the socket gets the event's zone counts as they are; afterwards a
// Ticker calls Tick every kAvailabilityPushPeriod, which asks the engine about the events that
// have subscribers, and only those, and publishes a frame for each whose version changed: at
// most two frames a second per event, each rendered once and shared by every socket watching it.
//
// Thread-safe: the upgrade handler runs on IO threads, Tick on the ticker's, completions on the
// IO thread that submitted (or the sequencer's writer). REQUIRES: the sequencer and hub outlive
// it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "common/types.h"
#include "engine/reply.h"
#include "http/router.h"
#include "push/push_hub.h"
#include "service/sequencer.h"

namespace tix::api {

// "At most twice a second": changes within one period reach a socket as one frame.
inline constexpr std::chrono::milliseconds kAvailabilityPushPeriod{500};

// The hub topic of one event's availability: "event:42".
push::Topic EventTopic(EventId event_id);

// {"event":"availability","data":{"event_id","version","zones":[...],"timestamp"}}: the zones
// as GET .../availability renders them. REQUIRES: reply.event is set.
push::Frame AvailabilityFrame(const engine::AvailabilityReply& reply, TimePoint now);

class AvailabilityFeed {
  public:
    using Clock = std::function<TimePoint()>;

    AvailabilityFeed(service::Sequencer& sequencer, push::PushHub& hub, Clock now);
    AvailabilityFeed(const AvailabilityFeed&) = delete;
    AvailabilityFeed& operator=(const AvailabilityFeed&) = delete;

    // GET /ws/events/{event_id}: public (the page is); a token, when sent, must be valid.
    // An unknown event is refused with 404 unknown_event before the upgrade.
    void AddRoutes(http::Router& router);

    // Publishes the availability of every watched event whose version changed since it was
    // last published. Skips an event whose previous query has not come back yet.
    void Tick();

  private:
    void Upgrade(http::RequestContext& context, http::UpgradeResponder respond);
    void OnAvailability(EventId event_id, engine::Reply&& reply, bool durable);

    service::Sequencer& sequencer_;
    push::PushHub& hub_;
    const Clock now_;

    std::mutex mutex_;                                      // guards the two below
    std::unordered_map<EventId, std::uint64_t> published_;  // version last published, per event
    std::unordered_set<EventId> asking_;                    // queries submitted, not answered
};

}  // namespace tix::api
