// The draw: the order in which a waiting room admits its pre-queue (everyone who joined between
// opens_at and sale start). WaitingRoom computes each entry's key when it joins and sorts at sale
// start; an auditor reproduces the order from the seed, published after the sale starts, and the
// published entry ids. Pure functions, any thread.
//
// The draw, exactly:
//   key(e)     = SHA-256(seed ‖ BE64(e)): the 32 seed bytes, then the entry id e as 8 bytes,
//                most significant first; nothing else.
//   order      = ascending by the first 8 bytes of key(e) compared as unsigned bytes (the same as
//                comparing them as a big-endian unsigned 64-bit integer, DrawKey); entries whose
//                first 8 bytes are equal (for a million entries, a chance of about 3e-8) in
//                ascending entry id.
//   rank       = 1 + the number of entries before it: rank 1 is admitted first.
//   ranked     = every entry that joined before the draw, including those removed later (their
//                ranks stay; they are skipped when their turn comes).
//   commitment = SHA-256(seed), published before the room opens, so the seed cannot change.
// Why it is fair: SHA-256 outputs for distinct inputs behave as independent uniform values, so
// sorting by them is a uniformly random permutation that nobody can compute without the seed.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/queue_types.h"

namespace tix::engine {

// The first 8 bytes of key(e), big-endian.
std::uint64_t DrawKey(const QueueSeed& seed, QueueEntryId entry);

// SHA-256(seed): the published commitment.
Sha256Digest SeedCommitment(const QueueSeed& seed);

// An entry of the pre-queue as the draw sorts it (16 bytes: all a million-entry draw touches).
struct DrawCandidate {
    std::uint64_t key = 0;  // DrawKey
    QueueEntryId entry{};
};

// Puts the candidates in draw order (rank 1 first).
void SortDraw(std::vector<DrawCandidate>& candidates);

}  // namespace tix::engine
