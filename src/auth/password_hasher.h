// PasswordHasher: Argon2id password hashes (libsodium crypto_pwhash_str), computed on a small
// worker pool (HashingPool: a queue bounded by waiting time) because one hash takes tens of
// milliseconds and tens of MiB — never on an IO thread.
//
// Thread-safe: every method may be called from any thread. Async callbacks run on a pool thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/hashing_pool.h"
#include "common/status.h"

namespace tix::auth {

enum class HashCost : std::uint8_t {
    kStandard,     // OWASP's Argon2id minimum, 19 MiB and 2 passes: the default for serving
    kInteractive,  // libsodium OPSLIMIT/MEMLIMIT_INTERACTIVE: 64 MiB, 2 passes (~4x slower)
    kModerate,     // OPSLIMIT/MEMLIMIT_MODERATE: 256 MiB, 3 passes, for small deployments
    kMinimum,      // OPSLIMIT/MEMLIMIT_MIN: TESTS ONLY, offers no real protection
};

// The standard cost: OWASP's Password Storage Cheat Sheet minimum for Argon2id is m = 19 MiB,
// t = 2, p = 1 (crypto_pwhash_str always uses one lane). One hash then takes ~16 ms of one core
// here, so 2 hashing threads verify ~100 passwords/s while holding 2 × 19 MiB; the 64 MiB
// interactive cost managed 12.5 logins/s. See docs/performance.md.
inline constexpr unsigned long long kStandardHashPasses = 2;
inline constexpr std::size_t kStandardHashMemoryBytes = std::size_t{19} << 20;
inline constexpr unsigned long long kOwaspHashPassesMin = 2;
inline constexpr std::size_t kOwaspHashMemoryBytesMin = std::size_t{19} << 20;
static_assert(kStandardHashPasses >= kOwaspHashPassesMin &&
                  kStandardHashMemoryBytes >= kOwaspHashMemoryBytesMin,
              "the serving cost must not fall below OWASP's Argon2id minimum");

// "standard" | "interactive" | "moderate" | "minimum", or nullopt.
std::optional<HashCost> ParseHashCost(std::string_view name);

inline constexpr std::size_t kHashThreads = 2;
// The hashing queue refuses ("overloaded") a job that would wait this long before it starts, by
// the estimate queued jobs × measured time per job ÷ threads. Long enough that a burst of a few
// hundred sign-ups or logins is served slowly rather than refused; short enough that a client is
// not left waiting past any reasonable client timeout. (tixd has no handler timeout: a request
// waits for its hash as long as the queue makes it.)
inline constexpr std::chrono::milliseconds kHashQueueWaitMax{30'000};
// Memory-safety cap on queued jobs, whatever the estimate: a queued job holds a password (at most
// 1,024 characters), a callback and its connection, a few KiB, so 10,000 stay in tens of MiB.
inline constexpr std::size_t kHashQueueJobsMax = 10'000;

// What one hash is assumed to take before any has been measured (2 cores, 2.1-2.5 GHz).
std::chrono::microseconds ExpectedHashTime(HashCost cost);

class PasswordHasher {
  public:
    struct Options {
        HashCost cost = HashCost::kStandard;
        std::size_t threads = kHashThreads;  // at least 1
        std::chrono::milliseconds queue_wait_max = kHashQueueWaitMax;
        std::size_t queue_jobs_max = kHashQueueJobsMax;
        // The time per job assumed until jobs have been measured; nullopt: ExpectedHashTime(cost).
        std::optional<std::chrono::microseconds> job_time_initial;
    };
    // What a login learns from the password it was given.
    struct LoginCheck {
        bool matches = false;
        // Set when the password matched a hash made at another cost than this hasher's: the
        // password hashed anew at this cost, to be stored in place of the old hash.
        std::optional<std::string> rehashed;
    };
    using HashDone = std::function<void(Result<std::string> encoded_hash)>;
    using VerifyDone = std::function<void(bool matches)>;
    using LoginCheckDone = std::function<void(LoginCheck check)>;

    explicit PasswordHasher(Options options);
    PasswordHasher() : PasswordHasher(Options{}) {}
    // Calls Shutdown().
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    // Synchronous, slow: for the pool, the command line and tests.
    Result<std::string> Hash(std::string_view password) const;
    // Whether `password` matches `encoded_hash` (any cost; the cost is inside the hash).
    // False for a malformed hash.
    bool Verify(std::string_view encoded_hash, std::string_view password) const;
    // Whether `encoded_hash` (valid) was made with other parameters than this hasher's cost. Both
    // ways: hashes made at the old 64 MiB default are replaced by cheaper standard ones too, since
    // the configured cost is the policy (and what keeps logins/s up). Never at kMinimum (tests
    // only): that cost does not replace real hashes.
    bool NeedsRehash(std::string_view encoded_hash) const;
    // Whether `encoded_hash` is an Argon2id hash (at any cost), rather than the mark of an account
    // that has no password (bulk-created accounts).
    bool IsPasswordHash(std::string_view encoded_hash) const;
    // Verify, then when it matches and NeedsRehash, Hash: the only moment the password is at hand.
    LoginCheck CheckLogin(std::string_view encoded_hash, std::string_view password) const;

    // Queue the work; `done` is called later on a pool thread. Returns false, without calling
    // `done`, when the queue is full (see kHashQueueWaitMax) or the hasher is shutting down:
    // answer 503 then.
    [[nodiscard]] bool HashAsync(std::string password, HashDone done);
    [[nodiscard]] bool VerifyAsync(std::string encoded_hash, std::string password, VerifyDone done);
    // CheckLogin on the pool, as one job (a login with an old hash costs two hashes, once).
    [[nodiscard]] bool CheckLoginAsync(std::string encoded_hash, std::string password,
                                       LoginCheckDone done);
    // Other slow account work (bulk creation: thousands of durable inserts) on the same bounded
    // pool, so it never blocks an IO thread and stops with the pool. Same refusal as above.
    [[nodiscard]] bool RunAsync(std::function<void()> job);

    // Refuses new work, destroys queued jobs' callbacks uncalled and waits for running ones.
    // Idempotent. Call it before destroying what callbacks touch (the io_context whose
    // Responders they hold, the user directory, the signer).
    void Shutdown();

    HashCost cost() const { return options_.cost; }
    // Argon2id verifications run so far, and how many of them checked a hash of this hasher's
    // own cost: a login must cost one verification at that cost whoever it names (tests count).
    std::uint64_t verifications() const { return verifications_.load(); }
    std::uint64_t verifications_at_own_cost() const { return verifications_at_own_cost_.load(); }
    // How long a job queued now would wait before it starts, by the current estimate.
    std::chrono::microseconds EstimatedWait() const { return pool_->EstimatedWait(); }

  private:
    // Whether a valid hash has exactly this hasher's parameters.
    bool IsAtOwnCost(const std::string& terminated_hash) const;

    const Options options_;
    mutable std::atomic<std::uint64_t> verifications_{0};
    mutable std::atomic<std::uint64_t> verifications_at_own_cost_{0};
    std::unique_ptr<HashingPool> pool_;
};

}  // namespace tix::auth
