#include "redelivery_schedule.h"

#include <gtest/gtest.h>

#include <map>

namespace tix::bench {
namespace {

// Where each event's deliveries are: event -> positions in the schedule.
std::map<std::uint32_t, std::vector<std::size_t>> Positions(
    const std::vector<std::uint32_t>& schedule) {
    std::map<std::uint32_t, std::vector<std::size_t>> positions;
    for (std::size_t i = 0; i < schedule.size(); ++i) positions[schedule[i]].push_back(i);
    return positions;
}

TEST(RedeliverySchedule, DeliversEveryEventOnceAndTheShareTwice) {
    const auto schedule = RedeliverySchedule(10'000, 0.2, 7);
    ASSERT_EQ(schedule.size(), 12'000u);
    const auto positions = Positions(schedule);
    ASSERT_EQ(positions.size(), 10'000u);
    std::size_t twice = 0;
    for (const auto& [event, at] : positions) {
        ASSERT_LT(event, 10'000u);
        ASSERT_LE(at.size(), 2u) << event;
        if (at.size() == 2) ++twice;
    }
    EXPECT_EQ(twice, 2'000u);
}

TEST(RedeliverySchedule, FirstDeliveriesKeepTheirOrderAndARedeliveryFollowsSoon) {
    const auto schedule = RedeliverySchedule(5'000, 0.3, 11);
    std::uint32_t next_first = 0;
    std::vector<bool> seen(5'000, false);
    for (const std::uint32_t event : schedule) {
        if (!seen[event]) {
            EXPECT_EQ(event, next_first) << "first deliveries in the order events happened";
            ++next_first;
            seen[event] = true;
        }
    }
    for (const auto& [event, at] : Positions(schedule)) {
        if (at.size() < 2) continue;
        EXPECT_LT(at[0], at[1]);
        // At most the lag in firsts between them, plus the redeliveries interleaved there.
        EXPECT_LE(at[1] - at[0], 2 * kRedeliveryLagMax) << event;
    }
}

TEST(RedeliverySchedule, IsTheSameForTheSameSeed) {
    EXPECT_EQ(RedeliverySchedule(2'000, 0.2, 3), RedeliverySchedule(2'000, 0.2, 3));
    EXPECT_NE(RedeliverySchedule(2'000, 0.2, 3), RedeliverySchedule(2'000, 0.2, 4));
}

TEST(RedeliverySchedule, EdgeShares) {
    const auto none = RedeliverySchedule(100, 0, 1);
    ASSERT_EQ(none.size(), 100u);
    for (std::uint32_t i = 0; i < 100; ++i) EXPECT_EQ(none[i], i);
    const auto all = RedeliverySchedule(100, 1, 1);
    EXPECT_EQ(all.size(), 200u);
    for (const auto& [event, at] : Positions(all)) EXPECT_EQ(at.size(), 2u) << event;
    EXPECT_TRUE(RedeliverySchedule(0, 0.2, 1).empty());
    EXPECT_EQ(RedeliverySchedule(1, 1, 1), (std::vector<std::uint32_t>{0, 0}));
}

}  // namespace
}  // namespace tix::bench
