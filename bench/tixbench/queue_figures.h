// The queue scenario's figures and their checks against issue 8 §4's targets, from what the run
// brought back (QueueSaleResult): fairness (the bots' share of tickets against their share of
// accounts; Kendall's tau of admission order against arrival order among those who joined after
// the start, target >= 0.99; a chi-square test that the pre-queue draw is independent of arrival
// order) and safety (never more shopping than active_max; the outflow within ±5 % of
// admit_per_minute whenever only the pace held admissions back; never more than admit_per_minute
// in a minute). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "admission_figures.h"
#include "queue_sale_result.h"
#include "rank_statistics.h"
#include "verification.h"

namespace tix::bench {

inline constexpr double kTauTarget = 0.99;
// A fair draw fails the chi-square test at this level once in a thousand runs.
inline constexpr double kChiSquarePValueMin = 0.001;
inline constexpr double kOutflowTolerance = 0.05;
inline constexpr double kOutflowWindowSeconds = 10;

struct FairnessFigures {
    std::uint64_t users = 0;
    std::uint64_t bots = 0;
    std::uint64_t pre_queue = 0;  // entries in the draw
    std::uint64_t bots_in_pre_queue = 0;
    std::uint64_t admitted = 0;  // known to the bench
    std::uint64_t bots_admitted = 0;
    std::uint64_t bots_expired = 0;  // admitted, never bought in time
    std::uint64_t tickets = 0;       // paid
    std::uint64_t bot_tickets = 0;

    std::uint64_t tau_pairs_n = 0;  // joined after the start and admitted
    std::optional<double> tau;
    std::uint64_t draw_n = 0;  // pre-queue entries with a known arrival
    std::uint32_t draw_buckets = 0;
    std::optional<ChiSquareResult> draw_chi_square;

    double bot_account_share() const { return users ? double(bots) / users : 0; }
    double bot_ticket_share() const { return tickets ? double(bot_tickets) / tickets : 0; }
};

struct SafetyFigures {
    RoomLimits limits;
    std::uint64_t most_active_sampled = 0;  // admitted_active, read every 200 ms
    // From each known admission's start (the server's) to its end (the bench's paid answer, or
    // its expiry): an upper bound, since the bench hears of a payment after tixd ends it.
    std::uint64_t most_active_reconstructed = 0;
    OutflowFigures outflow;
};

// REQUIRES: draw ranks filled from the published draw (FillDrawRanks) where known.
FairnessFigures ComputeFairness(const std::vector<UserRecord>& users);
SafetyFigures ComputeSafety(const QueueSaleResult& result, const RoomLimits& limits,
                            double admission_s);

// One check per target: Kendall's tau, the chi-square p-value, active_max, the outflow, the
// minute's ceiling. SKIP where the run gave too little to measure.
std::vector<Check> QueueChecks(const FairnessFigures& fairness, const SafetyFigures& safety);

}  // namespace tix::bench
