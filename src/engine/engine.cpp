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

bool SaleOpen(const EventSpec& spec, TimePoint now) {
    return now >= spec.sale_starts_at && now < spec.sale_ends_at;
}

}  // namespace

// ---- Steps the operations share ----

std::optional<OrderOutcome> Engine::State::UnlessPayable(const Order& order) {
    switch (order.status) {
        case OrderStatus::kPaid:
            return OrderOutcome::kUnchanged;
        case OrderStatus::kCancelled:
            return OrderOutcome::kCancelled;
        case OrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case OrderStatus::kPaymentPending:
            return OrderOutcome::kPaymentPending;
        case OrderStatus::kRefundPending:
        case OrderStatus::kRefunded:
            return OrderOutcome::kNotPaymentPending;
        case OrderStatus::kHeld:
            break;
    }
    return std::nullopt;
}

const Order& Engine::State::IndexOrder(const Order& order, std::string_view key, RequestKind kind,
                                       std::uint32_t user) {
    const std::uint64_t key_ref = key.empty() ? 0 : keys.Add(order.user_id, key, order.order_id);
    const Order& indexed = orders.Add(order, OrderExtra(key_ref, kind));
    users.AddOrder(user, order.order_id);
    return indexed;
}

const Order& Engine::State::PlaceOrder(EventState& event, UserId user_id, std::uint16_t zone_index,
                                       std::uint32_t quantity, const SeatArray& seats,
                                       TimePoint now, RequestKind kind, std::string_view key) {
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
    order.expires_at = now + spec.hold;
    order.updated_at = now;
    order.amount_minor = spec.zones[zone_index].price_minor * quantity;
    order.seats = seats;

    zone.available -= quantity;
    zone.held += quantity;
    const std::uint32_t user =
        users.AddTickets(user_id, spec.event_id, static_cast<std::int32_t>(quantity));
    const Order& placed = IndexOrder(order, key, kind, user);
    RecordNewOrder(placed, key, kind);
    if constexpr (kCheckInvariants) CheckTouched(placed);
    return placed;
}

void Engine::State::EndHold(Order& order, OrderStatus status, TimePoint now) {
    TIX_ASSERT(HasSeats(order.status), "only an order with seats can end its hold");
    Zone& zone = events.Find(order.event_id)->zones[order.zone_index];
    if (zone.seat_map != nullptr) {
        const std::uint32_t owner = SeatOwner(order.order_id);
        for (std::uint32_t i = 0; i < order.quantity; ++i) {
            zone.seat_map->Release(order.seats[i], owner);
        }
    }
    zone.held -= order.quantity;
    zone.available += order.quantity;
    users.AddTickets(order.user_id, order.event_id, -static_cast<std::int32_t>(order.quantity));
    orders.EndHeld(order, status, now);
    RecordOrder(order);
}

void Engine::State::MarkPaid(Order& order, TimePoint now) {
    Zone& zone = events.Find(order.event_id)->zones[order.zone_index];
    zone.held -= order.quantity;
    zone.sold += order.quantity;
    orders.EndHeld(order, OrderStatus::kPaid, now);
    orders.DropStaleDeadlines();
    RecordOrder(order);
    IssueTickets(order, now);
    // The buyer has what the admission was for: its place goes to the next in line.
    if (WaitingRoom* room = rooms.Find(order.event_id)) room->OnPaid(order.user_id);
    if constexpr (kCheckInvariants) CheckTouched(order);
}

OrderOutcome Engine::State::ExpireLate(Order& order, TimePoint now) {
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
    spec.event_id = EventId{};
    const EventState& added = state_->events.Add(std::move(spec));
    state_->changes.events.push_back(added.spec);
    return added.spec.event_id;
}

void Engine::RestoreEvent(EventSpec spec) {
    TIX_ASSERT(!ValidateEventSpec(spec).has_value(), "RestoreEvent of an invalid spec");
    TIX_ASSERT(spec.event_id, "RestoreEvent without an event id");
    NormalizeEventSpec(spec);
    state_->events.Add(std::move(spec));
}

HoldResult Engine::Hold(const HoldByQuantity& request, TimePoint now) {
    State& s = *state_;
    EventState* event = s.events.Find(request.event_id);
    if (event == nullptr) return {HoldOutcome::kUnknownEvent};
    if (const std::optional<HoldResult> replay = s.FindReplay(request)) return *replay;
    const EventSpec& spec = event->spec;
    if (!SaleOpen(spec, now)) return {HoldOutcome::kSaleNotOpen};
    if (!s.MayShop(request.user_id, spec.event_id, now)) return {HoldOutcome::kNotAdmitted};
    const std::optional<std::uint16_t> zone_index = FindZone(spec, request.zone_id);
    if (!zone_index) return {HoldOutcome::kUnknownZone};
    const std::uint32_t quantity = request.quantity;
    if (quantity < 1 || quantity > spec.max_per_user) return {HoldOutcome::kInvalidQuantity};
    if (s.users.TicketsOf(request.user_id, spec.event_id) + quantity > spec.max_per_user) {
        return {HoldOutcome::kLimitExceeded};
    }
    Zone& zone = event->zones[*zone_index];
    if (zone.available < quantity) return {HoldOutcome::kSoldOut};
    if (!s.orders.CanPlace()) return {HoldOutcome::kOrderIdsExhausted};
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

HoldResult Engine::Hold(const HoldBySeats& request, TimePoint now) {
    State& s = *state_;
    EventState* event = s.events.Find(request.event_id);
    if (event == nullptr) return {HoldOutcome::kUnknownEvent};
    if (const std::optional<HoldResult> replay = s.FindReplay(request)) return *replay;
    const EventSpec& spec = event->spec;
    if (!SaleOpen(spec, now)) return {HoldOutcome::kSaleNotOpen};
    if (!s.MayShop(request.user_id, spec.event_id, now)) return {HoldOutcome::kNotAdmitted};
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
    if (!s.orders.CanPlace()) return {HoldOutcome::kOrderIdsExhausted};
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

OrderOutcome Engine::Confirm(OrderId order_id, TimePoint now) {
    State& s = *state_;
    Order* found = s.orders.Find(order_id);
    if (found == nullptr) return OrderOutcome::kUnknownOrder;
    Order& order = *found;
    if (const std::optional<OrderOutcome> refusal = State::UnlessPayable(order)) return *refusal;
    if (now >= order.expires_at) return s.ExpireLate(order, now);
    s.MarkPaid(order, now);
    return OrderOutcome::kOk;
}

OrderOutcome Engine::BeginPayment(OrderId order_id, TimePoint now,
                                  std::chrono::milliseconds window) {
    State& s = *state_;
    Order* found = s.orders.Find(order_id);
    if (found == nullptr) {
        const CampaignOrder* won = s.bidding.FindOrder(order_id);
        if (won == nullptr) return OrderOutcome::kUnknownOrder;
        return s.StartPayment(*won, now, [&](const CampaignOrder&) { return now + window; });
    }
    Order& order = *found;
    if (const std::optional<OrderOutcome> refusal = State::UnlessPayable(order)) return *refusal;
    if (now >= order.expires_at) return s.ExpireLate(order, now);
    s.orders.StartPayment(order, now + window, now);
    // The hold deadline's entry is stale now, and may be the top (the payment deadline can be
    // later): NextDeadline must not report it.
    s.orders.DropStaleDeadlines();
    s.RecordOrder(order);
    if constexpr (kCheckInvariants) s.CheckTouched(order);
    return OrderOutcome::kOk;
}

OrderOutcome Engine::CompletePayment(OrderId order_id, bool approved, TimePoint now) {
    State& s = *state_;
    Order* found = s.orders.Find(order_id);
    if (found == nullptr) {
        const CampaignOrder* won = s.bidding.FindOrder(order_id);
        if (won == nullptr) return OrderOutcome::kUnknownOrder;
        return s.CompletePayment(*won, approved, now);
    }
    Order& order = *found;
    switch (order.status) {
        case OrderStatus::kPaid:
            return approved ? OrderOutcome::kUnchanged : OrderOutcome::kPaid;
        case OrderStatus::kCancelled:
            return OrderOutcome::kCancelled;
        case OrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case OrderStatus::kHeld:
        case OrderStatus::kRefundPending:
        case OrderStatus::kRefunded:
            return OrderOutcome::kNotPaymentPending;
        case OrderStatus::kPaymentPending:
            break;
    }
    if (now >= order.payment_expires_at) return s.ExpireLate(order, now);
    if (approved) {
        s.MarkPaid(order, now);
    } else if (now < order.expires_at) {
        s.orders.ResumeHold(order, now);
        s.RecordOrder(order);
        s.orders.DropStaleDeadlines();
        if constexpr (kCheckInvariants) s.CheckTouched(order);
    } else {
        return s.ExpireLate(order, now);
    }
    return OrderOutcome::kOk;
}

OrderOutcome Engine::Cancel(OrderId order_id, TimePoint now) {
    State& s = *state_;
    Order* found = s.orders.Find(order_id);
    if (found == nullptr) {
        const CampaignOrder* won = s.bidding.FindOrder(order_id);
        if (won == nullptr) return OrderOutcome::kUnknownOrder;
        return s.Cancel(*won, now);
    }
    Order& order = *found;
    switch (order.status) {
        case OrderStatus::kCancelled:
            return OrderOutcome::kUnchanged;
        case OrderStatus::kPaid:
            return OrderOutcome::kPaid;
        case OrderStatus::kExpired:
            return OrderOutcome::kExpired;
        case OrderStatus::kPaymentPending:
            return OrderOutcome::kPaymentPending;
        case OrderStatus::kRefundPending:
        case OrderStatus::kRefunded:
            return OrderOutcome::kPaid;
        case OrderStatus::kHeld:
            break;
    }
    if (now >= order.expires_at) return s.ExpireLate(order, now);
    s.EndHold(order, OrderStatus::kCancelled, now);
    s.orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) s.CheckTouched(order);
    return OrderOutcome::kOk;
}

void Engine::ExpireDue(TimePoint now, std::vector<OrderId>& expired) {
    State& s = *state_;
    const std::size_t first = expired.size();
    while (const std::optional<OrderId> order_id = s.orders.PopDue(now)) {
        if (!*order_id) continue;  // a stale deadline: paid, cancelled or re-dated meanwhile
        Order& order = s.orders.Get(*order_id);
        s.EndHold(order, OrderStatus::kExpired, now);
        expired.push_back(*order_id);
    }
    s.orders.DropStaleDeadlines();
    if constexpr (kCheckInvariants) {
        for (std::size_t i = first; i < expired.size(); ++i)
            s.CheckTouched(s.orders.Get(expired[i]));
    }
    s.settled.clear();
    s.won_expired.clear();
    s.bidding.SettleDue(now, s.orders, s.settled);
    s.bidding.ExpireUnpaid(now, s.won_expired);
    if (kCheckInvariants && (!s.settled.empty() || !s.won_expired.empty())) {
        s.bidding.CheckInvariants();
    }
    PumpQueues(now);  // after the seats came back: a room may admit more
}

std::optional<TimePoint> Engine::NextDeadline() const {
    std::optional<TimePoint> next = state_->orders.NextDeadline();
    const std::optional<TimePoint> bidding_due = state_->bidding.NextDeadline();
    if (bidding_due && (!next || *bidding_due < *next)) next = bidding_due;
    state_->rooms.ForEach([&](const WaitingRoom& room) {
        const std::optional<TimePoint> due = room.NextDeadline();
        if (due && (!next || *due < *next)) next = due;
    });
    return next;
}

void Engine::Restore(const OrderRecord& record) {
    State& s = *state_;
    const Order& order = record.order;
    const std::string_view idempotency_key = record.idempotency_key;
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
    if (IsLive(order)) {
        TIX_ASSERT(zone.available >= order.quantity, "Restore oversells a zone");
        if (zone.seat_map != nullptr) {
            for (std::uint32_t i = 0; i < order.quantity; ++i) {
                const std::uint32_t seat = order.seats[i];
                TIX_ASSERT(seat < zone.seat_map->capacity() &&
                               zone.seat_map->Owner(seat) == SeatMap::kFree,
                           "Restore of a seat that is taken or does not exist");
                zone.seat_map->Take(seat, SeatOwner(order.order_id));
            }
        }
        zone.available -= order.quantity;
        (HasSeats(order.status) ? zone.held : zone.sold) += order.quantity;
        s.users.AddTickets(order.user_id, order.event_id, order.quantity);
    }
    // An order with seats is counted and its deadline queued as it is filed (OrderBook::Add).
    const Order& restored =
        s.IndexOrder(order, idempotency_key, record.request_kind, s.users.UserIndex(order.user_id));
    ++event->version;
    // Its tickets come back with RestoreTickets, which issues them if the journal has none.
    if (order.status == OrderStatus::kPaid) s.tickets_awaited.push_back(order.order_id);
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
            HasSeats(s.orders.Get(OrderId{owner}).status) ? SeatState::kHeld : SeatState::kSold);
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

void Engine::DrainChanges(JournalBatch& batch) {
    JournalBatch& changes = state_->changes;
    if (batch.empty()) {
        std::swap(batch, changes);  // the common case: no copy
    } else {
        batch.Append(std::move(changes));
    }
    state_->rooms.ForEach([&](WaitingRoom& room) { room.DrainChanges(batch.queues); });
    state_->tickets.DrainChanges(batch.tickets);
    state_->bidding.DrainChanges(batch.bidding);
}

bool Engine::HasChanges() const {
    bool rooms_changed = false;
    state_->rooms.ForEach([&](const WaitingRoom& room) { rooms_changed |= room.HasChanges(); });
    return !state_->changes.empty() || rooms_changed || state_->tickets.HasChanges() ||
           state_->bidding.HasChanges();
}

std::shared_ptr<const EventSpec> Engine::SharedEvent(EventId event_id) const {
    const EventState* event = state_->events.Find(event_id);
    return event == nullptr ? nullptr : event->shared_spec;
}

std::uint64_t Engine::EventVersion(EventId event_id) const {
    const EventState* event = state_->events.Find(event_id);
    return event == nullptr ? 0 : event->version;
}

std::shared_ptr<const std::string> Engine::SeatStates(EventId event_id) const {
    const EventState* event = state_->events.Find(event_id);
    if (event == nullptr) return nullptr;
    if (event->seat_states != nullptr && event->seat_states_version == event->version) {
        return event->seat_states;
    }
    std::string states;
    for (std::uint16_t z = 0; z < event->zones.size(); ++z) {
        const SeatMap* seat_map = event->zones[z].seat_map.get();
        if (seat_map == nullptr) continue;
        for (std::uint32_t r = 0; r < seat_map->row_count(); ++r) {
            states += RowStates(event_id, z, r);
        }
    }
    event->seat_states = std::make_shared<const std::string>(std::move(states));
    event->seat_states_version = event->version;
    return event->seat_states;
}

void Engine::CheckInvariants() const { state_->CheckAll(); }

}  // namespace tix::engine
