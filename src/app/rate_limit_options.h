// The rate-limit options of `tixd serve`: a rate per endpoint class per client address and per
// account, the failed-login and sign-up limits, the trusted proxies and the loopback switch, on
// the command line, in the --config file and as TIXD_* variables. Called by ParseCommandLine only.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "auth/login_guard.h"
#include "http/request_guard.h"

namespace tix::app {

// What the options fill in (part of ServeConfig).
struct RateLimitConfig {
    http::RequestLimits requests;
    auth::LoginLimits logins;
};

// Adds --rate-limit-<class>-per-ip and ...-per-account for each endpoint class (auth, orders,
// queue, reads, webhooks, checkin, bids), --rate-limit-failed-logins-per-account, ...-per-ip,
// --rate-limit-registrations-per-ip (each a rate: "120/min",
// "10/hour,burst=3", "off"), --rate-limit-loopback and --trusted-proxy IP (repeatable; read by
// ApplyTrustedProxies after parsing).
void AddRateLimitOptions(CLI::App& app, RateLimitConfig& config,
                         std::vector<std::string>& trusted_proxies);

// Parses the --trusted-proxy values into `config`; false with a message on `error` when one is
// not an IP address.
bool ApplyTrustedProxies(const std::vector<std::string>& trusted_proxies, RateLimitConfig& config,
                         std::string& error);

// One line for the start-up log: every limit in force, and the trusted proxies.
std::string DescribeRateLimits(const RateLimitConfig& config);

}  // namespace tix::app
