// TicketBook: every ticket issued, who holds it, and every scan at the gates. Owned by
// Engine::State (which decides when an order's tickets are issued, revoked or transferred);
// single-threaded. Records its changes like the rest of the engine (TicketChanges).
//
// Scans merge deterministically: a ticket's admission is its earliest scan (by time, then gate
// name), whatever order scans arrive in, online or uploaded later by an offline gate; every other
// distinct scan of it is a double entry. A scan already known (same ticket, gate and time) changes
// nothing, so uploading a log twice is harmless. An online scan is answered kAdmitted only when
// the ticket has no scan at all: the person at the gate is the first one in.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/types.h"
#include "engine/order.h"
#include "engine/ticket.h"

namespace tix::engine {

// A ticket keeps at most this many scans (the admission and double entries); later ones are
// answered but not kept, so one ticket scanned in a loop cannot grow the engine.
inline constexpr std::uint32_t kScansPerTicketMax = 16;
// Gates per event, and a gate name's length: [A-Za-z0-9_.-]{1,32}, checked at the edge.
inline constexpr std::uint32_t kGatesPerEventMax = 1'000;
inline constexpr std::size_t kGateNameLengthMax = 32;

struct Ticket {
    TicketId ticket_id;
    EventId event_id{};
    OrderId order_id{};
    UserId holder{};
    std::uint16_t zone_index = 0;
    std::uint8_t unit = 0;      // its place in the order: 0..quantity-1
    std::uint32_t seat = 0;     // seated: the seat index in the zone; general admission: the unit
    std::uint32_t version = 1;  // +1 on each transfer: older QR codes are refused
    TicketStatus status = TicketStatus::kValid;
    std::uint64_t issue_seq = 0;       // 1, 2, ... across all events: the order of issue
    std::uint64_t bundle_version = 0;  // the event's bundle version of its last revocation,
                                       // re-issue or check-in (valid -> used); 0: never
                                       // changed since issued
    TimePoint issued_at{};
    TimePoint updated_at{};

    bool operator==(const Ticket&) const = default;
};

struct Scan {
    TicketId ticket_id;
    EventId event_id{};
    std::string gate;
    TimePoint scanned_at{};
    bool online = true;  // false: uploaded from an offline gate's log

    bool operator==(const Scan&) const = default;
};

// The tickets' part of a JournalBatch: each ticket after each change (later ones supersede) and
// each scan kept, in order.
struct TicketChanges {
    std::vector<Ticket> tickets;
    std::vector<Scan> scans;

    bool empty() const { return tickets.empty() && scans.empty(); }
    void clear() {
        tickets.clear();
        scans.clear();
    }
};

// Recovery: every ticket in its latest state, ascending issue_seq, and every scan kept.
struct TicketSnapshot {
    std::vector<Ticket> tickets;
    std::vector<Scan> scans;
};

// What a scan did to its ticket.
enum class ScanOutcome : std::uint8_t {
    kAdmitted,         // the ticket's first scan; uploaded: its earliest so far
    kDoubleEntry,      // the ticket had an earlier scan: this one is a double entry
    kAlreadyRecorded,  // this very scan (ticket, gate, time) is known: nothing changed
    kRevoked,          // refunded, or an older version than the ticket's (transferred away)
    kUnknownTicket,    // no such ticket
    kWrongEvent,       // a ticket of another event than the gate's
};

std::string_view ToString(ScanOutcome outcome);  // "admitted", "double_entry", ...

struct ScanRequest {
    TicketId ticket_id;
    std::uint32_t version = 0;  // from the QR payload; 0: take the ticket's own (a typed-in id)
    EventId event_id{};         // the gate's event; 0: any
    std::string_view gate;
    TimePoint scanned_at{};
    bool online = true;
};

struct ScanResult {
    ScanOutcome outcome = ScanOutcome::kUnknownTicket;
    const Ticket* ticket = nullptr;  // set unless kUnknownTicket
    std::optional<Scan> first_scan;  // the ticket's admission, once it has one
};

// A gate's figures.
struct GateCount {
    std::string gate;
    std::uint32_t admitted = 0;
    std::uint32_t double_entries = 0;
};

struct CheckInStats {
    std::uint32_t issued = 0;  // every ticket issued, revoked ones included
    std::uint32_t revoked = 0;
    std::uint32_t admitted = 0;
    std::uint32_t double_entries = 0;          // kept scans that were not a ticket's admission
    std::vector<GateCount> gates;              // by gate name
    std::vector<std::uint32_t> zone_admitted;  // per zone index of the event
};

// A ticket scanned more than once: its admission and the double entries, earliest first.
// Conflicts are listed by admission (time, gate), then ticket id.
struct ScanConflict {
    TicketId ticket_id;
    std::vector<Scan> scans;
};

// The changes an offline gate needs since `since`: each ticket revoked, re-issued or checked in
// (first scanned) after that bundle version, once, in its current state.
struct BundleDelta {
    std::uint64_t bundle_version = 0;
    std::uint32_t issued = 0;
    std::vector<Ticket> changed;  // ascending bundle_version
};

class TicketBook {
  public:
    // Ticket ids are SHA-256(key || order id || unit), truncated: unguessable without the key.
    void SetIdKey(const std::array<std::uint8_t, 32>& key) { id_key_ = key; }

    // One ticket per seat (per unit) of a just-paid order, held by its buyer. Recorded.
    // REQUIRES: the order has no tickets yet.
    void Issue(const Order& order, bool seated, TimePoint now);
    // Every ticket of the order is revoked (its money goes back). Recorded; idempotent.
    void RevokeOrder(OrderId order_id, TimePoint now);
    // The ticket is `to`'s now, with the next version. Recorded.
    // REQUIRES: the ticket exists and is valid.
    const Ticket& Transfer(const TicketId& ticket_id, UserId to, TimePoint now);
    // Recorded: the scan when it is kept, and the ticket when it goes valid -> used, which is a
    // bundle change like a revocation (offline gates learn of the check-in when they fetch).
    ScanResult RecordScan(const ScanRequest& request);

    const Ticket* Find(const TicketId& ticket_id) const;
    // The order's tickets, by unit; empty if it has none.
    std::vector<Ticket> OfOrder(OrderId order_id) const;
    // The tickets `holder` holds (any status), in issue order.
    std::vector<Ticket> HeldBy(UserId holder) const;
    bool HasScans(const TicketId& ticket_id) const;
    std::optional<Scan> FirstScan(const TicketId& ticket_id) const;
    // REQUIRES: zones >= every zone index of the event's tickets.
    CheckInStats Stats(EventId event_id, std::size_t zones) const;
    std::vector<ScanConflict> Conflicts(EventId event_id) const;
    BundleDelta Bundle(EventId event_id, std::uint64_t since) const;

    void DrainChanges(TicketChanges& into);
    bool HasChanges() const { return !changes_.empty(); }

    // Recovery. Not recorded. REQUIRES: the tickets' ids are unique, issue_seq ascending.
    void Restore(const TicketSnapshot& snapshot);

    // Aborts if the indexes disagree with the tickets or an event's figures with its scans.
    void CheckInvariants() const;

  private:
    struct GateScan {
        TimePoint scanned_at{};
        std::uint32_t gate = 0;  // index into the event's gate names
        bool online = true;
    };
    struct EventTickets {
        std::uint64_t bundle_version = 0;
        std::uint32_t issued = 0;
        std::uint32_t revoked = 0;
        std::vector<std::string> gates;
        std::unordered_map<std::string, std::uint32_t> gate_index;
        std::vector<std::uint32_t> gate_admitted;
        std::vector<std::uint32_t> gate_double_entries;
        std::vector<std::uint32_t> zone_admitted;
        std::uint32_t double_entries = 0;
        // (bundle_version, ticket) for each revocation, re-issue and check-in, ascending.
        std::vector<std::pair<std::uint64_t, std::uint32_t>> changes;
        std::vector<std::uint32_t> scanned;  // tickets with scans, in the order first scanned
    };

    std::uint32_t Add(const Ticket& ticket);
    EventTickets& EventOf(EventId event_id) { return events_[event_id]; }
    void MarkChanged(Ticket& ticket, TimePoint now);
    std::uint32_t GateIndex(EventTickets& event, std::string_view gate);
    // Files a new scan of ticket `index` in time order; returns its position in the list.
    std::size_t InsertScan(std::uint32_t index, const GateScan& scan);
    Scan ToScan(const Ticket& ticket, const GateScan& scan) const;
    // Whether a sorts before b: time, then gate name.
    bool Earlier(const EventTickets& event, const GateScan& a, const GateScan& b) const;

    std::array<std::uint8_t, 32> id_key_{};
    std::vector<Ticket> tickets_;  // by issue order
    std::unordered_map<TicketId, std::uint32_t, TicketIdHash> by_id_;
    std::unordered_map<OrderId, std::uint32_t> first_of_order_;  // its units follow in order
    std::unordered_map<UserId, std::vector<std::uint32_t>> by_holder_;
    std::unordered_map<std::uint32_t, std::vector<GateScan>> scans_;  // earliest first
    std::unordered_map<EventId, EventTickets> events_;
    TicketChanges changes_;
};

}  // namespace tix::engine
