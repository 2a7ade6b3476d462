// tixscan: the offline gate scanner (docs/tickets.md, "tixscan: offline gates"). Parses the
// flags, reads the clock for `verify` without --at, and runs one command (commands.h).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>

#include "common/rfc3339.h"
#include "tixscan/commands.h"
#include "tixscan/scan_result.h"

namespace tix::tixscan {
namespace {

void AddServerOptions(CLI::App& command, ServerOptions& server, std::int64_t& timeout_ms) {
    command.add_option("--server", server.server_url, "tixd's URL: http://<ip or localhost>:port")
        ->required();
    command.add_option("--token", server.token, "a scanner or admin access token")->required();
    command.add_option("--timeout-ms", timeout_ms, "each request's deadline")
        ->check(CLI::Range(std::int64_t{1}, std::int64_t{600'000}))
        ->capture_default_str();
}

TimePoint Now() {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

int Run(int argc, char** argv) {
    CLI::App app("tixscan: the offline gate scanner of tix (docs/tickets.md)");
    app.require_subcommand(1);

    FetchOptions fetch;
    std::uint64_t fetch_event = 0;
    std::int64_t fetch_timeout_ms = kDefaultTimeout.count();
    CLI::App* fetch_command =
        app.add_subcommand("fetch", "download the event's bundle, or its changes since the file's");
    AddServerOptions(*fetch_command, fetch.server, fetch_timeout_ms);
    fetch_command->add_option("--event", fetch_event, "the event id")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{0xffff'ffff}));
    fetch_command->add_option("--bundle", fetch.bundle_path, "the bundle file")->required();

    VerifyOptions verify;
    std::optional<std::string> verify_at;
    CLI::App* verify_command =
        app.add_subcommand("verify", "decide one scan offline, log it, print the answer");
    verify_command->add_option("--bundle", verify.bundle_path, "the bundle file")->required();
    verify_command->add_option("--log", verify.log_path,
                               "the scan log (default: BUNDLE.scans.jsonl)");
    verify_command->add_option("--gate", verify.gate, "this gate's name")->capture_default_str();
    verify_command->add_option("--at", verify_at, "the scan's time, RFC 3339 (default: now)");
    verify_command->add_option("payload", verify.payload, "the QR code's text")->required();

    UploadOptions upload;
    std::int64_t upload_timeout_ms = kDefaultTimeout.count();
    CLI::App* upload_command =
        app.add_subcommand("upload", "send the log's admissions to tixd (safe to repeat)");
    AddServerOptions(*upload_command, upload.server, upload_timeout_ms);
    upload_command->add_option("--bundle", upload.bundle_path, "the bundle file (names the event)")
        ->required();
    upload_command->add_option("--log", upload.log_path,
                               "the scan log (default: BUNDLE.scans.jsonl)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : kExitUsage;  // --help is 0; every usage error is 1
    }
    if (*fetch_command) {
        fetch.event_id = EventId{fetch_event};
        fetch.server.timeout = std::chrono::milliseconds{fetch_timeout_ms};
        return RunFetch(fetch, std::cout, std::cerr);
    }
    if (*verify_command) {
        if (verify_at) {
            const auto at = ParseRfc3339(*verify_at);
            if (!at) {
                std::cerr << "tixscan: --at: expected an RFC 3339 time, got '" << *verify_at
                          << "'\n";
                return kExitUsage;
            }
            verify.scanned_at = *at;
        } else {
            verify.scanned_at = Now();
        }
        return RunVerify(verify, std::cout, std::cerr);
    }
    upload.server.timeout = std::chrono::milliseconds{upload_timeout_ms};
    return RunUpload(upload, std::cout, std::cerr);
}

}  // namespace
}  // namespace tix::tixscan

int main(int argc, char** argv) { return tix::tixscan::Run(argc, argv); }
