#include "auth/bulk_user_routes.h"

#include <gtest/gtest.h>

#include "auth/auth_server_testing.h"

namespace tix::auth {
namespace {

using http::Response;
using http::beast_http::status;
using http::test_support::BodyJson;
using http::test_support::ProblemCode;
using http::test_support::TestClient;

constexpr TimePoint kNow = test_support::kStart;

class BulkUserRoutesTest : public test_support::AuthServerTest {
  protected:
    // The verifier looks the token's user up: the admin and the fan exist.
    BulkUserRoutesTest()
        : admin_token_(TokenOfNew("admin@x.local", Role::kAdmin)),
          fan_token_(TokenOfNew("fan@x.local", Role::kUser)) {}

    Response Bulk(std::string body, std::string_view token) {
        return PostText("/api/v1/admin/users/bulk", std::move(body), token);
    }

    const std::string admin_token_;
    const std::string fan_token_;
    // The admin and the fan of the tokens.
    static constexpr std::size_t kUsersBefore = 2;
};

TEST_F(BulkUserRoutesTest, CreatesNumberedUsersWithWorkingTokens) {
    const Response response =
        Bulk(R"({"count":3,"email_prefix":"Fan-","email_domain":"bench.local","start":10})",
             admin_token_);
    ASSERT_EQ(response.result(), status::created) << response.body();
    const auto body = BodyJson(response);
    EXPECT_EQ(body.at("token_type").as_string(), "Bearer");
    const auto& listed = body.at("users").as_array();
    ASSERT_EQ(listed.size(), 3u);
    for (std::size_t i = 0; i < listed.size(); ++i) {
        const auto& user = listed[i].as_object();
        const std::string email = "fan-" + std::to_string(10 + i) + "@bench.local";
        EXPECT_EQ(user.at("email").as_string(), email);
        const auto stored = users_->FindByEmail(email);
        ASSERT_TRUE(stored.has_value());
        EXPECT_EQ(UserId{user.at("user_id").to_number<std::uint64_t>()}, stored->user_id);
        const VerifiedToken token = signer_.Verify(user.at("access_token").as_string(), kNow);
        ASSERT_TRUE(token.ok());
        EXPECT_EQ(token.claims.user_id, stored->user_id);
        EXPECT_EQ(token.claims.role, Role::kUser);
    }
}

TEST_F(BulkUserRoutesTest, BulkAccountsCannotLogIn) {
    ASSERT_EQ(Bulk(R"({"count":1,"email_prefix":"x","email_domain":"bench.local"})", admin_token_)
                  .result(),
              status::created);
    TestClient client(server_->port());
    for (const char* password : {"!no-password", "12345678"}) {
        const Response login = client.PostJson(
            "/api/v1/auth/login",
            std::string(R"({"email":"x0@bench.local","password":")") + password + "\"}");
        EXPECT_EQ(login.result(), status::unauthorized) << password;
        EXPECT_EQ(ProblemCode(login), "bad_credentials");
    }
}

TEST_F(BulkUserRoutesTest, TakenEmailCreatesNothing) {
    ASSERT_EQ(Bulk(R"({"count":1,"email_prefix":"u","email_domain":"bench.local","start":5})",
                   admin_token_)
                  .result(),
              status::created);
    const Response clash =
        Bulk(R"({"count":10,"email_prefix":"u","email_domain":"bench.local"})", admin_token_);
    EXPECT_EQ(clash.result(), status::conflict);
    EXPECT_EQ(ProblemCode(clash), "email_taken");
    EXPECT_EQ(users_->size(), kUsersBefore + 1);
    EXPECT_FALSE(users_->FindByEmail("u0@bench.local").has_value());
}

TEST_F(BulkUserRoutesTest, AdminsOnly) {
    const std::string body = R"({"count":1,"email_prefix":"u","email_domain":"bench.local"})";
    EXPECT_EQ(Bulk(body, "").result(), status::unauthorized);
    EXPECT_EQ(Bulk(body, fan_token_).result(), status::forbidden);
    EXPECT_EQ(users_->size(), kUsersBefore);
}

TEST_F(BulkUserRoutesTest, BadRequestsChangeNothing) {
    struct Case {
        const char* body;
        const char* code;
    };
    for (const Case& c : {
             Case{R"({"count":0,"email_prefix":"u","email_domain":"b.local"})", "invalid_field"},
             Case{R"({"count":10001,"email_prefix":"u","email_domain":"b.local"})",
                  "invalid_field"},
             Case{R"({"count":1.5,"email_prefix":"u","email_domain":"b.local"})", "invalid_field"},
             Case{R"({"count":1,"email_domain":"b.local"})", "invalid_field"},
             Case{R"({"count":1,"email_prefix":"u","email_domain":"b.local","role":"admin"})",
                  "invalid_field"},
             Case{R"({"count":1,"email_prefix":"u","email_domain":"b.local","start":-1})",
                  "invalid_field"},
             Case{R"({"count":1,"email_prefix":"a b","email_domain":"b.local"})", "invalid_email"},
             Case{R"({"count":1,"email_prefix":"u","email_domain":"nodot"})", "invalid_email"},
             Case{R"([1])", "malformed_json"},
         }) {
        const Response response = Bulk(c.body, admin_token_);
        EXPECT_EQ(response.result(), status::bad_request) << c.body;
        EXPECT_EQ(ProblemCode(response), c.code) << c.body;
    }
    EXPECT_EQ(users_->size(), kUsersBefore);
}

}  // namespace
}  // namespace tix::auth
