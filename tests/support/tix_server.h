// TixServer: a tixd on a fresh data directory of its own, with an admin account made the way an
// operator makes one (`tixd admin create-user --admin` before the server starts), plus helpers to
// sign up users over the API. Tests only; use from the test's main thread except NewUser, which
// any thread may call.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/temp_dir.h"
#include "support/http_client.h"
#include "support/tix_api.h"
#include "support/tixd_process.h"

namespace tix::test {

inline constexpr char kAdminEmail[] = "root@blackbox.tix";
inline constexpr char kAdminPassword[] = "admin-password-42";
inline constexpr char kUserPassword[] = "user-password-42";

// A user signed up over the API, with a client that carries the user's token.
struct TestUser {
    std::string email;
    std::string password;
    boost::json::value user_id;
    std::unique_ptr<HttpClient> client;

    bool ok() const { return client != nullptr && !client->token().empty(); }
    HttpClient& http() { return *client; }
};

class TixServer {
  public:
    struct Options {
        std::vector<std::string> extra_args;  // e.g. {"--demo"}
        bool create_admin = true;
        std::string password_cost = "minimum";  // tixd --password-cost
    };

    // Creates the admin offline, then starts tixd. Check ok(); error() says why not.
    TixServer();
    explicit TixServer(Options options);
    ~TixServer();

    bool ok() const { return error_.empty() && process_ && process_->started(); }
    const std::string& error() const { return error_; }
    std::uint16_t port() const { return process_ ? process_->port() : 0; }
    const std::filesystem::path& data_dir() const { return data_.path(); }
    TixdProcess& process() { return *process_; }

    // SIGKILLs the server (as a crash would) and reports how it ended.
    ExitStatus Crash();
    // Graceful stop: SIGTERM and wait.
    ExitStatus Stop();
    // Starts a new tixd on the same data directory (after Crash or Stop). Returns ok().
    bool Restart();

    // A new client of this server, without a token.
    std::unique_ptr<HttpClient> NewClient() const;
    // The admin's client, logged in on first use (again after Restart).
    HttpClient& admin();
    // Registers a new user with a unique email (tagged `tag`) through POST /api/v1/auth/register.
    // On failure adds a test failure and returns a user whose ok() is false.
    TestUser NewUser(std::string_view tag = "fan");

    // POST /api/v1/events as the admin; the created event, or null after adding a test failure.
    boost::json::value CreateEvent(const EventDraft& draft);

  private:
    bool Start();

    Options options_;
    TempDir data_;
    std::unique_ptr<TixdProcess> process_;
    std::unique_ptr<HttpClient> admin_;
    std::string error_;
    std::atomic<int> next_user_{0};
};

}  // namespace tix::test
