// The push layer's vocabulary. A Topic is what a socket subscribes to ("event:42"); a Frame is
// one WebSocket text message, `{"event": ..., "data": {...}}`, serialized once and shared by
// every socket it goes to (no per-socket copy); a Slot is where a broadcast frame waits in a
// socket's queue: a newer frame for the same slot replaces the one not yet written, so a slow
// reader gets the latest ranking, never a backlog of stale ones.
// Plain values; any thread.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tix::push {

using Topic = std::string;
using Frame = std::shared_ptr<const std::string>;

// One per kind of broadcast that may be coalesced. Few and fixed: every socket keeps one
// pending frame per slot, in a fixed array.
enum class Slot : std::uint8_t {
    kAvailability,   // an event's zone counts
    kRanking,        // a campaign's ranking
    kQueuePosition,  // a waiting room's positions
    kPong,           // the answer to a client's ping: one pending is enough
};
inline constexpr std::size_t kSlotCount = 4;

// {"event": event, "data": data}, serialized.
Frame MakeFrame(std::string_view event, const boost::json::object& data);

}  // namespace tix::push
