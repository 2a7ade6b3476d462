// The scan log: every scan `tixscan verify` decided with a correctly signed payload, one JSON
// line each,
//   {"payload":"AQAA…","ticket_id":"3031…","scanned_at":"2026-12-05T19:02:11.250Z",
//    "gate":"north-3","result":"admitted"}
// appended and fsync'd before the answer is printed: a power cut cannot lose an admission a gate
// acted on. `verify` finds duplicates in it; `upload` sends its admissions to tixd.
//
// A complete line that does not parse makes the whole log refused (Corruption, with its line
// number): guessing past it could forget an admission and admit its ticket again. An unterminated
// last line is different: it is what a power cut leaves of an append, whose scan was never
// answered, so ScanLog::Open cuts it off (and says so) rather than stop a gate.
//
// Threads: a ScanLog belongs to one thread. Processes sharing a log file are serialized by an
// exclusive flock held from Open to destruction, so two verifies cannot both admit one ticket.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "engine/ticket.h"
#include "tixscan/scan_result.h"

namespace tix::tixscan {

// A gate scans a few tens of thousands of tickets a night: ~250 bytes each.
inline constexpr std::size_t kScanLogBytesMax = 256 * 1024 * 1024;
// tixd's rule for gate names ([A-Za-z0-9_.-]{1,32}, engine::kGateNameLengthMax on main): a gate
// it would refuse must not get into a log that is uploaded later.
inline constexpr std::size_t kGateLengthMax = 32;
// A payload is 127 or 132 characters; an invalid one is never logged.
inline constexpr std::size_t kLoggedPayloadLengthMax = 256;

struct ScanRecord {
    std::string payload;  // the QR text, as scanned
    engine::TicketId ticket_id;
    TimePoint scanned_at;
    std::string gate;
    ScanResult result = ScanResult::kAdmitted;

    bool operator==(const ScanRecord&) const = default;
};

// 1 to kGateLengthMax characters of [A-Za-z0-9_.-].
bool IsValidGate(std::string_view gate);

// RFC 3339 UTC, always with milliseconds: "2026-12-05T19:02:11.000Z".
std::string FormatScanTime(TimePoint t);

// One JSON line, '\n' included.
std::string ScanRecordLine(const ScanRecord& record);
// One line without its '\n'; InvalidArgument saying what is wrong.
Result<ScanRecord> ParseScanRecordLine(std::string_view line);

struct ParsedScanLog {
    std::vector<ScanRecord> records;
    std::size_t complete_bytes = 0;  // up to and including the last '\n'
    bool torn_tail = false;          // bytes after the last '\n' (an interrupted append)
};
// Corruption, naming `path` and the line, when a complete line does not parse.
Result<ParsedScanLog> ParseScanLog(std::string_view content, const std::string& path);

class ScanLog {
  public:
    // Opens the log (creating it, mode 0600, and making its name durable), locks it exclusively
    // (waiting for another process's verify to finish), reads it and cuts a torn tail off.
    static Result<ScanLog> Open(const std::string& path);
    ScanLog(ScanLog&& other) noexcept;
    ScanLog& operator=(ScanLog&&) = delete;
    ~ScanLog();  // closes the file, which releases the lock

    const std::vector<ScanRecord>& records() const { return records_; }
    // True when Open cut off an interrupted append (the caller may warn).
    bool cut_torn_tail() const { return cut_torn_tail_; }

    // Appends the record's line with one write and fsyncs it. After an error the caller must not
    // admit (the line may still reach the disk: a second scan of the ticket then answers
    // duplicate, naming this gate and time, which the gate can recognise as its own failed one).
    Status Append(const ScanRecord& record);

  private:
    ScanLog(int fd, std::string path, std::vector<ScanRecord> records, bool cut_torn_tail);

    int fd_ = -1;
    std::string path_;
    std::vector<ScanRecord> records_;
    bool cut_torn_tail_ = false;
};

// The records of a log, for upload, under a shared lock (so not in the middle of an append);
// an unterminated last line is ignored, not cut. NotFound when there is no log.
Result<std::vector<ScanRecord>> ReadScanLog(const std::string& path);

}  // namespace tix::tixscan
