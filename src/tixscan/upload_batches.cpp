#include "tixscan/upload_batches.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <map>

namespace tix::tixscan {
namespace {

namespace json = boost::json;

// The body's frame: {"gate":"<gate>","scans":[ ... ]}
std::string Opening(const std::string& gate) {
    return "{\"gate\":" + json::serialize(json::value(gate)) + ",\"scans\":[";
}
constexpr std::string_view kClosing = "]}";

std::string ScanJson(const ScanRecord& record) {
    return json::serialize(json::object{{"payload", record.payload},
                                        {"scanned_at", FormatScanTime(record.scanned_at)}});
}

bool IsUploaded(ScanResult result) {
    return result == ScanResult::kAdmitted || result == ScanResult::kDuplicate;
}

}  // namespace

std::vector<UploadBatch> BuildUploadBatches(std::span<const ScanRecord> records) {
    std::vector<UploadBatch> batches;
    std::map<std::string, std::size_t> open_batch;  // gate -> index of its batch being filled
    for (const ScanRecord& record : records) {
        if (!IsUploaded(record.result)) continue;
        const std::string scan = ScanJson(record);
        const auto open = open_batch.find(record.gate);
        UploadBatch* batch = open == open_batch.end() ? nullptr : &batches[open->second];
        if (batch != nullptr &&
            (batch->scans == kUploadScansMax ||
             batch->body.size() + 1 + scan.size() + kClosing.size() > kUploadBodyBytesMax)) {
            batch->body += kClosing;  // full: closed, the gate's next scans start another
            batch = nullptr;
        }
        if (batch == nullptr) {
            open_batch[record.gate] = batches.size();
            batch = &batches.emplace_back(UploadBatch{record.gate, Opening(record.gate), 0});
        } else {
            batch->body += ',';
        }
        batch->body += scan;
        ++batch->scans;
    }
    for (const auto& [gate, index] : open_batch) batches[index].body += kClosing;
    return batches;
}

UploadCounts& UploadCounts::operator+=(const UploadCounts& other) {
    received += other.received;
    admitted += other.admitted;
    double_entries += other.double_entries;
    already_recorded += other.already_recorded;
    invalid += other.invalid;
    revoked += other.revoked;
    wrong_event += other.wrong_event;
    return *this;
}

Result<UploadCounts> ParseUploadAnswer(std::string_view body) {
    json::error_code ec;
    const json::value value = json::parse(body, ec);
    const json::object* object = ec ? nullptr : value.if_object();
    if (object == nullptr) return Status::InvalidArgument("upload answer: not a JSON object");
    UploadCounts counts;
    struct Field {
        std::string_view name;
        std::uint64_t* out;
        bool required;
    };
    const Field fields[] = {
        {"received", &counts.received, true},
        {"admitted", &counts.admitted, true},
        {"double_entries", &counts.double_entries, true},
        {"already_recorded", &counts.already_recorded, true},
        {"invalid", &counts.invalid, true},
        {"revoked", &counts.revoked, true},
        {"wrong_event", &counts.wrong_event, false},
    };
    for (const auto& [name, out, required] : fields) {
        const json::value* field = object->if_contains(name);
        if (field == nullptr && !required) continue;
        if (field != nullptr && field->is_uint64()) {
            *out = field->get_uint64();
        } else if (field != nullptr && field->is_int64() && field->get_int64() >= 0) {
            *out = static_cast<std::uint64_t>(field->get_int64());
        } else {
            return Status::InvalidArgument("upload answer: \"" + std::string(name) +
                                           "\" must be a non-negative integer");
        }
    }
    return counts;
}

std::string UploadSummaryJson(const UploadCounts& counts, std::size_t requests,
                              std::size_t failed) {
    return json::serialize(json::object{{"requests", requests},
                                        {"failed_requests", failed},
                                        {"received", counts.received},
                                        {"admitted", counts.admitted},
                                        {"double_entries", counts.double_entries},
                                        {"already_recorded", counts.already_recorded},
                                        {"invalid", counts.invalid},
                                        {"revoked", counts.revoked},
                                        {"wrong_event", counts.wrong_event}});
}

}  // namespace tix::tixscan
