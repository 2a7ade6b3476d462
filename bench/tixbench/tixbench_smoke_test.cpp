// Black-box smoke test: a real tixd on loopback, a small hot-row run of the real tixbench, and
// the run's own verification must pass. Label `bench`.
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

TEST(TixbenchSmoke, HotRowRunVerifiesThroughTheApi) {
    const fs::path dir =
        fs::temp_directory_path() / ("tixbench-smoke-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        Tixd tixd(dir);
        const int port = tixd.WaitForPort();
        ASSERT_GT(port, 0) << "tixd did not start";
        const fs::path json_path = dir / "hot-row.json";
        const std::string command =
            std::string(TIXBENCH_PATH) + " --target 127.0.0.1:" + std::to_string(port) +
            " --scenario hot-row --users 300 --connections 20 --json " + json_path.string() +
            " > " + (dir / "out.txt").string() + " 2>&1";
        const int status = std::system(command.c_str());
        const std::string output = ReadFile(dir / "out.txt");
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
        const boost::json::value run = boost::json::parse(ReadFile(json_path));
        EXPECT_EQ(run.at("scenario").as_string(), "hot-row");
        EXPECT_GT(run.at("holds_ok").to_number<double>(), 0) << output;
        EXPECT_EQ(run.at("errors").to_number<double>(), 0) << output;
        EXPECT_TRUE(run.at("verification").at("passed").as_bool()) << output;
    }
    fs::remove_all(dir);
}

TEST(TixbenchSmoke, AuthRunSignsUpAndLogsIn) {
    const fs::path dir =
        fs::temp_directory_path() / ("tixbench-auth-smoke-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        Tixd tixd(dir);
        const int port = tixd.WaitForPort();
        ASSERT_GT(port, 0) << "tixd did not start";
        const fs::path json_path = dir / "auth.json";
        const std::string command = std::string(TIXBENCH_PATH) +
                                    " auth --target 127.0.0.1:" + std::to_string(port) +
                                    " --connections 4 --duration 1 --json " + json_path.string() +
                                    " > " + (dir / "out.txt").string() + " 2>&1";
        const int status = std::system(command.c_str());
        const std::string output = ReadFile(dir / "out.txt");
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
        const boost::json::value run = boost::json::parse(ReadFile(json_path));
        EXPECT_EQ(run.at("scenario").as_string(), "auth");
        for (const char* phase : {"sign_ups", "logins"}) {
            EXPECT_GT(run.at(phase).at("succeeded").to_number<double>(), 0) << phase << output;
            EXPECT_EQ(run.at(phase).at("errors").to_number<double>(), 0) << phase << output;
        }
        EXPECT_TRUE(run.at("passed").as_bool()) << output;
    }
    fs::remove_all(dir);
}

}  // namespace
