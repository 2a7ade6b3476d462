#include "app/demo.h"

#include <gtest/gtest.h>

namespace tix::app {
namespace {

TEST(Demo, EachDateIsAValid45000SeatDomeOnSaleNow) {
    const TimePoint now = FromUnixMillis(1'795'000'000'000);
    const auto events = DemoEvents(now);
    ASSERT_EQ(events.size(), 2u);
    for (const engine::EventSpec& spec : events) {
        EXPECT_EQ(engine::ValidateEventSpec(spec), std::nullopt);
        std::uint32_t seats = 0, seated_zones = 0, standing_zones = 0;
        for (const engine::ZoneSpec& zone : spec.zones) {
            seats += zone.capacity;
            (zone.kind == engine::ZoneKind::kSeated ? seated_zones : standing_zones)++;
        }
        EXPECT_EQ(seats, kDemoSeatsPerDate);
        EXPECT_EQ(standing_zones, 1u);
        EXPECT_GE(seated_zones, 3u);
        EXPECT_GT(spec.sale_ends_at, now);
        EXPECT_EQ(spec.series, events[0].series);
    }
    EXPECT_LT(events[0].starts_at, events[1].starts_at);
    EXPECT_LE(events[0].sale_starts_at, now);
    EXPECT_EQ(events[kDemoQueuedEvent].sale_starts_at, now + kDemoQueuedSaleDelay);
}

TEST(Demo, TheSecondDateHasAQueueWhosePreQueueIsOpenAtStart) {
    const TimePoint now = FromUnixMillis(1'795'000'000'000);
    const auto events = DemoEvents(now);
    engine::QueueSeed seed{};
    seed[0] = 1;
    const engine::QueueConfig queue = DemoQueue(now, events[kDemoQueuedEvent].sale_starts_at, seed);
    EXPECT_EQ(engine::ValidateQueueConfig(queue), std::nullopt);
    EXPECT_LE(queue.opens_at, now);
    EXPECT_GT(queue.sale_starts_at, now);
    EXPECT_EQ(queue.pow_bits, kDemoPowBits);
}

}  // namespace
}  // namespace tix::app
