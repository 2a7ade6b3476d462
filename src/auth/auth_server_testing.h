// A real HTTP server with every auth route (register, login, refresh, logout, me, bulk users,
// ban, member weights, health) over a fresh SQLite file, a manual clock and the minimum hashing
// cost, and a client for them. Tests only: a GoogleTest fixture, used from the test's thread.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "auth/auth_routes.h"
#include "auth/ban_routes.h"
#include "auth/bulk_user_routes.h"
#include "auth/user_weight_routes.h"
#include "common/clock.h"
#include "common/temp_dir.h"
#include "http/testing.h"

namespace tix::auth::test_support {

// What the route tests read answers with (`using namespace test_support;` brings them in).
using http::Response;
using http::beast_http::status;
using http::test_support::BodyJson;
using http::test_support::ProblemCode;

inline constexpr TimePoint kStart = FromUnixMillis(1'796'467'800'000);  // 2026-12-05T10:50:00Z
inline constexpr char kPassword[] = "river-otter-42";

// The server's signing key.
inline TokenKey ServerKey() {
    TokenKey key;
    key.fill(0x5a);
    return key;
}

class AuthServerTest : public ::testing::Test {
  protected:
    struct Options {
        PasswordHasher::Options hasher{.cost = HashCost::kMinimum};
        std::optional<LoginLimits> login_limits;  // none: no failed-login or sign-up limits
    };

    AuthServerTest() : AuthServerTest(Options{}) {}
    explicit AuthServerTest(const Options& options)
        : users_(UserDirectory::Open(dir_.File("tix.db")).value()),
          refresh_tokens_(RefreshTokenStore::Open(dir_.File("tix.db")).value()),
          hasher_(options.hasher),
          signer_(ServerKey()) {
        if (options.login_limits) guard_ = std::make_unique<LoginGuard>(*options.login_limits);
        const Clock clock = [this] { return clock_.Now(); };
        auto router = std::make_shared<http::Router>(MakeTokenVerifier(signer_, *users_, clock));
        const AuthServices services{*users_,         hasher_, signer_,     *refresh_tokens_,
                                    account_writer_, clock,   guard_.get()};
        AddAuthRoutes(*router, services);
        AddBulkUserRoutes(*router, services);
        AddBanRoutes(*router, services, [this](UserId user_id, std::function<void(bool)> done) {
            BanFollowUp follow_up;
            {
                std::lock_guard lock(ban_follow_up_mutex_);
                follow_up = ban_follow_up_;
            }
            if (!follow_up) return done(true);
            follow_up(user_id, std::move(done));
        });
        AddUserWeightRoutes(*router, services);
        AddHealthRoutes(*router, [this](boost::json::object& body) {
            if (degraded_) body["status"] = "degraded";
        });
        server_ = std::make_unique<http::test_support::TestServer>(std::move(router));
    }
    ~AuthServerTest() override { StopServer(); }

    // The pools first: a job that has just answered may still hold its connection's responder
    // (and so the session), which must go before the server's io_context does.
    void StopServer() {
        hasher_.Shutdown();
        account_writer_.Stop();
        server_.reset();
    }

    http::Response PostText(std::string_view target, std::string body,
                            std::string_view token = {}) {
        http::test_support::TestClient client(server_->port());
        auto request = http::test_support::TestClient::MakeRequest(http::beast_http::verb::post,
                                                                   target, std::move(body));
        if (!token.empty()) {
            request.set(http::beast_http::field::authorization, "Bearer " + std::string(token));
        }
        return client.Send(request);
    }
    http::Response Post(std::string_view target, const boost::json::object& body,
                        std::string_view token = {}) {
        return PostText(target, boost::json::serialize(body), token);
    }
    http::Response PatchText(std::string_view target, std::string body, std::string_view token) {
        http::test_support::TestClient client(server_->port());
        auto request = http::test_support::TestClient::MakeRequest(http::beast_http::verb::patch,
                                                                   target, std::move(body));
        request.set(http::beast_http::field::authorization, "Bearer " + std::string(token));
        return client.Send(request);
    }
    http::Response Get(std::string_view target, std::string_view token = {}) {
        http::test_support::TestClient client(server_->port());
        return client.Get(target, token);
    }
    http::Response Me(std::string_view access_token) {
        return Get("/api/v1/auth/me", access_token);
    }
    http::Response Register(std::string_view email, std::string_view password = kPassword,
                            std::string_view name = "Fan") {
        return Post("/api/v1/auth/register",
                    {{"email", email}, {"password", password}, {"name", name}});
    }
    // Registers `email` and returns the answer's JSON (empty after a failed expectation).
    boost::json::object SignUp(std::string_view email) {
        const http::Response response = Register(email);
        EXPECT_EQ(response.result(), http::beast_http::status::created) << response.body();
        return http::test_support::BodyJson(response);
    }
    http::Response Login(std::string_view email, std::string_view password = kPassword) {
        return Post("/api/v1/auth/login", {{"email", email}, {"password", password}});
    }
    http::Response Refresh(std::string_view refresh_token) {
        return Post("/api/v1/auth/refresh", {{"refresh_token", refresh_token}});
    }
    http::Response Logout(std::string_view refresh_token) {
        return Post("/api/v1/auth/logout", {{"refresh_token", refresh_token}});
    }
    http::Response Ban(std::uint64_t user_id, std::string_view admin_token) {
        return Post("/api/v1/admin/users/" + std::to_string(user_id) + "/ban", {}, admin_token);
    }
    // A member of an answer's JSON body as text ("" when absent).
    static std::string Field(const boost::json::object& body, std::string_view name) {
        const boost::json::value* value = body.if_contains(name);
        return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
    }
    static UserId UserIdOf(const boost::json::object& body) {
        const boost::json::value* value = body.if_contains("user_id");
        return value != nullptr && value->is_int64() ? UserId{value->to_number<std::uint64_t>()}
                                                     : UserId{};
    }
    // An account made offline (as `tixd admin create-user` would, without a usable password)
    // and an access token of it.
    std::string TokenOfNew(std::string_view email, Role role) {
        const Result<User> user = users_->Create(email, "Someone", "!", role, kStart);
        EXPECT_TRUE(user.ok());
        return user.ok() ? signer_.Issue(user->user_id, role, clock_.Now()) : "";
    }
    std::string AdminToken(std::string_view email = "admin@example.com") {
        return TokenOfNew(email, Role::kAdmin);
    }

    TempDir dir_;
    std::unique_ptr<UserDirectory> users_;
    std::unique_ptr<RefreshTokenStore> refresh_tokens_;
    PasswordHasher hasher_;
    HashingPool account_writer_{AccountWriterLimits()};
    TokenSigner signer_;
    std::unique_ptr<LoginGuard> guard_;
    ManualClock clock_{kStart};
    std::atomic<bool> degraded_{false};  // what GET /health reports
    // What the ban route's follow-up does from now on; unset: it succeeds at once.
    void SetBanFollowUp(BanFollowUp follow_up) {
        std::lock_guard lock(ban_follow_up_mutex_);
        ban_follow_up_ = std::move(follow_up);
    }

    std::mutex ban_follow_up_mutex_;  // the account writer's thread reads what the test sets
    BanFollowUp ban_follow_up_;       // guarded by ban_follow_up_mutex_
    std::unique_ptr<http::test_support::TestServer> server_;
};

}  // namespace tix::auth::test_support
