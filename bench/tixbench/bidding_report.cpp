#include "bidding_report.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "run_stats.h"

namespace tix::bench {
namespace {

namespace json = boost::json;

std::int64_t IntOf(const json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_int64() ? value->get_int64() : -1;
}

// The array of `body` under the first of `keys` present, or `body` itself if it is one.
const json::array* ListOf(const json::value& body, std::initializer_list<const char*> keys) {
    if (body.is_array()) return &body.get_array();
    if (!body.is_object()) return nullptr;
    for (const char* key : keys) {
        const auto* list = body.get_object().if_contains(key);
        if (list != nullptr && list->is_array()) return &list->get_array();
    }
    return nullptr;
}

// The `user_id`s of `list`, ordered by `rank_key` when every entry has one.
std::vector<std::int64_t> UsersByRank(const json::array* list, const char* rank_key) {
    std::vector<std::pair<std::int64_t, std::int64_t>> ranked;  // (rank, user)
    if (list == nullptr) return {};
    bool every_rank = true;
    for (const json::value& entry : *list) {
        if (!entry.is_object()) continue;
        const std::int64_t rank = IntOf(entry.get_object(), rank_key);
        every_rank = every_rank && rank >= 0;
        ranked.emplace_back(rank, IntOf(entry.get_object(), "user_id"));
    }
    if (every_rank) std::stable_sort(ranked.begin(), ranked.end());
    std::vector<std::int64_t> users;
    for (const auto& [rank, user] : ranked) users.push_back(user);
    return users;
}

std::string Ids(const std::set<std::int64_t>& ids) {
    std::string text;
    for (std::int64_t id : ids) {
        if (text.size() > 60) return text + " ...";
        text += (text.empty() ? "" : " ") + std::to_string(id);
    }
    return text.empty() ? "none" : text;
}

// Which of `got` are not in `want` and which of `want` are missing, for a check's detail.
std::string Difference(const std::set<std::int64_t>& got, const std::set<std::int64_t>& want) {
    std::set<std::int64_t> extra, missing;
    std::set_difference(got.begin(), got.end(), want.begin(), want.end(),
                        std::inserter(extra, extra.end()));
    std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                        std::inserter(missing, missing.end()));
    return "extra " + Ids(extra) + "; missing " + Ids(missing);
}

}  // namespace

std::uint32_t WinnersExpected(std::uint32_t quota, std::uint32_t stock,
                              std::uint32_t participants) {
    return std::min({quota, stock, participants});
}

std::optional<double> BiddingReport::rss_bytes_per_socket() const {
    if (!rss_before_bytes || !rss_after_bytes || sockets_opened == 0) return std::nullopt;
    return (static_cast<double>(*rss_after_bytes) - static_cast<double>(*rss_before_bytes)) /
           sockets_opened;
}

void AddBiddingChecks(const BiddingReport& report, Verification& verification) {
    verification.checks.push_back(
        Expect("every bid answered 201, or campaign_not_active as the window closed",
               report.bids.errors == 0 && report.bids.succeeded > 0,
               std::to_string(report.bids.succeeded) + " accepted; errors " +
                   std::to_string(report.bids.errors) + " (" + std::to_string(report.unanswered) +
                   " without an answer)"));
    // A bid that got no answer may have been taken and told on its socket.
    const std::uint64_t accepted = report.bids.succeeded;
    verification.checks.push_back(
        Expect("a bid_accepted frame for every accepted bid",
               report.bid_accepted_frames >= accepted &&
                   report.bid_accepted_frames <= accepted + report.unanswered,
               std::to_string(report.bid_accepted_frames) + " frames for " +
                   std::to_string(accepted) + " bids answered 201"));
    verification.checks.push_back(Expect("every bidder's WebSocket opened",
                                         report.sockets_failed == 0,
                                         Of(report.sockets_opened, report.bidders)));
    verification.checks.push_back(
        Expect("campaign_ended reached every socket", report.ended == report.sockets_opened,
               Of(report.ended, report.sockets_opened) + "; closed before it " +
                   std::to_string(report.closed_before_end)));
    verification.checks.push_back(
        Expect("the campaign settled", report.status == "settled", "status " + report.status));
    verification.checks.push_back(
        Expect("orders == min(K, stock, participants)",
               report.order_users.size() == report.winners_expected,
               Of(report.order_users.size(), report.winners_expected) + " orders"));
    const std::set<std::int64_t> orders(report.order_users.begin(), report.order_users.end());
    const std::size_t top =
        std::min<std::size_t>(report.winners_expected, report.ranking_users.size());
    const std::set<std::int64_t> ranked(report.ranking_users.begin(),
                                        report.ranking_users.begin() + top);
    if (report.ranking_users.size() < report.winners_expected) {
        verification.checks.push_back({"the winners are the top of the final ranking",
                                       Check::Verdict::kSkip,
                                       "the ranking (" + report.ranking_source + ") lists " +
                                           std::to_string(report.ranking_users.size())});
    } else {
        verification.checks.push_back(
            Expect("the winners are the top of the final ranking", orders == ranked,
                   "(" + report.ranking_source + ") " + Difference(orders, ranked)));
    }
    const std::set<std::int64_t> told(report.told_winners.begin(), report.told_winners.end());
    verification.checks.push_back(Expect("exactly the winners' sockets told is_winner",
                                         told == orders, Difference(told, orders)));
}

std::vector<std::int64_t> ReadRankedUsers(const json::value& body) {
    return UsersByRank(ListOf(body, {"top_k", "ranking", "rankings"}), "rank");
}

std::vector<std::int64_t> ReadOrderUsers(const json::value& body) {
    return UsersByRank(ListOf(body, {"orders"}), "final_rank");
}

}  // namespace tix::bench

namespace tix::bench {
namespace {

void PrintTicks(std::ostream& out, const TickFigures& ticks) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "  ranking_update: %llu ticks, %llu reached every one of %u sockets, %llu "
                  "frames\n",
                  static_cast<unsigned long long>(ticks.ticks),
                  static_cast<unsigned long long>(ticks.complete_ticks), ticks.sockets,
                  static_cast<unsigned long long>(ticks.frames));
    out << line;
    PrintLatency(out, "tick, first socket to last: ", ticks.spread);
    if (ticks.server_ms)
        PrintLatency(out, "tick, server timestamp to last socket: ", ticks.server_to_last);
}

}  // namespace

void BiddingReport::Print(std::ostream& out) const {
    char line[256];
    std::snprintf(line, sizeof line, "sockets: %u of %u opened in %.2f s (%u failed)",
                  sockets_opened, bidders, sockets_open_seconds, sockets_failed);
    out << line;
    if (const auto per_socket = rss_bytes_per_socket()) {
        std::snprintf(line, sizeof line,
                      "; tixd resident memory per socket %.0f B (%.1f -> %.1f MiB)", *per_socket,
                      *rss_before_bytes / 1048576.0, *rss_after_bytes / 1048576.0);
        out << line;
    }
    out << '\n';
    bids.Print(out);
    std::snprintf(line, sizeof line,
                  "  bids/s (201, durable) %.1f   participants %u   no answer %llu\n", bids_per_s(),
                  participants, static_cast<unsigned long long>(unanswered));
    out << line;
    PrintTicks(out, ticks);
    std::snprintf(line, sizeof line,
                  "  bid_accepted frames %llu   campaign_ended %u   closed before the end %u   "
                  "told is_winner %zu\n",
                  static_cast<unsigned long long>(bid_accepted_frames), ended, closed_before_end,
                  told_winners.size());
    out << line;
    std::snprintf(line, sizeof line,
                  "settlement: status %s, %zu orders (want %u), ranking from %s\n", status.c_str(),
                  order_users.size(), winners_expected, ranking_source.c_str());
    out << line;
    for (const RedisReplayFigures& figures : redis) {
        figures.Print(out);
        if (figures.bids_per_s() > 0) {
            std::snprintf(line, sizeof line, "  tixd bids/s ÷ %s bids/s: %.2f\n",
                          figures.label.c_str(), bids_per_s() / figures.bids_per_s());
            out << line;
        }
    }
    if (!redis_note.empty()) out << "redis: " << redis_note << '\n';
    verification.Print(out);
}

boost::json::object BiddingReport::ToJson(const BenchConfig& config) const {
    boost::json::array redis_json;
    for (const RedisReplayFigures& figures : redis) redis_json.push_back(figures.ToJson());
    boost::json::object json{{"system", config.system},
                             {"scenario", "bidding"},
                             {"mode", "closed"},
                             {"connections", config.connections},
                             {"bidders", bidders},
                             {"campaign_id", campaign_id},
                             {"campaign_seconds", campaign_seconds},
                             {"weighted_bidders", weighted_bidders},
                             {"sockets_opened", sockets_opened},
                             {"sockets_failed", sockets_failed},
                             {"sockets_open_seconds", sockets_open_seconds},
                             {"seconds", bids.seconds},
                             {"requests_per_s", bids.requests / std::max(bids.seconds, 1e-9)},
                             {"bids_per_s", bids_per_s()},
                             {"bids", bids.ToJson()},
                             {"latency", LatencyJson(bids.latency)},
                             {"unanswered", unanswered},
                             {"participants", participants},
                             {"ranking_ticks", ticks.ToJson()},
                             {"bid_accepted_frames", bid_accepted_frames},
                             {"campaign_ended", ended},
                             {"closed_before_end", closed_before_end},
                             {"status", status},
                             {"orders", order_users.size()},
                             {"winners_expected", winners_expected},
                             {"redis", std::move(redis_json)},
                             {"redis_note", redis_note},
                             {"errors", bids.errors},
                             {"verification", verification.ToJson()},
                             {"passed", passed()}};
    if (rss_before_bytes) json["tixd_rss_before_bytes"] = *rss_before_bytes;
    if (rss_after_bytes) json["tixd_rss_after_bytes"] = *rss_after_bytes;
    if (const auto per_socket = rss_bytes_per_socket()) {
        json["tixd_rss_bytes_per_socket"] = *per_socket;
    }
    return json;
}

}  // namespace tix::bench
