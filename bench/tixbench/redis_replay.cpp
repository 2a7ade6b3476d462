#include "redis_replay.h"

#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <deque>
#include <memory>

#include "resp_connection.h"
#include "run_stats.h"

namespace tix::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace beast = boost::beast;

constexpr auto kTopReadEvery = std::chrono::seconds(2);

std::uint64_t MicrosSince(Clock::time_point start) {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
}

// What the replay's connections share; one thread.
struct Replay {
    const RedisReplayPlan& plan;
    RedisReplayFigures& figures;
    std::deque<std::uint32_t> idle;
    std::vector<std::uint32_t> sent;  // per bidder: bids answered
    std::uint64_t remaining = 0;
    std::uint32_t live = 0;  // bidder connections still open
    Clock::time_point start;
    Clock::time_point stop;  // no bid sent after
    Clock::time_point last_answer;
    boost::asio::steady_timer* ticker = nullptr;
};

void StopTicker(Replay& replay) {
    if (replay.ticker != nullptr) replay.ticker->cancel();
}

class RedisBidder {
  public:
    RedisBidder(boost::asio::io_context& io, Replay& replay)
        : connection_(io, replay.plan.server, replay.plan.timeout), replay_(replay) {}

    RespConnection& connection() { return connection_; }

    void Next() {
        if (!connection_.open() || replay_.idle.empty()) return;
        if (Clock::now() >= replay_.stop) return StopTicker(replay_);
        bidder_ = replay_.idle.front();
        replay_.idle.pop_front();
        const RedisReplayPlan& plan = replay_.plan;
        const std::uint32_t bid_number = replay_.sent[bidder_] + 1;
        const std::int64_t elapsed_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - replay_.start)
                .count();
        const double score = BidScore(plan.weights, BidPriceMinor(plan.seed, bidder_, bid_number),
                                      elapsed_ms, plan.weighted ? BidderWeight(bidder_) : 1.0);
        char score_text[32];
        std::snprintf(score_text, sizeof score_text, "%.17g", score);
        const std::string member = std::to_string(plan.members[bidder_]);
        commands_.clear();
        AppendRespCommand(commands_, {"ZADD", plan.key, score_text, member});
        AppendRespCommand(commands_, {"ZREVRANK", plan.key, member});
        sent_at_ = Clock::now();
        connection_.Send(commands_, 2,
                         [this](beast::error_code error, std::uint32_t bad, const RespReply&) {
                             OnAnswer(error, bad);
                         });
    }

  private:
    void OnAnswer(beast::error_code error, std::uint32_t error_replies) {
        RedisReplayFigures& figures = replay_.figures;
        replay_.last_answer = Clock::now();
        if (error) {
            ++figures.errors;
            replay_.idle.push_back(bidder_);  // another connection sends it; this one is closed
            if (--replay_.live == 0 && replay_.ticker != nullptr) replay_.ticker->cancel();
            return;
        }
        figures.latency.Record(MicrosSince(sent_at_));
        if (error_replies > 0) {
            ++figures.errors;
        } else {
            ++figures.bids;
        }
        if (++replay_.sent[bidder_] < replay_.plan.bids[bidder_]) {
            replay_.idle.push_back(bidder_);
        }
        if (--replay_.remaining == 0 && replay_.ticker != nullptr) replay_.ticker->cancel();
        Next();
    }

    RespConnection connection_;
    Replay& replay_;
    std::uint32_t bidder_ = 0;
    std::string commands_;
    Clock::time_point sent_at_;
};

// ZREVRANGE key 0 K-1 WITHSCORES every 2 s while bids remain, on a connection of its own.
void ReadTopEvery(RespConnection& top, boost::asio::steady_timer& ticker, Replay& replay,
                  std::string& command) {
    ticker.expires_after(kTopReadEvery);
    ticker.async_wait([&](boost::system::error_code error) {
        if (error || replay.remaining == 0 || replay.live == 0 || !top.open() ||
            Clock::now() >= replay.stop) {
            return;
        }
        const Clock::time_point sent = Clock::now();
        top.Send(command, 1,
                 [&, sent](beast::error_code error, std::uint32_t bad, const RespReply&) {
                     if (error || bad > 0) ++replay.figures.errors;
                     if (!error) {
                         ++replay.figures.top_reads;
                         replay.figures.top_latency.Record(MicrosSince(sent));
                     }
                     ReadTopEvery(top, ticker, replay, command);
                 });
    });
}

// One command on `connection`, run to its answer.
RespReply Call(boost::asio::io_context& io, RespConnection& connection, std::string command,
               std::int64_t& integer) {
    RespReply reply;
    connection.Send(command, 1, [&](beast::error_code error, std::uint32_t, const RespReply& last) {
        reply = error ? RespReply{RespReply::Kind::kError, 0, {}} : last;
        integer = last.integer;
    });
    io.run();
    io.restart();
    return reply;
}

}  // namespace

RedisReplayFigures RunRedisReplay(const RedisReplayPlan& plan) {
    RedisReplayFigures figures{
        .label = plan.label, .durability = plan.durability, .connections = plan.connections};
    Replay replay{.plan = plan, .figures = figures};
    replay.sent.assign(plan.bids.size(), 0);
    for (std::uint32_t bidder = 0; bidder < plan.bids.size(); ++bidder) {
        if (plan.bids[bidder] > 0) replay.idle.push_back(bidder);
        replay.remaining += plan.bids[bidder];
    }
    boost::asio::io_context io{1};
    std::vector<std::unique_ptr<RedisBidder>> bidders;
    RespConnection top(io, plan.server, plan.timeout);
    for (std::uint32_t i = 0; i < plan.connections; ++i) {
        bidders.push_back(std::make_unique<RedisBidder>(io, replay));
        bidders.back()->connection().Connect(
            [&](beast::error_code error) { figures.errors += error ? 1 : 0; });
    }
    top.Connect([&](beast::error_code error) { figures.errors += error ? 1 : 0; });
    io.run();
    io.restart();
    std::string command;
    std::int64_t ignored = 0;
    AppendRespCommand(command, {"DEL", plan.key});
    if (top.open()) Call(io, top, command, ignored);

    boost::asio::steady_timer ticker(io);
    replay.ticker = &ticker;
    command.clear();
    AppendRespCommand(command,
                      {"ZREVRANGE", plan.key, "0", std::to_string(plan.quota - 1), "WITHSCORES"});
    for (const auto& bidder : bidders) replay.live += bidder->connection().open() ? 1 : 0;
    replay.start = replay.last_answer = Clock::now();
    replay.stop = replay.start + plan.time_limit;
    figures.planned = replay.remaining;
    if (replay.remaining > 0 && replay.live > 0) ReadTopEvery(top, ticker, replay, command);
    for (auto& bidder : bidders) bidder->Next();
    io.run();
    io.restart();
    figures.seconds = std::chrono::duration<double>(replay.last_answer - replay.start).count();

    command.clear();
    AppendRespCommand(command, {"ZCARD", plan.key});
    std::int64_t members = -1;
    if (top.open() && Call(io, top, command, members).kind == RespReply::Kind::kInteger) {
        figures.members = members;
    }
    return figures;
}

boost::json::object RedisReplayFigures::ToJson() const {
    return {{"system", label},
            {"durability", durability},
            {"connections", connections},
            {"seconds", seconds},
            {"bids", bids},
            {"bids_per_s", bids_per_s()},
            {"errors", errors},
            {"latency", LatencyJson(latency)},
            {"top_reads", top_reads},
            {"top_latency", LatencyJson(top_latency)},
            {"members", members}};
}

void RedisReplayFigures::Print(std::ostream& out) const {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%s (ZADD + ZREVRANK a bid, %u connections, %.1f s; %s)\n  bids/s %9.1f   "
                  "bids %llu of %llu   errors %llu   members %lld\n",
                  label.c_str(), connections, seconds, durability.c_str(), bids_per_s(),
                  static_cast<unsigned long long>(bids), static_cast<unsigned long long>(planned),
                  static_cast<unsigned long long>(errors), static_cast<long long>(members));
    out << line;
    PrintLatency(out, "bid ", latency);
    PrintLatency(out, "top-K read ", top_latency);
}

}  // namespace tix::bench
