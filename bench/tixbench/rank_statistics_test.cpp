#include "rank_statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace tix::bench {
namespace {

// Kendall's tau-b from its definition, pair by pair: the reference for the fast one.
double NaiveTauB(const std::vector<double>& x, const std::vector<double>& y) {
    double concordant_minus_discordant = 0, untied_x = 0, untied_y = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            const double dx = x[i] - x[j];
            const double dy = y[i] - y[j];
            if (dx != 0) ++untied_x;
            if (dy != 0) ++untied_y;
            if (dx * dy > 0) ++concordant_minus_discordant;
            if (dx * dy < 0) --concordant_minus_discordant;
        }
    }
    return concordant_minus_discordant / std::sqrt(untied_x * untied_y);
}

TEST(KendallTauB, SameOrderIsOneAndReversedIsMinusOne) {
    const std::vector<double> x = {1, 2, 3, 4, 5};
    EXPECT_DOUBLE_EQ(*KendallTauB(x, std::vector<double>{10, 20, 30, 40, 50}), 1.0);
    EXPECT_DOUBLE_EQ(*KendallTauB(x, std::vector<double>{5, 4, 3, 2, 1}), -1.0);
}

TEST(KendallTauB, OneSwappedPairOfFour) {
    // 6 pairs, 5 concordant and 1 discordant: (5 - 1) / 6.
    EXPECT_DOUBLE_EQ(*KendallTauB(std::vector<double>{1, 2, 3, 4}, std::vector<double>{1, 3, 2, 4}),
                     4.0 / 6.0);
}

TEST(KendallTauB, TiesCountForNeitherSide) {
    // x ties the first two: 5 untied x pairs, 6 untied y pairs, all of them concordant.
    const std::vector<double> x = {1, 1, 2, 3};
    const std::vector<double> y = {1, 2, 3, 4};
    EXPECT_NEAR(*KendallTauB(x, y), 5.0 / std::sqrt(5.0 * 6.0), 1e-12);
}

TEST(KendallTauB, MatchesTheDefinitionOnRandomDataWithTies) {
    const std::uint64_t seed = 20261201;
    std::mt19937_64 rng(seed);
    for (int round = 0; round < 20; ++round) {
        const std::size_t n = 2 + rng() % 300;
        std::vector<double> x(n), y(n);
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = static_cast<double>(rng() % 50);  // many ties
            y[i] = x[i] + static_cast<double>(rng() % 20);
        }
        const std::optional<double> fast = KendallTauB(x, y);
        ASSERT_TRUE(fast.has_value()) << "seed " << seed << " round " << round;
        EXPECT_NEAR(*fast, NaiveTauB(x, y), 1e-12) << "seed " << seed << " round " << round;
    }
}

TEST(KendallTauB, UndefinedForTooFewItemsOrAConstantSide) {
    EXPECT_FALSE(KendallTauB(std::vector<double>{1}, std::vector<double>{1}).has_value());
    EXPECT_FALSE(
        KendallTauB(std::vector<double>{1, 2, 3}, std::vector<double>{7, 7, 7}).has_value());
}

TEST(ChiSquareSurvival, KnownQuantiles) {
    EXPECT_NEAR(ChiSquareSurvival(3.841459, 1), 0.05, 1e-6);
    EXPECT_NEAR(ChiSquareSurvival(18.307038, 10), 0.05, 1e-6);
    EXPECT_NEAR(ChiSquareSurvival(103.009508, 81), 0.05, 1e-6);     // a 10 × 10 table's 5 %
    EXPECT_NEAR(ChiSquareSurvival(2.0, 2), std::exp(-1.0), 1e-12);  // 2 dof: exp(-x / 2)
    EXPECT_NEAR(ChiSquareSurvival(80.0, 81), 0.51054, 1e-4);        // near the mean
    EXPECT_DOUBLE_EQ(ChiSquareSurvival(0.0, 5), 1.0);
    EXPECT_LT(ChiSquareSurvival(500.0, 81), 1e-40);
}

TEST(ChiSquareIndependence, TwoByTwoByHand) {
    // Totals: rows 30, 70; columns 40, 60; n 100; expected 12 18 / 28 42.
    const auto result = ChiSquareIndependence({{10, 20}, {30, 40}});
    ASSERT_TRUE(result.has_value());
    EXPECT_NEAR(result->statistic, 4.0 / 12 + 4.0 / 18 + 4.0 / 28 + 4.0 / 42, 1e-12);
    EXPECT_EQ(result->degrees_of_freedom, 1u);
    EXPECT_NEAR(result->p_value, 0.3730, 1e-3);
}

TEST(ChiSquareIndependence, AnEvenTableIsIndependentAndADiagonalOneIsNot) {
    const auto even = ChiSquareIndependence(ContingencyTable(3, std::vector<std::uint64_t>(3, 40)));
    ASSERT_TRUE(even.has_value());
    EXPECT_DOUBLE_EQ(even->statistic, 0);
    EXPECT_EQ(even->degrees_of_freedom, 4u);
    EXPECT_DOUBLE_EQ(even->p_value, 1);
    const auto diagonal = ChiSquareIndependence({{50, 0, 0}, {0, 50, 0}, {0, 0, 50}});
    ASSERT_TRUE(diagonal.has_value());
    EXPECT_NEAR(diagonal->statistic, 300, 1e-9);  // n (min(r, c) - 1) for a perfect association
    EXPECT_LT(diagonal->p_value, 1e-50);
}

TEST(ChiSquareIndependence, RefusesDegenerateTables) {
    EXPECT_FALSE(ChiSquareIndependence({{5, 5}}).has_value());
    EXPECT_FALSE(ChiSquareIndependence({{5}, {5}}).has_value());
    EXPECT_FALSE(ChiSquareIndependence({{5, 0}, {5, 0}}).has_value()) << "an empty column";
}

TEST(RankTable, BucketsKeepFiveExpectedPerCell) {
    EXPECT_EQ(RankTableBuckets(0), 2u);
    EXPECT_EQ(RankTableBuckets(44), 2u);  // 44 / 9 < 5
    EXPECT_EQ(RankTableBuckets(45), 3u);  // 45 / 9 = 5
    EXPECT_EQ(RankTableBuckets(499), 9u);
    EXPECT_EQ(RankTableBuckets(500), 10u);
    EXPECT_EQ(RankTableBuckets(1'000'000), 10u);
}

TEST(RankTable, ADrawThatKeepsArrivalOrderFillsTheDiagonal) {
    const std::vector<std::uint64_t> ranks = {3, 8, 20, 21, 40, 41};  // ascending with arrival
    EXPECT_EQ(RankTable(ranks, 2), (ContingencyTable{{3, 0}, {0, 3}}));
    const std::vector<std::uint64_t> reversed = {41, 40, 21, 20, 8, 3};
    EXPECT_EQ(RankTable(reversed, 3), (ContingencyTable{{0, 0, 2}, {0, 2, 0}, {2, 0, 0}}));
}

TEST(RankTable, AShuffledDrawPassesAndArrivalOrderFails) {
    const std::uint64_t seed = 7;
    std::mt19937_64 rng(seed);
    std::vector<std::uint64_t> ranks(10'000);
    for (std::size_t i = 0; i < ranks.size(); ++i) ranks[i] = i + 1;
    const auto in_order = ChiSquareIndependence(RankTable(ranks, 10));
    std::shuffle(ranks.begin(), ranks.end(), rng);
    const auto shuffled = ChiSquareIndependence(RankTable(ranks, 10));
    ASSERT_TRUE(in_order && shuffled);
    EXPECT_LT(in_order->p_value, 1e-12);
    EXPECT_GT(shuffled->p_value, 1e-3) << "seed " << seed;
}

}  // namespace
}  // namespace tix::bench
