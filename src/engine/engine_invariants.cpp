// Engine::State's invariant checks: after every mutating call in builds with
// TIX_CHECK_INVARIANTS (CheckTouched), and on demand (Engine::CheckInvariants -> CheckAll).
#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "engine/engine_state.h"
#include "engine/seat_map.h"
#include "engine/tix_assert.h"

namespace tix::engine {

void Engine::State::CheckTouched(const Order& order) const {
    const EventState* event = events.Find(order.event_id);
    TIX_ASSERT(event != nullptr, "order of an unknown event");
    TIX_ASSERT(order.zone_index < event->zones.size(), "order of an unknown zone");
    const Zone& zone = event->zones[order.zone_index];
    CheckZoneCounts(zone);
    if (zone.seat_map != nullptr) {
        for (std::uint32_t i = 0; i < order.quantity; ++i) {
            const std::uint32_t row = zone.seat_map->RowOf(order.seats[i]);
            zone.seat_map->CheckRow(row);
            CheckRowOwners(*event, order.zone_index, row);
        }
    }
    CheckOrderSeats(order, *event);
    TIX_ASSERT(users.TicketsOf(order.user_id, order.event_id) <= event->spec.max_per_user,
               "user above the per-event limit");
    orders.CheckDeadlineTop();
}

void Engine::State::CheckZoneCounts(const Zone& zone) {
    TIX_ASSERT(std::uint64_t{zone.available} + zone.held + zone.sold == zone.capacity,
               "zone available + held + sold != capacity");
    if (zone.seat_map != nullptr) {
        TIX_ASSERT(zone.seat_map->available() == zone.available &&
                       zone.seat_map->capacity() == zone.capacity,
                   "zone counts disagree with its seat map");
        zone.seat_map->CheckRows();
    }
}

void Engine::State::CheckRowOwners(const EventState& event, std::uint16_t zone_index,
                                   std::uint32_t row) const {
    const SeatMap& seat_map = *event.zones[zone_index].seat_map;
    const std::uint32_t first = seat_map.SeatIndex(row, 1);
    for (std::uint32_t seat = first; seat < first + seat_map.RowSeats(row); ++seat) {
        const std::uint32_t owner = seat_map.Owner(seat);
        if (owner == SeatMap::kFree) continue;
        const Order* order = orders.Find(OrderId{owner});
        TIX_ASSERT(order != nullptr && IsLive(*order), "seat owned by no live order");
        TIX_ASSERT(order->event_id == event.spec.event_id && order->zone_index == zone_index,
                   "seat owned by an order of another zone");
        TIX_ASSERT(std::find(order->seats.begin(), order->seats.begin() + order->quantity, seat) !=
                       order->seats.begin() + order->quantity,
                   "seat owned by an order that does not list it");
    }
}

void Engine::State::CheckOrderSeats(const Order& order, const EventState& event) const {
    const EventSpec& spec = event.spec;
    TIX_ASSERT(order.quantity >= 1 && order.quantity <= spec.max_per_user,
               "order quantity out of range");
    TIX_ASSERT(order.amount_minor == spec.zones[order.zone_index].price_minor * order.quantity,
               "order amount is not price x quantity");
    const SeatMap* seat_map = event.zones[order.zone_index].seat_map.get();
    for (std::uint32_t i = 0; i < kMaxPerUserLimit; ++i) {
        const std::uint32_t seat = order.seats[i];
        if (seat_map == nullptr || i >= order.quantity) {
            TIX_ASSERT(seat == 0, "unused seat slot is not zero");
            continue;
        }
        TIX_ASSERT(seat < seat_map->capacity(), "order seat out of range");
        for (std::uint32_t j = 0; j < i; ++j) {
            TIX_ASSERT(order.seats[j] != seat, "order lists a seat twice");
        }
        const bool owns = seat_map->Owner(seat) == SeatOwner(order.order_id);
        TIX_ASSERT(owns == IsLive(order), IsLive(order) ? "live order does not own its seat"
                                                        : "ended order still owns a seat");
    }
}

void Engine::State::CheckAll() const {
    orders.CheckAll();

    // Recompute every count from the orders, then compare with what the engine keeps.
    // Flat tables, not std::map: the simulation test runs this after every step.
    UserTickets user_tickets;
    std::vector<std::vector<ZoneCounts>> zone_live(events.size());  // held, sold
    for (std::size_t e = 0; e < events.size(); ++e) zone_live[e].resize(events[e].zones.size());
    std::uint64_t order_count = 0;
    const EventState* event = nullptr;
    for (std::size_t id = 1; id < orders.size(); ++id) {
        const Order& order = orders.Get(OrderId{id});
        if (!order.order_id) continue;
        ++order_count;
        if (event == nullptr || event->spec.event_id != order.event_id) {
            event = events.Find(order.event_id);
        }
        TIX_ASSERT(event != nullptr && order.zone_index < event->zones.size(),
                   "order of an unknown event or zone");
        CheckOrderSeats(order, *event);
        if (!IsLive(order)) continue;
        user_tickets.Recount(order.user_id, order.event_id, order.quantity);
        ZoneCounts& live = zone_live[event->index][order.zone_index];
        (HasSeats(order.status) ? live.held : live.sold) += order.quantity;
    }

    for (std::size_t e = 0; e < events.size(); ++e) {
        const EventState& each = events[e];
        TIX_ASSERT(each.index == e && events.Find(each.spec.event_id) == &each,
                   "event index is off");
        for (std::size_t z = 0; z < each.zones.size(); ++z) {
            const Zone& zone = each.zones[z];
            CheckZoneCounts(zone);
            TIX_ASSERT(zone.held == zone_live[e][z].held && zone.sold == zone_live[e][z].sold,
                       "zone held/sold disagree with its orders");
            TIX_ASSERT(zone.capacity == each.spec.zones[z].capacity, "capacity changed");
            if (zone.seat_map == nullptr) continue;
            zone.seat_map->CheckAll();
            for (std::uint32_t r = 0; r < zone.seat_map->row_count(); ++r) {
                CheckRowOwners(each, static_cast<std::uint16_t>(z), r);
            }
        }
    }

    users.CheckCounts(user_tickets);
    user_tickets.ForEachTickets([&](UserId, EventId event_id, std::uint32_t tickets) {
        TIX_ASSERT(tickets <= events.Find(event_id)->spec.max_per_user,
                   "user above the per-event limit");
    });

    std::uint64_t listed = 0;
    users.ForEachUser([&](UserId user_id, std::span<const OrderId> ids) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const Order* order = orders.Find(ids[i]);
            TIX_ASSERT(order != nullptr && order->user_id == user_id,
                       "user's order list names another user's order");
            TIX_ASSERT(i == 0 || ids[i - 1] < ids[i], "user's orders are not oldest first");
        }
        listed += ids.size();
    });
    TIX_ASSERT(listed == order_count, "an order is missing from its user's list");

    keys.CheckAll(orders);
    CheckPayments();
    CheckTickets();
    bidding.CheckInvariants();

    rooms.ForEach([&](const WaitingRoom& room) {
        const EventState* room_event = events.Find(room.event_id());
        TIX_ASSERT(room_event != nullptr, "a waiting room of an unknown event");
        TIX_ASSERT(room.config().sale_starts_at == room_event->spec.sale_starts_at,
                   "a waiting room's draw is not at its event's sale start");
        room.CheckInvariants();
    });
}

void Engine::State::CheckPayments() const {
    for (const Payment& payment : payments.All()) {
        // Statuses by name: a ticket and a campaign order share the money part of theirs.
        std::string_view status;
        if (const Order* order = orders.Find(payment.order_id)) {
            status = ToString(order->status);
        } else {
            const CampaignOrder* won = bidding.FindOrder(payment.order_id);
            TIX_ASSERT(won != nullptr, "a payment of an unknown order");
            status = ToString(won->status);
        }
        // A refund in tix's books is one at the provider's: asked for, or done.
        if (status == "refund_pending") {
            TIX_ASSERT(payment.state == PaymentState::kRefundPending,
                       "a refund_pending order whose payment is not being refunded");
        }
        if (status == "refunded") {
            TIX_ASSERT(payment.state == PaymentState::kRefunded,
                       "a refunded order whose payment is not refunded");
        }
        // Money taken is either a paid order or on its way back.
        if (payment.state == PaymentState::kSucceeded) {
            TIX_ASSERT(status == "paid", "money taken for an unpaid order");
        }
    }
}

}  // namespace tix::engine
