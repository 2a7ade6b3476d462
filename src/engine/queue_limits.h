// The bounds of the virtual waiting room, with their relations checked at compile time. A new
// section of common/limits.h in waiting: it lives here until the queue is wired into tixd, then
// moves there as it is ("---- The waiting room (engine) ----").
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#include "common/limits.h"  // the sections beside this one, and std::chrono for the durations

namespace tix::limits {

// ---- The waiting room (engine) ----
// Admission pacing and capacity, per event (QueueConfig).
inline constexpr std::uint32_t kAdmitPerMinuteMax = 1'000'000;
inline constexpr std::uint32_t kQueueActiveMax = 1'000'000;  // admitted shoppers at once
inline constexpr std::chrono::seconds kAdmissionMin{60};     // how long an admission lasts
inline constexpr std::chrono::seconds kAdmissionMax{3'600};
inline constexpr std::uint32_t kPowBitsMax = 32;  // leading zero bits a join's proof must have
// Entries (joins) per event, ever: entries are indexed in 32 bits.
inline constexpr std::uint32_t kQueueEntriesMax = 4'000'000;
// A challenge is remembered until it expires; one expiring later than this is not ours.
inline constexpr std::chrono::minutes kChallengeLifetimeMax{10};
inline constexpr std::size_t kPowChallengeLengthMax = 256;  // bytes hashed before the nonce
inline constexpr std::size_t kPowNonceLengthMax = 64;
// Admissions the pacer may catch up at once after a late Pump (a burst of at most this much of
// the rate); beyond it, the lost time is not made up.
inline constexpr std::chrono::milliseconds kAdmissionCatchUp{100};
// The window of the hard ceiling (never more than admit_per_minute admissions in any window this
// long) and of the measured outflow.
inline constexpr std::chrono::seconds kOutflowWindow{60};
// poll_after bounds (queue_poll.h).
inline constexpr std::chrono::milliseconds kPollMin{2'000};
inline constexpr std::chrono::milliseconds kPollMax{600'000};

// ---- Relations ----
static_assert(kQueueEntriesMax < std::numeric_limits<std::uint32_t>::max(),
              "entry indexes and admission slots are 32 bits, with the maximum for none");
static_assert(kQueueActiveMax <= kQueueEntriesMax);
static_assert(kAdmissionMin <= kAdmissionMax);
static_assert(kPowBitsMax <= 256, "a SHA-256 digest has 256 bits");
static_assert(kAdmissionCatchUp < kOutflowWindow);
static_assert(kPollMin < kPollMax);
// A client hears of its admission before it lapses (queue_poll.h): pre-queue clients spread
// their first poll after the draw over admission / 2 - kPollMin, which must be a real spread.
static_assert(kPollMin < kAdmissionMin / 4);

}  // namespace tix::limits
