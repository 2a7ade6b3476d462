// The people of the queue scenario, planned before it runs: which users are bots, the simulated
// client address each one uses (humans spread thin over 127.1.0.0/16, bots packed on a few
// addresses in 127.2.0.0/16), and when each starts to join (in the pre-queue window or after the
// start). Deterministic for a seed; pure.
#pragma once

#include <boost/asio/ip/address_v4.hpp>
#include <cstdint>
#include <vector>

#include "queue_sale_config.h"

namespace tix::bench {

enum class UserKind : std::uint8_t { kHuman, kBot };

struct SimAddress {
    boost::asio::ip::address_v4 ip;
    UserKind kind = UserKind::kHuman;
    std::uint32_t connections = 1;
    std::uint32_t users = 0;
};

struct PlannedUser {
    UserKind kind = UserKind::kHuman;
    std::uint32_t address = 0;  // index into Population::addresses
    // When the user starts to join (asks for a challenge), seconds after the sale starts:
    // negative in the pre-queue window.
    double arrival_s = 0;
};

struct Population {
    std::vector<PlannedUser> users;  // index = the user (and its access token)
    std::vector<SimAddress> addresses;
    std::uint32_t bots = 0;
};

// Pre-queue arrivals fall in [-pre_queue_s + kOpenMarginSeconds, -kCloseMarginSeconds]: after
// the queue opens, and early enough that the proof of work and the join are done before the
// start. The others fall in [0, join_s].
inline constexpr double kOpenMarginSeconds = 0.5;
inline constexpr double kCloseMarginSeconds = 1.5;

// REQUIRES: ResolveQueueSaleDefaults(config) passed.
Population PlanPopulation(const QueueSaleConfig& config, std::uint64_t seed);

// The n-th address (from 0) of a kind: 127.1.x.y for humans, 127.2.x.y for bots, y in 1..254.
boost::asio::ip::address_v4 SimAddressIp(UserKind kind, std::uint32_t n);

}  // namespace tix::bench
