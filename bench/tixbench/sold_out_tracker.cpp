#include "sold_out_tracker.h"

#include <algorithm>
#include <cassert>

namespace tix::bench {

SoldOutTracker::SoldOutTracker(std::uint32_t zone_count)
    : zone_count_(zone_count), first_ns_(new std::atomic<std::int64_t>[zone_count]) {
    for (std::uint32_t i = 0; i < zone_count_; ++i) first_ns_[i].store(kNever);
}

void SoldOutTracker::Record(std::uint32_t zone_index, std::chrono::nanoseconds since_start) {
    assert(zone_index < zone_count_);
    std::int64_t seen = first_ns_[zone_index].load(std::memory_order_relaxed);
    const std::int64_t now = since_start.count();
    while (now < seen && !first_ns_[zone_index].compare_exchange_weak(seen, now)) {
    }
}

std::optional<double> SoldOutTracker::AllSoldOutAfterSeconds() const {
    std::int64_t latest = 0;
    for (std::uint32_t i = 0; i < zone_count_; ++i) {
        const std::int64_t first = first_ns_[i].load();
        if (first == kNever) return std::nullopt;
        latest = std::max(latest, first);
    }
    return static_cast<double>(latest) / 1e9;
}

}  // namespace tix::bench
