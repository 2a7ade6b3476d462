// tixscan's three commands (docs/tickets.md, "tixscan: offline gates"), as functions of their
// options that write their one-line JSON answer to `out`, their complaints to `err`, and return
// the process's exit code. main.cpp parses the flags and reads the clock; tests call these.
//
// Single-threaded; blocking (files, and HTTP for fetch and upload).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "common/time.h"
#include "common/types.h"

namespace tix::tixscan {

inline constexpr std::string_view kDefaultGate = "offline";
inline constexpr std::chrono::milliseconds kDefaultTimeout{30'000};

struct VerifyOptions {
    std::string bundle_path;
    std::string log_path;  // empty: "<bundle_path>.scans.jsonl"
    std::string gate = std::string(kDefaultGate);
    TimePoint scanned_at;  // --at, or the clock
    std::string payload;
};
// Decides the scan (scan_decision.h), logs it (scan_log.h) when its signature held, and prints
// the answer. Exit: 0 admitted, 2 duplicate, 3 invalid, 4 revoked, 5 wrong_event,
// 6 code_expired, 1 when the bundle or log cannot be read or the log cannot be written (then the
// scan is not admitted).
int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err);

// "<bundle>.scans.jsonl": where verify and upload find the log by default.
std::string DefaultLogPath(const std::string& bundle_path);

struct ServerOptions {
    std::string server_url;
    std::string token;
    std::chrono::milliseconds timeout = kDefaultTimeout;
};

struct FetchOptions {
    ServerOptions server;
    EventId event_id;
    std::string bundle_path;
};
// Downloads the event's bundle, or when the file exists the changes since its version, merged
// into it; replaces the file atomically. Exit 0, or 1 with the reason on `err`.
int RunFetch(const FetchOptions& options, std::ostream& out, std::ostream& err);

struct UploadOptions {
    ServerOptions server;
    std::string bundle_path;  // names the event
    std::string log_path;     // empty: the default beside the bundle
};
// Sends the log's admissions and duplicates (upload_batches.h); prints the summed counts. Exit 0
// when every request was answered 200; safe to repeat (tixd ignores scans it already recorded).
int RunUpload(const UploadOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tix::tixscan
