#include "engine/queue_draw.h"

#include <algorithm>
#include <array>

#include "engine/sha256.h"

namespace tix::engine {

std::uint64_t DrawKey(const QueueSeed& seed, QueueEntryId entry) {
    std::array<std::uint8_t, 8> id;
    for (int i = 0; i < 8; ++i) id[i] = static_cast<std::uint8_t>(entry.value() >> (56 - 8 * i));
    const Sha256Digest digest = Sha256(seed, id);
    std::uint64_t key = 0;
    for (int i = 0; i < 8; ++i) key = key << 8 | digest[i];
    return key;
}

Sha256Digest SeedCommitment(const QueueSeed& seed) { return Sha256(seed); }

void SortDraw(std::vector<DrawCandidate>& candidates) {
    std::sort(candidates.begin(), candidates.end(),
              [](const DrawCandidate& a, const DrawCandidate& b) {
                  return a.key != b.key ? a.key < b.key : a.entry < b.entry;
              });
}

}  // namespace tix::engine
