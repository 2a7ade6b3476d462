// When a waiting room may admit its next entry, as far as the rate goes, and what it measures of
// its own outflow. Owned by WaitingRoom; single-threaded; time is passed in.
//
// Pacing is virtual scheduling (GCRA): next_at is when the next admission is due, kept in
// nanoseconds so that rates above one a millisecond pace exactly; each admission moves it on by
// Interval(rate) = ceil(60 s / admit_per_minute). A Pump at `now` admits while next_at <= now, so
// admissions are spread evenly, never faster than the rate, and a Pump that comes late catches up
// what it missed, but at most kAdmissionCatchUp of it: next_at never lags `now` by more, so a room
// that was idle, paused or full does not save up a burst.
//
// On top of that, a hard ceiling: an admission is allowed only while fewer than admit_per_minute
// admissions fall in (now - 60 s, now] (catch-up and rate changes cannot break it). Admissions are
// counted per millisecond in a deque that holds the last 60 s (at most 60,000 buckets).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>

#include "common/limits.h"
#include "engine/queue_types.h"

namespace tix::engine {

using limits::kAdmissionCatchUp;
using limits::kOutflowWindow;

// Pacing time: finer than TimePoint, so 1,000,000 admissions a minute are 60 µs apart exactly.
using PaceTime = std::chrono::sys_time<std::chrono::nanoseconds>;

class AdmissionPacer {
  public:
    // The pacing interval: 60 s / admit_per_minute, rounded up (never faster). REQUIRES: rate > 0.
    static std::chrono::nanoseconds Interval(std::uint32_t admit_per_minute);

    // True if the rate allows an admission at `now`: it is due, and fewer than admit_per_minute
    // admissions fall in the last 60 s.
    bool MayAdmit(TimePoint now, std::uint32_t admit_per_minute) const;
    // Counts an admission at `now` and schedules the next. REQUIRES: MayAdmit(now, rate).
    void Admit(TimePoint now, std::uint32_t admit_per_minute);
    // The earliest time at which MayAdmit can hold (in whole milliseconds, rounded up); may be in
    // the past (an admission is due now).
    TimePoint NextAdmissionAt(std::uint32_t admit_per_minute) const;

    // Admissions in (now - 60 s, now]: the measured outflow.
    std::uint64_t AdmittedInWindow(TimePoint now) const;
    // The measured outflow as a rate per minute: AdmittedInWindow, scaled up while the room has
    // admitted without a break for less than a minute. nullopt when nothing was admitted in the
    // last minute (unknown).
    std::optional<double> MeasuredPerMinute(TimePoint now) const;

    // Pacing (re)starts at `at`: nothing is due before it, nothing saved up from before it. For
    // the draw and for resuming a paused room.
    void StartAt(TimePoint at) { next_at_ = std::max(next_at_, PaceTime(at)); }

    PaceTime next_at() const { return next_at_; }
    // Recovery: the journaled next_at, then every admission ever, in time order.
    void RestoreNextAt(PaceTime next_at) { next_at_ = next_at; }
    void RestoreAdmission(TimePoint admitted_at) { Count(admitted_at); }

    std::size_t bytes() const { return buckets_.size() * sizeof(Bucket); }
    // Aborts unless the buckets ascend and sum to the running total.
    void CheckInvariants() const;

  private:
    struct Bucket {
        TimePoint at{};
        std::uint32_t admissions = 0;
    };

    // Adds an admission at `at` to the window, dropping buckets that left it. A time earlier than
    // the last one counted (a clock stepping back) counts as the last one.
    void Count(TimePoint at);
    // Admissions in buckets at or before `cutoff` (which have left the window at cutoff + 60 s).
    std::uint64_t CountedUpTo(TimePoint cutoff) const;

    PaceTime next_at_{};
    std::deque<Bucket> buckets_;  // ascending `at`, one per millisecond with admissions
    std::uint64_t total_ = 0;     // the sum over buckets_
    TimePoint busy_since_{};      // the first admission after a minute without any
};

}  // namespace tix::engine
