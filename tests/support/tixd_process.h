// TixdProcess: one real tixd server process for a black-box test, started with fork/exec on
// 127.0.0.1 and a port chosen by the kernel. Tests only; create, use and destroy it on the test's
// main thread (the child is tied to the thread that forked it by PR_SET_PDEATHSIG, so a test
// binary killed by a ctest timeout does not leave servers behind).
//
// The data directory belongs to the caller and may be reused by a later TixdProcess: that is how
// the crash test restarts a killed server on the same state. Everything else (port file, log)
// lives in a temporary directory of the process object, removed with it; when the current test
// has failed, the destructor prints the tail of the server's log first.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/temp_dir.h"

namespace tix::test {

inline constexpr std::chrono::milliseconds kStartTimeout{20'000};
inline constexpr std::chrono::milliseconds kTerminateTimeout{10'000};
inline constexpr std::chrono::milliseconds kCommandTimeout{60'000};

// The tixd binary under test: $TIX_TIXD when set, else the one CMake built next to the tests.
std::string TixdPath();

// How a child process ended.
struct ExitStatus {
    bool exited = false;     // exited by itself with `code`
    int code = -1;           // exit code when exited
    int signal = 0;          // terminating signal otherwise
    bool timed_out = false;  // did not end within the allowed time and was SIGKILLed

    bool Clean() const { return exited && code == 0; }
    std::string ToString() const;
};

// The pieces every child-process wrapper here shares (tixd's, tixpay's).
// fork/exec `argv` (argv[0] a path) with stdout and stderr appended to `log_path`, standard input
// `input` (/dev/null when there is none), and no TIXD_* variables in its environment (a
// developer's shell must not change what is tested). -1 with `error` set when it cannot start.
pid_t SpawnLogged(std::vector<std::string> argv, const std::string& log_path, std::string* error,
                  const std::optional<std::string>& input = std::nullopt);
ExitStatus FromWaitStatus(int status);  // from waitpid's status
std::string ReadFile(const std::string& path);

// Runs `tixd args...` to completion (e.g. "admin create-user ..."), bounded by `timeout`, with
// `input` as its standard input (/dev/null when there is none).
struct CommandResult {
    ExitStatus status;
    std::string output;  // stdout and stderr interleaved
};
// Any program (argv[0] a path), the same way.
CommandResult RunProgram(const std::vector<std::string>& argv,
                         std::chrono::milliseconds timeout = kCommandTimeout,
                         const std::optional<std::string>& input = std::nullopt);
CommandResult RunTixdCommand(const std::vector<std::string>& args,
                             std::chrono::milliseconds timeout = kCommandTimeout,
                             const std::optional<std::string>& input = std::nullopt);

struct TixdOptions {
    std::filesystem::path data_dir;
    std::vector<std::string> extra_args;  // appended to the serve command line, e.g. "--demo"
    std::chrono::milliseconds start_timeout = kStartTimeout;
    // Cheap hashes keep most tests fast; the tests of the real sign-up cost pass "standard".
    std::string password_cost = "minimum";
    // The address tixd listens on (port 0: the kernel picks). Tests talk to 127.0.0.1 only; one
    // that listens on 0.0.0.0 does so to see what tixd does on a non-loopback address.
    std::string listen_host = "127.0.0.1";
};

class TixdProcess {
  public:
    // Starts `tixd serve --listen <listen_host>:0 --port-file <tmp>/port --data <dir>
    // --password-cost <password_cost> --log-level warn <extra args>` and waits until the port
    // file holds a port. Check started(); error() says why not.
    explicit TixdProcess(TixdOptions options);
    // Terminates the server if it still runs (SIGTERM, then SIGKILL). Adds a test failure when the
    // server died on its own or did not shut down cleanly, and prints the log tail on failure.
    ~TixdProcess();
    TixdProcess(const TixdProcess&) = delete;
    TixdProcess& operator=(const TixdProcess&) = delete;

    bool started() const { return port_ != 0; }
    const std::string& error() const { return error_; }
    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }

    // True while the child has not ended (reaps it if it has).
    bool Running();
    // Sends `signal` and waits for the process to end (SIGKILL after kTerminateTimeout).
    ExitStatus Kill(int signal);
    // SIGTERM, wait up to `timeout`, then SIGKILL. Returns how it ended.
    ExitStatus Terminate(std::chrono::milliseconds timeout = kTerminateTimeout);

    // The last `bytes` of the server's stdout/stderr.
    std::string LogTail(std::size_t bytes = 6'000) const;

  private:
    bool WaitForPort(std::chrono::milliseconds timeout);

    TixdOptions options_;
    TempDir scratch_;  // port file and log
    pid_t pid_ = -1;
    std::optional<ExitStatus> exit_;  // set once reaped
    bool ended_by_us_ = false;
    std::uint16_t port_ = 0;
    std::string error_;
};

}  // namespace tix::test
