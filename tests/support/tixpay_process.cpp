#include "support/tixpay_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace tix::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPollInterval{10};

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

ExitStatus FromWaitStatus(int status) {
    ExitStatus result;
    if (WIFEXITED(status)) {
        result.exited = true;
        result.code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    return result;
}

// fork/exec with stdout and stderr to `log_path`; only async-signal-safe calls in the child.
pid_t Spawn(std::vector<std::string> argv, const std::string& log_path, std::string* error) {
    std::vector<char*> argv_c;
    for (std::string& arg : argv) argv_c.push_back(arg.data());
    argv_c.push_back(nullptr);
    const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (log_fd < 0 || null_fd < 0) {
        *error = std::string("open: ") + std::strerror(errno);
        return -1;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        if (::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(log_fd, STDOUT_FILENO) < 0 ||
            ::dup2(log_fd, STDERR_FILENO) < 0) {
            ::_exit(127);
        }
        ::execv(argv_c[0], argv_c.data());
        ::_exit(127);
    }
    if (pid < 0) *error = std::string("fork: ") + std::strerror(errno);
    ::close(log_fd);
    ::close(null_fd);
    return pid;
}

}  // namespace

std::string TixpayPath() {
    if (const char* path = std::getenv("TIX_TIXPAY"); path != nullptr && *path != '\0') {
        return path;
    }
    return TIXPAY_PATH;
}

TixpayProcess::TixpayProcess(std::vector<std::string> args,
                             std::chrono::milliseconds start_timeout) {
    std::vector<std::string> argv{
        TixpayPath(),          "--listen",    "127.0.0.1:0", "--port-file",
        scratch_.File("port"), "--log-level", "warn"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = Spawn(argv, scratch_.File("log"), &error_);
    if (pid_ < 0) return;
    const auto deadline = Clock::now() + start_timeout;
    for (;;) {
        // A complete line only: the write may be in progress.
        const std::string text = ReadFile(scratch_.File("port"));
        if (!text.empty() && text.back() == '\n') {
            const long port = std::strtol(text.c_str(), nullptr, 10);
            if (port > 0 && port <= 65535) port_ = static_cast<std::uint16_t>(port);
            if (port_ == 0) error_ = "port file holds '" + text + "'";
            return;
        }
        int status = 0;
        if (Reaped(&status)) {
            error_ = "tixpay exited before listening: " + exit_->ToString() + "\n" + Log();
            return;
        }
        if (Clock::now() >= deadline) {
            error_ = "tixpay wrote no port in time\n" + Log();
            return;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

TixpayProcess::~TixpayProcess() {
    if (pid_ > 0 && !exit_) {
        ::kill(pid_, SIGTERM);
        const std::optional<ExitStatus> status = WaitForExit(kTerminateTimeout);
        if (!status) {
            ::kill(pid_, SIGKILL);
            int ignored = 0;
            ::waitpid(pid_, &ignored, 0);
            ADD_FAILURE() << "tixpay did not stop within " << kTerminateTimeout.count()
                          << " ms of SIGTERM";
        } else if (!status->Clean()) {
            ADD_FAILURE() << "tixpay did not shut down cleanly: " << status->ToString();
        }
    }
    if (::testing::Test::HasFailure()) {
        std::cerr << "--- tixpay log ---\n" << Log() << "\n--- end of tixpay log ---\n";
    }
}

std::optional<ExitStatus> TixpayProcess::WaitForExit(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    int status = 0;
    while (!Reaped(&status)) {
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(kPollInterval);
    }
    return exit_;
}

std::string TixpayProcess::Log() const { return ReadFile(scratch_.File("log")); }

bool TixpayProcess::Reaped(int* status) {
    if (exit_) return true;
    if (pid_ <= 0) return false;
    if (::waitpid(pid_, status, WNOHANG) != pid_) return false;
    exit_ = FromWaitStatus(*status);
    return true;
}

}  // namespace tix::test
