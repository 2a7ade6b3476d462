#include "tixscan/scan_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <cstring>
#include <utility>

#include "common/rfc3339.h"
#include "tixscan/file_io.h"

namespace tix::tixscan {
namespace {

namespace json = boost::json;

Status ErrnoStatus(const std::string& what) {
    return Status::IoError(what + ": " + std::strerror(errno));
}

std::optional<std::string_view> StringField(const json::object& object, std::string_view key) {
    const json::value* field = object.if_contains(key);
    if (field == nullptr || !field->is_string()) return std::nullopt;
    return std::string_view(field->get_string());
}

// Reads the whole open file (at most kScanLogBytesMax) from offset 0.
Result<std::string> ReadOpenFile(int fd, const std::string& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return ErrnoStatus("stat " + path);
    if (static_cast<std::uint64_t>(info.st_size) > kScanLogBytesMax) {
        return Status::InvalidArgument(path +
                                       " is larger than 256 MiB: upload it and start a "
                                       "new log");
    }
    std::string content(static_cast<std::size_t>(info.st_size), '\0');
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t got =
            ::pread(fd, content.data() + done, content.size() - done, static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return ErrnoStatus("read " + path);
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    content.resize(done);
    return content;
}

// Opens `path` for appending, creating it if missing; `created` says whether it did.
int OpenForAppend(const std::string& path, bool& created) {
    const int flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW;
    int fd = ::open(path.c_str(), flags | O_CREAT | O_EXCL, 0600);
    created = fd >= 0;
    if (fd < 0 && errno == EEXIST) fd = ::open(path.c_str(), flags);
    return fd;
}

Status LockFile(int fd, int operation, const std::string& path) {
    while (::flock(fd, operation) != 0) {
        if (errno != EINTR) return ErrnoStatus("lock " + path);
    }
    return Status::Ok();
}

}  // namespace

bool IsValidGate(std::string_view gate) {
    if (gate.empty() || gate.size() > kGateLengthMax) return false;
    for (const char c : gate) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                             (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        if (!allowed) return false;
    }
    return true;
}

std::string FormatScanTime(TimePoint t) {
    std::string text = FormatRfc3339(t);
    // FormatRfc3339 leaves out a zero fraction; the log and the upload always carry one.
    if (text.find('.') == std::string::npos && !text.empty() && text.back() == 'Z') {
        text.insert(text.size() - 1, ".000");
    }
    return text;
}

std::string ScanRecordLine(const ScanRecord& record) {
    json::object object;
    object["payload"] = record.payload;
    object["ticket_id"] = engine::ToHex(record.ticket_id);
    object["scanned_at"] = FormatScanTime(record.scanned_at);
    object["gate"] = record.gate;
    object["result"] = ToString(record.result);
    return json::serialize(object) + "\n";
}

Result<ScanRecord> ParseScanRecordLine(std::string_view line) {
    json::error_code ec;
    const json::value value = json::parse(line, ec);
    if (ec) return Status::InvalidArgument("not JSON: " + ec.message());
    const json::object* object = value.if_object();
    if (object == nullptr) return Status::InvalidArgument("not a JSON object");
    ScanRecord record;
    const auto payload = StringField(*object, "payload");
    if (!payload || payload->empty() || payload->size() > kLoggedPayloadLengthMax) {
        return Status::InvalidArgument("\"payload\" must be a QR payload");
    }
    record.payload = *payload;
    const auto ticket_hex = StringField(*object, "ticket_id");
    const auto ticket_id = ticket_hex ? engine::ParseTicketId(*ticket_hex) : std::nullopt;
    if (!ticket_id) return Status::InvalidArgument("\"ticket_id\" must be 32 hex digits");
    record.ticket_id = *ticket_id;
    const auto scanned_text = StringField(*object, "scanned_at");
    const auto scanned_at = scanned_text ? ParseRfc3339(*scanned_text) : std::nullopt;
    if (!scanned_at) return Status::InvalidArgument("\"scanned_at\" must be an RFC 3339 time");
    record.scanned_at = *scanned_at;
    const auto gate = StringField(*object, "gate");
    if (!gate || !IsValidGate(*gate)) return Status::InvalidArgument("\"gate\" must be a gate");
    record.gate = *gate;
    const auto result_text = StringField(*object, "result");
    const auto result = result_text ? ParseScanResult(*result_text) : std::nullopt;
    if (!result) return Status::InvalidArgument("\"result\" must be a scan result");
    record.result = *result;
    return record;
}

Result<ParsedScanLog> ParseScanLog(std::string_view content, const std::string& path) {
    ParsedScanLog parsed;
    std::size_t line_number = 0;
    std::size_t start = 0;
    for (std::size_t end = content.find('\n'); end != std::string_view::npos;
         start = end + 1, end = content.find('\n', start)) {
        ++line_number;
        auto record = ParseScanRecordLine(content.substr(start, end - start));
        if (!record.ok()) {
            return Status::Corruption(
                path + " line " + std::to_string(line_number) + ": " + record.status().message() +
                "; refusing to go on (an admission in it could be forgotten): move the log "
                "aside or repair that line");
        }
        parsed.records.push_back(std::move(record).value());
    }
    parsed.complete_bytes = start;
    parsed.torn_tail = start < content.size();
    return parsed;
}

ScanLog::ScanLog(int fd, std::string path, std::vector<ScanRecord> records, bool cut_torn_tail)
    : fd_(fd),
      path_(std::move(path)),
      records_(std::move(records)),
      cut_torn_tail_(cut_torn_tail) {}

ScanLog::ScanLog(ScanLog&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      records_(std::move(other.records_)),
      cut_torn_tail_(other.cut_torn_tail_) {}

ScanLog::~ScanLog() {
    if (fd_ >= 0) ::close(fd_);
}

Result<ScanLog> ScanLog::Open(const std::string& path) {
    bool created = false;
    const int fd = OpenForAppend(path, created);
    if (fd < 0) return ErrnoStatus("open " + path);
    // Owned from here on: closing releases the lock on every path out.
    ScanLog log(fd, path, {}, false);
    if (created) {
        if (Status status = SyncParentDirectory(path); !status.ok()) return status;
    }
    if (Status status = LockFile(fd, LOCK_EX, path); !status.ok()) return status;
    auto content = ReadOpenFile(fd, path);
    if (!content.ok()) return content.status();
    auto parsed = ParseScanLog(*content, path);
    if (!parsed.ok()) return parsed.status();
    if (parsed->torn_tail) {
        if (::ftruncate(fd, static_cast<off_t>(parsed->complete_bytes)) != 0 || ::fsync(fd) != 0) {
            return ErrnoStatus("cut the interrupted last line of " + path);
        }
        log.cut_torn_tail_ = true;
    }
    log.records_ = std::move(parsed->records);
    return log;
}

Status ScanLog::Append(const ScanRecord& record) {
    // One write of the whole line: O_APPEND puts it at the end, and a power cut can only leave a
    // prefix of it, which the next Open cuts off.
    if (Status status = WriteAll(fd_, ScanRecordLine(record), path_); !status.ok()) return status;
    if (::fsync(fd_) != 0) return ErrnoStatus("fsync " + path_);
    records_.push_back(record);
    return Status::Ok();
}

Result<std::vector<ScanRecord>> ReadScanLog(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return Status::NotFound(path + " does not exist");
        return ErrnoStatus("open " + path);
    }
    Status status = LockFile(fd, LOCK_SH, path);
    Result<std::string> content =
        status.ok() ? ReadOpenFile(fd, path) : Result<std::string>(status);
    ::close(fd);
    if (!content.ok()) return content.status();
    auto parsed = ParseScanLog(*content, path);
    if (!parsed.ok()) return parsed.status();
    return std::move(parsed->records);
}

}  // namespace tix::tixscan
