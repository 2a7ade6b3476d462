#include "tixscan/commands.h"

#include <utility>

#include "tixscan/checkin_bundle.h"
#include "tixscan/checkin_client.h"
#include "tixscan/file_io.h"
#include "tixscan/scan_decision.h"
#include "tixscan/scan_log.h"
#include "tixscan/scan_result.h"
#include "tixscan/upload_batches.h"

namespace tix::tixscan {
namespace {

Result<CheckinBundle> LoadBundle(const std::string& path) {
    auto text = ReadWholeFile(path, kBundleBytesMax);
    if (!text.ok()) return text.status();
    auto bundle = ParseBundle(*text);
    if (!bundle.ok()) return Status::InvalidArgument(path + ": " + bundle.status().message());
    // A delta's lists lack everything before its `since`: deciding from them would admit
    // tickets revoked earlier. fetch only ever writes whole bundles.
    if (bundle->since != 0) {
        return Status::InvalidArgument(path + " holds only the changes since version " +
                                       std::to_string(bundle->since) + ", not a whole bundle");
    }
    return bundle;
}

int Fail(std::ostream& err, const Status& status) {
    err << "tixscan: " << status.message() << "\n";
    return kExitUsage;
}

std::string LogPathOf(const std::string& log_path, const std::string& bundle_path) {
    return log_path.empty() ? DefaultLogPath(bundle_path) : log_path;
}

}  // namespace

std::string DefaultLogPath(const std::string& bundle_path) { return bundle_path + ".scans.jsonl"; }

int RunVerify(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
    if (!IsValidGate(options.gate)) {
        return Fail(err, Status::InvalidArgument("--gate: must be [A-Za-z0-9_.-]{1,32}"));
    }
    auto bundle = LoadBundle(options.bundle_path);
    if (!bundle.ok()) return Fail(err, bundle.status());
    const std::string log_path = LogPathOf(options.log_path, options.bundle_path);
    auto log = ScanLog::Open(log_path);
    if (!log.ok()) return Fail(err, log.status());
    if (log->cut_torn_tail()) {
        err << "tixscan: " << log_path << ": cut off an unfinished last line (a write the power "
            << "cut interrupted; its scan was never answered)\n";
    }
    const ScanDecision decision =
        DecideScan(*bundle, IndexAdmitted(log->records()), options.payload, options.scanned_at);
    if (decision.signature_verified) {
        const Status logged = log->Append({.payload = options.payload,
                                           .ticket_id = decision.claims->ticket_id,
                                           .scanned_at = options.scanned_at,
                                           .gate = options.gate,
                                           .result = decision.result});
        if (!logged.ok()) {
            err << "tixscan: the scan could not be logged, so it is not admitted: "
                << logged.message() << "\n";
            return kExitUsage;
        }
    }
    out << AnswerJson(decision) << "\n";
    out.flush();
    return ExitCodeOf(decision.result);
}

int RunFetch(const FetchOptions& options, std::ostream& out, std::ostream& err) {
    std::optional<CheckinBundle> existing;
    if (auto loaded = LoadBundle(options.bundle_path); loaded.ok()) {
        if (loaded->event_id != options.event_id) {
            return Fail(err, Status::InvalidArgument(
                                 options.bundle_path + " is the bundle of event " +
                                 std::to_string(loaded->event_id.value()) + ", not of " +
                                 std::to_string(options.event_id.value())));
        }
        existing = std::move(loaded).value();
    } else if (loaded.status().code() != Status::Code::kNotFound) {
        return Fail(err, loaded.status());
    }
    auto client = CheckinClient::Create(options.server.server_url, options.server.token,
                                        options.server.timeout);
    if (!client.ok()) return Fail(err, client.status());
    const std::optional<std::uint64_t> since =
        existing ? std::optional(existing->bundle_version) : std::nullopt;
    auto answer = (*client)->FetchBundle(options.event_id, since);
    if (!answer.ok()) return Fail(err, answer.status());
    auto fetched = ParseBundle(*answer);
    if (!fetched.ok()) return Fail(err, fetched.status());
    if (fetched->event_id != options.event_id) {
        return Fail(err, Status::InvalidArgument("tixd answered with the bundle of event " +
                                                 std::to_string(fetched->event_id.value())));
    }
    const bool delta = existing.has_value() && fetched->since != 0;
    CheckinBundle bundle;
    if (existing) {
        bundle = std::move(*existing);
        if (Status merged = MergeDelta(bundle, std::move(fetched).value()); !merged.ok()) {
            return Fail(err, merged);
        }
    } else if (fetched->since != 0) {
        return Fail(err, Status::InvalidArgument("tixd sent changes (since " +
                                                 std::to_string(fetched->since) +
                                                 ") for a scanner that has no bundle"));
    } else {
        bundle = std::move(fetched).value();
    }
    if (Status written = ReplaceFileDurably(options.bundle_path, BundleJson(bundle));
        !written.ok()) {
        return Fail(err, written);
    }
    out << "{\"event_id\":" << bundle.event_id.value()
        << ",\"bundle_version\":" << bundle.bundle_version
        << ",\"delta\":" << (delta ? "true" : "false") << ",\"revoked\":" << bundle.revoked.size()
        << ",\"reissued\":" << bundle.reissued.size()
        << ",\"checked_in\":" << bundle.checked_in.size()
        << ",\"rotating_qr\":" << (bundle.rotating_qr ? "true" : "false") << "}\n";
    return 0;
}

int RunUpload(const UploadOptions& options, std::ostream& out, std::ostream& err) {
    auto bundle = LoadBundle(options.bundle_path);
    if (!bundle.ok()) return Fail(err, bundle.status());
    auto records = ReadScanLog(LogPathOf(options.log_path, options.bundle_path));
    if (!records.ok()) return Fail(err, records.status());
    auto client = CheckinClient::Create(options.server.server_url, options.server.token,
                                        options.server.timeout);
    if (!client.ok()) return Fail(err, client.status());
    UploadCounts total;
    std::size_t requests = 0;
    std::size_t failed = 0;
    for (const UploadBatch& batch : BuildUploadBatches(*records)) {
        ++requests;
        auto answer = (*client)->Upload(bundle->event_id, batch.body);
        auto counts =
            answer.ok() ? ParseUploadAnswer(*answer) : Result<UploadCounts>(answer.status());
        if (!counts.ok()) {
            ++failed;
            err << "tixscan: gate " << batch.gate << ", " << batch.scans
                << " scans: " << counts.status().message() << "\n";
            // tixd unreachable: the next batches would only wait out their timeouts too.
            if (counts.status().code() == Status::Code::kIoError) break;
            continue;
        }
        total += *counts;
    }
    out << UploadSummaryJson(total, requests, failed) << "\n";
    return failed == 0 ? 0 : kExitUsage;
}

}  // namespace tix::tixscan
