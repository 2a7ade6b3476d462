#include "checkin_bench.h"

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "checkin_prep_client.h"
#include "closed_loop_phase.h"
#include "common/rfc3339.h"
#include "gate_client.h"
#include "run_setup.h"

namespace tix::bench {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char* kZone = "GA";
// Stops a stuck phase; every phase normally ends when its work is done.
constexpr std::chrono::minutes kPhaseMax{10};
// The gate staff's password: loopback, this run only; Argon2id-hashed like any other.
constexpr const char* kScannerPassword = "tixbench-gate-staff";
// tixd's hold: long enough for the holds phase of the largest run before its confirms.
constexpr std::uint32_t kHoldSeconds = 1'800;

Result<std::int64_t> CreateCheckInEvent(SetupClient& setup, const std::string& admin,
                                        const CheckInConfig& checkin, std::uint64_t tickets) {
    const TimePoint now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const json::value body = {
        {"name", "tixbench checkin"},
        {"venue", "tixbench"},
        {"starts_at", FormatRfc3339(now + std::chrono::days{1})},
        {"sale_starts_at", FormatRfc3339(now - 60s)},
        {"max_per_user", checkin.tickets_per_user},
        {"hold_seconds", kHoldSeconds},
        {"zones", json::array{ZoneJson(kZone, false, 0, static_cast<std::uint32_t>(tickets))}}};
    auto answer = setup.Call("POST", "/api/v1/events", admin, &body);
    if (!answer.ok()) return answer.status();
    RunPlan plan;
    if (answer->status != 201 || !ReadEvent(answer->body, plan).ok()) {
        return Status::InvalidArgument("create event: " + DescribeAnswer(*answer));
    }
    return plan.event_id;
}

std::string GateName(std::uint32_t gate) { return "gate-" + std::to_string(gate + 1); }

// A scanner account per gate, logged in: their access tokens, by gate.
Result<std::vector<std::string>> ScannerTokens(SetupClient& setup, const BenchConfig& config,
                                               const std::string& admin) {
    std::vector<std::string> tokens;
    for (std::uint32_t gate = 0; gate < config.checkin.gates; ++gate) {
        const std::string email = config.user_prefix + GateName(gate) + "@bench.local";
        const json::value body = {{"email", email},
                                  {"password", kScannerPassword},
                                  {"name", "Gate staff " + GateName(gate)},
                                  {"role", "scanner"}};
        auto made = setup.Call("POST", "/api/v1/admin/users", admin, &body);
        if (!made.ok()) return made.status();
        if (made->status != 201) {
            return Status::InvalidArgument("scanner account: " + DescribeAnswer(*made));
        }
        auto token = AdminToken(setup, email, kScannerPassword);
        if (!token.ok()) return token.status();
        tokens.push_back(std::move(*token));
    }
    return tokens;
}

// Every buyer's order held, paid and its tickets read: the payloads, in the order read.
std::vector<std::string> GatherPayloads(const BenchConfig& config,
                                        boost::asio::ip::tcp::endpoint tixd, CheckInPrepWork& work,
                                        CheckInReport& report, std::ostream& out) {
    boost::asio::io_context io{1};
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<CheckInPrepClient>> clients;
    for (std::uint32_t i = 0; i < config.connections; ++i) {
        clients.push_back(std::make_unique<CheckInPrepClient>(io, tixd, timeout, work));
    }
    ConnectAll(io, clients);
    const auto phase = [&](CheckInPrepClient::Phase which, const char* name) {
        work.next_user = 0;
        const Clock::time_point deadline = Clock::now() + kPhaseMax;
        return RunClosedLoopPhase(io, clients, name,
                                  [&](CheckInPrepClient& client) { client.Run(which, deadline); });
    };
    report.holds = phase(CheckInPrepClient::Phase::kHolds, "holds");
    report.holds.Print(out);
    report.confirms = phase(CheckInPrepClient::Phase::kConfirms, "confirms");
    report.confirms.Print(out);
    report.ticket_reads = phase(CheckInPrepClient::Phase::kTickets, "ticket reads");
    report.ticket_reads.Print(out);
    return std::move(work.payloads);
}

Status WritePayloads(const std::string& path, const std::vector<std::string>& payloads) {
    std::ofstream file(path);
    for (const std::string& payload : payloads) file << payload << '\n';
    file.close();
    return file ? Status::Ok() : Status::IoError("cannot write " + path);
}

// One timed phase at the gates: connection i is a scanner at gate i mod --gates.
void Scan(const BenchConfig& config, boost::asio::ip::tcp::endpoint tixd,
          const std::vector<std::string>& scanner_tokens, ScanWork& work, GateClient::Phase which,
          PhaseStats& stats, ScanCounts& counts) {
    boost::asio::io_context io{1};
    const auto timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.timeout_s * 1000));
    std::vector<std::unique_ptr<GateClient>> clients;
    for (std::uint32_t i = 0; i < config.connections; ++i) {
        const std::uint32_t gate = i % config.checkin.gates;
        clients.push_back(std::make_unique<GateClient>(io, tixd, timeout, GateName(gate),
                                                       scanner_tokens[gate], work));
    }
    ConnectAll(io, clients);
    const Clock::time_point deadline = Clock::now() + kPhaseMax;
    stats = RunClosedLoopPhase(io, clients,
                               which == GateClient::Phase::kAdmissions ? "admissions" : "re-scans",
                               [&](GateClient& client) { client.Run(which, deadline); });
    for (const auto& client : clients) counts.Merge(client->TakeCounts());
}

}  // namespace

Result<CheckInReport> RunCheckInBench(const BenchConfig& config,
                                      boost::asio::ip::tcp::endpoint tixd, std::ostream& out) {
    const CheckInConfig& checkin = config.checkin;
    SetupClient setup(tixd);
    auto admin = AdminToken(setup, config.admin_email, config.admin_password);
    if (!admin.ok()) return admin.status();
    CheckInReport report;
    report.buyers = config.users;
    report.gates = checkin.gates;
    report.tickets_wanted = CheckInTickets(checkin, config.users);
    auto event_id = CreateCheckInEvent(setup, *admin, checkin, report.tickets_wanted);
    if (!event_id.ok()) return event_id.status();
    report.event_id = *event_id;
    auto scanners = ScannerTokens(setup, config, *admin);
    if (!scanners.ok()) return scanners.status();
    out << "event " << *event_id << ": " << config.users << " buyers of "
        << checkin.tickets_per_user << " tickets, " << checkin.gates << " gates; creating users\n";
    auto tokens = CreateUsers(setup, *admin, config.user_prefix, config.users);
    if (!tokens.ok()) return tokens.status();

    CheckInPrepWork prep{.hold_body = R"({"event_id":)" + std::to_string(*event_id) +
                                      R"(,"zone_id":")" + kZone + R"(","quantity":)" +
                                      std::to_string(checkin.tickets_per_user) + "}"};
    prep.tokens = std::move(*tokens);
    prep.order_ids.assign(config.users, 0);
    prep.paid.assign(config.users, 0);
    prep.payloads.reserve(report.tickets_wanted);
    const std::vector<std::string> payloads = GatherPayloads(config, tixd, prep, report, out);
    if (payloads.empty()) return Status::IoError("no ticket read: see the setup's answers");
    report.tickets = static_cast<std::uint32_t>(payloads.size());
    report.offline = std::min(checkin.offline_tickets, report.tickets);
    if (!checkin.payloads_path.empty()) {
        const auto first = payloads.end() - (report.offline > 0 ? report.offline : report.tickets);
        if (Status status = WritePayloads(checkin.payloads_path, {first, payloads.end()});
            !status.ok()) {
            return status;
        }
    }

    ScanWork admissions{.payloads = &payloads, .count = report.scanned()};
    Scan(config, tixd, *scanners, admissions, GateClient::Phase::kAdmissions, report.admissions,
         report.admission_counts);
    report.rescans = std::min(checkin.rescans, report.scanned());
    if (report.rescans > 0) {
        ScanWork rescans{.payloads = &payloads, .count = report.rescans};
        Scan(config, tixd, *scanners, rescans, GateClient::Phase::kRescans, report.refusals,
             report.refusal_counts);
    }

    const std::string target = "/api/v1/events/" + std::to_string(*event_id) + "/checkin";
    auto answer = setup.Call("GET", target, (*scanners)[0], nullptr);
    std::optional<ServerCheckInFigures> server;
    if (answer.ok() && answer->status == 200) server = ReadServerCheckInFigures(answer->body);
    if (server) {
        report.server = *server;
        AddCheckInChecks(report, *server, report.verification);
    } else {
        report.verification.checks.push_back(
            {"the server's check-in figures", Check::Verdict::kFail,
             answer.ok() ? DescribeAnswer(*answer) : answer.status().ToString()});
    }
    report.Print(out);
    return report;
}

}  // namespace tix::bench
