#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "common/temp_dir.h"

namespace tix::app {
namespace {

Command Parse(std::vector<std::string> args) {
    args.insert(args.begin(), "tixd");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

TEST(Config, ServeIsTheDefaultWithSafeDefaults) {
    const auto config = std::get<ServeConfig>(Parse({}));
    EXPECT_EQ(config.listen_host, "127.0.0.1");
    EXPECT_EQ(config.listen_port, 8080);
    EXPECT_EQ(config.data_dir, "./var");
    EXPECT_EQ(config.password_cost, "standard");
    EXPECT_FALSE(config.demo);
}

TEST(Config, ReadsServeOptionsWithOrWithoutTheSubcommand) {
    for (const bool with_subcommand : {false, true}) {
        std::vector<std::string> args{"--listen", "127.0.0.1:0", "--data", "/tmp/x", "--demo"};
        if (with_subcommand) args.insert(args.begin(), "serve");
        const auto config = std::get<ServeConfig>(Parse(args));
        EXPECT_EQ(config.listen_port, 0);
        EXPECT_EQ(config.data_dir, "/tmp/x");
        EXPECT_TRUE(config.demo);
    }
}

TEST(Config, ReadsEnvironmentAndConfigFileAndRejectsUnknownKeys) {
    TempDir dir;
    std::ofstream(dir.File("tixd.toml")) << "data = \"/srv/tix\"\nthreads = 3\n";
    ::setenv("TIXD_LISTEN", "0.0.0.0:9000", 1);
    const auto config = std::get<ServeConfig>(Parse({"--config", dir.File("tixd.toml")}));
    ::unsetenv("TIXD_LISTEN");
    EXPECT_EQ(config.listen_host, "0.0.0.0");
    EXPECT_EQ(config.listen_port, 9000);
    EXPECT_EQ(config.data_dir, "/srv/tix");
    EXPECT_EQ(config.io_threads, 3u);

    std::ofstream(dir.File("bad.toml")) << "datta = \"/srv/tix\"\n";
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--config", dir.File("bad.toml")})));
}

TEST(Config, RejectsBadValues) {
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--listen", "nonsense"})));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--listen", "127.0.0.1:70000"})));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--password-cost", "none"})));
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"--frobnicate"})));
    EXPECT_NE(std::get<ExitNow>(Parse({"--frobnicate"})).code, 0);
}

TEST(Config, CreateUserNeedsEmailAndPassword) {
    const auto create =
        std::get<CreateUserConfig>(Parse({"admin", "create-user", "--data", "d", "--email",
                                          "a@b.co", "--password", "longpassword", "--admin"}));
    EXPECT_EQ(create.email, "a@b.co");
    EXPECT_EQ(create.name, "a@b.co");
    EXPECT_TRUE(create.admin);
    EXPECT_FALSE(create.password_from_stdin);
    EXPECT_EQ(create.password, "longpassword");
    EXPECT_TRUE(std::holds_alternative<ExitNow>(Parse({"admin", "create-user", "--email", "x"})));
}

TEST(Config, CreateUserTakesThePasswordFromStandardInputInstead) {
    const auto create = std::get<CreateUserConfig>(
        Parse({"admin", "create-user", "--email", "a@b.co", "--password-stdin"}));
    EXPECT_TRUE(create.password_from_stdin);
    EXPECT_EQ(create.password, "");
    // One source of the password, not both.
    EXPECT_TRUE(
        std::holds_alternative<ExitNow>(Parse({"admin", "create-user", "--email", "a@b.co",
                                               "--password", "longpassword", "--password-stdin"})));
    EXPECT_NE(std::get<ExitNow>(Parse({"admin", "create-user", "--email", "a@b.co"})).code, 0);
}

}  // namespace
}  // namespace tix::app
