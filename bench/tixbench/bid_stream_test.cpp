#include "bid_stream.h"

#include <gtest/gtest.h>

namespace tix::bench {
namespace {

TEST(BidStream, PricesRiseWithEveryBidOfABidder) {
    for (std::uint32_t bidder : {0u, 1u, 9'999u}) {
        std::int64_t last = 0;
        for (std::uint32_t k = 1; k <= kBidsPerBidderMax; ++k) {
            const std::int64_t price = BidPriceMinor(7, bidder, k);
            EXPECT_GT(price, last) << "bidder " << bidder << " bid " << k;
            EXPECT_GE(price, kBidMinPriceMinor + kBidStepMinor);
            last = price;
        }
    }
}

TEST(BidStream, TheSameSeedGivesTheSameStreamAndBiddersDiffer) {
    EXPECT_EQ(BidPriceMinor(7, 3, 5), BidPriceMinor(7, 3, 5));
    EXPECT_NE(BidPriceMinor(7, 3, 1), BidPriceMinor(8, 3, 1));
    EXPECT_NE(BidPriceMinor(7, 3, 1), BidPriceMinor(7, 4, 1));
}

TEST(BidStream, AFewBiddersAreWeightedMembers) {
    EXPECT_EQ(BidderWeight(0), kWeightedBidderWeight);
    EXPECT_EQ(BidderWeight(1), 1.0);
    EXPECT_EQ(BidderWeight(kWeightedBidderEvery + 1), 1.0);
    EXPECT_EQ(BidderWeight(kWeightedBidderEvery * 3), kWeightedBidderWeight);
}

// The contract's example weights: 1 * 150.00 + 1000 / (999 + 1) + 100 * 1.5.
TEST(BidStream, ScoreIsTheContractsFormula) {
    EXPECT_DOUBLE_EQ(BidScore({}, 15'000, 999, 1.5), 150.0 + 1.0 + 150.0);
    EXPECT_DOUBLE_EQ(BidScore({.alpha = 2, .beta = 0, .gamma = 0}, 1'234, 0, 1), 24.68);
    // At T = 0 the time term is beta itself.
    EXPECT_DOUBLE_EQ(BidScore({.alpha = 0, .beta = 1000, .gamma = 0}, 0, 0, 1), 1000.0);
}

}  // namespace
}  // namespace tix::bench
