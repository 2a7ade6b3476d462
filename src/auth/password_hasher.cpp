#include "auth/password_hasher.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <utility>

#include "auth/sodium_setup.h"

namespace tix::auth {

namespace {

struct CostLimits {
    unsigned long long ops;
    std::size_t memory;
};

CostLimits LimitsFor(HashCost cost) {
    switch (cost) {
        case HashCost::kStandard:
            return {kStandardHashPasses, kStandardHashMemoryBytes};
        case HashCost::kInteractive:
            return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
        case HashCost::kModerate:
            return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
        case HashCost::kMinimum:
            return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
    }
    return {kStandardHashPasses, kStandardHashMemoryBytes};
}

// Measured on the 2-core VM of docs/performance.md; the pool follows the real times from there.
constexpr std::chrono::microseconds kStandardHashTime{20'000};
constexpr std::chrono::microseconds kInteractiveHashTime{80'000};
constexpr std::chrono::microseconds kModerateHashTime{500'000};
constexpr std::chrono::microseconds kMinimumHashTime{100};

void Wipe(std::string& secret) { sodium_memzero(secret.data(), secret.size()); }

}  // namespace

std::optional<HashCost> ParseHashCost(std::string_view name) {
    if (name == "standard") return HashCost::kStandard;
    if (name == "interactive") return HashCost::kInteractive;
    if (name == "moderate") return HashCost::kModerate;
    if (name == "minimum") return HashCost::kMinimum;
    return std::nullopt;
}

std::chrono::microseconds ExpectedHashTime(HashCost cost) {
    switch (cost) {
        case HashCost::kStandard:
            return kStandardHashTime;
        case HashCost::kInteractive:
            return kInteractiveHashTime;
        case HashCost::kModerate:
            return kModerateHashTime;
        case HashCost::kMinimum:
            return kMinimumHashTime;
    }
    return kStandardHashTime;
}

PasswordHasher::PasswordHasher(Options options) : options_(options) {
    EnsureSodium();
    pool_ = std::make_unique<HashingPool>(HashingPool::Limits{
        .threads = options_.threads,
        .wait_max = options_.queue_wait_max,
        .jobs_max = options_.queue_jobs_max,
        .job_time_initial = options_.job_time_initial.value_or(ExpectedHashTime(options_.cost)),
    });
}

PasswordHasher::~PasswordHasher() { Shutdown(); }

void PasswordHasher::Shutdown() { pool_->Stop(); }

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
    const CostLimits limits = LimitsFor(options_.cost);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), limits.ops, limits.memory) != 0) {
        return Status::IoError("password hash failed (out of memory?)");
    }
    return std::string(out);
}

bool PasswordHasher::Verify(std::string_view encoded_hash, std::string_view password) const {
    if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(encoded_hash);  // libsodium reads a C string
    verifications_.fetch_add(1, std::memory_order_relaxed);
    if (IsAtOwnCost(terminated)) verifications_at_own_cost_.fetch_add(1, std::memory_order_relaxed);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::IsAtOwnCost(const std::string& terminated_hash) const {
    const CostLimits limits = LimitsFor(options_.cost);
    return crypto_pwhash_str_needs_rehash(terminated_hash.c_str(), limits.ops, limits.memory) == 0;
}

bool PasswordHasher::IsPasswordHash(std::string_view encoded_hash) const {
    if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(encoded_hash);
    const CostLimits limits = LimitsFor(options_.cost);
    // -1: not an Argon2id string libsodium can read; 0 or 1: a hash, at this cost or another.
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), limits.ops, limits.memory) != -1;
}

bool PasswordHasher::NeedsRehash(std::string_view encoded_hash) const {
    // The test-only cost never replaces a real hash: a server started with it by mistake must
    // not weaken its users' passwords one login at a time.
    if (options_.cost == HashCost::kMinimum) return false;
    if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
    const std::string terminated(encoded_hash);
    const CostLimits limits = LimitsFor(options_.cost);
    // 1: other parameters; -1: not a hash this libsodium can read (nothing to upgrade).
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), limits.ops, limits.memory) == 1;
}

PasswordHasher::LoginCheck PasswordHasher::CheckLogin(std::string_view encoded_hash,
                                                      std::string_view password) const {
    LoginCheck check;
    check.matches = Verify(encoded_hash, password);
    if (!check.matches || !NeedsRehash(encoded_hash)) return check;
    Result<std::string> rehashed = Hash(password);
    if (rehashed.ok()) {
        check.rehashed = std::move(rehashed).value();
    } else {
        // The old hash still works; the upgrade is tried again at the next login.
        spdlog::warn("password rehash failed: {}", rehashed.status().ToString());
    }
    return check;
}

bool PasswordHasher::HashAsync(std::string password, HashDone done) {
    return pool_->Submit([this, password = std::move(password), done = std::move(done)]() mutable {
        Result<std::string> hash = Hash(password);
        Wipe(password);
        done(std::move(hash));
    });
}

bool PasswordHasher::VerifyAsync(std::string encoded_hash, std::string password, VerifyDone done) {
    return pool_->Submit([this, encoded_hash = std::move(encoded_hash),
                          password = std::move(password), done = std::move(done)]() mutable {
        const bool matches = Verify(encoded_hash, password);
        Wipe(password);
        done(matches);
    });
}

bool PasswordHasher::CheckLoginAsync(std::string encoded_hash, std::string password,
                                     LoginCheckDone done) {
    return pool_->Submit([this, encoded_hash = std::move(encoded_hash),
                          password = std::move(password), done = std::move(done)]() mutable {
        LoginCheck check = CheckLogin(encoded_hash, password);
        Wipe(password);
        done(std::move(check));
    });
}

bool PasswordHasher::RunAsync(std::function<void()> job) {
    return pool_->Submit(std::move(job), HashingPool::Timing::kUntimed);
}

}  // namespace tix::auth
