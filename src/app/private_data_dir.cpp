#include "app/private_data_dir.h"

#include <filesystem>

namespace tix::app {
namespace {

namespace fs = std::filesystem;

constexpr fs::perms kOthersMayAccess = fs::perms::group_all | fs::perms::others_all;
// What tixd keeps in the data directory: SQLite's database, write-ahead log and its shared-memory
// index, the token signing key, and the lock file.
constexpr const char* kDataFiles[] = {"tix.db",     "tix.db-wal", "tix.db-shm",
                                      "secret.key", "ticket.key", "LOCK"};

}  // namespace

Status CreatePrivateDirectory(const std::string& data_dir) {
    std::error_code ec;
    const bool created = fs::create_directories(data_dir, ec);
    if (ec) return Status::IoError("create " + data_dir + ": " + ec.message());
    if (!created) return Status::Ok();
    // Explicit, not left to the umask: a caller's umask need not be tixd's (tests, create-user).
    fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    if (ec) return Status::IoError("chmod 700 " + data_dir + ": " + ec.message());
    return Status::Ok();
}

std::vector<std::string> ExposedDataPaths(const std::string& data_dir) {
    std::vector<std::string> exposed;
    const auto check = [&exposed](const fs::path& path) {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) return;
        if ((status.permissions() & kOthersMayAccess) != fs::perms::none) {
            exposed.push_back(path.string());
        }
    };
    const fs::path directory(data_dir);
    check(directory);
    for (const char* name : kDataFiles) check(directory / name);
    return exposed;
}

}  // namespace tix::app
