#include "auth_bench.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "auth_client.h"
#include "closed_loop_phase.h"

namespace tix::bench {
namespace {

using Clock = std::chrono::steady_clock;

bool IsEmailPrefixChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

// One phase on every client: all start together, none sends after the deadline.
PhaseStats RunPhase(boost::asio::io_context& io, std::vector<std::unique_ptr<AuthClient>>& clients,
                    AuthClient::Phase phase, const AuthBenchConfig& config) {
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(config.duration_s));
    return RunClosedLoopPhase(io, clients,
                              phase == AuthClient::Phase::kSignUp ? "sign-ups" : "logins",
                              [&](AuthClient& client) { client.Run(phase, deadline); });
}

}  // namespace

Status ResolveAuthDefaults(AuthBenchConfig& config) {
    if (config.email_prefix.empty()) {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
        config.email_prefix = "auth-" + std::to_string(now.count()) + "-";
    }
    if (config.email_prefix.size() > kAuthEmailPrefixCharsMax ||
        !std::all_of(config.email_prefix.begin(), config.email_prefix.end(), IsEmailPrefixChar)) {
        return Status::InvalidArgument("--email-prefix: up to 64 of a-z A-Z 0-9 - _ .");
    }
    if (config.connections < 1 || config.connections > kAuthConnectionsMax) {
        return Status::InvalidArgument("--connections: 1.." + std::to_string(kAuthConnectionsMax));
    }
    if (!(config.duration_s > 0 && config.duration_s <= kAuthDurationMaxSeconds)) {
        return Status::InvalidArgument("--duration: (0, 3600] seconds");
    }
    if (!(config.timeout_s > 0 && config.timeout_s <= 600)) {
        return Status::InvalidArgument("--timeout: (0, 600] seconds");
    }
    return Status::Ok();
}

bool AuthReport::passed() const {
    return sign_ups.errors == 0 && logins.errors == 0 && sign_ups.succeeded > 0 &&
           logins.succeeded > 0;
}

boost::json::object AuthReport::ToJson(const AuthBenchConfig& config) const {
    return {{"system", config.system},           {"scenario", "auth"},
            {"connections", config.connections}, {"sign_ups", sign_ups.ToJson()},
            {"logins", logins.ToJson()},         {"passed", passed()}};
}

Result<AuthReport> RunAuthBench(const AuthBenchConfig& config,
                                boost::asio::ip::tcp::endpoint server, std::ostream& out) {
    boost::asio::io_context io{1};
    AuthAccounts accounts(config.email_prefix, config.password);
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<AuthClient>> clients;
    for (std::uint32_t i = 0; i < config.connections; ++i) {
        clients.push_back(std::make_unique<AuthClient>(io, server, timeout, accounts));
    }
    if (ConnectAll(io, clients) == config.connections) {
        return Status::IoError("no connection to " + server.address().to_string() + ":" +
                               std::to_string(server.port()) + " opened");
    }

    AuthReport report;
    report.sign_ups = RunPhase(io, clients, AuthClient::Phase::kSignUp, config);
    report.sign_ups.Print(out);
    if (accounts.size() == 0) {
        out << "no account was created, so there is nobody to log in as\n";
        return report;
    }
    report.logins = RunPhase(io, clients, AuthClient::Phase::kLogin, config);
    report.logins.Print(out);
    return report;
}

}  // namespace tix::bench
