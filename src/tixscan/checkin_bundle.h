// CheckinBundle: what an offline scanner knows of one event (docs/tickets.md, "tixscan"): its
// public key (and rotation key when its QR codes rotate), the tickets revoked since they were
// issued, the current version of each ticket re-issued by a transfer, and the tickets checked in
// (online, or uploaded by another gate) with their first scan. tixd serves it at
// GET /api/v1/events/{id}/checkin/bundle[?since=V]; tixscan keeps it in a file, in the same JSON
// (with "since": 0, as it holds everything up to bundle_version).
//
// Plain values and pure functions; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"
#include "engine/ticket.h"
#include "tickets/ticket_keys.h"

namespace tix::tixscan {

// A bundle of a 100,000-seat event with every ticket re-issued (~60 bytes each) and checked in
// (~110 bytes each) takes ~17 MB.
inline constexpr std::size_t kBundleBytesMax = 64 * 1024 * 1024;

// A ticket's admission: when and at which gate it was first scanned.
struct FirstScan {
    TimePoint scanned_at;
    std::string gate;

    bool operator==(const FirstScan&) const = default;
};
// The rule tixd merges scans by: the earlier time, then the gate name.
bool Earlier(const FirstScan& a, const FirstScan& b);

struct CheckinBundle {
    EventId event_id;
    std::uint64_t bundle_version = 0;  // grows with every change of the lists
    tickets::EventPublicKey public_key;
    bool rotating_qr = false;
    std::optional<tickets::RotationKey> rotation_key;  // present iff rotating_qr
    std::uint64_t issued_count = 0;
    // 0: the lists hold everything; V: only the changes after bundle version V (a delta).
    std::uint64_t since = 0;
    std::set<engine::TicketId> revoked;                  // refused at any version
    std::map<engine::TicketId, std::uint32_t> reissued;  // the current version of each
    // Used tickets (never revoked ones: a revocation wins) and their admission.
    std::map<engine::TicketId, FirstScan> checked_in;
};

// Parses the server's answer or a bundle file. InvalidArgument, naming the field, for anything
// not as documented: a key that is not 32 bytes of base64url, a rotation key missing (or present)
// when rotating_qr says otherwise, a step other than tickets::kCodeStep (this scanner could not
// check its codes), a ticket id that is not 32 hex digits, a version of 0, a check-in without
// an RFC 3339 time or a valid gate name. "checked_in" may be absent (a file written, or a bundle
// served, before tixd sent check-ins): none. A ticket both revoked and checked in is revoked
// only; a ticket checked in twice keeps the earlier scan. Unknown fields are ignored, so that a
// newer tixd can add some.
Result<CheckinBundle> ParseBundle(std::string_view json);

// The file form: one JSON object, the lists in ticket id order (the same bundle, the same bytes).
std::string BundleJson(const CheckinBundle& bundle);

// Applies what a fetch with ?since=bundle.bundle_version answered: the union of the revoked
// tickets, the highest version of each re-issued one, the union of the checked-in ones (the
// earlier first scan when both know one; a ticket revoked, before or after, is revoked only: tixd
// never un-revokes a ticket), and the event's current settings
// (rotating_qr, its key, issued_count, bundle_version). A full bundle (since 0) replaces the
// file's. Refused (InvalidArgument, bundle unchanged): another event, another public key (the
// master key was replaced: fetch afresh), a delta that starts after the file's version (changes
// would be missing) or a bundle older than the file's.
Status MergeDelta(CheckinBundle& bundle, CheckinBundle delta);

}  // namespace tix::tixscan
