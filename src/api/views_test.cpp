#include "api/views.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "engine/dispatch.h"
#include "engine/test_events.h"

namespace tix::api {
namespace {

namespace json = boost::json;

TEST(Money, ShowsWholeAmountsAsIntegersAndCentsAsDecimals) {
    EXPECT_EQ(json::serialize(Money(380'000)), "3800");
    EXPECT_DOUBLE_EQ(Money(1'250).as_double(), 12.5);
    EXPECT_EQ(Money(0).to_number<std::int64_t>(), 0);
}

TEST(OrderJson, ShowsSeatIdsAmountAndDeadlineOfAHold) {
    engine::Engine engine;
    const EventId event_id = engine.AddEvent(engine::SmallTestEvent());
    const auto held = engine.Hold(
        engine::HoldByQuantity{
            .user_id = UserId{5}, .event_id = event_id, .zone_id = "INF", .quantity = 2},
        At(1'000));
    ASSERT_EQ(held.outcome, engine::HoldOutcome::kOk);
    const json::object order = OrderJson({*held.order, engine.SharedEvent(event_id)});
    EXPECT_EQ(order.at("status").as_string(), "held");
    EXPECT_EQ(order.at("zone_id").as_string(), "INF");
    EXPECT_EQ(order.at("quantity").to_number<std::int64_t>(), 2);
    EXPECT_EQ(order.at("amount").to_number<std::int64_t>(), 25);
    EXPECT_EQ(order.at("currency").as_string(), "TWD");
    EXPECT_EQ(order.at("expires_at").as_string(), "1970-01-01T00:01:01Z");
    const json::array& seats = order.at("seats").as_array();
    ASSERT_EQ(seats.size(), 2u);
    for (const json::value& seat : seats) {
        EXPECT_EQ(seat.as_string().subview().substr(0, 6), "INF-A-");
    }
}

TEST(AvailabilityJson, CountsEveryZoneAndShowsSeatStatesOnRequest) {
    engine::Engine engine;
    const EventId event_id = engine.AddEvent(engine::SmallTestEvent());
    const auto held = engine.Hold(
        engine::HoldByQuantity{
            .user_id = UserId{5}, .event_id = event_id, .zone_id = "INF", .quantity = 2},
        At(1'000));
    ASSERT_EQ(engine.Confirm(held.order->order_id, At(2'000)), engine::OrderOutcome::kOk);
    auto availability = [&](bool seats) {
        engine::Command query = engine::GetAvailability{event_id, seats};
        return AvailabilityJson(
            std::get<engine::AvailabilityReply>(Apply(engine, query, At(3'000))));
    };
    const json::object plain = availability(false);
    const json::array& zones = plain.at("zones").as_array();
    ASSERT_EQ(zones.size(), 2u);
    EXPECT_EQ(zones[1].at("sold").to_number<std::int64_t>(), 2);
    EXPECT_EQ(zones[1].at("available").to_number<std::int64_t>(), 8);
    EXPECT_FALSE(zones[1].as_object().contains("rows"));

    const json::object detailed = availability(true);
    const json::array& rows = detailed.at("zones").as_array()[1].at("rows").as_array();
    ASSERT_EQ(rows.size(), 2u);
    const std::string_view states = rows[0].at("states").as_string();
    EXPECT_EQ(states.size(), 6u);
    EXPECT_EQ(std::count(states.begin(), states.end(), 'S'), 2);
    EXPECT_EQ(rows[1].at("states").as_string(), "AAAA");
}

}  // namespace
}  // namespace tix::api
