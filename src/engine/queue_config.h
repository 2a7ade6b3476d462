// How one event's waiting room runs: when it opens, how fast it admits, how many shop at once,
// how long an admission lasts, how hard the join puzzle is, and the draw's seed. Plain data,
// validated once at the edge (ValidateQueueConfig) so WaitingRoom can assume it is well formed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/limits.h"
#include "engine/queue_types.h"

namespace tix::engine {

using limits::kAdmissionMax;
using limits::kAdmissionMin;
using limits::kAdmitPerMinuteMax;
using limits::kPowBitsMax;
using limits::kQueueActiveMax;

struct QueueConfig {
    // Joins are refused before opens_at; joins until sale_starts_at wait unranked for the draw.
    TimePoint opens_at{};
    TimePoint sale_starts_at{};  // the event's: the draw happens then
    std::uint32_t admit_per_minute = 1'000;
    std::uint32_t active_max = 1'000;  // admitted shoppers whose admission runs at once
    std::chrono::seconds admission{600};
    std::uint32_t pow_bits = 20;  // for the HTTP layer's puzzle; the engine only keeps it
    bool paused = false;          // admits no one while set; joins go on
    QueueSeed seed{};             // the caller's 32 random bytes: see queue_draw.h

    bool operator==(const QueueConfig&) const = default;
};

// A change of a room's config (PATCH /events/{id}/queue): each field that is set replaces the
// room's; the others keep their value (for a new room: QueueConfig's defaults). sale_starts_at is
// the event's and the seed the room's: neither is patched.
struct QueuePatch {
    std::optional<TimePoint> opens_at;
    std::optional<std::uint32_t> admit_per_minute;
    std::optional<std::uint32_t> active_max;
    std::optional<std::chrono::seconds> admission;
    std::optional<std::uint32_t> pow_bits;
    std::optional<bool> paused;

    bool operator==(const QueuePatch&) const = default;
};

// `config` with the patch's fields.
QueueConfig Patched(QueueConfig config, const QueuePatch& patch);

// Why the config cannot run a room ("admit_per_minute must be 1..1000000"), or nullopt when it
// can. An all-zero seed is refused: it is the value of a seed someone forgot to generate.
std::optional<std::string> ValidateQueueConfig(const QueueConfig& config);

}  // namespace tix::engine
