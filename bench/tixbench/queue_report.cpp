#include "queue_report.h"

#include <cstdio>
#include <string>

namespace tix::bench {
namespace {

namespace json = boost::json;

constexpr UserEnd kEnds[] = {UserEnd::kPaid,    UserEnd::kNoTickets, UserEnd::kSoldOut,
                             UserEnd::kExpired, UserEnd::kOther,     UserEnd::kUnfinished};

// How many users' parts ended each way, in kEnds' order.
std::vector<std::pair<UserEnd, std::uint64_t>> CountEnds(const std::vector<UserRecord>& users) {
    std::vector<std::pair<UserEnd, std::uint64_t>> ends;
    for (const UserEnd end : kEnds) ends.emplace_back(end, 0);
    for (const UserRecord& user : users) {
        for (auto& [end, count] : ends) count += user.end == end;
    }
    return ends;
}

std::uint64_t Outcome(const RunStats& stats, const std::string& key) {
    const auto found = stats.outcomes.find(key);
    return found == stats.outcomes.end() ? 0 : found->second;
}

double Share(std::uint64_t part, std::uint64_t whole) { return whole ? double(part) / whole : 0; }

// Joins tixd accepted (201) before and after the start, and answered polls.
struct Rates {
    std::uint64_t joins_before = 0;
    std::uint64_t joins_after = 0;
    std::uint64_t polls_ok = 0;
    std::uint64_t polls_limited = 0;
};

Rates CountRates(const QueueSaleResult& result) {
    Rates rates;
    for (const UserRecord& user : result.users) {
        if (!user.joined_at_s) continue;
        ++(user.draw_rank ? rates.joins_before : rates.joins_after);
    }
    for (const char* who : {"", "bot "}) {
        rates.polls_ok += Outcome(result.stats, std::string(who) + "poll 200");
        rates.polls_limited += Outcome(result.stats, std::string(who) + "poll 429 rate_limited");
    }
    return rates;
}

void PrintLine(std::ostream& out, const char* format, auto... values) {
    char line[512];
    std::snprintf(line, sizeof line, format, values...);
    out << line;
}

}  // namespace

std::string_view ToString(UserEnd end) {
    switch (end) {
        case UserEnd::kUnfinished:
            return "unfinished";
        case UserEnd::kPaid:
            return "paid";
        case UserEnd::kNoTickets:
            return "no_tickets";
        case UserEnd::kSoldOut:
            return "sold_out";
        case UserEnd::kExpired:
            return "expired";
        case UserEnd::kOther:
            return "other";
    }
    return "?";
}

void QueueReport::Print(std::ostream& out) const {
    const QueueSaleConfig& c = plan.config;
    const Population& people = plan.population;
    result.stats.Print(out);
    PrintLine(out, "  users %u: %u bots on %u addresses, %u humans on %u; pow_bits %u\n", c.users,
              people.bots, BotAddressCount(c), c.users - people.bots, HumanAddressCount(c),
              c.pow_bits);
    PrintLine(out, "  room: admit_per_minute %u, active_max %u, admission %u s; %u tickets\n",
              c.admit_per_minute, c.active_max, c.admission_s, c.tickets);
    const Rates rates = CountRates(result);
    const double sale_s = result.ended_at_s > 0 ? result.ended_at_s : 1;
    PrintLine(out, "  joins (201): %llu in the %.0f s pre-queue, %llu after the start\n",
              static_cast<unsigned long long>(rates.joins_before), c.pre_queue_s,
              static_cast<unsigned long long>(rates.joins_after));
    PrintLine(out, "  polls over the %.1f s sale: %.0f/s answered, %.0f/s refused 429\n", sale_s,
              rates.polls_ok / sale_s, rates.polls_limited / sale_s);
    out << "  ended:";
    for (const auto& [end, count] : CountEnds(result.users))
        out << ' ' << ToString(end) << ' ' << count;
    out << '\n';
    const FairnessFigures& f = fairness;
    PrintLine(out,
              "  bots: %.1f %% of accounts, %.1f %% of the pre-queue, %.1f %% of admissions, "
              "%.1f %% of tickets (%llu of %llu); %llu bot admissions lapsed unused\n",
              100 * f.bot_account_share(), 100 * Share(f.bots_in_pre_queue, f.pre_queue),
              100 * Share(f.bots_admitted, f.admitted), 100 * f.bot_ticket_share(),
              static_cast<unsigned long long>(f.bot_tickets),
              static_cast<unsigned long long>(f.tickets),
              static_cast<unsigned long long>(f.bots_expired));
    verification.Print(out);
}

json::object QueueReport::ToJson() const {
    const QueueSaleConfig& c = plan.config;
    const Rates rates = CountRates(result);
    json::object ends;
    for (const auto& [end, count] : CountEnds(result.users)) ends[ToString(end)] = count;
    const FairnessFigures& f = fairness;
    json::object queue{
        {"users", c.users},
        {"bots", plan.population.bots},
        {"bot_addresses", BotAddressCount(c)},
        {"human_addresses", HumanAddressCount(c)},
        {"pow_bits", c.pow_bits},
        {"admit_per_minute", c.admit_per_minute},
        {"active_max", c.active_max},
        {"admission_seconds", c.admission_s},
        {"tickets", c.tickets},
        {"pre_queue_seconds", c.pre_queue_s},
        {"sale_seconds", result.ended_at_s},
        {"joins_before_start", rates.joins_before},
        {"joins_after_start", rates.joins_after},
        {"polls_ok_per_s", result.ended_at_s > 0 ? rates.polls_ok / result.ended_at_s : 0},
        {"polls_refused_per_s",
         result.ended_at_s > 0 ? rates.polls_limited / result.ended_at_s : 0},
        {"ends", std::move(ends)},
        {"bot_account_share", f.bot_account_share()},
        {"bot_pre_queue_share", Share(f.bots_in_pre_queue, f.pre_queue)},
        {"bot_admission_share", Share(f.bots_admitted, f.admitted)},
        {"bot_ticket_share", f.bot_ticket_share()},
        {"bot_admissions_lapsed", f.bots_expired},
        {"tickets_paid", f.tickets},
        {"kendall_tau", f.tau ? json::value(*f.tau) : json::value(nullptr)},
        {"kendall_tau_n", f.tau_pairs_n},
        {"draw_chi_square",
         f.draw_chi_square ? json::value(f.draw_chi_square->statistic) : json::value(nullptr)},
        {"draw_chi_square_p",
         f.draw_chi_square ? json::value(f.draw_chi_square->p_value) : json::value(nullptr)},
        {"draw_n", f.draw_n},
        {"most_active_sampled", safety.most_active_sampled},
        {"most_active_reconstructed", safety.most_active_reconstructed},
        {"outflow_mean_per_minute", safety.outflow.mean_per_minute},
        {"outflow_measured_seconds", safety.outflow.measured_s},
        {"outflow_min_window_per_minute", safety.outflow.min_window_per_minute.value_or(0)},
        {"outflow_max_window_per_minute", safety.outflow.max_window_per_minute.value_or(0)},
    };
    json::object out = result.stats.ToJson();
    out["event_id"] = plan.event_id;
    out["users"] = c.users;
    out["queue"] = std::move(queue);
    out["verification"] = verification.ToJson();
    return out;
}

}  // namespace tix::bench
