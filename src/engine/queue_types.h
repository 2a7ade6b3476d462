// Plain values of the virtual waiting room (WaitingRoom, waiting_room.h): entry ids, the draw
// seed and SHA-256 digests. No behaviour; safe to copy between threads.
#pragma once

#include <array>
#include <cstdint>

#include "common/strong_id.h"
#include "common/time.h"
#include "common/types.h"

namespace tix::engine {

// An entry of one event's waiting room: 1, 2, 3, ... in join order, 0 = none. Pseudonymous: the
// published draw lists entry ids, never users.
using QueueEntryId = Id<struct QueueEntryTag>;

// The secret the draw is a function of (queue_draw.h). The caller generates it (the engine has no
// randomness); its SHA-256 is public before the sale, the seed itself from sale start on.
using QueueSeed = std::array<std::uint8_t, 32>;

using Sha256Digest = std::array<std::uint8_t, 32>;

}  // namespace tix::engine
