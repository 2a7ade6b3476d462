// A real HTTP server with every auth route (register, login, refresh, logout, me, ban) over a
// fresh SQLite file, a manual clock and the minimum hashing cost, and a client for them. Tests
// only: a GoogleTest fixture, used from the test's thread.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "auth/auth_routes.h"
#include "auth/ban_routes.h"
#include "common/clock.h"
#include "common/temp_dir.h"
#include "http/testing.h"

namespace tix::auth::test_support {

inline constexpr TimePoint kStart = FromUnixMillis(1'796'467'800'000);  // 2026-12-05T10:50:00Z
inline constexpr char kPassword[] = "river-otter-42";

class AuthServerTest : public ::testing::Test {
  protected:
    AuthServerTest()
        : users_(UserDirectory::Open(dir_.File("tix.db")).value()),
          refresh_tokens_(RefreshTokenStore::Open(dir_.File("tix.db")).value()),
          hasher_(PasswordHasher::Options{.cost = HashCost::kMinimum}),
          signer_(TokenKey{}) {
        const Clock clock = [this] { return clock_.Now(); };
        auto router = std::make_shared<http::Router>(MakeTokenVerifier(signer_, *users_, clock));
        const AuthServices services{*users_,          hasher_,         signer_,
                                    *refresh_tokens_, account_writer_, clock};
        AddAuthRoutes(*router, services);
        AddBanRoutes(*router, services, [this](UserId user_id, std::function<void(bool)> done) {
            if (!ban_follow_up_) return done(true);
            ban_follow_up_(user_id, std::move(done));
        });
        server_ = std::make_unique<http::test_support::TestServer>(std::move(router));
    }
    // The pools first: a job that has just answered may still hold its connection's responder.
    ~AuthServerTest() override {
        hasher_.Shutdown();
        account_writer_.Stop();
        server_.reset();
    }

    http::Response Post(std::string_view target, const boost::json::object& body,
                        std::string_view token = {}) {
        http::test_support::TestClient client(server_->port());
        auto request = http::test_support::TestClient::MakeRequest(
            http::beast_http::verb::post, target, boost::json::serialize(body));
        if (!token.empty()) {
            request.set(http::beast_http::field::authorization, "Bearer " + std::string(token));
        }
        return client.Send(request);
    }
    http::Response Me(std::string_view access_token) {
        http::test_support::TestClient client(server_->port());
        return client.Get("/api/v1/auth/me", access_token);
    }
    // Registers `email` and returns the answer's JSON (empty after a failed expectation).
    boost::json::object Register(std::string_view email) {
        const http::Response response = Post(
            "/api/v1/auth/register", {{"email", email}, {"password", kPassword}, {"name", "Fan"}});
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
    // An admin made offline (as `tixd admin create-user --admin` would) and its access token.
    std::string AdminToken(std::string_view email = "admin@example.com") {
        const Result<User> admin = users_->Create(email, "Admin", "!", Role::kAdmin, kStart);
        EXPECT_TRUE(admin.ok());
        return admin.ok() ? signer_.Issue(admin->user_id, Role::kAdmin, clock_.Now()) : "";
    }

    TempDir dir_;
    std::unique_ptr<UserDirectory> users_;
    std::unique_ptr<RefreshTokenStore> refresh_tokens_;
    PasswordHasher hasher_;
    HashingPool account_writer_{AccountWriterLimits()};
    TokenSigner signer_;
    ManualClock clock_{kStart};
    // What the ban route's follow-up does; unset: succeeds at once. Set before the server runs a
    // ban (the route reads it on the account writer's thread).
    BanFollowUp ban_follow_up_;
    std::unique_ptr<http::test_support::TestServer> server_;
};

}  // namespace tix::auth::test_support
