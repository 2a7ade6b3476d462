// RefreshTokenStore: the long-lived refresh tokens that let a client get a new access token
// without the password, in the `refresh_tokens` table of the shared SQLite file.
//
// A refresh token is 32 random bytes (libsodium randombytes), base64url without padding. Only its
// SHA-256 is stored: whoever reads the database (a backup, a stolen disk) learns no token that
// works. Each login starts a family; each use (Rotate) consumes the token and issues the next one
// of the same family in one transaction. A token presented again later than kRefreshReuseGrace
// after it was used is taken for a stolen copy — the thief or the owner already moved on with the
// next one, and the server cannot tell which is which — so the whole family is revoked, and both
// must log in again. Within the grace it is only refused: two tabs of one browser, or a client
// and its retry, that refresh at once are one client racing itself, and the loser must not log
// the winner out. The price: a thief who uses a stolen token within the grace of the owner's use
// of it goes undetected by that one reuse (whoever came first holds the successor); any later
// reuse of it is still detected.
//
// Thread-safe. Every method is a blocking, durable SQLite write (or a read on the write
// connection) serialized by the store's mutex: call them off the IO threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"
#include "store/sqlite.h"

namespace tix::auth {

inline constexpr std::chrono::days kRefreshTokenLifetimeDefault{30};
inline constexpr std::chrono::days kRefreshTokenLifetimeMax{365};
// The random bytes of a token, and the length of their base64url text.
inline constexpr std::size_t kRefreshTokenBytes = 32;
inline constexpr std::size_t kRefreshTokenChars = 43;
static_assert(kRefreshTokenChars == (kRefreshTokenBytes * 4 + 2) / 3,
              "base64url without padding: 4 characters per 3 bytes, rounded up");
// How long after its use a token presented again is refused without revoking its family.
inline constexpr std::chrono::seconds kRefreshReuseGrace{30};
// Rows of expired tokens deleted per Prune call: bounds the time one call holds the writer.
inline constexpr std::size_t kRefreshTokensPrunedPerCall = 1'000;
// Issue and Rotate prune once per this many tokens issued. Each issue adds one row, and each
// prune may delete as many rows as issues came since: the table cannot outgrow the live tokens
// (and those used or revoked within their lifetime) for long.
inline constexpr std::size_t kRefreshTokensIssuedPerPrune = kRefreshTokensPrunedPerCall;

// A token just issued: the secret the client keeps, and when it stops working.
struct IssuedRefreshToken {
    std::string token;
    TimePoint expires_at{};
};

enum class RefreshOutcome : std::uint8_t {
    kRotated,       // the token was live: it is used up, `next` replaces it
    kUnknown,       // no such token (never issued, malformed, or pruned after it expired)
    kExpired,       // issued, but its lifetime is over
    kRevoked,       // revoked by a logout, a ban or a detected reuse
    kRecentlyUsed,  // used less than kRefreshReuseGrace ago: refused, nothing revoked
    kReused,        // used longer ago: its whole family is revoked now
};

struct RefreshResult {
    RefreshOutcome outcome = RefreshOutcome::kUnknown;
    UserId user_id{};         // whose token it was (all but kUnknown)
    IssuedRefreshToken next;  // kRotated only
    bool ok() const { return outcome == RefreshOutcome::kRotated; }
};

class RefreshTokenStore {
  public:
    // Opens (creating the table if needed) the SQLite file. Tokens live `lifetime` from their
    // issue; each rotation starts the lifetime of the next one afresh.
    static Result<std::unique_ptr<RefreshTokenStore>> Open(
        const std::string& db_path, std::chrono::seconds lifetime = kRefreshTokenLifetimeDefault);

    // A token of a new family for the user (a login), stored durably.
    Result<IssuedRefreshToken> Issue(UserId user_id, TimePoint now);

    // Consumes `presented` and issues its successor, atomically: of two rotations of one token
    // only one is kRotated, the other kRecentlyUsed. IoError when the store fails (nothing
    // changed).
    Result<RefreshResult> Rotate(std::string_view presented, TimePoint now);

    // Revokes the family of `presented` (a logout): the token and every token rotated from the
    // same login. Unknown tokens change nothing and are no error.
    Status RevokeFamily(std::string_view presented, TimePoint now);

    // Revokes every token of the user (a ban). Returns how many it revoked (used ones too).
    Result<std::size_t> RevokeUser(UserId user_id, TimePoint now);

    // Deletes up to kRefreshTokensPrunedPerCall tokens that expired before `now` (their reuse
    // can no longer be told from a guess, and no longer matters). Returns how many it deleted.
    Result<std::size_t> Prune(TimePoint now);

    std::chrono::seconds lifetime() const { return lifetime_; }
    ~RefreshTokenStore();

  private:
    struct Statements;
    RefreshTokenStore(std::unique_ptr<store::Database> db, std::unique_ptr<Statements> statements,
                      std::chrono::seconds lifetime);
    // REQUIRES: mutex_ held.
    Result<IssuedRefreshToken> InsertLocked(UserId user_id, std::int64_t family_id, TimePoint now);
    Status RevokeFamilyLocked(std::int64_t family_id, TimePoint now);
    Result<std::size_t> PruneLocked(TimePoint now);
    // Counts an issued token and prunes when kRefreshTokensIssuedPerPrune have been.
    void CountIssueLocked(TimePoint now);

    const std::chrono::seconds lifetime_;
    std::mutex mutex_;  // guards db_ and statements_
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<Statements> statements_;
    std::size_t issued_since_prune_ = 0;
};

// The stored form of a token: SHA-256 of its text, in hex. Exposed for tests.
std::string RefreshTokenHash(std::string_view token);

}  // namespace tix::auth
