// The shape of an on-sale, shared by tixbench's tixd driver and the Redis / PostgreSQL
// alternatives so that every system sees the same mix: each attempt picks a zone with a
// Zipf-skewed preference (zone 0, the infield, is the most wanted), asks for 1..8 tickets, and
// when the hold succeeds either confirms it, cancels it or walks away (the hold expires).
// Deterministic for a given seed; one OnSaleWorkload per connection (not thread-safe).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace tix::bench {

struct WorkloadShape {
    double zipf_exponent = 1.0;      // 0: uniform over zones; larger: more skewed to zone 0
    double confirm_share = 0.5;      // of successful holds
    double cancel_share = 0.3;       // of successful holds; the rest are left to expire
    std::uint32_t quantity_max = 8;  // 1..quantity_max tickets per attempt, uniform
};

enum class FollowUp : std::uint8_t { kConfirm, kCancel, kLeave };

struct Attempt {
    std::uint32_t zone_index = 0;
    std::uint32_t quantity = 1;
    FollowUp follow_up = FollowUp::kLeave;
};

// Draws indices 0..n-1 with P(i) proportional to 1 / (i + 1)^exponent.
class ZipfPicker {
  public:
    // REQUIRES: zone_count >= 1, exponent >= 0.
    ZipfPicker(std::uint32_t zone_count, double exponent);
    std::uint32_t Pick(std::mt19937_64& rng) const;

  private:
    std::vector<double> cumulative_;  // normalised; last element is 1
};

class OnSaleWorkload {
  public:
    OnSaleWorkload(const WorkloadShape& shape, std::uint32_t zone_count, std::uint64_t seed);

    Attempt Next();
    // A zone other than `tried`, for a user whose first choice sold out (Zipf again).
    std::uint32_t FallbackZone(std::uint32_t tried);
    std::mt19937_64& rng() { return rng_; }

  private:
    WorkloadShape shape_;
    ZipfPicker zones_;
    std::uint32_t zone_count_;
    std::mt19937_64 rng_;
};

}  // namespace tix::bench
