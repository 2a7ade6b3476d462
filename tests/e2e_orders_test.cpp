// End-to-end tests of holds and orders: best-available and explicit seats, confirm and cancel,
// idempotency keys, the per-user limit, the sold-out/seat-taken/adjacency/sale-window refusals,
// hold expiry, ownership and paging, against a real tixd over HTTP.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/tix_test.h"

namespace tix::test {
namespace {

namespace json = boost::json;
using Seats = std::set<std::string>;

class OrderApi : public TixTest {
  protected:
    // Expiry tests move the server's clock instead of waiting out real holds.
    TixServer::Options ServerOptions() const override { return {.extra_args = {"--test-clock"}}; }

    void SetUp() override {
        TixTest::SetUp();
        if (HasFatalFailure()) return;
        event_id_ = CreateEvent();
        ASSERT_FALSE(event_id_.is_null());
        alice_ = server().NewUser("alice");
        bob_ = server().NewUser("bob");
        ASSERT_TRUE(alice_.ok() && bob_.ok());
    }

    json::value AvailabilityJson(bool seats = false) {
        const Response response = Availability(server().admin(), event_id_, seats);
        EXPECT_EQ(response.status, 200) << response;
        return response.json;
    }
    ZoneCounts Zone(std::string_view zone_id) {
        return ZoneAvailability(AvailabilityJson(), zone_id);
    }
    std::string Row(std::string_view row, std::string_view zone_id = kInf) {
        return RowStates(AvailabilityJson(true), zone_id, row);
    }

    json::value event_id_;
    TestUser alice_;
    TestUser bob_;
};

// ---- holds --------------------------------------------------------------------------------

TEST_F(OrderApi, GaHoldByQuantityIsAHeldOrderOfThatManyTickets) {
    const Response held = Hold(alice_.http(), event_id_, kGa, 3);
    ASSERT_EQ(held.status, 201) << held;
    ASSERT_NE(Find(held.json, "order_id"), nullptr) << held;
    EXPECT_EQ(IdText(Member(held.json, "user_id")), IdText(alice_.user_id));
    EXPECT_EQ(IdText(Member(held.json, "event_id")), IdText(event_id_));
    EXPECT_EQ(GetString(held.json, "zone_id"), kGa);
    EXPECT_EQ(GetString(held.json, "status"), "held");
    ASSERT_NE(Find(held.json, "seats"), nullptr) << held;
    EXPECT_TRUE(Find(held.json, "seats")->is_array() && GetArray(held.json, "seats").empty())
        << "GA orders have an empty seats array: " << held;
    EXPECT_EQ(GetInt(held.json, "quantity"), 3);
    EXPECT_EQ(GetNumber(held.json, "amount"), 3 * kGaPrice);
    EXPECT_EQ(GetString(held.json, "currency"), "TWD");
    const auto created_at = GetTime(held.json, "created_at");
    const auto expires_at = GetTime(held.json, "expires_at");
    ASSERT_TRUE(created_at && expires_at) << held;
    EXPECT_NEAR(static_cast<double>((*expires_at - *created_at).count()), 600'000.0, 1'000.0)
        << "hold_seconds defaults to 600";

    const ZoneCounts ga = Zone(kGa);
    EXPECT_EQ(ga.available, kGaCapacity - 3);
    EXPECT_EQ(ga.held, 3);
    EXPECT_EQ(ga.sold, 0);

    const Response fetched = GetOrder(alice_.http(), Member(held.json, "order_id"));
    ASSERT_EQ(fetched.status, 200) << fetched;
    EXPECT_EQ(GetString(fetched.json, "status"), "held");
    EXPECT_EQ(GetInt(fetched.json, "quantity"), 3);
    EXPECT_EQ(IdText(Member(fetched.json, "order_id")), IdText(Member(held.json, "order_id")));
}

TEST_F(OrderApi, BestAvailableTakesAdjacentSeatsAtTheCentreOfTheFrontRow) {
    // Rows of 11 seats: the centre is seat 6, so 3 seats nearest it are 5-7.
    const Response three = Hold(alice_.http(), event_id_, kInf, 3);
    ASSERT_EQ(three.status, 201) << three;
    EXPECT_EQ(SeatSet(three.json), (Seats{"INF-A-5", "INF-A-6", "INF-A-7"})) << three;
    EXPECT_EQ(GetInt(three.json, "quantity"), 3);
    EXPECT_EQ(GetNumber(three.json, "amount"), 3 * kInfPrice);
    EXPECT_EQ(Row("A"), "AAAAHHHAAAA");

    // The single seat nearest the centre is now 4 or 8 (equally near).
    const Response one = Hold(bob_.http(), event_id_, kInf, 1);
    ASSERT_EQ(one.status, 201) << one;
    const Seats single = SeatSet(one.json);
    EXPECT_TRUE(single == Seats{"INF-A-4"} || single == Seats{"INF-A-8"}) << one;

    // Row A's longest free run is now 4 seats, so 5 adjacent seats go to row B's centre.
    const Response five = Hold(bob_.http(), event_id_, kInf, 5);
    ASSERT_EQ(five.status, 201) << five;
    EXPECT_EQ(SeatSet(five.json), (Seats{"INF-B-4", "INF-B-5", "INF-B-6", "INF-B-7", "INF-B-8"}))
        << five;
    EXPECT_EQ(Row("B"), "AAAHHHHHAAA");
    const ZoneCounts inf = Zone(kInf);
    EXPECT_EQ(inf.held, 9);
    EXPECT_EQ(inf.available, 2 * kRowSeats - 9);
}

TEST_F(OrderApi, ExplicitSeatsAreHeldExactly) {
    const Response held = HoldSeats(alice_.http(), event_id_, {"INF-B-1", "INF-B-2"});
    ASSERT_EQ(held.status, 201) << held;
    EXPECT_EQ(SeatSet(held.json), (Seats{"INF-B-1", "INF-B-2"}));
    EXPECT_EQ(GetString(held.json, "zone_id"), kInf);
    EXPECT_EQ(GetInt(held.json, "quantity"), 2);
    EXPECT_EQ(GetNumber(held.json, "amount"), 2 * kInfPrice);
    EXPECT_EQ(GetString(held.json, "status"), "held");
    EXPECT_EQ(Row("B"), "HHAAAAAAAAA");
    EXPECT_EQ(Row("A"), std::string(kRowSeats, 'A'));
}

// ---- confirm and cancel ---------------------------------------------------------------------

TEST_F(OrderApi, ConfirmPaysOnceAndAgainIsStillPaidAndAPaidOrderCannotBeCancelled) {
    const Response held = HoldSeats(alice_.http(), event_id_, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(held.status, 201) << held;
    const json::value order_id = Member(held.json, "order_id");

    const Response paid = Confirm(alice_.http(), order_id);
    ASSERT_EQ(paid.status, 200) << paid;
    EXPECT_EQ(GetString(paid.json, "status"), "paid");
    EXPECT_EQ(SeatSet(paid.json), (Seats{"INF-A-1", "INF-A-2"}));
    EXPECT_EQ(Row("A"), "SSAAAAAAAAA");
    ZoneCounts inf = Zone(kInf);
    EXPECT_EQ(inf.sold, 2);
    EXPECT_EQ(inf.held, 0);

    const Response again = Confirm(alice_.http(), order_id);
    EXPECT_EQ(again.status, 200) << again;
    EXPECT_EQ(GetString(again.json, "status"), "paid");

    EXPECT_TRUE(IsProblem(Cancel(alice_.http(), order_id), 409, {"order_paid"}));
    EXPECT_EQ(GetString(GetOrder(alice_.http(), order_id).json, "status"), "paid");
    inf = Zone(kInf);
    EXPECT_EQ(inf.sold, 2);
    EXPECT_EQ(inf.available, 2 * kRowSeats - 2);
    EXPECT_EQ(Row("A"), "SSAAAAAAAAA");
}

TEST_F(OrderApi, CancelReleasesTheSeatsAndIsIdempotentAndACancelledOrderCannotBePaid) {
    const Response held = HoldSeats(alice_.http(), event_id_, {"INF-A-3", "INF-A-4"});
    ASSERT_EQ(held.status, 201) << held;
    const json::value order_id = Member(held.json, "order_id");
    ASSERT_EQ(Row("A"), "AAHHAAAAAAA");

    const Response cancelled = Cancel(alice_.http(), order_id);
    ASSERT_EQ(cancelled.status, 200) << cancelled;
    EXPECT_EQ(GetString(cancelled.json, "status"), "cancelled");
    EXPECT_EQ(Row("A"), std::string(kRowSeats, 'A'));
    const ZoneCounts inf = Zone(kInf);
    EXPECT_EQ(inf.available, 2 * kRowSeats);
    EXPECT_EQ(inf.held, 0);

    const Response again = Cancel(alice_.http(), order_id);
    EXPECT_EQ(again.status, 200) << again;
    EXPECT_EQ(GetString(again.json, "status"), "cancelled");
    EXPECT_TRUE(IsProblem(Confirm(alice_.http(), order_id), 409, {"order_cancelled"}));
    EXPECT_EQ(Row("A"), std::string(kRowSeats, 'A'));

    const Response rebought = HoldSeats(bob_.http(), event_id_, {"INF-A-3", "INF-A-4"});
    EXPECT_EQ(rebought.status, 201) << "released seats can be held again: " << rebought;
}

TEST_F(OrderApi, CancelledGaTicketsReturnToTheZone) {
    const Response held = Hold(alice_.http(), event_id_, kGa, 4);
    ASSERT_EQ(held.status, 201) << held;
    ASSERT_EQ(Cancel(alice_.http(), Member(held.json, "order_id")).status, 200);
    const ZoneCounts ga = Zone(kGa);
    EXPECT_EQ(ga.available, kGaCapacity);
    EXPECT_EQ(ga.held, 0);
    EXPECT_EQ(ga.sold, 0);
}

// ---- idempotency ----------------------------------------------------------------------------

TEST_F(OrderApi, SameIdempotencyKeyBySameUserReplaysTheOriginalOrder) {
    const HoldOptions keyed{.idempotency_key = "checkout-7f3a"};
    const Response first = Hold(alice_.http(), event_id_, kGa, 2, keyed);
    ASSERT_EQ(first.status, 201) << first;
    EXPECT_NE(first.Header("Idempotent-Replayed"), "true");
    const Response replay = Hold(alice_.http(), event_id_, kGa, 2, keyed);
    ASSERT_EQ(replay.status, 201) << replay;
    EXPECT_EQ(replay.Header("Idempotent-Replayed"), "true");
    EXPECT_EQ(IdText(Member(replay.json, "order_id")), IdText(Member(first.json, "order_id")));
    EXPECT_EQ(GetInt(replay.json, "quantity"), 2);

    const ZoneCounts ga = Zone(kGa);
    EXPECT_EQ(ga.held, 2) << "a replay must never hold a second time";
    EXPECT_EQ(ga.available, kGaCapacity - 2);
    EXPECT_EQ(ListAllMyOrders(alice_.http()).size(), 1u);
}

TEST_F(OrderApi, SameIdempotencyKeyReplaysExplicitSeatsEvenAfterTheyAreTaken) {
    const Response first = HoldSeats(alice_.http(), event_id_, {"INF-A-9"}, "seat-key");
    ASSERT_EQ(first.status, 201) << first;
    const Response replay = HoldSeats(alice_.http(), event_id_, {"INF-A-9"}, "seat-key");
    ASSERT_EQ(replay.status, 201) << "a replay is not seat_taken by its own hold: " << replay;
    EXPECT_EQ(IdText(Member(replay.json, "order_id")), IdText(Member(first.json, "order_id")));
    EXPECT_EQ(SeatSet(replay.json), Seats{"INF-A-9"});
    EXPECT_EQ(Zone(kInf).held, 1);
}

TEST_F(OrderApi, SameIdempotencyKeyAfterCancelReplaysTheCancelledOrder) {
    // A late retry of a hold the buyer has since cancelled must not hold again.
    const HoldOptions keyed{.idempotency_key = "late-retry"};
    const Response first = Hold(alice_.http(), event_id_, kGa, 3, keyed);
    ASSERT_EQ(first.status, 201) << first;
    ASSERT_EQ(Cancel(alice_.http(), Member(first.json, "order_id")).status, 200);
    const Response retry = Hold(alice_.http(), event_id_, kGa, 3, keyed);
    EXPECT_EQ(retry.status, 201) << retry;
    EXPECT_EQ(IdText(Member(retry.json, "order_id")), IdText(Member(first.json, "order_id")));
    EXPECT_EQ(retry.Header("Idempotent-Replayed"), "true");
    EXPECT_EQ(Zone(kGa).held, 0) << "the retry held tickets again";
    EXPECT_EQ(ListAllMyOrders(alice_.http()).size(), 1u);
}

TEST_F(OrderApi, SameIdempotencyKeyByAnotherUserIsASeparateOrder) {
    const HoldOptions keyed{.idempotency_key = "shared-key"};
    const Response by_alice = Hold(alice_.http(), event_id_, kGa, 2, keyed);
    const Response by_bob = Hold(bob_.http(), event_id_, kGa, 2, keyed);
    ASSERT_EQ(by_alice.status, 201) << by_alice;
    ASSERT_EQ(by_bob.status, 201) << by_bob;
    EXPECT_NE(IdText(Member(by_alice.json, "order_id")), IdText(Member(by_bob.json, "order_id")));
    EXPECT_EQ(IdText(Member(by_bob.json, "user_id")), IdText(bob_.user_id));
    EXPECT_NE(by_bob.Header("Idempotent-Replayed"), "true");
    EXPECT_EQ(Zone(kGa).held, 4);
}

TEST_F(OrderApi, SameIdempotencyKeyForADifferentRequestIs422) {
    const Response first = Hold(alice_.http(), event_id_, kGa, 2, {.idempotency_key = "k-1"});
    ASSERT_EQ(first.status, 201) << first;
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), event_id_, kGa, 3, {.idempotency_key = "k-1"}), 422,
                          {"idempotency_key_reused"}));
    EXPECT_TRUE(IsProblem(HoldSeats(alice_.http(), event_id_, {"INF-A-1"}, "k-1"), 422,
                          {"idempotency_key_reused"}));
    EXPECT_EQ(Zone(kGa).held, 2);
    EXPECT_EQ(Zone(kInf).held, 0);
    EXPECT_EQ(ListAllMyOrders(alice_.http()).size(), 1u);
}

// ---- the per-user limit ---------------------------------------------------------------------

TEST_F(OrderApi, EightTicketsAreAllowedAndNineAreInvalidQuantity) {
    const Response eight = Hold(alice_.http(), event_id_, kGa, 8);
    EXPECT_EQ(eight.status, 201) << eight;
    EXPECT_TRUE(IsProblem(Hold(bob_.http(), event_id_, kGa, 9), 400, {"invalid_quantity"}));
    EXPECT_TRUE(IsProblem(Hold(bob_.http(), event_id_, kInf, 9), 400, {"invalid_quantity"}));
    EXPECT_EQ(Zone(kGa).held, 8);
    EXPECT_EQ(Zone(kInf).held, 0);
}

TEST_F(OrderApi, LimitCountsHeldTickets) {
    ASSERT_EQ(Hold(alice_.http(), event_id_, kGa, 6).status, 201);
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), event_id_, kGa, 3), 422, {"limit_exceeded"}));
    EXPECT_EQ(Zone(kGa).held, 6);
    const Response two = Hold(alice_.http(), event_id_, kGa, 2);
    EXPECT_EQ(two.status, 201) << "6 + 2 is exactly the limit: " << two;
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), event_id_, kGa, 1), 422, {"limit_exceeded"}));
    EXPECT_EQ(Zone(kGa).held, 8);
}

TEST_F(OrderApi, LimitCountsPaidTicketsAndTicketsInOtherZones) {
    const Response six = Hold(alice_.http(), event_id_, kGa, 6);
    ASSERT_EQ(six.status, 201) << six;
    ASSERT_EQ(Confirm(alice_.http(), Member(six.json, "order_id")).status, 200);
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), event_id_, kGa, 3), 422, {"limit_exceeded"}));
    EXPECT_TRUE(IsProblem(HoldSeats(alice_.http(), event_id_, {"INF-A-1", "INF-A-2", "INF-A-3"}),
                          422, {"limit_exceeded"}));
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), event_id_, kInf, 3), 422, {"limit_exceeded"}));
    EXPECT_EQ(Zone(kInf).held, 0);
    EXPECT_EQ(Row("A"), std::string(kRowSeats, 'A'));
}

TEST_F(OrderApi, CancelledTicketsNoLongerCountTowardsTheLimit) {
    const Response six = Hold(alice_.http(), event_id_, kGa, 6);
    ASSERT_EQ(six.status, 201) << six;
    ASSERT_EQ(Cancel(alice_.http(), Member(six.json, "order_id")).status, 200);
    const Response eight = Hold(alice_.http(), event_id_, kGa, 8);
    EXPECT_EQ(eight.status, 201) << eight;
}

TEST_F(OrderApi, LimitIsPerEvent) {
    const json::value other_event = CreateEvent();
    ASSERT_FALSE(other_event.is_null());
    EXPECT_EQ(Hold(alice_.http(), event_id_, kGa, 8).status, 201);
    const Response elsewhere = Hold(alice_.http(), other_event, kGa, 8);
    EXPECT_EQ(elsewhere.status, 201) << elsewhere;
}

TEST_F(OrderApi, EventMaxPerUserIsTheLimit) {
    EventDraft draft = StandardEventDraft();
    draft.max_per_user = 2;
    const json::value strict_event = CreateEvent(draft);
    ASSERT_FALSE(strict_event.is_null());
    ASSERT_EQ(Hold(alice_.http(), strict_event, kGa, 2).status, 201);
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), strict_event, kGa, 1), 422, {"limit_exceeded"}));
    EXPECT_EQ(ZoneAvailability(Availability(alice_.http(), strict_event).json, kGa).held, 2);
}

// ---- refusals -------------------------------------------------------------------------------

TEST_F(OrderApi, MoreThanWhatIsLeftIs409SoldOut) {
    EventDraft draft;
    draft.zones.push_back(GaZone("SMALL", 5));
    draft.zones.push_back(SeatedZone("BOX", {{"A", 3}}));
    const json::value small = CreateEvent(draft);
    ASSERT_FALSE(small.is_null());
    ASSERT_EQ(Hold(alice_.http(), small, "SMALL", 3).status, 201);
    EXPECT_TRUE(IsProblem(Hold(bob_.http(), small, "SMALL", 3), 409, {"sold_out"}));
    ZoneCounts zone = ZoneAvailability(Availability(bob_.http(), small).json, "SMALL");
    EXPECT_EQ(zone.available, 2);
    EXPECT_EQ(zone.held, 3);
    EXPECT_EQ(Hold(bob_.http(), small, "SMALL", 2).status, 201);
    EXPECT_TRUE(IsProblem(Hold(bob_.http(), small, "SMALL", 1), 409, {"sold_out"}));

    ASSERT_EQ(Hold(alice_.http(), small, "BOX", 3).status, 201);
    EXPECT_TRUE(IsProblem(Hold(bob_.http(), small, "BOX", 1), 409, {"sold_out"}));
    EXPECT_TRUE(
        IsProblem(Hold(bob_.http(), small, "BOX", 1, {.allow_split = true}), 409, {"sold_out"}));
    zone = ZoneAvailability(Availability(bob_.http(), small).json, "SMALL");
    EXPECT_EQ(zone.available, 0);
    EXPECT_EQ(zone.held, 5);
}

TEST_F(OrderApi, ATakenSeatRefusesTheWholeRequest) {
    ASSERT_EQ(HoldSeats(alice_.http(), event_id_, {"INF-A-1"}).status, 201);
    EXPECT_TRUE(
        IsProblem(HoldSeats(bob_.http(), event_id_, {"INF-A-2", "INF-A-1"}), 409, {"seat_taken"}));
    EXPECT_EQ(Row("A"), "HAAAAAAAAAA") << "INF-A-2 must not be held by the refused request";
    EXPECT_TRUE(ListAllMyOrders(bob_.http()).empty());

    const Response sold = HoldSeats(alice_.http(), event_id_, {"INF-B-11"});
    ASSERT_EQ(sold.status, 201) << sold;
    ASSERT_EQ(Confirm(alice_.http(), Member(sold.json, "order_id")).status, 200);
    EXPECT_TRUE(IsProblem(HoldSeats(bob_.http(), event_id_, {"INF-B-11"}), 409, {"seat_taken"}));
}

TEST_F(OrderApi, TakenSeatsAreSeatTakenEvenWhenFewSeatsAreLeft) {
    // A demanding reading: the request names seats, and they are taken; "sold_out" ("not enough
    // tickets left") would send the buyer away while a seat is still free.
    EventDraft draft;
    draft.zones.push_back(SeatedZone("BOX", {{"A", 3}}));
    const json::value box = CreateEvent(draft);
    ASSERT_FALSE(box.is_null());
    ASSERT_EQ(HoldSeats(alice_.http(), box, {"BOX-A-1", "BOX-A-2"}).status, 201);
    EXPECT_TRUE(
        IsProblem(HoldSeats(bob_.http(), box, {"BOX-A-1", "BOX-A-2"}), 409, {"seat_taken"}));
    EXPECT_EQ(RowStates(Availability(bob_.http(), box, true).json, "BOX", "A"), "HHA");
    EXPECT_EQ(HoldSeats(bob_.http(), box, {"BOX-A-3"}).status, 201);
}

TEST_F(OrderApi, NoAdjacentSeatsUnlessSplitIsAllowed) {
    EventDraft draft;
    draft.zones.push_back(SeatedZone("ROW", {{"A", 5}}));
    const json::value row_event = CreateEvent(draft);
    ASSERT_FALSE(row_event.is_null());
    ASSERT_EQ(HoldSeats(alice_.http(), row_event, {"ROW-A-3"}).status, 201);

    EXPECT_TRUE(IsProblem(Hold(bob_.http(), row_event, "ROW", 3), 409, {"no_adjacent_seats"}));
    EXPECT_TRUE(IsProblem(Hold(bob_.http(), row_event, "ROW", 3, {.allow_split = false}), 409,
                          {"no_adjacent_seats"}));
    EXPECT_EQ(RowStates(Availability(bob_.http(), row_event, true).json, "ROW", "A"), "AAHAA");

    const Response split = Hold(bob_.http(), row_event, "ROW", 3, {.allow_split = true});
    ASSERT_EQ(split.status, 201) << split;
    const Seats seats = SeatSet(split.json);
    EXPECT_EQ(seats.size(), 3u) << split;
    EXPECT_EQ(seats.count("ROW-A-3"), 0u) << split;
    EXPECT_EQ(GetInt(split.json, "quantity"), 3);
    const std::string states =
        RowStates(Availability(bob_.http(), row_event, true).json, "ROW", "A");
    EXPECT_EQ(std::count(states.begin(), states.end(), 'H'), 4) << states;

    TestUser carol = server().NewUser("carol");
    EXPECT_TRUE(IsProblem(Hold(carol.http(), row_event, "ROW", 2, {.allow_split = true}), 409,
                          {"sold_out"}));
}

TEST_F(OrderApi, SaleThatHasNotStartedIs403SaleNotOpen) {
    EventDraft draft = StandardEventDraft();
    draft.sale_starts_at = Now() + Days{1};
    const json::value future = CreateEvent(draft);
    ASSERT_FALSE(future.is_null());
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), future, kGa, 1), 403, {"sale_not_open"}));
    EXPECT_TRUE(IsProblem(HoldSeats(alice_.http(), future, {"INF-A-1"}), 403, {"sale_not_open"}));
    const json::value availability = Availability(alice_.http(), future).json;
    EXPECT_EQ(ZoneAvailability(availability, kGa).held, 0);
    EXPECT_EQ(ZoneAvailability(availability, kInf).held, 0);
}

TEST_F(OrderApi, SaleThatHasEndedIs403SaleNotOpen) {
    EventDraft draft = StandardEventDraft();
    draft.sale_starts_at = Now() - 2h;
    draft.sale_ends_at = Now() - 1h;
    const json::value ended = CreateEvent(draft);
    ASSERT_FALSE(ended.is_null());
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), ended, kGa, 1), 403, {"sale_not_open"}));
    EXPECT_EQ(ZoneAvailability(Availability(alice_.http(), ended).json, kGa).held, 0);
}

// ---- expiry ---------------------------------------------------------------------------------

TEST_F(OrderApi, ExpiredHoldCannotBeConfirmedAndItsSeatsComeBack) {
    EventDraft draft = StandardEventDraft();
    draft.hold_seconds = 60;
    const json::value quick = CreateEvent(draft);
    ASSERT_FALSE(quick.is_null());
    const Response held = HoldSeats(alice_.http(), quick, {"INF-A-1", "INF-A-2"});
    ASSERT_EQ(held.status, 201) << held;
    const Response ga_held = Hold(alice_.http(), quick, kGa, 3);
    ASSERT_EQ(ga_held.status, 201) << ga_held;
    const auto created_at = GetTime(held.json, "created_at");
    const auto expires_at = GetTime(held.json, "expires_at");
    ASSERT_TRUE(created_at && expires_at) << held;
    EXPECT_EQ(*expires_at - *created_at, 60s);

    // Just before the deadline the hold stands; just after, the confirm must lose.
    ASSERT_EQ(AdvanceClock(server().admin(), 59).status, 200);
    EXPECT_EQ(ZoneAvailability(Availability(alice_.http(), quick).json, kGa).held, 3);
    ASSERT_EQ(AdvanceClock(server().admin(), 2).status, 200);
    EXPECT_TRUE(
        IsProblem(Confirm(alice_.http(), Member(held.json, "order_id")), 409, {"order_expired"}));
    EXPECT_EQ(GetString(GetOrder(alice_.http(), Member(held.json, "order_id")).json, "status"),
              "expired");

    // Every read runs after the expiries due at its time: no waiting for a sweep.
    const json::value availability = Availability(alice_.http(), quick, true).json;
    EXPECT_EQ(ZoneAvailability(availability, kInf).held, 0) << json::serialize(availability);
    EXPECT_EQ(ZoneAvailability(availability, kGa).held, 0) << json::serialize(availability);
    EXPECT_EQ(RowStates(availability, kInf, "A"), std::string(kRowSeats, 'A'));
    EXPECT_EQ(ZoneAvailability(availability, kGa).available, kGaCapacity);
    EXPECT_TRUE(IsProblem(Confirm(alice_.http(), Member(ga_held.json, "order_id")), 409,
                          {"order_expired"}));
    EXPECT_EQ(HoldSeats(bob_.http(), quick, {"INF-A-1"}).status, 201);
}

TEST_F(OrderApi, SameIdempotencyKeyAfterExpiryReplaysTheExpiredOrder) {
    EventDraft draft = StandardEventDraft();
    draft.hold_seconds = 60;
    const json::value quick = CreateEvent(draft);
    ASSERT_FALSE(quick.is_null());
    const HoldOptions keyed{.idempotency_key = "slow-retry"};
    const Response first = Hold(alice_.http(), quick, kGa, 2, keyed);
    ASSERT_EQ(first.status, 201) << first;
    ASSERT_EQ(AdvanceClock(server().admin(), 61).status, 200);
    ASSERT_EQ(GetString(GetOrder(alice_.http(), Member(first.json, "order_id")).json, "status"),
              "expired");
    const Response retry = Hold(alice_.http(), quick, kGa, 2, keyed);
    EXPECT_EQ(retry.status, 201) << retry;
    EXPECT_EQ(IdText(Member(retry.json, "order_id")), IdText(Member(first.json, "order_id")));
    EXPECT_EQ(ZoneAvailability(Availability(alice_.http(), quick).json, kGa).held, 0)
        << "a replayed key must never hold again";
}

TEST_F(OrderApi, ExpiredTicketsNoLongerCountTowardsTheLimit) {
    EventDraft draft = StandardEventDraft();
    draft.hold_seconds = 60;
    const json::value quick = CreateEvent(draft);
    ASSERT_FALSE(quick.is_null());
    const Response held = Hold(alice_.http(), quick, kGa, 8);
    ASSERT_EQ(held.status, 201) << held;
    EXPECT_TRUE(IsProblem(Hold(alice_.http(), quick, kGa, 1), 422, {"limit_exceeded"}));
    ASSERT_EQ(AdvanceClock(server().admin(), 61).status, 200);
    const Response again = Hold(alice_.http(), quick, kGa, 8);
    EXPECT_EQ(again.status, 201) << again;
}

TEST_F(OrderApi, TheTestClockIsForAdminsAndTakesWholeSecondsWithinAYear) {
    EXPECT_TRUE(IsProblem(AdvanceClock(alice_.http(), 10), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(AdvanceClock(server().admin(), 0), 400, {"invalid_field"}));
    EXPECT_TRUE(IsProblem(AdvanceClock(server().admin(), 366 * 86'400), 400, {"invalid_field"}));
    const Response moved = AdvanceClock(server().admin(), 3'600);
    ASSERT_EQ(moved.status, 200) << moved;
    const auto now = GetTime(moved.json, "now");
    ASSERT_TRUE(now) << moved;
    EXPECT_GE(*now, Now() + 1h - 1s);
}

// ---- ownership ------------------------------------------------------------------------------

TEST_F(OrderApi, OthersCannotSeeOrChangeMyOrdersButAdminsCanSeeThem) {
    const Response held = Hold(alice_.http(), event_id_, kGa, 2);
    ASSERT_EQ(held.status, 201) << held;
    const json::value order_id = Member(held.json, "order_id");
    const std::string alice_orders = "/api/v1/users/" + IdText(alice_.user_id) + "/orders";

    EXPECT_TRUE(IsProblem(GetOrder(bob_.http(), order_id), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(Confirm(bob_.http(), order_id), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(Cancel(bob_.http(), order_id), 403, {"forbidden"}));
    EXPECT_TRUE(IsProblem(bob_.http().Get(alice_orders), 403, {"forbidden"}));
    EXPECT_TRUE(ListAllMyOrders(bob_.http()).empty());

    const Response mine = GetOrder(alice_.http(), order_id);
    ASSERT_EQ(mine.status, 200) << mine;
    EXPECT_EQ(GetString(mine.json, "status"), "held") << "others' attempts changed nothing";
    EXPECT_EQ(Zone(kGa).held, 2);

    const Response by_admin = GetOrder(server().admin(), order_id);
    EXPECT_EQ(by_admin.status, 200) << by_admin;
    const Response admin_list = server().admin().Get(alice_orders);
    ASSERT_EQ(admin_list.status, 200) << admin_list;
    ASSERT_EQ(GetArray(admin_list.json, "orders").size(), 1u) << admin_list;
    EXPECT_EQ(IdText(Member(GetArray(admin_list.json, "orders")[0], "order_id")), IdText(order_id));
    const Response own_list = alice_.http().Get(alice_orders);
    ASSERT_EQ(own_list.status, 200) << own_list;
    EXPECT_EQ(GetArray(own_list.json, "orders").size(), 1u) << own_list;
}

TEST_F(OrderApi, UnknownOrderIs404UnknownOrder) {
    const json::value nobody(987654321);
    EXPECT_TRUE(IsProblem(GetOrder(alice_.http(), nobody), 404, {"unknown_order"}));
    EXPECT_TRUE(IsProblem(Confirm(alice_.http(), nobody), 404, {"unknown_order"}));
    EXPECT_TRUE(IsProblem(Cancel(alice_.http(), nobody), 404, {"unknown_order"}));
}

// ---- listing --------------------------------------------------------------------------------

TEST_F(OrderApi, MyOrdersAreListedNewestFirstInPages) {
    std::vector<std::string> created;  // oldest first
    for (int i = 0; i < 5; ++i) {
        const Response held = Hold(alice_.http(), event_id_, kGa, 1);
        ASSERT_EQ(held.status, 201) << held;
        created.push_back(IdText(Member(held.json, "order_id")));
    }
    ASSERT_EQ(Hold(bob_.http(), event_id_, kGa, 1).status, 201);
    const std::vector<std::string> newest_first(created.rbegin(), created.rend());

    std::vector<std::string> paged;
    std::vector<std::size_t> page_sizes;
    std::string target = "/api/v1/orders?limit=2";
    for (int page = 0; page < 10; ++page) {
        const Response response = alice_.http().Get(target);
        ASSERT_EQ(response.status, 200) << response;
        const json::array& orders = GetArray(response.json, "orders");
        page_sizes.push_back(orders.size());
        for (const json::value& order : orders) paged.push_back(IdText(Member(order, "order_id")));
        const json::value* next = Find(response.json, "next_cursor");
        ASSERT_NE(next, nullptr) << "next_cursor must be present (null at the end): " << response;
        if (next->is_null()) break;
        target = "/api/v1/orders?limit=2&cursor=" +
                 (next->is_string() ? std::string(next->as_string()) : IdText(*next));
    }
    EXPECT_EQ(paged, newest_first);
    EXPECT_EQ(page_sizes, (std::vector<std::size_t>{2, 2, 1}));

    const Response whole = alice_.http().Get("/api/v1/orders");
    ASSERT_EQ(whole.status, 200) << whole;
    std::vector<std::string> all;
    for (const json::value& order : GetArray(whole.json, "orders")) {
        all.push_back(IdText(Member(order, "order_id")));
    }
    EXPECT_EQ(all, newest_first) << "the default page (20) holds all five";
    EXPECT_TRUE(Member(whole.json, "next_cursor").is_null()) << whole;
}

TEST_F(OrderApi, PagingIsStableWhileNewOrdersArrive) {
    std::vector<std::string> created;  // oldest first
    for (int i = 0; i < 4; ++i) {
        const Response held = Hold(alice_.http(), event_id_, kGa, 1);
        ASSERT_EQ(held.status, 201) << held;
        created.push_back(IdText(Member(held.json, "order_id")));
    }
    const Response page1 = alice_.http().Get("/api/v1/orders?limit=2");
    ASSERT_EQ(page1.status, 200) << page1;
    const json::value cursor = Member(page1.json, "next_cursor");
    ASSERT_FALSE(cursor.is_null()) << page1;
    // A new order between pages belongs before page 1, not in page 2.
    ASSERT_EQ(Hold(alice_.http(), event_id_, kGa, 1).status, 201);
    const Response page2 =
        alice_.http().Get("/api/v1/orders?limit=2&cursor=" +
                          (cursor.is_string() ? std::string(cursor.as_string()) : IdText(cursor)));
    ASSERT_EQ(page2.status, 200) << page2;
    std::vector<std::string> seen;
    for (const Response* page : {&page1, &page2}) {
        for (const json::value& order : GetArray(page->json, "orders")) {
            seen.push_back(IdText(Member(order, "order_id")));
        }
    }
    EXPECT_EQ(seen, (std::vector<std::string>{created[3], created[2], created[1], created[0]}));
}

TEST_F(OrderApi, DecimalPricesAddUpExactly) {
    EventDraft draft;
    json::object zone = GaZone("CHEAP", 50);
    zone["price"] = 0.1;  // 3 x 0.1 is 0.30000000000000004 in binary floating point
    draft.zones.push_back(zone);
    const json::value cheap = CreateEvent(draft);
    ASSERT_FALSE(cheap.is_null());
    const Response held = Hold(alice_.http(), cheap, "CHEAP", 3);
    ASSERT_EQ(held.status, 201) << held;
    EXPECT_EQ(GetNumber(held.json, "amount"), 0.3) << held;
}

TEST_F(OrderApi, DefaultPageIs20AndLimitIsBetween1And100) {
    // 21 orders: three users' worth would be needed under the limit of 8, so use cancelled ones.
    for (int i = 0; i < 21; ++i) {
        const Response held = Hold(alice_.http(), event_id_, kGa, 1);
        ASSERT_EQ(held.status, 201) << held;
        ASSERT_EQ(Cancel(alice_.http(), Member(held.json, "order_id")).status, 200);
    }
    const Response first = alice_.http().Get("/api/v1/orders");
    ASSERT_EQ(first.status, 200) << first;
    EXPECT_EQ(GetArray(first.json, "orders").size(), 20u);
    EXPECT_FALSE(Member(first.json, "next_cursor").is_null()) << first;
    EXPECT_EQ(GetArray(alice_.http().Get("/api/v1/orders?limit=100").json, "orders").size(), 21u);
    EXPECT_EQ(GetArray(alice_.http().Get("/api/v1/orders?limit=1").json, "orders").size(), 1u);
    for (const char* bad : {"0", "101", "-1", "abc"}) {
        const Response response = alice_.http().Get(std::string("/api/v1/orders?limit=") + bad);
        EXPECT_TRUE(IsProblem(response, 400)) << "limit=" << bad;
    }
    EXPECT_TRUE(IsProblem(alice_.http().Get("/api/v1/orders?cursor=not-a-cursor"), 400))
        << "a cursor the server never issued";
}

}  // namespace
}  // namespace tix::test
