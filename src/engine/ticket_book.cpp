#include "engine/ticket_book.h"

#include <algorithm>
#include <array>
#include <span>

#include "engine/sha256.h"
#include "engine/tix_assert.h"

namespace tix::engine {
namespace {

void PutBigEndian(std::uint64_t value, std::span<std::uint8_t, 8> out) {
    for (int i = 7; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(value);
        value >>= 8;
    }
}

TicketId DeriveTicketId(const std::array<std::uint8_t, 32>& key, OrderId order_id,
                        std::uint8_t unit) {
    std::array<std::uint8_t, 9> message{};
    PutBigEndian(order_id.value(), std::span<std::uint8_t, 8>(message.data(), 8));
    message[8] = unit;
    const Sha256Digest digest = Sha256(key, message);
    TicketId id;
    std::copy_n(digest.begin(), id.bytes.size(), id.bytes.begin());
    return id;
}

}  // namespace

std::string_view ToString(ScanOutcome outcome) {
    switch (outcome) {
        case ScanOutcome::kAdmitted:
            return "admitted";
        case ScanOutcome::kDoubleEntry:
            return "double_entry";
        case ScanOutcome::kAlreadyRecorded:
            return "already_recorded";
        case ScanOutcome::kRevoked:
            return "revoked";
        case ScanOutcome::kUnknownTicket:
            return "unknown_ticket";
        case ScanOutcome::kWrongEvent:
            return "wrong_event";
    }
    return "unknown_ticket";
}

// ---- Issue, revoke, transfer ----

std::uint32_t TicketBook::Add(const Ticket& ticket) {
    const auto index = static_cast<std::uint32_t>(tickets_.size());
    const bool added = by_id_.emplace(ticket.ticket_id, index).second;
    TIX_ASSERT(added, "two tickets with one id");
    tickets_.push_back(ticket);
    by_holder_[ticket.holder].push_back(index);
    if (ticket.unit == 0) first_of_order_.emplace(ticket.order_id, index);
    EventTickets& event = EventOf(ticket.event_id);
    ++event.issued;
    if (ticket.status == TicketStatus::kRevoked) ++event.revoked;
    if (ticket.bundle_version != 0) {
        event.changes.emplace_back(ticket.bundle_version, index);
        event.bundle_version = std::max(event.bundle_version, ticket.bundle_version);
    }
    return index;
}

void TicketBook::Issue(const Order& order, bool seated, TimePoint now) {
    TIX_ASSERT(!first_of_order_.contains(order.order_id), "an order's tickets issued twice");
    for (std::uint8_t unit = 0; unit < order.quantity; ++unit) {
        Ticket ticket;
        ticket.ticket_id = DeriveTicketId(id_key_, order.order_id, unit);
        ticket.event_id = order.event_id;
        ticket.order_id = order.order_id;
        ticket.holder = order.user_id;
        ticket.zone_index = order.zone_index;
        ticket.unit = unit;
        ticket.seat = seated ? order.seats[unit] : unit;
        ticket.issue_seq = tickets_.size() + 1;
        ticket.issued_at = now;
        ticket.updated_at = now;
        changes_.tickets.push_back(tickets_[Add(ticket)]);
    }
}

void TicketBook::MarkChanged(Ticket& ticket, TimePoint now) {
    EventTickets& event = EventOf(ticket.event_id);
    ticket.bundle_version = ++event.bundle_version;
    ticket.updated_at = now;
    event.changes.emplace_back(ticket.bundle_version, by_id_.at(ticket.ticket_id));
    changes_.tickets.push_back(ticket);
}

void TicketBook::RevokeOrder(OrderId order_id, TimePoint now) {
    const auto first = first_of_order_.find(order_id);
    if (first == first_of_order_.end()) return;
    for (std::uint32_t i = first->second; i < tickets_.size() && tickets_[i].order_id == order_id;
         ++i) {
        Ticket& ticket = tickets_[i];
        if (ticket.status == TicketStatus::kRevoked) continue;
        ticket.status = TicketStatus::kRevoked;
        ++EventOf(ticket.event_id).revoked;
        MarkChanged(ticket, now);
    }
}

const Ticket& TicketBook::Transfer(const TicketId& ticket_id, UserId to, TimePoint now) {
    const std::uint32_t index = by_id_.at(ticket_id);
    Ticket& ticket = tickets_[index];
    TIX_ASSERT(ticket.status == TicketStatus::kValid, "transfer of a ticket that is not valid");
    std::vector<std::uint32_t>& from = by_holder_[ticket.holder];
    from.erase(std::find(from.begin(), from.end(), index));
    std::vector<std::uint32_t>& into = by_holder_[to];
    into.insert(std::upper_bound(into.begin(), into.end(), index), index);
    ticket.holder = to;
    ++ticket.version;
    MarkChanged(ticket, now);
    return ticket;
}

// ---- Scans ----

std::uint32_t TicketBook::GateIndex(EventTickets& event, std::string_view gate) {
    const auto [it, added] =
        event.gate_index.emplace(std::string(gate), static_cast<std::uint32_t>(event.gates.size()));
    if (added) {
        event.gates.emplace_back(gate);
        event.gate_admitted.push_back(0);
        event.gate_double_entries.push_back(0);
    }
    return it->second;
}

bool TicketBook::Earlier(const EventTickets& event, const GateScan& a, const GateScan& b) const {
    if (a.scanned_at != b.scanned_at) return a.scanned_at < b.scanned_at;
    return event.gates[a.gate] < event.gates[b.gate];
}

std::size_t TicketBook::InsertScan(std::uint32_t index, const GateScan& scan) {
    const EventTickets& event = events_.at(tickets_[index].event_id);
    std::vector<GateScan>& list = scans_[index];
    const auto at = std::upper_bound(
        list.begin(), list.end(), scan,
        [&](const GateScan& a, const GateScan& b) { return Earlier(event, a, b); });
    const auto position = static_cast<std::size_t>(at - list.begin());
    list.insert(at, scan);
    return position;
}

Scan TicketBook::ToScan(const Ticket& ticket, const GateScan& scan) const {
    const EventTickets& event = events_.at(ticket.event_id);
    return Scan{ticket.ticket_id, ticket.event_id, event.gates[scan.gate], scan.scanned_at,
                scan.online};
}

ScanResult TicketBook::RecordScan(const ScanRequest& request) {
    const auto found = by_id_.find(request.ticket_id);
    if (found == by_id_.end()) return {ScanOutcome::kUnknownTicket};
    const std::uint32_t index = found->second;
    Ticket& ticket = tickets_[index];
    ScanResult result{ScanOutcome::kAdmitted, &ticket, FirstScan(ticket.ticket_id)};
    if (request.event_id && request.event_id != ticket.event_id) {
        result.outcome = ScanOutcome::kWrongEvent;
        return result;
    }
    if (ticket.status == TicketStatus::kRevoked ||
        (request.version != 0 && request.version != ticket.version)) {
        result.outcome = ScanOutcome::kRevoked;
        return result;
    }
    EventTickets& event = EventOf(ticket.event_id);
    const auto existing = event.gate_index.find(std::string(request.gate));
    std::vector<GateScan>* list = scans_.contains(index) ? &scans_[index] : nullptr;
    if (list != nullptr && existing != event.gate_index.end()) {
        for (const GateScan& known : *list) {
            if (known.scanned_at == request.scanned_at && known.gate == existing->second) {
                result.outcome = ScanOutcome::kAlreadyRecorded;
                return result;
            }
        }
    }
    if (list != nullptr && list->size() >= kScansPerTicketMax) {
        result.outcome = ScanOutcome::kDoubleEntry;  // answered, not kept
        return result;
    }
    if (list == nullptr) event.scanned.push_back(index);
    const GateScan scan{request.scanned_at, GateIndex(event, request.gate), request.online};
    const std::optional<GateScan> previous_first =
        list == nullptr ? std::nullopt : std::optional(scans_[index].front());
    const std::optional<std::uint32_t> admitted_at_gate =
        previous_first ? std::optional(previous_first->gate) : std::nullopt;
    const std::size_t position = InsertScan(index, scan);
    if (position == 0) {
        // The earliest scan so far admits: the one it displaces becomes a double entry.
        ++event.gate_admitted[scan.gate];
        if (admitted_at_gate) {
            --event.gate_admitted[*admitted_at_gate];
            ++event.gate_double_entries[*admitted_at_gate];
            ++event.double_entries;
        } else {
            if (event.zone_admitted.size() <= ticket.zone_index) {
                event.zone_admitted.resize(ticket.zone_index + 1u, 0);
            }
            ++event.zone_admitted[ticket.zone_index];
        }
    } else {
        ++event.gate_double_entries[scan.gate];
        ++event.double_entries;
        result.outcome = ScanOutcome::kDoubleEntry;
    }
    // Someone got in on this ticket before this person: whatever the merge makes of the times
    // (an equal time at a gate named earlier sorts first), the gate must not let a second one in.
    // It is told of the scan that let someone in before it, not of itself.
    result.first_scan = ToScan(ticket, scans_[index].front());
    if (request.online && previous_first) {
        result.outcome = ScanOutcome::kDoubleEntry;
        result.first_scan = ToScan(ticket, *previous_first);
    }
    if (ticket.status == TicketStatus::kValid) {
        // A bundle change too (recorded: the tickets table shows it used): an offline gate that
        // fetches learns of a check-in made online or uploaded by another gate.
        ticket.status = TicketStatus::kUsed;
        MarkChanged(ticket, request.scanned_at);
    }
    changes_.scans.push_back(ToScan(ticket, scan));
    return result;
}

// ---- Reads ----

const Ticket* TicketBook::Find(const TicketId& ticket_id) const {
    const auto found = by_id_.find(ticket_id);
    return found == by_id_.end() ? nullptr : &tickets_[found->second];
}

std::vector<Ticket> TicketBook::OfOrder(OrderId order_id) const {
    std::vector<Ticket> tickets;
    const auto first = first_of_order_.find(order_id);
    if (first == first_of_order_.end()) return tickets;
    for (std::uint32_t i = first->second; i < tickets_.size() && tickets_[i].order_id == order_id;
         ++i) {
        tickets.push_back(tickets_[i]);
    }
    return tickets;
}

std::vector<Ticket> TicketBook::HeldBy(UserId holder) const {
    std::vector<Ticket> tickets;
    const auto held = by_holder_.find(holder);
    if (held == by_holder_.end()) return tickets;
    tickets.reserve(held->second.size());
    for (const std::uint32_t index : held->second) tickets.push_back(tickets_[index]);
    return tickets;
}

bool TicketBook::HasScans(const TicketId& ticket_id) const {
    const auto found = by_id_.find(ticket_id);
    return found != by_id_.end() && scans_.contains(found->second);
}

std::optional<Scan> TicketBook::FirstScan(const TicketId& ticket_id) const {
    const auto found = by_id_.find(ticket_id);
    if (found == by_id_.end()) return std::nullopt;
    const auto scans = scans_.find(found->second);
    if (scans == scans_.end()) return std::nullopt;
    return ToScan(tickets_[found->second], scans->second.front());
}

CheckInStats TicketBook::Stats(EventId event_id, std::size_t zones) const {
    CheckInStats stats;
    stats.zone_admitted.assign(zones, 0);
    const auto found = events_.find(event_id);
    if (found == events_.end()) return stats;
    const EventTickets& event = found->second;
    stats.issued = event.issued;
    stats.revoked = event.revoked;
    stats.double_entries = event.double_entries;
    stats.admitted = static_cast<std::uint32_t>(event.scanned.size());
    for (std::size_t g = 0; g < event.gates.size(); ++g) {
        stats.gates.push_back(
            {event.gates[g], event.gate_admitted[g], event.gate_double_entries[g]});
    }
    for (std::size_t zone = 0; zone < event.zone_admitted.size() && zone < zones; ++zone) {
        stats.zone_admitted[zone] = event.zone_admitted[zone];
    }
    // By name: the same scans give the same figures, whatever order gates reported in.
    std::sort(stats.gates.begin(), stats.gates.end(),
              [](const GateCount& a, const GateCount& b) { return a.gate < b.gate; });
    return stats;
}

std::vector<ScanConflict> TicketBook::Conflicts(EventId event_id) const {
    std::vector<ScanConflict> conflicts;
    const auto found = events_.find(event_id);
    if (found == events_.end()) return conflicts;
    for (const std::uint32_t index : found->second.scanned) {
        const std::vector<GateScan>& list = scans_.at(index);
        if (list.size() < 2) continue;
        ScanConflict conflict{tickets_[index].ticket_id, {}};
        for (const GateScan& scan : list) conflict.scans.push_back(ToScan(tickets_[index], scan));
        conflicts.push_back(std::move(conflict));
    }
    // By admission (time, gate), then ticket id: independent of the order scans arrived in.
    std::sort(conflicts.begin(), conflicts.end(), [](const ScanConflict& a, const ScanConflict& b) {
        const Scan& x = a.scans.front();
        const Scan& y = b.scans.front();
        if (x.scanned_at != y.scanned_at) return x.scanned_at < y.scanned_at;
        if (x.gate != y.gate) return x.gate < y.gate;
        return a.ticket_id < b.ticket_id;
    });
    return conflicts;
}

BundleDelta TicketBook::Bundle(EventId event_id, std::uint64_t since) const {
    BundleDelta delta;
    const auto found = events_.find(event_id);
    if (found == events_.end()) return delta;
    const EventTickets& event = found->second;
    delta.bundle_version = event.bundle_version;
    delta.issued = event.issued;
    auto change = std::upper_bound(event.changes.begin(), event.changes.end(),
                                   std::pair<std::uint64_t, std::uint32_t>(since, UINT32_MAX));
    for (; change != event.changes.end(); ++change) {
        const Ticket& ticket = tickets_[change->second];
        // A ticket changed twice is sent once, in its latest state.
        if (ticket.bundle_version == change->first) delta.changed.push_back(ticket);
    }
    return delta;
}

void TicketBook::DrainChanges(TicketChanges& into) {
    if (into.empty()) {
        std::swap(into, changes_);
        return;
    }
    into.tickets.insert(into.tickets.end(), changes_.tickets.begin(), changes_.tickets.end());
    into.scans.insert(into.scans.end(), changes_.scans.begin(), changes_.scans.end());
    changes_.clear();
}

// ---- Recovery ----

void TicketBook::Restore(const TicketSnapshot& snapshot) {
    for (const Ticket& ticket : snapshot.tickets) {
        TIX_ASSERT(tickets_.empty() || ticket.issue_seq > tickets_.back().issue_seq,
                   "restored tickets out of issue order");
        Add(ticket);
    }
    for (auto& [event_id, event] : events_) std::sort(event.changes.begin(), event.changes.end());
    for (const Scan& scan : snapshot.scans) {
        TIX_ASSERT(Find(scan.ticket_id) != nullptr, "a restored scan of no ticket");
        Ticket& ticket = tickets_[by_id_.at(scan.ticket_id)];
        // The journaled ticket is as it was after all its scans: keep it, whatever RecordScan
        // makes of a scan replayed into a ticket already used or since revoked. Replayed as used,
        // not valid, so that the replay makes no bundle change: the ticket's journaled
        // bundle_version is its last, and Add has filed it.
        const Ticket journaled = ticket;
        ticket.status = TicketStatus::kUsed;
        RecordScan({scan.ticket_id, 0, {}, scan.gate, scan.scanned_at, scan.online});
        ticket = journaled;
        // A journal from before check-ins were written to the tickets table: used, by its scans.
        if (ticket.status == TicketStatus::kValid) ticket.status = TicketStatus::kUsed;
    }
    changes_.clear();
}

}  // namespace tix::engine

namespace tix::engine {

void TicketBook::CheckInvariants() const {
    std::unordered_map<EventId, EventTickets> recount;
    std::size_t held = 0;
    for (const auto& [event_id, event] : events_) {
        TIX_ASSERT(
            std::is_sorted(event.changes.begin(), event.changes.end()) &&
                (event.changes.empty() || event.changes.back().first == event.bundle_version),
            "an event's changes out of order, or not ending at its bundle version");
    }
    for (std::uint32_t index = 0; index < tickets_.size(); ++index) {
        const Ticket& ticket = tickets_[index];
        TIX_ASSERT(by_id_.at(ticket.ticket_id) == index, "ticket id index disagrees");
        EventTickets& event = recount[ticket.event_id];
        ++event.issued;
        if (ticket.status == TicketStatus::kRevoked) ++event.revoked;
        if (ticket.bundle_version != 0) {
            // Bundle(since) finds a ticket by its latest change: it must be filed under it.
            const EventTickets& actual = events_.at(ticket.event_id);
            TIX_ASSERT(ticket.bundle_version <= actual.bundle_version,
                       "a ticket's bundle version ahead of its event's");
            TIX_ASSERT(std::binary_search(actual.changes.begin(), actual.changes.end(),
                                          std::pair(ticket.bundle_version, index)),
                       "a ticket's latest change not in its event's changes");
        }
        const auto scans = scans_.find(index);
        if (scans == scans_.end()) {
            TIX_ASSERT(ticket.status != TicketStatus::kUsed, "a used ticket without a scan");
            continue;
        }
        TIX_ASSERT(ticket.status != TicketStatus::kValid, "a scanned ticket still valid");
        const std::vector<GateScan>& list = scans->second;
        TIX_ASSERT(!list.empty() && list.size() <= kScansPerTicketMax, "scans out of bounds");
        const EventTickets& actual = events_.at(ticket.event_id);
        for (std::size_t i = 1; i < list.size(); ++i) {
            TIX_ASSERT(!Earlier(actual, list[i], list[i - 1]), "scans out of time order");
        }
        event.gate_admitted.resize(actual.gates.size(), 0);
        event.gate_double_entries.resize(actual.gates.size(), 0);
        ++event.gate_admitted[list.front().gate];
        for (std::size_t i = 1; i < list.size(); ++i) ++event.gate_double_entries[list[i].gate];
        event.double_entries += static_cast<std::uint32_t>(list.size() - 1);
        event.scanned.push_back(index);
    }
    for (const auto& [holder, indexes] : by_holder_) {
        for (const std::uint32_t index : indexes) {
            TIX_ASSERT(tickets_[index].holder == holder, "holder index disagrees");
        }
        TIX_ASSERT(std::is_sorted(indexes.begin(), indexes.end()), "holder index out of order");
        held += indexes.size();
    }
    TIX_ASSERT(held == tickets_.size(), "a ticket without exactly one holder");
    for (const auto& [event_id, expected] : recount) {
        const EventTickets& event = events_.at(event_id);
        TIX_ASSERT(event.issued == expected.issued && event.revoked == expected.revoked,
                   "an event's ticket counts disagree");
        TIX_ASSERT(event.double_entries == expected.double_entries &&
                       event.scanned.size() == expected.scanned.size(),
                   "an event's scan counts disagree");
        for (std::size_t g = 0; g < expected.gate_admitted.size(); ++g) {
            TIX_ASSERT(event.gate_admitted[g] == expected.gate_admitted[g] &&
                           event.gate_double_entries[g] == expected.gate_double_entries[g],
                       "a gate's counts disagree");
        }
    }
}

}  // namespace tix::engine
