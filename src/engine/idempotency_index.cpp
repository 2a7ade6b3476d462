#include "engine/idempotency_index.h"

#include <algorithm>
#include <cstddef>

#include "engine/tix_assert.h"

namespace tix::engine {

void IdempotencyIndex::CheckAll(const OrderBook& orders) const {
    std::uint64_t keyed = 0;
    index_.ForEach([&](const KeyEntry& entry) {
        const Order* order = orders.Find(entry.order_id);
        TIX_ASSERT(order != nullptr && orders.ExtraOf(entry.order_id).key_ref() != 0,
                   "idempotency key of no order");
        ++keyed;
    });
    std::uint64_t with_key = 0;
    for (std::size_t id = 1; id < orders.size(); ++id) {
        with_key += orders.ExtraOf(OrderId{id}).key_ref() != 0;
    }
    TIX_ASSERT(keyed == with_key, "an idempotency key is not indexed");
}

bool SameRequest(const Order& original, RequestKind kind, const EventTable& events,
                 const HoldByQuantity& request) {
    if (kind == RequestKind::kSeats) return false;
    if (original.event_id != request.event_id || original.quantity != request.quantity) {
        return false;
    }
    const EventState& event = *events.Find(original.event_id);
    if (FindZone(event.spec, request.zone_id) != original.zone_index) return false;
    // An order journaled before request kinds were kept has lost allow_split: a retry after a
    // restart is given the benefit of the doubt.
    if (kind == RequestKind::kUnknown) return true;
    return (kind == RequestKind::kQuantitySplit) == request.allow_split;
}

bool SameRequest(const Order& original, RequestKind kind, const EventTable& events,
                 const HoldBySeats& request) {
    if (kind == RequestKind::kQuantity || kind == RequestKind::kQuantitySplit) return false;
    if (original.event_id != request.event_id || original.quantity != request.seat_ids.size()) {
        return false;
    }
    const EventState& event = *events.Find(original.event_id);
    if (event.zones[original.zone_index].seat_map == nullptr) return false;
    SeatArray asked{};
    for (std::size_t i = 0; i < request.seat_ids.size(); ++i) {
        const ParsedSeat seat = event.seat_ids.Parse(request.seat_ids[i], event.spec);
        if (seat.problem != HoldOutcome::kOk || seat.zone_index != original.zone_index) {
            return false;
        }
        asked[i] = seat.seat;
    }
    SeatArray held = original.seats;
    SortSeats(asked, original.quantity);
    SortSeats(held, original.quantity);
    return std::equal(asked.begin(), asked.begin() + original.quantity, held.begin());
}

}  // namespace tix::engine
