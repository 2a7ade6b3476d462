#include "auth/refresh_token_store.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <array>
#include <optional>
#include <utility>

#include "auth/sodium_setup.h"

namespace tix::auth {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS refresh_tokens(
    token_hash TEXT PRIMARY KEY,
    family_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens(family_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_user ON refresh_tokens(user_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_expiry ON refresh_tokens(expires_at);)sql";

// Looked up by the hash of the presented token. The B-tree's comparisons are not constant-time,
// but what they could leak is how far the hash of a guess matches a stored hash, which says
// nothing about any token (finding a token from its hash is a SHA-256 preimage): so no timing
// side channel reaches the secret.
constexpr std::string_view kSelect =
    "SELECT family_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens "
    "WHERE token_hash = ?1";
constexpr std::string_view kInsert =
    "INSERT INTO refresh_tokens(token_hash, family_id, user_id, issued_at, expires_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kMarkUsed =
    "UPDATE refresh_tokens SET used_at = ?1 WHERE token_hash = ?2";
constexpr std::string_view kRevokeFamily =
    "UPDATE refresh_tokens SET revoked_at = ?1 WHERE family_id = ?2 AND revoked_at IS NULL";
constexpr std::string_view kRevokeUser =
    "UPDATE refresh_tokens SET revoked_at = ?1 WHERE user_id = ?2 AND revoked_at IS NULL "
    "RETURNING 1";
constexpr std::string_view kPrune =
    "DELETE FROM refresh_tokens WHERE rowid IN "
    "(SELECT rowid FROM refresh_tokens WHERE expires_at <= ?1 LIMIT ?2) RETURNING 1";

// Family ids are random, not counted: nothing to coordinate, and an id tells nothing about how
// many logins there were. Two families collide with odds of 2^-63 per pair.
std::int64_t NewFamilyId() {
    std::uint64_t bits = 0;
    randombytes_buf(&bits, sizeof(bits));
    return static_cast<std::int64_t>((bits >> 1) | 1);  // positive, never 0
}

std::string NewToken() {
    std::array<unsigned char, kRefreshTokenBytes> bytes;
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
    text.resize(kRefreshTokenChars);  // drops the NUL terminator
    sodium_memzero(bytes.data(), bytes.size());
    return text;
}

// The row of one token, as Rotate needs it.
struct TokenRow {
    std::int64_t family_id = 0;
    UserId user_id{};
    TimePoint expires_at{};
    std::optional<TimePoint> used_at;
    bool revoked = false;
};

// Runs `statement` to its end and counts the rows it returned.
Result<std::size_t> CountRows(store::Statement& statement) {
    Status status;
    std::size_t rows = 0;
    while (statement.Step(status)) ++rows;
    statement.Reset();
    if (!status.ok()) return status;
    return rows;
}

// A transaction of the store's connection: rolled back unless committed.
class Transaction {
  public:
    explicit Transaction(store::Database& db) : db_(db) {
        // IMMEDIATE: the write lock is taken now, so the read that decides a rotation and the
        // write that performs it see the same rows.
        status_ = db_.Exec("BEGIN IMMEDIATE");
        open_ = status_.ok();
    }
    ~Transaction() {
        if (open_) (void)db_.Exec("ROLLBACK");
    }
    const Status& begun() const { return status_; }
    Status Commit() {
        Status status = db_.Exec("COMMIT");
        if (status.ok()) open_ = false;
        return status;
    }

  private:
    store::Database& db_;
    Status status_;
    bool open_ = false;
};

}  // namespace

struct RefreshTokenStore::Statements {
    std::unique_ptr<store::Statement> select;
    std::unique_ptr<store::Statement> insert;
    std::unique_ptr<store::Statement> mark_used;
    std::unique_ptr<store::Statement> revoke_family;
    std::unique_ptr<store::Statement> revoke_user;
    std::unique_ptr<store::Statement> prune;

    // The token's row, or nullopt (status set on an error).
    std::optional<TokenRow> Find(std::string_view hash, Status& status) {
        select->Reset();
        select->Bind(1, hash);
        std::optional<TokenRow> row;
        if (select->Step(status)) {
            row = TokenRow{select->ColumnInt(0), static_cast<UserId>(select->ColumnInt(1)),
                           FromUnixMillis(select->ColumnInt(2)), std::nullopt,
                           !select->ColumnIsNull(4)};
            if (!select->ColumnIsNull(3)) row->used_at = FromUnixMillis(select->ColumnInt(3));
        }
        select->Reset();
        return row;
    }
};

std::string RefreshTokenHash(std::string_view token) {
    EnsureSodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

RefreshTokenStore::RefreshTokenStore(std::unique_ptr<store::Database> db,
                                     std::unique_ptr<Statements> statements,
                                     std::chrono::seconds lifetime)
    : lifetime_(lifetime), db_(std::move(db)), statements_(std::move(statements)) {}

RefreshTokenStore::~RefreshTokenStore() = default;

Result<std::unique_ptr<RefreshTokenStore>> RefreshTokenStore::Open(const std::string& db_path,
                                                                   std::chrono::seconds lifetime) {
    EnsureSodium();
    auto db = store::Database::Open(db_path);
    if (!db.ok()) return db.status();
    if (Status status = (*db)->Exec(kSchema); !status.ok()) return status;
    auto statements = std::make_unique<Statements>();
    for (auto [sql, statement] :
         {std::pair{kSelect, &statements->select}, std::pair{kInsert, &statements->insert},
          std::pair{kMarkUsed, &statements->mark_used},
          std::pair{kRevokeFamily, &statements->revoke_family},
          std::pair{kRevokeUser, &statements->revoke_user},
          std::pair{kPrune, &statements->prune}}) {
        auto prepared = (*db)->Prepare(sql);
        if (!prepared.ok()) return prepared.status();
        *statement = std::move(prepared).value();
    }
    return std::unique_ptr<RefreshTokenStore>(
        new RefreshTokenStore(std::move(*db), std::move(statements), lifetime));
}

Result<IssuedRefreshToken> RefreshTokenStore::InsertLocked(UserId user_id, std::int64_t family_id,
                                                           TimePoint now) {
    IssuedRefreshToken issued{NewToken(), now + lifetime_};
    store::Statement& insert = *statements_->insert;
    insert.Reset();
    insert.Bind(1, RefreshTokenHash(issued.token))
        .Bind(2, family_id)
        .Bind(3, static_cast<std::int64_t>(user_id.value()))
        .Bind(4, ToUnixMillis(now))
        .Bind(5, ToUnixMillis(issued.expires_at));
    Status status = insert.Run();
    insert.Reset();
    if (!status.ok()) return status;
    return issued;
}

Status RefreshTokenStore::RevokeFamilyLocked(std::int64_t family_id, TimePoint now) {
    store::Statement& revoke = *statements_->revoke_family;
    revoke.Reset();
    revoke.Bind(1, ToUnixMillis(now)).Bind(2, family_id);
    Status status = revoke.Run();
    revoke.Reset();
    return status;
}

Result<std::size_t> RefreshTokenStore::PruneLocked(TimePoint now) {
    store::Statement& prune = *statements_->prune;
    prune.Reset();
    prune.Bind(1, ToUnixMillis(now))
        .Bind(2, static_cast<std::int64_t>(kRefreshTokensPrunedPerCall));
    return CountRows(prune);
}

void RefreshTokenStore::CountIssueLocked(TimePoint now) {
    if (++issued_since_prune_ < kRefreshTokensIssuedPerPrune) return;
    issued_since_prune_ = 0;
    // A failed prune costs only disk space until the next one.
    const Result<std::size_t> pruned = PruneLocked(now);
    if (!pruned.ok()) spdlog::warn("refresh tokens: prune: {}", pruned.status().ToString());
}

Result<IssuedRefreshToken> RefreshTokenStore::Issue(UserId user_id, TimePoint now) {
    std::lock_guard lock(mutex_);
    // One statement in autocommit mode: durable once it has run.
    Result<IssuedRefreshToken> issued = InsertLocked(user_id, NewFamilyId(), now);
    if (issued.ok()) CountIssueLocked(now);
    return issued;
}

Result<RefreshResult> RefreshTokenStore::Rotate(std::string_view presented, TimePoint now) {
    const std::string hash = RefreshTokenHash(presented);
    std::lock_guard lock(mutex_);
    Transaction transaction(*db_);
    if (!transaction.begun().ok()) return transaction.begun();
    Status status;
    const std::optional<TokenRow> row = statements_->Find(hash, status);
    if (!status.ok()) return status;
    RefreshResult result;
    if (!row) return result;  // kUnknown; the transaction rolls back, nothing was written
    result.user_id = row->user_id;
    if (row->revoked) {
        result.outcome = RefreshOutcome::kRevoked;
        return result;
    }
    if (row->used_at && now < *row->used_at + kRefreshReuseGrace) {
        result.outcome = RefreshOutcome::kRecentlyUsed;
        return result;
    }
    if (row->used_at) {
        if (Status revoked = RevokeFamilyLocked(row->family_id, now); !revoked.ok()) return revoked;
        if (Status committed = transaction.Commit(); !committed.ok()) return committed;
        result.outcome = RefreshOutcome::kReused;
        return result;
    }
    if (now >= row->expires_at) {
        result.outcome = RefreshOutcome::kExpired;
        return result;
    }
    store::Statement& mark_used = *statements_->mark_used;
    mark_used.Reset();
    mark_used.Bind(1, ToUnixMillis(now)).Bind(2, hash);
    status = mark_used.Run();
    mark_used.Reset();
    if (!status.ok()) return status;
    Result<IssuedRefreshToken> next = InsertLocked(row->user_id, row->family_id, now);
    if (!next.ok()) return next.status();
    if (Status committed = transaction.Commit(); !committed.ok()) return committed;
    CountIssueLocked(now);
    result.outcome = RefreshOutcome::kRotated;
    result.next = std::move(next).value();
    return result;
}

Status RefreshTokenStore::RevokeFamily(std::string_view presented, TimePoint now) {
    const std::string hash = RefreshTokenHash(presented);
    std::lock_guard lock(mutex_);
    Status status;
    const std::optional<TokenRow> row = statements_->Find(hash, status);
    if (!status.ok() || !row) return status;
    // One statement in autocommit mode: durable once it has run.
    return RevokeFamilyLocked(row->family_id, now);
}

Result<std::size_t> RefreshTokenStore::RevokeUser(UserId user_id, TimePoint now) {
    std::lock_guard lock(mutex_);
    store::Statement& revoke = *statements_->revoke_user;
    revoke.Reset();
    revoke.Bind(1, ToUnixMillis(now)).Bind(2, static_cast<std::int64_t>(user_id.value()));
    return CountRows(revoke);
}

Result<std::size_t> RefreshTokenStore::Prune(TimePoint now) {
    std::lock_guard lock(mutex_);
    return PruneLocked(now);
}

}  // namespace tix::auth
