// OutcomeCounter: counts answers by outcome ("201", "409 sold_out", "error: timeout") without
// building a string per request: a handful of distinct outcomes, found by a linear scan.
// Copied into RunStats::outcomes (or PhaseStats::outcomes) when the run ends. One per connection.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "run_stats.h"

namespace tix::bench {

class OutcomeCounter {
  public:
    void Count(std::string_view outcome) {
        for (auto& [key, count] : counts_) {
            if (key == outcome) {
                ++count;
                return;
            }
        }
        counts_.emplace_back(std::string(outcome), 1);
    }
    // "<status>" or "<status> <code>".
    void CountStatus(unsigned status, std::string_view code) {
        char key[96];
        char* end = std::to_chars(key, key + 16, status).ptr;
        if (!code.empty()) {
            *end++ = ' ';
            const std::size_t length = std::min<std::size_t>(code.size(), 64);
            end = std::copy_n(code.data(), length, end);
        }
        Count(std::string_view(key, static_cast<std::size_t>(end - key)));
    }
    // Into anything with an `outcomes` map: RunStats, PhaseStats.
    template <typename Stats>
    void AddTo(Stats& stats) const {
        for (const auto& [key, count] : counts_) stats.outcomes[key] += count;
    }

  private:
    std::vector<std::pair<std::string, std::uint64_t>> counts_;
};

}  // namespace tix::bench
