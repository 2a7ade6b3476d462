// The bid stream of `--scenario bidding`, as pure functions of the seed, so that tixd and the Redis
// sorted set (the seed's design) get the same bids: bidder i's k-th bid (k from 1) has a price
// that rises with k, every bidder's its own; a few bidders have a member weight other than 1.
// The score is the contract's formula (docs/api.md, issue 11), written here from the text rather
// than with the engine's code, for the Redis replay.
#pragma once

#include <cstdint>

namespace tix::bench {

// What the engine keeps of one user's bids in a campaign (engine::kBidsPerParticipantMax): a
// bidder stops there, as a 101st bid would be refused.
inline constexpr std::uint32_t kBidsPerBidderMax = 100;
// The product's minimum price, in minor units (100.00).
inline constexpr std::int64_t kBidMinPriceMinor = 10'000;
// Every bidder's k-th bid is at least this much above its (k-1)-th, in minor units.
inline constexpr std::int64_t kBidStepMinor = 100;
// Every kWeightedBidderEvery-th bidder is a member with weight kWeightedBidderWeight.
inline constexpr std::uint32_t kWeightedBidderEvery = 100;
inline constexpr double kWeightedBidderWeight = 2.0;

struct BidWeights {
    double alpha = 1.0;
    double beta = 1000.0;
    double gamma = 100.0;
};

// REQUIRES: bid_number >= 1. > the price of bid_number - 1, >= kBidMinPriceMinor.
std::int64_t BidPriceMinor(std::uint64_t seed, std::uint32_t bidder, std::uint32_t bid_number);

// The member weight the setup gives bidder i (1.0 for most).
double BidderWeight(std::uint32_t bidder);

// alpha * P + beta / (T + 1) + gamma * W, P in major units (two minor digits), T the milliseconds
// from the campaign's start to the bid.
double BidScore(const BidWeights& weights, std::int64_t price_minor, std::int64_t elapsed_ms,
                double member_weight);

}  // namespace tix::bench
