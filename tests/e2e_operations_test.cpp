// End-to-end tests of tixd as an operator runs it: the admin command line, start-up failures
// that must end the process with an error instead of serving, and a clean SIGTERM shutdown.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;

// A tixd that should refuse to start gets this long to say so before it counts as serving.
constexpr auto kRefusalTimeout = std::chrono::seconds(5);

using Operations = TixTest;

TEST_F(Operations, CreateUserRefusesATakenEmailAndAWeakPassword) {
    const std::string data = server().data_dir().string();
    const CommandResult taken = RunTixdCommand({"admin", "create-user", "--data", data, "--email",
                                                kAdminEmail, "--password", "another-password"});
    EXPECT_TRUE(taken.status.exited && taken.status.code != 0)
        << taken.status.ToString() << ": " << taken.output;
    const CommandResult weak = RunTixdCommand({"admin", "create-user", "--data", data, "--email",
                                               "weak@blackbox.tix", "--password", "short"});
    EXPECT_TRUE(weak.status.exited && weak.status.code != 0)
        << weak.status.ToString() << ": " << weak.output;

    auto client = server().NewClient();
    EXPECT_FALSE(client->Login(kAdminEmail, kAdminPassword).empty())
        << "the refused create-user must not have changed the admin's password";
    const Response weak_login = client->Post(
        "/api/v1/auth/login", json::object{{"email", "weak@blackbox.tix"}, {"password", "short"}});
    EXPECT_EQ(weak_login.status, 401) << weak_login;
}

TEST_F(Operations, WithoutTestClockTheClockCannotBeMoved) {
    EXPECT_TRUE(IsProblem(AdvanceClock(server().admin(), 60), 404, {"not_found"}));
}

TEST(CommandLine, CreateUserReadsThePasswordFromStandardInput) {
    TempDir data;
    const std::string password = "from-stdin password 42";
    const CommandResult created =
        RunTixdCommand({"admin", "create-user", "--data", data.path().string(), "--email",
                        "stdin@blackbox.tix", "--password-stdin", "--name", "Stdin"},
                       kCommandTimeout, password + "\n");
    ASSERT_TRUE(created.status.Clean()) << created.status.ToString() << ": " << created.output;
    EXPECT_EQ(created.output.find(password), std::string::npos) << "never echo the password";

    // Without input, or with --password too, nothing is created.
    const CommandResult no_input =
        RunTixdCommand({"admin", "create-user", "--data", data.path().string(), "--email",
                        "nothing@blackbox.tix", "--password-stdin"});
    EXPECT_TRUE(no_input.status.exited && no_input.status.code != 0) << no_input.output;
    const CommandResult both =
        RunTixdCommand({"admin", "create-user", "--data", data.path().string(), "--email",
                        "both@blackbox.tix", "--password", "another-password", "--password-stdin"},
                       kCommandTimeout, "third-password\n");
    EXPECT_TRUE(both.status.exited && both.status.code != 0) << both.output;

    TixdProcess server(TixdOptions{.data_dir = data.path()});
    ASSERT_TRUE(server.started()) << server.error();
    HttpClient client(server.port());
    EXPECT_FALSE(client.Login("stdin@blackbox.tix", password).empty());
    // The newline ended the password; it is not part of it.
    const Response with_newline =
        client.Post("/api/v1/auth/login",
                    json::object{{"email", "stdin@blackbox.tix"}, {"password", password + "\n"}});
    EXPECT_EQ(with_newline.status, 401) << with_newline;
    for (const char* email : {"nothing@blackbox.tix", "both@blackbox.tix"}) {
        const Response login = client.Post(
            "/api/v1/auth/login", json::object{{"email", email}, {"password", "third-password"}});
        EXPECT_EQ(login.status, 401) << email << ": " << login;
    }
}

TEST_F(Operations, ServeOnAPortInUseExitsWithAnError) {
    TempDir other_data;
    const CommandResult second = RunTixdCommand(
        {"serve", "--listen", "127.0.0.1:" + std::to_string(server().port()), "--data",
         other_data.path().string(), "--password-cost", "minimum", "--log-level", "warn"},
        kRefusalTimeout);
    EXPECT_FALSE(second.status.timed_out) << "tixd kept running without its port";
    EXPECT_TRUE(second.status.exited && second.status.code != 0)
        << second.status.ToString() << ": " << second.output;
    EXPECT_EQ(server().NewClient()->Get("/health").status, 200);
}

TEST_F(Operations, SecondServerOnTheSameDataDirectoryRefusesToStart) {
    // A demanding reading (the issue is silent): two servers on one data directory each keep
    // their own seat map in memory, so both would sell the same seat. The second must refuse.
    const CommandResult second =
        RunTixdCommand({"serve", "--listen", "127.0.0.1:0", "--data", server().data_dir().string(),
                        "--password-cost", "minimum", "--log-level", "warn"},
                       kRefusalTimeout);
    EXPECT_FALSE(second.status.timed_out) << "a second tixd served the same data directory for "
                                          << kRefusalTimeout.count() << " s: " << second.output;
    EXPECT_TRUE(second.status.exited && second.status.code != 0) << second.status.ToString();
    EXPECT_EQ(server().NewClient()->Get("/health").status, 200);
}

TEST_F(Operations, SigtermStopsTheServerCleanlyAndItsDataReopens) {
    const json::value event_id = CreateEvent();
    ASSERT_FALSE(event_id.is_null());
    const ExitStatus stopped = server().Stop();
    EXPECT_TRUE(stopped.Clean()) << stopped.ToString();
    ASSERT_TRUE(server().Restart()) << server().error();
    const Response event = server().admin().Get("/api/v1/events/" + IdText(event_id));
    EXPECT_EQ(event.status, 200) << event;
}

// The data directory holds emails, password hashes and the token signing key: nobody but tixd's
// user may read any of it, whatever umask tixd was started with.
TEST(OperationsWithoutFixture, DataDirectoryAndDatabaseAreCreatedPrivate) {
    namespace fs = std::filesystem;
    TempDir parent;
    const fs::path data = parent.path() / "data";  // tixd creates it
    const mode_t caller_umask = ::umask(022);      // a usual login umask: files 0644, dirs 0755
    TixdOptions options;
    options.data_dir = data;
    TixdProcess tixd(options);
    ::umask(caller_umask);
    ASSERT_TRUE(tixd.started()) << tixd.error();

    // "700": the permission bits in octal, as ls and chmod show them.
    const auto mode = [](const fs::path& path) {
        struct stat info {};
        if (::stat(path.c_str(), &info) != 0) return std::string("missing");
        char octal[8];
        std::snprintf(octal, sizeof(octal), "%o", static_cast<unsigned>(info.st_mode & 0777));
        return std::string(octal);
    };
    EXPECT_EQ(mode(data), "700") << data;
    // While tixd runs, SQLite keeps the write-ahead log and its index beside the database.
    for (const char* name : {"tix.db", "tix.db-wal", "tix.db-shm", "secret.key", "LOCK"}) {
        EXPECT_EQ(mode(data / name), "600") << name;
    }
    EXPECT_TRUE(tixd.Terminate().Clean());
}

}  // namespace
}  // namespace tix::test
