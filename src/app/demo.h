// The demo on-sale that `make run` loads: the 2026 MLB vs CPBL All-Star game at Taipei Dome,
// 45,000 tickets, and a second date of the series behind a waiting room whose pre-queue is open
// at start and whose sale starts a few minutes later (issue 8).
#pragma once

#include <string>
#include <vector>

#include "common/types.h"
#include "engine/event_spec.h"
#include "engine/queue_config.h"

namespace tix::app {

inline constexpr char kDemoAdminEmail[] = "admin@tix.local";
inline constexpr char kDemoAdminPassword[] = "tix-admin-2026";
inline constexpr char kDemoUserEmail[] = "fan@tix.local";
inline constexpr char kDemoUserPassword[] = "tix-fan-2026";
inline constexpr std::uint32_t kDemoSeatsPerDate = 45'000;

// The second date's sale starts this long after the demo is loaded: time to join its pre-queue.
inline constexpr std::chrono::minutes kDemoQueuedSaleDelay{3};
inline constexpr std::size_t kDemoQueuedEvent = 1;  // the index in DemoEvents: the second date
inline constexpr std::uint32_t kDemoPowBits = 16;   // ~65,000 hashes: a second in a browser

// Both dates of the series. The first is on sale from `now` on; the second from
// kDemoQueuedSaleDelay after it. The games start two weeks after `now` (19:05 Taipei time).
std::vector<engine::EventSpec> DemoEvents(TimePoint now);

// The second date's waiting room: open since just before `now`, so its pre-queue takes joins
// until the sale starts at `sale_starts_at`.
engine::QueueConfig DemoQueue(TimePoint now, TimePoint sale_starts_at,
                              const engine::QueueSeed& seed);

}  // namespace tix::app
