// PhaseRecorder: what one connection of a closed-loop phase (`tixbench auth`, `--scenario
// queue-load`) keeps of its requests: each one's latency from its send, the answers by outcome,
// the successes and the errors (transport failures, and answers that are neither the success nor
// a refusal the contract allows). One per connection, on its thread; Take the figures at the end.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "http_connection.h"
#include "outcome_counter.h"
#include "phase_stats.h"

namespace tix::bench {

class PhaseRecorder {
  public:
    using Clock = std::chrono::steady_clock;
    enum class Verdict : std::uint8_t { kSucceeded, kRefused, kFailed, kNoAnswer };

    // A phase starts: no answer yet.
    void Start() { last_answer_ = Clock::now(); }
    // A request goes out now.
    void Sent() { sent_at_ = Clock::now(); }
    // The answer to the request sent last. `refusals`: the problem codes allowed besides the
    // success status (e.g. "overloaded"), counted but not errors.
    Verdict Record(const HttpAnswer& answer, unsigned success,
                   const std::vector<std::string_view>& refusals);

    // When the phase's last answer came (or it started, if none did).
    Clock::time_point last_answer() const { return last_answer_; }
    // The figures so far; starts afresh for the next phase.
    PhaseStats Take();

  private:
    Clock::time_point sent_at_{};
    Clock::time_point last_answer_{};
    PhaseStats stats_;
    OutcomeCounter outcomes_;
};

}  // namespace tix::bench
