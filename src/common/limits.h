// Every bound of tixd that another layer depends on, in one place, with the relations between
// them checked at compile time. A layer re-exports the ones it owns (engine::kMaxPerUserLimit,
// http::kBodyBytesMax, ...), so callers keep naming them where they belong.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "common/types.h"

namespace tix::limits {

// ---- The product (engine) ----
inline constexpr std::uint32_t kOrderSeatsInline = 8;     // engine::Order keeps its seats inline
inline constexpr std::uint32_t kMaxPerUserLimit = 8;      // tickets per user per event, at most
inline constexpr std::chrono::seconds kDefaultHold{600};  // how long a hold keeps its seats
inline constexpr std::chrono::seconds kMaxHold{86'400};
inline constexpr std::uint32_t kMaxZonesPerEvent = 64;
inline constexpr std::uint32_t kMaxRowsPerZone = 1'000;
inline constexpr std::uint32_t kMaxSeatsPerRow = 2'000;
inline constexpr std::uint32_t kMaxCapacityPerZone = 1'000'000;
inline constexpr std::uint32_t kMaxCapacityPerEvent = 2'000'000;
inline constexpr std::size_t kMaxZoneIdLength = 16;
inline constexpr std::size_t kMaxRowLabelLength = 8;
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::int64_t kMaxPriceMinor = 100'000'000'000;  // 1e9 in major units
inline constexpr std::size_t kMaxIdempotencyKeyLength = 255;
// Seat maps name a seat's order in 32 bits: the last order id one tixd data dir can issue.
inline constexpr OrderId kMaxOrderId{0xffff'ffff};

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
// The HTTP side of the room (api/queue_routes.cpp): how long a join challenge may be used, and
// the entries of the published draw per page.
inline constexpr std::chrono::minutes kPowChallengeLifetime{5};
inline constexpr std::uint32_t kQueueDrawPageMax = 1'000;

// The waiting room's relations.
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
static_assert(kPowChallengeLifetime <= kChallengeLifetimeMax,
              "the room remembers a used challenge for as long as it can be used");

// ---- Bidding flash-sales (engine; the member weight is also the user directory's) ----
// A member's weight W in a bid's score (engine::Score); accounts start at the default.
inline constexpr double kMemberWeightMin = 0.5;
inline constexpr double kMemberWeightMax = 5.0;
inline constexpr double kDefaultMemberWeight = 1.0;
static_assert(kMemberWeightMin <= kDefaultMemberWeight && kDefaultMemberWeight <= kMemberWeightMax);

// ---- The sequencer (service) ----
inline constexpr std::size_t kQueueCapacity = 100'000;     // commands waiting: past it, 503
inline constexpr std::size_t kBatchMax = 8'192;            // commands applied per group commit
inline constexpr std::size_t kBatchesInFlight = 2;         // applied, waiting for the writer
inline constexpr std::size_t kParkedCommandsMax = 10'000;  // waiting for a payment to settle

// ---- The HTTP edge (http, api) ----
inline constexpr std::uint32_t kHeaderBytesMax = 8 * 1024;
inline constexpr std::uint64_t kBodyBytesMax = 64 * 1024;
inline constexpr std::chrono::milliseconds kReadTimeout{10'000};
inline constexpr std::chrono::milliseconds kIdleTimeout{30'000};
// WebSockets count too: a campaign of 10,000 bidders, each with a live socket, needs their bid
// connections beside them (the open-file limit may lower it: app/open_file_limit.h).
inline constexpr std::size_t kConnectionsMax = 20'000;
inline constexpr std::size_t kSeatIdLengthMax = 40;     // "ZONE-ROW-N"
inline constexpr std::size_t kSeatsPerRequestMax = 64;  // rejected before the engine beyond
inline constexpr std::int64_t kPageSizeDefault = 20;
inline constexpr std::int64_t kPageSizeMax = 100;

// ---- Relations ----
static_assert(kMaxPerUserLimit <= kOrderSeatsInline, "an order keeps at most 8 seats inline");
static_assert(kMaxZonesPerEvent <= 65'535, "a zone index is 16 bits");
static_assert(std::uint64_t{kMaxRowsPerZone} * kMaxSeatsPerRow <= 2 * kMaxCapacityPerZone,
              "a zone of full rows stays within twice the zone capacity (seat map sizing)");
static_assert(kMaxCapacityPerZone <= kMaxCapacityPerEvent);
static_assert(kDefaultHold <= kMaxHold);
static_assert(kMaxOrderId.value() <= std::numeric_limits<std::uint32_t>::max(),
              "seat maps store the owning order id in 32 bits");
static_assert(kMaxIdempotencyKeyLength < kHeaderBytesMax, "an Idempotency-Key fits the headers");
// "ZONE-ROW-1234": the longest seat id the engine can name is accepted by the API.
static_assert(kMaxZoneIdLength + 1 + kMaxRowLabelLength + 1 + 4 <= kSeatIdLengthMax);
static_assert(kMaxSeatsPerRow <= 9'999, "seat numbers have at most 4 digits (kSeatIdLengthMax)");
static_assert(kSeatsPerRequestMax >= kMaxPerUserLimit,
              "a request one seat over the limit reaches the engine, which names the problem");
static_assert(kSeatsPerRequestMax * (kSeatIdLengthMax + 4) < kBodyBytesMax,
              "the largest hold request fits in a body");
static_assert(kBatchMax <= kQueueCapacity);
static_assert(kParkedCommandsMax <= kQueueCapacity);
// A connection has at most one request in flight, so clients alone never fill the queue.
static_assert(kConnectionsMax <= kQueueCapacity);
static_assert(kReadTimeout < kIdleTimeout);
static_assert(0 < kPageSizeDefault && kPageSizeDefault <= kPageSizeMax);

}  // namespace tix::limits
