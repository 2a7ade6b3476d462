#include "phase_recorder.h"

#include <algorithm>
#include <cstdio>

#include "problem_code.h"

namespace tix::bench {

PhaseRecorder::Verdict PhaseRecorder::Record(const HttpAnswer& answer, unsigned success,
                                             const std::vector<std::string_view>& refusals) {
    last_answer_ = Clock::now();
    if (answer.error) {
        ++stats_.errors;
        char key[96];
        const int length =
            std::snprintf(key, sizeof key, "error: %s", answer.error.message().c_str());
        outcomes_.Count(std::string_view(
            key, std::min(sizeof key - 1, static_cast<std::size_t>(std::max(0, length)))));
        return Verdict::kNoAnswer;
    }
    ++stats_.requests;
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(last_answer_ - sent_at_).count();
    stats_.latency.Record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, micros)));
    const std::string_view code =
        answer.status == success ? std::string_view{} : ProblemCode(answer.body);
    outcomes_.CountStatus(answer.status, code);
    if (answer.status == success) {
        ++stats_.succeeded;
        return Verdict::kSucceeded;
    }
    if (std::find(refusals.begin(), refusals.end(), code) != refusals.end() && !code.empty()) {
        return Verdict::kRefused;
    }
    ++stats_.errors;
    return Verdict::kFailed;
}

PhaseStats PhaseRecorder::Take() {
    outcomes_.AddTo(stats_);
    outcomes_ = OutcomeCounter();
    PhaseStats taken = std::move(stats_);
    stats_ = PhaseStats();
    return taken;
}

}  // namespace tix::bench
