#include "redelivery_schedule.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>
#include <random>
#include <tuple>

namespace tix::bench {

std::vector<std::uint32_t> RedeliverySchedule(std::uint32_t events, double redelivered_share,
                                              std::uint64_t seed) {
    assert(redelivered_share >= 0 && redelivered_share <= 1);
    const auto redelivered =
        static_cast<std::uint32_t>(std::llround(static_cast<double>(events) * redelivered_share));
    std::mt19937_64 random(seed);
    // Which events come twice: the first `redelivered` of a partial shuffle.
    std::vector<std::uint32_t> chosen(events);
    std::iota(chosen.begin(), chosen.end(), 0u);
    for (std::uint32_t i = 0; i < redelivered; ++i) {
        std::uniform_int_distribution<std::uint32_t> pick(i, events - 1);
        std::swap(chosen[i], chosen[pick(random)]);
    }
    // Each delivery gets a slot: the first of event e is slot e; its redelivery slot e + lag,
    // placed after the first deliveries of that slot (the tie-break) and capped at the end.
    struct Delivery {
        std::uint32_t slot;
        bool again;
        std::uint32_t event;
    };
    std::vector<Delivery> deliveries;
    deliveries.reserve(static_cast<std::size_t>(events) + redelivered);
    for (std::uint32_t e = 0; e < events; ++e) deliveries.push_back({e, false, e});
    std::uniform_int_distribution<std::uint32_t> lag(1, kRedeliveryLagMax);
    for (std::uint32_t i = 0; i < redelivered; ++i) {
        const std::uint32_t e = chosen[i];
        deliveries.push_back({std::min(e + lag(random), events), true, e});
    }
    std::sort(deliveries.begin(), deliveries.end(), [](const Delivery& a, const Delivery& b) {
        return std::tie(a.slot, a.again, a.event) < std::tie(b.slot, b.again, b.event);
    });
    std::vector<std::uint32_t> schedule;
    schedule.reserve(deliveries.size());
    for (const Delivery& delivery : deliveries) schedule.push_back(delivery.event);
    return schedule;
}

}  // namespace tix::bench
