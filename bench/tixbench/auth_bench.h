// `tixbench auth`: sign-ups/s and logins/s of a running tixd, i.e. its password hashing as
// clients see it. Two phases on the same connections, each a closed loop for `duration_s`:
// registering fresh accounts, then logging in as them in turn. Not on-sale load: the server's
// Argon2id cost (--password-cost) decides the figures.
//   tixbench auth --target 127.0.0.1:8080 --connections 8 --duration 10 [--json FILE]
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <ostream>
#include <string>

#include "common/status.h"
#include "phase_stats.h"

namespace tix::bench {

inline constexpr std::uint32_t kAuthConnectionsMax = 5'000;
inline constexpr double kAuthDurationMaxSeconds = 3'600;
// tixd may queue a hash for up to 30 s of work (kHashQueueWaitMax): wait longer than that.
inline constexpr double kAuthTimeoutDefaultSeconds = 60;
inline constexpr std::size_t kAuthEmailPrefixCharsMax = 64;

struct AuthBenchConfig {
    std::string target = "127.0.0.1:8080";  // loopback only
    std::uint32_t connections = 8;
    double duration_s = 10;  // per phase
    double timeout_s = kAuthTimeoutDefaultSeconds;
    std::string email_prefix;  // default: "auth-<unix ms>-", fresh on every run
    std::string password = "tixbench-auth-password";
    std::string json_path;
    std::string system = "tixd";
};

// Fills the defaults and checks every bound; the error names the offending option.
Status ResolveAuthDefaults(AuthBenchConfig& config);

struct AuthReport {
    PhaseStats sign_ups;
    PhaseStats logins;

    // Every request was answered as the contract allows (503 overloaded included) and at least
    // one sign-up and one login succeeded.
    bool passed() const;
    boost::json::object ToJson(const AuthBenchConfig& config) const;
};

// Runs both phases against `server`, printing each as it ends. An error only when nothing could
// be measured (no connection opened).
Result<AuthReport> RunAuthBench(const AuthBenchConfig& config,
                                boost::asio::ip::tcp::endpoint server, std::ostream& out);

}  // namespace tix::bench
