#include "engine/challenge_ledger.h"

#include "engine/flat_table.h"  // MixHash
#include "engine/tix_assert.h"

namespace tix::engine {
namespace {

// MixHash is a bijection with MixHash(0) == 0, so every challenge but the reserved 0 has a
// distinct nonzero word, and the word needs no room for the challenge beside it.
std::uint64_t WordOf(std::uint64_t challenge) { return MixHash(challenge); }

// The inverse of MixHash (murmur3's finalizer): each step undone in reverse order.
std::uint64_t UnmixHash(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0x9cb4b2f8129337dbULL;  // the inverse of 0xc4ceb9fe1a85ec53 modulo 2^64
    x ^= x >> 33;
    x *= 0x4f74430c22a54005ULL;  // the inverse of 0xff51afd7ed558ccd modulo 2^64
    x ^= x >> 33;
    return x;
}

}  // namespace

bool ChallengeLedger::Use(std::uint64_t challenge, TimePoint expires_at, TimePoint now) {
    TIX_ASSERT(challenge != 0, "challenge 0 is none");
    TIX_ASSERT(now < expires_at && expires_at <= now + kChallengeLifetimeMax,
               "a challenge used outside its lifetime");
    Prune(now);
    if (WasUsed(challenge)) return false;
    Insert(challenge, expires_at);
    return true;
}

bool ChallengeLedger::WasUsed(std::uint64_t challenge) const {
    for (const Generation& generation : generations_) {
        if (!generation.live()) continue;
        const std::uint64_t word = WordOf(challenge);
        const auto same = [word](std::uint64_t w) { return w == word; };
        if (generation.ids.Find(static_cast<std::uint32_t>(word >> 32), same) != 0) return true;
    }
    return false;
}

void ChallengeLedger::Restore(std::uint64_t challenge, TimePoint expires_at) {
    TIX_ASSERT(challenge != 0, "challenge 0 is none");
    if (!WasUsed(challenge)) Insert(challenge, expires_at);
}

std::uint64_t ChallengeLedger::ChallengeOf(std::uint64_t word) { return UnmixHash(word); }

std::size_t ChallengeLedger::size() const {
    std::size_t size = 0;
    for (const Generation& generation : generations_) size += generation.ids.size();
    return size;
}

std::size_t ChallengeLedger::bytes() const {
    std::size_t bytes = 0;
    for (const Generation& generation : generations_) bytes += generation.ids.bytes();
    return bytes;
}

std::int64_t ChallengeLedger::GenerationOf(TimePoint expires_at) {
    // floor, also before the epoch
    const std::int64_t ms = expires_at.time_since_epoch().count();
    const std::int64_t length = std::chrono::milliseconds(kChallengeLifetimeMax).count();
    return ms >= 0 ? ms / length : -((-ms + length - 1) / length);
}

TimePoint ChallengeLedger::GenerationStart(std::int64_t index) {
    return TimePoint{index * std::chrono::milliseconds(kChallengeLifetimeMax)};
}

void ChallengeLedger::Prune(TimePoint now) {
    for (Generation& generation : generations_) {
        if (generation.live() && GenerationStart(generation.index + 1) <= now) generation = {};
    }
}

void ChallengeLedger::Insert(std::uint64_t challenge, TimePoint expires_at) {
    const std::int64_t index = GenerationOf(expires_at);
    Generation& generation = generations_[static_cast<std::size_t>(((index % 3) + 3) % 3)];
    // Another generation in this slot is three or more lifetimes older or newer: the older of the
    // two had expired when the newer one's challenges were handed out. Keep the newer.
    if (generation.index > index) return;
    if (generation.index < index) generation = {index, {}};
    generation.ids.Insert(WordOf(challenge));
}

}  // namespace tix::engine
