// How long a waiting-room client should wait before polling its status again (poll_after). The
// HTTP layer returns it with every status; honest clients follow it, and the room stays
// servable with a million of them. Pure functions, any thread.
//
// Waiting at position p (1 = next in line), R = admit_per_minute, r = R / 60 s:
//     poll_after = clamp((p - 1) / (2 r), kPollMin, kPollMax)
// (p - 1) / r is the soonest the entry can be admitted (R is a hard ceiling), so a client that
// sleeps half of it never sleeps through its admission, and each poll halves what is left. The
// whole room then polls about
//     2 r (1 + ln(kPollMax / kPollMin)) + max(0, N - 2 r kPollMax) / kPollMax   polls/s
// (positions below 2 r kPollMin poll every kPollMin, those above 2 r kPollMax every kPollMax, the
// ones between at 2 r / p). With kPollMin = 2 s, kPollMax = 600 s that is 0.22 R + N / 600 s:
// for N = 1,000,000 waiting, about 1,900 polls/s at R = 1,000/min and 2,800 at R = 6,000/min.
// The first term grows with the rate: every admitted client must hear of it within its
// admission, so a room admitting 60,000 a minute is polled about 13,000 times a second.
//
// In the pre-queue (no position until the draw): until sale start, then a spread of
// admission / 2 - kPollMin chosen per entry (a hash of its id), so that the draw does not bring
// every client at once and rank 1 still hears within its admission:
//     poll_after = clamp(sale_starts_at - now + u(entry) (admission / 2 - kPollMin),
//                        kPollMin, kPollMax),   u(entry) in [0, 1)
// At sale start the pre-queue polls at N / (admission / 2 - kPollMin): 3,400/s for a million at
// a 600 s admission.
#pragma once

#include <cstdint>

#include "common/limits.h"
#include "engine/queue_types.h"

namespace tix::engine {

using limits::kPollMax;
using limits::kPollMin;

// REQUIRES: position >= 1, admit_per_minute >= 1.
std::chrono::milliseconds PollAfterWaiting(std::uint64_t position, std::uint32_t admit_per_minute);

// REQUIRES: admission >= kAdmissionMin.
std::chrono::milliseconds PollAfterPreQueue(TimePoint now, TimePoint sale_starts_at,
                                            std::chrono::seconds admission, QueueEntryId entry);

}  // namespace tix::engine
