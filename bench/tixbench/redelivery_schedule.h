// RedeliverySchedule: the order in which `--scenario pay`'s webhook phase delivers its events,
// as a provider does: every event once, in the order they happened, and a share of them again
// a little later (a redelivery after a lost answer: the same event id, which tixd must answer
// `duplicate` and apply no second time). Pure and seeded: the same arguments give the same
// schedule.
#pragma once

#include <cstdint>
#include <vector>

namespace tix::bench {

// A redelivery follows its event within this many deliveries (or at the end): close enough
// that the first may still be in flight on another connection, as a provider's retry can be.
inline constexpr std::uint32_t kRedeliveryLagMax = 1'000;

// Event indices 0..events-1, each once in order, with round(events * redelivered_share) of
// them (chosen at random) delivered a second time, 1..kRedeliveryLagMax deliveries after the
// first (never before it).
// REQUIRES: 0 <= redelivered_share <= 1.
std::vector<std::uint32_t> RedeliverySchedule(std::uint32_t events, double redelivered_share,
                                              std::uint64_t seed);

}  // namespace tix::bench
