#include "onsale_workload.h"

#include <gtest/gtest.h>

#include <array>

namespace tix::bench {
namespace {

TEST(ZipfPicker, PrefersTheFirstZoneInProportion) {
    ZipfPicker picker(4, 1.0);  // weights 1, 1/2, 1/3, 1/4
    std::mt19937_64 rng(7);
    std::array<int, 4> counts{};
    constexpr int kDraws = 200'000;
    for (int i = 0; i < kDraws; ++i) ++counts.at(picker.Pick(rng));
    const double total = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0;
    for (int zone = 0; zone < 4; ++zone) {
        const double expected = kDraws / (zone + 1) / total;
        EXPECT_NEAR(counts[zone], expected, expected * 0.03) << zone;
    }
}

TEST(ZipfPicker, ExponentZeroIsUniform) {
    ZipfPicker picker(5, 0.0);
    std::mt19937_64 rng(1);
    std::array<int, 5> counts{};
    for (int i = 0; i < 100'000; ++i) ++counts.at(picker.Pick(rng));
    for (int c : counts) EXPECT_NEAR(c, 20'000, 800);
}

TEST(OnSaleWorkload, SameSeedSameAttempts) {
    WorkloadShape shape;
    OnSaleWorkload a(shape, 6, 42), b(shape, 6, 42);
    for (int i = 0; i < 1000; ++i) {
        const Attempt x = a.Next(), y = b.Next();
        EXPECT_EQ(x.zone_index, y.zone_index);
        EXPECT_EQ(x.quantity, y.quantity);
        EXPECT_EQ(x.follow_up, y.follow_up);
    }
}

TEST(OnSaleWorkload, QuantitiesAndFollowUpsFollowTheShape) {
    WorkloadShape shape{.confirm_share = 0.2, .cancel_share = 0.5, .quantity_max = 8};
    OnSaleWorkload workload(shape, 3, 9);
    std::array<int, 3> follow_ups{};
    std::array<int, 9> quantities{};
    constexpr int kDraws = 100'000;
    for (int i = 0; i < kDraws; ++i) {
        const Attempt attempt = workload.Next();
        ASSERT_GE(attempt.quantity, 1u);
        ASSERT_LE(attempt.quantity, 8u);
        ASSERT_LT(attempt.zone_index, 3u);
        ++quantities[attempt.quantity];
        ++follow_ups[static_cast<int>(attempt.follow_up)];
    }
    EXPECT_NEAR(follow_ups[static_cast<int>(FollowUp::kConfirm)], 20'000, 1'000);
    EXPECT_NEAR(follow_ups[static_cast<int>(FollowUp::kCancel)], 50'000, 1'000);
    for (int q = 1; q <= 8; ++q) EXPECT_NEAR(quantities[q], kDraws / 8, 800) << q;
}

TEST(OnSaleWorkload, FallbackZoneIsAnotherZone) {
    OnSaleWorkload workload(WorkloadShape{}, 4, 3);
    for (int i = 0; i < 1000; ++i) EXPECT_NE(workload.FallbackZone(0), 0u);
    OnSaleWorkload single(WorkloadShape{}, 1, 3);
    EXPECT_EQ(single.FallbackZone(0), 0u);
}

}  // namespace
}  // namespace tix::bench
