#include "app/rate_limit_options.h"

#include <cstddef>

#include "guard/rate.h"

namespace tix::app {
namespace {

// Accepts what guard::ParseRate reads; the message says what is wrong otherwise.
const CLI::Validator kRateText(
    [](std::string& text) -> std::string {
        const Result<guard::Rate> rate = guard::ParseRate(text);
        return rate.ok() ? std::string() : rate.status().message();
    },
    "RATE", "rate");

// "rate-limit-orders-per-ip" -> "TIXD_RATE_LIMIT_ORDERS_PER_IP".
std::string EnvironmentName(const std::string& option) {
    std::string name = "TIXD_";
    for (const char c : option) name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
    return name;
}

void AddRate(CLI::App& app, const std::string& name, guard::Rate& rate, const std::string& what) {
    app.add_option_function<std::string>(
           "--" + name, [&rate](const std::string& text) { rate = guard::ParseRate(text).value(); },
           what + " (a rate: 120/min, 10/hour,burst=3, off)")
        ->default_str(guard::FormatRate(rate))
        ->check(kRateText)
        ->envname(EnvironmentName(name));
}

std::string DescribeClassRates(const http::ClassRates& rates) {
    std::string text;
    for (std::size_t i = 0; i < rates.size(); ++i) {
        if (!text.empty()) text += ", ";
        text += std::string(http::EndpointClassName(static_cast<http::EndpointClass>(i))) + " " +
                guard::FormatRate(rates[i]);
    }
    return text;
}

}  // namespace

void AddRateLimitOptions(CLI::App& app, RateLimitConfig& config,
                         std::vector<std::string>& trusted_proxies) {
    for (std::size_t i = 0; i < http::kEndpointClassCount; ++i) {
        const std::string name(http::EndpointClassName(static_cast<http::EndpointClass>(i)));
        AddRate(app, "rate-limit-" + name + "-per-ip", config.requests.per_ip[i],
                name + " requests per client address (not loopback unless --rate-limit-loopback)");
        AddRate(app, "rate-limit-" + name + "-per-account", config.requests.per_account[i],
                name + " requests per account");
    }
    AddRate(app, "rate-limit-failed-logins-per-account", config.logins.failed_logins_per_account,
            "failed logins per account email");
    AddRate(app, "rate-limit-failed-logins-per-ip", config.logins.failed_logins_per_ip,
            "failed logins per client address, loopback included");
    AddRate(app, "rate-limit-registrations-per-ip", config.logins.registrations_per_ip,
            "sign-ups per client address (not loopback unless --rate-limit-loopback)");
    app.add_flag_function(
           "--rate-limit-loopback",
           [&config](std::int64_t count) {
               config.requests.limit_loopback = count > 0;
               config.logins.limit_loopback = count > 0;
           },
           "apply the limits per address to loopback clients too (local tools, tests and "
           "benchmarks run from 127.0.0.1 and are not limited by default)")
        ->envname("TIXD_RATE_LIMIT_LOOPBACK");
    app.add_option("--trusted-proxy", trusted_proxies,
                   "IP address of a reverse proxy whose X-Forwarded-For names the client "
                   "(repeatable; default: none, the header is ignored)")
        ->envname("TIXD_TRUSTED_PROXY");
}

bool ApplyTrustedProxies(const std::vector<std::string>& trusted_proxies, RateLimitConfig& config,
                         std::string& error) {
    config.requests.trusted_proxies.clear();
    for (const std::string& text : trusted_proxies) {
        const std::optional<http::IpAddress> address = http::ParseIpAddress(text);
        if (!address) {
            error = "--trusted-proxy: '" + text + "' is not an IP address";
            return false;
        }
        config.requests.trusted_proxies.push_back(*address);
    }
    return true;
}

std::string DescribeRateLimits(const RateLimitConfig& config) {
    std::string proxies;
    for (const http::IpAddress& proxy : config.requests.trusted_proxies) {
        proxies += (proxies.empty() ? "" : " ") + proxy.to_string();
    }
    return "per address" + std::string(config.requests.limit_loopback ? "" : " (loopback exempt)") +
           ": " + DescribeClassRates(config.requests.per_ip) +
           "; per account: " + DescribeClassRates(config.requests.per_account) +
           "; failed logins: " + guard::FormatRate(config.logins.failed_logins_per_account) +
           " per email, " + guard::FormatRate(config.logins.failed_logins_per_ip) +
           " per address; sign-ups: " + guard::FormatRate(config.logins.registrations_per_ip) +
           " per address; trusted proxies: " + (proxies.empty() ? "none" : proxies);
}

}  // namespace tix::app
