// SoldOutTracker: when each zone first answered sold_out, to report how long the on-sale took
// to sell out (the latest zone's first sold_out). Lock-free; shared by every connection.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace tix::bench {

class SoldOutTracker {
  public:
    explicit SoldOutTracker(std::uint32_t zone_count);

    // `since_start`: how far into the run the sold_out answer arrived.
    void Record(std::uint32_t zone_index, std::chrono::nanoseconds since_start);
    // Seconds until every zone had answered sold_out; nullopt if one never did.
    std::optional<double> AllSoldOutAfterSeconds() const;

  private:
    static constexpr std::int64_t kNever = INT64_MAX;

    std::uint32_t zone_count_;
    std::unique_ptr<std::atomic<std::int64_t>[]> first_ns_;
};

}  // namespace tix::bench
