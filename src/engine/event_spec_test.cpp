#include "engine/event_spec.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "engine/test_events.h"

namespace tix::engine {
namespace {

ZoneSpec GaZone(std::string id, std::uint32_t capacity) {
    ZoneSpec zone;
    zone.zone_id = std::move(id);
    zone.name = "Floor";
    zone.price_minor = 1000;
    zone.currency = "EUR";
    zone.capacity = capacity;
    return zone;
}

ZoneSpec SeatedZone(std::string id, std::vector<RowSpec> rows) {
    ZoneSpec zone = GaZone(std::move(id), 0);
    zone.kind = ZoneKind::kSeated;
    zone.rows = std::move(rows);
    return zone;
}

EventSpec ValidSpec() {
    EventSpec spec;
    spec.name = "Night";
    spec.venue = "Hall";
    spec.sale_starts_at = At(100);
    spec.sale_ends_at = At(200);
    spec.zones = {GaZone("GA", 100), SeatedZone("INF", {{"A", 10}, {"B", 12}})};
    return spec;
}

// The problem ValidateEventSpec finds after `edit`, or "" if none.
std::string ProblemAfter(const std::function<void(EventSpec&)>& edit) {
    EventSpec spec = ValidSpec();
    edit(spec);
    return ValidateEventSpec(spec).value_or("");
}

TEST(EventSpec, AcceptsAValidSpec) {
    EXPECT_EQ(ValidateEventSpec(ValidSpec()), std::nullopt);
    EXPECT_EQ(ValidateEventSpec(SmallTestEvent()), std::nullopt);
}

TEST(EventSpec, NormalizeFillsSeatedCapacity) {
    EventSpec spec = ValidSpec();
    NormalizeEventSpec(spec);
    EXPECT_EQ(spec.zones[0].capacity, 100U);
    EXPECT_EQ(spec.zones[1].capacity, 22U);
    EXPECT_EQ(ValidateEventSpec(spec), std::nullopt);  // a normalized spec stays valid
}

TEST(EventSpec, RejectsBadNamesAndWindow) {
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.name = ""; }), "name must be 1..200 bytes");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.name = std::string(201, 'x'); }),
              "name must be 1..200 bytes");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.name = std::string(200, 'x'); }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.venue = ""; }), "venue must be 1..200 bytes");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.series = std::string(200, 'x'); }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.series = std::string(201, 'x'); }),
              "series must be at most 200 bytes");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.sale_ends_at = s.sale_starts_at; }),
              "sale_starts_at must be before sale_ends_at");
}

TEST(EventSpec, RejectsLimitsOutOfRange) {
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.max_per_user = 0; }), "max_per_user must be 1..8");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.max_per_user = 8; }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.max_per_user = 9; }), "max_per_user must be 1..8");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.hold = std::chrono::seconds{0}; }),
              "hold_seconds must be 1..86400");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.hold = std::chrono::seconds{86'400}; }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.hold = std::chrono::seconds{86'401}; }),
              "hold_seconds must be 1..86400");
}

TEST(EventSpec, RejectsZoneCountOutOfRange) {
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones.clear(); }), "zones must have 1..64 zones");
    auto zones = [](int n) {
        return [n](EventSpec& s) {
            s.zones.clear();
            for (int i = 0; i < n; ++i)
                s.zones.push_back(GaZone(std::string("Z") + std::to_string(i), 10));
        };
    };
    EXPECT_EQ(ProblemAfter(zones(64)), "");
    EXPECT_EQ(ProblemAfter(zones(65)), "zones must have 1..64 zones");
}

TEST(EventSpec, RejectsBadZoneFields) {
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].zone_id = "IN-F"; }),
              "zones[1].zone_id must match [A-Za-z0-9_]{1,16}");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].zone_id = ""; }),
              "zones[1].zone_id must match [A-Za-z0-9_]{1,16}");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].zone_id = std::string(16, 'Z'); }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].zone_id = std::string(17, 'Z'); }),
              "zones[1].zone_id must match [A-Za-z0-9_]{1,16}");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].zone_id = "GA"; }),
              "zones[1].zone_id 'GA' is already zones[0].zone_id");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[0].name = ""; }),
              "zones[0].name must be 1..200 bytes");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[0].price_minor = -1; }),
              "zones[0].price_minor must be 0..100000000000");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[0].price_minor = kMaxPriceMinor; }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[0].price_minor = kMaxPriceMinor + 1; }),
              "zones[0].price_minor must be 0..100000000000");
    for (const char* currency : {"eur", "EU", "EURO", "E1R"}) {
        EXPECT_EQ(ProblemAfter([&](EventSpec& s) { s.zones[0].currency = currency; }),
                  "zones[0].currency must be three letters A-Z")
            << currency;
    }
}

TEST(EventSpec, RejectsBadGeneralAdmissionZone) {
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[0].capacity = 0; }),
              "zones[0].capacity must be 1..1000000");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[0].capacity = kMaxCapacityPerZone; }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[0].capacity = kMaxCapacityPerZone + 1; }),
              "zones[0].capacity must be 1..1000000");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) {
                  s.zones[0].rows = {{"A", 1}};
              }),
              "zones[0].rows must be empty for general admission");
}

TEST(EventSpec, RejectsBadRows) {
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows.clear(); }),
              "zones[1].rows must have 1..1000 rows");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) {
                  s.zones[1].rows.clear();
                  for (int r = 0; r < 1001; ++r) s.zones[1].rows.push_back({std::to_string(r), 1});
              }),
              "zones[1].rows must have 1..1000 rows");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows[1].label = "B-1"; }),
              "zones[1].rows[1].label must match [A-Za-z0-9]{1,8}");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows[1].label = "B_1"; }),
              "zones[1].rows[1].label must match [A-Za-z0-9]{1,8}");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows[1].label = "123456789"; }),
              "zones[1].rows[1].label must match [A-Za-z0-9]{1,8}");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows[1].label = "A"; }),
              "zones[1].rows[1].label 'A' is not unique in the zone");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows[1].seats = 0; }),
              "zones[1].rows[1].seats must be 1..2000");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows[1].seats = 2000; }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].rows[1].seats = 2001; }),
              "zones[1].rows[1].seats must be 1..2000");
}

TEST(EventSpec, MessageNamesTheFieldPath) {
    EventSpec spec = ValidSpec();
    spec.zones[1].rows = {{"A", 1}, {"B", 1}, {"C", 1}, {"D", 5000}};
    EXPECT_EQ(ValidateEventSpec(spec), "zones[1].rows[3].seats must be 1..2000");
}

TEST(EventSpec, SeatedCapacityIsZeroOrTheSumOfRows) {
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].capacity = 22; }), "");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) { s.zones[1].capacity = 21; }),
              "zones[1].capacity must be 0 or the number of seats in its rows (22)");
}

TEST(EventSpec, RejectsTooManySeats) {
    // 600 rows of 2000 seats: within the row limits, above a zone's capacity.
    EXPECT_EQ(ProblemAfter([](EventSpec& s) {
                  s.zones[1].rows.clear();
                  for (int r = 0; r < 600; ++r) {
                      s.zones[1].rows.push_back({std::to_string(r), 2000});
                  }
              }),
              "zones[1].rows hold 1200000 seats, more than 1000000");
    // Three full GA zones: each within its limit, the event above its own.
    EXPECT_EQ(ProblemAfter([](EventSpec& s) {
                  s.zones = {GaZone("A", 1'000'000), GaZone("B", 1'000'000), GaZone("C", 1)};
              }),
              "zones hold 2000001 tickets, more than 2000000");
    EXPECT_EQ(ProblemAfter([](EventSpec& s) {
                  s.zones = {GaZone("A", 1'000'000), GaZone("B", 1'000'000)};
              }),
              "");
}

}  // namespace
}  // namespace tix::engine
