#include "latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace tix::bench {

// Values below 32 µs get a bucket each; above, a power of two [2^m, 2^(m+1)) splits into 32.
int LatencyHistogram::IndexOf(std::uint64_t micros) {
    constexpr std::uint64_t kLargest = (std::uint64_t{1} << kMaxMagnitude) - 1;
    micros = std::min(micros, kLargest);
    if (micros < kSubBuckets) return static_cast<int>(micros);
    const int magnitude = std::bit_width(micros) - 1;  // >= kSubBucketBits
    const int shift = magnitude - kSubBucketBits;
    const int sub = static_cast<int>((micros >> shift) - kSubBuckets);
    return (shift + 1) * kSubBuckets + sub;
}

std::uint64_t LatencyHistogram::UpperEdgeOf(int index) {
    if (index < kSubBuckets) return static_cast<std::uint64_t>(index);
    const int shift = index / kSubBuckets - 1;
    const std::uint64_t sub = static_cast<std::uint64_t>(index % kSubBuckets) + kSubBuckets;
    return ((sub + 1) << shift) - 1;
}

void LatencyHistogram::Record(std::uint64_t micros) {
    ++counts_[IndexOf(micros)];
    ++count_;
    sum_ += micros;
    max_ = std::max(max_, micros);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
    for (int i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
    count_ += other.count_;
    sum_ += other.sum_;
    max_ = std::max(max_, other.max_);
}

std::uint64_t LatencyHistogram::Percentile(double percentile) const {
    if (count_ == 0) return 0;
    const auto rank = static_cast<std::uint64_t>(
        std::max(1.0, std::ceil(percentile / 100.0 * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (int i = 0; i < kBucketCount; ++i) {
        seen += counts_[i];
        if (seen >= rank) return std::min(UpperEdgeOf(i), max_);
    }
    return max_;
}

}  // namespace tix::bench
