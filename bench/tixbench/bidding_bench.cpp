#include "bidding_bench.h"

#include <sys/resource.h>

#include <algorithm>
#include <memory>

#include "bid_client.h"
#include "bidding_setup.h"
#include "closed_loop_phase.h"
#include "local_servers.h"
#include "queue_load.h"
#include "socket_fleet.h"

namespace tix::bench {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// After the campaign's end: how long the sockets and the read-back wait for the settlement.
constexpr auto kEndGrace = 30s;
// Bids stop this long before the campaign closes, so the window measures accepted bids.
constexpr auto kCloseMargin = 500ms;
// Descriptors besides the sockets and connections: stdio, epolls, the setup's, Redis's.
constexpr rlim_t kOtherDescriptors = 256;

// Raises the soft open-file limit to the hard one if the run needs more than the soft one.
Status RaiseOpenFiles(rlim_t needed) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return Status::IoError("getrlimit");
    if (limit.rlim_cur >= needed) return Status::Ok();
    limit.rlim_cur = std::min(limit.rlim_max, std::max(needed, limit.rlim_cur));
    ::setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < needed) {
        return Status::InvalidArgument("the open-file limit (hard " +
                                       std::to_string(limit.rlim_max) + ") is below the " +
                                       std::to_string(needed) + " this run needs");
    }
    return Status::Ok();
}

Result<boost::asio::ip::tcp::endpoint> ParseEndpoint(const std::string& text) {
    const std::size_t colon = text.rfind(':');
    boost::system::error_code error;
    const auto address =
        boost::asio::ip::make_address(text.substr(0, std::min(colon, text.size())), error);
    const int port = colon == std::string::npos ? 0 : std::atoi(text.c_str() + colon + 1);
    if (error || port <= 0 || port > 65535) return Status::InvalidArgument("not an IP:PORT");
    return boost::asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

Clock::time_point SteadyAt(TimePoint at) {
    return Clock::now() +
           std::chrono::duration_cast<Clock::duration>(at - std::chrono::system_clock::now());
}

// The bid connections, opened before the sockets: tixd counts WebSockets among its connections
// (limits::kConnectionsMax), and a run at that limit should lose sockets, not its bids.
std::vector<std::unique_ptr<BidClient>> OpenBidClients(const BenchConfig& config,
                                                       boost::asio::io_context& io,
                                                       boost::asio::ip::tcp::endpoint tixd,
                                                       BidWork& work, std::ostream& out) {
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<BidClient>> clients;
    for (std::uint32_t i = 0; i < config.connections; ++i) {
        clients.push_back(std::make_unique<BidClient>(io, tixd, timeout, work));
    }
    if (const std::uint32_t failed = ConnectAll(io, clients); failed > 0) {
        out << failed << " bid connections failed to open; they will retry\n";
    }
    return clients;
}

// The bidding window: every bidder idle at first, each connection taking the next.
void Bid(boost::asio::io_context& io, std::vector<std::unique_ptr<BidClient>>& clients,
         BidWork& work, Clock::time_point deadline, BiddingReport& report) {
    for (std::uint32_t bidder = 0; bidder < work.tokens.size(); ++bidder) {
        work.idle.push_back(bidder);
    }
    report.bids =
        RunClosedLoopPhase(io, clients, "bids", [&](BidClient& client) { client.Run(deadline); });
    report.unanswered = work.unanswered;
    report.participants = static_cast<std::uint32_t>(std::count_if(
        work.accepted.begin(), work.accepted.end(), [](std::uint32_t n) { return n > 0; }));
}

void TakeBoard(SocketBoard board, const BiddingSetup& bidding, BiddingReport& report) {
    report.ticks = board.ticks.Summarize(board.opened);
    report.bid_accepted_frames = board.bid_accepted;
    report.ended = board.ended;
    report.closed_before_end = board.closed_before_end;
    for (std::uint32_t bidder = 0; bidder < board.won.size(); ++bidder) {
        if (board.won[bidder] > 0) report.told_winners.push_back(bidding.user_ids[bidder]);
    }
}

RedisReplayFigures Replay(RedisReplayPlan plan, std::string label, std::string durability,
                          std::ostream& out) {
    plan.label = std::move(label);
    plan.durability = std::move(durability);
    out << "replaying the bids into " << plan.label << " at " << plan.server << '\n';
    return RunRedisReplay(plan);
}

// The Redis comparison as --redis asks: a throw-away server twice, a given one once, or none.
void CompareWithRedis(const BenchConfig& config, RedisReplayPlan plan, BiddingReport& report,
                      std::ostream& out) {
    const std::string& redis = config.bidding.redis;
    if (redis == "off") {
        report.redis_note = "skipped (--redis off)";
        return;
    }
    if (redis != "auto") {
        const auto endpoint = ParseEndpoint(redis);
        if (!endpoint.ok()) {
            report.redis_note = "skipped: --redis " + redis + ": " + endpoint.status().message();
            return;
        }
        plan.server = *endpoint;
        report.redis.push_back(Replay(plan, "redis-zset", "as that server is configured", out));
        return;
    }
    if (!LocalServers::RedisInstalled()) {
        report.redis_note = "skipped: redis-server is not installed (or give --redis HOST:PORT)";
        return;
    }
    for (const bool fsync : {false, true}) {
        LocalServers servers(TIX_LOCAL_SERVERS_SCRIPT);
        const auto port = servers.StartRedis(fsync);
        if (!port) {
            report.redis_note = "redis-server did not start";
            return;
        }
        plan.server = {boost::asio::ip::make_address("127.0.0.1"),
                       static_cast<unsigned short>(*port)};
        report.redis.push_back(
            fsync ? Replay(plan, "redis-zset-fsync",
                           "appendonly yes, appendfsync always: durable per bid", out)
                  : Replay(plan, "redis-zset-nopersist",
                           "no persistence: a bid is in memory only, not durable", out));
    }
}

}  // namespace

Result<BiddingReport> RunBiddingBench(const BenchConfig& config,
                                      boost::asio::ip::tcp::endpoint tixd, std::ostream& out) {
    const BiddingConfig& bidding_config = config.bidding;
    if (Status status =
            RaiseOpenFiles(bidding_config.bidders + 2 * config.connections + kOtherDescriptors);
        !status.ok()) {
        return status;
    }
    BiddingReport report;
    report.bidders = bidding_config.bidders;
    report.campaign_seconds = CampaignSeconds(bidding_config, config.duration_s);
    SetupClient setup(tixd);
    auto bidding = PrepareBidding(config, setup, report.campaign_seconds, out);
    if (!bidding.ok()) return bidding.status();
    report.campaign_id = bidding->campaign_id;
    report.weighted_bidders = bidding->weighted;

    BidWork work{
        .campaign_id = bidding->campaign_id, .seed = config.seed, .tokens = bidding->tokens};
    work.accepted.assign(work.tokens.size(), 0);
    boost::asio::io_context io{1};
    auto clients = OpenBidClients(config, io, tixd, work, out);

    report.rss_before_bytes = ReadResidentBytes(config.tixd_pid);
    SocketFleet fleet(tixd,
                      "/ws/" + std::to_string(bidding->campaign_id) + "?token=", bidding->tokens);
    fleet.Open();
    report.rss_after_bytes = ReadResidentBytes(config.tixd_pid);

    const Clock::time_point close = SteadyAt(bidding->campaign_end) - kCloseMargin;
    const Clock::time_point window_end =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(config.duration_s));
    Bid(io, clients, work, std::min(close, window_end), report);

    const Clock::time_point end_deadline = SteadyAt(bidding->campaign_end) + kEndGrace;
    fleet.WaitForEnd(end_deadline);
    SocketBoard board = fleet.Stop();
    report.sockets_opened = board.opened;
    report.sockets_failed = board.open_failed;
    report.sockets_open_seconds = board.open_seconds;
    for (const auto& [message, count] : board.open_errors) {
        out << "  socket not opened: " << message << " x " << count << '\n';
    }
    TakeBoard(std::move(board), *bidding, report);
    ReadSettlement(setup, *bidding, end_deadline, report);
    report.winners_expected = WinnersExpected(
        bidding_config.quota, bidding_config.stock,
        static_cast<std::uint32_t>(report.server_participants.value_or(report.participants)));

    RedisReplayPlan plan{.connections = config.connections,
                         .key = "tixbench:bids:" + std::to_string(bidding->campaign_id),
                         .bids = work.accepted,
                         .members = bidding->user_ids,
                         .seed = config.seed,
                         .weighted = bidding->weights_applied,
                         .quota = bidding_config.quota,
                         // The same bids in at most tixd's time: the rate is the figure.
                         .time_limit = std::chrono::milliseconds(
                             static_cast<std::int64_t>(std::max(report.bids.seconds, 1.0) * 1000))};
    CompareWithRedis(config, std::move(plan), report, out);
    AddBiddingChecks(report, report.verification);
    report.Print(out);
    return report;
}

}  // namespace tix::bench
