// SimTicketTables: the tickets as the SQLite journal keeps them (store/ticket_tables.h), for the
// durable-path simulator: each ticket's latest snapshot (the upsert by issue_seq) and every scan
// (an insert). SimJournal folds its frames into one, and a Load returns what it holds. Tests only;
// single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/ticket_book.h"

namespace tix::service {

struct SimTicketTables {
    std::map<std::uint64_t, engine::Ticket> tickets;  // by issue_seq
    std::vector<engine::Scan> scans;

    void Fold(const engine::TicketChanges& changes, std::vector<std::string>& problems) {
        for (const engine::Ticket& ticket : changes.tickets) {
            auto [kept, added] = tickets.try_emplace(ticket.issue_seq, ticket);
            if (added) continue;
            // ON CONFLICT(issue_seq) DO UPDATE SET holder, version, status, bundle_version,
            // updated_at: the rest never changes.
            if (kept->second.ticket_id != ticket.ticket_id) {
                problems.push_back("two tickets journaled as issue " +
                                   std::to_string(ticket.issue_seq));
            }
            kept->second = ticket;
        }
        scans.insert(scans.end(), changes.scans.begin(), changes.scans.end());
    }

    engine::TicketSnapshot Snapshot() const {
        engine::TicketSnapshot snapshot;
        for (const auto& [seq, ticket] : tickets) snapshot.tickets.push_back(ticket);
        snapshot.scans = scans;
        return snapshot;
    }
};

inline std::size_t TicketRecordCount(const engine::TicketChanges& changes) {
    return changes.tickets.size() + changes.scans.size();
}

}  // namespace tix::service
