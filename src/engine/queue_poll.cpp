#include "engine/queue_poll.h"

#include <algorithm>

#include "engine/flat_table.h"  // MixHash
#include "engine/tix_assert.h"

namespace tix::engine {

using std::chrono::milliseconds;

std::chrono::milliseconds PollAfterWaiting(std::uint64_t position, std::uint32_t admit_per_minute) {
    TIX_ASSERT(position >= 1 && admit_per_minute >= 1, "poll_after of no position or no rate");
    // (p - 1) * 60 s / (2 R), in ms; p < 2^32 and 30,000 < 2^15, so no overflow.
    const std::uint64_t ms = (position - 1) * 30'000 / admit_per_minute;
    return std::clamp(milliseconds(static_cast<std::int64_t>(std::min<std::uint64_t>(
                          ms, static_cast<std::uint64_t>(kPollMax.count())))),
                      kPollMin, kPollMax);
}

std::chrono::milliseconds PollAfterPreQueue(TimePoint now, TimePoint sale_starts_at,
                                            std::chrono::seconds admission, QueueEntryId entry) {
    TIX_ASSERT(admission >= limits::kAdmissionMin, "an admission shorter than the minimum");
    const milliseconds spread = milliseconds(admission) / 2 - kPollMin;
    // u(entry) * spread, with u the top 32 bits of a hash of the id over 2^32.
    const milliseconds jitter{
        (MixHash(entry.value()) >> 32) * static_cast<std::uint64_t>(spread.count()) >> 32};
    const milliseconds until_sale = std::max(milliseconds(0), sale_starts_at - now);
    return std::clamp(std::min(until_sale, kPollMax) + jitter, kPollMin, kPollMax);
}

}  // namespace tix::engine
