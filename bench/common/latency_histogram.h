// LatencyHistogram: a log-bucketed latency histogram (HdrHistogram's layout, small): values in
// microseconds, 32 sub-buckets per power of two, so any percentile is within ~3% of the truth and
// recording is a few instructions with no allocation. One histogram per thread; Merge at the end.
#pragma once

#include <array>
#include <cstdint>

namespace tix::bench {

class LatencyHistogram {
  public:
    static constexpr int kSubBucketBits = 5;  // 32 sub-buckets: ≤ 1/32 relative error
    static constexpr int kMaxMagnitude = 40;  // up to 2^40 µs (~12 days); larger values clamp

    void Record(std::uint64_t micros);
    void Merge(const LatencyHistogram& other);

    std::uint64_t count() const { return count_; }
    std::uint64_t max() const { return max_; }
    double mean() const { return count_ == 0 ? 0.0 : static_cast<double>(sum_) / count_; }
    // The smallest recorded bucket's upper edge at or below which `percentile` percent of the
    // values lie (0 when empty). REQUIRES: 0 <= percentile <= 100.
    std::uint64_t Percentile(double percentile) const;

  private:
    static constexpr int kSubBuckets = 1 << kSubBucketBits;
    static constexpr int kBucketCount = (kMaxMagnitude - kSubBucketBits + 1) * kSubBuckets;

    static int IndexOf(std::uint64_t micros);
    static std::uint64_t UpperEdgeOf(int index);

    std::array<std::uint64_t, kBucketCount> counts_{};
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;
    std::uint64_t max_ = 0;
};

}  // namespace tix::bench
