#include "onsale_workload.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace tix::bench {

ZipfPicker::ZipfPicker(std::uint32_t zone_count, double exponent) {
    assert(zone_count >= 1 && exponent >= 0);
    double total = 0;
    for (std::uint32_t i = 0; i < zone_count; ++i) {
        total += 1.0 / std::pow(static_cast<double>(i + 1), exponent);
        cumulative_.push_back(total);
    }
    for (double& c : cumulative_) c /= total;
    cumulative_.back() = 1.0;
}

std::uint32_t ZipfPicker::Pick(std::mt19937_64& rng) const {
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    const auto index = static_cast<std::uint32_t>(it - cumulative_.begin());
    return std::min(index, static_cast<std::uint32_t>(cumulative_.size() - 1));
}

OnSaleWorkload::OnSaleWorkload(const WorkloadShape& shape, std::uint32_t zone_count,
                               std::uint64_t seed)
    : shape_(shape), zones_(zone_count, shape.zipf_exponent), zone_count_(zone_count), rng_(seed) {}

Attempt OnSaleWorkload::Next() {
    Attempt attempt;
    attempt.zone_index = zones_.Pick(rng_);
    attempt.quantity =
        std::uniform_int_distribution<std::uint32_t>(1, std::max(1u, shape_.quantity_max))(rng_);
    const double roll = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
    if (roll < shape_.confirm_share) {
        attempt.follow_up = FollowUp::kConfirm;
    } else if (roll < shape_.confirm_share + shape_.cancel_share) {
        attempt.follow_up = FollowUp::kCancel;
    }
    return attempt;
}

std::uint32_t OnSaleWorkload::FallbackZone(std::uint32_t tried) {
    if (zone_count_ == 1) return tried;
    for (;;) {
        const std::uint32_t zone = zones_.Pick(rng_);
        if (zone != tried) return zone;
    }
}

}  // namespace tix::bench
