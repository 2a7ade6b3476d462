#include "support/tixpay_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <iostream>
#include <thread>

namespace tix::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPollInterval{10};

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
    pid_ = SpawnLogged(argv, scratch_.File("log"), &error_);
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
