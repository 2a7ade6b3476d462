// The waiting room's join challenges (issue 8): stateless, signed by the server, bound to one
// user and one event, expiring kPowChallengeLifetime after issue. A client proves work on the
// challenge text (proof_of_work.h) and sends it back with its nonce; the join route checks the
// signature and the binding here, the proof itself, and the engine's room refuses a challenge used
// twice (challenge_ledger.h) by its 64-bit random id.
//
// The text is base64url (no padding) of 34 bytes and a 32-byte MAC over them (libsodium
// crypto_auth, HMAC-SHA-512-256):
//   version (1) = 1 | event_id (8) | user_id (8) | challenge id (8, random, non-zero)
//   | expires_at (8, Unix ms) | bits (1)
// all integers big-endian. The key is made at start-up and never stored: challenges outstanding
// when tixd restarts are refused afterwards (pow_invalid; the client asks for a new one).
//
// Immutable after construction: any IO thread may Issue and Verify concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/limits.h"
#include "common/types.h"
#include "engine/queue_types.h"

namespace tix::api {

using limits::kPowChallengeLifetime;

struct IssuedChallenge {
    std::string text;
    TimePoint expires_at{};
};

struct ChallengeClaims {
    EventId event_id{};
    UserId user_id{};
    std::uint64_t challenge_id = 0;
    TimePoint expires_at{};
    std::uint32_t bits = 0;  // the room's pow_bits when the challenge was issued
};

enum class ChallengeVerdict : std::uint8_t {
    kValid,
    kMalformed,   // not a challenge of ours: length, encoding, version
    kBadMac,      // forged, altered, or signed before a restart
    kOtherEvent,  // issued for another event
    kOtherUser,   // issued to another user
    kExpired,     // now >= expires_at
};

struct VerifiedChallenge {
    ChallengeVerdict verdict = ChallengeVerdict::kMalformed;
    ChallengeClaims claims;  // set unless kMalformed or kBadMac
};

class ChallengeSigner {
  public:
    // A fresh random key (libsodium; initialized here if no one did yet).
    ChallengeSigner();
    ~ChallengeSigner();  // wipes the key
    ChallengeSigner(const ChallengeSigner&) = delete;
    ChallengeSigner& operator=(const ChallengeSigner&) = delete;

    // A challenge with a fresh random id, expiring kPowChallengeLifetime after `now`.
    IssuedChallenge Issue(EventId event_id, UserId user_id, std::uint32_t bits,
                          TimePoint now) const;
    // Checks, in this order: form, signature, event, user, expiry; the first failing answers.
    VerifiedChallenge Verify(std::string_view text, EventId event_id, UserId user_id,
                             TimePoint now) const;

  private:
    std::array<unsigned char, 32> key_;
};

// 32 random bytes for a new waiting room's draw (libsodium randombytes_buf): the engine has no
// randomness of its own.
engine::QueueSeed NewQueueSeed();

}  // namespace tix::api
