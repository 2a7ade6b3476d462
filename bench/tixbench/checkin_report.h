// CheckInReport: the figures and checks of `--scenario checkin` (issue 10: online check-in at the
// gates): the admission phase (every ticket scanned once, each 200 durable: scans/s and latency),
// the re-scan phase (tickets scanned again, each refused 409 already_checked_in), the setup's own
// rates for the record, and the checks that the server admitted every ticket exactly once and
// counted every re-scan as a double entry. Pure: RunCheckInBench fills it.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <ostream>

#include "bench_config.h"
#include "gate_client.h"
#include "phase_stats.h"
#include "verification.h"

namespace tix::bench {

// GET /api/v1/events/{id}/checkin, after the phases.
struct ServerCheckInFigures {
    std::int64_t issued = 0;
    std::int64_t revoked = 0;
    std::int64_t admitted = 0;
    std::int64_t double_entry_attempts = 0;
    std::int64_t gates_admitted = 0;  // the sum over its gates
    std::uint32_t gates = 0;          // gates it lists
};

struct CheckInReport {
    // Setup (not the measured figures): holds, confirms (each issues the order's tickets) and
    // the reads of each order's tickets with their QR payloads.
    PhaseStats holds;
    PhaseStats confirms;
    PhaseStats ticket_reads;
    std::int64_t event_id = 0;
    std::uint32_t buyers = 0;
    std::uint64_t tickets_wanted = 0;  // buyers × tickets per buyer
    std::uint32_t tickets = 0;         // payloads gathered
    std::uint32_t offline = 0;         // of those, kept from the gates (the last ones)
    std::uint32_t gates = 0;
    // The admission phase.
    PhaseStats admissions;  // every POST /checkin of a new ticket
    ScanCounts admission_counts;
    // The re-scan phase.
    std::uint32_t rescans = 0;  // tickets scanned again
    PhaseStats refusals;        // every POST /checkin of an admitted ticket
    ScanCounts refusal_counts;
    std::optional<ServerCheckInFigures> server;
    Verification verification;

    std::uint32_t scanned() const { return tickets - offline; }  // each once, online
    double scans_per_s() const;     // admitted answers over the admission phase
    double refusals_per_s() const;  // already_checked_in answers over the re-scan phase
    bool passed() const { return verification.passed(); }

    boost::json::object ToJson(const BenchConfig& config) const;
    void Print(std::ostream& out) const;
};

// The checks, given the server's figures after both phases: every ticket issued and gathered;
// every scan of the admission phase answered admitted, none anything else; every re-scan answered
// already_checked_in; and the server's own count: admitted == the tickets scanned online (over all
// the gates too) and double entries == the re-scans.
void AddCheckInChecks(const CheckInReport& report, const ServerCheckInFigures& server,
                      Verification& verification);

// The figures of a GET /events/{id}/checkin body; nullopt if it is not one.
std::optional<ServerCheckInFigures> ReadServerCheckInFigures(const boost::json::value& body);

}  // namespace tix::bench
