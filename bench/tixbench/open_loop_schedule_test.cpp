#include "open_loop_schedule.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

using Clock = OpenLoopSchedule::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point kStart = Clock::time_point(seconds(1000));

TEST(OpenLoopSchedule, ArrivalsAreEvenlySpread) {
    const OpenLoopSchedule schedule(1000, kStart, seconds(2));
    EXPECT_EQ(schedule.IntendedTime(0), kStart);
    EXPECT_EQ(schedule.IntendedTime(1), kStart + milliseconds(1));
    EXPECT_EQ(schedule.IntendedTime(1500), kStart + milliseconds(1500));
    EXPECT_EQ(schedule.total(), 2000u);
}

TEST(OpenLoopSchedule, NothingIsDueBeforeTheStart) {
    const OpenLoopSchedule schedule(1000, kStart, seconds(1));
    EXPECT_EQ(schedule.DueBy(kStart - milliseconds(1)), 0u);
    EXPECT_EQ(schedule.DueBy(kStart), 1u);  // arrival 0 is due at the start itself
}

TEST(OpenLoopSchedule, DueCountsEveryArrivalAtOrBeforeNow) {
    const OpenLoopSchedule schedule(1000, kStart, seconds(1));
    EXPECT_EQ(schedule.DueBy(kStart + milliseconds(10)), 11u);
    EXPECT_EQ(schedule.DueBy(kStart + milliseconds(10) - std::chrono::nanoseconds(1)), 10u);
}

TEST(OpenLoopSchedule, DueNeverExceedsTheTotal) {
    const OpenLoopSchedule schedule(1000, kStart, seconds(1));
    EXPECT_EQ(schedule.DueBy(kStart + seconds(5)), 1000u);
    EXPECT_EQ(schedule.DueBy(kStart + seconds(1)), 1000u);  // the window's end is excluded
}

TEST(OpenLoopSchedule, FractionalRatesRoundConsistently) {
    const OpenLoopSchedule schedule(3, kStart, seconds(1));  // 333.33 ms apart
    EXPECT_EQ(schedule.total(), 3u);
    for (std::uint64_t k = 0; k < schedule.total(); ++k) {
        EXPECT_EQ(schedule.DueBy(schedule.IntendedTime(k)), k + 1) << k;
    }
}

TEST(OpenLoopSchedule, EmptyWindowHasNoArrivals) {
    const OpenLoopSchedule schedule(1000, kStart, seconds(0));
    EXPECT_EQ(schedule.total(), 0u);
    EXPECT_EQ(schedule.DueBy(kStart + seconds(1)), 0u);
}

TEST(OpenLoopSchedule, HighRatesStayExactOverLongRuns) {
    const OpenLoopSchedule schedule(50'000, kStart, seconds(600));
    EXPECT_EQ(schedule.total(), 30'000'000u);
    EXPECT_EQ(schedule.IntendedTime(29'999'999),
              kStart + seconds(600) - std::chrono::microseconds(20));
}

}  // namespace
}  // namespace tix::bench
