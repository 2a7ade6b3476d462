#include "auth/login_guard.h"

#include <sodium.h>

#include "auth/sodium_setup.h"
#include "auth/user_directory.h"
#include "http/client_address.h"

namespace tix::auth {
namespace {

// Bucket scopes: what each bucket of the table counts.
constexpr std::uint32_t kFailedLoginsOfEmail = 1;
constexpr std::uint32_t kFailedLoginsOfAddress = 2;
constexpr std::uint32_t kRegistrationsOfAddress = 3;

std::array<std::uint64_t, 2> RandomSeed() {
    EnsureSodium();
    std::array<std::uint64_t, 2> seed{};
    randombytes_buf(seed.data(), sizeof(seed));
    return seed;
}

std::uint64_t Word(const unsigned char* bytes) {
    std::uint64_t word = 0;
    for (int i = 0; i < 8; ++i) word = (word << 8) | bytes[i];
    return word;
}

}  // namespace

LoginGuard::LoginGuard(const LoginLimits& limits)
    : limits_(limits), buckets_({.buckets_max = limits.buckets_max, .seed = RandomSeed()}) {
    randombytes_buf(email_key_.data(), email_key_.size());
}

// A keyed hash, not the email itself: the table then holds no email, and nobody who does not
// know the key can make two emails share a bucket.
guard::BucketKey LoginGuard::EmailBucket(std::string_view email) const {
    const std::string normalized = NormalizeEmail(email);
    unsigned char digest[16];
    crypto_generichash(digest, sizeof(digest),
                       reinterpret_cast<const unsigned char*>(normalized.data()), normalized.size(),
                       email_key_.data(), email_key_.size());
    return {Word(digest), Word(digest + 8), kFailedLoginsOfEmail};
}

std::optional<guard::BucketKey> LoginGuard::AddressBucket(std::string_view client_ip,
                                                          std::uint32_t scope) const {
    const std::optional<http::IpAddress> address = http::ParseIpAddress(client_ip);
    if (!address) return std::nullopt;
    return http::AddressBucket(*address, scope);
}

LoginGuard::Attempt LoginGuard::BeginLogin(std::string_view email, std::string_view client_ip,
                                           guard::TimePoint now) {
    Attempt attempt;
    attempt.account = EmailBucket(email);
    attempt.address = AddressBucket(client_ip, kFailedLoginsOfAddress);
    if (attempt.address) {
        const auto by_address = buckets_.Peek(*attempt.address, limits_.failed_logins_per_ip, now);
        if (!by_address.allowed) {
            attempt.allowed = false;
            attempt.retry_after = by_address.retry_after;
            return attempt;
        }
    }
    const auto by_account = buckets_.Take(attempt.account, limits_.failed_logins_per_account, now);
    attempt.allowed = by_account.allowed;
    attempt.retry_after = by_account.retry_after;
    return attempt;
}

void LoginGuard::RecordFailure(const Attempt& attempt, guard::TimePoint now) {
    if (attempt.allowed && attempt.address) {
        buckets_.Take(*attempt.address, limits_.failed_logins_per_ip, now);
    }
}

void LoginGuard::Refund(const Attempt& attempt, guard::TimePoint now) {
    if (attempt.allowed) buckets_.Refund(attempt.account, limits_.failed_logins_per_account, now);
}

// Sign-ups from loopback are tixd's own tools and tests unless the operator says otherwise.
std::optional<guard::BucketKey> LoginGuard::RegistrationBucket(std::string_view client_ip) const {
    const std::optional<http::IpAddress> address = http::ParseIpAddress(client_ip);
    if (!address || (http::IsLoopback(*address) && !limits_.limit_loopback)) return std::nullopt;
    return http::AddressBucket(*address, kRegistrationsOfAddress);
}

guard::RateLimiter::Decision LoginGuard::BeginRegistration(std::string_view client_ip,
                                                           guard::TimePoint now) {
    const std::optional<guard::BucketKey> bucket = RegistrationBucket(client_ip);
    if (!bucket) return {};
    return buckets_.Take(*bucket, limits_.registrations_per_ip, now);
}

void LoginGuard::RefundRegistration(std::string_view client_ip, guard::TimePoint now) {
    const std::optional<guard::BucketKey> bucket = RegistrationBucket(client_ip);
    if (bucket) buckets_.Refund(*bucket, limits_.registrations_per_ip, now);
}

}  // namespace tix::auth
