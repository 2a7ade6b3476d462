// Identifiers shared by every layer. Plain values, no behaviour.
#pragma once

#include <cstdint>

#include "common/strong_id.h"
#include "common/time.h"

namespace tix {

// Distinct types: a user id cannot stand for an event id (see strong_id.h).
using UserId = Id<struct UserTag>;
using EventId = Id<struct EventTag>;
using OrderId = Id<struct OrderTag>;

// A scanner is gate staff: checks tickets in at an event's gates (issue 10), nothing more than a
// user otherwise.
enum class Role : std::uint8_t { kUser, kAdmin, kScanner };

}  // namespace tix
