// QueueSaleConfig: the shape of the queue scenario (an on-sale through tixd's waiting room, issue
// 8 §4): how many users and bots, how they spread over simulated client addresses, the pre-queue
// window and the arrivals after the start, and the room's settings. Zero means "derived from the
// users" for the rate, active_max and tickets; ResolveQueueSaleDefaults fills and checks it.
#pragma once

#include <cstdint>

#include "common/status.h"

namespace tix::bench {

inline constexpr std::uint32_t kQueueUsersDefault = 20'000;
inline constexpr std::uint32_t kQueueUsersMin = 10;
// An address (IPv4 /32) in 127.1.0.0/16 per `humans_per_address` humans, in 127.2.0.0/16 per
// `bots_per_address` bots: 254 usable addresses per /24, 256 /24s.
inline constexpr std::uint32_t kSimAddressesMax = 254 * 256;
inline constexpr std::uint32_t kPowBitsMax = 24;  // the bench solves every join: keep it sane

struct QueueSaleConfig {
    std::uint32_t users = kQueueUsersDefault;
    double bot_share = 0.10;
    // A carrier NAT's worth of people per address; their polls stay under the per-address limit.
    std::uint32_t humans_per_address = 20;
    // Many accounts behind a few addresses, each address with many connections.
    std::uint32_t bots_per_address = 500;
    std::uint32_t connections_per_bot_address = 25;
    double pre_queue_share = 0.5;  // of humans and of bots alike: join before the start
    double pre_queue_s = 20;       // opens_at .. sale start
    double join_s = 20;            // the others arrive over this long after the start
    double time_limit_s = 120;     // after the start: users not done by then are left unfinished
    std::uint32_t admit_per_minute = 0;  // 0: the pre-queue admitted over join_s
    std::uint32_t active_max = 0;        // 0: ten seconds of admissions
    std::uint32_t admission_s = 60;      // tixd's minimum: unnoticed admissions end soonest
    std::uint32_t pow_bits = 8;          // 256 hashes a join: the bench solves 20,000 of them
    std::uint32_t tickets = 0;           // 0: enough for three users in four
    std::uint32_t quantity_max = 4;      // also the event's max_per_user
};

// Fills the derived values and checks every bound; the error names the offending option.
Status ResolveQueueSaleDefaults(QueueSaleConfig& config);

std::uint32_t BotCount(const QueueSaleConfig& config);
std::uint32_t HumanAddressCount(const QueueSaleConfig& config);
std::uint32_t BotAddressCount(const QueueSaleConfig& config);
// One connection per human address, connections_per_bot_address per bot address.
std::uint32_t QueueSaleConnections(const QueueSaleConfig& config);

}  // namespace tix::bench
