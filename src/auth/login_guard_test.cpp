#include "auth/login_guard.h"

#include <gtest/gtest.h>

#include <string>

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

// A login that was let through and turned out wrong.
bool Fail(LoginGuard& guard, std::string_view email, std::string_view ip) {
    const LoginGuard::Attempt attempt = guard.BeginLogin(email, ip, kStart);
    if (attempt.allowed) guard.RecordFailure(attempt, kStart);
    return attempt.allowed;
}

std::string Email(int i) { return "user" + std::to_string(i) + "@example.com"; }

TEST(LoginGuard, FailedLoginsOfOneEmailAreLimitedWhateverTheAddressAndCase) {
    LoginGuard guard(Limits());
    ASSERT_TRUE(Fail(guard, "ana@example.com", "203.0.113.5"));
    ASSERT_TRUE(Fail(guard, "ANA@example.com", "198.51.100.7"));
    ASSERT_TRUE(Fail(guard, "Ana@Example.COM", "127.0.0.1"));
    const LoginGuard::Attempt fourth = guard.BeginLogin("ana@example.com", "192.0.2.1", kStart);
    EXPECT_FALSE(fourth.allowed);
    EXPECT_EQ(fourth.retry_after, minutes{6});
    EXPECT_TRUE(Fail(guard, "bob@example.com", "192.0.2.1"));
    EXPECT_TRUE(guard.BeginLogin("ana@example.com", "192.0.2.1", kStart + minutes{6}).allowed);
}

// Guesses sent at once are all reserved before any is answered.
TEST(LoginGuard, GuessesInFlightAtOneEmailCannotSlipPastTheLimit) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(guard.BeginLogin("ana@example.com", "203.0.113.5", kStart).allowed) << i;
    }
    EXPECT_FALSE(guard.BeginLogin("ana@example.com", "198.51.100.7", kStart).allowed);
}

TEST(LoginGuard, FailedLoginsFromOneAddressAreLimitedOnLoopbackToo) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(Fail(guard, Email(i), "127.0.0.1")) << i;
    const LoginGuard::Attempt refused = guard.BeginLogin("zed@example.com", "127.0.0.1", kStart);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, seconds{36});
    // The refusal took nothing from the email's bucket: zed still has three tries elsewhere.
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(Fail(guard, "zed@example.com", "203.0.113.5")) << i;
}

// Many people log in at once from one address (a carrier's NAT, a proxy): logins in flight are
// not failures, and the address is only charged for the ones that fail.
TEST(LoginGuard, LoginsInFlightFromOneAddressAreNotRefused) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 200; ++i) {
        ASSERT_TRUE(guard.BeginLogin(Email(i), "203.0.113.5", kStart).allowed) << i;
    }
    for (int i = 200; i < 205; ++i) ASSERT_TRUE(Fail(guard, Email(i), "203.0.113.5")) << i;
    EXPECT_FALSE(guard.BeginLogin(Email(205), "203.0.113.5", kStart).allowed);
}

TEST(LoginGuard, ASuccessfulLoginGivesItsTokenBack) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 20; ++i) {
        const LoginGuard::Attempt attempt =
            guard.BeginLogin("ana@example.com", "127.0.0.1", kStart);
        ASSERT_TRUE(attempt.allowed) << i;
        guard.Refund(attempt, kStart);
    }
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(Fail(guard, "ana@example.com", "127.0.0.1")) << i;
    EXPECT_FALSE(guard.BeginLogin("ana@example.com", "127.0.0.1", kStart).allowed);
}

TEST(LoginGuard, ARefusedAttemptGivesNothingBackAndChargesNothing) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(Fail(guard, "ana@example.com", "203.0.113.5")) << i;
    const LoginGuard::Attempt refused = guard.BeginLogin("ana@example.com", "203.0.113.5", kStart);
    ASSERT_FALSE(refused.allowed);
    guard.Refund(refused, kStart);
    guard.RecordFailure(refused, kStart);
    EXPECT_FALSE(guard.BeginLogin("ana@example.com", "203.0.113.5", kStart).allowed);
    // The address was charged three times, not four: two more failures fit its burst of five.
    EXPECT_TRUE(Fail(guard, "bob@example.com", "203.0.113.5"));
    EXPECT_TRUE(Fail(guard, "cy@example.com", "203.0.113.5"));
    EXPECT_FALSE(guard.BeginLogin("dee@example.com", "203.0.113.5", kStart).allowed);
}

TEST(LoginGuard, AnUnreadableAddressIsLimitedByTheEmailAlone) {
    LoginGuard guard(Limits());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(Fail(guard, "ana@example.com", "")) << i;
    EXPECT_FALSE(guard.BeginLogin("ana@example.com", "", kStart).allowed);
    for (int i = 0; i < 10; ++i) EXPECT_TRUE(Fail(guard, Email(i), "")) << i;
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
        EXPECT_TRUE(Fail(guard, "ana@example.com", "203.0.113.5"));
        EXPECT_TRUE(guard.BeginRegistration("203.0.113.5", kStart).allowed);
    }
}

}  // namespace
}  // namespace tix::auth
