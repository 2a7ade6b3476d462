#include "bid_stream.h"

namespace tix::bench {
namespace {

// SplitMix64: a well-mixed 64-bit value from any input, no state.
std::uint64_t Mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// A bidder's first bid lands within this much above the minimum, and each raise adds up to this
// much on top of the step: prices spread, so ranks change with every bid.
constexpr std::int64_t kSpreadMinor = 5'000;

}  // namespace

std::int64_t BidPriceMinor(std::uint64_t seed, std::uint32_t bidder, std::uint32_t bid_number) {
    const std::uint64_t base = Mix(seed ^ (std::uint64_t{bidder} << 20));
    std::int64_t price =
        kBidMinPriceMinor + static_cast<std::int64_t>(base % kSpreadMinor) + kBidStepMinor;
    // The raises depend only on (seed, bidder, k), so any bid's price is reproducible alone.
    for (std::uint32_t k = 2; k <= bid_number; ++k) {
        price += kBidStepMinor + static_cast<std::int64_t>(Mix(base + k) % kSpreadMinor);
    }
    return price;
}

double BidderWeight(std::uint32_t bidder) {
    return bidder % kWeightedBidderEvery == 0 ? kWeightedBidderWeight : 1.0;
}

double BidScore(const BidWeights& weights, std::int64_t price_minor, std::int64_t elapsed_ms,
                double member_weight) {
    const double price = static_cast<double>(price_minor) / 100.0;
    return weights.alpha * price + weights.beta / (static_cast<double>(elapsed_ms) + 1.0) +
           weights.gamma * member_weight;
}

}  // namespace tix::bench
