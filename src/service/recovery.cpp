#include "service/recovery.h"

#include <vector>

namespace tix::service {

Result<RecoveryStats> Recover(engine::Journal& journal, engine::Engine& engine, TimePoint now) {
    engine::RecoveredState state;
    if (Status status = journal.Load(state); !status.ok()) return status;

    RecoveryStats stats;
    for (engine::EventSpec& spec : state.events) {
        if (auto problem = engine::ValidateEventSpec(spec)) {
            return Status::Corruption("event " + std::to_string(spec.event_id.value()) + ": " +
                                      *problem);
        }
        engine.RestoreEvent(std::move(spec));
        ++stats.events;
    }
    for (const engine::OrderRecord& record : state.orders) {
        if (engine.FindEvent(record.order.event_id) == nullptr) {
            return Status::Corruption("order " + std::to_string(record.order.order_id.value()) +
                                      " names a missing event");
        }
        engine.Restore(record);
        ++stats.orders;
        if (engine::HasSeats(record.order.status)) ++stats.live_holds;
    }

    std::vector<OrderId> expired;
    engine.ExpireDue(now, expired);
    engine::JournalBatch batch;
    engine.DrainChanges(batch);
    if (Status status = journal.Append(batch); !status.ok()) return status;
    stats.expired_at_start = expired.size();
    stats.live_holds -= expired.size();
    return stats;
}

}  // namespace tix::service
