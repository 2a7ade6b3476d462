#include "support/tixd_process.h"

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

extern char** environ;

namespace tix::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPollInterval{10};

// tixd reads TIXD_* variables as defaults; a developer's shell must not change what is tested.
std::vector<std::string> ChildEnvironment() {
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::strncmp(*entry, "TIXD_", 5) != 0) env.emplace_back(*entry);
    }
    return env;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (std::string& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

// Standard input for a child: `input` through a pipe (written by the parent after the fork), or
// /dev/null when there is none.
struct ChildInput {
    int read_fd = -1;
    int write_fd = -1;
};

bool OpenInput(const std::optional<std::string>& input, ChildInput* pipe_ends, std::string* error) {
    int fds[2];
    if (!input) {
        fds[0] = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        fds[1] = -1;
        if (fds[0] < 0) {
            *error = std::string("open /dev/null: ") + std::strerror(errno);
            return false;
        }
    } else if (::pipe2(fds, O_CLOEXEC) != 0) {
        *error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    *pipe_ends = {fds[0], fds[1]};
    return true;
}

// Writes all of `input` and closes the pipe, so the child sees the end of its input. The tests'
// inputs are far smaller than a pipe's buffer, so this does not wait on the child.
bool FeedInput(ChildInput& pipe_ends, const std::string& input, std::string* error) {
    std::size_t written = 0;
    while (written < input.size()) {
        const ssize_t n =
            ::write(pipe_ends.write_fd, input.data() + written, input.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            *error = std::string("write to tixd's stdin: ") + std::strerror(errno);
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(pipe_ends.write_fd);
    return written == input.size();
}

// fork/exec with stdin from `input` (or /dev/null) and stdout+stderr appended to `log_path`.
// Waits up to `timeout` for `pid`; SIGKILLs it after that. Always reaps it.
ExitStatus Reap(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return FromWaitStatus(status);
        if (done < 0 && errno != EINTR) return ExitStatus{};
        if (Clock::now() >= deadline) break;
        std::this_thread::sleep_for(kPollInterval);
    }
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ExitStatus result = FromWaitStatus(status);
    result.timed_out = true;
    return result;
}

std::string Tail(const std::string& text, std::size_t bytes) {
    return text.size() <= bytes ? text : "..." + text.substr(text.size() - bytes);
}

}  // namespace

// Between fork and exec the child calls only async-signal-safe functions: the test process may
// have threads.
pid_t SpawnLogged(std::vector<std::string> argv, const std::string& log_path, std::string* error,
                  const std::optional<std::string>& input) {
    std::vector<std::string> env = ChildEnvironment();
    std::vector<char*> argv_c = CStrings(argv);
    std::vector<char*> env_c = CStrings(env);
    const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) {
        *error = "open " + log_path + ": " + std::strerror(errno);
        return -1;
    }
    ChildInput stdin_ends;
    if (!OpenInput(input, &stdin_ends, error)) {
        ::close(log_fd);
        return -1;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        *error = std::string("fork: ") + std::strerror(errno);
        ::close(log_fd);
        ::close(stdin_ends.read_fd);
        if (stdin_ends.write_fd >= 0) ::close(stdin_ends.write_fd);
        return -1;
    }
    if (pid == 0) {
        // Dies with the thread that started it, so a killed test binary leaves no server behind.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        if (::dup2(stdin_ends.read_fd, STDIN_FILENO) < 0) ::_exit(127);
        if (::dup2(log_fd, STDOUT_FILENO) < 0 || ::dup2(log_fd, STDERR_FILENO) < 0) ::_exit(127);
        ::execve(argv_c[0], argv_c.data(), env_c.data());
        static const char kMessage[] = "tix test: execve of tixd failed\n";
        [[maybe_unused]] const ssize_t ignored =
            ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
        ::_exit(127);
    }
    ::close(log_fd);
    ::close(stdin_ends.read_fd);
    if (input) FeedInput(stdin_ends, *input, error);
    return pid;
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

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string TixdPath() {
    if (const char* path = std::getenv("TIX_TIXD"); path != nullptr && *path != '\0') return path;
    return TIXD_PATH;
}

std::string ExitStatus::ToString() const {
    std::string text = exited ? "exit code " + std::to_string(code)
                              : "signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
    if (timed_out) text += " after a timeout";
    return text;
}

CommandResult RunTixdCommand(const std::vector<std::string>& args,
                             std::chrono::milliseconds timeout,
                             const std::optional<std::string>& input) {
    std::vector<std::string> argv{TixdPath()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProgram(argv, timeout, input);
}

CommandResult RunProgram(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                         const std::optional<std::string>& input) {
    TempDir scratch;
    const std::string log_path = scratch.File("output");
    CommandResult result;
    std::string error;
    const pid_t pid = SpawnLogged(argv, log_path, &error, input);
    if (pid < 0) {
        result.output = error;
        return result;
    }
    result.status = Reap(pid, timeout);
    result.output = ReadFile(log_path);
    return result;
}

TixdProcess::TixdProcess(TixdOptions options) : options_(std::move(options)) {
    std::vector<std::string> argv{TixdPath(),        "serve",
                                  "--listen",        options_.listen_host + ":0",
                                  "--port-file",     scratch_.File("port"),
                                  "--data",          options_.data_dir.string(),
                                  "--password-cost", options_.password_cost,
                                  "--log-level",     "warn"};
    argv.insert(argv.end(), options_.extra_args.begin(), options_.extra_args.end());
    pid_ = SpawnLogged(argv, scratch_.File("log"), &error_);
    if (pid_ < 0) return;
    if (!WaitForPort(options_.start_timeout)) {
        error_ += "\n--- tixd log ---\n" + LogTail();
        Terminate();
    }
}

TixdProcess::~TixdProcess() {
    if (pid_ > 0 && !exit_) {
        const ExitStatus status = Terminate();
        if (!status.Clean()) {
            ADD_FAILURE() << "tixd (pid " << pid_
                          << ") did not shut down cleanly on SIGTERM: " << status.ToString();
        }
    } else if (exit_ && !ended_by_us_) {
        ADD_FAILURE() << "tixd (pid " << pid_
                      << ") ended on its own during the test: " << exit_->ToString();
    }
    if (::testing::Test::HasFailure()) {
        std::cerr << "--- tail of tixd log (pid " << pid_ << ", port " << port_ << ") ---\n"
                  << LogTail() << "\n--- end of tixd log ---\n";
    }
}

bool TixdProcess::Running() {
    if (pid_ <= 0 || exit_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_ = FromWaitStatus(status);
        return false;
    }
    return true;
}

ExitStatus TixdProcess::Kill(int signal) {
    if (!Running()) return exit_.value_or(ExitStatus{});
    ended_by_us_ = true;
    ::kill(pid_, signal);
    exit_ = Reap(pid_, kTerminateTimeout);
    return *exit_;
}

ExitStatus TixdProcess::Terminate(std::chrono::milliseconds timeout) {
    if (!Running()) return exit_.value_or(ExitStatus{});
    ended_by_us_ = true;
    ::kill(pid_, SIGTERM);
    exit_ = Reap(pid_, timeout);
    return *exit_;
}

std::string TixdProcess::LogTail(std::size_t bytes) const {
    return Tail(ReadFile(scratch_.File("log")), bytes);
}

bool TixdProcess::WaitForPort(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    const std::string port_file = scratch_.File("port");
    for (;;) {
        // tixd writes "<port>\n"; only a complete line counts, the write may be in progress.
        const std::string text = ReadFile(port_file);
        if (!text.empty() && text.back() == '\n') {
            const long port = std::strtol(text.c_str(), nullptr, 10);
            if (port > 0 && port <= 65535) {
                port_ = static_cast<std::uint16_t>(port);
                return true;
            }
            error_ = "port file holds '" + text + "'";
            return false;
        }
        if (!Running()) {
            error_ = "tixd exited before listening: " + exit_->ToString();
            return false;
        }
        if (Clock::now() >= deadline) {
            error_ = "tixd wrote no port within " + std::to_string(timeout.count()) + " ms";
            return false;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

}  // namespace tix::test
