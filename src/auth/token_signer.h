// TokenSigner: issues and verifies the bearer tokens of the API — JWTs signed with HS256
// (HMAC-SHA256 over a 32-byte server secret). The signer never reads a clock: callers pass
// `now`. Immutable after construction, so any thread may use one concurrently.
//
// Every token names its issuer ("iss": kTokenIssuer) and audience ("aud": kTokenAudience), and
// Verify refuses a token without them or with other values: should the key ever sign tokens for
// another purpose or another service, those cannot pass for API access tokens. Fixed values,
// not configuration: one tixd (or several sharing a key) is one issuer of tokens for one API.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/types.h"

namespace tix::auth {

inline constexpr std::size_t kTokenKeyBytes = 32;
inline constexpr std::chrono::seconds kTokenLifetimeDefault{3600};
// The "iss" and "aud" of every token this signer issues, and the only ones it accepts.
inline constexpr std::string_view kTokenIssuer = "tixd";
inline constexpr std::string_view kTokenAudience = "tix-api";
// Longer "tokens" are rejected unparsed; ours are about 230 bytes.
inline constexpr std::size_t kTokenBytesMax = 2048;

using TokenKey = std::array<unsigned char, kTokenKeyBytes>;

struct TokenClaims {
    UserId user_id{};               // "sub", a decimal string
    Role role = Role::kUser;        // "role": "user" | "admin"
    std::int64_t issued_at_s = 0;   // "iat", seconds since the epoch
    std::int64_t expires_at_s = 0;  // "exp", seconds since the epoch
};

enum class TokenVerdict : std::uint8_t {
    kValid,
    kMalformed,       // not three base64url parts of JSON objects, or too long
    kWrongAlgorithm,  // header alg is not exactly "HS256" (e.g. "none")
    kBadSignature,    // signed with another key, or tampered with
    kMissingClaims,   // sub, role, iat or exp absent or of the wrong type
    kWrongIssuer,     // "iss" absent or not kTokenIssuer
    kWrongAudience,   // "aud" absent, or neither kTokenAudience nor an array that holds it
    kExpired,         // now >= exp
};

struct VerifiedToken {
    TokenVerdict verdict = TokenVerdict::kMalformed;
    TokenClaims claims;  // meaningful only when valid
    bool ok() const { return verdict == TokenVerdict::kValid; }
};

class TokenSigner {
  public:
    explicit TokenSigner(const TokenKey& key,
                         std::chrono::seconds lifetime = kTokenLifetimeDefault);
    ~TokenSigner();  // wipes the key

    // Reads the key from `path` (exactly 32 raw bytes, mode 0600), or creates it with fresh
    // random bytes when the file does not exist. Refuses a file readable by group or others.
    static Result<TokenSigner> FromKeyFile(const std::string& path,
                                           std::chrono::seconds lifetime = kTokenLifetimeDefault);
    // A key given in configuration as 64 hex digits.
    static Result<TokenSigner> FromHexKey(std::string_view hex,
                                          std::chrono::seconds lifetime = kTokenLifetimeDefault);

    // A token for the user, valid from now for lifetime().
    std::string Issue(UserId user_id, Role role, TimePoint now) const;
    VerifiedToken Verify(std::string_view token, TimePoint now) const;

    std::chrono::seconds lifetime() const { return lifetime_; }
    // Unique per signer object in this process (never reused, unlike its address): lets a cache
    // of verified tokens tell signers apart.
    std::uint64_t instance_id() const { return instance_id_; }

  private:
    std::string Sign(std::string_view signing_input) const;
    static std::uint64_t NextInstanceId();

    TokenKey key_;
    std::chrono::seconds lifetime_;
    std::uint64_t instance_id_;
};

}  // namespace tix::auth
