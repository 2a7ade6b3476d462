#include "api/availability_cache.h"

#include <boost/json/serialize.hpp>

#include "api/views.h"

namespace tix::api {

std::shared_ptr<const std::string> AvailabilityCache::Render(
    const engine::AvailabilityReply& reply) {
    const std::uint64_t key =
        reply.event->event_id.value() * 2 + (reply.seat_states != nullptr ? 1 : 0);
    {
        std::lock_guard lock(mutex_);
        const auto it = entries_.find(key);
        if (it != entries_.end() && it->second.version == reply.version) return it->second.body;
    }
    auto body =
        std::make_shared<const std::string>(boost::json::serialize(AvailabilityJson(reply)));
    std::lock_guard lock(mutex_);
    Entry& entry = entries_[key];
    // Another thread may have rendered a newer version meanwhile: keep the newest.
    if (entry.body == nullptr || entry.version <= reply.version) entry = {reply.version, body};
    return body;
}

}  // namespace tix::api
