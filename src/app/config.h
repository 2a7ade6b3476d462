// tixd's one validated configuration, from the command line, a config file (--config, TOML/INI,
// unknown keys rejected) and TIXD_* environment variables, in that order of precedence.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "app/payment_options.h"
#include "app/rate_limit_options.h"

namespace tix::app {

struct ServeConfig {
    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 8080;
    std::string data_dir = "./var";
    bool demo = false;
    unsigned io_threads = 0;  // 0: one per core
    // standard (OWASP minimum) | interactive | moderate | minimum (tests only)
    std::string password_cost = "standard";
    std::string log_level = "info";
    std::string port_file;  // when set, the bound port is written here (tests listen on port 0)
    unsigned token_ttl_seconds = 3'600;
    // Refresh tokens live this long from their issue; each use starts a new one's lifetime.
    // 1 to auth::kRefreshTokenLifetimeMax (365).
    unsigned refresh_token_days = 30;
    // Tests only: admins may move tixd's clock forward (POST /api/v1/admin/clock/advance).
    bool test_clock = false;
    // Requests per client address and per account, failed logins, sign-ups (docs/api.md).
    RateLimitConfig rate_limits;
    PaymentConfig payments;  // instant, or through a provider (docs/payments.md)
    // The built web front end (web/dist), served at every path the API does not claim; empty:
    // none (docs/architecture.md, "The web front end").
    std::string web_root;
};

struct CreateUserConfig {
    std::string data_dir = "./var";
    std::string email;
    std::string password;              // from --password
    bool password_from_stdin = false;  // --password-stdin: read one line (password_input.h)
    std::string name;
    bool admin = false;
    bool scanner = false;
    // The server's --password-cost: a login then costs the same for this account as for any
    // other (and for an unknown email).
    std::string password_cost = "standard";
};

struct ExitNow {
    int code = 0;  // --help, or a usage error already printed
};

// `tixd admin reconcile`: asks a running tixd to reconcile with its payment provider and prints
// the report (POST /api/v1/admin/reconcile, as an admin).
struct ReconcileConfig {
    std::string url = "http://127.0.0.1:8080";
    std::string email;
    std::string password;  // read from standard input (one line)
};

using Command = std::variant<ServeConfig, CreateUserConfig, ReconcileConfig, ExitNow>;

// Parses argv. Prints help or the usage error itself and returns ExitNow for those.
Command ParseCommandLine(int argc, char** argv);

}  // namespace tix::app
