// `--scenario queue-load`: the waiting room's capacity on this machine, for issue 8 §4's
// "joins/s (durable) and polls/s at 100 and 1,000 connections, beside tixd's own ceiling". An
// event whose sale has started and whose room is paused (so the line only grows) gets every
// user's join in closed loop at --connections (a 201 is a durable join), then as many polls (GET
// .../queue/me: a waiting user with a position) for --duration seconds. Each user's challenge is
// fetched and its proof of work solved before the joins (not measured). Given --tixd-pid, tixd's
// resident memory before and after the joins: bytes per waiting user as the whole server sees it.
// Run it against a tixd without --rate-limit-loopback: it measures the server, not the limits.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

#include "bench_config.h"
#include "common/status.h"
#include "phase_stats.h"

namespace tix::bench {

// Cheap for the bench to solve; tixd's check costs the same one hash whatever the bits.
inline constexpr std::uint32_t kQueueLoadPowBits = 4;

struct QueueLoadReport {
    PhaseStats challenges;  // the setup, for the record
    PhaseStats joins;
    PhaseStats polls;
    std::optional<std::uint64_t> rss_before_bytes;
    std::optional<std::uint64_t> rss_after_bytes;

    std::optional<double> rss_bytes_per_join() const;
    // No errors, and at least one join and one poll succeeded.
    bool passed() const;
    boost::json::object ToJson(const BenchConfig& config) const;
};

// VmRSS of a /proc/<pid>/status text, in bytes; nullopt if it has none.
std::optional<std::uint64_t> ResidentBytes(std::string_view proc_status);
// Process `pid`'s VmRSS in bytes (/proc/PID/status); nullopt for pid 0 or if unreadable.
std::optional<std::uint64_t> ReadResidentBytes(std::uint32_t pid);

// REQUIRES: ResolveDefaults(config) passed for queue-load.
Result<QueueLoadReport> RunQueueLoad(const BenchConfig& config,
                                     boost::asio::ip::tcp::endpoint server, std::ostream& out);

}  // namespace tix::bench
