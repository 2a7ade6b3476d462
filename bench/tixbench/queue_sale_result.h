// What the queue scenario knows before it runs (QueuePlan) and what it brings back
// (QueueSaleResult): each user's story as the bench saw it (when its join was accepted, its entry
// and draw rank, when the server admitted it, what it bought), the room's counters over time, the
// orders, and the request counts. Plain values; the figures are computed from them
// (queue_report.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admission_figures.h"
#include "common/time.h"
#include "order_ledger.h"
#include "queue_population.h"
#include "queue_sale_config.h"
#include "run_stats.h"

namespace tix::bench {

struct QueuePlan {
    QueueSaleConfig config;
    std::int64_t event_id = 0;
    std::vector<std::string> zone_ids;  // the most wanted first
    std::vector<std::string> tokens;    // index = the user
    Population population;
    TimePoint opens_at{};
    TimePoint sale_starts_at{};
    std::uint64_t seed = 1;
};

// How a user's part ended.
enum class UserEnd : std::uint8_t {
    kUnfinished,  // still going when the run ended
    kPaid,        // bought tickets
    kNoTickets,   // admitted, but every hold it tried was sold out
    kSoldOut,     // told sold_out while waiting
    kExpired,     // admitted, and the admission lapsed before it bought
    kOther,       // removed, or an answer it could not go on from
};

struct UserRecord {
    UserKind kind = UserKind::kHuman;
    // When the join that tixd accepted (201) was sent, seconds after the sale started.
    std::optional<double> joined_at_s;
    std::uint64_t entry_id = 0;
    std::optional<std::uint64_t> draw_rank;  // set for pre-queue entries, once drawn
    // When tixd admitted the user (its admission_expires_at less admission_seconds), seconds
    // after the sale started; known once the user has seen its status after admission.
    std::optional<double> admitted_at_s;
    std::optional<double> paid_at_s;  // the paid confirm's answer, which ends the admission
    std::uint32_t tickets = 0;
    UserEnd end = UserEnd::kUnfinished;
};

struct QueueSaleResult {
    std::vector<UserRecord> users;     // index = the user
    std::vector<QueueSample> samples;  // the room's counters, every 200 ms
    OrderLedger ledger;
    RunStats stats;         // requests, errors, outcomes ("poll 429 rate_limited"), latency of all
    double ended_at_s = 0;  // seconds after the sale started
};

}  // namespace tix::bench
