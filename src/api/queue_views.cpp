#include "api/queue_views.h"

#include "common/rfc3339.h"
#include "engine/sha256.h"

namespace tix::api {
namespace json = boost::json;

namespace {

template <typename T>
json::value OrNull(const std::optional<T>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

json::value TimeOrNull(const std::optional<TimePoint>& t) {
    return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

// The seed's commitment, and the seed once it may be known (null before).
void AddSeed(json::object& out, const engine::QueueStats& stats) {
    out["seed_sha256"] = engine::ToHex(stats.seed_sha256);
    out["seed"] = stats.seed ? json::value(engine::ToHex(*stats.seed)) : json::value(nullptr);
}

}  // namespace

json::object QueueConfigJson(const engine::QueueConfig& config) {
    return json::object{
        {"opens_at", FormatRfc3339(config.opens_at)},
        {"sale_starts_at", FormatRfc3339(config.sale_starts_at)},
        {"admit_per_minute", config.admit_per_minute},
        {"active_max", config.active_max},
        {"admission_seconds", config.admission.count()},
        {"pow_bits", config.pow_bits},
        {"paused", config.paused},
    };
}

json::object QueueInfoJson(EventId event_id, const engine::QueueInfoReply& reply) {
    const engine::QueueStats& stats = reply.stats;
    json::object out = QueueConfigJson(reply.config);
    out["event_id"] = event_id.value();
    out["waiting"] = stats.waiting;
    out["admitted_active"] = stats.admitted_active;
    out["admitted_total"] = stats.admitted_total;
    out["outflow_per_minute"] = stats.admitted_last_minute;
    out["drawn"] = stats.drawn;
    out["draw_size"] = stats.draw_size;
    AddSeed(out, stats);
    return out;
}

json::object QueueStatusJson(EventId event_id, const engine::QueueView& view) {
    json::value wait = nullptr;
    if (view.estimated_wait) wait = view.estimated_wait->count();
    return json::object{
        {"event_id", event_id.value()},
        {"entry_id", view.entry_id.value()},
        {"status", engine::ToString(view.status)},
        {"position", OrNull(view.position)},
        {"ahead", OrNull(view.ahead)},
        {"estimated_wait_seconds", std::move(wait)},
        {"poll_after_ms", view.poll_after.count()},
        {"admission_expires_at", TimeOrNull(view.admission_expires_at)},
        {"draw_rank", OrNull(view.draw_rank)},
    };
}

json::object QueueDrawJson(EventId event_id, const engine::QueueDrawReply& reply) {
    json::array entries;
    entries.reserve(reply.entries.size());
    std::uint64_t rank = reply.first_rank;
    for (const engine::QueueEntryId entry : reply.entries) {
        entries.push_back(json::object{{"rank", rank++}, {"entry_id", entry.value()}});
    }
    json::value next_after = nullptr;
    if (rank <= reply.stats.draw_size && !reply.entries.empty()) next_after = rank - 1;
    json::object out{
        {"event_id", event_id.value()},
        {"drawn", reply.stats.drawn},
        {"draw_size", reply.stats.draw_size},
        {"algorithm",
         "rank by the first 8 bytes of SHA-256(seed || entry_id as 8 bytes big-endian), "
         "ascending as unsigned big-endian; ties by entry_id"},
    };
    AddSeed(out, reply.stats);
    out["entries"] = std::move(entries);
    out["next_after"] = std::move(next_after);
    return out;
}

}  // namespace tix::api
