#include "tixscan/scan_result.h"

namespace tix::tixscan {

std::string_view ToString(ScanResult result) {
    switch (result) {
        case ScanResult::kAdmitted:
            return "admitted";
        case ScanResult::kDuplicate:
            return "duplicate";
        case ScanResult::kInvalid:
            return "invalid";
        case ScanResult::kRevoked:
            return "revoked";
        case ScanResult::kWrongEvent:
            return "wrong_event";
        case ScanResult::kCodeExpired:
            return "code_expired";
    }
    return "invalid";
}

std::optional<ScanResult> ParseScanResult(std::string_view text) {
    for (const ScanResult result :
         {ScanResult::kAdmitted, ScanResult::kDuplicate, ScanResult::kInvalid, ScanResult::kRevoked,
          ScanResult::kWrongEvent, ScanResult::kCodeExpired}) {
        if (ToString(result) == text) return result;
    }
    return std::nullopt;
}

int ExitCodeOf(ScanResult result) {
    switch (result) {
        case ScanResult::kAdmitted:
            return 0;
        case ScanResult::kDuplicate:
            return 2;
        case ScanResult::kInvalid:
            return 3;
        case ScanResult::kRevoked:
            return 4;
        case ScanResult::kWrongEvent:
            return 5;
        case ScanResult::kCodeExpired:
            return 6;
    }
    return kExitUsage;
}

}  // namespace tix::tixscan
