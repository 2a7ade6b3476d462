// The login defences through the real routes on a real server: failed logins and sign-ups limited
// (429 rate_limited with Retry-After), and every failed login costing the same one hash, whether
// the email is unknown, the account has no password, or the password is wrong.
#include <gtest/gtest.h>

#include <atomic>

#include "auth/auth_server_testing.h"
#include "auth/registration.h"

namespace tix::auth {
namespace {

using http::Response;
using http::beast_http::field;
using http::beast_http::status;
using http::test_support::ProblemCode;
using std::chrono::hours;

using test_support::kPassword;
using test_support::kStart;

// Small limits, so that the tests reach them: 3 failures an hour per email, 10 per address,
// 3 sign-ups an hour per address, loopback included (the test server is on 127.0.0.1).
LoginLimits TestLimits() {
    LoginLimits limits;
    limits.failed_logins_per_account = {3, hours{1}, 3};
    limits.failed_logins_per_ip = {10, hours{1}, 10};
    limits.registrations_per_ip = {3, hours{1}, 3};
    limits.limit_loopback = true;
    return limits;
}

class LoginDefenceTest : public test_support::AuthServerTest {
  protected:
    LoginDefenceTest() : AuthServerTest({.login_limits = TestLimits()}) {}
};

TEST_F(LoginDefenceTest, EveryFailedLoginCostsOneVerificationAtTheConfiguredCost) {
    ASSERT_EQ(Register("fan@example.com").result(), status::created);
    // As `tixd admin create-user` makes it, at the server's cost.
    const Result<User> root = CreateUserOffline(*users_, hasher_, "root@example.com", kPassword,
                                                "Root", Role::kAdmin, kStart);
    ASSERT_TRUE(root.ok());
    const Response bulk = Post("/api/v1/admin/users/bulk",
                               {{"count", 1}, {"email_prefix", "bulk"}, {"email_domain", "b.tix"}},
                               signer_.Issue(root->user_id, Role::kAdmin, kStart));
    ASSERT_EQ(bulk.result(), status::created) << bulk.body();
    // A banned account, with its right password.
    const Response banned = Register("banned@example.com");
    ASSERT_EQ(banned.result(), status::created);
    ASSERT_TRUE(users_->Ban(UserIdOf(http::test_support::BodyJson(banned)), kStart).ok());

    struct Case {
        const char* email;
        const char* password;
    };
    const Case failures[] = {
        {"fan@example.com", "wrong horse"},    {"root@example.com", "wrong horse"},
        {"nobody@example.com", "wrong horse"}, {"bulk0@b.tix", "wrong horse"},
        {"bulk0@b.tix", "!no-password"},  // the mark a password-less account stores
        {"banned@example.com", kPassword},
    };
    std::string first_body;
    for (const Case& c : failures) {
        const std::uint64_t verified = hasher_.verifications();
        const std::uint64_t at_cost = hasher_.verifications_at_own_cost();
        const Response login = Login(c.email, c.password);
        EXPECT_EQ(login.result(), status::unauthorized) << c.email;
        EXPECT_EQ(ProblemCode(login), "bad_credentials") << c.email;
        if (first_body.empty()) first_body = login.body();
        EXPECT_EQ(login.body(), first_body) << c.email;
        EXPECT_EQ(hasher_.verifications(), verified + 1) << c.email;
        EXPECT_EQ(hasher_.verifications_at_own_cost(), at_cost + 1) << c.email;
    }
    const std::uint64_t verified = hasher_.verifications();
    EXPECT_EQ(Login("fan@example.com", kPassword).result(), status::ok);
    EXPECT_EQ(hasher_.verifications(), verified + 1);
}

TEST_F(LoginDefenceTest, FailedLoginsOfAnEmailAre429WithRetryAfterAndCostNoHash) {
    ASSERT_EQ(Register("ana@example.com").result(), status::created);
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(Login("ana@example.com", "wrong horse").result(), status::unauthorized) << i;
    }
    const std::uint64_t verified = hasher_.verifications();
    const Response refused = Login("ana@example.com", "wrong horse");
    EXPECT_EQ(refused.result(), status::too_many_requests);
    EXPECT_EQ(ProblemCode(refused), "rate_limited");
    EXPECT_EQ(refused[field::retry_after], "1200");  // one failure's worth: 20 minutes
    // Locked out for now even with the right password, from anywhere: the email is limited.
    EXPECT_EQ(Login("ANA@example.com", kPassword).result(), status::too_many_requests);
    EXPECT_EQ(hasher_.verifications(), verified) << "a refused login spends no hash";

    clock_.Advance(std::chrono::minutes{20});
    EXPECT_EQ(Login("ana@example.com", kPassword).result(), status::ok);
}

TEST_F(LoginDefenceTest, AnUnknownEmailIsLimitedExactlyLikeAKnownOne) {
    ASSERT_EQ(Register("ana@example.com").result(), status::created);
    for (const char* email : {"ana@example.com", "nobody@example.com"}) {
        for (int i = 0; i < 3; ++i) {
            ASSERT_EQ(Login(email, "wrong horse").result(), status::unauthorized) << email;
        }
    }
    const Response known = Login("ana@example.com", "wrong horse");
    const Response unknown = Login("nobody@example.com", "wrong horse");
    EXPECT_EQ(known.result(), status::too_many_requests);
    EXPECT_EQ(unknown.result(), status::too_many_requests);
    EXPECT_EQ(known.body(), unknown.body());
    EXPECT_EQ(known[field::retry_after], unknown[field::retry_after]);
}

TEST_F(LoginDefenceTest, SuccessfulLoginsDoNotCount) {
    ASSERT_EQ(Register("ana@example.com").result(), status::created);
    for (int i = 0; i < 10; ++i) {
        ASSERT_EQ(Login("ana@example.com", kPassword).result(), status::ok) << i;
    }
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(Login("ana@example.com", "wrong horse").result(), status::unauthorized) << i;
    }
    EXPECT_EQ(Login("ana@example.com", "wrong horse").result(), status::too_many_requests);
}

TEST_F(LoginDefenceTest, FailedLoginsFromOneAddressAreLimitedAcrossEmails) {
    for (int i = 0; i < 10; ++i) {
        const std::string email = "guess" + std::to_string(i) + "@example.com";
        ASSERT_EQ(Login(email, "wrong horse").result(), status::unauthorized) << i;
    }
    const Response refused = Login("guess10@example.com", "wrong horse");
    EXPECT_EQ(refused.result(), status::too_many_requests);
    EXPECT_EQ(refused[field::retry_after], "360");
}

TEST_F(LoginDefenceTest, SignUpsPerAddressAreLimitedAndRefusedOnesDoNotCount) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(Register("weak" + std::to_string(i) + "@example.com", "password1").result(),
                  status::bad_request);
        ASSERT_EQ(Register("fan" + std::to_string(i) + "@example.com").result(), status::created);
    }
    const Response refused = Register("fan3@example.com");
    EXPECT_EQ(refused.result(), status::too_many_requests);
    EXPECT_EQ(ProblemCode(refused), "rate_limited");
    EXPECT_EQ(refused[field::retry_after], "1200");
    EXPECT_EQ(users_->size(), 3u);
    clock_.Advance(std::chrono::minutes{20});
    EXPECT_EQ(Register("fan3@example.com").result(), status::created);
}

}  // namespace
}  // namespace tix::auth
