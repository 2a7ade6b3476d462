// RankingTicks: when each ranking_update tick reached each socket, and what that says about the
// fan-out: per tick, the spread from the first socket to receive it to the last, and (when the
// server stamps its frames in milliseconds) from the server's timestamp to the last socket. A tick
// that reached fewer sockets than were open was skipped by slow readers (the push layer keeps only
// the latest ranking for them) or lost. The socket thread records; Summarize at the end. Pure:
// times are given, in unix milliseconds of the machine's clock (the server's is the same clock).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "latency_histogram.h"

namespace tix::bench {

struct TickFigures {
    std::uint64_t ticks = 0;           // distinct ranking_update ticks seen
    std::uint64_t complete_ticks = 0;  // of those, received by every socket
    std::uint64_t frames = 0;          // ranking_update frames received in all
    std::uint32_t sockets = 0;         // the sockets a complete tick reaches
    LatencyHistogram spread;           // per tick: last socket − first socket, µs
    LatencyHistogram server_to_last;   // per tick: last socket − the server's timestamp, µs
    bool server_ms = false;            // the server's timestamps had milliseconds

    boost::json::object ToJson() const;
};

class RankingTicks {
  public:
    // A socket got the frame of tick `tick` at `received_ms`.
    void Record(std::string_view tick, std::optional<std::int64_t> server_ms, double received_ms);
    // `sockets`: how many were open throughout.
    TickFigures Summarize(std::uint32_t sockets) const;

  private:
    struct Tick {
        double first_ms = 0;
        double last_ms = 0;
        std::optional<std::int64_t> server_ms;
        std::uint32_t frames = 0;
    };
    std::unordered_map<std::string, Tick> ticks_;
};

}  // namespace tix::bench
