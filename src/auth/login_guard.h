// LoginGuard: the limits on password guessing and mass sign-up, beside the request limits of the
// HTTP edge (http/request_guard.h). Failed logins are counted per account email and per client
// address; a login over either limit is answered 429 rate_limited before any hash is spent.
// Sign-ups are counted per client address.
//
// A login reserves a token of the email's bucket before its password is checked and gives it
// back when it succeeds: only failures count, and guesses sent at once (a distributed attacker
// can queue thousands before the first is answered) cannot slip past the limit. The address's
// bucket is only looked at first and charged when the login fails: many people log in at once
// from one address (a carrier's NAT, a proxy, a test on 127.0.0.1), and reserving there would
// refuse them for logins still in flight; how far concurrent guesses from one address can
// overshoot is bounded by the request limit per address. The email's bucket is keyed by the email
// whether or not an account has it, so a 429 tells nothing about which emails exist.
// Failed-login limits apply to loopback clients too; the sign-up limit per address leaves
// loopback alone unless `limit_loopback` (tixd's own tools and tests sign up thousands from
// 127.0.0.1).
//
// Time is passed in. Thread-safe: every method may be called from any thread (IO threads and
// hashing threads); the buckets live in a RateLimiter of fixed size.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "guard/rate.h"
#include "guard/rate_limiter.h"

namespace tix::auth {

// The defaults: levels no person meets. Someone who forgot a password tries a handful of times;
// ten failures an hour for one email stops a guesser at 240 a day, against passwords that are
// neither common nor simple (password_strength.h). Per address the limits are higher, since a
// carrier's NAT puts many people behind one address.
inline constexpr guard::Rate kDefaultFailedLoginsPerAccount = guard::Rate::PerHour(10);
inline constexpr guard::Rate kDefaultFailedLoginsPerIp = guard::Rate::PerHour(100);
inline constexpr guard::Rate kDefaultRegistrationsPerIp = guard::Rate::PerHour(30);
// Buckets of failed logins and sign-ups: their own table, so a flood of other requests cannot
// evict them.
inline constexpr std::size_t kLoginBucketsDefault = 65'536;

struct LoginLimits {
    guard::Rate failed_logins_per_account = kDefaultFailedLoginsPerAccount;
    guard::Rate failed_logins_per_ip = kDefaultFailedLoginsPerIp;
    guard::Rate registrations_per_ip = kDefaultRegistrationsPerIp;
    // Apply the sign-up limit per address to loopback clients too.
    bool limit_loopback = false;
    std::size_t buckets_max = kLoginBucketsDefault;
};

class LoginGuard {
  public:
    // A login under way: its buckets, and whether it was let through.
    struct Attempt {
        bool allowed = true;
        std::chrono::microseconds retry_after{0};  // when refused
        guard::BucketKey account;
        std::optional<guard::BucketKey> address;  // none when the client's address is unknown
    };

    // Draws its own random keys (for the email hash and the table's hash).
    explicit LoginGuard(const LoginLimits& limits);

    // Before checking a password for `email` from `client_ip`: reserves a token of the email's
    // bucket if the address's bucket has one too, or refuses (and takes nothing).
    Attempt BeginLogin(std::string_view email, std::string_view client_ip, guard::TimePoint now);
    // The password was wrong: the failure is charged to the address (the email's token stays
    // taken).
    void RecordFailure(const Attempt& attempt, guard::TimePoint now);
    // The password was right, or was never checked (the hashers were overloaded): no failure,
    // so the email's token goes back.
    void Refund(const Attempt& attempt, guard::TimePoint now);

    // Before hashing a new account's password: takes a sign-up token of the client's address.
    guard::RateLimiter::Decision BeginRegistration(std::string_view client_ip,
                                                   guard::TimePoint now);
    // The sign-up was not attempted after all (overloaded): its token goes back.
    void RefundRegistration(std::string_view client_ip, guard::TimePoint now);

    const LoginLimits& limits() const { return limits_; }

  private:
    guard::BucketKey EmailBucket(std::string_view email) const;
    // The bucket of the client's address for `scope`, if the address can be read.
    std::optional<guard::BucketKey> AddressBucket(std::string_view client_ip,
                                                  std::uint32_t scope) const;
    // The sign-up bucket of the client's address, unless the address is exempt or unknown.
    std::optional<guard::BucketKey> RegistrationBucket(std::string_view client_ip) const;

    const LoginLimits limits_;
    std::array<unsigned char, 32> email_key_{};
    guard::RateLimiter buckets_;
};

}  // namespace tix::auth
