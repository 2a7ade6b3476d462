// The engine's waiting rooms (issue 8): one per event that has a queue, kept in Engine::State's
// RoomTable beside the events. Hold consults them (engine.cpp: MayShop), payments end admissions
// (MarkPaid), ExpireDue pumps them; what they record is drained with the orders (DrainChanges).
#include "engine/engine.h"
#include "engine/engine_state.h"
#include "engine/tix_assert.h"

namespace tix::engine {

QueueAvailability Engine::State::AvailabilityOf(const EventState& event) {
    QueueAvailability availability;
    for (const Zone& zone : event.zones) {
        availability.available += zone.available;
        availability.held += zone.held;
    }
    return availability;
}

void Engine::AddQueue(EventId event_id, QueueConfig config) {
    State& s = *state_;
    const EventState* event = s.events.Find(event_id);
    TIX_ASSERT(event != nullptr, "AddQueue for an unknown event");
    config.sale_starts_at = event->spec.sale_starts_at;
    s.rooms.Add(WaitingRoom(event_id, config));  // the room checks the config and records itself
}

QueueSetupOutcome Engine::ConfigureQueue(EventId event_id, const QueuePatch& patch,
                                         const QueueSeed& seed, TimePoint now) {
    State& s = *state_;
    const EventState* event = s.events.Find(event_id);
    if (event == nullptr) return QueueSetupOutcome::kUnknownEvent;
    WaitingRoom* room = s.rooms.Find(event_id);
    if (room == nullptr && !patch.opens_at) return QueueSetupOutcome::kOpensAtRequired;
    QueueConfig config;
    if (room != nullptr) {
        config = Patched(room->config(), patch);
    } else {
        config = Patched(QueueConfig{}, patch);
        config.sale_starts_at = event->spec.sale_starts_at;
        config.seed = seed;
    }
    if (config.opens_at >= config.sale_starts_at) return QueueSetupOutcome::kOpensAfterSaleStart;
    if (room == nullptr) {
        s.rooms.Add(WaitingRoom(event_id, config));
        return QueueSetupOutcome::kCreated;
    }
    switch (room->Reconfigure(config, now)) {
        case ReconfigureOutcome::kOk:
            break;
        case ReconfigureOutcome::kScheduleFixed:
            return QueueSetupOutcome::kScheduleFixed;
    }
    return QueueSetupOutcome::kUpdated;
}

QueueJoinResult Engine::JoinQueue(UserId user_id, EventId event_id, std::uint64_t challenge,
                                  TimePoint challenge_expires_at, TimePoint now) {
    State& s = *state_;
    const QueueLookup lookup = LookUpQueue(event_id);
    if (lookup != QueueLookup::kFound) return {lookup, {}};
    WaitingRoom& room = *s.rooms.Find(event_id);
    const JoinResult join = room.Join(user_id, challenge, challenge_expires_at, now);
    // A join behind a line that moves at once (after the draw, with room to admit) is admitted
    // now, so the join's answer already says so.
    if (join.outcome == JoinOutcome::kJoined) {
        room.Pump(now, State::AvailabilityOf(*s.events.Find(event_id)));
    }
    return {lookup, join};
}

void Engine::PumpQueues(TimePoint now) {
    State& s = *state_;
    s.rooms.ForEach([&](WaitingRoom& room) {
        room.Pump(now, State::AvailabilityOf(*s.events.Find(room.event_id())));
    });
}

UserRemoval Engine::RemoveUser(UserId user_id, TimePoint now) {
    State& s = *state_;
    UserRemoval removal;
    // Cancel changes the user's order list only by status, never its ids: the span stays valid.
    for (const OrderId order_id : OrdersOf(user_id)) {
        if (s.orders.Get(order_id).status != OrderStatus::kHeld) continue;
        if (Cancel(order_id, now) == OrderOutcome::kOk) ++removal.holds_cancelled;
    }
    s.rooms.ForEach([&](WaitingRoom& room) {
        if (room.Remove(user_id) == RemoveOutcome::kRemoved) ++removal.queue_entries_removed;
    });
    return removal;
}

void Engine::RestoreQueue(const QueueSnapshot& snapshot) {
    State& s = *state_;
    const EventState* event = s.events.Find(snapshot.room.event_id);
    TIX_ASSERT(event != nullptr, "RestoreQueue for an unknown event");
    TIX_ASSERT(snapshot.room.config.sale_starts_at == event->spec.sale_starts_at,
               "RestoreQueue of a room whose draw is not at its event's sale start");
    s.rooms.Add(WaitingRoom::Restore(snapshot));
}

const WaitingRoom* Engine::FindQueue(EventId event_id) const {
    return state_->rooms.Find(event_id);
}

QueueLookup Engine::LookUpQueue(EventId event_id) const {
    if (state_->events.Find(event_id) == nullptr) return QueueLookup::kUnknownEvent;
    return state_->rooms.Find(event_id) == nullptr ? QueueLookup::kNoQueue : QueueLookup::kFound;
}

}  // namespace tix::engine
