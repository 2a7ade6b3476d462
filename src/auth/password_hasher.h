// PasswordHasher: Argon2id password hashes (libsodium crypto_pwhash_str), computed on a small
// bounded worker pool because one hash takes tens of milliseconds and 64 MiB at the default
// cost — never on an IO thread.
//
// Thread-safe: every method may be called from any thread. Async callbacks run on a pool thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tix::auth {

enum class HashCost : std::uint8_t {
    kInteractive,  // libsodium OPSLIMIT/MEMLIMIT_INTERACTIVE (64 MiB): the default for serving
    kModerate,     // OPSLIMIT/MEMLIMIT_MODERATE (256 MiB): slower, for small deployments
    kMinimum,      // OPSLIMIT/MEMLIMIT_MIN: TESTS ONLY, offers no real protection
};

// "interactive" | "moderate" | "minimum", or nullopt.
std::optional<HashCost> ParseHashCost(std::string_view name);

inline constexpr std::size_t kHashThreads = 2;
// Waiting jobs beyond the running ones; a full queue answers "overloaded" (~1 s of work at the
// interactive cost on two threads).
inline constexpr std::size_t kHashQueueMax = 32;

class PasswordHasher {
  public:
    struct Options {
        HashCost cost = HashCost::kInteractive;
        std::size_t threads = kHashThreads;
        std::size_t queue_max = kHashQueueMax;
    };
    using HashDone = std::function<void(Result<std::string> encoded_hash)>;
    using VerifyDone = std::function<void(bool matches)>;

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

    // Queue the work; `done` is called later on a pool thread. Returns false, without calling
    // `done`, when the queue is full or the hasher is shutting down: answer 503 then.
    [[nodiscard]] bool HashAsync(std::string password, HashDone done);
    [[nodiscard]] bool VerifyAsync(std::string encoded_hash, std::string password, VerifyDone done);
    // Other slow account work (bulk creation: thousands of durable inserts) on the same bounded
    // pool, so it never blocks an IO thread and stops with the pool. Same refusal as above.
    [[nodiscard]] bool RunAsync(std::function<void()> job);

    // Refuses new work, destroys queued jobs' callbacks uncalled and waits for running ones.
    // Idempotent. Call it before destroying what callbacks touch (the io_context whose
    // Responders they hold, the user directory, the signer).
    void Shutdown();

    HashCost cost() const { return options_.cost; }

  private:
    class Pool;

    const Options options_;
    std::unique_ptr<Pool> pool_;
};

}  // namespace tix::auth
