#include "app/config.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <vector>

#include "auth/refresh_token_store.h"

namespace tix::app {
namespace {

constexpr unsigned kMaxIoThreads = 64;
constexpr unsigned kMaxTokenTtlSeconds = 7 * 86'400;
constexpr unsigned kMaxRefreshTokenDays =
    static_cast<unsigned>(auth::kRefreshTokenLifetimeMax.count());

// --password-cost of serve and of create-user.
std::vector<std::string> PasswordCosts() {
    return {"standard", "interactive", "moderate", "minimum"};
}

// The serve options; bound on the top-level app and on `serve`, since serve is the default.
void AddServeOptions(CLI::App& app, ServeConfig& config, std::string& listen,
                     std::vector<std::string>& trusted_proxies) {
    app.add_option("--listen", listen, "host:port to listen on (port 0: any free port)")
        ->envname("TIXD_LISTEN");
    app.add_option("--data", config.data_dir, "data directory (created if missing)")
        ->envname("TIXD_DATA");
    app.add_flag("--demo", config.demo, "load the Taipei Dome demo on first start")
        ->envname("TIXD_DEMO");
    app.add_option("--threads", config.io_threads, "IO threads (0: one per core)")
        ->envname("TIXD_THREADS")
        ->check(CLI::Range(0u, kMaxIoThreads));
    app.add_option("--password-cost", config.password_cost,
                   "Argon2id cost: standard (19 MiB, 2 passes: OWASP's minimum), interactive "
                   "(64 MiB), moderate (256 MiB), or minimum (tests only). Hashes of another cost "
                   "are upgraded at the next login")
        ->envname("TIXD_PASSWORD_COST")
        ->check(CLI::IsMember(PasswordCosts()));
    app.add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
        ->envname("TIXD_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
    app.add_option("--port-file", config.port_file, "write the bound port to this file")
        ->envname("TIXD_PORT_FILE");
    app.add_flag("--test-clock", config.test_clock,
                 "tests only: let admins advance the clock (POST /api/v1/admin/clock/advance)");
    app.add_option("--token-ttl", config.token_ttl_seconds, "access token lifetime, seconds")
        ->envname("TIXD_TOKEN_TTL")
        ->check(CLI::Range(60u, kMaxTokenTtlSeconds));
    app.add_option("--refresh-token-days", config.refresh_token_days,
                   "refresh token lifetime, days (each refresh issues a new one)")
        ->envname("TIXD_REFRESH_TOKEN_DAYS")
        ->check(CLI::Range(1u, kMaxRefreshTokenDays));
    app.add_option("--web-root", config.web_root,
                   "serve the built web front end in this directory (web/dist; it must hold "
                   "index.html) at every path outside /api and /ws")
        ->envname("TIXD_WEB_ROOT");
    AddRateLimitOptions(app, config.rate_limits, trusted_proxies);
    AddPaymentOptions(app, config.payments);
}

// "127.0.0.1:8080" or "[::1]:8080" into host and port.
bool SplitListen(const std::string& listen, ServeConfig& config) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    const std::string port = listen.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != port.npos) {
        return false;
    }
    const unsigned long value = std::stoul(port);
    if (value > 65535) return false;
    config.listen_host = std::move(host);
    config.listen_port = static_cast<unsigned short>(value);
    return true;
}

}  // namespace

Command ParseCommandLine(int argc, char** argv) {
    CLI::App app{"tixd: ticketing and flash-sale server"};
    app.set_config("--config", "", "read options from this TOML/INI file");
    app.allow_config_extras(CLI::config_extras_mode::error);
    app.require_subcommand(0, 1);

    ServeConfig serve;
    std::string listen = "127.0.0.1:8080";
    std::vector<std::string> trusted_proxies;
    AddServeOptions(app, serve, listen, trusted_proxies);
    CLI::App* serve_cmd = app.add_subcommand("serve", "serve HTTP (the default)");
    AddServeOptions(*serve_cmd, serve, listen, trusted_proxies);

    CreateUserConfig create;
    CLI::App* admin_cmd = app.add_subcommand("admin", "administration");
    admin_cmd->require_subcommand(1);
    CLI::App* create_cmd = admin_cmd->add_subcommand("create-user", "create a user account");
    create_cmd->add_option("--data", create.data_dir, "data directory")->envname("TIXD_DATA");
    create_cmd->add_option("--email", create.email, "email")->required();
    // Exactly one of the two: --password shows in `ps` and the shell history.
    CLI::Option_group* password = create_cmd->add_option_group("password", "one of these");
    password->add_option("--password", create.password,
                         "password (8+ characters; visible to `ps`: prefer --password-stdin)");
    password->add_flag("--password-stdin", create.password_from_stdin,
                       "read the password from standard input: one line, its newline removed");
    password->require_option(1);
    create_cmd->add_option("--name", create.name, "display name (default: the email)");
    create_cmd->add_flag("--admin", create.admin, "give the admin role");
    create_cmd->add_flag("--scanner", create.scanner,
                         "give the scanner role (gate staff: ticket check-in)");
    create_cmd
        ->add_option("--password-cost", create.password_cost,
                     "Argon2id cost of the hash: the server's --password-cost")
        ->envname("TIXD_PASSWORD_COST")
        ->check(CLI::IsMember(PasswordCosts()));

    ReconcileConfig reconcile;
    CLI::App* reconcile_cmd = admin_cmd->add_subcommand(
        "reconcile",
        "reconcile a running tixd with its payment provider and print the report (the admin's "
        "password: one line on standard input)");
    reconcile_cmd->add_option("--url", reconcile.url, "tixd's base URL")->envname("TIXD_URL");
    reconcile_cmd->add_option("--email", reconcile.email, "an admin's email")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return ExitNow{app.exit(e)};  // CLI11 reports usage errors by exception; stops here
    }
    if (create_cmd->parsed()) {
        if (create.name.empty()) create.name = create.email;
        return create;
    }
    if (reconcile_cmd->parsed()) return reconcile;
    if (!SplitListen(listen, serve)) {
        std::cerr << "--listen: expected host:port, got '" << listen << "'\n";
        return ExitNow{2};
    }
    if (std::string error; !ApplyTrustedProxies(trusted_proxies, serve.rate_limits, error)) {
        std::cerr << error << "\n";
        return ExitNow{2};
    }
    if (const std::string error = ValidatePaymentConfig(serve.payments); !error.empty()) {
        std::cerr << error << "\n";
        return ExitNow{2};
    }
    return serve;
}

}  // namespace tix::app
