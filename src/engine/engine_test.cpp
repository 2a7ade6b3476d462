#include "engine/engine.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/test_events.h"

namespace tix::engine {
namespace {

using namespace std::chrono_literals;

constexpr TimePoint kNow = At(1'000'000);

ZoneSpec GaZone(std::string id, std::uint32_t capacity, std::int64_t price_minor = 1000) {
    ZoneSpec zone;
    zone.zone_id = std::move(id);
    zone.name = "Zone";
    zone.price_minor = price_minor;
    zone.currency = "EUR";
    zone.capacity = capacity;
    return zone;
}

ZoneSpec SeatedZone(std::string id, std::vector<RowSpec> rows, std::int64_t price_minor = 2000) {
    ZoneSpec zone = GaZone(std::move(id), 0, price_minor);
    zone.kind = ZoneKind::kSeated;
    zone.rows = std::move(rows);
    return zone;
}

EventSpec Event(std::vector<ZoneSpec> zones, std::uint32_t max_per_user = 8) {
    EventSpec spec;
    spec.name = "Night";
    spec.venue = "Hall";
    spec.max_per_user = max_per_user;
    spec.hold = std::chrono::seconds{600};
    spec.zones = std::move(zones);
    return spec;
}

// Drives one Engine; the helpers copy results out, since engine pointers die at the next call.
class EngineTest : public ::testing::Test {
  protected:
    struct Hold {
        HoldOutcome outcome;
        Order order;  // meaningful for kOk and kReplayed
    };

    Hold ByQuantity(UserId user, EventId event, std::string_view zone, std::uint32_t quantity,
                    TimePoint now = kNow, bool allow_split = false, std::string_view key = {}) {
        const HoldResult result =
            engine_.Hold(HoldByQuantity{user, event, zone, quantity, allow_split, key}, now);
        return Copy(result);
    }
    Hold BySeats(UserId user, EventId event, std::vector<std::string> seats, TimePoint now = kNow,
                 std::string_view key = {}) {
        const HoldResult result = engine_.Hold(HoldBySeats{user, event, seats, key}, now);
        return Copy(result);
    }
    Hold Copy(const HoldResult& result) {
        const bool has_order =
            result.outcome == HoldOutcome::kOk || result.outcome == HoldOutcome::kReplayed;
        EXPECT_EQ(result.order != nullptr, has_order) << ToString(result.outcome);
        engine_.CheckInvariants();
        return {result.outcome, has_order ? *result.order : Order{}};
    }
    std::vector<std::string> SeatIds(const Order& order) {
        std::vector<std::string> ids;
        for (std::uint32_t i = 0; i < order.quantity; ++i) {
            ids.push_back(engine_.SeatId(order.event_id, order.zone_index, order.seats[i]));
        }
        return ids;
    }
    ZoneCounts CountsOf(EventId event, std::string_view zone) {
        return engine_.Counts(event, engine_.ZoneIndex(event, zone).value());
    }

    Engine engine_;
};

using Ids = std::vector<std::string>;

// ---- Events ----

TEST_F(EngineTest, AddEventAssignsSequentialIds) {
    EXPECT_EQ(engine_.AddEvent(SmallTestEvent()), EventId{1});
    EXPECT_EQ(engine_.AddEvent(SmallTestEvent()), EventId{2});
    EXPECT_EQ(engine_.FindEvent(EventId{2})->event_id, EventId{2});
    EXPECT_EQ(engine_.FindEvent(EventId{3}), nullptr);
}

TEST_F(EngineTest, RestoreEventKeepsItsIdAndAddEventContinuesAfterIt) {
    EventSpec spec = SmallTestEvent();
    spec.event_id = EventId{7};
    engine_.RestoreEvent(spec);
    spec.event_id = EventId{3};  // AddEvent picks the id, whatever the spec says
    EXPECT_EQ(engine_.AddEvent(spec), EventId{8});
    engine_.RestoreEvent(spec);
    EXPECT_EQ(engine_.EventIds(), (std::vector<EventId>{EventId{3}, EventId{7}, EventId{8}}));
}

TEST_F(EngineTest, AddEventFillsSeatedCapacity) {
    EventSpec spec = SmallTestEvent();
    spec.zones[1].capacity = 0;
    const EventId event = engine_.AddEvent(spec);
    EXPECT_EQ(engine_.FindEvent(event)->zones[1].capacity, 10U);
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 10, 0, 0}));
}

TEST_F(EngineTest, ZoneIndexFindsZonesById) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EXPECT_EQ(engine_.ZoneIndex(event, "GA"), 0);
    EXPECT_EQ(engine_.ZoneIndex(event, "INF"), 1);
    EXPECT_EQ(engine_.ZoneIndex(event, "inf"), std::nullopt);
    EXPECT_EQ(engine_.ZoneIndex(EventId{event.value() + 1}, "GA"), std::nullopt);
}

TEST(EngineDeathTest, AddEventOfAnInvalidSpecAborts) {
    Engine engine;
    EventSpec spec = SmallTestEvent();
    spec.max_per_user = 9;
    EXPECT_DEATH(engine.AddEvent(spec), "AddEvent of an invalid spec");
    spec = SmallTestEvent();
    spec.zones[1].capacity = 11;  // not the 10 seats of its rows
    EXPECT_DEATH(engine.AddEvent(spec), "AddEvent of an invalid spec");
    spec = SmallTestEvent();
    spec.event_id = engine.AddEvent(spec);
    EXPECT_DEATH(engine.RestoreEvent(spec), "AddEvent of an event id in use");
}

// ---- Holds by quantity ----

TEST_F(EngineTest, GeneralAdmissionHoldTakesFromTheCount) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Hold hold = ByQuantity(UserId{42}, event, "GA", 3);
    ASSERT_EQ(hold.outcome, HoldOutcome::kOk);
    EXPECT_EQ(hold.order.order_id, OrderId{1});
    EXPECT_EQ(hold.order.user_id, UserId{42});
    EXPECT_EQ(hold.order.event_id, event);
    EXPECT_EQ(hold.order.zone_index, 0);
    EXPECT_EQ(hold.order.quantity, 3);
    EXPECT_EQ(hold.order.status, OrderStatus::kHeld);
    EXPECT_EQ(hold.order.created_at, kNow);
    EXPECT_EQ(hold.order.updated_at, kNow);
    EXPECT_EQ(hold.order.expires_at, kNow + 60s);  // SmallTestEvent holds for 60 s
    EXPECT_EQ(hold.order.amount_minor, 1500);
    EXPECT_EQ(hold.order.seats, (std::array<std::uint32_t, kMaxPerUserLimit>{}));
    EXPECT_EQ(CountsOf(event, "GA"), (ZoneCounts{10, 7, 3, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{42}, event), 3U);
    EXPECT_EQ(*engine_.FindOrder(OrderId{1}), hold.order);
}

TEST_F(EngineTest, OrderIdsAreSequential) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1).order.order_id, OrderId{1});
    EXPECT_EQ(ByQuantity(UserId{2}, event, "INF", 1).order.order_id, OrderId{2});
    EXPECT_EQ(ByQuantity(UserId{3}, event, "GA", 1).order.order_id, OrderId{3});
}

TEST_F(EngineTest, DefaultHoldLastsTenMinutes) {
    EventSpec spec = Event({GaZone("GA", 10)});
    spec.hold = kDefaultHold;
    const EventId event = engine_.AddEvent(spec);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1).order.expires_at, kNow + 600'000ms);
}

TEST_F(EngineTest, SeatedPicksAdjacentSeatsNearestStage) {
    const EventId event = engine_.AddEvent(SmallTestEvent());  // INF: A has 6 seats, B 4
    const Hold first = ByQuantity(UserId{1}, event, "INF", 2);
    ASSERT_EQ(first.outcome, HoldOutcome::kOk);
    EXPECT_EQ(SeatIds(first.order), (Ids{"INF-A-3", "INF-A-4"}));
    EXPECT_EQ(first.order.amount_minor, 2500);
    EXPECT_EQ(SeatIds(ByQuantity(UserId{2}, event, "INF", 2).order), (Ids{"INF-A-1", "INF-A-2"}));
    // Row A has two seats left, one group of three goes to row B.
    EXPECT_EQ(SeatIds(ByQuantity(UserId{3}, event, "INF", 3).order),
              (Ids{"INF-B-1", "INF-B-2", "INF-B-3"}));
    EXPECT_EQ(SeatIds(ByQuantity(UserId{4}, event, "INF", 2).order), (Ids{"INF-A-5", "INF-A-6"}));
    EXPECT_EQ(engine_.RowStates(event, 1, 0), "HHHHHH");
    EXPECT_EQ(engine_.RowStates(event, 1, 1), "HHHA");
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 1, 9, 0}));
}

TEST_F(EngineTest, SeatedPrefersTheRunNearestTheRowCentre) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 10}, {"B", 10}})}));
    ASSERT_EQ(BySeats(UserId{1}, event, {"S-A-5"}).outcome, HoldOutcome::kOk);
    // Runs 1-4 and 6-10: 6-7 is nearer the centre (5.5) than 3-4.
    EXPECT_EQ(SeatIds(ByQuantity(UserId{2}, event, "S", 2).order), (Ids{"S-A-6", "S-A-7"}));
    EXPECT_EQ(engine_.RowStates(event, 0, 0), "AAAAHHHAAA");
}

TEST_F(EngineTest, SeatedCentreTiesGoToLowerSeatNumbers) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 10}})}));
    EXPECT_EQ(SeatIds(ByQuantity(UserId{1}, event, "S", 2).order), (Ids{"S-A-5", "S-A-6"}));
    // 3-4 and 7-8 are equally near the centre.
    EXPECT_EQ(SeatIds(ByQuantity(UserId{2}, event, "S", 2).order), (Ids{"S-A-3", "S-A-4"}));
    EXPECT_EQ(SeatIds(ByQuantity(UserId{3}, event, "S", 3).order),
              (Ids{"S-A-7", "S-A-8", "S-A-9"}));
    EXPECT_EQ(engine_.RowStates(event, 0, 0), "AAHHHHHHHA");
}

TEST_F(EngineTest, NoAdjacentSeatsWithoutAllowSplit) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 4}, {"B", 4}})}));
    ASSERT_EQ(BySeats(UserId{1}, event, {"S-A-2", "S-B-3"}).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{2}, event, "S", 3).outcome, HoldOutcome::kNoAdjacentSeats);
    EXPECT_EQ(CountsOf(event, "S"), (ZoneCounts{8, 6, 2, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{2}, event), 0U);
}

TEST_F(EngineTest, AllowSplitTakesTheBestSeatsLeft) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 4}, {"B", 4}})}));
    ASSERT_EQ(BySeats(UserId{1}, event, {"S-A-2", "S-B-3"}).outcome, HoldOutcome::kOk);
    const Hold hold = ByQuantity(UserId{2}, event, "S", 3, kNow, /*allow_split=*/true);
    ASSERT_EQ(hold.outcome, HoldOutcome::kOk);
    // Front row first: its run of two (3-4), then its last seat (1).
    EXPECT_EQ(SeatIds(hold.order), (Ids{"S-A-1", "S-A-3", "S-A-4"}));
    EXPECT_EQ(hold.order.amount_minor, 6000);
}

TEST_F(EngineTest, AllowSplitStillPrefersAdjacentSeats) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 4}, {"B", 4}})}));
    ASSERT_EQ(BySeats(UserId{1}, event, {"S-A-2"}).outcome, HoldOutcome::kOk);
    const Hold hold = ByQuantity(UserId{2}, event, "S", 3, kNow, /*allow_split=*/true);
    EXPECT_EQ(SeatIds(hold.order), (Ids{"S-B-1", "S-B-2", "S-B-3"}));
}

TEST_F(EngineTest, SoldOutIsCheckedBeforeAdjacency) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 4}})}));
    ASSERT_EQ(BySeats(UserId{1}, event, {"S-A-2", "S-A-3"}).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{2}, event, "S", 3).outcome, HoldOutcome::kSoldOut);
    EXPECT_EQ(ByQuantity(UserId{2}, event, "S", 3, kNow, true).outcome, HoldOutcome::kSoldOut);
    EXPECT_EQ(ByQuantity(UserId{2}, event, "S", 2).outcome, HoldOutcome::kNoAdjacentSeats);
}

TEST_F(EngineTest, GeneralAdmissionSellsOutExactly) {
    const EventId event = engine_.AddEvent(Event({GaZone("GA", 5)}));
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 4).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{2}, event, "GA", 2).outcome, HoldOutcome::kSoldOut);
    EXPECT_EQ(ByQuantity(UserId{2}, event, "GA", 1).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{3}, event, "GA", 1).outcome, HoldOutcome::kSoldOut);
    EXPECT_EQ(CountsOf(event, "GA"), (ZoneCounts{5, 0, 5, 0}));
}

TEST_F(EngineTest, SeatedZoneSellsOutCompletely) {
    std::vector<RowSpec> rows;
    for (int r = 0; r < 30; ++r)
        rows.push_back({std::string("R") + std::to_string(r), 37U + r * 5});
    const EventId event = engine_.AddEvent(Event({SeatedZone("BIG", rows)}));
    const std::uint32_t capacity = engine_.FindEvent(event)->zones[0].capacity;
    std::uint32_t held = 0;
    for (std::uint64_t user = 1; held < capacity; ++user) {
        const std::uint32_t quantity = std::min<std::uint32_t>(1 + user % 8, capacity - held);
        const Hold hold = ByQuantity(UserId{user}, event, "BIG", quantity, kNow, true);
        ASSERT_EQ(hold.outcome, HoldOutcome::kOk) << "after " << held << " seats";
        held += quantity;
    }
    EXPECT_EQ(CountsOf(event, "BIG"), (ZoneCounts{capacity, 0, capacity, 0}));
    EXPECT_EQ(ByQuantity(UserId{999}, event, "BIG", 1).outcome, HoldOutcome::kSoldOut);
}

TEST_F(EngineTest, QuantityMustBeOneToTheEventLimit) {
    const EventId event = engine_.AddEvent(Event({GaZone("GA", 100)}, 8));
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 0).outcome, HoldOutcome::kInvalidQuantity);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 9).outcome, HoldOutcome::kInvalidQuantity);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 8).outcome, HoldOutcome::kOk);
    const EventId small = engine_.AddEvent(SmallTestEvent());  // limit 4
    EXPECT_EQ(ByQuantity(UserId{1}, small, "GA", 5).outcome, HoldOutcome::kInvalidQuantity);
    EXPECT_EQ(ByQuantity(UserId{1}, small, "GA", 4).outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, UserAboveTheLimitIsRefused) {
    const EventId event = engine_.AddEvent(Event({GaZone("GA", 100), GaZone("VIP", 100)}, 8));
    ASSERT_EQ(ByQuantity(UserId{7}, event, "GA", 6).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{7}, event, "VIP", 3).outcome, HoldOutcome::kLimitExceeded);
    EXPECT_EQ(engine_.TicketsOf(UserId{7}, event), 6U);
    EXPECT_EQ(ByQuantity(UserId{7}, event, "VIP", 2).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{7}, event, "GA", 1).outcome, HoldOutcome::kLimitExceeded);
    EXPECT_EQ(ByQuantity(UserId{8}, event, "GA", 1).outcome, HoldOutcome::kOk);  // another user
}

TEST_F(EngineTest, LimitIsPerEvent) {
    const EventId first = engine_.AddEvent(SmallTestEvent());
    const EventId second = engine_.AddEvent(SmallTestEvent());
    ASSERT_EQ(ByQuantity(UserId{7}, first, "GA", 4).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{7}, second, "GA", 4).outcome, HoldOutcome::kOk);
    EXPECT_EQ(engine_.TicketsOf(UserId{7}, first), 4U);
    EXPECT_EQ(engine_.TicketsOf(UserId{7}, second), 4U);
}

TEST_F(EngineTest, LimitCountsHeldAndPaidButNotEndedOrders) {
    const EventId event = engine_.AddEvent(SmallTestEvent());  // limit 4, 60 s holds
    const OrderId paid = ByQuantity(UserId{7}, event, "GA", 1).order.order_id;
    const OrderId cancelled = ByQuantity(UserId{7}, event, "GA", 1).order.order_id;
    ASSERT_EQ(ByQuantity(UserId{7}, event, "GA", 1, kNow + 30s).outcome, HoldOutcome::kOk);
    ASSERT_EQ(engine_.Confirm(paid, kNow + 1ms), OrderOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{7}, event, "GA", 2, kNow + 1ms).outcome,
              HoldOutcome::kLimitExceeded);
    ASSERT_EQ(engine_.Cancel(cancelled, kNow + 1ms), OrderOutcome::kOk);
    EXPECT_EQ(engine_.TicketsOf(UserId{7}, event), 2U);
    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow + 60s, expired);  // nothing left to expire from the first batch
    EXPECT_TRUE(expired.empty());
    engine_.ExpireDue(kNow + 90'000ms, expired);  // the third hold
    EXPECT_EQ(expired.size(), 1U);
    EXPECT_EQ(engine_.TicketsOf(UserId{7}, event), 1U);
    EXPECT_EQ(ByQuantity(UserId{7}, event, "GA", 3, kNow + 90'000ms).outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, SaleWindowIsHalfOpen) {
    EventSpec spec = SmallTestEvent();
    spec.sale_starts_at = At(1000);
    spec.sale_ends_at = At(2000);
    const EventId event = engine_.AddEvent(spec);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1, At(999)).outcome, HoldOutcome::kSaleNotOpen);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1, At(1000)).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1, At(1999)).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1, At(2000)).outcome, HoldOutcome::kSaleNotOpen);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-1"}, At(2000)).outcome, HoldOutcome::kSaleNotOpen);
}

TEST_F(EngineTest, UnknownEventAndZone) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EXPECT_EQ(ByQuantity(UserId{1}, EventId{event.value() + 1}, "GA", 1).outcome,
              HoldOutcome::kUnknownEvent);
    EXPECT_EQ(ByQuantity(UserId{1}, EventId{0}, "GA", 1).outcome, HoldOutcome::kUnknownEvent);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "ga", 1).outcome, HoldOutcome::kUnknownZone);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "", 1).outcome, HoldOutcome::kUnknownZone);
    EXPECT_EQ(BySeats(UserId{1}, EventId{event.value() + 1}, {"INF-A-1"}).outcome,
              HoldOutcome::kUnknownEvent);
}

TEST_F(EngineTest, HoldChecksRunInTheDocumentedOrder) {
    EventSpec spec = SmallTestEvent();  // limit 4
    spec.sale_starts_at = At(1000);
    const EventId event = engine_.AddEvent(spec);
    // Sale window before the zone, the zone before the quantity.
    EXPECT_EQ(ByQuantity(UserId{1}, event, "NOPE", 0, At(999)).outcome, HoldOutcome::kSaleNotOpen);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "NOPE", 0).outcome, HoldOutcome::kUnknownZone);
    // Quantity before the limit, the limit before sold out, sold out before adjacency.
    ASSERT_EQ(ByQuantity(UserId{1}, event, "GA", 4).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 5).outcome, HoldOutcome::kInvalidQuantity);
    ASSERT_EQ(ByQuantity(UserId{2}, event, "GA", 4).outcome, HoldOutcome::kOk);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 3).outcome, HoldOutcome::kLimitExceeded);
    EXPECT_EQ(ByQuantity(UserId{3}, event, "GA", 3).outcome, HoldOutcome::kSoldOut);
    // Seats: unknown before count, count before duplicates, duplicates before the limit.
    EXPECT_EQ(
        BySeats(UserId{3}, event, {"INF-A-1", "INF-A-2", "INF-A-3", "INF-A-4", "INF-Z-1"}).outcome,
        HoldOutcome::kUnknownSeat);
    EXPECT_EQ(
        BySeats(UserId{3}, event, {"INF-A-1", "INF-A-1", "INF-A-3", "INF-A-4", "INF-B-1"}).outcome,
        HoldOutcome::kInvalidQuantity);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-1", "INF-A-1"}).outcome,
              HoldOutcome::kDuplicateSeat);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-1"}).outcome, HoldOutcome::kLimitExceeded);
}

// ---- Holds of explicit seats ----

TEST_F(EngineTest, HoldsExplicitSeats) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Hold hold = BySeats(UserId{5}, event, {"INF-B-4", "INF-A-1"});
    ASSERT_EQ(hold.outcome, HoldOutcome::kOk);
    EXPECT_EQ(hold.order.quantity, 2);
    EXPECT_EQ(hold.order.zone_index, 1);
    EXPECT_EQ(hold.order.amount_minor, 2500);
    EXPECT_EQ(SeatIds(hold.order), (Ids{"INF-A-1", "INF-B-4"}));  // ascending seat index
    EXPECT_EQ(engine_.RowStates(event, 1, 0), "HAAAAA");
    EXPECT_EQ(engine_.RowStates(event, 1, 1), "AAAH");
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 8, 2, 0}));
}

TEST_F(EngineTest, UnknownSeatIds) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    for (const char* id :
         {"INF-C-1", "INF-A-7", "INF-A-0", "INF-A-01", "INF-A-", "INF-A-1x", "INF-A--1", "INF-A-+1",
          "INF-A", "INF", "inf-A-1", "INF-a-1", "-A-1", "", "-", "X-A-1", "INF-A-99999999999"}) {
        EXPECT_EQ(BySeats(UserId{1}, event, {id}).outcome, HoldOutcome::kUnknownSeat) << id;
    }
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 10, 0, 0}));
}

TEST_F(EngineTest, SeatIdsInAGeneralAdmissionZoneAreNotSeated) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    for (const char* id : {"GA-1", "GA-A-1", "GA"}) {
        EXPECT_EQ(BySeats(UserId{1}, event, {id}).outcome, HoldOutcome::kNotSeated) << id;
    }
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-1", "GA-1"}).outcome, HoldOutcome::kNotSeated);
}

TEST_F(EngineTest, ExplicitSeatsMustShareAZone) {
    const EventId event =
        engine_.AddEvent(Event({SeatedZone("L", {{"A", 5}}), SeatedZone("R", {{"A", 5}})}));
    EXPECT_EQ(BySeats(UserId{1}, event, {"L-A-1", "R-A-1"}).outcome, HoldOutcome::kSeatsSpanZones);
    EXPECT_EQ(BySeats(UserId{1}, event, {"L-A-1", "L-A-2", "R-A-1", "L-A-2"}).outcome,
              HoldOutcome::kSeatsSpanZones);  // first problem in list order
    EXPECT_EQ(BySeats(UserId{1}, event, {"L-A-1", "L-A-1", "R-A-1"}).outcome,
              HoldOutcome::kDuplicateSeat);
    EXPECT_EQ(BySeats(UserId{1}, event, {"R-A-5", "R-A-1"}).outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, ExplicitSeatCountMustBeOneToTheLimit) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 20}})}, 8));
    EXPECT_EQ(BySeats(UserId{1}, event, {}).outcome, HoldOutcome::kInvalidQuantity);
    Ids nine;
    for (int n = 1; n <= 9; ++n) nine.push_back(std::string("S-A-") + std::to_string(n));
    EXPECT_EQ(BySeats(UserId{1}, event, nine).outcome, HoldOutcome::kInvalidQuantity);
    nine.pop_back();
    EXPECT_EQ(BySeats(UserId{1}, event, nine).outcome, HoldOutcome::kOk);
    EXPECT_EQ(BySeats(UserId{2}, event, {"S-A-20"}).outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, TakenSeatRefusesTheWholeRequest) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    ASSERT_EQ(BySeats(UserId{1}, event, {"INF-A-3"}).outcome, HoldOutcome::kOk);
    EXPECT_EQ(BySeats(UserId{2}, event, {"INF-A-2", "INF-A-3", "INF-A-4"}).outcome,
              HoldOutcome::kSeatTaken);
    EXPECT_EQ(engine_.RowStates(event, 1, 0), "AAHAAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{2}, event), 0U);
    EXPECT_EQ(engine_.FindOrder(OrderId{2}), nullptr);
    EXPECT_EQ(BySeats(UserId{2}, event, {"INF-A-2", "INF-A-4"}).outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, ExplicitSeatsAreTakenNotSoldOutWhenFewSeatsAreLeft) {
    const EventId event = engine_.AddEvent(Event({SeatedZone("S", {{"A", 3}})}));
    ASSERT_EQ(BySeats(UserId{1}, event, {"S-A-1", "S-A-2"}).outcome, HoldOutcome::kOk);
    EXPECT_EQ(BySeats(UserId{2}, event, {"S-A-2", "S-A-3"}).outcome, HoldOutcome::kSeatTaken);
    EXPECT_EQ(BySeats(UserId{2}, event, {"S-A-2"}).outcome, HoldOutcome::kSeatTaken);
    EXPECT_EQ(BySeats(UserId{2}, event, {"S-A-3"}).outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, ExplicitSeatsCountTowardsTheLimit) {
    const EventId event = engine_.AddEvent(SmallTestEvent());  // limit 4
    ASSERT_EQ(ByQuantity(UserId{1}, event, "GA", 3).outcome, HoldOutcome::kOk);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-1", "INF-A-2"}).outcome,
              HoldOutcome::kLimitExceeded);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-1"}).outcome, HoldOutcome::kOk);
}

// ---- Idempotency ----

TEST_F(EngineTest, ReplayReturnsTheOriginalOrderAndChangesNothing) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Hold first = ByQuantity(UserId{1}, event, "INF", 2, kNow, false, "k1");
    ASSERT_EQ(first.outcome, HoldOutcome::kOk);
    const Hold again = ByQuantity(UserId{1}, event, "INF", 2, kNow + 5ms, false, "k1");
    EXPECT_EQ(again.outcome, HoldOutcome::kReplayed);
    EXPECT_EQ(again.order, first.order);
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 8, 2, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event), 2U);
    EXPECT_EQ(engine_.OrdersOf(UserId{1}).size(), 1U);
}

TEST_F(EngineTest, ReplayShowsTheOrderAsItIsNow) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const OrderId id = ByQuantity(UserId{1}, event, "GA", 2, kNow, false, "k1").order.order_id;
    ASSERT_EQ(engine_.Cancel(id, kNow + 1ms), OrderOutcome::kOk);
    const Hold again = ByQuantity(UserId{1}, event, "GA", 2, kNow + 2ms, false, "k1");
    EXPECT_EQ(again.outcome, HoldOutcome::kReplayed);
    EXPECT_EQ(again.order.status, OrderStatus::kCancelled);
    EXPECT_EQ(CountsOf(event, "GA"), (ZoneCounts{10, 10, 0, 0}));
}

TEST_F(EngineTest, ReplayComesBeforeTheSaleWindow) {
    EventSpec spec = SmallTestEvent();
    spec.sale_ends_at = kNow + 10ms;
    const EventId event = engine_.AddEvent(spec);
    ASSERT_EQ(BySeats(UserId{1}, event, {"INF-A-1"}, kNow, "k").outcome, HoldOutcome::kOk);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-1"}, kNow + 10ms, "k").outcome,
              HoldOutcome::kReplayed);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-2"}, kNow + 10ms, "k").outcome,
              HoldOutcome::kIdempotencyKeyReused);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-2"}, kNow + 10ms, "other").outcome,
              HoldOutcome::kSaleNotOpen);
}

TEST_F(EngineTest, KeyReusedForADifferentRequest) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const EventId other = engine_.AddEvent(SmallTestEvent());
    ASSERT_EQ(ByQuantity(UserId{1}, event, "INF", 2, kNow, false, "k").outcome, HoldOutcome::kOk);
    const HoldOutcome reused = HoldOutcome::kIdempotencyKeyReused;
    EXPECT_EQ(ByQuantity(UserId{1}, event, "INF", 3, kNow, false, "k").outcome, reused);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 2, kNow, false, "k").outcome, reused);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "INF", 2, kNow, true, "k").outcome, reused);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "NOPE", 2, kNow, false, "k").outcome, reused);
    EXPECT_EQ(ByQuantity(UserId{1}, other, "INF", 2, kNow, false, "k").outcome, reused);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-3", "INF-A-4"}, kNow, "k").outcome, reused);
    EXPECT_EQ(ByQuantity(UserId{1}, EventId{other.value() + 1}, "INF", 2, kNow, false, "k").outcome,
              HoldOutcome::kUnknownEvent);
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 8, 2, 0}));
    EXPECT_EQ(engine_.FindOrder(OrderId{2}), nullptr);
}

TEST_F(EngineTest, SeatListReplayIgnoresOrderOfSeats) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    ASSERT_EQ(BySeats(UserId{1}, event, {"INF-A-2", "INF-B-1"}, kNow, "k").outcome,
              HoldOutcome::kOk);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-B-1", "INF-A-2"}, kNow, "k").outcome,
              HoldOutcome::kReplayed);
    const HoldOutcome reused = HoldOutcome::kIdempotencyKeyReused;
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-2"}, kNow, "k").outcome, reused);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-2", "INF-A-2"}, kNow, "k").outcome, reused);
    EXPECT_EQ(BySeats(UserId{1}, event, {"INF-A-2", "INF-B-9"}, kNow, "k").outcome, reused);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "INF", 2, kNow, false, "k").outcome, reused);
}

TEST_F(EngineTest, KeysAreScopedPerUser) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Hold mine = ByQuantity(UserId{1}, event, "GA", 1, kNow, false, "same");
    const Hold yours = ByQuantity(UserId{2}, event, "GA", 1, kNow, false, "same");
    ASSERT_EQ(mine.outcome, HoldOutcome::kOk);
    ASSERT_EQ(yours.outcome, HoldOutcome::kOk);
    EXPECT_NE(mine.order.order_id, yours.order.order_id);
    EXPECT_EQ(ByQuantity(UserId{2}, event, "GA", 1, kNow, false, "same").order.order_id,
              yours.order.order_id);
}

TEST_F(EngineTest, FailedHoldDoesNotUseTheKey) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 11, kNow, false, "k").outcome,
              HoldOutcome::kInvalidQuantity);
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 2, kNow, false, "k").outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, HoldsWithoutKeyAreNeverReplays) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1).order.order_id, OrderId{1});
    EXPECT_EQ(ByQuantity(UserId{1}, event, "GA", 1).order.order_id, OrderId{2});
}

// ---- Confirm and cancel ----

TEST_F(EngineTest, ConfirmBeforeTheDeadlinePays) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Order held = ByQuantity(UserId{1}, event, "INF", 2).order;
    EXPECT_EQ(engine_.Confirm(held.order_id, held.expires_at - 1ms), OrderOutcome::kOk);
    const Order* paid = engine_.FindOrder(held.order_id);
    EXPECT_EQ(paid->status, OrderStatus::kPaid);
    EXPECT_EQ(paid->updated_at, held.expires_at - 1ms);
    EXPECT_EQ(paid->created_at, held.created_at);
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 8, 0, 2}));
    EXPECT_EQ(engine_.RowStates(event, 1, 0), "AASSAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event), 2U);
    engine_.CheckInvariants();
    EXPECT_EQ(engine_.Confirm(held.order_id, held.expires_at + 1ms), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.Cancel(held.order_id, held.expires_at + 1ms), OrderOutcome::kPaid);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->updated_at, held.expires_at - 1ms);
}

TEST_F(EngineTest, CancelReleasesSeatsAndTickets) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Order held = ByQuantity(UserId{1}, event, "INF", 2).order;
    EXPECT_EQ(engine_.Cancel(held.order_id, kNow + 5ms), OrderOutcome::kOk);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->status, OrderStatus::kCancelled);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->updated_at, kNow + 5ms);
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.RowStates(event, 1, 0), "AAAAAA");
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event), 0U);
    engine_.CheckInvariants();
    EXPECT_EQ(engine_.Cancel(held.order_id, kNow + 6ms), OrderOutcome::kUnchanged);
    EXPECT_EQ(engine_.Confirm(held.order_id, kNow + 6ms), OrderOutcome::kCancelled);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->updated_at, kNow + 5ms);
    // The seats are free for the next buyer.
    EXPECT_EQ(SeatIds(ByQuantity(UserId{2}, event, "INF", 2).order), (Ids{"INF-A-3", "INF-A-4"}));
}

TEST_F(EngineTest, ConfirmAtTheDeadlineExpiresTheHold) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Order held = ByQuantity(UserId{1}, event, "INF", 2).order;
    EXPECT_EQ(engine_.Confirm(held.order_id, held.expires_at), OrderOutcome::kExpired);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->status, OrderStatus::kExpired);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->updated_at, held.expires_at);
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event), 0U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    EXPECT_EQ(engine_.Confirm(held.order_id, held.expires_at + 1ms), OrderOutcome::kExpired);
    EXPECT_EQ(engine_.Cancel(held.order_id, held.expires_at + 1ms), OrderOutcome::kExpired);
    std::vector<OrderId> expired;
    engine_.ExpireDue(held.expires_at + 1ms, expired);
    EXPECT_TRUE(expired.empty());  // already expired: never twice
    engine_.CheckInvariants();
}

TEST_F(EngineTest, CancelAfterTheDeadlineExpiresTheHold) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Order held = ByQuantity(UserId{1}, event, "GA", 2).order;
    EXPECT_EQ(engine_.Cancel(held.order_id, held.expires_at + 7ms), OrderOutcome::kExpired);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->status, OrderStatus::kExpired);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->updated_at, held.expires_at + 7ms);
    EXPECT_EQ(CountsOf(event, "GA"), (ZoneCounts{10, 10, 0, 0}));
}

TEST_F(EngineTest, UnknownOrders) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    ByQuantity(UserId{1}, event, "GA", 1);
    for (OrderId id : {OrderId{0}, OrderId{2}, OrderId{1'000'000}}) {
        EXPECT_EQ(engine_.Confirm(id, kNow), OrderOutcome::kUnknownOrder);
        EXPECT_EQ(engine_.Cancel(id, kNow), OrderOutcome::kUnknownOrder);
        EXPECT_EQ(engine_.FindOrder(id), nullptr);
    }
}

// ---- Expiry ----

TEST_F(EngineTest, ExpireDueExpiresAtTheDeadlineExactlyOnce) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Order held = ByQuantity(UserId{1}, event, "INF", 3).order;
    EXPECT_EQ(engine_.NextDeadline(), held.expires_at);
    std::vector<OrderId> expired;
    engine_.ExpireDue(held.expires_at - 1ms, expired);
    EXPECT_TRUE(expired.empty());
    EXPECT_EQ(engine_.FindOrder(held.order_id)->status, OrderStatus::kHeld);
    engine_.ExpireDue(held.expires_at, expired);
    EXPECT_EQ(expired, (std::vector<OrderId>{held.order_id}));
    EXPECT_EQ(engine_.FindOrder(held.order_id)->status, OrderStatus::kExpired);
    EXPECT_EQ(engine_.FindOrder(held.order_id)->updated_at, held.expires_at);
    engine_.ExpireDue(held.expires_at + 1'000'000ms, expired);
    EXPECT_EQ(expired.size(), 1U);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    engine_.CheckInvariants();
}

TEST_F(EngineTest, ExpiredHoldReturnsSeats) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const Order held = BySeats(UserId{1}, event, {"INF-A-1", "INF-A-2"}).order;
    EXPECT_EQ(BySeats(UserId{2}, event, {"INF-A-2"}).outcome, HoldOutcome::kSeatTaken);
    std::vector<OrderId> expired;
    engine_.ExpireDue(held.expires_at, expired);
    ASSERT_EQ(expired.size(), 1U);
    EXPECT_EQ(engine_.RowStates(event, 1, 0), "AAAAAA");
    EXPECT_EQ(CountsOf(event, "INF"), (ZoneCounts{10, 10, 0, 0}));
    EXPECT_EQ(engine_.TicketsOf(UserId{1}, event), 0U);
    EXPECT_EQ(BySeats(UserId{2}, event, {"INF-A-2"}, held.expires_at).outcome, HoldOutcome::kOk);
}

TEST_F(EngineTest, ExpiresInDeadlineOrderThenOrderId) {
    EventSpec quick = SmallTestEvent();
    quick.hold = std::chrono::seconds{10};
    const EventId slow_event = engine_.AddEvent(SmallTestEvent());  // 60 s
    const EventId quick_event = engine_.AddEvent(quick);
    const OrderId a = ByQuantity(UserId{1}, slow_event, "GA", 1, At(0)).order.order_id;  // due 60 s
    const OrderId b =
        ByQuantity(UserId{2}, quick_event, "GA", 1, At(50'000)).order.order_id;  // due 60 s
    const OrderId c =
        ByQuantity(UserId{3}, quick_event, "GA", 1, At(20'000)).order.order_id;          // due 30 s
    const OrderId d = ByQuantity(UserId{4}, slow_event, "GA", 1, At(1)).order.order_id;  // 60.001 s
    const OrderId e =
        ByQuantity(UserId{5}, quick_event, "GA", 1, At(0)).order.order_id;  // due 10 s
    ASSERT_EQ(engine_.Confirm(e, At(1)), OrderOutcome::kOk);
    EXPECT_EQ(engine_.NextDeadline(), At(30'000));
    std::vector<OrderId> expired;
    engine_.ExpireDue(At(60'001), expired);
    EXPECT_EQ(expired, (std::vector<OrderId>{c, a, b, d}));
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
}

TEST_F(EngineTest, NextDeadlineFollowsTheEarliestHeldOrder) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
    const OrderId first = ByQuantity(UserId{1}, event, "GA", 1, At(1000)).order.order_id;
    const OrderId second = ByQuantity(UserId{2}, event, "GA", 1, At(2000)).order.order_id;
    EXPECT_EQ(engine_.NextDeadline(), At(61'000));
    ASSERT_EQ(engine_.Confirm(first, At(3000)), OrderOutcome::kOk);
    EXPECT_EQ(engine_.NextDeadline(), At(62'000));
    ASSERT_EQ(engine_.Cancel(second, At(3000)), OrderOutcome::kOk);
    EXPECT_EQ(engine_.NextDeadline(), std::nullopt);
}

// The payment deadline can lie past the hold deadline (the seats wait for the charge's answer):
// the hold deadline's heap entry is then stale and must not stay on top.
TEST_F(EngineTest, NextDeadlineFollowsAPaymentPastTheHoldDeadline) {
    const EventId event = engine_.AddEvent(SmallTestEvent());  // holds of 60 s
    const OrderId order = ByQuantity(UserId{1}, event, "GA", 1, At(1000)).order.order_id;
    ASSERT_EQ(engine_.NextDeadline(), At(61'000));
    ASSERT_EQ(engine_.BeginPayment(order, At(2000), 120s), OrderOutcome::kOk);
    EXPECT_EQ(engine_.NextDeadline(), At(122'000));
    std::vector<OrderId> expired;
    engine_.ExpireDue(At(121'999), expired);
    EXPECT_TRUE(expired.empty());
    engine_.ExpireDue(At(122'000), expired);
    EXPECT_EQ(expired, std::vector<OrderId>{order});
    engine_.CheckInvariants();
}

// ---- Reads ----

TEST_F(EngineTest, OrdersOfListsAUsersOrdersOldestFirst) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const EventId other = engine_.AddEvent(SmallTestEvent());
    ByQuantity(UserId{1}, event, "GA", 1);
    ByQuantity(UserId{2}, event, "GA", 1);
    ByQuantity(UserId{1}, other, "INF", 1);
    ByQuantity(UserId{1}, event, "GA", 9);  // refused: no order
    ByQuantity(UserId{1}, event, "GA", 2);
    const auto mine = engine_.OrdersOf(UserId{1});
    EXPECT_EQ(std::vector<OrderId>(mine.begin(), mine.end()),
              (std::vector<OrderId>{OrderId{1}, OrderId{3}, OrderId{4}}));
    EXPECT_EQ(engine_.OrdersOf(UserId{2}).size(), 1U);
    EXPECT_TRUE(engine_.OrdersOf(UserId{3}).empty());
}

TEST_F(EngineTest, SeatIdNamesZoneRowAndNumber) {
    const EventId event =
        engine_.AddEvent(Event({GaZone("GA", 5), SeatedZone("Up_2", {{"AA", 3}, {"B7", 70}})}));
    EXPECT_EQ(engine_.SeatId(event, 1, 0), "Up_2-AA-1");
    EXPECT_EQ(engine_.SeatId(event, 1, 2), "Up_2-AA-3");
    EXPECT_EQ(engine_.SeatId(event, 1, 3), "Up_2-B7-1");
    EXPECT_EQ(engine_.SeatId(event, 1, 72), "Up_2-B7-70");
    EXPECT_EQ(engine_.SeatId(event, 1, 73), "");
    EXPECT_EQ(engine_.SeatId(event, 0, 0), "");  // general admission has no seats
    EXPECT_EQ(engine_.SeatId(EventId{event.value() + 1}, 1, 0), "");
    EXPECT_EQ(BySeats(UserId{1}, event, {"Up_2-B7-70"}).order.seats[0], 72U);
}

TEST_F(EngineTest, RowStatesShowsHeldAndSoldSeats) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    const OrderId paid = BySeats(UserId{1}, event, {"INF-B-1", "INF-B-2"}).order.order_id;
    BySeats(UserId{2}, event, {"INF-B-4"});
    ASSERT_EQ(engine_.Confirm(paid, kNow), OrderOutcome::kOk);
    EXPECT_EQ(engine_.RowStates(event, 1, 1), "SSAH");
    EXPECT_EQ(engine_.RowStates(event, 1, 2), "");
    EXPECT_EQ(engine_.RowStates(event, 0, 0), "");  // general admission has no rows
    EXPECT_EQ(engine_.RowStates(EventId{event.value() + 1}, 1, 0), "");
}

TEST_F(EngineTest, CountsOfUnknownZoneAreZero) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EXPECT_EQ(engine_.Counts(event, 2), (ZoneCounts{}));
    EXPECT_EQ(engine_.Counts(EventId{event.value() + 1}, 0), (ZoneCounts{}));
}

TEST(EngineStrings, OutcomesHaveStableCodes) {
    const std::map<HoldOutcome, std::string_view> holds = {
        {HoldOutcome::kOk, "ok"},
        {HoldOutcome::kReplayed, "replayed"},
        {HoldOutcome::kUnknownEvent, "unknown_event"},
        {HoldOutcome::kUnknownZone, "unknown_zone"},
        {HoldOutcome::kUnknownSeat, "unknown_seat"},
        {HoldOutcome::kInvalidQuantity, "invalid_quantity"},
        {HoldOutcome::kSaleNotOpen, "sale_not_open"},
        {HoldOutcome::kSoldOut, "sold_out"},
        {HoldOutcome::kNoAdjacentSeats, "no_adjacent_seats"},
        {HoldOutcome::kSeatTaken, "seat_taken"},
        {HoldOutcome::kLimitExceeded, "limit_exceeded"},
        {HoldOutcome::kDuplicateSeat, "duplicate_seat"},
        {HoldOutcome::kSeatsSpanZones, "seats_span_zones"},
        {HoldOutcome::kNotSeated, "not_seated"},
        {HoldOutcome::kIdempotencyKeyReused, "idempotency_key_reused"},
    };
    for (const auto& [outcome, code] : holds) EXPECT_EQ(ToString(outcome), code);
    EXPECT_EQ(ToString(OrderOutcome::kOk), "ok");
    EXPECT_EQ(ToString(OrderOutcome::kUnchanged), "unchanged");
    EXPECT_EQ(ToString(OrderOutcome::kUnknownOrder), "unknown_order");
    EXPECT_EQ(ToString(OrderOutcome::kExpired), "order_expired");
    EXPECT_EQ(ToString(OrderOutcome::kCancelled), "order_cancelled");
    EXPECT_EQ(ToString(OrderOutcome::kPaid), "order_paid");
    EXPECT_EQ(ToString(OrderStatus::kHeld), "held");
    EXPECT_EQ(ToString(OrderStatus::kPaid), "paid");
    EXPECT_EQ(ToString(OrderStatus::kCancelled), "cancelled");
    EXPECT_EQ(ToString(OrderStatus::kExpired), "expired");
}

// ---- Restore ----

// Builds `target` from what a journal would hold of `source`: events, then each order's latest
// snapshot with its key.
void Rebuild(const Engine& source, const std::map<OrderId, std::string>& keys, Engine& target) {
    for (const EventId event : source.EventIds()) target.RestoreEvent(*source.FindEvent(event));
    for (const auto& [order_id, key] : keys) target.Restore({*source.FindOrder(order_id), key});
}

void ExpectSameState(const Engine& a, const Engine& b, const std::vector<UserId>& users) {
    ASSERT_EQ(a.EventIds(), b.EventIds());
    for (const EventId event : a.EventIds()) {
        const EventSpec& spec = *a.FindEvent(event);
        for (std::uint16_t z = 0; z < spec.zones.size(); ++z) {
            EXPECT_EQ(a.Counts(event, z), b.Counts(event, z)) << "zone " << z;
            for (std::uint32_t r = 0; r < spec.zones[z].rows.size(); ++r) {
                EXPECT_EQ(a.RowStates(event, z, r), b.RowStates(event, z, r));
            }
        }
        for (const UserId user : users)
            EXPECT_EQ(a.TicketsOf(user, event), b.TicketsOf(user, event));
    }
    for (const UserId user : users) {
        const auto ao = a.OrdersOf(user);
        const auto bo = b.OrdersOf(user);
        ASSERT_EQ(std::vector<OrderId>(ao.begin(), ao.end()),
                  std::vector<OrderId>(bo.begin(), bo.end()));
        for (const OrderId id : ao) EXPECT_EQ(*a.FindOrder(id), *b.FindOrder(id));
    }
    EXPECT_EQ(a.NextDeadline(), b.NextDeadline());
    b.CheckInvariants();
}

TEST_F(EngineTest, RestoreRoundTripRebuildsTheSameState) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    EventSpec second = Event({SeatedZone("S", {{"A", 8}, {"B", 8}}), GaZone("GA", 20)});
    second.event_id = EventId{10};
    engine_.RestoreEvent(second);
    std::map<OrderId, std::string> keys;
    auto keep = [&](const Hold& hold, std::string key = {}) {
        ASSERT_EQ(hold.outcome, HoldOutcome::kOk);
        keys[hold.order.order_id] = std::move(key);
    };
    keep(ByQuantity(UserId{1}, event, "INF", 3, kNow, false, "a"), "a");
    keep(ByQuantity(UserId{2}, event, "GA", 2));
    keep(BySeats(UserId{3}, event, {"INF-B-2", "INF-B-4"}, kNow, "c"), "c");
    keep(ByQuantity(UserId{1}, EventId{10}, "S", 5, kNow, true));
    keep(ByQuantity(UserId{2}, EventId{10}, "S", 4, kNow + 10s, false, "e"), "e");
    keep(BySeats(UserId{3}, EventId{10}, {"S-B-8"}, kNow + 20'000ms));
    keep(ByQuantity(UserId{4}, EventId{10}, "GA", 8, kNow + 20'000ms));
    ASSERT_EQ(engine_.Confirm(OrderId{1}, kNow + 1ms), OrderOutcome::kOk);
    ASSERT_EQ(engine_.Cancel(OrderId{2}, kNow + 1ms), OrderOutcome::kOk);
    ASSERT_EQ(engine_.Confirm(OrderId{4}, kNow + 1ms), OrderOutcome::kOk);
    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow + 610'000ms, expired);  // order 3 (60 s) and 5 (600 s, 10 s later)
    ASSERT_EQ(expired.size(), 2U);

    Engine restored;
    Rebuild(engine_, keys, restored);
    ExpectSameState(engine_, restored, {UserId{1}, UserId{2}, UserId{3}, UserId{4}});

    // Both go on identically: next ids, keys, expiry.
    for (Engine* e : {&engine_, &restored}) {
        const HoldResult replay =
            e->Hold(HoldByQuantity{UserId{1}, event, "INF", 3, false, "a"}, kNow);
        EXPECT_EQ(replay.outcome, HoldOutcome::kReplayed);
        EXPECT_EQ(replay.order->order_id, OrderId{1});
        const HoldResult fresh =
            e->Hold(HoldByQuantity{UserId{5}, event, "INF", 2, false, {}}, kNow);
        EXPECT_EQ(fresh.order->order_id, OrderId{8});
        e->ExpireDue(kNow + 10'000'000ms, expired);
    }
    ExpectSameState(engine_, restored, {UserId{1}, UserId{2}, UserId{3}, UserId{4}, UserId{5}});
}

TEST_F(EngineTest, RestoredHoldPastItsDeadlineExpiresOnExpireDue) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    Order order;
    order.order_id = OrderId{4};
    order.user_id = UserId{9};
    order.event_id = event;
    order.zone_index = 1;
    order.quantity = 2;
    order.created_at = At(0);
    order.updated_at = At(0);
    order.expires_at = At(60'000);
    order.amount_minor = 2500;
    order.seats[0] = 7;
    order.seats[1] = 8;
    engine_.Restore({order, "k"});
    EXPECT_EQ(engine_.RowStates(event, 1, 1), "AHHA");
    EXPECT_EQ(engine_.NextDeadline(), At(60'000));
    EXPECT_EQ(engine_.TicketsOf(UserId{9}, event), 2U);
    std::vector<OrderId> expired;
    engine_.ExpireDue(kNow, expired);
    EXPECT_EQ(expired, (std::vector<OrderId>{OrderId{4}}));
    EXPECT_EQ(engine_.RowStates(event, 1, 1), "AAAA");
    EXPECT_EQ(engine_.FindOrder(OrderId{4})->updated_at, kNow);
    engine_.CheckInvariants();
}

TEST_F(EngineTest, RestoreWithGapsContinuesAfterTheLastId) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    Order order;
    order.user_id = UserId{9};
    order.event_id = event;
    order.quantity = 1;
    order.amount_minor = 500;
    order.status = OrderStatus::kPaid;
    order.order_id = OrderId{3};
    engine_.Restore({order, ""});
    order.order_id = OrderId{7};
    order.status = OrderStatus::kCancelled;
    engine_.Restore({order, ""});
    EXPECT_EQ(engine_.FindOrder(OrderId{5}), nullptr);
    EXPECT_EQ(engine_.Confirm(OrderId{5}, kNow), OrderOutcome::kUnknownOrder);
    EXPECT_EQ(CountsOf(event, "GA"), (ZoneCounts{10, 9, 0, 1}));
    EXPECT_EQ(engine_.TicketsOf(UserId{9}, event), 1U);
    EXPECT_EQ(ByQuantity(UserId{9}, event, "GA", 1).order.order_id, OrderId{8});
    const auto ids = engine_.OrdersOf(UserId{9});
    EXPECT_EQ(std::vector<OrderId>(ids.begin(), ids.end()),
              (std::vector<OrderId>{OrderId{3}, OrderId{7}, OrderId{8}}));
    engine_.CheckInvariants();
}

TEST_F(EngineTest, RestoredKeysReplay) {
    const EventId event = engine_.AddEvent(SmallTestEvent());
    Order order;
    order.order_id = OrderId{1};
    order.user_id = UserId{9};
    order.event_id = event;
    order.zone_index = 1;
    order.quantity = 2;
    order.expires_at = kNow + 60s;
    order.amount_minor = 2500;
    order.seats[0] = 2;
    order.seats[1] = 3;
    engine_.Restore({order, "k"});
    // The journal keeps the order, not the request: any request that could have made it
    // replays (by quantity with or without allow_split, or its seats); others are reuse.
    EXPECT_EQ(ByQuantity(UserId{9}, event, "INF", 2, kNow, false, "k").outcome,
              HoldOutcome::kReplayed);
    EXPECT_EQ(ByQuantity(UserId{9}, event, "INF", 2, kNow, true, "k").outcome,
              HoldOutcome::kReplayed);
    EXPECT_EQ(BySeats(UserId{9}, event, {"INF-A-4", "INF-A-3"}, kNow, "k").outcome,
              HoldOutcome::kReplayed);
    EXPECT_EQ(ByQuantity(UserId{9}, event, "INF", 1, kNow, false, "k").outcome,
              HoldOutcome::kIdempotencyKeyReused);
    EXPECT_EQ(BySeats(UserId{9}, event, {"INF-A-1", "INF-A-3"}, kNow, "k").outcome,
              HoldOutcome::kIdempotencyKeyReused);
    EXPECT_EQ(ByQuantity(UserId{8}, event, "INF", 2, kNow, false, "k").outcome, HoldOutcome::kOk);
}

TEST(EngineDeathTest, RestoreOfATakenSeatAborts) {
    Engine engine;
    const EventId event = engine.AddEvent(SmallTestEvent());
    Order order;
    order.order_id = OrderId{1};
    order.user_id = UserId{9};
    order.event_id = event;
    order.zone_index = 1;
    order.quantity = 1;
    order.amount_minor = 1250;
    engine.Restore({order, ""});
    order.order_id = OrderId{2};
    EXPECT_DEATH(engine.Restore({order, ""}), "Restore of a seat that is taken");
}

}  // namespace
}  // namespace tix::engine
