// tixbench: the on-sale HTTP load generator for tixd, and the composition root that wires a run:
// configuration → setup through the API (not measured) → connections opened → measured window
// (closed or open loop) → figures merged → verification through the API → report.
//   tixbench --scenario dome|churn|hot-row|ceiling [--mode open --rate R] [--json FILE] ...
//   tixbench --scenario queue [--users 20000] ...     (the on-sale through the waiting room)
//   tixbench --scenario queue-load --connections 100  (joins/s and polls/s of the room)
//   tixbench --scenario pay --tixpay HOST:PORT --tixpay-api-key K --webhook-secret S
//            (webhooks/s, and hold -> paid end to end through tixpay)
//   tixbench --scenario checkin [--users 5000 --tickets-per-user 4 --gates 4 --rescans 5000]
//            (scans/s and latency of online check-in, and of the refusal of a second scan)
//   tixbench --scenario bidding [--bidders 1000 --duration 20 --redis auto] [--tixd-pid PID]
//            (bids/s and p99, the ranking fan-out to a WebSocket per bidder, beside Redis)
//   tixbench auth [--connections 8] [--duration 10] [--json FILE]   (sign-ups/s, logins/s)
//   tixbench summarize DIR
#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "auth_bench.h"
#include "bench_config.h"
#include "bidding_bench.h"
#include "bidding_options.h"
#include "checkin_bench.h"
#include "load_driver.h"
#include "pay_bench.h"
#include "queue_bench.h"
#include "queue_load.h"
#include "run_setup.h"
#include "summary.h"
#include "verification.h"

namespace tix::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Exit codes: 0 ran (and verified), 1 verification failed, 2 could not run.
constexpr int kExitVerifyFailed = 1;
constexpr int kExitCannotRun = 2;

Result<boost::asio::ip::tcp::endpoint> LoopbackEndpoint(const std::string& target) {
    const std::size_t colon = target.rfind(':');
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(
        target.substr(0, colon == std::string::npos ? 0 : colon), error);
    if (colon == std::string::npos || error || !address.is_loopback()) {
        return Status::InvalidArgument("--target: a loopback host:port, e.g. 127.0.0.1:8080");
    }
    const int port = std::atoi(target.c_str() + colon + 1);
    if (port <= 0 || port > 65535) return Status::InvalidArgument("--target: bad port");
    return boost::asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

// Writes the run's JSON to `path` (if any); false if it could not.
bool WriteJson(const std::string& path, const boost::json::object& json) {
    if (path.empty()) return true;
    std::ofstream out(path);
    out << boost::json::serialize(json) << '\n';
    if (!out) std::cerr << "cannot write " << path << '\n';
    return static_cast<bool>(out);
}

int RunQueue(const BenchConfig& config, boost::asio::ip::tcp::endpoint server) {
    auto outcome = RunQueueBench(config, server, std::cout, std::cerr);
    if (!outcome.ok()) {
        std::cerr << "queue: " << outcome.status().ToString() << '\n';
        return kExitCannotRun;
    }
    if (!WriteJson(config.json_path, outcome->json)) return kExitCannotRun;
    return outcome->passed ? 0 : kExitVerifyFailed;
}

int RunPay(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd) {
    const auto tixpay = LoopbackEndpoint(config.pay.tixpay_target);
    if (!tixpay.ok()) {
        std::cerr << "--tixpay: " << tixpay.status().message() << '\n';
        return kExitCannotRun;
    }
    std::cout << config.system << " / pay (" << config.connections << " connections, "
              << config.users << " orders, " << config.pay.buyers << " buyers)\n";
    auto report = RunPayBench(config, tixd, *tixpay, std::cout);
    if (!report.ok()) {
        std::cerr << "pay: " << report.status().ToString() << '\n';
        return kExitCannotRun;
    }
    if (!WriteJson(config.json_path, report->ToJson(config))) return kExitCannotRun;
    return report->passed() ? 0 : kExitVerifyFailed;
}

int RunCheckIn(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd) {
    std::cout << config.system << " / checkin (closed loop, " << config.connections
              << " connections, " << config.checkin.gates << " gates, "
              << CheckInTickets(config.checkin, config.users) << " tickets)\n";
    auto report = RunCheckInBench(config, tixd, std::cout);
    if (!report.ok()) {
        std::cerr << "checkin: " << report.status().ToString() << '\n';
        return kExitCannotRun;
    }
    if (!WriteJson(config.json_path, report->ToJson(config))) return kExitCannotRun;
    return report->passed() ? 0 : kExitVerifyFailed;
}

int RunBidding(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd) {
    std::cout << config.system << " / bidding (closed loop, " << config.bidding.bidders
              << " bidders on " << config.connections << " connections, a WebSocket each, "
              << config.duration_s << " s)\n";
    auto report = RunBiddingBench(config, tixd, std::cout);
    if (!report.ok()) {
        std::cerr << "bidding: " << report.status().ToString() << '\n';
        return kExitCannotRun;
    }
    if (!WriteJson(config.json_path, report->ToJson(config))) return kExitCannotRun;
    return report->passed() ? 0 : kExitVerifyFailed;
}

int RunQueueLoadBench(const BenchConfig& config, boost::asio::ip::tcp::endpoint server) {
    std::cout << config.system << " / queue-load (closed loop, " << config.connections
              << " connections, " << config.duration_s << " s per phase)\n";
    auto report = RunQueueLoad(config, server, std::cout);
    if (!report.ok()) {
        std::cerr << "queue-load: " << report.status().ToString() << '\n';
        return kExitCannotRun;
    }
    if (!WriteJson(config.json_path, report->ToJson(config))) return kExitCannotRun;
    std::cout << (report->passed() ? "PASS" : "FAIL")
              << " every answer allowed, at least one join and one poll\n";
    return report->passed() ? 0 : kExitVerifyFailed;
}

// The measured window: every thread's connections opened first, then one shared start.
RunStats Measure(const BenchConfig& config, const RunPlan& plan,
                 boost::asio::ip::tcp::endpoint server, OrderLedger& ledger,
                 SoldOutTracker& sold_out) {
    UserPool users(config.scenario == Scenario::kDome || config.scenario == Scenario::kHotRow
                       ? UserPool::Mode::kOnce
                       : UserPool::Mode::kRoundRobin,
                   std::max<std::uint32_t>(1, static_cast<std::uint32_t>(plan.tokens.size())));
    RunShared shared{users, sold_out, Clock::now()};
    LoadOptions options{
        .open_loop = config.open_loop(),
        .rate_per_s = config.rate_per_s / config.threads,
        .timeout = std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000))};
    if (config.duration_s > 0) {
        options.duration = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(config.duration_s));
    }
    std::vector<std::unique_ptr<LoadDriver>> drivers;
    for (std::uint32_t t = 0, first = 0; t < config.threads; ++t) {
        const std::uint32_t count =
            config.connections / config.threads + (t < config.connections % config.threads ? 1 : 0);
        drivers.push_back(
            std::make_unique<LoadDriver>(plan, shared, server, options, first, count));
        first += count;
    }
    auto on_every_thread = [&](auto work) {
        std::vector<std::thread> threads;
        for (auto& driver : drivers) threads.emplace_back([&work, &driver] { work(*driver); });
        for (std::thread& thread : threads) thread.join();
    };
    std::atomic<std::uint32_t> failed{0};
    on_every_thread([&](LoadDriver& driver) { failed += driver.ConnectAll(); });
    if (failed > 0) std::cerr << failed << " connections failed to open; they will retry\n";

    shared.start = Clock::now();
    on_every_thread([&](LoadDriver& driver) { driver.Run(shared.start); });
    Clock::time_point end = shared.start;
    RunStats stats;
    for (auto& driver : drivers) {
        end = std::max(end, driver->last_turn_end());
        driver->CollectInto(stats, ledger);
    }
    stats.seconds = std::chrono::duration<double>(end - shared.start).count();
    if (options.duration) stats.seconds = std::max(stats.seconds, config.duration_s);
    return stats;
}

int RunBench(BenchConfig& config) {
    if (Status status = ResolveDefaults(config); !status.ok()) {
        std::cerr << status.message() << '\n';
        return kExitCannotRun;
    }
    const auto server = LoopbackEndpoint(config.target);
    if (!server.ok()) {
        std::cerr << server.status().message() << '\n';
        return kExitCannotRun;
    }
    if (config.scenario == Scenario::kQueue) return RunQueue(config, *server);
    if (config.scenario == Scenario::kQueueLoad) return RunQueueLoadBench(config, *server);
    if (config.scenario == Scenario::kPay) return RunPay(config, *server);
    if (config.scenario == Scenario::kCheckIn) return RunCheckIn(config, *server);
    if (config.scenario == Scenario::kBidding) return RunBidding(config, *server);
    SetupClient setup(*server);
    auto plan = PrepareRun(config, setup, std::cerr);
    if (!plan.ok()) {
        std::cerr << "setup: " << plan.status().ToString() << '\n';
        return kExitCannotRun;
    }
    OrderLedger ledger;
    SoldOutTracker sold_out(
        static_cast<std::uint32_t>(std::max<std::size_t>(1, plan->zone_ids.size())));
    RunStats stats = Measure(config, *plan, *server, ledger, sold_out);
    stats.system = config.system;
    stats.scenario = config.scenario_name;
    stats.mode = config.mode;
    stats.connections = config.connections;
    stats.offered_rate = config.rate_per_s;
    if (plan->scenario != Scenario::kCeiling)
        stats.sold_out_after_s = sold_out.AllSoldOutAfterSeconds();
    stats.Print(std::cout);

    boost::json::object json = stats.ToJson();
    json["users"] = plan->tokens.size();
    bool passed = true;
    if (plan->scenario != Scenario::kCeiling) {
        auto snapshot = FetchAvailability(setup, plan->event_id);
        Verification verification;
        if (snapshot.ok()) {
            verification = Verify(*snapshot, ledger, plan->zone_ids, plan->max_per_user);
        } else {
            verification.checks.push_back(
                {"availability", Check::Verdict::kFail, snapshot.status().ToString()});
        }
        verification.Print(std::cout);
        passed = verification.passed();
        json["event_id"] = plan->event_id;
        json["verification"] = verification.ToJson();
    }
    if (!WriteJson(config.json_path, json)) return kExitCannotRun;
    return passed ? 0 : kExitVerifyFailed;
}

int RunAuth(AuthBenchConfig& config) {
    if (Status status = ResolveAuthDefaults(config); !status.ok()) {
        std::cerr << status.message() << '\n';
        return kExitCannotRun;
    }
    const auto server = LoopbackEndpoint(config.target);
    if (!server.ok()) {
        std::cerr << server.status().message() << '\n';
        return kExitCannotRun;
    }
    std::cout << config.system << " / auth (" << config.connections << " connections, "
              << config.duration_s << " s per phase, accounts " << config.email_prefix
              << "N@bench.tix)\n";
    const Result<AuthReport> report = RunAuthBench(config, *server, std::cout);
    if (!report.ok()) {
        std::cerr << report.status().message() << '\n';
        return kExitCannotRun;
    }
    if (!WriteJson(config.json_path, report->ToJson(config))) return kExitCannotRun;
    std::cout << (report->passed() ? "PASS" : "FAIL")
              << " every answer allowed, at least one sign-up and one login\n";
    return report->passed() ? 0 : kExitVerifyFailed;
}

int Summarize(const std::string& dir, const std::string& out_path) {
    auto rows = LoadRuns(dir);
    if (!rows.ok()) {
        std::cerr << rows.status().message() << '\n';
        return kExitCannotRun;
    }
    const std::vector<Ratio> ratios = ComputeRatios(*rows);
    std::cout << MarkdownTable(*rows, ratios);
    const std::string path = out_path.empty() ? dir + "/summary.json" : out_path;
    std::ofstream out(path);
    out << boost::json::serialize(SummaryJson(*rows, ratios)) << '\n';
    if (!out) {
        std::cerr << "cannot write " << path << '\n';
        return kExitCannotRun;
    }
    return 0;
}

}  // namespace
}  // namespace tix::bench

int main(int argc, char** argv) {
    using tix::bench::BenchConfig;
    BenchConfig config;
    CLI::App app("tixbench: on-sale HTTP load generator for tixd (loopback only)");
    app.add_option("--target", config.target, "tixd host:port (loopback)");
    app.add_option("--scenario", config.scenario_name,
                   "dome, churn, hot-row, ceiling, queue, queue-load, pay, checkin or bidding");
    app.add_option("--mode", config.mode, "closed or open (open needs --rate)");
    app.add_option("--rate", config.rate_per_s, "open loop: user turns per second");
    app.add_option("--connections", config.connections, "connections (default per scenario)");
    app.add_option("--users", config.users,
                   "users (default per scenario; pay: the webhook phase's orders, 50,000; "
                   "checkin: the buyers, 5,000)");
    app.add_option("--duration", config.duration_s,
                   "seconds (churn 20, ceiling 10, queue-load 5 a phase; queue: the time limit "
                   "after the sale starts, 120)");
    app.add_option("--threads", config.threads, "io_context threads (default 1)");
    app.add_option("--timeout", config.timeout_s, "per-request timeout, seconds");
    app.add_option("--seed", config.seed, "workload seed");
    app.add_option("--json", config.json_path, "write the run's JSON here");
    app.add_option("--system", config.system, "system name in the report");
    app.add_option("--admin-email", config.admin_email, "admin account");
    app.add_option("--admin-password", config.admin_password, "admin password");
    app.add_option("--user-prefix", config.user_prefix, "email prefix of the bulk users");
    app.add_option("--event-id", config.event_id, "dome: sell this event instead of the first");
    tix::bench::QueueSaleConfig& queue = config.queue;
    app.add_option("--bot-share", queue.bot_share, "queue: share of the users that are bots (0.1)");
    app.add_option("--pow-bits", queue.pow_bits, "queue: proof-of-work bits of a join (8)");
    app.add_option("--pre-queue-seconds", queue.pre_queue_s, "queue: the pre-queue window (20)");
    app.add_option("--join-seconds", queue.join_s, "queue: later arrivals spread over (20)");
    app.add_option("--admit-per-minute", queue.admit_per_minute,
                   "queue: the room's rate (default: the pre-queue over --join-seconds)");
    app.add_option("--active-max", queue.active_max, "queue: (default: 10 s of admissions)");
    app.add_option("--tickets", queue.tickets, "queue: tickets (default: for 3 users in 4)");
    app.add_option("--tixd-pid", config.tixd_pid,
                   "queue-load, bidding: tixd's pid, to read its memory per waiting user or "
                   "per WebSocket");
    tix::bench::PayConfig& pay = config.pay;
    app.add_option("--tixpay", pay.tixpay_target, "pay: tixpay's host:port (loopback)");
    app.add_option("--tixpay-api-key", pay.api_key, "pay: tixd's --payment-api-key");
    app.add_option("--webhook-secret", pay.webhook_secret,
                   "pay: tixd's --payment-webhook-secret (the bench signs webhooks with it)");
    app.add_option("--redelivered-share", pay.redelivered_share,
                   "pay: share of the webhook events delivered twice (0.2)");
    app.add_option("--buyers", pay.buyers, "pay: end-to-end buyers (2,000; 0 skips the phase)");
    app.add_option("--buyer-connections", pay.buyer_connections, "pay: buyers at once (200)");
    app.add_option("--poll-ms", pay.poll_ms, "pay: a buyer's order polling interval, ms (100)");
    tix::bench::CheckInConfig& checkin = config.checkin;
    app.add_option("--tickets-per-user", checkin.tickets_per_user,
                   "checkin: tickets each buyer buys (4; 1..8)");
    app.add_option("--gates", checkin.gates, "checkin: gates the scanners are spread over (4)");
    app.add_option("--rescans", checkin.rescans,
                   "checkin: admitted tickets scanned again, each due 409 (5,000; 0 skips)");
    app.add_option("--offline-tickets", checkin.offline_tickets,
                   "checkin: tickets kept from the gates, for tixscan (0)");
    app.add_option("--payloads-out", checkin.payloads_path,
                   "checkin: write the offline tickets' QR payloads here (every ticket's if none), "
                   "one a line");
    tix::bench::AddBiddingOptions(app, config.bidding);

    std::string summary_dir;
    std::string summary_out;
    CLI::App* summarize = app.add_subcommand("summarize", "one table of every run JSON in DIR");
    summarize->add_option("dir", summary_dir, "directory of run JSON files")->required();
    summarize->add_option("--out", summary_out, "combined JSON (default DIR/summary.json)");
    tix::bench::AuthBenchConfig auth;
    CLI::App* auth_cmd =
        app.add_subcommand("auth", "sign-ups/s then logins/s (password hashing) of a running tixd");
    auth_cmd->add_option("--target", auth.target, "tixd host:port (loopback)");
    auth_cmd->add_option("--connections", auth.connections, "connections (default 8)");
    auth_cmd->add_option("--duration,--seconds", auth.duration_s, "seconds per phase (10)");
    auth_cmd->add_option("--timeout", auth.timeout_s, "per-request timeout, seconds (60)");
    auth_cmd->add_option("--email-prefix", auth.email_prefix, "accounts are <prefix>N@bench.tix");
    auth_cmd->add_option("--json", auth.json_path, "write the run's JSON here");
    auth_cmd->add_option("--system", auth.system, "system name in the report");
    app.require_subcommand(0, 1);
    CLI11_PARSE(app, argc, argv);

    if (*summarize) return tix::bench::Summarize(summary_dir, summary_out);
    if (*auth_cmd) return tix::bench::RunAuth(auth);
    return tix::bench::RunBench(config);
}
