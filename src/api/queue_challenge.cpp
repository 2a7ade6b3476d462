#include "api/queue_challenge.h"

#include <sodium.h>

#include <algorithm>
#include <cstdlib>

namespace tix::api {
namespace {

constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kPayloadBytes = 1 + 8 + 8 + 8 + 8 + 1;
constexpr std::size_t kSignedBytes = kPayloadBytes + crypto_auth_BYTES;
constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
// The text a client hashes; the engine's proof of work allows this much before the nonce.
constexpr std::size_t kTextBytes = sodium_base64_ENCODED_LEN(kSignedBytes, kBase64Variant) - 1;
static_assert(kTextBytes <= limits::kPowChallengeLengthMax);
static_assert(crypto_auth_KEYBYTES == 32);

using Signed = std::array<unsigned char, kSignedBytes>;

void EnsureSodium() {
    if (sodium_init() < 0) std::abort();  // no secure randomness to run on
}

void PutBigEndian(unsigned char* out, std::uint64_t value) {
    for (int i = 7; i >= 0; --i) {
        out[i] = static_cast<unsigned char>(value & 0xff);
        value >>= 8;
    }
}

std::uint64_t GetBigEndian(const unsigned char* in) {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = value << 8 | in[i];
    return value;
}

}  // namespace

ChallengeSigner::ChallengeSigner() {
    EnsureSodium();
    crypto_auth_keygen(key_.data());
}

ChallengeSigner::~ChallengeSigner() { sodium_memzero(key_.data(), key_.size()); }

IssuedChallenge ChallengeSigner::Issue(EventId event_id, UserId user_id, std::uint32_t bits,
                                       TimePoint now) const {
    std::uint64_t challenge_id = 0;
    while (challenge_id == 0) randombytes_buf(&challenge_id, sizeof challenge_id);  // 0 is none
    const TimePoint expires_at = now + kPowChallengeLifetime;
    Signed bytes{};
    bytes[0] = kVersion;
    PutBigEndian(&bytes[1], event_id.value());
    PutBigEndian(&bytes[9], user_id.value());
    PutBigEndian(&bytes[17], challenge_id);
    PutBigEndian(&bytes[25], static_cast<std::uint64_t>(ToUnixMillis(expires_at)));
    bytes[33] = static_cast<unsigned char>(bits);
    crypto_auth(&bytes[kPayloadBytes], bytes.data(), kPayloadBytes, key_.data());
    std::string text(kTextBytes + 1, '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kBase64Variant);
    text.resize(kTextBytes);  // the encoder writes a NUL terminator
    return {std::move(text), expires_at};
}

VerifiedChallenge ChallengeSigner::Verify(std::string_view text, EventId event_id, UserId user_id,
                                          TimePoint now) const {
    VerifiedChallenge result;
    Signed bytes{};
    std::size_t size = 0;
    if (text.size() != kTextBytes ||
        sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &size,
                          nullptr, kBase64Variant) != 0 ||
        size != kSignedBytes || bytes[0] != kVersion) {
        return result;
    }
    if (crypto_auth_verify(&bytes[kPayloadBytes], bytes.data(), kPayloadBytes, key_.data()) != 0) {
        result.verdict = ChallengeVerdict::kBadMac;
        return result;
    }
    ChallengeClaims& claims = result.claims;
    claims.event_id = EventId{GetBigEndian(&bytes[1])};
    claims.user_id = UserId{GetBigEndian(&bytes[9])};
    claims.challenge_id = GetBigEndian(&bytes[17]);
    claims.expires_at = FromUnixMillis(static_cast<std::int64_t>(GetBigEndian(&bytes[25])));
    claims.bits = bytes[33];
    result.verdict = claims.event_id != event_id ? ChallengeVerdict::kOtherEvent
                     : claims.user_id != user_id ? ChallengeVerdict::kOtherUser
                     : now >= claims.expires_at  ? ChallengeVerdict::kExpired
                                                 : ChallengeVerdict::kValid;
    return result;
}

engine::QueueSeed NewQueueSeed() {
    EnsureSodium();
    engine::QueueSeed seed{};
    // An all-zero seed is refused as "never generated" (ValidateQueueConfig): 2^-256 to draw.
    while (std::all_of(seed.begin(), seed.end(), [](std::uint8_t b) { return b == 0; })) {
        randombytes_buf(seed.data(), seed.size());
    }
    return seed;
}

}  // namespace tix::api
