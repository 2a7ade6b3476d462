#include "engine/queue_config.h"

#include <algorithm>

namespace tix::engine {
namespace {

std::string Range(std::uint64_t low, std::uint64_t high) {
    return std::to_string(low) + ".." + std::to_string(high);
}

}  // namespace

QueueConfig Patched(QueueConfig config, const QueuePatch& patch) {
    config.opens_at = patch.opens_at.value_or(config.opens_at);
    config.admit_per_minute = patch.admit_per_minute.value_or(config.admit_per_minute);
    config.active_max = patch.active_max.value_or(config.active_max);
    config.admission = patch.admission.value_or(config.admission);
    config.pow_bits = patch.pow_bits.value_or(config.pow_bits);
    config.paused = patch.paused.value_or(config.paused);
    return config;
}

std::optional<std::string> ValidateQueueConfig(const QueueConfig& config) {
    if (config.opens_at >= config.sale_starts_at) return "opens_at must be before sale_starts_at";
    if (config.admit_per_minute < 1 || config.admit_per_minute > kAdmitPerMinuteMax) {
        return "admit_per_minute must be " + Range(1, kAdmitPerMinuteMax);
    }
    if (config.active_max < 1 || config.active_max > kQueueActiveMax) {
        return "active_max must be " + Range(1, kQueueActiveMax);
    }
    if (config.admission < kAdmissionMin || config.admission > kAdmissionMax) {
        return "admission must be " + Range(kAdmissionMin.count(), kAdmissionMax.count()) +
               " seconds";
    }
    if (config.pow_bits > kPowBitsMax) return "pow_bits must be " + Range(0, kPowBitsMax);
    if (std::all_of(config.seed.begin(), config.seed.end(),
                    [](std::uint8_t b) { return b == 0; })) {
        return "seed must be 32 random bytes, not zeros";
    }
    return std::nullopt;
}

}  // namespace tix::engine
