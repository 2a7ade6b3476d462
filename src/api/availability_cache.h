// Rendered availability bodies, one per event and detail level, kept while the event's version
// (Engine::EventVersion) is unchanged: a crowd refreshing a 45,000-seat map costs one render per
// change of the event, not one per request, and the render runs on an IO thread.
// Thread-safe: IO threads share one cache; the lock is never held while rendering.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "engine/reply.h"

namespace tix::api {

class AvailabilityCache {
  public:
    // The JSON body for `reply` (AvailabilityJson), rendered now or earlier for the same version.
    // REQUIRES: reply.event is set.
    std::shared_ptr<const std::string> Render(const engine::AvailabilityReply& reply);

  private:
    struct Entry {
        std::uint64_t version = 0;
        std::shared_ptr<const std::string> body;
    };

    std::mutex mutex_;
    // Key: event id * 2 + (with seat states). Two entries per event at most.
    boost::unordered_flat_map<std::uint64_t, Entry> entries_;
};

}  // namespace tix::api
