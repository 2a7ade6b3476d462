// What `tixscan upload` sends: the log's admissions and duplicates (a duplicate is a double
// entry attempt tixd counts too, whether the log or the bundle's check-ins made it one: it is
// never logged as an admission), grouped by gate in log order, as bodies of
// POST /api/v1/events/{id}/checkin/upload:
//   {"gate":"north-3","scans":[{"payload":"AQAA…","scanned_at":"2026-12-05T19:02:11.250Z"},…]}
// and the sum of tixd's answers. Refusals (revoked, code_expired) stay local: tixd would only
// refuse them again. Pure functions; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/limits.h"
#include "common/status.h"
#include "tixscan/scan_log.h"

namespace tix::tixscan {

// tixd takes at most this many scans per request...
inline constexpr std::size_t kUploadScansMax = 1000;
// ...in a body no larger than its limit: ~185 bytes a scan, so ~350 scans fill a 64 KiB body.
inline constexpr std::size_t kUploadBodyBytesMax = limits::kBodyBytesMax;
static_assert(kUploadBodyBytesMax > 4 * kLoggedPayloadLengthMax + kGateLengthMax,
              "a body holds at least one scan of the largest size");

struct UploadBatch {
    std::string gate;
    std::string body;
    std::size_t scans = 0;
};

std::vector<UploadBatch> BuildUploadBatches(std::span<const ScanRecord> records);

// tixd's answer to one upload, the per-scan results left out.
struct UploadCounts {
    std::uint64_t received = 0;
    std::uint64_t admitted = 0;
    std::uint64_t double_entries = 0;
    std::uint64_t already_recorded = 0;
    std::uint64_t invalid = 0;
    std::uint64_t revoked = 0;
    std::uint64_t wrong_event = 0;

    UploadCounts& operator+=(const UploadCounts& other);
    bool operator==(const UploadCounts&) const = default;
};

// InvalidArgument when the body is not an object with those counts as non-negative integers
// (wrong_event may be absent).
Result<UploadCounts> ParseUploadAnswer(std::string_view body);

// The line `tixscan upload` prints: the counts and how many requests were sent and failed.
std::string UploadSummaryJson(const UploadCounts& counts, std::size_t requests, std::size_t failed);

}  // namespace tix::tixscan
