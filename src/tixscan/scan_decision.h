// The offline decision at a gate: from the event's bundle and this scanner's log, what one
// scanned QR text gets. The checks, in order (docs/tickets.md, "tixscan"):
//
//   1. the text decodes as a payload                     else invalid
//   2. its event is the bundle's                         else wrong_event
//   3. the event's key signed it                         else invalid
//   4. not revoked, and not older than its re-issue      else revoked
//   5. its rotating code is current (rotating events)    else code_expired
//   6. the bundle has no check-in of that ticket          else duplicate (with tixd's first scan)
//   7. the log has no admission of that ticket yet       else duplicate (with the first scan)
//   8. admitted
//
// The bundle comes before the log: it holds tixd's word, the ticket's earliest scan at any gate
// (online, or uploaded by this gate or another), so a ticket let in elsewhere is refused here
// once fetched. The log catches what this scanner let in since its last fetch.
// The event is checked before the signature so that a ticket for another event says so instead
// of "invalid" (its signature is another event's key's to check). A static payload at an event
// whose codes rotate is refused as code_expired: a screenshot is what rotation is there to stop,
// and the holder's app shows a live code. A rotating payload at an event that no longer rotates
// passes on its signature alone.
//
// Pure functions of their arguments; any thread.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/time.h"
#include "engine/ticket.h"
#include "tickets/ticket_payload.h"
#include "tixscan/checkin_bundle.h"
#include "tixscan/scan_log.h"
#include "tixscan/scan_result.h"

namespace tix::tixscan {

// The first admitted scan of each ticket in a log (duplicates and refusals do not count).
using AdmittedScans = std::map<engine::TicketId, FirstScan>;
AdmittedScans IndexAdmitted(std::span<const ScanRecord> records);

struct ScanDecision {
    ScanResult result = ScanResult::kInvalid;
    // What the payload claims, when it decoded; the event's word only when signature_verified.
    std::optional<tickets::TicketClaims> claims;
    // The event's key signed the claims: such a scan is logged, whatever its result.
    bool signature_verified = false;
    std::optional<FirstScan> first_scan;  // duplicate: the scan that admitted the ticket
};

ScanDecision DecideScan(const CheckinBundle& bundle, const AdmittedScans& admitted,
                        std::string_view payload, TimePoint scanned_at);

// The line `tixscan verify` prints (without '\n'):
//   {"result":"admitted","ticket_id":"…","zone_index":2,"seat":117}
//   {"result":"duplicate","ticket_id":"…","zone_index":2,"seat":117,
//    "first_scan":{"scanned_at":"…","gate":"north-3"}}
// ticket_id whenever the payload decoded, the seat only when its signature held, and for
// wrong_event the event the ticket claims to be for.
std::string AnswerJson(const ScanDecision& decision);

}  // namespace tix::tixscan
