#include "api/event_request.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tix::api {
namespace {

namespace json = boost::json;

json::object ValidEvent() {
    return json::parse(R"({
        "name": "All-Star Game", "series": "All-Star Series", "venue": "Taipei Dome",
        "starts_at": "2026-12-05T11:05:00Z", "sale_starts_at": "2026-11-20T04:00:00Z",
        "sale_ends_at": "2026-12-05T11:00:00+00:00", "max_per_user": 4, "hold_seconds": 300,
        "zones": [
            {"zone_id": "STAND", "name": "Standing", "price": 800, "currency": "TWD",
             "kind": "ga", "capacity": 3000},
            {"zone_id": "INF", "name": "Infield", "price": 12.5, "currency": "USD",
             "kind": "seated", "rows": [{"row": "A", "seats": 20}, {"row": "B", "seats": 22}]}
        ]})")
        .as_object();
}

// The field the reader blames for `event` after `mutate`, or "" when it is accepted.
std::string BlamedField(void (*mutate)(json::object&)) {
    json::object event = ValidEvent();
    mutate(event);
    http::JsonObjectReader reader(event);
    const auto spec = ReadEventSpec(reader);
    EXPECT_EQ(spec.has_value(), reader.ok());
    return reader.ok() ? "" : reader.error_field();
}

TEST(ReadEventSpec, ReadsEveryField) {
    http::JsonObjectReader reader(ValidEvent());
    const auto spec = ReadEventSpec(reader);
    ASSERT_TRUE(spec.has_value()) << reader.error_field() << ": " << reader.error_detail();
    EXPECT_EQ(spec->name, "All-Star Game");
    EXPECT_EQ(spec->series, "All-Star Series");
    EXPECT_EQ(spec->max_per_user, 4u);
    EXPECT_EQ(spec->hold, std::chrono::seconds{300});
    ASSERT_EQ(spec->zones.size(), 2u);
    EXPECT_EQ(spec->zones[0].capacity, 3000u);
    EXPECT_EQ(spec->zones[0].price_minor, 80'000);
    EXPECT_EQ(spec->zones[1].kind, engine::ZoneKind::kSeated);
    EXPECT_EQ(spec->zones[1].capacity, 42u);
    EXPECT_EQ(spec->zones[1].price_minor, 1'250);
    EXPECT_LT(spec->sale_starts_at, spec->sale_ends_at);
}

TEST(ReadEventSpec, DefaultsLimitAndHoldAndOpenEndedSale) {
    json::object event = ValidEvent();
    event.erase("max_per_user");
    event.erase("hold_seconds");
    event.erase("sale_ends_at");
    http::JsonObjectReader reader(event);
    const auto spec = ReadEventSpec(reader);
    ASSERT_TRUE(spec.has_value());
    EXPECT_EQ(spec->max_per_user, 8u);
    EXPECT_EQ(spec->hold, std::chrono::seconds{600});
    EXPECT_EQ(spec->sale_ends_at, kNoEnd);
}

TEST(ReadEventSpec, NamesTheFieldThatIsWrong) {
    EXPECT_EQ(BlamedField([](json::object& e) { e.erase("name"); }), "name");
    EXPECT_EQ(BlamedField([](json::object& e) { e["starts_at"] = "tomorrow"; }), "starts_at");
    EXPECT_EQ(BlamedField([](json::object& e) { e["max_per_user"] = 9; }), "max_per_user");
    EXPECT_EQ(BlamedField([](json::object& e) { e["max_per_user"] = 0; }), "max_per_user");
    EXPECT_EQ(BlamedField([](json::object& e) { e["hold_seconds"] = 86'401; }), "hold_seconds");
    EXPECT_EQ(BlamedField([](json::object& e) { e["zones"] = json::array(); }), "zones");
    EXPECT_EQ(BlamedField([](json::object& e) { e["zones"].as_array()[0] = 5; }), "zones[0]");
    EXPECT_EQ(
        BlamedField([](json::object& e) { e["zones"].as_array()[0].as_object()["kind"] = "vip"; }),
        "zones[0].kind");
    EXPECT_EQ(
        BlamedField([](json::object& e) { e["zones"].as_array()[0].as_object()["price"] = -1; }),
        "zones[0].price");
    EXPECT_EQ(BlamedField([](json::object& e) {
                  e["zones"].as_array()[1].as_object()["rows"].as_array()[1].as_object()["seats"] =
                      0;
              }),
              "zones[1].rows[1].seats");
    // Caught by the engine's validation: duplicate zone ids, sale ending before it starts.
    EXPECT_EQ(BlamedField([](json::object& e) {
                  e["zones"].as_array()[1].as_object()["zone_id"] = "STAND";
              }),
              "event");
    EXPECT_EQ(BlamedField([](json::object& e) { e["sale_ends_at"] = "2026-01-01T00:00:00Z"; }),
              "event");
}

TEST(PriceToMinor, AcceptsAtMostTwoDecimalsAndNothingNegative) {
    EXPECT_EQ(PriceToMinor(json::value(42)), 4'200);
    EXPECT_EQ(PriceToMinor(json::value(0.99)), 99);
    EXPECT_EQ(PriceToMinor(json::value(12.5)), 1'250);
    EXPECT_EQ(PriceToMinor(json::value(0)), 0);
    EXPECT_EQ(PriceToMinor(json::value(0.999)), std::nullopt);
    EXPECT_EQ(PriceToMinor(json::value(-1)), std::nullopt);
    EXPECT_EQ(PriceToMinor(json::value(1e300)), std::nullopt);
    EXPECT_EQ(PriceToMinor(json::value("42")), std::nullopt);
    EXPECT_EQ(PriceToMinor(json::value(true)), std::nullopt);
    EXPECT_EQ(PriceToMinor(json::value(UINT64_MAX)), std::nullopt);
}

}  // namespace
}  // namespace tix::api
