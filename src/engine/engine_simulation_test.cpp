// A seeded randomized simulation of the engine against a reference model.
//
// The model below is written from the rules, as plainly as possible and independently of the
// engine's data structures: maps, per-seat vectors, a map from every seat id string to its seat,
// brute-force best-available search, linear scans for expiry. Each step does one random operation
// (holds by quantity with and without allow_split, explicit seats that often collide, retries
// with the same idempotency key, confirms, cancels, clock jumps, ExpireDue) on both and compares
// the outcome, the order, every zone's counts and seat states, the user's tickets and the next
// deadline, then runs Engine::CheckInvariants(). The world restarts every few thousand steps
// ("epochs", so full invariant checks stay cheap); each epoch ends by rebuilding a second engine
// from the orders with Restore and comparing the two.
//
// A failure names its seed; TIX_SIM_SEED=<seed> runs only that seed, TIX_SIM_STEPS=<n> changes
// the number of steps per seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace tix::engine {

using namespace std::chrono_literals;

// Readable orders in failure messages (found by GoogleTest through ADL).
void PrintTo(const Order& o, std::ostream* os) {
    *os << "{order " << o.order_id << ", user " << o.user_id << ", event " << o.event_id
        << ", zone " << o.zone_index << ", quantity " << int{o.quantity} << ", "
        << ToString(o.status) << ", created " << ToUnixMillis(o.created_at) << ", expires "
        << ToUnixMillis(o.expires_at) << ", updated " << ToUnixMillis(o.updated_at) << ", amount "
        << o.amount_minor << ", seats";
    for (const std::uint32_t seat : o.seats) *os << " " << seat;
    *os << "}";
}

namespace {

constexpr std::uint64_t kDefaultSeeds[] = {0x5eed0001, 0x5eed0002, 0x5eed0003, 0x5eed0004};
constexpr std::uint64_t kDefaultSteps = 100'000;
constexpr std::uint64_t kUsers = 6;  // user ids 1..kUsers

// ---------------------------------------------------------------------------------------------
// The reference model.

struct ModelRow {
    std::uint32_t first_seat = 0;
    std::uint32_t seats = 0;
};

struct ModelZone {
    bool seated = false;
    std::vector<ModelRow> rows;
    std::vector<OrderId> owner;  // seated: per seat index, none when free
    std::uint32_t capacity = 0;
    std::uint32_t held = 0;
    std::uint32_t sold = 0;
};

struct ModelSeat {
    std::uint16_t zone_index = 0;
    std::uint32_t seat = 0;
};

struct ModelEvent {
    EventSpec spec;
    std::vector<ModelZone> zones;
    std::map<std::string, ModelSeat> seats_by_id;  // "INF-A-12" for every seat of the event
};

// What a request asked for, to tell a replay from a reused key.
struct ModelRequest {
    bool by_seats = false;
    EventId event_id{};
    std::string zone_id;
    std::uint32_t quantity = 0;
    bool allow_split = false;
    std::vector<std::string> seat_ids;  // sorted
    bool operator==(const ModelRequest&) const = default;
};

struct ModelHold {
    HoldOutcome outcome = HoldOutcome::kUnknownEvent;
    OrderId order_id{};
};

class Model {
  public:
    void AddEvent(const EventSpec& spec) {
        ModelEvent& event = events_[spec.event_id];
        event.spec = spec;
        for (std::uint16_t z = 0; z < spec.zones.size(); ++z) {
            const ZoneSpec& zone_spec = spec.zones[z];
            ModelZone zone;
            zone.seated = zone_spec.kind == ZoneKind::kSeated;
            zone.capacity = zone_spec.capacity;
            std::uint32_t seat = 0;
            for (const RowSpec& row : zone_spec.rows) {
                zone.rows.push_back({seat, row.seats});
                for (std::uint32_t n = 1; n <= row.seats; ++n) {
                    const std::string id =
                        zone_spec.zone_id + "-" + row.label + "-" + std::to_string(n);
                    event.seats_by_id[id] = {z, seat++};
                }
            }
            zone.owner.assign(seat, OrderId{});
            event.zones.push_back(zone);
        }
    }

    ModelHold Hold(const HoldByQuantity& r, TimePoint now) {
        auto it = events_.find(r.event_id);
        if (it == events_.end()) return {HoldOutcome::kUnknownEvent};
        ModelEvent& event = it->second;
        const ModelRequest asked{false,      r.event_id,    std::string(r.zone_id),
                                 r.quantity, r.allow_split, {}};
        if (auto replay = Replay(r.user_id, r.idempotency_key, asked)) return *replay;
        const EventSpec& spec = event.spec;
        if (now < spec.sale_starts_at || now >= spec.sale_ends_at) {
            return {HoldOutcome::kSaleNotOpen};
        }
        int zone_index = -1;
        for (std::size_t z = 0; z < spec.zones.size(); ++z) {
            if (spec.zones[z].zone_id == r.zone_id) zone_index = static_cast<int>(z);
        }
        if (zone_index < 0) return {HoldOutcome::kUnknownZone};
        if (r.quantity < 1 || r.quantity > spec.max_per_user) {
            return {HoldOutcome::kInvalidQuantity};
        }
        if (TicketsOf(r.user_id, r.event_id) + r.quantity > spec.max_per_user) {
            return {HoldOutcome::kLimitExceeded};
        }
        ModelZone& zone = event.zones[zone_index];
        if (zone.capacity - zone.held - zone.sold < r.quantity) return {HoldOutcome::kSoldOut};
        std::vector<std::uint32_t> seats;
        if (zone.seated) {
            seats = BestAdjacent(zone, r.quantity);
            if (seats.empty()) {
                if (!r.allow_split) return {HoldOutcome::kNoAdjacentSeats};
                seats = BestSplit(zone, r.quantity);
            }
        }
        return {HoldOutcome::kOk, Place(event, r.user_id, static_cast<std::uint16_t>(zone_index),
                                        r.quantity, seats, now, r.idempotency_key, asked)};
    }

    ModelHold Hold(const HoldBySeats& r, TimePoint now) {
        auto it = events_.find(r.event_id);
        if (it == events_.end()) return {HoldOutcome::kUnknownEvent};
        ModelEvent& event = it->second;
        ModelRequest asked{true, r.event_id, "", 0, false, {r.seat_ids.begin(), r.seat_ids.end()}};
        std::sort(asked.seat_ids.begin(), asked.seat_ids.end());
        if (auto replay = Replay(r.user_id, r.idempotency_key, asked)) return *replay;
        const EventSpec& spec = event.spec;
        if (now < spec.sale_starts_at || now >= spec.sale_ends_at) {
            return {HoldOutcome::kSaleNotOpen};
        }
        std::vector<ModelSeat> seats;
        for (const std::string& id : r.seat_ids) {
            auto seat = event.seats_by_id.find(id);
            if (seat != event.seats_by_id.end()) {
                seats.push_back(seat->second);
                continue;
            }
            const std::string first = id.substr(0, id.find('-'));
            for (const ZoneSpec& zone : spec.zones) {
                if (zone.zone_id == first && zone.kind == ZoneKind::kGeneralAdmission) {
                    return {HoldOutcome::kNotSeated};
                }
            }
            return {HoldOutcome::kUnknownSeat};
        }
        if (seats.empty() || seats.size() > spec.max_per_user) {
            return {HoldOutcome::kInvalidQuantity};
        }
        for (std::size_t i = 1; i < seats.size(); ++i) {
            if (seats[i].zone_index != seats[0].zone_index) return {HoldOutcome::kSeatsSpanZones};
            for (std::size_t j = 0; j < i; ++j) {
                if (seats[j].seat == seats[i].seat) return {HoldOutcome::kDuplicateSeat};
            }
        }
        const auto quantity = static_cast<std::uint32_t>(seats.size());
        if (TicketsOf(r.user_id, r.event_id) + quantity > spec.max_per_user) {
            return {HoldOutcome::kLimitExceeded};
        }
        ModelZone& zone = event.zones[seats[0].zone_index];
        for (const ModelSeat& seat : seats) {
            if (zone.owner[seat.seat]) return {HoldOutcome::kSeatTaken};
        }
        std::vector<std::uint32_t> indices;
        for (const ModelSeat& seat : seats) {
            zone.owner[seat.seat] = next_order_id_;
            indices.push_back(seat.seat);
        }
        std::sort(indices.begin(), indices.end());
        return {HoldOutcome::kOk, Place(event, r.user_id, seats[0].zone_index, quantity, indices,
                                        now, r.idempotency_key, asked)};
    }

    OrderOutcome Confirm(OrderId order_id, TimePoint now) {
        auto it = orders_.find(order_id);
        if (it == orders_.end()) return OrderOutcome::kUnknownOrder;
        Order& order = it->second;
        if (order.status == OrderStatus::kPaid) return OrderOutcome::kUnchanged;
        if (order.status == OrderStatus::kCancelled) return OrderOutcome::kCancelled;
        if (order.status == OrderStatus::kExpired) return OrderOutcome::kExpired;
        if (now >= order.expires_at) {
            End(order, OrderStatus::kExpired, now);
            return OrderOutcome::kExpired;
        }
        ModelZone& zone = events_[order.event_id].zones[order.zone_index];
        zone.held -= order.quantity;
        zone.sold += order.quantity;
        order.status = OrderStatus::kPaid;
        order.updated_at = now;
        return OrderOutcome::kOk;
    }

    OrderOutcome Cancel(OrderId order_id, TimePoint now) {
        auto it = orders_.find(order_id);
        if (it == orders_.end()) return OrderOutcome::kUnknownOrder;
        Order& order = it->second;
        if (order.status == OrderStatus::kCancelled) return OrderOutcome::kUnchanged;
        if (order.status == OrderStatus::kPaid) return OrderOutcome::kPaid;
        if (order.status == OrderStatus::kExpired) return OrderOutcome::kExpired;
        End(order, now >= order.expires_at ? OrderStatus::kExpired : OrderStatus::kCancelled, now);
        return now >= order.expires_at ? OrderOutcome::kExpired : OrderOutcome::kOk;
    }

    // A ban: every held order of the user is cancelled, oldest first.
    std::uint32_t RemoveUser(UserId user_id, TimePoint now) {
        std::uint32_t cancelled = 0;
        for (auto& [id, order] : orders_) {
            if (order.user_id != user_id || order.status != OrderStatus::kHeld) continue;
            if (Cancel(id, now) == OrderOutcome::kOk) ++cancelled;
        }
        return cancelled;
    }

    std::vector<OrderId> ExpireDue(TimePoint now) {
        std::vector<std::pair<TimePoint, OrderId>> due;
        for (const OrderId id : live_) {
            const Order& order = orders_[id];
            if (order.status == OrderStatus::kHeld && order.expires_at <= now) {
                due.push_back({order.expires_at, id});
            }
        }
        std::sort(due.begin(), due.end());
        std::vector<OrderId> expired;
        for (const auto& [deadline, id] : due) {
            End(orders_[id], OrderStatus::kExpired, now);
            expired.push_back(id);
        }
        return expired;
    }

    std::optional<TimePoint> NextDeadline() const {
        std::optional<TimePoint> next;
        for (const OrderId id : live_) {
            const Order& order = orders_.at(id);
            if (order.status == OrderStatus::kHeld && (!next || order.expires_at < *next)) {
                next = order.expires_at;
            }
        }
        return next;
    }

    ZoneCounts Counts(EventId event_id, std::uint16_t zone_index) const {
        const ModelZone& zone = events_.at(event_id).zones[zone_index];
        return {zone.capacity, zone.capacity - zone.held - zone.sold, zone.held, zone.sold};
    }

    std::string RowStates(EventId event_id, std::uint16_t zone_index, std::uint32_t row) const {
        const ModelZone& zone = events_.at(event_id).zones[zone_index];
        std::string states;
        for (std::uint32_t i = 0; i < zone.rows[row].seats; ++i) {
            const OrderId owner = zone.owner[zone.rows[row].first_seat + i];
            if (!owner) {
                states += 'A';
            } else {
                states += orders_.at(owner).status == OrderStatus::kHeld ? 'H' : 'S';
            }
        }
        return states;
    }

    std::uint32_t TicketsOf(UserId user_id, EventId event_id) const {
        std::uint32_t tickets = 0;
        for (const OrderId id : live_) {
            const Order& order = orders_.at(id);
            if (order.user_id == user_id && order.event_id == event_id) tickets += order.quantity;
        }
        return tickets;
    }

    std::vector<OrderId> OrdersOf(UserId user_id) const {
        std::vector<OrderId> ids;
        for (const auto& [id, order] : orders_) {
            if (order.user_id == user_id) ids.push_back(id);
        }
        return ids;
    }

    const Order* FindOrder(OrderId order_id) const {
        auto it = orders_.find(order_id);
        return it == orders_.end() ? nullptr : &it->second;
    }
    const std::map<OrderId, Order>& orders() const { return orders_; }
    const std::map<EventId, ModelEvent>& events() const { return events_; }
    // Every order placed with an idempotency key, and the key.
    std::map<OrderId, std::string> Keys() const {
        std::map<OrderId, std::string> keys;
        for (const auto& [user_key, used] : keys_) keys[used.first] = user_key.second;
        return keys;
    }
    OrderId next_order_id() const { return next_order_id_; }

    // kReplayed or kIdempotencyKeyReused if the user used the key before, else nullopt.
    std::optional<ModelHold> Replay(UserId user_id, std::string_view key,
                                    const ModelRequest& asked) const {
        if (key.empty()) return std::nullopt;
        auto it = keys_.find({user_id, std::string(key)});
        if (it == keys_.end()) return std::nullopt;
        if (it->second.second == asked) return ModelHold{HoldOutcome::kReplayed, it->second.first};
        return ModelHold{HoldOutcome::kIdempotencyKeyReused};
    }

  private:
    // Twice the distance between the centre of seats [s, s + q) and the centre of a row of n.
    static std::int64_t Distance(std::int64_t s, std::int64_t q, std::int64_t n) {
        return std::abs(2 * s + q - n);
    }

    // The best start of q adjacent free seats in the row, or -1.
    static std::int64_t BestStart(const ModelZone& zone, const ModelRow& row, std::uint32_t q) {
        std::int64_t best = -1;
        for (std::int64_t s = 0; s + q <= row.seats; ++s) {
            bool free = true;
            for (std::uint32_t i = 0; i < q; ++i) free &= !zone.owner[row.first_seat + s + i];
            if (free && (best < 0 || Distance(s, q, row.seats) < Distance(best, q, row.seats))) {
                best = s;
            }
        }
        return best;
    }

    std::vector<std::uint32_t> BestAdjacent(ModelZone& zone, std::uint32_t q) {
        for (const ModelRow& row : zone.rows) {
            const std::int64_t s = BestStart(zone, row, q);
            if (s < 0) continue;
            std::vector<std::uint32_t> seats;
            for (std::uint32_t i = 0; i < q; ++i) {
                seats.push_back(row.first_seat + static_cast<std::uint32_t>(s) + i);
                zone.owner[seats.back()] = next_order_id_;
            }
            return seats;
        }
        return {};
    }

    // Front rows first; in a row, as many adjacent seats as its longest run, best placed, again.
    std::vector<std::uint32_t> BestSplit(ModelZone& zone, std::uint32_t q) {
        std::vector<std::uint32_t> seats;
        for (const ModelRow& row : zone.rows) {
            while (seats.size() < q) {
                std::uint32_t longest = 0;
                std::uint32_t run = 0;
                for (std::uint32_t i = 0; i < row.seats; ++i) {
                    run = !zone.owner[row.first_seat + i] ? run + 1 : 0;
                    longest = std::max(longest, run);
                }
                if (longest == 0) break;
                const std::uint32_t k =
                    std::min(longest, q - static_cast<std::uint32_t>(seats.size()));
                const std::int64_t s = BestStart(zone, row, k);
                for (std::uint32_t i = 0; i < k; ++i) {
                    seats.push_back(row.first_seat + static_cast<std::uint32_t>(s) + i);
                    zone.owner[seats.back()] = next_order_id_;
                }
            }
        }
        std::sort(seats.begin(), seats.end());
        return seats;
    }

    OrderId Place(ModelEvent& event, UserId user_id, std::uint16_t zone_index,
                  std::uint32_t quantity, const std::vector<std::uint32_t>& seats, TimePoint now,
                  std::string_view key, const ModelRequest& asked) {
        Order order;
        order.order_id = next_order_id_;
        next_order_id_ = OrderId{next_order_id_.value() + 1};
        order.user_id = user_id;
        order.event_id = event.spec.event_id;
        order.zone_index = zone_index;
        order.quantity = static_cast<std::uint8_t>(quantity);
        order.status = OrderStatus::kHeld;
        order.created_at = now;
        order.updated_at = now;
        order.expires_at = now + event.spec.hold;
        order.amount_minor = event.spec.zones[zone_index].price_minor * quantity;
        for (std::size_t i = 0; i < seats.size(); ++i) order.seats[i] = seats[i];
        event.zones[zone_index].held += quantity;
        orders_[order.order_id] = order;
        live_.insert(order.order_id);
        if (!key.empty()) keys_[{user_id, std::string(key)}] = {order.order_id, asked};
        return order.order_id;
    }

    void End(Order& order, OrderStatus status, TimePoint now) {
        ModelZone& zone = events_[order.event_id].zones[order.zone_index];
        if (zone.seated) {
            for (std::uint32_t i = 0; i < order.quantity; ++i)
                zone.owner[order.seats[i]] = OrderId{};
        }
        zone.held -= order.quantity;
        order.status = status;
        order.updated_at = now;
        // Paid orders stay live; ended ones leave.
        live_.erase(order.order_id);
    }

    std::map<EventId, ModelEvent> events_;
    std::map<OrderId, Order> orders_;
    std::set<OrderId> live_;  // held or paid
    std::map<std::pair<UserId, std::string>, std::pair<OrderId, ModelRequest>> keys_;
    OrderId next_order_id_{1};
};

// ---------------------------------------------------------------------------------------------
// The simulation.

// A request as sent, so it can be retried.
struct SentRequest {
    bool by_seats = false;
    UserId user_id{};
    EventId event_id{};
    std::string zone_id;
    std::uint32_t quantity = 0;
    bool allow_split = false;
    std::vector<std::string> seat_ids;
    std::string key;
};

ModelRequest Asked(const SentRequest& r) {
    ModelRequest asked{r.by_seats,
                       r.event_id,
                       r.by_seats ? "" : r.zone_id,
                       r.by_seats ? 0 : r.quantity,
                       !r.by_seats && r.allow_split,
                       r.seat_ids};
    std::sort(asked.seat_ids.begin(), asked.seat_ids.end());
    return asked;
}

std::string ToText(const SentRequest& r) {
    std::string text = (r.by_seats ? "HoldBySeats{user " : "HoldByQuantity{user ") +
                       std::to_string(r.user_id.value()) + ", event " +
                       std::to_string(r.event_id.value());
    if (r.by_seats) {
        text += ", seats [";
        for (const std::string& id : r.seat_ids) text += id + " ";
        text += "]";
    } else {
        text += ", zone " + r.zone_id + ", quantity " + std::to_string(r.quantity) +
                (r.allow_split ? ", split" : "");
    }
    return text + ", key '" + r.key + "'}";
}

class Simulation {
  public:
    Simulation(std::uint64_t seed, std::uint64_t steps) : seed_(seed), steps_(steps), rng_(seed) {}

    void Run() {
        while (step_ < steps_ && !::testing::Test::HasFailure()) {
            StartEpoch();
            const std::uint64_t end = std::min(steps_, step_ + 300 + Below(1200));
            for (; step_ < end && !::testing::Test::HasFailure(); ++step_) Step();
            if (!::testing::Test::HasFailure()) CompareAll();
            if (!::testing::Test::HasFailure()) CheckRestore();
        }
    }

    // How often each outcome came up: a simulation that never sells out tests little.
    std::string Summary() const {
        std::string text = std::string("[ sim ] seed ") + std::to_string(seed_) + ", " +
                           std::to_string(step_) + " steps, " + std::to_string(epochs_) +
                           " epochs:";
        for (const auto& [what, count] : stats_) text += " " + what + "=" + std::to_string(count);
        return text;
    }

    std::string Where() const {
        return "seed " + std::to_string(seed_) + " step " + std::to_string(step_) + " now " +
               std::to_string(ToUnixMillis(now_)) + " op " + op_ +
               " (replay with TIX_SIM_SEED=" + std::to_string(seed_) + ")";
    }

  private:
    std::uint64_t Below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }
    bool Chance(std::uint64_t percent) { return Below(100) < percent; }

    void StartEpoch() {
        ++epochs_;
        engine_ = std::make_unique<Engine>();
        model_ = Model();
        recent_.clear();
        event_ids_.clear();
        const int events = 2 + static_cast<int>(Below(2));
        for (int i = 0; i < events; ++i) AddEvent();
    }

    void AddEvent() {
        EventSpec spec;
        spec.name = std::string("Sim ") + std::to_string(step_);
        spec.venue = "Hall";
        spec.sale_starts_at = now_ - 60s + std::chrono::milliseconds(Below(120'000));
        if (Chance(10)) spec.sale_starts_at = now_ + std::chrono::milliseconds(Below(600'000));
        spec.sale_ends_at =
            spec.sale_starts_at + 1h + std::chrono::milliseconds(Below(5 * 3'600'000));
        static constexpr std::uint32_t kLimits[] = {1, 2, 3, 4, 4, 6, 8, 8};
        spec.max_per_user = kLimits[Below(8)];
        spec.hold = std::chrono::seconds{5 + static_cast<std::uint32_t>(Below(115))};
        auto zone = [&](std::string id, bool seated) {
            ZoneSpec z;
            z.zone_id = std::move(id);
            z.name = "Zone " + z.zone_id;
            z.price_minor = static_cast<std::int64_t>(Below(10'000));
            z.currency = "EUR";
            z.kind = seated ? ZoneKind::kSeated : ZoneKind::kGeneralAdmission;
            return z;
        };
        ZoneSpec ga = zone("GA", false);
        ga.capacity = 3 + static_cast<std::uint32_t>(Below(28));
        spec.zones.push_back(ga);
        ZoneSpec front = zone("A", true);
        static const char* kLabels[] = {"A", "B", "C", "D", "E", "F"};
        for (std::uint64_t r = 0, rows = 1 + Below(4); r < rows; ++r) {
            front.rows.push_back({kLabels[r], 1 + static_cast<std::uint32_t>(Below(12))});
        }
        spec.zones.push_back(front);
        if (Chance(50)) {
            ZoneSpec wide = zone("Wide_2", true);  // rows past one 64-bit word
            for (std::uint64_t r = 0, rows = 1 + Below(3); r < rows; ++r) {
                wide.rows.push_back({std::to_string(r + 1),
                                     1 + static_cast<std::uint32_t>(Below(r == 0 ? 130 : 70))});
            }
            spec.zones.push_back(wide);
        }
        if (Chance(30)) {
            ZoneSpec small = zone("C", false);
            small.capacity = 1 + static_cast<std::uint32_t>(Below(5));
            spec.zones.push_back(small);
        }
        NormalizeEventSpec(spec);
        ASSERT_EQ(ValidateEventSpec(spec), std::nullopt);
        spec.event_id = engine_->AddEvent(spec);
        model_.AddEvent(spec);
        event_ids_.push_back(spec.event_id);
    }

    EventId PickEvent() {
        if (Chance(2)) return EventId{event_ids_.back().value() + 1 + Below(3)};  // unknown
        return event_ids_[Below(event_ids_.size())];
    }

    std::string PickKey() {
        if (Chance(30)) return "";
        return std::string("key-") + std::to_string(next_key_++);
    }

    SentRequest NewQuantityRequest() {
        SentRequest r;
        r.user_id = UserId{1 + Below(kUsers)};
        r.event_id = PickEvent();
        const EventSpec* spec = engine_->FindEvent(r.event_id);
        const std::uint32_t limit = spec == nullptr ? 4 : spec->max_per_user;
        if (spec == nullptr || Chance(3)) {
            r.zone_id = Chance(50) ? "NOPE" : "A";
        } else {
            r.zone_id = spec->zones[Below(spec->zones.size())].zone_id;
        }
        const std::uint64_t roll = Below(100);
        if (roll < 3) {
            r.quantity = 0;
        } else if (roll < 6) {
            r.quantity = limit + 1;
        } else if (roll < 80) {
            r.quantity = 1 + static_cast<std::uint32_t>(Below(std::min(limit, 3U)));
        } else {
            r.quantity = 1 + static_cast<std::uint32_t>(Below(limit));
        }
        r.allow_split = Chance(50);
        r.key = PickKey();
        return r;
    }

    // A seat id of the zone: row and number chosen at random, sometimes one past the end.
    std::string SeatIdIn(const ZoneSpec& zone, std::uint32_t row, std::uint32_t number) {
        return zone.zone_id + "-" + zone.rows[row].label + "-" + std::to_string(number);
    }

    SentRequest NewSeatsRequest() {
        SentRequest r;
        r.by_seats = true;
        r.user_id = UserId{1 + Below(kUsers)};
        r.event_id = PickEvent();
        r.key = PickKey();
        const EventSpec* spec = engine_->FindEvent(r.event_id);
        const std::uint32_t limit = spec == nullptr ? 4 : spec->max_per_user;
        std::uint32_t count = 1 + static_cast<std::uint32_t>(Below(std::min(limit, 3U)));
        if (Chance(3)) count = 0;
        if (Chance(3)) count = limit + 1;
        if (spec == nullptr) {
            for (std::uint32_t i = 0; i < count; ++i) r.seat_ids.push_back("A-A-1");
            return r;
        }
        std::vector<const ZoneSpec*> seated;
        for (const ZoneSpec& zone : spec->zones) {
            if (zone.kind == ZoneKind::kSeated) seated.push_back(&zone);
        }
        const ZoneSpec& zone = *seated[Below(seated.size())];
        const auto row = static_cast<std::uint32_t>(Below(zone.rows.size()));
        const std::uint32_t row_seats = zone.rows[row].seats;
        const bool adjacent = Chance(60);
        std::uint32_t start = 1 + static_cast<std::uint32_t>(Below(row_seats));
        for (std::uint32_t i = 0; i < count; ++i) {
            std::string id;
            if (adjacent && start + i <= row_seats) {
                id = SeatIdIn(zone, row, start + i);
            } else {
                const auto any_row = static_cast<std::uint32_t>(Below(zone.rows.size()));
                id = SeatIdIn(zone, any_row,
                              1 + static_cast<std::uint32_t>(Below(zone.rows[any_row].seats)));
            }
            const std::uint64_t roll = Below(200);
            if (roll == 0) id = zone.zone_id + "-Z9-1";                             // no such row
            if (roll == 1) id = SeatIdIn(zone, row, row_seats + 1);                 // past the end
            if (roll == 2) id = SeatIdIn(zone, row, 0);                             // seat zero
            if (roll == 3) id = std::string("GA-") + std::to_string(1 + i);         // not seated
            if (roll == 4 && seated.size() > 1) id = SeatIdIn(*seated[0], 0, 1);    // other zone
            if (roll == 5 && seated.size() > 1) id = SeatIdIn(*seated[1], 0, 1);    // other zone
            if (roll >= 6 && roll < 10 && !r.seat_ids.empty()) id = r.seat_ids[0];  // duplicate
            r.seat_ids.push_back(id);
        }
        return r;
    }

    // The same request again, or (sometimes) a slightly different one under the same key.
    SentRequest Retry() {
        SentRequest r = recent_[Below(recent_.size())];
        if (Chance(70)) return r;
        const std::uint64_t roll = Below(4);
        if (r.by_seats) {
            if (roll == 0) std::reverse(r.seat_ids.begin(), r.seat_ids.end());  // still the same
            if (roll == 1 && !r.seat_ids.empty()) r.seat_ids.pop_back();
            if (roll == 2) r.seat_ids.push_back(r.seat_ids.empty() ? "A-A-1" : r.seat_ids[0]);
            if (roll == 3) r.user_id = UserId{1 + Below(kUsers)};
        } else {
            if (roll == 0) r.quantity += 1;
            if (roll == 1) r.allow_split = !r.allow_split;
            if (roll == 2) r.zone_id = r.zone_id == "GA" ? "A" : "GA";
            if (roll == 3) r.user_id = UserId{1 + Below(kUsers)};
        }
        return r;
    }

    OrderId PickOrder() {
        const std::uint64_t next = model_.next_order_id().value();
        const std::uint64_t roll = Below(100);
        if (roll < 5 || next == 1) return OrderId{roll % 2 == 0 ? 0 : next + Below(3)};
        if (roll < 80) return OrderId{next - 1 - Below(std::min<std::uint64_t>(next - 1, 20))};
        return OrderId{1 + Below(next - 1)};
    }

    void AdvanceClock() {
        const std::uint64_t roll = Below(100);
        if (roll < 60) {
            now_ += std::chrono::milliseconds(Below(2'000));
        } else if (roll < 85) {
            now_ += std::chrono::milliseconds(Below(20'000));
        } else if (roll < 97) {
            // stand still: several operations at the same instant
        } else {
            now_ += 60s + std::chrono::milliseconds(Below(120'000));  // past most deadlines
        }
    }

    void Step() {
        AdvanceClock();
        if (Below(500) == 0) AddEvent();
        const std::uint64_t roll = Below(100);
        EventId touched_event{};
        UserId touched_user{};
        std::set<EventId> touched;
        if (roll < 55 || (roll < 65 && recent_.empty())) {
            const SentRequest r = roll < 30 ? NewQuantityRequest() : NewSeatsRequest();
            SendHold(r);
            touched_event = r.event_id;
            touched_user = r.user_id;
            if (!r.key.empty()) {
                if (recent_.size() < 64) {
                    recent_.push_back(r);
                } else {
                    recent_[Below(recent_.size())] = r;
                }
            }
        } else if (roll < 65) {
            const SentRequest r = Retry();
            SendHold(r);
            touched_event = r.event_id;
            touched_user = r.user_id;
        } else if (roll == 88) {
            touched_user = RemoveAUser(touched);
        } else if (roll < 88) {
            const OrderId id = PickOrder();
            const bool confirm = roll < 77;
            op_ = (confirm ? "Confirm(" : "Cancel(") + std::to_string(id.value()) + ")";
            const OrderOutcome got =
                confirm ? engine_->Confirm(id, now_) : engine_->Cancel(id, now_);
            const OrderOutcome want = confirm ? model_.Confirm(id, now_) : model_.Cancel(id, now_);
            ASSERT_EQ(ToString(got), ToString(want)) << Where();
            ++stats_[std::string(confirm ? "confirm:" : "cancel:") + std::string(ToString(got))];
            CompareOrder(id);
            if (const Order* order = model_.FindOrder(id)) {
                touched_event = order->event_id;
                touched_user = order->user_id;
            }
        } else {
            op_ = "ExpireDue";
            std::vector<OrderId> got;
            engine_->ExpireDue(now_, got);
            const std::vector<OrderId> want = model_.ExpireDue(now_);
            ASSERT_EQ(got, want) << Where();
            stats_["expired"] += got.size();
            for (const OrderId id : got) {
                CompareOrder(id);
                touched.insert(model_.FindOrder(id)->event_id);
            }
        }
        if (touched_event) touched.insert(touched_event);
        if (step_ % 64 == 0) touched.insert(event_ids_.begin(), event_ids_.end());
        CompareStep(touched, touched_event, touched_user);
    }

    // A ban, now and then: the user's holds go; every event it held seats in is compared.
    UserId RemoveAUser(std::set<EventId>& touched) {
        const UserId user{1 + Below(kUsers)};
        op_ = "RemoveUser(" + std::to_string(user.value()) + ")";
        for (const auto& [id, order] : model_.orders()) {
            if (order.user_id == user && order.status == OrderStatus::kHeld) {
                touched.insert(order.event_id);
            }
        }
        const std::uint32_t got = engine_->RemoveUser(user, now_).holds_cancelled;
        EXPECT_EQ(got, model_.RemoveUser(user, now_)) << Where();
        stats_["removed users' holds"] += got;
        for (const auto& [id, order] : model_.orders()) {
            if (order.user_id == user) CompareOrder(id);
        }
        return user;
    }

    void SendHold(const SentRequest& r) {
        op_ = ToText(r);
        HoldResult got;
        ModelHold want;
        if (r.by_seats) {
            got = engine_->Hold(HoldBySeats{r.user_id, r.event_id, r.seat_ids, r.key}, now_);
            want = model_.Hold(HoldBySeats{r.user_id, r.event_id, r.seat_ids, r.key}, now_);
        } else {
            const HoldByQuantity request{r.user_id,  r.event_id,    r.zone_id,
                                         r.quantity, r.allow_split, r.key};
            got = engine_->Hold(request, now_);
            want = model_.Hold(request, now_);
        }
        ASSERT_EQ(ToString(got.outcome), ToString(want.outcome)) << Where();
        ++stats_[std::string(r.by_seats ? "seats:" : "quantity:") +
                 (r.allow_split ? "split:" : "") + std::string(ToString(got.outcome))];
        if (!want.order_id) {
            ASSERT_EQ(got.order, nullptr) << Where();
            return;
        }
        ASSERT_NE(got.order, nullptr) << Where();
        ASSERT_EQ(got.order->order_id, want.order_id) << Where();
        CompareOrder(want.order_id);
    }

    void CompareOrder(OrderId id) {
        const Order* want = model_.FindOrder(id);
        const Order* got = engine_->FindOrder(id);
        ASSERT_EQ(got == nullptr, want == nullptr) << "order " << id << " at " << Where();
        if (want == nullptr) return;
        ASSERT_EQ(*got, *want) << "order " << id << ": engine status " << ToString(got->status)
                               << " model " << ToString(want->status) << ", engine seats "
                               << Seats(*got) << " model " << Seats(*want) << " at " << Where();
    }

    std::string Seats(const Order& order) const {
        std::string out;
        for (std::uint32_t i = 0; i < order.quantity && i < kMaxPerUserLimit; ++i) {
            out += engine_->SeatId(order.event_id, order.zone_index, order.seats[i]) + " ";
        }
        return out;
    }

    // After every step: the counts and seats of every zone of the events the step touched (of
    // all events every 64 steps), the touched user's tickets, the next deadline, and the
    // engine's own invariants.
    void CompareStep(const std::set<EventId>& events, EventId touched_event, UserId touched_user) {
        for (const EventId event_id : events) {
            auto found = model_.events().find(event_id);
            if (found == model_.events().end()) continue;
            const ModelEvent& event = found->second;
            for (std::uint16_t z = 0; z < event.zones.size(); ++z) {
                const ZoneCounts got = engine_->Counts(event_id, z);
                const ZoneCounts want = model_.Counts(event_id, z);
                ASSERT_TRUE(got.available == want.available && got.held == want.held &&
                            got.sold == want.sold && got.capacity == want.capacity)
                    << "zone " << z << " of event " << event_id << ": engine " << got.available
                    << "/" << got.held << "/" << got.sold << " model " << want.available << "/"
                    << want.held << "/" << want.sold << " at " << Where();
                for (std::uint32_t r = 0; r < event.zones[z].rows.size(); ++r) {
                    ASSERT_EQ(engine_->RowStates(event_id, z, r), model_.RowStates(event_id, z, r))
                        << "event " << event_id << " zone " << z << " row " << r << " at "
                        << Where();
                }
            }
        }
        if (touched_user) {
            ASSERT_EQ(engine_->TicketsOf(touched_user, touched_event),
                      model_.TicketsOf(touched_user, touched_event))
                << Where();
        }
        ASSERT_EQ(engine_->NextDeadline(), model_.NextDeadline()) << Where();
        engine_->CheckInvariants();
    }

    // At the end of an epoch: every order, every user's orders and tickets.
    void CompareAll() {
        op_ = "end of epoch";
        for (const auto& [id, order] : model_.orders()) CompareOrder(id);
        ASSERT_EQ(engine_->FindOrder(model_.next_order_id()), nullptr) << Where();
        for (std::uint64_t u = 1; u <= kUsers; ++u) {
            const UserId user{u};
            const auto got = engine_->OrdersOf(user);
            ASSERT_EQ(std::vector<OrderId>(got.begin(), got.end()), model_.OrdersOf(user))
                << "user " << user << " at " << Where();
            for (const EventId event : event_ids_) {
                ASSERT_EQ(engine_->TicketsOf(user, event), model_.TicketsOf(user, event))
                    << "user " << user << " event " << event << " at " << Where();
            }
        }
    }

    // Rebuilds an engine from what a journal would hold and compares it with the live one.
    void CheckRestore() {
        op_ = "restore";
        Engine restored;
        for (const EventId event : engine_->EventIds())
            restored.RestoreEvent(*engine_->FindEvent(event));
        const std::map<OrderId, std::string> keys = model_.Keys();
        for (const auto& [id, order] : model_.orders()) {
            auto key = keys.find(id);
            restored.Restore({*engine_->FindOrder(id), key == keys.end() ? "" : key->second});
        }
        restored.CheckInvariants();
        for (const auto& [id, order] : model_.orders()) {
            ASSERT_EQ(*restored.FindOrder(id), order) << "order " << id << " at " << Where();
        }
        for (const auto& [event_id, event] : model_.events()) {
            for (std::uint16_t z = 0; z < event.zones.size(); ++z) {
                ASSERT_EQ(restored.Counts(event_id, z).available,
                          engine_->Counts(event_id, z).available)
                    << Where();
                ASSERT_EQ(restored.Counts(event_id, z).held, engine_->Counts(event_id, z).held)
                    << Where();
                for (std::uint32_t r = 0; r < event.zones[z].rows.size(); ++r) {
                    ASSERT_EQ(restored.RowStates(event_id, z, r),
                              engine_->RowStates(event_id, z, r))
                        << Where();
                }
            }
            for (std::uint64_t u = 1; u <= kUsers; ++u) {
                const UserId user{u};
                ASSERT_EQ(restored.TicketsOf(user, event_id), engine_->TicketsOf(user, event_id))
                    << Where();
            }
        }
        ASSERT_EQ(restored.NextDeadline(), engine_->NextDeadline()) << Where();
        // Exact retries still replay after a restart.
        for (const SentRequest& r : recent_) {
            const auto replay = model_.Replay(r.user_id, r.key, Asked(r));
            if (!replay || replay->outcome != HoldOutcome::kReplayed) continue;
            if (engine_->FindEvent(r.event_id) == nullptr) continue;
            const HoldResult again =
                r.by_seats
                    ? restored.Hold(HoldBySeats{r.user_id, r.event_id, r.seat_ids, r.key}, now_)
                    : restored.Hold(HoldByQuantity{r.user_id, r.event_id, r.zone_id, r.quantity,
                                                   r.allow_split, r.key},
                                    now_);
            ASSERT_EQ(ToString(again.outcome), "replayed") << ToText(r) << " at " << Where();
            ASSERT_EQ(again.order->order_id, replay->order_id) << Where();
        }
        // And both expire the same holds.
        std::vector<OrderId> got;
        std::vector<OrderId> want;
        restored.ExpireDue(now_ + 1'000'000ms, got);
        engine_->ExpireDue(now_ + 1'000'000ms, want);
        ASSERT_EQ(got, want) << Where();
        restored.CheckInvariants();
    }

    const std::uint64_t seed_;
    const std::uint64_t steps_;
    std::mt19937_64 rng_;
    std::uint64_t step_ = 0;
    TimePoint now_ = FromUnixMillis(1'800'000'000'000);
    std::string op_;
    std::unique_ptr<Engine> engine_;
    Model model_;
    std::vector<EventId> event_ids_;
    std::vector<SentRequest> recent_;  // requests with a key, for retries
    std::uint64_t next_key_ = 1;
    std::uint64_t epochs_ = 0;
    std::map<std::string, std::uint64_t> stats_;
};

std::uint64_t EnvOr(const char* name, std::uint64_t fallback) {
    const char* value = std::getenv(name);
    return value == nullptr || *value == '\0' ? fallback : std::strtoull(value, nullptr, 0);
}

// One test per seed, so ctest runs them in parallel.
class EngineSimulation : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(EngineSimulation, MatchesTheReferenceModel) {
    std::uint64_t seed = GetParam();
    if (std::getenv("TIX_SIM_SEED") != nullptr) {
        if (seed != kDefaultSeeds[0]) GTEST_SKIP() << "TIX_SIM_SEED is set: one seed only";
        seed = EnvOr("TIX_SIM_SEED", 0);
    }
    SCOPED_TRACE(std::string("seed ") + std::to_string(seed) +
                 ": replay with TIX_SIM_SEED=" + std::to_string(seed));
    Simulation simulation(seed, EnvOr("TIX_SIM_STEPS", kDefaultSteps));
    simulation.Run();
    std::printf("%s\n", simulation.Summary().c_str());
}

INSTANTIATE_TEST_SUITE_P(Seeds, EngineSimulation, ::testing::ValuesIn(kDefaultSeeds));

}  // namespace
}  // namespace tix::engine
