// Rate: how many requests a bucket lets through per period, and how many at once (the burst),
// as the operator writes it in tixd's configuration: "120/min", "10/hour,burst=3", "off".
// A plain value; ParseRate and FormatRate are pure functions, callable from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tix::guard {

// Far above any limit worth configuring; they keep the arithmetic of a bucket in range (one
// token per microsecond at most, a burst's tolerance well within 64 bits of microseconds).
inline constexpr std::uint32_t kRateCountMax = 1'000'000;
inline constexpr std::uint32_t kRateBurstMax = 1'000'000;
inline constexpr std::chrono::hours kRatePeriodMax{24};

struct Rate {
    std::uint32_t count = 0;  // requests per period; 0: no limit
    std::chrono::seconds period{60};
    std::uint32_t burst = 0;  // requests a full bucket lets through at once

    static constexpr Rate Off() { return {}; }
    static constexpr Rate PerMinute(std::uint32_t count) {
        return {count, std::chrono::minutes{1}, count};
    }
    static constexpr Rate PerHour(std::uint32_t count) {
        return {count, std::chrono::hours{1}, count};
    }

    bool enabled() const { return count > 0; }
    // The time one request's token takes to come back: period / count.
    std::chrono::microseconds interval() const;

    friend bool operator==(const Rate&, const Rate&) = default;
};

// "<count>/<s|min|hour|day>[,burst=<n>]" or "off". The burst defaults to the count: a full bucket
// holds one period's worth. InvalidArgument says what is wrong.
Result<Rate> ParseRate(std::string_view text);

// The inverse of ParseRate: "120/min", "10/hour,burst=3", "off".
std::string FormatRate(const Rate& rate);

}  // namespace tix::guard
