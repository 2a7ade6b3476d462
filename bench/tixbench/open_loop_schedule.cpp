#include "open_loop_schedule.h"

#include <cassert>
#include <cmath>

namespace tix::bench {

OpenLoopSchedule::OpenLoopSchedule(double rate_per_s, Clock::time_point start,
                                   Clock::duration length)
    : nanos_per_arrival_(1e9 / rate_per_s), start_(start) {
    assert(rate_per_s > 0 && length.count() >= 0);
    // The first k whose intended time is at or past the end; rounding is settled by IntendedTime
    // itself so total() and DueBy() can never disagree.
    const Clock::time_point end = start + length;
    auto k = static_cast<std::uint64_t>(
        std::ceil(std::chrono::duration<double, std::nano>(length).count() / nanos_per_arrival_));
    while (k > 0 && IntendedTime(k - 1) >= end) --k;
    while (IntendedTime(k) < end) ++k;
    total_ = k;
}

OpenLoopSchedule::Clock::time_point OpenLoopSchedule::IntendedTime(std::uint64_t arrival) const {
    const auto offset = std::llround(static_cast<double>(arrival) * nanos_per_arrival_);
    return start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(offset));
}

std::uint64_t OpenLoopSchedule::DueBy(Clock::time_point now) const {
    if (now < start_ || total_ == 0) return 0;
    const double elapsed = std::chrono::duration<double, std::nano>(now - start_).count();
    auto k = static_cast<std::uint64_t>(elapsed / nanos_per_arrival_);  // last due, roughly
    if (k >= total_) k = total_ - 1;
    while (k > 0 && IntendedTime(k) > now) --k;
    while (k + 1 < total_ && IntendedTime(k + 1) <= now) ++k;
    return k + 1;
}

}  // namespace tix::bench
