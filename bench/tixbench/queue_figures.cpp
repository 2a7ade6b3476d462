#include "queue_figures.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace tix::bench {
namespace {

std::string Format(const char* format, auto... values) {
    char text[256];
    std::snprintf(text, sizeof text, format, values...);
    return text;
}

Check TauCheck(const FairnessFigures& fairness) {
    const char* name = "admission order follows arrival after the start (Kendall tau >= 0.99)";
    if (!fairness.tau) return {name, Check::Verdict::kSkip, "fewer than two admitted"};
    return {name, *fairness.tau >= kTauTarget ? Check::Verdict::kPass : Check::Verdict::kFail,
            Format("tau %.5f over %llu users", *fairness.tau,
                   static_cast<unsigned long long>(fairness.tau_pairs_n))};
}

Check DrawCheck(const FairnessFigures& fairness) {
    const char* name = "pre-queue draw independent of arrival (chi-square, p >= 0.001)";
    if (!fairness.draw_chi_square) {
        return {name, Check::Verdict::kSkip, "too few pre-queue entries"};
    }
    const ChiSquareResult& chi = *fairness.draw_chi_square;
    return {name,
            chi.p_value >= kChiSquarePValueMin ? Check::Verdict::kPass : Check::Verdict::kFail,
            Format("chi-square %.1f, %u degrees of freedom, p = %.3f (%llu entries, %u x %u)",
                   chi.statistic, chi.degrees_of_freedom, chi.p_value,
                   static_cast<unsigned long long>(fairness.draw_n), fairness.draw_buckets,
                   fairness.draw_buckets)};
}

Check ActiveCheck(const SafetyFigures& safety) {
    const bool within = safety.most_active_sampled <= safety.limits.active_max;
    return {"never more shopping than active_max",
            within ? Check::Verdict::kPass : Check::Verdict::kFail,
            Format("most admitted at once %llu read by the monitor, %llu reconstructed (an upper "
                   "bound); active_max %u",
                   static_cast<unsigned long long>(safety.most_active_sampled),
                   static_cast<unsigned long long>(safety.most_active_reconstructed),
                   safety.limits.active_max)};
}

Check OutflowCheck(const SafetyFigures& safety) {
    const char* name = "outflow within 5 % of admit_per_minute while only the pace held it back";
    const OutflowFigures& outflow = safety.outflow;
    const double rate = safety.limits.admit_per_minute;
    if (outflow.windows == 0) {
        return {name, Check::Verdict::kSkip,
                Format("no %.0f s window paced by the rate alone", kOutflowWindowSeconds)};
    }
    return {
        name,
        outflow.WindowsWithin(rate, kOutflowTolerance) ? Check::Verdict::kPass
                                                       : Check::Verdict::kFail,
        Format("%.0f/min on average over %.1f s; %u windows of %.0f s from %.0f to %.0f/min; "
               "admit_per_minute %.0f",
               outflow.mean_per_minute, outflow.measured_s, outflow.windows, kOutflowWindowSeconds,
               *outflow.min_window_per_minute, *outflow.max_window_per_minute, rate)};
}

Check MinuteCheck(const SafetyFigures& safety) {
    const char* name = "never more than admit_per_minute in a minute";
    if (!safety.outflow.most_in_a_minute) return {name, Check::Verdict::kSkip, "no samples"};
    const std::uint64_t most = *safety.outflow.most_in_a_minute;
    return {name,
            most <= safety.limits.admit_per_minute ? Check::Verdict::kPass : Check::Verdict::kFail,
            Format("at most %llu admissions between readings under a minute apart; %u allowed",
                   static_cast<unsigned long long>(most), safety.limits.admit_per_minute)};
}

// Kendall's tau over those who joined after the start (not in the draw) and were admitted.
void AddTau(const std::vector<UserRecord>& users, FairnessFigures& figures) {
    std::vector<double> arrival;
    std::vector<double> admission;
    for (const UserRecord& user : users) {
        if (user.draw_rank || !user.joined_at_s || !user.admitted_at_s) continue;
        arrival.push_back(*user.joined_at_s);
        admission.push_back(*user.admitted_at_s);
    }
    figures.tau_pairs_n = arrival.size();
    figures.tau = KendallTauB(arrival, admission);
}

// The draw's ranks of the pre-queue entries, taken in arrival order.
void AddDrawTest(const std::vector<UserRecord>& users, FairnessFigures& figures) {
    std::vector<const UserRecord*> drawn;
    for (const UserRecord& user : users) {
        if (user.draw_rank && user.joined_at_s) drawn.push_back(&user);
    }
    std::sort(drawn.begin(), drawn.end(), [](const UserRecord* a, const UserRecord* b) {
        return *a->joined_at_s < *b->joined_at_s;
    });
    std::vector<std::uint64_t> ranks;
    ranks.reserve(drawn.size());
    for (const UserRecord* user : drawn) ranks.push_back(*user->draw_rank);
    figures.draw_n = ranks.size();
    figures.draw_buckets = RankTableBuckets(ranks.size());
    if (ranks.size() >= figures.draw_buckets) {
        figures.draw_chi_square = ChiSquareIndependence(RankTable(ranks, figures.draw_buckets));
    }
}

}  // namespace

FairnessFigures ComputeFairness(const std::vector<UserRecord>& users) {
    FairnessFigures figures;
    for (const UserRecord& user : users) {
        const bool bot = user.kind == UserKind::kBot;
        ++figures.users;
        figures.bots += bot;
        figures.pre_queue += user.draw_rank.has_value();
        figures.bots_in_pre_queue += bot && user.draw_rank;
        figures.admitted += user.admitted_at_s.has_value();
        figures.bots_admitted += bot && user.admitted_at_s;
        figures.bots_expired += bot && user.end == UserEnd::kExpired;
        figures.tickets += user.tickets;
        figures.bot_tickets += bot ? user.tickets : 0;
    }
    AddTau(users, figures);
    AddDrawTest(users, figures);
    return figures;
}

SafetyFigures ComputeSafety(const QueueSaleResult& result, const RoomLimits& limits,
                            double admission_s) {
    SafetyFigures figures{.limits = limits};
    std::vector<QueueSample> after_start;
    for (const QueueSample& sample : result.samples) {
        figures.most_active_sampled = std::max(figures.most_active_sampled, sample.admitted_active);
        if (sample.at_s > 0) after_start.push_back(sample);
    }
    figures.outflow = MeasureOutflow(after_start, limits, kOutflowWindowSeconds);
    std::vector<std::pair<double, double>> admissions;
    for (const UserRecord& user : result.users) {
        if (!user.admitted_at_s) continue;
        const double expiry = *user.admitted_at_s + admission_s;
        admissions.emplace_back(*user.admitted_at_s,
                                std::min(expiry, user.paid_at_s.value_or(expiry)));
    }
    figures.most_active_reconstructed = MostAtOnce(std::move(admissions));
    return figures;
}

std::vector<Check> QueueChecks(const FairnessFigures& fairness, const SafetyFigures& safety) {
    return {TauCheck(fairness), DrawCheck(fairness), ActiveCheck(safety), OutflowCheck(safety),
            MinuteCheck(safety)};
}

}  // namespace tix::bench
