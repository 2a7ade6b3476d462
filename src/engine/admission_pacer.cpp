#include "engine/admission_pacer.h"

#include <algorithm>

#include "engine/tix_assert.h"

namespace tix::engine {

std::chrono::nanoseconds AdmissionPacer::Interval(std::uint32_t admit_per_minute) {
    TIX_ASSERT(admit_per_minute > 0, "a rate of zero admits no one: pause instead");
    const std::int64_t window = std::chrono::nanoseconds(kOutflowWindow).count();
    return std::chrono::nanoseconds{(window + admit_per_minute - 1) / admit_per_minute};
}

bool AdmissionPacer::MayAdmit(TimePoint now, std::uint32_t admit_per_minute) const {
    return next_at_ <= PaceTime(now) && AdmittedInWindow(now) < admit_per_minute;
}

void AdmissionPacer::Admit(TimePoint now, std::uint32_t admit_per_minute) {
    TIX_ASSERT(MayAdmit(now, admit_per_minute), "an admission the pacer does not allow");
    next_at_ = std::max(next_at_, PaceTime(now - kAdmissionCatchUp)) + Interval(admit_per_minute);
    Count(now);
}

TimePoint AdmissionPacer::NextAdmissionAt(std::uint32_t admit_per_minute) const {
    TimePoint due = std::chrono::ceil<std::chrono::milliseconds>(next_at_);
    if (total_ < admit_per_minute) return due;
    // The ceiling binds until enough of the oldest admissions have left the window.
    std::uint64_t left = 0;
    for (const Bucket& bucket : buckets_) {
        left += bucket.admissions;
        if (total_ - left < admit_per_minute) return std::max(due, bucket.at + kOutflowWindow);
    }
    return due;  // unreachable: admit_per_minute > 0
}

std::uint64_t AdmissionPacer::AdmittedInWindow(TimePoint now) const {
    return total_ - CountedUpTo(now - kOutflowWindow);
}

std::optional<double> AdmissionPacer::MeasuredPerMinute(TimePoint now) const {
    const std::uint64_t admitted = AdmittedInWindow(now);
    if (admitted == 0) return std::nullopt;
    // Less than a minute of history measures a shorter span; a second at least, so the first
    // admissions of a sale do not extrapolate to nonsense.
    const std::chrono::milliseconds window = kOutflowWindow;
    const std::chrono::milliseconds busy =
        std::clamp<std::chrono::milliseconds>(now - busy_since_, std::chrono::seconds(1), window);
    return static_cast<double>(admitted) * static_cast<double>(window.count()) /
           static_cast<double>(busy.count());
}

void AdmissionPacer::Count(TimePoint at) {
    while (!buckets_.empty() && buckets_.front().at <= at - kOutflowWindow) {
        total_ -= buckets_.front().admissions;
        buckets_.pop_front();
    }
    if (buckets_.empty()) busy_since_ = at;
    if (!buckets_.empty() && buckets_.back().at >= at) {
        ++buckets_.back().admissions;
    } else {
        buckets_.push_back({at, 1});
    }
    ++total_;
}

std::uint64_t AdmissionPacer::CountedUpTo(TimePoint cutoff) const {
    std::uint64_t counted = 0;
    for (const Bucket& bucket : buckets_) {
        if (bucket.at > cutoff) break;
        counted += bucket.admissions;
    }
    return counted;
}

void AdmissionPacer::CheckInvariants() const {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        TIX_ASSERT(buckets_[i].admissions > 0, "an empty outflow bucket");
        TIX_ASSERT(i == 0 || buckets_[i - 1].at < buckets_[i].at, "outflow buckets out of order");
        sum += buckets_[i].admissions;
    }
    TIX_ASSERT(sum == total_, "outflow buckets do not sum to their total");
}

}  // namespace tix::engine
