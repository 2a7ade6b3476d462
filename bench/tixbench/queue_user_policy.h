// How a simulated user of the queue scenario behaves, as pure functions: reading the queue's
// answers (a challenge, a status) and deciding what to do next. Humans poll when poll_after_ms
// says; bots poll again at once, as fast as the rate limits let them. Both wait out a 429's
// Retry-After. An admitted user buys: a hold in its zone, then in the other, then one ticket in
// either, then a confirm.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "queue_population.h"

namespace tix::bench {

struct ChallengeAnswer {
    std::string challenge;
    unsigned bits = 0;
};

// GET .../queue/challenge's body; nullopt when it is not one.
std::optional<ChallengeAnswer> ReadChallenge(std::string_view body);

// The fields of a status (POST .../queue and GET .../queue/me) the bench uses.
struct StatusAnswer {
    std::string status;  // waiting, admitted, expired, paid, sold_out, removed
    std::uint64_t entry_id = 0;
    std::chrono::milliseconds poll_after{0};
    std::optional<TimePoint> admission_expires_at;
    std::optional<std::uint64_t> draw_rank;
};

// nullopt when the body is not a status (no status, entry_id or poll_after_ms).
std::optional<StatusAnswer> ReadStatus(std::string_view body);

enum class Move : std::uint8_t { kPoll, kBuy, kStop };

struct Decision {
    Move move = Move::kStop;
    std::chrono::milliseconds delay{0};  // before the poll
};

// After a status: waiting → poll (a human after poll_after, a bot at once); admitted → buy;
// anything else (paid, expired, sold_out, removed) ends the user's part.
Decision AfterStatus(UserKind kind, const StatusAnswer& answer);

// How long to wait before sending a refused request again: Retry-After, at least a second.
std::chrono::milliseconds RetryDelay(std::chrono::seconds retry_after);

struct BuyAttempt {
    std::uint32_t zone = 0;
    std::uint32_t quantity = 1;
};

// The holds an admitted user tries in turn until one succeeds: the wanted zone and quantity,
// the other zone, then a single ticket in each (so the last tickets sell). Without repeats.
// REQUIRES: zone < zone_count, zone_count in 1..2, quantity >= 1.
std::vector<BuyAttempt> BuyAttempts(std::uint32_t zone, std::uint32_t zone_count,
                                    std::uint32_t quantity);

}  // namespace tix::bench
