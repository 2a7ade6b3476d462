// tixpay's composition root: the payment-provider simulator (docs/tixpay.md). Parses the flags,
// wires the clock, the simulator, the webhook deliverer and the routes into the HTTP server,
// settles processing cards on a timer, and runs until SIGINT/SIGTERM.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "common/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "tixpay/api_support.h"
#include "tixpay/cors_policy.h"
#include "tixpay/simulator_host.h"
#include "tixpay/test_routes.h"
#include "tixpay/tixpay_routes.h"
#include "tixpay/views.h"
#include "tixpay/webhook_deliverer.h"

namespace tix::tixpay {
namespace {

constexpr int kExitStartFailed = 1;
// tixpay's bodies are a few hundred bytes; a smaller limit than tixd's keeps junk out cheaply.
constexpr std::uint64_t kTixpayBodyBytesMax = 16 * 1024;

struct Config {
    std::string listen = "127.0.0.1:8090";
    std::string port_file;
    std::string api_key;
    std::string webhook_url;
    std::vector<std::string> webhook_secrets;
    std::int64_t slow_card_seconds = 5;
    bool test_clock = false;
    bool duplicate = false;
    bool shuffle = false;
    std::int64_t delay_ms = 0;
    std::int64_t drop_first = 0;
    std::optional<std::uint64_t> seed;
    std::string log_level = "info";
    // Web pages that may pay an intent from the browser (CORS): tix's front end's origin.
    std::vector<std::string> allowed_origins;
};

// Parses the command line; an exit code when the process should end at once (--help, errors).
std::optional<int> ParseFlags(int argc, char** argv, Config& config) {
    CLI::App app("tixpay: a payment-provider simulator for tix (docs/tixpay.md)");
    app.add_option("--listen", config.listen, "host:port to listen on (port 0: any free port)")
        ->capture_default_str();
    app.add_option("--port-file", config.port_file, "write the bound port here once listening");
    app.add_option("--api-key", config.api_key, "the API key server-to-server calls must send")
        ->required();
    app.add_option("--webhook-url", config.webhook_url,
                   "http:// URL events are POSTed to (or later: POST /v1/webhook_endpoints)");
    app.add_option("--webhook-secret", config.webhook_secrets,
                   "signs every delivery; repeat it to sign with several (rotation)")
        ->required();
    app.add_option("--slow-card-seconds", config.slow_card_seconds,
                   "how long the slow card processes")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{86'400}))
        ->capture_default_str();
    app.add_flag("--test-clock", config.test_clock,
                 "allow POST /v1/test/clock/advance (tests only)");
    app.add_flag("--duplicate", config.duplicate, "deliver every event twice");
    app.add_flag("--shuffle", config.shuffle, "deliver waiting events in random order");
    app.add_option("--delay-ms", config.delay_ms, "delay each event's first delivery")
        ->check(CLI::Range(std::int64_t{0}, kFaultDelayMsMax));
    app.add_option("--drop-first", config.drop_first, "never deliver the first N events")
        ->check(CLI::Range(std::int64_t{0}, kFaultDropFirstMax));
    app.add_option("--seed", config.seed, "seed of the shuffle order and the retry jitter");
    app.add_option("--allow-origin", config.allowed_origins,
                   "an origin (http://127.0.0.1:8080) whose pages may pay an intent from the "
                   "browser; repeatable (default: none)");
    app.add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
        ->capture_default_str();
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error);
    }
    for (const std::string& secret : config.webhook_secrets) {
        if (secret.empty()) {
            std::cerr << "--webhook-secret: must not be empty\n";
            return kExitStartFailed;
        }
    }
    for (const std::string& origin : config.allowed_origins) {
        if (const std::string problem = OriginProblem(origin); !problem.empty()) {
            std::cerr << "--allow-origin '" << origin << "': " << problem << "\n";
            return kExitStartFailed;
        }
    }
    if (config.api_key.empty()) {
        std::cerr << "--api-key: must not be empty\n";
        return kExitStartFailed;
    }
    return std::nullopt;
}

std::optional<boost::asio::ip::tcp::endpoint> ListenEndpoint(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(listen.substr(0, colon), ec);
    const std::string port = listen.substr(colon + 1);
    if (ec || port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
        return std::nullopt;
    }
    return boost::asio::ip::tcp::endpoint(address, static_cast<std::uint16_t>(std::stoi(port)));
}

std::uint64_t RandomSeed() {
    std::random_device device;
    return (std::uint64_t{device()} << 32) | device();
}

// Settles processing cards every kTickInterval until the timer is cancelled.
void ScheduleTick(boost::asio::steady_timer& timer, SimulatorHost& host) {
    timer.expires_after(kTickInterval);
    timer.async_wait([&timer, &host](const boost::system::error_code& ec) {
        if (ec) return;
        host.Tick();
        ScheduleTick(timer, host);
    });
}

int Serve(const Config& config) {
    const auto endpoint = ListenEndpoint(config.listen);
    if (!endpoint) {
        spdlog::critical("--listen: expected <ip address>:<port>, got '{}'", config.listen);
        return kExitStartFailed;
    }
    std::optional<WebhookTarget> target;
    if (!config.webhook_url.empty()) {
        auto parsed = ParseWebhookUrl(config.webhook_url);
        if (!parsed.ok()) {
            spdlog::critical("--webhook-url: {}", parsed.status().message());
            return kExitStartFailed;
        }
        target = std::move(parsed).value();
    }
    // The one clock: signatures, `created` and the slow and late cards all read it.
    ServerClock clock;
    const auto now = [&clock] { return clock.Now(); };
    const std::uint64_t seed = config.seed.value_or(RandomSeed());
    WebhookDeliverer deliverer(
        {.target = std::move(target),
         .secrets = config.webhook_secrets,
         .now = now,
         .faults = {.duplicate = config.duplicate,
                    .shuffle = config.shuffle,
                    .delay = std::chrono::milliseconds{config.delay_ms},
                    .drop_first = static_cast<std::uint64_t>(config.drop_first)},
         .seed = seed});
    SimulatorHost host(std::chrono::seconds{config.slow_card_seconds}, now,
                       [&deliverer](const Event& event) {
                           deliverer.Enqueue(event.id, boost::json::serialize(EventJson(event)));
                       });

    const ApiKey api_key(config.api_key);
    auto router = std::make_shared<http::Router>();
    AddTixpayRoutes(*router, host, api_key, CorsPolicy(config.allowed_origins));
    if (config.test_clock) spdlog::warn("--test-clock: the API key can move the clock");
    AddTestRoutes(*router, api_key, deliverer, host, config.test_clock ? &clock : nullptr);

    boost::asio::io_context io(1);
    http::ServerLimits limits;
    limits.body_bytes_max = kTixpayBodyBytesMax;
    http::HttpServer server(io, *endpoint, router, limits);
    const auto port = server.Start();
    if (!port.ok()) {
        spdlog::critical("listen: {}", port.status().ToString());
        return kExitStartFailed;
    }
    if (!config.port_file.empty()) std::ofstream(config.port_file) << *port << "\n";
    spdlog::info("tixpay listening on http://{}:{}, webhooks to {} (seed {})",
                 endpoint->address().to_string(), *port,
                 config.webhook_url.empty() ? "(none yet)" : config.webhook_url, seed);

    boost::asio::steady_timer tick(io);
    ScheduleTick(tick, host);
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int signal) {
        spdlog::info("signal {}: shutting down", signal);
        server.Stop();
        tick.cancel();
    });
    io.run();
    spdlog::info("stopped");
    return 0;
}

}  // namespace
}  // namespace tix::tixpay

int main(int argc, char** argv) {
    tix::tixpay::Config config;
    if (const auto exit_code = tix::tixpay::ParseFlags(argc, argv, config)) return *exit_code;
    spdlog::set_level(spdlog::level::from_str(config.log_level));
    return tix::tixpay::Serve(config);
}
