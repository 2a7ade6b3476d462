// Rotating codes (docs/tickets.md, "Rotating codes"): for events with rotating QR codes, the
// holder's QR carries, beside the signed payload, a 32-bit code that changes every 15 s
// (TOTP-like, RFC 6238 with a 15 s step and HMAC-SHA256), so a screenshot passed around stops
// working within 30 s. The code is not signed: the ticket's secret, which only tixd and the
// event's scanners can derive, is what makes it unforgeable.
//
//   ticket secret = BLAKE2b-256(key = the event's rotation key, ticket id)
//   code(step)    = the first 4 bytes (BE) of HMAC-SHA256(key = ticket secret, step as 8 bytes BE)
//   step          = floor(unix seconds / 15)
//
// Pure functions of the time they are given; any thread.
#pragma once

#include <chrono>
#include <cstdint>

#include "common/time.h"
#include "engine/ticket.h"
#include "tickets/secret_bytes.h"
#include "tickets/ticket_keys.h"

namespace tix::tickets {

inline constexpr std::chrono::seconds kCodeStep{15};
// A scan accepts the code of its own step and of the previous one: a code shown at the end of a
// step still passes a scanner a moment later, and none lives longer than 2 steps (30 s).
inline constexpr std::int64_t kCodeStepsAccepted = 2;

using TicketCodeSecret = SecretBytes<struct TicketCodeSecretTag, 32>;

// floor(unix seconds / 15): the step `t` falls in (before 1970 too).
std::int64_t StepAt(TimePoint t);

TicketCodeSecret DeriveTicketCodeSecret(const RotationKey& rotation_key,
                                        const engine::TicketId& ticket_id);

std::uint32_t CodeAt(const TicketCodeSecret& secret, std::int64_t step);

// The code the holder's QR shows at `now`.
std::uint32_t CurrentCode(const TicketCodeSecret& secret, TimePoint now);

// True when `code` is the code of StepAt(scanned_at) or of the step before it (compared in
// constant time). A code of a later step (a clock ahead) is refused like an old one.
bool AcceptCode(const TicketCodeSecret& secret, std::uint32_t code, TimePoint scanned_at);

}  // namespace tix::tickets
