// Unguessable identifiers for tixpay's objects: a prefix and 24 hex digits (96 bits) from
// libsodium's CSPRNG. A client secret must not be guessable from its intent's id, and an id must
// not reveal how many objects exist, so neither is a counter. Any thread.
#pragma once

#include <string>
#include <string_view>

namespace tix::tixpay {

// Hex digits after the prefix: 12 random bytes.
inline constexpr std::size_t kRandomHexDigits = 24;

// `prefix` followed by kRandomHexDigits random lower-case hex digits, e.g. "pi_3f0c...".
std::string RandomId(std::string_view prefix);

}  // namespace tix::tixpay
