// The join challenges a waiting room has used, so that each is usable once (the proof of work and
// the challenge's signature are checked outside the engine; this is the part that needs state).
// Owned by WaitingRoom; single-threaded.
//
// A challenge is remembered until it expires: after that the HTTP layer refuses it anyway, so
// memory is bounded by the joins of one challenge lifetime. Challenges live in generations by
// expiry, each kChallengeLifetimeMax long; a generation whose every challenge has expired is
// dropped whole (no per-challenge heap). A live challenge expires within (now, now + lifetime], so
// at most three generations exist: the two that can hold live ones and one waiting to be dropped.
// A challenge may thus be remembered up to one lifetime longer than it lives, never shorter
// (unless the clock steps back by more than two lifetimes).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "common/limits.h"
#include "engine/queue_types.h"
#include "engine/word_table.h"

namespace tix::engine {

using limits::kChallengeLifetimeMax;

class ChallengeLedger {
  public:
    // True if `challenge` is usable: not used before (it is used now); false if it was used.
    // REQUIRES: challenge != 0 (none); now < expires_at <= now + kChallengeLifetimeMax
    // (WaitingRoom::Join checks).
    bool Use(std::uint64_t challenge, TimePoint expires_at, TimePoint now);
    bool WasUsed(std::uint64_t challenge) const;

    // Recovery: marks `challenge` used, whatever the time; the next Use drops what has expired.
    void Restore(std::uint64_t challenge, TimePoint expires_at);

    // Every remembered challenge with the last instant of its generation: at or after its
    // expiry, so a ledger restored from these remembers each at least as long as it lives, and
    // files it in the same generation (a snapshot of the restored ledger is the same).
    template <typename Visit>
    void ForEach(Visit visit) const {
        for (const Generation& generation : generations_) {
            if (!generation.live()) continue;
            const TimePoint last =
                GenerationStart(generation.index + 1) - std::chrono::milliseconds(1);
            generation.ids.ForEach([&](std::uint64_t word) { visit(ChallengeOf(word), last); });
        }
    }

    std::size_t size() const;
    std::size_t bytes() const;

  private:
    static constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();

    struct Generation {
        std::int64_t index = kNone;  // expiries in [index, index + 1) lifetimes since the epoch
        WordTable ids;  // MixHash(challenge): a bijection, so the word is the challenge
        bool live() const { return index != kNone; }
    };

    static std::uint64_t ChallengeOf(std::uint64_t word);
    static std::int64_t GenerationOf(TimePoint expires_at);
    static TimePoint GenerationStart(std::int64_t index);
    // Drops every generation whose challenges have all expired by `now`.
    void Prune(TimePoint now);
    void Insert(std::uint64_t challenge, TimePoint expires_at);

    std::array<Generation, 3> generations_;  // generation g in slot g % 3
};

}  // namespace tix::engine
