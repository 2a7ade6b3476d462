// The engine's operations. What they work on is in Engine::State (engine_state.h): the events
// (event_table.h), the orders and hold deadlines (order_book.h), the per-user tickets and order
// lists (user_tickets.h) and the idempotency keys (idempotency_index.h).
#include "engine/engine.h"

#include <algorithm>
#include <array>
#include <utility>

#include "engine/engine_state.h"
#include "engine/seat_map.h"
#include "engine/tix_assert.h"

namespace tix::engine {
namespace {

bool SaleOpen(const EventSpec& spec, TimeMs now) {
    return now >= spec.sale_starts_at && now < spec.sale_ends_at;
}

}  // namespace

// ---- Steps the operations share ----

const Order& Engine::State::IndexOrder(const Order& order, std::string_view key, RequestKind kind,
                                       std::uint32_t user) {
    const std::uint64_t key_ref = key.empty() ? 0 : keys.Add(order.user_id, key, order.order_id);
    const Order& indexed = orders.Add(order, OrderExtra(key_ref, kind));
    users.AddOrder(user, order.order_id);
    return indexed;
}

const Order& Engine::State::PlaceOrder(EventState& event, UserId user_id, std::uint16_t zone_index,
                                       std::uint32_t quantity, const SeatArray& seats, TimeMs now,
                                       RequestKind kind, std::string_view key) {
    const EventSpec& spec = event.spec;
    Zone& zone = event.zones[zone_index];
    Order order;
    order.order_id = orders.next_order_id();
    order.user_id = user_id;
    order.event_id = spec.event_id;
    order.zone_index = zone_index;
    order.quantity = static_cast<std::uint8_t>(quantity);
    order.status = OrderStatus::kHeld;
    order.created_at = now;
    order.expires_at = now + static_cast<TimeMs>(spec.hold_seconds) * 1000;
    order.updated_at = now;
    order.amount_minor = spec.zones[zone_index].price_minor * quantity;
    order.seats = seats;

    zone.available -= quantity;
    zone.held += quantity;
    const std::uint32_t user =
        users.AddTickets(user_id, spec.event_id, static_cast<std::int32_t>(quantity));
    const Order& placed = IndexOrder(order, key, kind, user);
    if constexpr (kCheckInvariants) CheckTouched(placed);
    return placed;
}

void Engine::State::EndHold(Order& order, OrderStatus status, TimeMs now) {
    TIX_ASSERT(order.status == OrderStatus::kHeld, "only a held order can end its hold");
    Zone& zone = events.Find(order.event_id)->zones[order.zone_index];
    if (zone.seat_map != nullptr) {
        const auto owner = static_cast<std::uint32_t>(order.order_id);
        for (std::uint32_t i = 0; i < order.quantity; ++i) {
            zone.seat_map->Release(order.seats[i], owner);
        }
    }
    zone.held -= order.quantity;
    zone.available += order.quantity;
    users.AddTickets(order.user_id, order.event_id, -static_cast<std::int32_t>(order.quantity));
    orders.EndHeld(order, status, now);
}

OrderOutcome Engine::State::ExpireLate(Order& order, TimeMs now) {
    EndHold(order, OrderStatus::kExpired, now);
    orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) CheckTouched(order);
    return OrderOutcome::kExpired;
}

// ---- Operations ----

Engine::Engine() : state_(std::make_unique<State>()) {}
Engine::~Engine() = default;

EventId Engine::AddEvent(EventSpec spec) {
    TIX_ASSERT(!ValidateEventSpec(spec).has_value(), "AddEvent of an invalid spec");
    NormalizeEventSpec(spec);
    return state_->events.Add(std::move(spec)).spec.event_id;
}

HoldResult Engine::Hold(const HoldByQuantity& request, TimeMs now) {
    State& s = *state_;
    EventState* event = s.events.Find(request.event_id);
    if (event == nullptr) return {HoldOutcome::kUnknownEvent};
    if (const std::optional<HoldResult> replay = s.FindReplay(request)) return *replay;
    const EventSpec& spec = event->spec;
    if (!SaleOpen(spec, now)) return {HoldOutcome::kSaleNotOpen};
    const std::optional<std::uint16_t> zone_index = FindZone(spec, request.zone_id);
    if (!zone_index) return {HoldOutcome::kUnknownZone};
    const std::uint32_t quantity = request.quantity;
    if (quantity < 1 || quantity > spec.max_per_user) return {HoldOutcome::kInvalidQuantity};
    if (s.users.TicketsOf(request.user_id, spec.event_id) + quantity > spec.max_per_user) {
        return {HoldOutcome::kLimitExceeded};
    }
    Zone& zone = event->zones[*zone_index];
    if (zone.available < quantity) return {HoldOutcome::kSoldOut};
    SeatArray seats{};
    if (zone.seat_map != nullptr) {
        const std::uint32_t owner = s.orders.NextSeatOwner();
        if (!zone.seat_map->TakeAdjacent(quantity, owner, seats.data())) {
            if (!request.allow_split) return {HoldOutcome::kNoAdjacentSeats};
            zone.seat_map->TakeSplit(quantity, owner, seats.data());
        }
    }
    const RequestKind kind =
        request.allow_split ? RequestKind::kQuantitySplit : RequestKind::kQuantity;
    return {HoldOutcome::kOk, &s.PlaceOrder(*event, request.user_id, *zone_index, quantity, seats,
                                            now, kind, request.idempotency_key)};
}

HoldResult Engine::Hold(const HoldBySeats& request, TimeMs now) {
    State& s = *state_;
    EventState* event = s.events.Find(request.event_id);
    if (event == nullptr) return {HoldOutcome::kUnknownEvent};
    if (const std::optional<HoldResult> replay = s.FindReplay(request)) return *replay;
    const EventSpec& spec = event->spec;
    if (!SaleOpen(spec, now)) return {HoldOutcome::kSaleNotOpen};
    // Every id must name a seat before the count matters: "unknown_seat" is the more useful
    // answer for a long list with a typo in it.
    std::array<ParsedSeat, kMaxPerUserLimit> parsed{};
    for (std::size_t i = 0; i < request.seat_ids.size(); ++i) {
        const ParsedSeat seat = event->seat_ids.Parse(request.seat_ids[i], spec);
        if (seat.problem != HoldOutcome::kOk) return {seat.problem};
        if (i < parsed.size()) parsed[i] = seat;
    }
    const std::size_t count = request.seat_ids.size();
    if (count < 1 || count > spec.max_per_user) return {HoldOutcome::kInvalidQuantity};
    for (std::size_t i = 1; i < count; ++i) {
        if (parsed[i].zone_index != parsed[0].zone_index) return {HoldOutcome::kSeatsSpanZones};
        for (std::size_t j = 0; j < i; ++j) {
            if (parsed[j].seat == parsed[i].seat) return {HoldOutcome::kDuplicateSeat};
        }
    }
    const std::uint32_t quantity = static_cast<std::uint32_t>(count);
    if (s.users.TicketsOf(request.user_id, spec.event_id) + quantity > spec.max_per_user) {
        return {HoldOutcome::kLimitExceeded};
    }
    const std::uint16_t zone_index = parsed[0].zone_index;
    Zone& zone = event->zones[zone_index];
    for (std::size_t i = 0; i < count; ++i) {
        if (zone.seat_map->Owner(parsed[i].seat) != SeatMap::kFree) {
            return {HoldOutcome::kSeatTaken};
        }
    }
    SeatArray seats{};
    const std::uint32_t owner = s.orders.NextSeatOwner();
    for (std::size_t i = 0; i < count; ++i) {
        zone.seat_map->Take(parsed[i].seat, owner);
        seats[i] = parsed[i].seat;
    }
    SortSeats(seats, count);
    return {HoldOutcome::kOk, &s.PlaceOrder(*event, request.user_id, zone_index, quantity, seats,
                                            now, RequestKind::kSeats, request.idempotency_key)};
}

OrderOutcome Engine::Confirm(OrderId order_id, TimeMs now) {
    State& s = *state_;
    Order* found = s.orders.Find(order_id);
    if (found == nullptr) return OrderOutcome::kUnknownOrder;
    Order& order = *found;
    switch (order.status) {
        case OrderStatus::kPaid:
            return OrderOutcome::kUnchanged;
        case OrderStatus::kCancelled:
            return OrderOutcome::kCancelled;
        case OrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case OrderStatus::kHeld:
            break;
    }
    if (now >= order.expires_at) return s.ExpireLate(order, now);
    Zone& zone = s.events.Find(order.event_id)->zones[order.zone_index];
    zone.held -= order.quantity;
    zone.sold += order.quantity;
    s.orders.EndHeld(order, OrderStatus::kPaid, now);
    s.orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) s.CheckTouched(order);
    return OrderOutcome::kOk;
}

OrderOutcome Engine::Cancel(OrderId order_id, TimeMs now) {
    State& s = *state_;
    Order* found = s.orders.Find(order_id);
    if (found == nullptr) return OrderOutcome::kUnknownOrder;
    Order& order = *found;
    switch (order.status) {
        case OrderStatus::kCancelled:
            return OrderOutcome::kUnchanged;
        case OrderStatus::kPaid:
            return OrderOutcome::kPaid;
        case OrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case OrderStatus::kHeld:
            break;
    }
    if (now >= order.expires_at) return s.ExpireLate(order, now);
    s.EndHold(order, OrderStatus::kCancelled, now);
    s.orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) s.CheckTouched(order);
    return OrderOutcome::kOk;
}

void Engine::ExpireDue(TimeMs now, std::vector<OrderId>& expired) {
    State& s = *state_;
    const std::size_t first = expired.size();
    while (const std::optional<OrderId> order_id = s.orders.PopDue(now)) {
        Order& order = s.orders.Get(*order_id);
        if (order.status != OrderStatus::kHeld) continue;  // confirmed or cancelled meanwhile
        s.EndHold(order, OrderStatus::kExpired, now);
        expired.push_back(*order_id);
    }
    s.orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) {
        for (std::size_t i = first; i < expired.size(); ++i)
            s.CheckTouched(s.orders.Get(expired[i]));
    }
}

std::optional<TimeMs> Engine::NextDeadline() const { return state_->orders.NextDeadline(); }

void Engine::Restore(const Order& order, std::string_view idempotency_key) {
    State& s = *state_;
    EventState* event = s.events.Find(order.event_id);
    TIX_ASSERT(event != nullptr, "Restore of an order of an unknown event");
    TIX_ASSERT(order.zone_index < event->zones.size(), "Restore of an order of an unknown zone");
    TIX_ASSERT(order.order_id >= s.orders.next_order_id(),
               "Restore of order ids out of ascending order");
    TIX_ASSERT(order.quantity >= 1 && order.quantity <= event->spec.max_per_user,
               "Restore of an order with a bad quantity");
    TIX_ASSERT(
        idempotency_key.empty() || s.keys.Find(s.orders, order.user_id, idempotency_key) == nullptr,
        "Restore of an idempotency key twice");
    Zone& zone = event->zones[order.zone_index];
    if (IsLive(order.status)) {
        TIX_ASSERT(zone.available >= order.quantity, "Restore oversells a zone");
        if (zone.seat_map != nullptr) {
            for (std::uint32_t i = 0; i < order.quantity; ++i) {
                const std::uint32_t seat = order.seats[i];
                TIX_ASSERT(seat < zone.seat_map->capacity() &&
                               zone.seat_map->Owner(seat) == SeatMap::kFree,
                           "Restore of a seat that is taken or does not exist");
                zone.seat_map->Take(seat, static_cast<std::uint32_t>(order.order_id));
            }
        }
        zone.available -= order.quantity;
        (order.status == OrderStatus::kHeld ? zone.held : zone.sold) += order.quantity;
        s.users.AddTickets(order.user_id, order.event_id, order.quantity);
    }
    // A held order is counted and its deadline queued as it is filed (OrderBook::Add).
    const Order& restored = s.IndexOrder(order, idempotency_key, RequestKind::kRestored,
                                         s.users.UserIndex(order.user_id));
    if constexpr (kCheckInvariants) s.CheckTouched(restored);
}

// ---- Reads ----

const EventSpec* Engine::FindEvent(EventId event_id) const {
    const EventState* event = state_->events.Find(event_id);
    return event == nullptr ? nullptr : &event->spec;
}

std::vector<EventId> Engine::EventIds() const {
    const EventTable& events = state_->events;
    std::vector<EventId> ids;
    ids.reserve(events.size());
    for (std::size_t e = 0; e < events.size(); ++e) ids.push_back(events[e].spec.event_id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

const Order* Engine::FindOrder(OrderId order_id) const { return state_->orders.Find(order_id); }

std::span<const OrderId> Engine::OrdersOf(UserId user_id) const {
    return state_->users.OrdersOf(user_id);
}

std::optional<std::uint16_t> Engine::ZoneIndex(EventId event_id, std::string_view zone_id) const {
    const EventState* event = state_->events.Find(event_id);
    if (event == nullptr) return std::nullopt;
    return FindZone(event->spec, zone_id);
}

ZoneCounts Engine::Counts(EventId event_id, std::uint16_t zone_index) const {
    const EventState* event = state_->events.Find(event_id);
    if (event == nullptr || zone_index >= event->zones.size()) return {};
    const Zone& zone = event->zones[zone_index];
    return {zone.capacity, zone.available, zone.held, zone.sold};
}

std::string Engine::RowStates(EventId event_id, std::uint16_t zone_index,
                              std::uint32_t row_index) const {
    const State& s = *state_;
    const EventState* event = s.events.Find(event_id);
    if (event == nullptr || zone_index >= event->zones.size()) return {};
    const SeatMap* seat_map = event->zones[zone_index].seat_map.get();
    if (seat_map == nullptr || row_index >= seat_map->row_count()) return {};
    std::string states(seat_map->RowSeats(row_index), static_cast<char>(SeatState::kAvailable));
    const std::uint32_t first = seat_map->SeatIndex(row_index, 1);
    for (std::uint32_t i = 0; i < states.size(); ++i) {
        const std::uint32_t owner = seat_map->Owner(first + i);
        if (owner == SeatMap::kFree) continue;
        states[i] = static_cast<char>(
            s.orders.Get(owner).status == OrderStatus::kHeld ? SeatState::kHeld : SeatState::kSold);
    }
    return states;
}

std::string Engine::SeatId(EventId event_id, std::uint16_t zone_index,
                           std::uint32_t seat_index) const {
    const EventState* event = state_->events.Find(event_id);
    if (event == nullptr || zone_index >= event->zones.size()) return {};
    const SeatMap* seat_map = event->zones[zone_index].seat_map.get();
    if (seat_map == nullptr || seat_index >= seat_map->capacity()) return {};
    return SeatIds::Format(event->spec.zones[zone_index], *seat_map, seat_index);
}

std::uint32_t Engine::TicketsOf(UserId user_id, EventId event_id) const {
    return state_->users.TicketsOf(user_id, event_id);
}

void Engine::CheckInvariants() const { state_->CheckAll(); }

}  // namespace tix::engine
