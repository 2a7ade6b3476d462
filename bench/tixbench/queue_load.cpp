#include "queue_load.h"

#include <charconv>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "closed_loop_phase.h"
#include "queue_load_client.h"
#include "queue_setup.h"
#include "run_setup.h"

namespace tix::bench {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The challenges of 100,000 users take a few seconds; this only stops a stuck setup.
constexpr std::chrono::minutes kChallengePhaseMax{10};

// A room whose sale started a minute ago, paused: joins line up and nobody leaves the line.
Result<QueueLoadWork> Prepare(const BenchConfig& config, SetupClient& setup, std::ostream& out) {
    auto admin = AdminToken(setup, config.admin_email, config.admin_password);
    if (!admin.ok()) return admin.status();
    auto tokens = CreateUsers(setup, *admin, config.user_prefix, config.users);
    if (!tokens.ok()) return tokens.status();
    const TimePoint now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    auto event = CreateQueueEvent(setup, *admin,
                                  {.opens_at = now - 2min,
                                   .sale_starts_at = now - 1min,
                                   .admission_s = 3'600,
                                   .pow_bits = kQueueLoadPowBits,
                                   .paused = true});
    if (!event.ok()) return event.status();
    const std::string queue = "/api/v1/events/" + std::to_string(event->event_id) + "/queue";
    out << "event " << event->event_id << " (sale started, room paused), " << config.users
        << " users\n";
    QueueLoadWork work{.challenge_path = queue + "/challenge",
                       .queue_path = queue,
                       .me_path = queue + "/me",
                       .tokens = std::move(*tokens)};
    work.join_bodies.resize(work.tokens.size());
    return work;
}

}  // namespace

std::optional<double> QueueLoadReport::rss_bytes_per_join() const {
    if (!rss_before_bytes || !rss_after_bytes || joins.succeeded == 0) return std::nullopt;
    return (static_cast<double>(*rss_after_bytes) - static_cast<double>(*rss_before_bytes)) /
           static_cast<double>(joins.succeeded);
}

bool QueueLoadReport::passed() const {
    return joins.errors == 0 && polls.errors == 0 && joins.succeeded > 0 && polls.succeeded > 0;
}

boost::json::object QueueLoadReport::ToJson(const BenchConfig& config) const {
    boost::json::object json{{"system", config.system},
                             {"scenario", "queue-load"},
                             {"mode", "closed"},
                             {"connections", config.connections},
                             {"users", config.users},
                             {"joins_per_s", joins.succeeded_per_s()},
                             {"polls_per_s", polls.succeeded_per_s()},
                             {"errors", joins.errors + polls.errors},
                             {"challenges", challenges.ToJson()},
                             {"joins", joins.ToJson()},
                             {"polls", polls.ToJson()},
                             {"passed", passed()}};
    if (const auto per_join = rss_bytes_per_join()) json["tixd_rss_bytes_per_join"] = *per_join;
    return json;
}

std::optional<std::uint64_t> ResidentBytes(std::string_view proc_status) {
    constexpr std::string_view kKey = "VmRSS:";
    const std::size_t at = proc_status.find(kKey);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t from = at + kKey.size();
    while (from < proc_status.size() && (proc_status[from] == ' ' || proc_status[from] == '\t')) {
        ++from;
    }
    std::uint64_t kib = 0;
    const char* end = proc_status.data() + proc_status.size();
    const auto [next, error] = std::from_chars(proc_status.data() + from, end, kib);
    if (error != std::errc() || std::string_view(next, end - next).substr(0, 3) != " kB") {
        return std::nullopt;
    }
    return kib * 1024;
}

std::optional<std::uint64_t> ReadResidentBytes(std::uint32_t pid) {
    if (pid == 0) return std::nullopt;
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::stringstream text;
    text << in.rdbuf();
    return ResidentBytes(text.str());
}

Result<QueueLoadReport> RunQueueLoad(const BenchConfig& config,
                                     boost::asio::ip::tcp::endpoint server, std::ostream& out) {
    SetupClient setup(server);
    auto work = Prepare(config, setup, out);
    if (!work.ok()) return work.status();
    boost::asio::io_context io{1};
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<QueueLoadClient>> clients;
    for (std::uint32_t i = 0; i < config.connections; ++i) {
        clients.push_back(std::make_unique<QueueLoadClient>(io, server, timeout, *work));
    }
    if (ConnectAll(io, clients) == config.connections) {
        return Status::IoError("no connection to tixd opened");
    }
    const auto phase = [&](QueueLoadClient::Phase which, const char* name, Clock::duration length) {
        const Clock::time_point deadline = Clock::now() + length;
        return RunClosedLoopPhase(io, clients, name,
                                  [&](QueueLoadClient& client) { client.Run(which, deadline); });
    };
    const auto window = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(config.duration_s));
    QueueLoadReport report;
    report.challenges =
        phase(QueueLoadClient::Phase::kChallenges, "challenges", kChallengePhaseMax);
    report.challenges.Print(out);
    work->next_user = 0;
    report.rss_before_bytes = ReadResidentBytes(config.tixd_pid);
    report.joins = phase(QueueLoadClient::Phase::kJoins, "joins", window);
    report.rss_after_bytes = ReadResidentBytes(config.tixd_pid);
    report.joins.Print(out);
    report.polls = phase(QueueLoadClient::Phase::kPolls, "polls", window);
    report.polls.Print(out);
    if (const auto per_join = report.rss_bytes_per_join()) {
        out << "  tixd resident memory per join: " << static_cast<std::int64_t>(*per_join)
            << " bytes over " << report.joins.succeeded << " joins\n";
    }
    return report;
}

}  // namespace tix::bench
