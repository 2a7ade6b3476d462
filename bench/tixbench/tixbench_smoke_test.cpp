// Black-box smoke test: a real tixd on loopback, small runs of the real tixbench (hot-row, auth,
// queue-load), and each run's own verdict must pass. Label `bench`. The queue scenario itself is
// not here: its pre-queue window and tixd's spread of the first polls after the draw (half an
// admission, at least 28 s) make it tens of seconds; BENCH_QUICK=1 bench/run.sh runs it small.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
constexpr std::chrono::seconds kStartTimeout{30};

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A tixd on a kernel-chosen loopback port with its own data directory; SIGTERM on scope exit.
class Tixd {
  public:
    explicit Tixd(const fs::path& dir) {
        const std::string data = (dir / "data").string();
        port_file_ = dir / "port";
        std::vector<std::string> args = {
            TIXD_PATH, "serve", "--listen", "127.0.0.1:0", "--port-file", port_file_.string(),
            "--data",  data,    "--demo",   "--log-level", "warn"};
        std::vector<char*> argv;
        for (std::string& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        if (::posix_spawn(&pid_, TIXD_PATH, nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
    }
    ~Tixd() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }

    // The port once tixd is listening, 0 if it never did.
    int WaitForPort() const {
        const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
        while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
            const int port = std::atoi(ReadFile(port_file_).c_str());
            if (port > 0) return port;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return 0;
    }

  private:
    pid_t pid_ = -1;
    fs::path port_file_;
};

// One tixbench run against a fresh tixd: its exit status, what it printed and its JSON.
struct TixbenchRun {
    bool exited_ok = false;  // exit status 0
    std::string output;
    boost::json::value json;
};

// `args` follow `tixbench`; `--target` and `--json` are added (after a subcommand if `args` starts
// with one, as CLI11 wants).
TixbenchRun RunTixbench(const std::string& name, const std::string& subcommand,
                        const std::string& args) {
    const fs::path dir =
        fs::temp_directory_path() / ("tixbench-" + name + "-smoke-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    TixbenchRun run;
    {
        Tixd tixd(dir);
        const int port = tixd.WaitForPort();
        if (port == 0) {
            run.output = "tixd did not start";
            return run;
        }
        const fs::path json_path = dir / (name + ".json");
        const std::string command = std::string(TIXBENCH_PATH) + " " + subcommand +
                                    " --target 127.0.0.1:" + std::to_string(port) + " " + args +
                                    " --json " + json_path.string() + " > " +
                                    (dir / "out.txt").string() + " 2>&1";
        const int status = std::system(command.c_str());
        run.exited_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
        run.output = ReadFile(dir / "out.txt");
        boost::json::error_code error;
        run.json = boost::json::parse(ReadFile(json_path), error);
    }
    fs::remove_all(dir);
    return run;
}

TEST(TixbenchSmoke, HotRowRunVerifiesThroughTheApi) {
    const TixbenchRun run =
        RunTixbench("hot-row", "", "--scenario hot-row --users 300 --connections 20");
    ASSERT_TRUE(run.exited_ok && run.json.is_object()) << run.output;
    EXPECT_EQ(run.json.at("scenario").as_string(), "hot-row");
    EXPECT_GT(run.json.at("holds_ok").to_number<double>(), 0) << run.output;
    EXPECT_EQ(run.json.at("errors").to_number<double>(), 0) << run.output;
    EXPECT_TRUE(run.json.at("verification").at("passed").as_bool()) << run.output;
}

TEST(TixbenchSmoke, AuthRunSignsUpAndLogsIn) {
    const TixbenchRun run = RunTixbench("auth", "auth", "--connections 4 --duration 1");
    ASSERT_TRUE(run.exited_ok && run.json.is_object()) << run.output;
    EXPECT_EQ(run.json.at("scenario").as_string(), "auth");
    for (const char* phase : {"sign_ups", "logins"}) {
        EXPECT_GT(run.json.at(phase).at("succeeded").to_number<double>(), 0) << phase << run.output;
        EXPECT_EQ(run.json.at(phase).at("errors").to_number<double>(), 0) << phase << run.output;
    }
    EXPECT_TRUE(run.json.at("passed").as_bool()) << run.output;
}

TEST(TixbenchSmoke, QueueLoadJoinsAndPolls) {
    const TixbenchRun run = RunTixbench(
        "queue-load", "", "--scenario queue-load --users 300 --connections 10 --duration 0.5");
    ASSERT_TRUE(run.exited_ok && run.json.is_object()) << run.output;
    EXPECT_EQ(run.json.at("scenario").as_string(), "queue-load");
    EXPECT_GT(run.json.at("joins").at("succeeded").to_number<double>(), 0) << run.output;
    EXPECT_GT(run.json.at("polls").at("succeeded").to_number<double>(), 0) << run.output;
    EXPECT_EQ(run.json.at("errors").to_number<double>(), 0) << run.output;
    EXPECT_TRUE(run.json.at("passed").as_bool()) << run.output;
}

}  // namespace
