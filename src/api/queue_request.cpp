#include "api/queue_request.h"

#include <string>

#include "api/event_request.h"

namespace tix::api {

std::optional<engine::QueuePatch> ReadQueuePatch(const boost::json::object& object,
                                                 http::JsonObjectReader& problems,
                                                 std::string_view prefix) {
    http::JsonObjectReader reader(object);
    reader.RejectUnknownFields(
        {"opens_at", "admit_per_minute", "active_max", "admission_seconds", "pow_bits", "paused"});
    engine::QueuePatch patch;
    patch.opens_at = ReadTime(reader, "opens_at", false);
    const auto count = [&](std::string_view field, std::int64_t max) {
        return reader.OptionalInt(field, 1, max);
    };
    if (auto rate = count("admit_per_minute", limits::kAdmitPerMinuteMax)) {
        patch.admit_per_minute = static_cast<std::uint32_t>(*rate);
    }
    if (auto active = count("active_max", limits::kQueueActiveMax)) {
        patch.active_max = static_cast<std::uint32_t>(*active);
    }
    if (auto seconds = reader.OptionalInt("admission_seconds", limits::kAdmissionMin.count(),
                                          limits::kAdmissionMax.count())) {
        patch.admission = std::chrono::seconds{*seconds};
    }
    if (auto bits = reader.OptionalInt("pow_bits", 0, limits::kPowBitsMax)) {
        patch.pow_bits = static_cast<std::uint32_t>(*bits);
    }
    patch.paused = reader.OptionalBool("paused");
    if (!reader.ok()) {
        problems.Fail(std::string(prefix) + reader.error_field(), reader.error_detail());
        return std::nullopt;
    }
    return patch;
}

std::optional<engine::QueueConfig> ReadQueueConfig(const boost::json::value& value,
                                                   TimePoint sale_starts_at,
                                                   const engine::QueueSeed& seed,
                                                   http::JsonObjectReader& body) {
    if (!value.is_object()) {
        body.Fail("queue", "must be an object");
        return std::nullopt;
    }
    const std::optional<engine::QueuePatch> patch =
        ReadQueuePatch(value.as_object(), body, "queue.");
    if (!patch) return std::nullopt;
    if (!patch->opens_at) {
        body.Fail("queue.opens_at", "is required");
        return std::nullopt;
    }
    engine::QueueConfig config = engine::Patched(engine::QueueConfig{}, *patch);
    config.sale_starts_at = sale_starts_at;
    config.seed = seed;
    if (config.opens_at >= sale_starts_at) {
        body.Fail("queue.opens_at", "must be before sale_starts_at");
        return std::nullopt;
    }
    return config;
}

}  // namespace tix::api
