#include "local_servers.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace tix::bench {
namespace {

bool ShellSucceeds(const std::string& command) {
    const int status = std::system(command.c_str());
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string Quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

LocalServers::LocalServers(std::string script) : script_(std::move(script)) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tix-alt-test.XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) dir_ = pattern;
}

LocalServers::~LocalServers() {
    if (dir_.empty()) return;
    ShellSucceeds(Quoted(script_) + " stop " + Quoted(dir_));
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

bool LocalServers::RedisInstalled() {
    return ShellSucceeds(
        "command -v redis-server >/dev/null 2>&1 && "
        "command -v redis-cli >/dev/null 2>&1");
}

bool LocalServers::PostgresInstalled() {
    const char* bin = std::getenv("PG_BIN");
    const std::string dir = bin != nullptr ? bin : "/usr/lib/postgresql/15/bin";
    return access((dir + "/initdb").c_str(), X_OK) == 0 &&
           access((dir + "/pg_ctl").c_str(), X_OK) == 0;
}

std::optional<int> LocalServers::StartRedis(bool fsync_always) {
    return Start("redis " + Quoted(dir_) + (fsync_always ? " always " : " none ") +
                 std::to_string(getpid()));
}

std::optional<int> LocalServers::StartPostgres() {
    return Start("postgres " + Quoted(dir_) + " " + std::to_string(getpid()));
}

std::optional<int> LocalServers::Start(const std::string& arguments) {
    if (dir_.empty()) return std::nullopt;
    FILE* pipe = popen((Quoted(script_) + " " + arguments).c_str(), "r");
    if (pipe == nullptr) return std::nullopt;
    std::array<char, 64> line{};
    const bool read = std::fgets(line.data(), line.size(), pipe) != nullptr;
    const int status = pclose(pipe);
    if (!read || status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return std::nullopt;
    }
    const int port = std::atoi(line.data());
    return port > 0 ? std::optional(port) : std::nullopt;
}

}  // namespace tix::bench
