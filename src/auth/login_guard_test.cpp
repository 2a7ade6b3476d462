#include "auth/login_guard.h"

#include <gtest/gtest.h>

namespace tix::auth {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr guard::TimePoint kStart{milliseconds{1'796'467'800'000}};

LoginLimits Limits() {
    LoginLimits limits;
    limits.failed_logins_per_account = {10, hours{1}, 3};
    limits.failed_logins_per_ip = {100, hours{1}, 5};
    limits.registrations_per_ip = {30, hours{1}, 2};
    return limits;
}

// Three failures, as a login that was wrong leaves them (its tokens are not given back).
void FailThrice(LoginGuard& guard, std::string_view email, std::string_view ip) {
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(guard.BeginLogin(email, ip, kStart).allowed) << i;
}

TEST(LoginGuard, FailedLoginsOfOneEmailAreLimitedWhateverTheAddressAndCase) {
    LoginGuard guard(Limits());
    ASSERT_TRUE(guard.BeginLogin("ana@example.com", "203.0.113.5", kStart).allowed);
    ASSERT_TRUE(guard.BeginLogin("ANA@example.com", "198.51.100.7", kStart).allowed);
    ASSERT_TRUE(guard.BeginLogin("Ana@Example.COM", "127.0.0.1", kStart).allowed);
    const LoginGuard::Attempt fourth = guard.BeginLogin("ana@example.com", "192.0.2.1", kStart);
    EXPECT_FALSE(fourth.allowed);
    EXPECT_EQ(fourth.retry_after, minutes{6});
    EXPECT_TRUE(guard.BeginLogin("bob@example.com", "192.0.2.1", kStart).allowed);
    EXPECT_TRUE(guard.BeginLogin("ana@example.com", "192.0.2.1", kStart + minutes{6}).allowed);
}

TEST(LoginGuard, FailedLoginsFromOneAddressAreLimitedOnLoopbackToo) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 5; ++i) {
        const std::string email = "user" + std::to_string(i) + "@example.com";
        ASSERT_TRUE(guard.BeginLogin(email, "127.0.0.1", kStart).allowed) << i;
    }
    const LoginGuard::Attempt refused = guard.BeginLogin("zed@example.com", "127.0.0.1", kStart);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, seconds{36});
    // The refusal took nothing from the email's bucket: zed still has three tries elsewhere.
    FailThrice(guard, "zed@example.com", "203.0.113.5");
}

TEST(LoginGuard, ASuccessfulLoginGivesItsTokensBack) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 20; ++i) {
        const LoginGuard::Attempt attempt =
            guard.BeginLogin("ana@example.com", "127.0.0.1", kStart);
        ASSERT_TRUE(attempt.allowed) << i;
        guard.Refund(attempt, kStart);
    }
    FailThrice(guard, "ana@example.com", "127.0.0.1");
    EXPECT_FALSE(guard.BeginLogin("ana@example.com", "127.0.0.1", kStart).allowed);
}

TEST(LoginGuard, ARefusedAttemptGivesNothingBack) {
    LoginGuard guard(Limits());
    FailThrice(guard, "ana@example.com", "203.0.113.5");
    const LoginGuard::Attempt refused = guard.BeginLogin("ana@example.com", "203.0.113.5", kStart);
    ASSERT_FALSE(refused.allowed);
    guard.Refund(refused, kStart);
    EXPECT_FALSE(guard.BeginLogin("ana@example.com", "203.0.113.5", kStart).allowed);
}

TEST(LoginGuard, AnUnreadableAddressIsLimitedByTheEmailAlone) {
    LoginGuard guard(Limits());
    FailThrice(guard, "ana@example.com", "");
    EXPECT_FALSE(guard.BeginLogin("ana@example.com", "", kStart).allowed);
    for (int i = 0; i < 10; ++i) {
        EXPECT_TRUE(guard.BeginLogin("x" + std::to_string(i) + "@e.com", "", kStart).allowed);
    }
}

TEST(LoginGuard, SignUpsPerAddressSkipLoopbackUnlessConfigured) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(guard.BeginRegistration("127.0.0.1", kStart).allowed);
    EXPECT_TRUE(guard.BeginRegistration("203.0.113.5", kStart).allowed);
    EXPECT_TRUE(guard.BeginRegistration("203.0.113.5", kStart).allowed);
    const auto third = guard.BeginRegistration("203.0.113.5", kStart);
    EXPECT_FALSE(third.allowed);
    EXPECT_EQ(third.retry_after, minutes{2});
    guard.RefundRegistration("203.0.113.5", kStart);
    EXPECT_TRUE(guard.BeginRegistration("203.0.113.5", kStart).allowed);

    LoginLimits strict = Limits();
    strict.limit_loopback = true;
    LoginGuard loopback_too(strict);
    EXPECT_TRUE(loopback_too.BeginRegistration("127.0.0.1", kStart).allowed);
    EXPECT_TRUE(loopback_too.BeginRegistration("::1", kStart).allowed);
    EXPECT_TRUE(loopback_too.BeginRegistration("127.0.0.1", kStart).allowed);
    EXPECT_FALSE(loopback_too.BeginRegistration("127.0.0.1", kStart).allowed);
}

TEST(LoginGuard, DisabledLimitsLetEverythingThrough) {
    LoginLimits off;
    off.failed_logins_per_account = guard::Rate::Off();
    off.failed_logins_per_ip = guard::Rate::Off();
    off.registrations_per_ip = guard::Rate::Off();
    LoginGuard guard(off);
    for (int i = 0; i < 100; ++i) {
        EXPECT_TRUE(guard.BeginLogin("ana@example.com", "203.0.113.5", kStart).allowed);
        EXPECT_TRUE(guard.BeginRegistration("203.0.113.5", kStart).allowed);
    }
}

}  // namespace
}  // namespace tix::auth
