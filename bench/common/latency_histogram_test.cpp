#include "latency_histogram.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

TEST(LatencyHistogram, EmptyHasZeroPercentiles) {
    LatencyHistogram histogram;
    EXPECT_EQ(histogram.count(), 0u);
    EXPECT_EQ(histogram.Percentile(99), 0u);
}

TEST(LatencyHistogram, SmallValuesAreExact) {
    LatencyHistogram histogram;
    for (std::uint64_t v = 1; v <= 20; ++v) histogram.Record(v);
    EXPECT_EQ(histogram.Percentile(50), 10u);
    EXPECT_EQ(histogram.Percentile(100), 20u);
    EXPECT_EQ(histogram.max(), 20u);
    EXPECT_DOUBLE_EQ(histogram.mean(), 10.5);
}

TEST(LatencyHistogram, LargeValuesWithinThreePercent) {
    LatencyHistogram histogram;
    for (std::uint64_t v = 1; v <= 100'000; ++v) histogram.Record(v * 10);  // 10 µs .. 1 s
    for (double p : {50.0, 90.0, 99.0, 99.9}) {
        const double truth = p / 100.0 * 1'000'000.0;
        const double got = static_cast<double>(histogram.Percentile(p));
        EXPECT_GE(got, truth * 0.999) << p;
        EXPECT_LE(got, truth * 1.03125 + 10) << p;
    }
    EXPECT_EQ(histogram.Percentile(100), 1'000'000u);
}

TEST(LatencyHistogram, HugeValuesClampInsteadOfOverflowing) {
    LatencyHistogram histogram;
    histogram.Record(~std::uint64_t{0});
    EXPECT_EQ(histogram.count(), 1u);
    EXPECT_GT(histogram.Percentile(50), 0u);
}

TEST(LatencyHistogram, MergeAddsCounts) {
    LatencyHistogram a, b;
    a.Record(100);
    b.Record(5'000);
    b.Record(7'000);
    a.Merge(b);
    EXPECT_EQ(a.count(), 3u);
    EXPECT_EQ(a.max(), 7'000u);
    EXPECT_LE(a.Percentile(33), 101u);
    EXPECT_GE(a.Percentile(67), 4'900u);
}

}  // namespace
}  // namespace tix::bench
