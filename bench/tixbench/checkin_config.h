// CheckInConfig: the shape of `--scenario checkin` (issue 10: scans/s and p99 of online check-in),
// besides the common options: --users is the buyers and --connections the gates' scanners. Each
// buyer buys --tickets-per-user tickets (so 5,000 × 4 = 20,000 tickets by default); the scanners
// are spread over --gates gate names; --rescans of the admitted tickets are scanned again to
// measure the refusal (409 already_checked_in); --offline-tickets are kept from the gates for an
// offline one (tixscan).
#pragma once

#include <cstdint>
#include <string>

#include "common/limits.h"
#include "common/status.h"

namespace tix::bench {

inline constexpr std::uint32_t kCheckInBuyersDefault = 5'000;
inline constexpr std::uint32_t kCheckInTicketsPerUserDefault = 4;
inline constexpr std::uint32_t kCheckInGatesDefault = 4;
// One scanner account per gate; gates are named gate-1 .. gate-N.
inline constexpr std::uint32_t kCheckInGatesMax = 64;
inline constexpr std::uint32_t kCheckInRescansDefault = 5'000;
// A bulk user may hold at most this many tickets of one event.
inline constexpr std::uint32_t kCheckInTicketsPerUserMax = limits::kMaxPerUserLimit;

struct CheckInConfig {
    std::uint32_t tickets_per_user = kCheckInTicketsPerUserDefault;
    std::uint32_t gates = kCheckInGatesDefault;
    std::uint32_t rescans = kCheckInRescansDefault;  // 0 skips the refusal phase
    std::uint32_t offline_tickets = 0;               // the last ones read, never scanned online
    // If set, the offline tickets' QR payloads (every ticket's when there are none) are written
    // here, one a line, before the scans: what bench/tixscan_verify.sh feeds to an offline gate.
    std::string payloads_path;
};

// The tickets the setup issues for `buyers` buyers.
inline std::uint64_t CheckInTickets(const CheckInConfig& config, std::uint32_t buyers) {
    return std::uint64_t{buyers} * config.tickets_per_user;
}

// Checks every bound given the buyers (--users); the error names the offending option.
Status ValidateCheckInConfig(const CheckInConfig& config, std::uint32_t buyers);

}  // namespace tix::bench
