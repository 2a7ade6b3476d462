// Tickets in test expectations: one-line descriptions of tickets, scans, check-in figures,
// conflicts and bundles, so that two books compare as strings and a failure shows what differs.
// Tests only.
#pragma once

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/ticket_book.h"

namespace tix::engine {

inline std::string Describe(const Scan& scan) {
    return ToHex(scan.ticket_id).substr(0, 8) + "@" + scan.gate + "/" +
           std::to_string(ToUnixMillis(scan.scanned_at)) + (scan.online ? "" : "/offline");
}

inline std::string Describe(const std::optional<Scan>& scan) {
    return scan ? Describe(*scan) : "none";
}

inline std::string Describe(const Ticket& t) {
    return ToHex(t.ticket_id).substr(0, 8) + " event " + std::to_string(t.event_id.value()) +
           " order " + std::to_string(t.order_id.value()) + " holder " +
           std::to_string(t.holder.value()) + " zone " + std::to_string(t.zone_index) + " unit " +
           std::to_string(t.unit) + " seat " + std::to_string(t.seat) + " v" +
           std::to_string(t.version) + " " + std::string(ToString(t.status)) + " seq " +
           std::to_string(t.issue_seq) + " bundle " + std::to_string(t.bundle_version) +
           " issued " + std::to_string(ToUnixMillis(t.issued_at)) + " updated " +
           std::to_string(ToUnixMillis(t.updated_at));
}

inline std::string Describe(const std::vector<Ticket>& tickets) {
    std::string text;
    for (const Ticket& t : tickets) text += Describe(t) + "\n";
    return text;
}

// The gates in the order the book lists them (first seen), or by name: which gate a book met
// first depends on the order scans arrived in, the figures must not.
inline std::string Describe(const CheckInStats& stats, bool gates_by_name = false) {
    std::vector<GateCount> gates = stats.gates;
    if (gates_by_name) {
        std::sort(gates.begin(), gates.end(),
                  [](const GateCount& a, const GateCount& b) { return a.gate < b.gate; });
    }
    std::string text = "issued " + std::to_string(stats.issued) + " revoked " +
                       std::to_string(stats.revoked) + " admitted " +
                       std::to_string(stats.admitted) + " double " +
                       std::to_string(stats.double_entries) + " gates [";
    for (const GateCount& gate : gates) {
        text += " " + gate.gate + ":" + std::to_string(gate.admitted) + "/" +
                std::to_string(gate.double_entries);
    }
    text += " ] zones [";
    for (const std::uint32_t admitted : stats.zone_admitted) text += " " + std::to_string(admitted);
    return text + " ]";
}

// In the book's order (the order tickets were first scanned), or by ticket id.
inline std::string Describe(std::vector<ScanConflict> conflicts, bool by_ticket = false) {
    if (by_ticket) {
        std::sort(
            conflicts.begin(), conflicts.end(),
            [](const ScanConflict& a, const ScanConflict& b) { return a.ticket_id < b.ticket_id; });
    }
    std::string text;
    for (const ScanConflict& conflict : conflicts) {
        text += ToHex(conflict.ticket_id).substr(0, 8) + ":";
        for (const Scan& scan : conflict.scans) text += " " + Describe(scan);
        text += "\n";
    }
    return text;
}

inline std::string Describe(const BundleDelta& delta) {
    return "bundle " + std::to_string(delta.bundle_version) + " issued " +
           std::to_string(delta.issued) + "\n" + Describe(delta.changed);
}

inline void PrintTo(const Ticket& ticket, std::ostream* os) { *os << Describe(ticket); }
inline void PrintTo(const Scan& scan, std::ostream* os) { *os << Describe(scan); }

}  // namespace tix::engine
