// The webhook signature scheme (docs/payments.md): a delivery carries
//   Tix-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=...]
// Several v1 values may be present while a secret is being rotated: one matching any of the
// receiver's secrets is enough. The timestamp is signed with the body, so a captured delivery
// cannot be replayed once it is older than the tolerance. Pure functions, any thread.
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "common/time.h"

namespace tix::payments {

inline constexpr std::string_view kSignatureHeader = "Tix-Signature";
// How far a delivery's timestamp may be from the receiver's clock, either way.
inline constexpr std::chrono::seconds kSignatureTolerance{300};
// A header longer than this is refused unread (it would hold dozens of signatures).
inline constexpr std::size_t kSignatureHeaderMax = 1024;

enum class SignatureCheck : std::uint8_t {
    kOk,
    kMissing,    // no header, or no t= or no v1=
    kMalformed,  // not "t=<digits>,v1=<64 hex>[,...]", or too long
    kStale,      // the timestamp is outside the tolerance
    kMismatch,   // no v1 matches any secret
};

std::string_view ToString(SignatureCheck check);  // "ok", "missing", ...

// The HMAC of "<t>.<body>" under `secret`, as 64 lower-case hex digits.
std::string SignatureOf(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

// The header value for one secret: "t=<t>,v1=<hex>".
std::string SignatureHeaderValue(std::string_view secret, TimePoint now, std::string_view body);

// Checks a delivery's header against each secret (compared in constant time). Stale is checked
// before the signatures, so an old delivery never costs an HMAC per secret.
// REQUIRES: each secret is non-empty.
SignatureCheck VerifySignature(std::string_view header, std::string_view body,
                               std::span<const std::string> secrets, TimePoint now,
                               std::chrono::seconds tolerance = kSignatureTolerance);

}  // namespace tix::payments
