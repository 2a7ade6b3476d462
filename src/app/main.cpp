// tixd's composition root: parses the configuration, recovers the engine from the store, wires
// the sequencer, auth and routes into the HTTP server, and runs until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <array>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <thread>
#include <variant>
#include <vector>

#include "api/availability_feed.h"
#include "api/bidding_routes.h"
#include "api/campaign_feed.h"
#include "api/clock_routes.h"
#include "api/event_routes.h"
#include "api/order_routes.h"
#include "api/queue_challenge.h"
#include "api/queue_routes.h"
#include "api/ticket_keyring.h"
#include "api/ticket_routes.h"
#include "api/user_removal.h"
#include "app/config.h"
#include "app/data_dir_lock.h"
#include "app/demo.h"
#include "app/json_log.h"
#include "app/open_file_limit.h"
#include "app/password_input.h"
#include "app/payments_setup.h"
#include "app/private_data_dir.h"
#include "app/reconcile_command.h"
#include "app/users_setup.h"
#include "app/web_ui_setup.h"
#include "common/clock.h"
#include "engine/engine.h"
#include "http/request_guard.h"
#include "http/router.h"
#include "http/server.h"
#include "push/local_push_hub.h"
#include "push/ticker.h"
#include "service/completion_home.h"
#include "service/recovery.h"
#include "service/sequencer.h"
#include "store/sqlite_journal.h"
#include "tickets/ticket_keys.h"

namespace tix::app {
namespace {

// An IO thread's io_context as the home of the completions of the tasks its requests submit.
class IoCompletionHome final : public service::CompletionHome {
  public:
    explicit IoCompletionHome(boost::asio::io_context& io) : io_(io) {}
    void Post(std::function<void()> work) override { boost::asio::post(io_, std::move(work)); }

  private:
    boost::asio::io_context& io_;
};

// Exit codes: 1 start-up failure, 70 storage failure while serving (EX_SOFTWARE-like).
constexpr int kExitStartFailed = 1;
constexpr int kExitStorageFailed = 70;

std::string DatabasePath(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "tix.db").string();
}

// Warns about a data directory others can read (made by an older tixd, or by hand): it holds
// emails and password hashes.
void WarnIfDataExposed(const std::string& data_dir) {
    for (const std::string& path : ExposedDataPaths(data_dir)) {
        spdlog::warn("data: other users can read {} (emails, password hashes); chmod 700 {}", path,
                     data_dir);
    }
}

// Adds the demo events (the second behind a waiting room) to a store that has none yet, straight
// through the journal.
Status LoadDemoEvents(engine::Engine& engine, engine::Journal& journal, TimePoint now) {
    if (!engine.EventIds().empty()) return Status::Ok();
    std::vector<engine::EventSpec> specs = DemoEvents(now);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const TimePoint sale_starts_at = specs[i].sale_starts_at;
        const EventId event_id = engine.AddEvent(std::move(specs[i]));
        if (i == kDemoQueuedEvent) {
            engine.AddQueue(event_id, DemoQueue(now, sale_starts_at, api::NewQueueSeed()));
        }
    }
    engine::JournalBatch batch;
    engine.DrainChanges(batch);
    spdlog::info("demo: loaded {} events of {} seats", batch.events.size(), kDemoSeatsPerDate);
    return journal.Append(batch);
}

// Keys the hash of the rate limiter's table, so that nobody can aim addresses at one set.
std::array<std::uint64_t, 2> RandomSeed() {
    std::random_device device;
    std::array<std::uint64_t, 2> seed{};
    for (std::uint64_t& word : seed) word = (std::uint64_t{device()} << 32) | device();
    return seed;
}

int Serve(const ServeConfig& config) {
    InstallJsonLogger(config.log_level);
    const Result<OpenFileLimit> open_files = RaiseOpenFileLimit();
    if (!open_files.ok()) {
        spdlog::critical("{}", open_files.status().ToString());
        return kExitStartFailed;
    }
    if (Status status = CreatePrivateDirectory(config.data_dir); !status.ok()) {
        spdlog::critical("{}", status.ToString());
        return kExitStartFailed;
    }
    WarnIfDataExposed(config.data_dir);
    const auto lock = DataDirLock::Acquire(config.data_dir);
    if (!lock.ok()) {
        spdlog::critical("{}", lock.status().message());
        return kExitStartFailed;
    }
    auto journal = store::SqliteJournal::Open(DatabasePath(config.data_dir));
    if (!journal.ok()) {
        spdlog::critical("store: {}", journal.status().ToString());
        return kExitStartFailed;
    }
    engine::Engine engine;
    // Ticket keys before recovery: tickets it issues (for orders paid before tickets existed)
    // get their ids from the same key as every other.
    auto ticket_master = tickets::LoadOrCreateMasterKey(
        (std::filesystem::path(config.data_dir) / "ticket.key").string());
    if (!ticket_master.ok()) {
        spdlog::critical("ticket.key: {}", ticket_master.status().ToString());
        return kExitStartFailed;
    }
    const api::TicketKeyring ticket_keyring(std::move(ticket_master).value());
    engine.SetTicketIdKey(ticket_keyring.TicketIdKeyBytes());
    // The one clock: everything below reads the time through it.
    ServerClock clock;
    const service::Sequencer::Clock now = [&clock] { return clock.Now(); };
    const auto recovered = service::Recover(**journal, engine, now());
    if (!recovered.ok()) {
        spdlog::critical("recovery: {}", recovered.status().ToString());
        return kExitStartFailed;
    }
    spdlog::info("recovered {} events, {} orders, {} live holds; {} holds expired while down",
                 recovered->events, recovered->orders, recovered->live_holds,
                 recovered->expired_at_start);
    spdlog::info("recovered {} waiting rooms with {} entries", recovered->queues,
                 recovered->queue_entries);
    spdlog::info(
        "recovered {} products, {} campaigns, {} bids, {} campaign orders; {} campaigns ended "
        "while down, settled now with {} orders",
        recovered->products, recovered->campaigns, recovered->bids, recovered->campaign_orders,
        recovered->settled_at_start, recovered->settled_orders_at_start);
    if (config.demo) {
        if (Status status = LoadDemoEvents(engine, **journal, now()); !status.ok()) {
            spdlog::critical("demo: {}", status.ToString());
            return kExitStartFailed;
        }
    }

    auto users = UsersSetup::Open(config, now);
    if (!users.ok()) {
        spdlog::critical("users: {}", users.status().ToString());
        return kExitStartFailed;
    }
    // The published demo password is for loopback only (app/demo_credentials.h).
    const DemoAdminCredentials demo_admin =
        config.demo ? DemoAdminCredentialsFor(config.listen_host) : DemoAdminCredentials{};
    if (config.demo) {
        if (Status status = (*users)->EnsureDemoUsers(demo_admin); !status.ok()) {
            spdlog::critical("demo users: {}", status.ToString());
            return kExitStartFailed;
        }
        if (!demo_admin.published) {
            spdlog::warn(
                "demo: {} is not a loopback address, so the demo admin has a generated "
                "password, printed once on standard output",
                config.listen_host);
        }
    }

    service::Sequencer::Options options;
    options.on_fatal = [](const Status& status) {
        // Every later answer would be a lie about durability: stop now, restart recovers.
        spdlog::critical("storage failed, exiting: {}", status.ToString());
        spdlog::default_logger()->flush();
        std::_Exit(kExitStorageFailed);
    };
    service::Sequencer sequencer(engine, **journal, now, std::move(options));
    auto payments = PaymentsSetup::Create(config.payments, sequencer, now);
    if (!payments.ok()) {
        spdlog::critical("payments: {}", payments.status().ToString());
        return kExitStartFailed;
    }

    auto request_guard = std::make_shared<http::RequestGuard>(
        config.rate_limits.requests, [&clock] { return clock.Now(); }, RandomSeed());
    spdlog::info("rate limits: {}", DescribeRateLimits(config.rate_limits));
    // Made at start-up, never stored: challenges issued before a restart are refused after it.
    const api::ChallengeSigner challenge_signer;
    auto router = std::make_shared<http::Router>((*users)->TokenVerifierFn(), request_guard);
    // A ban's second half: the engine cancels the account's holds and removes its queue places.
    (*users)->AddRoutes(*router, api::MakeUserRemover(sequencer));
    api::AvailabilityCache availability_cache;
    api::AddEventRoutes(*router, sequencer, availability_cache);
    // Before the io_contexts: WebSockets destroyed with them unsubscribe from it.
    push::LocalPushHub push_hub;
    api::AvailabilityFeed availability_feed(sequencer, push_hub, now);
    availability_feed.AddRoutes(*router);
    api::AddOrderRoutes(*router, sequencer, (*payments)->instant_payments());
    (*payments)->AddRoutes(*router);
    api::AddQueueRoutes(*router, sequencer, challenge_signer, now);
    const api::TicketRouteServices ticket_services{sequencer, ticket_keyring, (*users)->Accounts(),
                                                   now};
    api::AddTicketRoutes(*router, ticket_services);
    api::AddCheckInRoutes(*router, ticket_services);
    api::CampaignFeed campaign_feed(sequencer, push_hub, (*users)->Accounts().name_of, now);
    campaign_feed.AddRoutes(*router);
    const api::BiddingRouteServices bidding_services{
        sequencer, (*users)->Members(), (*users)->Accounts().name_of, now,
        [&campaign_feed](const engine::Bid& bid, std::uint32_t rank) {
            campaign_feed.OnBidAccepted(bid, rank);
        }};
    api::AddBiddingRoutes(*router, bidding_services);
    api::AddRankingRoutes(*router, bidding_services);
    if (config.test_clock) {
        spdlog::warn("--test-clock: admins can move the clock; for tests only");
        api::AddTestClockRoutes(*router, clock);
    }
    if (!config.web_root.empty()) {
        if (Status status = AddWebUi(config.web_root, config.payments, *router); !status.ok()) {
            spdlog::critical("{}", status.message());
            return kExitStartFailed;
        }
    }

    const unsigned threads = config.io_threads != 0
                                 ? config.io_threads
                                 : std::max(1u, std::thread::hardware_concurrency());
    // One io_context per thread, each run by that thread alone: no lock is shared between IO
    // threads on the request path (a single shared context measured ~10% of CPU in its mutex).
    std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
    std::vector<boost::asio::io_context*> context_ptrs;
    std::vector<std::unique_ptr<IoCompletionHome>> homes;
    for (unsigned i = 0; i < threads; ++i) {
        contexts.push_back(std::make_unique<boost::asio::io_context>(1));
        context_ptrs.push_back(contexts.back().get());
        homes.push_back(std::make_unique<IoCompletionHome>(*contexts.back()));
    }
    boost::asio::io_context& io = *contexts.front();
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(config.listen_host, ec);
    if (ec) {
        spdlog::critical("--listen: bad address '{}'", config.listen_host);
        return kExitStartFailed;
    }
    http::ServerLimits limits;
    limits.connections_max = ConnectionCapFor(open_files->now, threads);
    if (limits.connections_max == 0) {
        spdlog::critical("the open-file limit {} leaves no room for connections: raise it",
                         open_files->now);
        return kExitStartFailed;
    }
    spdlog::info("open-file limit {} (started with {}): at most {} connections", open_files->now,
                 open_files->before, limits.connections_max);
    http::HttpServer server(context_ptrs, {address, config.listen_port}, router, limits);
    const auto port = server.Start();
    if (!port.ok()) {
        spdlog::critical("listen: {}", port.status().ToString());
        return kExitStartFailed;
    }
    sequencer.Start();
    (*payments)->Start();
    // On the first IO thread, bound to its CompletionHome: the feed's answers render there.
    push::Ticker availability_ticker(io.get_executor(), api::kAvailabilityPushPeriod,
                                     [&availability_feed] { availability_feed.Tick(); });
    availability_ticker.Start();
    push::Ticker ranking_ticker(io.get_executor(), api::kRankingPushPeriod,
                                [&campaign_feed] { campaign_feed.Tick(); });
    ranking_ticker.Start();
    // Before the port file, which tells whoever waits that tixd is up: the credentials are out
    // by then.
    if (config.demo) PrintDemoCredentials(config.listen_host, *port, demo_admin);
    if (!config.port_file.empty()) {
        std::ofstream(config.port_file) << *port << "\n";
    }
    spdlog::info("listening on http://{}:{} with {} IO threads, data in {}", config.listen_host,
                 *port, threads, config.data_dir);

    // Contexts other than the acceptor's may have no connection for a while: keep them running.
    using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
    std::vector<WorkGuard> keep_running;
    for (auto& context : contexts) keep_running.emplace_back(context->get_executor());

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int signal) {
        spdlog::info("signal {}: shutting down", signal);
        availability_ticker.Stop();
        ranking_ticker.Stop();
        server.Stop();
        for (WorkGuard& guard : keep_running) guard.reset();
        for (auto& context : contexts) context->stop();
    });
    std::vector<std::thread> workers;
    for (unsigned i = 1; i < threads; ++i) {
        workers.emplace_back([context = contexts[i].get(), home = homes[i].get()] {
            service::CompletionHome::BindToThisThread(home);
            context->run();
        });
    }
    service::CompletionHome::BindToThisThread(homes.front().get());
    io.run();
    service::CompletionHome::BindToThisThread(nullptr);
    for (std::thread& worker : workers) worker.join();
    (*users)->Shutdown();
    (*payments)->Stop();  // its calls under way may still submit to the sequencer
    sequencer.Stop();
    spdlog::info("stopped");
    return 0;
}

int CreateUser(CreateUserConfig config) {
    InstallJsonLogger("warn");
    if (config.password_from_stdin) {
        Result<std::string> password = ReadPasswordLine(std::cin);
        if (!password.ok()) {
            std::cerr << "create-user: " << password.status().message() << "\n";
            return kExitStartFailed;
        }
        config.password = std::move(password).value();
    }
    if (Status status = CreatePrivateDirectory(config.data_dir); !status.ok()) {
        std::cerr << status.ToString() << "\n";
        return kExitStartFailed;
    }
    const auto lock = DataDirLock::Acquire(config.data_dir);
    if (!lock.ok()) {
        std::cerr << "create-user: " << lock.status().message()
                  << " (stop it first, or register through the API)\n";
        return kExitStartFailed;
    }
    const Result<UserId> user_id = CreateUserOffline(config);
    if (!user_id.ok()) {
        std::cerr << "create-user: " << user_id.status().message() << "\n";
        return kExitStartFailed;
    }
    std::cout << "created user " << *user_id << " <" << config.email << ">"
              << (config.admin ? " (admin)" : "") << "\n";
    return 0;
}

}  // namespace
}  // namespace tix::app

int main(int argc, char** argv) {
    using namespace tix::app;
    // First, before anything creates a file: the database, its write-ahead log, the signing key
    // and the port file are then readable by tixd's user alone.
    ::umask(kPrivateUmask);
    const Command command = ParseCommandLine(argc, argv);
    if (const auto* exit_now = std::get_if<ExitNow>(&command)) return exit_now->code;
    if (const auto* create = std::get_if<CreateUserConfig>(&command)) return CreateUser(*create);
    if (const auto* reconcile = std::get_if<ReconcileConfig>(&command)) {
        return RunReconcileCommand(*reconcile);
    }
    return Serve(std::get<ServeConfig>(command));
}
