// TixpayProcess: one real tixpay (the payment-provider simulator, docs/tixpay.md) for a black-box
// test, started with fork/exec on 127.0.0.1 and a port the kernel picks, found through
// --port-file as TixdProcess finds tixd's. Tests only; create, use and destroy it on the test's
// main thread (PR_SET_PDEATHSIG ties the child to that thread).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/temp_dir.h"
#include "support/tixd_process.h"

namespace tix::test {

// The tixpay binary under test: $TIX_TIXPAY when set, else the one CMake built.
std::string TixpayPath();

class TixpayProcess {
  public:
    // Starts `tixpay --listen 127.0.0.1:0 --port-file <tmp>/port --log-level warn <args...>`
    // and waits until the port file holds a port. Check started(); error() says why not.
    explicit TixpayProcess(std::vector<std::string> args,
                           std::chrono::milliseconds start_timeout = kStartTimeout);
    // SIGTERM if still running; adds a test failure unless it then exits with 0, and prints the
    // log tail when the test has failed.
    ~TixpayProcess();
    TixpayProcess(const TixpayProcess&) = delete;
    TixpayProcess& operator=(const TixpayProcess&) = delete;

    bool started() const { return port_ != 0; }
    const std::string& error() const { return error_; }
    std::uint16_t port() const { return port_; }

    // Waits up to `timeout` for the process to end by itself (e.g. after bad flags).
    std::optional<ExitStatus> WaitForExit(std::chrono::milliseconds timeout);
    std::string Log() const;

  private:
    bool Reaped(int* status);

    TempDir scratch_;
    pid_t pid_ = -1;
    std::optional<ExitStatus> exit_;
    std::uint16_t port_ = 0;
    std::string error_;
};

}  // namespace tix::test
