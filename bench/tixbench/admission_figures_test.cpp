#include "admission_figures.h"

#include <gtest/gtest.h>

#include <vector>

namespace tix::bench {
namespace {

constexpr RoomLimits kLimits{.admit_per_minute = 600, .active_max = 100};  // 10 a second

// A room admitting `per_second` from sale start, sampled every `step_s` for `seconds`, with
// plenty waiting and available and few shopping.
std::vector<QueueSample> Steady(double per_second, double seconds, double step_s = 0.5) {
    std::vector<QueueSample> samples;
    for (double t = 0; t <= seconds + 1e-9; t += step_s) {
        samples.push_back({.at_s = t,
                           .waiting = 1'000,
                           .admitted_active = 20,
                           .admitted_total = static_cast<std::uint64_t>(per_second * t),
                           .available = 10'000});
    }
    return samples;
}

TEST(PaceBound, OnlyThePaceMayHoldAdmissionsBack) {
    const QueueSample free{.waiting = 5, .admitted_active = 10, .available = 1'000};
    EXPECT_TRUE(PaceBound(free, kLimits));
    QueueSample s = free;
    s.waiting = 0;
    EXPECT_FALSE(PaceBound(s, kLimits)) << "nobody waits";
    s = free;
    s.paused = true;
    EXPECT_FALSE(PaceBound(s, kLimits)) << "paused";
    s = free;
    s.admitted_active = kLimits.active_max;
    EXPECT_FALSE(PaceBound(s, kLimits)) << "active_max reached";
    s.admitted_active = kLimits.active_max - 1;
    EXPECT_TRUE(PaceBound(s, kLimits));
    s = free;
    s.available = 20;  // 10 shopping + a second's 10 admissions: no room to spare
    EXPECT_FALSE(PaceBound(s, kLimits)) << "the tickets are nearly gone";
    s.available = 21;
    EXPECT_TRUE(PaceBound(s, kLimits));
}

TEST(MeasureOutflow, AnEvenPaceIsMeasuredInEveryWindow) {
    const std::vector<QueueSample> samples = Steady(10, 60);
    const OutflowFigures figures = MeasureOutflow(samples, kLimits, 10);
    EXPECT_DOUBLE_EQ(figures.measured_s, 60);
    EXPECT_NEAR(figures.mean_per_minute, 600, 1e-9);
    EXPECT_EQ(figures.windows, 6u);
    EXPECT_NEAR(*figures.min_window_per_minute, 600, 1e-9);
    EXPECT_NEAR(*figures.max_window_per_minute, 600, 1e-9);
    EXPECT_TRUE(figures.WindowsWithin(600, 0.05));
    EXPECT_EQ(figures.most_in_a_minute, 595u) << "samples 59.5 s apart at most";
}

TEST(MeasureOutflow, OneSlowWindowFailsTheTolerance) {
    std::vector<QueueSample> samples = Steady(10, 30);
    // From 20 s on, admissions come at 9 a second: 10 % short.
    for (QueueSample& s : samples) {
        if (s.at_s > 20) s.admitted_total = 200 + static_cast<std::uint64_t>(9 * (s.at_s - 20));
    }
    const OutflowFigures figures = MeasureOutflow(samples, kLimits, 10);
    EXPECT_EQ(figures.windows, 3u);
    EXPECT_NEAR(*figures.min_window_per_minute, 540, 1e-9);
    EXPECT_FALSE(figures.WindowsWithin(600, 0.05));
    EXPECT_TRUE(figures.WindowsWithin(600, 0.10));
}

TEST(MeasureOutflow, SpansWhereSomethingElseBlocksAreLeftOut) {
    std::vector<QueueSample> samples = Steady(10, 40);
    // 10..20 s: active_max reached and no admissions; the pace-bound spans are 0..9.5, 20.5..40.
    for (QueueSample& s : samples) {
        if (s.at_s >= 10) s.admitted_total = 100 + static_cast<std::uint64_t>(10 * (s.at_s - 20));
        if (s.at_s >= 10 && s.at_s <= 20) {
            s.admitted_active = kLimits.active_max;
            s.admitted_total = 100;
        }
    }
    const OutflowFigures figures = MeasureOutflow(samples, kLimits, 5);
    EXPECT_DOUBLE_EQ(figures.measured_s, 9.5 + 19.5);
    EXPECT_NEAR(*figures.min_window_per_minute, 600, 1e-9);
    EXPECT_NEAR(*figures.max_window_per_minute, 600, 1e-9);
}

TEST(MeasureOutflow, NoWindowWithoutAPaceBoundSpanLongEnough) {
    const OutflowFigures figures = MeasureOutflow(Steady(10, 4), kLimits, 10);
    EXPECT_EQ(figures.windows, 0u);
    EXPECT_FALSE(figures.min_window_per_minute.has_value());
    EXPECT_FALSE(figures.WindowsWithin(600, 0.05));
    EXPECT_FALSE(MeasureOutflow({}, kLimits, 10).most_in_a_minute.has_value());
}

TEST(MostAtOnce, CountsOverlapsAndNotTouchingEnds) {
    EXPECT_EQ(MostAtOnce({}), 0u);
    EXPECT_EQ(MostAtOnce({{0, 10}, {2, 5}, {4, 6}, {5, 7}}), 3u);  // at 4.5: 0-10, 2-5, 4-6
    EXPECT_EQ(MostAtOnce({{0, 1}, {1, 2}, {2, 3}}), 1u);
}

}  // namespace
}  // namespace tix::bench
