#include "engine/engine.h"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <unordered_map>
#include <utility>

#include "engine/chunked_vector.h"
#include "engine/deadline_queue.h"
#include "engine/flat_table.h"
#include "engine/key_arena.h"
#include "engine/order_id_list.h"
#include "engine/seat_map.h"
#include "engine/tix_assert.h"

namespace tix::engine {
namespace {

#ifdef TIX_CHECK_INVARIANTS
constexpr bool kCheckInvariants = true;
#else
constexpr bool kCheckInvariants = false;
#endif

// How a hold was asked for; part of "the same request" for idempotent replays. Restore only gets
// the order and its key, not the request, so restored orders are kRestored (see SameRequest).
enum class RequestKind : std::uint8_t { kQuantity, kQuantitySplit, kSeats, kRestored };

// What the engine keeps per order beside the public Order (parallel to State::orders): the
// idempotency key's reference in State::keys (0: none) and the request kind, in 8 bytes.
class OrderExtra {
  public:
    OrderExtra() = default;
    OrderExtra(std::uint64_t key_ref, RequestKind kind)
        : bits_(key_ref | std::uint64_t{static_cast<std::uint8_t>(kind)} << kKindShift) {}
    std::uint64_t key_ref() const { return bits_ & ((std::uint64_t{1} << kKindShift) - 1); }
    RequestKind kind() const { return static_cast<RequestKind>(bits_ >> kKindShift); }

  private:
    static constexpr int kKindShift = 62;
    std::uint64_t bits_ = 0;
};

struct Zone {
    std::uint32_t capacity = 0;
    std::uint32_t available = 0;
    std::uint32_t held = 0;
    std::uint32_t sold = 0;
    std::unique_ptr<SeatMap> seat_map;  // seated zones only
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct EventState {
    std::uint32_t index = 0;  // in State::events
    EventSpec spec;
    std::vector<Zone> zones;
    // "ZONE-ROW" -> zone index << 16 | row index. One entry per row, never one per seat.
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> rows;
};

struct EventEntry {
    EventId event_id = 0;
    std::uint32_t index = 0;  // into State::events
};
struct UserEntry {
    UserId user_id = 0;
    std::uint32_t index = 0;  // into State::user_orders
};
struct TicketEntry {
    UserId user_id = 0;
    EventId event_id = 0;
    std::uint32_t tickets = 0;     // held + paid
    std::uint32_t user_index = 0;  // the user's UserEntry::index: saves a lookup per hold
};
struct KeyEntry {
    OrderId order_id = 0;  // the order has the user; State::keys has the key
};

struct ParsedSeat {
    HoldOutcome problem = HoldOutcome::kOk;  // or kUnknownSeat / kNotSeated
    std::uint16_t zone_index = 0;
    std::uint32_t seat = 0;  // index within the zone
};

using SeatArray = std::array<std::uint32_t, kMaxPerUserLimit>;

std::uint64_t EventHash(EventId event_id) { return MixHash(event_id); }
std::uint64_t UserHash(UserId user_id) { return MixHash(user_id); }
std::uint64_t TicketHash(UserId user_id, EventId event_id) { return MixHash(user_id, event_id); }
std::uint64_t KeyHash(UserId user_id, std::string_view key) {
    return MixHash(user_id, std::hash<std::string_view>{}(key));
}

bool SaleOpen(const EventSpec& spec, TimeMs now) {
    return now >= spec.sale_starts_at && now < spec.sale_ends_at;
}

std::optional<std::uint16_t> FindZone(const EventSpec& spec, std::string_view zone_id) {
    for (std::size_t z = 0; z < spec.zones.size(); ++z) {
        if (spec.zones[z].zone_id == zone_id) return static_cast<std::uint16_t>(z);
    }
    return std::nullopt;
}

bool IsLive(OrderStatus status) {
    return status == OrderStatus::kHeld || status == OrderStatus::kPaid;
}

// "12" -> 12. Canonical decimal only (no sign, no leading zero), so each seat has one id.
std::optional<std::uint32_t> ParseSeatNumber(std::string_view digits) {
    if (digits.empty() || digits.size() > 9 || digits[0] == '0') return std::nullopt;
    std::uint32_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return value;
}

}  // namespace

struct Engine::State {
    std::vector<std::unique_ptr<EventState>> events;  // in the order added
    FlatTable<EventEntry> event_index;
    EventId next_event_id = 1;

    // Indexed by order id; slot 0 and ids skipped by Restore hold an Order with order_id 0.
    ChunkedVector<Order> orders;
    ChunkedVector<OrderExtra> extras;
    OrderId next_order_id = 1;
    std::uint64_t held_orders = 0;
    KeyArena keys;
    FlatTable<KeyEntry> key_index;
    FlatTable<TicketEntry> tickets;
    FlatTable<UserEntry> user_index;
    ChunkedVector<OrderIdList> user_orders;
    DeadlineQueue deadlines;

    // ---- Lookups ----

    const EventState* FindEventState(EventId event_id) const {
        const EventEntry* entry = event_index.Find(
            EventHash(event_id), [&](const EventEntry& e) { return e.event_id == event_id; });
        return entry == nullptr ? nullptr : events[entry->index].get();
    }
    EventState* FindEventState(EventId event_id) {
        return const_cast<EventState*>(std::as_const(*this).FindEventState(event_id));
    }

    const Order* FindOrder(OrderId order_id) const {
        if (order_id == 0 || order_id >= orders.size()) return nullptr;
        const Order& order = orders[order_id];
        return order.order_id == order_id ? &order : nullptr;
    }

    std::string_view KeyOf(OrderId order_id) const {
        const std::uint64_t ref = extras[order_id].key_ref();
        return ref == 0 ? std::string_view() : keys.Get(ref);
    }

    const Order* FindKey(UserId user_id, std::string_view key) const {
        const KeyEntry* entry = key_index.Find(KeyHash(user_id, key), [&](const KeyEntry& e) {
            return orders[e.order_id].user_id == user_id && KeyOf(e.order_id) == key;
        });
        return entry == nullptr ? nullptr : &orders[entry->order_id];
    }

    std::uint32_t TicketsOf(UserId user_id, EventId event_id) const {
        const TicketEntry* entry = tickets.Find(
            TicketHash(user_id, event_id),
            [&](const TicketEntry& e) { return e.user_id == user_id && e.event_id == event_id; });
        return entry == nullptr ? 0 : entry->tickets;
    }

    // The user's slot in user_orders, made on first use.
    std::uint32_t UserIndex(UserId user_id) {
        const std::uint64_t hash = UserHash(user_id);
        const UserEntry* user =
            user_index.Find(hash, [&](const UserEntry& e) { return e.user_id == user_id; });
        if (user != nullptr) return user->index;
        const auto index = static_cast<std::uint32_t>(user_orders.size());
        user_index.Insert(hash, {user_id, index});
        user_orders.emplace_back();
        return index;
    }

    // Adds delta to the user's tickets for the event; returns the user's UserIndex.
    std::uint32_t AddTickets(UserId user_id, EventId event_id, std::int32_t delta) {
        const std::uint64_t hash = TicketHash(user_id, event_id);
        TicketEntry* entry = tickets.Find(hash, [&](const TicketEntry& e) {
            return e.user_id == user_id && e.event_id == event_id;
        });
        if (entry == nullptr) {
            const std::uint32_t user = UserIndex(user_id);
            entry = &tickets.Insert(hash, {user_id, event_id, 0, user});
        }
        TIX_ASSERT(delta >= 0 || entry->tickets >= static_cast<std::uint32_t>(-delta),
                   "user ticket count would go negative");
        entry->tickets += delta;
        return entry->user_index;
    }

    // "INF-A-12" -> zone and seat index. Splits at the last '-', then looks "INF-A" up among the
    // event's rows. Not a seat: kNotSeated if the id starts with a general-admission zone id,
    // else kUnknownSeat.
    ParsedSeat ParseSeat(const EventState& event, std::string_view seat_id) const {
        ParsedSeat parsed;
        const std::size_t dash = seat_id.rfind('-');
        if (dash != std::string_view::npos) {
            const auto number = ParseSeatNumber(seat_id.substr(dash + 1));
            const auto row = event.rows.find(seat_id.substr(0, dash));
            if (number && row != event.rows.end()) {
                const std::uint16_t zone_index = static_cast<std::uint16_t>(row->second >> 16);
                const std::uint32_t row_index = row->second & 0xffff;
                const SeatMap& seat_map = *event.zones[zone_index].seat_map;
                if (*number <= seat_map.RowSeats(row_index)) {
                    parsed.zone_index = zone_index;
                    parsed.seat = seat_map.SeatIndex(row_index, *number);
                    return parsed;
                }
            }
        }
        const auto zone = FindZone(event.spec, seat_id.substr(0, seat_id.find('-')));
        const bool general_admission =
            zone && event.spec.zones[*zone].kind == ZoneKind::kGeneralAdmission;
        parsed.problem = general_admission ? HoldOutcome::kNotSeated : HoldOutcome::kUnknownSeat;
        return parsed;
    }

    // ---- Idempotency ----

    bool SameRequest(const Order& original, const HoldByQuantity& request) const {
        const RequestKind kind = extras[original.order_id].kind();
        if (kind == RequestKind::kSeats) return false;
        if (original.event_id != request.event_id || original.quantity != request.quantity) {
            return false;
        }
        const EventState& event = *FindEventState(original.event_id);
        if (FindZone(event.spec, request.zone_id) != original.zone_index) return false;
        // A restored order has lost allow_split: a retry after a restart is given the benefit
        // of the doubt.
        if (kind == RequestKind::kRestored) return true;
        return (kind == RequestKind::kQuantitySplit) == request.allow_split;
    }

    bool SameRequest(const Order& original, const HoldBySeats& request) const {
        const RequestKind kind = extras[original.order_id].kind();
        if (kind == RequestKind::kQuantity || kind == RequestKind::kQuantitySplit) return false;
        if (original.event_id != request.event_id || original.quantity != request.seat_ids.size()) {
            return false;
        }
        const EventState& event = *FindEventState(original.event_id);
        if (event.zones[original.zone_index].seat_map == nullptr) return false;
        SeatArray asked{};
        for (std::size_t i = 0; i < request.seat_ids.size(); ++i) {
            const ParsedSeat seat = ParseSeat(event, request.seat_ids[i]);
            if (seat.problem != HoldOutcome::kOk || seat.zone_index != original.zone_index) {
                return false;
            }
            asked[i] = seat.seat;
        }
        SeatArray held = original.seats;
        std::sort(asked.begin(), asked.begin() + original.quantity);
        std::sort(held.begin(), held.begin() + original.quantity);
        return std::equal(asked.begin(), asked.begin() + original.quantity, held.begin());
    }

    // ---- Mutations ----

    // The owner recorded on seats for the order about to be placed.
    std::uint32_t NextSeatOwner() const {
        TIX_ASSERT(next_order_id <= std::numeric_limits<std::uint32_t>::max(),
                   "order ids outgrew the 32-bit seat owner");
        return static_cast<std::uint32_t>(next_order_id);
    }

    // Files an order under its id, user and key. REQUIRES: order_id >= next_order_id;
    // user == UserIndex(order.user_id).
    void IndexOrder(const Order& order, std::string_view key, RequestKind kind,
                    std::uint32_t user) {
        TIX_ASSERT(order.order_id >= next_order_id && order.order_id >= orders.size(),
                   "order ids must ascend");
        TIX_ASSERT(order.order_id <= std::numeric_limits<std::uint32_t>::max(),
                   "order ids outgrew the 32-bit seat owner");
        orders.GrowTo(order.order_id);
        extras.GrowTo(order.order_id);
        orders.push_back(order);
        extras.push_back(OrderExtra(key.empty() ? 0 : keys.Add(key), kind));
        next_order_id = order.order_id + 1;

        user_orders[user].push_back(order.order_id);
        if (!key.empty()) key_index.Insert(KeyHash(order.user_id, key), {order.order_id});
    }

    const Order& PlaceOrder(EventState& event, UserId user_id, std::uint16_t zone_index,
                            std::uint32_t quantity, const SeatArray& seats, TimeMs now,
                            RequestKind kind, std::string_view key) {
        const EventSpec& spec = event.spec;
        Zone& zone = event.zones[zone_index];
        Order order;
        order.order_id = next_order_id;
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
        ++held_orders;
        const std::uint32_t user =
            AddTickets(user_id, spec.event_id, static_cast<std::int32_t>(quantity));
        deadlines.Push(order.expires_at, order.order_id);
        IndexOrder(order, key, kind, user);
        const Order& placed = orders.back();
        if constexpr (kCheckInvariants) CheckTouched(placed);
        return placed;
    }

    // held -> cancelled or expired: the seats and the user's tickets return.
    void EndHold(Order& order, OrderStatus status, TimeMs now) {
        TIX_ASSERT(order.status == OrderStatus::kHeld, "only a held order can end its hold");
        EventState& event = *FindEventState(order.event_id);
        Zone& zone = event.zones[order.zone_index];
        if (zone.seat_map != nullptr) {
            const auto owner = static_cast<std::uint32_t>(order.order_id);
            for (std::uint32_t i = 0; i < order.quantity; ++i) {
                zone.seat_map->Release(order.seats[i], owner);
            }
        }
        zone.held -= order.quantity;
        zone.available += order.quantity;
        AddTickets(order.user_id, order.event_id, -static_cast<std::int32_t>(order.quantity));
        order.status = status;
        order.updated_at = now;
        --held_orders;
    }

    // Keeps the top of the deadline heap a held order, so NextDeadline is exact and O(1).
    void DropStaleDeadlines() {
        while (!deadlines.empty() &&
               orders[deadlines.top().order_id].status != OrderStatus::kHeld) {
            deadlines.Pop();
        }
    }

    // Confirm or Cancel of a held order whose deadline has passed: it expires now.
    OrderOutcome ExpireLate(Order& order, TimeMs now) {
        EndHold(order, OrderStatus::kExpired, now);
        DropStaleDeadlines();
        if constexpr (kCheckInvariants) CheckTouched(order);
        return OrderOutcome::kExpired;
    }

    // ---- Invariants ----

    // What one operation touched: the order's zone counts and rows, its seats, its user's
    // tickets, the deadline heap's top. O(rows + row length * seats of the order).
    void CheckTouched(const Order& order) const {
        const EventState* event = FindEventState(order.event_id);
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
        TIX_ASSERT(TicketsOf(order.user_id, order.event_id) <= event->spec.max_per_user,
                   "user above the per-event limit");
        TIX_ASSERT(held_orders <= deadlines.size(), "a held order is missing from the deadlines");
        TIX_ASSERT(
            deadlines.empty() || orders[deadlines.top().order_id].status == OrderStatus::kHeld,
            "the top deadline is not a held order");
    }

    static void CheckZoneCounts(const Zone& zone) {
        TIX_ASSERT(std::uint64_t{zone.available} + zone.held + zone.sold == zone.capacity,
                   "zone available + held + sold != capacity");
        if (zone.seat_map != nullptr) {
            TIX_ASSERT(zone.seat_map->available() == zone.available &&
                           zone.seat_map->capacity() == zone.capacity,
                       "zone counts disagree with its seat map");
            zone.seat_map->CheckRows();
        }
    }

    // Every taken seat of the row belongs to a live order of this zone that lists it.
    void CheckRowOwners(const EventState& event, std::uint16_t zone_index,
                        std::uint32_t row) const {
        const SeatMap& seat_map = *event.zones[zone_index].seat_map;
        const std::uint32_t first = seat_map.SeatIndex(row, 1);
        for (std::uint32_t seat = first; seat < first + seat_map.RowSeats(row); ++seat) {
            const std::uint32_t owner = seat_map.Owner(seat);
            if (owner == SeatMap::kFree) continue;
            const Order* order = FindOrder(owner);
            TIX_ASSERT(order != nullptr && IsLive(order->status), "seat owned by no live order");
            TIX_ASSERT(order->event_id == event.spec.event_id && order->zone_index == zone_index,
                       "seat owned by an order of another zone");
            TIX_ASSERT(std::find(order->seats.begin(), order->seats.begin() + order->quantity,
                                 seat) != order->seats.begin() + order->quantity,
                       "seat owned by an order that does not list it");
        }
    }

    // A live order owns its seats; an ended one owns none.
    void CheckOrderSeats(const Order& order, const EventState& event) const {
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
            const bool owns = seat_map->Owner(seat) == order.order_id;
            TIX_ASSERT(owns == IsLive(order.status), IsLive(order.status)
                                                         ? "live order does not own its seat"
                                                         : "ended order still owns a seat");
        }
    }

    void CheckAll() const {
        // Recompute every count from the orders, then compare with what the engine keeps.
        // Flat tables, not std::map: the simulation test runs this after every step.
        FlatTable<TicketEntry> user_tickets;
        std::vector<std::vector<ZoneCounts>> zone_live(events.size());  // held, sold
        for (std::size_t e = 0; e < events.size(); ++e) {
            zone_live[e].resize(events[e]->zones.size());
        }
        std::uint64_t held = 0;
        std::uint64_t order_count = 0;
        TIX_ASSERT(orders.size() == extras.size() && orders.size() <= next_order_id,
                   "order table sizes disagree");
        const EventState* event = nullptr;
        for (std::size_t id = 1; id < orders.size(); ++id) {
            const Order& order = orders[id];
            if (order.order_id == 0) continue;
            ++order_count;
            TIX_ASSERT(order.order_id == id, "order stored under another id");
            if (event == nullptr || event->spec.event_id != order.event_id) {
                event = FindEventState(order.event_id);
            }
            TIX_ASSERT(event != nullptr && order.zone_index < event->zones.size(),
                       "order of an unknown event or zone");
            CheckOrderSeats(order, *event);
            if (!IsLive(order.status)) continue;
            const std::uint64_t hash = TicketHash(order.user_id, order.event_id);
            TicketEntry* entry = user_tickets.Find(hash, [&](const TicketEntry& e) {
                return e.user_id == order.user_id && e.event_id == order.event_id;
            });
            if (entry == nullptr) {
                entry = &user_tickets.Insert(hash, {order.user_id, order.event_id, 0, 0});
            }
            entry->tickets += order.quantity;
            ZoneCounts& live = zone_live[event->index][order.zone_index];
            if (order.status == OrderStatus::kHeld) {
                ++held;
                live.held += order.quantity;
            } else {
                live.sold += order.quantity;
            }
        }
        TIX_ASSERT(held == held_orders, "held order count is off");

        for (std::size_t e = 0; e < events.size(); ++e) {
            const EventState& each = *events[e];
            TIX_ASSERT(each.index == e && FindEventState(each.spec.event_id) == &each,
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

        std::size_t ticket_entries = 0;
        tickets.ForEach([&](const TicketEntry& entry) {
            const TicketEntry* expected = user_tickets.Find(
                TicketHash(entry.user_id, entry.event_id), [&](const TicketEntry& e) {
                    return e.user_id == entry.user_id && e.event_id == entry.event_id;
                });
            TIX_ASSERT(entry.tickets == (expected == nullptr ? 0 : expected->tickets),
                       "user ticket count disagrees with orders");
            const UserEntry* user =
                user_index.Find(UserHash(entry.user_id),
                                [&](const UserEntry& e) { return e.user_id == entry.user_id; });
            TIX_ASSERT(user != nullptr && user->index == entry.user_index,
                       "ticket entry names another user's orders");
            ticket_entries += expected != nullptr;
        });
        TIX_ASSERT(ticket_entries == user_tickets.size(), "a user's tickets are not counted");
        user_tickets.ForEach([&](const TicketEntry& entry) {
            TIX_ASSERT(entry.tickets <= FindEventState(entry.event_id)->spec.max_per_user,
                       "user above the per-event limit");
        });

        std::vector<bool> in_heap(orders.size());
        std::uint64_t queued = 0;
        for (const DeadlineQueue::Entry& entry : deadlines.entries()) {
            const Order* order = FindOrder(entry.order_id);
            TIX_ASSERT(order != nullptr, "deadline of no order");
            if (order->status == OrderStatus::kHeld) {
                TIX_ASSERT(entry.deadline == order->expires_at, "deadline differs from expires_at");
                TIX_ASSERT(!in_heap[entry.order_id], "held order queued twice");
                in_heap[entry.order_id] = true;
                ++queued;
            }
        }
        TIX_ASSERT(queued == held_orders, "a held order is missing from the deadlines");
        TIX_ASSERT(
            deadlines.empty() || orders[deadlines.top().order_id].status == OrderStatus::kHeld,
            "the top deadline is not a held order");

        std::uint64_t listed = 0;
        user_index.ForEach([&](const UserEntry& entry) {
            const std::span<const OrderId> ids = user_orders[entry.index].ids();
            for (std::size_t i = 0; i < ids.size(); ++i) {
                const Order* order = FindOrder(ids[i]);
                TIX_ASSERT(order != nullptr && order->user_id == entry.user_id,
                           "user's order list names another user's order");
                TIX_ASSERT(i == 0 || ids[i - 1] < ids[i], "user's orders are not oldest first");
            }
            listed += ids.size();
        });
        TIX_ASSERT(listed == order_count, "an order is missing from its user's list");

        std::uint64_t keyed = 0;
        key_index.ForEach([&](const KeyEntry& entry) {
            const Order* order = FindOrder(entry.order_id);
            TIX_ASSERT(order != nullptr && extras[entry.order_id].key_ref() != 0,
                       "idempotency key of no order");
            ++keyed;
        });
        std::uint64_t with_key = 0;
        for (std::size_t id = 1; id < orders.size(); ++id) with_key += extras[id].key_ref() != 0;
        TIX_ASSERT(keyed == with_key, "an idempotency key is not indexed");
    }
};

std::string_view ToString(HoldOutcome outcome) {
    switch (outcome) {
        case HoldOutcome::kOk:
            return "ok";
        case HoldOutcome::kReplayed:
            return "replayed";
        case HoldOutcome::kUnknownEvent:
            return "unknown_event";
        case HoldOutcome::kUnknownZone:
            return "unknown_zone";
        case HoldOutcome::kUnknownSeat:
            return "unknown_seat";
        case HoldOutcome::kInvalidQuantity:
            return "invalid_quantity";
        case HoldOutcome::kSaleNotOpen:
            return "sale_not_open";
        case HoldOutcome::kSoldOut:
            return "sold_out";
        case HoldOutcome::kNoAdjacentSeats:
            return "no_adjacent_seats";
        case HoldOutcome::kSeatTaken:
            return "seat_taken";
        case HoldOutcome::kLimitExceeded:
            return "limit_exceeded";
        case HoldOutcome::kDuplicateSeat:
            return "duplicate_seat";
        case HoldOutcome::kSeatsSpanZones:
            return "seats_span_zones";
        case HoldOutcome::kNotSeated:
            return "not_seated";
        case HoldOutcome::kIdempotencyKeyReused:
            return "idempotency_key_reused";
    }
    return "unknown";
}

std::string_view ToString(OrderOutcome outcome) {
    switch (outcome) {
        case OrderOutcome::kOk:
            return "ok";
        case OrderOutcome::kUnchanged:
            return "unchanged";
        case OrderOutcome::kUnknownOrder:
            return "unknown_order";
        case OrderOutcome::kExpired:
            return "order_expired";
        case OrderOutcome::kCancelled:
            return "order_cancelled";
        case OrderOutcome::kPaid:
            return "order_paid";
    }
    return "unknown";
}

Engine::Engine() : state_(std::make_unique<State>()) {}
Engine::~Engine() = default;

EventId Engine::AddEvent(EventSpec spec) {
    State& s = *state_;
    TIX_ASSERT(!ValidateEventSpec(spec).has_value(), "AddEvent of an invalid spec");
    NormalizeEventSpec(spec);
    if (spec.event_id == 0) spec.event_id = s.next_event_id;
    TIX_ASSERT(s.FindEventState(spec.event_id) == nullptr, "AddEvent of an event id in use");
    s.next_event_id = std::max(s.next_event_id, spec.event_id + 1);

    auto event = std::make_unique<EventState>();
    event->index = static_cast<std::uint32_t>(s.events.size());
    event->zones.resize(spec.zones.size());
    for (std::size_t z = 0; z < spec.zones.size(); ++z) {
        const ZoneSpec& zone_spec = spec.zones[z];
        Zone& zone = event->zones[z];
        zone.capacity = zone_spec.capacity;
        zone.available = zone_spec.capacity;
        if (zone_spec.kind != ZoneKind::kSeated) continue;
        zone.seat_map = std::make_unique<SeatMap>(zone_spec);
        for (std::size_t r = 0; r < zone_spec.rows.size(); ++r) {
            event->rows.emplace(zone_spec.zone_id + "-" + zone_spec.rows[r].label,
                                static_cast<std::uint32_t>(z << 16 | r));
        }
    }
    event->spec = std::move(spec);
    const EventId event_id = event->spec.event_id;
    s.event_index.Insert(EventHash(event_id),
                         {event_id, static_cast<std::uint32_t>(s.events.size())});
    s.events.push_back(std::move(event));
    return event_id;
}

HoldResult Engine::Hold(const HoldByQuantity& request, TimeMs now) {
    State& s = *state_;
    EventState* event = s.FindEventState(request.event_id);
    if (event == nullptr) return {HoldOutcome::kUnknownEvent};
    if (!request.idempotency_key.empty()) {
        if (const Order* original = s.FindKey(request.user_id, request.idempotency_key)) {
            if (s.SameRequest(*original, request)) return {HoldOutcome::kReplayed, original};
            return {HoldOutcome::kIdempotencyKeyReused};
        }
    }
    const EventSpec& spec = event->spec;
    if (!SaleOpen(spec, now)) return {HoldOutcome::kSaleNotOpen};
    const std::optional<std::uint16_t> zone_index = FindZone(spec, request.zone_id);
    if (!zone_index) return {HoldOutcome::kUnknownZone};
    const std::uint32_t quantity = request.quantity;
    if (quantity < 1 || quantity > spec.max_per_user) return {HoldOutcome::kInvalidQuantity};
    if (s.TicketsOf(request.user_id, spec.event_id) + quantity > spec.max_per_user) {
        return {HoldOutcome::kLimitExceeded};
    }
    Zone& zone = event->zones[*zone_index];
    if (zone.available < quantity) return {HoldOutcome::kSoldOut};
    SeatArray seats{};
    if (zone.seat_map != nullptr) {
        const std::uint32_t owner = s.NextSeatOwner();
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
    EventState* event = s.FindEventState(request.event_id);
    if (event == nullptr) return {HoldOutcome::kUnknownEvent};
    if (!request.idempotency_key.empty()) {
        if (const Order* original = s.FindKey(request.user_id, request.idempotency_key)) {
            if (s.SameRequest(*original, request)) return {HoldOutcome::kReplayed, original};
            return {HoldOutcome::kIdempotencyKeyReused};
        }
    }
    const EventSpec& spec = event->spec;
    if (!SaleOpen(spec, now)) return {HoldOutcome::kSaleNotOpen};
    // Every id must name a seat before the count matters: "unknown_seat" is the more useful
    // answer for a long list with a typo in it.
    std::array<ParsedSeat, kMaxPerUserLimit> parsed{};
    for (std::size_t i = 0; i < request.seat_ids.size(); ++i) {
        const ParsedSeat seat = s.ParseSeat(*event, request.seat_ids[i]);
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
    if (s.TicketsOf(request.user_id, spec.event_id) + quantity > spec.max_per_user) {
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
    const std::uint32_t owner = s.NextSeatOwner();
    for (std::size_t i = 0; i < count; ++i) {
        zone.seat_map->Take(parsed[i].seat, owner);
        seats[i] = parsed[i].seat;
    }
    std::sort(seats.begin(), seats.begin() + count);
    return {HoldOutcome::kOk, &s.PlaceOrder(*event, request.user_id, zone_index, quantity, seats,
                                            now, RequestKind::kSeats, request.idempotency_key)};
}

OrderOutcome Engine::Confirm(OrderId order_id, TimeMs now) {
    State& s = *state_;
    if (s.FindOrder(order_id) == nullptr) return OrderOutcome::kUnknownOrder;
    Order& order = s.orders[order_id];
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
    Zone& zone = s.FindEventState(order.event_id)->zones[order.zone_index];
    zone.held -= order.quantity;
    zone.sold += order.quantity;
    order.status = OrderStatus::kPaid;
    order.updated_at = now;
    --s.held_orders;
    s.DropStaleDeadlines();
    if constexpr (kCheckInvariants) s.CheckTouched(order);
    return OrderOutcome::kOk;
}

OrderOutcome Engine::Cancel(OrderId order_id, TimeMs now) {
    State& s = *state_;
    if (s.FindOrder(order_id) == nullptr) return OrderOutcome::kUnknownOrder;
    Order& order = s.orders[order_id];
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
    s.DropStaleDeadlines();
    if constexpr (kCheckInvariants) s.CheckTouched(order);
    return OrderOutcome::kOk;
}

void Engine::ExpireDue(TimeMs now, std::vector<OrderId>& expired) {
    State& s = *state_;
    const std::size_t first = expired.size();
    while (!s.deadlines.empty() && s.deadlines.top().deadline <= now) {
        const OrderId order_id = s.deadlines.top().order_id;
        s.deadlines.Pop();
        Order& order = s.orders[order_id];
        if (order.status != OrderStatus::kHeld) continue;  // confirmed or cancelled meanwhile
        s.EndHold(order, OrderStatus::kExpired, now);
        expired.push_back(order_id);
    }
    s.DropStaleDeadlines();
    if constexpr (kCheckInvariants) {
        for (std::size_t i = first; i < expired.size(); ++i) s.CheckTouched(s.orders[expired[i]]);
    }
}

std::optional<TimeMs> Engine::NextDeadline() const {
    if (state_->deadlines.empty()) return std::nullopt;
    return state_->deadlines.top().deadline;
}

void Engine::Restore(const Order& order, std::string_view idempotency_key) {
    State& s = *state_;
    EventState* event = s.FindEventState(order.event_id);
    TIX_ASSERT(event != nullptr, "Restore of an order of an unknown event");
    TIX_ASSERT(order.zone_index < event->zones.size(), "Restore of an order of an unknown zone");
    TIX_ASSERT(order.order_id >= s.next_order_id, "Restore of order ids out of ascending order");
    TIX_ASSERT(order.quantity >= 1 && order.quantity <= event->spec.max_per_user,
               "Restore of an order with a bad quantity");
    TIX_ASSERT(idempotency_key.empty() || s.FindKey(order.user_id, idempotency_key) == nullptr,
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
        s.AddTickets(order.user_id, order.event_id, order.quantity);
        if (order.status == OrderStatus::kHeld) {
            ++s.held_orders;
            s.deadlines.Push(order.expires_at, order.order_id);
        }
    }
    s.IndexOrder(order, idempotency_key, RequestKind::kRestored, s.UserIndex(order.user_id));
    if constexpr (kCheckInvariants) s.CheckTouched(s.orders[order.order_id]);
}

const EventSpec* Engine::FindEvent(EventId event_id) const {
    const EventState* event = state_->FindEventState(event_id);
    return event == nullptr ? nullptr : &event->spec;
}

std::vector<EventId> Engine::EventIds() const {
    std::vector<EventId> ids;
    ids.reserve(state_->events.size());
    for (const auto& event : state_->events) ids.push_back(event->spec.event_id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

const Order* Engine::FindOrder(OrderId order_id) const { return state_->FindOrder(order_id); }

std::span<const OrderId> Engine::OrdersOf(UserId user_id) const {
    const State& s = *state_;
    const UserEntry* entry = s.user_index.Find(
        UserHash(user_id), [&](const UserEntry& e) { return e.user_id == user_id; });
    if (entry == nullptr) return {};
    return s.user_orders[entry->index].ids();
}

std::optional<std::uint16_t> Engine::ZoneIndex(EventId event_id, std::string_view zone_id) const {
    const EventState* event = state_->FindEventState(event_id);
    if (event == nullptr) return std::nullopt;
    return FindZone(event->spec, zone_id);
}

ZoneCounts Engine::Counts(EventId event_id, std::uint16_t zone_index) const {
    const EventState* event = state_->FindEventState(event_id);
    if (event == nullptr || zone_index >= event->zones.size()) return {};
    const Zone& zone = event->zones[zone_index];
    return {zone.capacity, zone.available, zone.held, zone.sold};
}

std::string Engine::RowStates(EventId event_id, std::uint16_t zone_index,
                              std::uint32_t row_index) const {
    const State& s = *state_;
    const EventState* event = s.FindEventState(event_id);
    if (event == nullptr || zone_index >= event->zones.size()) return {};
    const SeatMap* seat_map = event->zones[zone_index].seat_map.get();
    if (seat_map == nullptr || row_index >= seat_map->row_count()) return {};
    std::string states(seat_map->RowSeats(row_index), static_cast<char>(SeatState::kAvailable));
    const std::uint32_t first = seat_map->SeatIndex(row_index, 1);
    for (std::uint32_t i = 0; i < states.size(); ++i) {
        const std::uint32_t owner = seat_map->Owner(first + i);
        if (owner == SeatMap::kFree) continue;
        states[i] = static_cast<char>(
            s.orders[owner].status == OrderStatus::kHeld ? SeatState::kHeld : SeatState::kSold);
    }
    return states;
}

std::string Engine::SeatId(EventId event_id, std::uint16_t zone_index,
                           std::uint32_t seat_index) const {
    const EventState* event = state_->FindEventState(event_id);
    if (event == nullptr || zone_index >= event->zones.size()) return {};
    const SeatMap* seat_map = event->zones[zone_index].seat_map.get();
    if (seat_map == nullptr || seat_index >= seat_map->capacity()) return {};
    const ZoneSpec& zone = event->spec.zones[zone_index];
    const std::uint32_t row = seat_map->RowOf(seat_index);
    return zone.zone_id + "-" + zone.rows[row].label + "-" +
           std::to_string(seat_map->SeatNumber(seat_index));
}

std::uint32_t Engine::TicketsOf(UserId user_id, EventId event_id) const {
    return state_->TicketsOf(user_id, event_id);
}

void Engine::CheckInvariants() const { state_->CheckAll(); }

}  // namespace tix::engine
