#include "checkin_report.h"

#include <cstdio>
#include <string>

#include "run_stats.h"

namespace tix::bench {
namespace {

// LatencyJson with the p95 the check-in figures quote.
boost::json::object ScanLatencyJson(const LatencyHistogram& latency) {
    boost::json::object json = LatencyJson(latency);
    json["p95_ms"] = latency.Percentile(95) / 1000.0;
    return json;
}

boost::json::object CountsJson(const ScanCounts& counts) {
    return {{"admitted", counts.admitted},
            {"already_checked_in", counts.already_checked_in},
            {"other", counts.other},
            {"sent_again", counts.retried}};
}

void PrintScanLatency(std::ostream& out, const LatencyHistogram& latency) {
    if (latency.count() == 0) return;
    auto ms = [&](double percentile) { return latency.Percentile(percentile) / 1000.0; };
    char line[256];
    std::snprintf(line, sizeof line,
                  "  scan latency ms: p50 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n", ms(50),
                  ms(95), ms(99), ms(99.9), latency.max() / 1000.0);
    out << line;
}

std::int64_t Int(const boost::json::object& object, const char* key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_int64() ? value->get_int64() : -1;
}

}  // namespace

double CheckInReport::scans_per_s() const {
    return PerSecond(admission_counts.admitted, admissions.seconds);
}

double CheckInReport::refusals_per_s() const {
    return PerSecond(refusal_counts.already_checked_in, refusals.seconds);
}

void AddCheckInChecks(const CheckInReport& report, const ServerCheckInFigures& server,
                      Verification& verification) {
    verification.checks.push_back(
        Expect("every ticket issued and its QR payload read",
               report.tickets == report.tickets_wanted &&
                   static_cast<std::uint64_t>(server.issued) == report.tickets_wanted,
               "read " + Of(report.tickets, report.tickets_wanted) + "; the server issued " +
                   std::to_string(server.issued)));
    const ScanCounts& admissions = report.admission_counts;
    verification.checks.push_back(
        Expect("every ticket admitted at its first scan",
               admissions.admitted == report.scanned() && admissions.other == 0 &&
                   report.admissions.errors == 0,
               Of(admissions.admitted, report.scanned()) + " answered admitted; other answers " +
                   std::to_string(admissions.other) + ", errors " +
                   std::to_string(report.admissions.errors) + "; scanned again after a 503 " +
                   std::to_string(admissions.retried)));
    verification.checks.push_back(Expect(
        "the server's admitted == the tickets scanned",
        server.admitted == report.scanned() && server.gates_admitted == report.scanned(),
        "admitted " + std::to_string(server.admitted) + " (over its " +
            std::to_string(server.gates) + " gates " + std::to_string(server.gates_admitted) +
            ") of " + std::to_string(report.scanned())));
    if (report.rescans == 0) return;
    const ScanCounts& refusals = report.refusal_counts;
    verification.checks.push_back(Expect("every re-scan refused already_checked_in",
                                         refusals.already_checked_in == report.rescans &&
                                             refusals.other == 0 && report.refusals.errors == 0,
                                         Of(refusals.already_checked_in, report.rescans) +
                                             "; other answers " + std::to_string(refusals.other) +
                                             ", errors " + std::to_string(report.refusals.errors)));
    verification.checks.push_back(Expect("the server's double entries == the re-scans",
                                         server.double_entry_attempts == report.rescans,
                                         std::to_string(server.double_entry_attempts) + " for " +
                                             std::to_string(report.rescans) + " re-scans"));
}

std::optional<ServerCheckInFigures> ReadServerCheckInFigures(const boost::json::value& body) {
    const auto* object = body.if_object();
    const auto* gates = object != nullptr ? object->if_contains("gates") : nullptr;
    if (gates == nullptr || !gates->is_array()) return std::nullopt;
    ServerCheckInFigures figures{.issued = Int(*object, "issued"),
                                 .revoked = Int(*object, "revoked"),
                                 .admitted = Int(*object, "admitted"),
                                 .double_entry_attempts = Int(*object, "double_entry_attempts")};
    for (const boost::json::value& gate : gates->get_array()) {
        if (!gate.is_object()) return std::nullopt;
        figures.gates_admitted += Int(gate.get_object(), "admitted");
        ++figures.gates;
    }
    return figures;
}

boost::json::object CheckInReport::ToJson(const BenchConfig& config) const {
    boost::json::object json{{"system", config.system},
                             {"scenario", "checkin"},
                             {"mode", "closed"},
                             {"connections", config.connections},
                             {"users", buyers},
                             {"event_id", event_id},
                             {"seconds", admissions.seconds},
                             // The summary's columns: the admission phase's rate and latency.
                             {"requests_per_s", scans_per_s()},
                             {"latency", ScanLatencyJson(admissions.latency)},
                             {"errors", admissions.errors + refusals.errors},
                             {"tickets", tickets},
                             {"offline_tickets", offline},
                             {"gates", gates},
                             {"scans_per_s", scans_per_s()},
                             {"refusals_per_s", refusals_per_s()},
                             {"rescans", rescans},
                             {"admission_answers", CountsJson(admission_counts)},
                             {"refusal_answers", CountsJson(refusal_counts)},
                             {"admissions", admissions.ToJson()},
                             {"refusals", refusals.ToJson()},
                             {"refusal_latency", ScanLatencyJson(refusals.latency)},
                             {"setup_holds", holds.ToJson()},
                             {"setup_confirms", confirms.ToJson()},
                             {"setup_ticket_reads", ticket_reads.ToJson()},
                             {"verification", verification.ToJson()},
                             {"passed", passed()}};
    if (server) {
        json["server"] =
            boost::json::object{{"issued", server->issued},
                                {"revoked", server->revoked},
                                {"admitted", server->admitted},
                                {"double_entry_attempts", server->double_entry_attempts},
                                {"gates", server->gates},
                                {"gates_admitted", server->gates_admitted}};
    }
    return json;
}

void CheckInReport::Print(std::ostream& out) const {
    char line[256];
    out << "setup (not measured)\n";
    std::snprintf(line, sizeof line,
                  "  holds/s %8.1f   confirms/s (each issues its tickets) %8.1f   ticket reads/s "
                  "%8.1f\n",
                  holds.succeeded_per_s(), confirms.succeeded_per_s(),
                  ticket_reads.succeeded_per_s());
    out << line;
    std::snprintf(line, sizeof line,
                  "admissions: every ticket scanned once (%u connections at %u gates, %.2f s, %u "
                  "tickets)\n",
                  admissions.connections, gates, admissions.seconds, scanned());
    out << line;
    if (offline > 0) out << "  " << offline << " more kept for an offline gate\n";
    std::snprintf(line, sizeof line, "  scans/s %8.0f   (each 200 durable)   errors %llu\n",
                  scans_per_s(), static_cast<unsigned long long>(admissions.errors));
    out << line;
    PrintScanLatency(out, admissions.latency);
    PrintOutcomes(out, admissions.outcomes);
    if (rescans > 0) {
        std::snprintf(line, sizeof line,
                      "re-scans: admitted tickets scanned again (%u connections, %.2f s, %u "
                      "scans)\n",
                      refusals.connections, refusals.seconds, rescans);
        out << line;
        std::snprintf(line, sizeof line,
                      "  refusals/s %8.0f   (409 already_checked_in)   errors "
                      "%llu\n",
                      refusals_per_s(), static_cast<unsigned long long>(refusals.errors));
        out << line;
        PrintScanLatency(out, refusals.latency);
        PrintOutcomes(out, refusals.outcomes);
    }
    if (server) {
        std::snprintf(
            line, sizeof line,
            "  server: issued %lld, admitted %lld, double entry attempts %lld, %u gates\n",
            static_cast<long long>(server->issued), static_cast<long long>(server->admitted),
            static_cast<long long>(server->double_entry_attempts), server->gates);
        out << line;
    }
    const std::string limited = "429 rate_limited";
    if (admissions.outcomes.contains(limited) || refusals.outcomes.contains(limited)) {
        out << "  (the checkin class allows 30,000/min per account by default: run tixd with "
               "--rate-limit-checkin-per-account off)\n";
    }
    verification.Print(out);
}

}  // namespace tix::bench
