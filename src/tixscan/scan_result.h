// What tixscan answers for one scan, its spelling in the log and on stdout, and the exit code
// `tixscan verify` ends with, so that a gate's script can branch on it without parsing JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tix::tixscan {

enum class ScanResult : std::uint8_t {
    kAdmitted,
    kDuplicate,    // checked in already: by the bundle (tixd's word) or this scanner's log
    kInvalid,      // not a payload, or not signed by the event's key
    kRevoked,      // refunded, or an older version than the transfer's
    kWrongEvent,   // a ticket of another event
    kCodeExpired,  // the rotating code is not the current one (a screenshot), or missing
};

std::string_view ToString(ScanResult result);  // "admitted", "duplicate", ..., "code_expired"
std::optional<ScanResult> ParseScanResult(std::string_view text);

inline constexpr int kExitUsage = 1;  // bad arguments, unreadable bundle or log, IO errors

// 0 admitted, 2 duplicate, 3 invalid, 4 revoked, 5 wrong_event, 6 code_expired.
int ExitCodeOf(ScanResult result);

}  // namespace tix::tixscan
