#include "admission_figures.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace tix::bench {
namespace {

constexpr double kMinuteSeconds = 60;
// Samples are timed when their answers arrive, a few milliseconds after the server counted:
// two samples 59.5 s apart by the bench's clock are surely within one minute of the server's.
constexpr double kSampleSkewSeconds = 0.5;

double PerMinute(std::uint64_t admissions, double seconds) {
    return static_cast<double>(admissions) * kMinuteSeconds / seconds;
}

// Cuts the pace-bound span samples[first..last] into windows of at least window_s.
void AddWindows(std::span<const QueueSample> samples, std::size_t first, std::size_t last,
                double window_s, OutflowFigures& figures) {
    std::size_t start = first;
    for (std::size_t end = first + 1; end <= last; ++end) {
        const double seconds = samples[end].at_s - samples[start].at_s;
        if (seconds < window_s) continue;
        const double rate =
            PerMinute(samples[end].admitted_total - samples[start].admitted_total, seconds);
        figures.min_window_per_minute =
            std::min(figures.min_window_per_minute.value_or(rate), rate);
        figures.max_window_per_minute =
            std::max(figures.max_window_per_minute.value_or(rate), rate);
        ++figures.windows;
        start = end;
    }
}

std::optional<std::uint64_t> MostInAMinute(std::span<const QueueSample> samples) {
    if (samples.size() < 2) return std::nullopt;
    std::uint64_t most = 0;
    std::size_t end = 0;
    for (std::size_t start = 0; start < samples.size(); ++start) {
        end = std::max(end, start);
        while (end + 1 < samples.size() &&
               samples[end + 1].at_s - samples[start].at_s <= kMinuteSeconds - kSampleSkewSeconds) {
            ++end;
        }
        most = std::max(most, samples[end].admitted_total - samples[start].admitted_total);
    }
    return most;
}

}  // namespace

bool PaceBound(const QueueSample& sample, const RoomLimits& limits) {
    const std::uint64_t second_of_admissions =
        (limits.admit_per_minute + static_cast<std::uint64_t>(kMinuteSeconds) - 1) /
        static_cast<std::uint64_t>(kMinuteSeconds);
    return sample.waiting > 0 && !sample.paused && sample.admitted_active < limits.active_max &&
           sample.available > sample.admitted_active + second_of_admissions;
}

bool OutflowFigures::WindowsWithin(double rate, double tolerance) const {
    if (windows == 0) return false;
    return std::abs(*min_window_per_minute / rate - 1) <= tolerance &&
           std::abs(*max_window_per_minute / rate - 1) <= tolerance;
}

OutflowFigures MeasureOutflow(std::span<const QueueSample> samples, const RoomLimits& limits,
                              double window_s) {
    assert(window_s > 0);
    OutflowFigures figures;
    std::uint64_t admissions = 0;
    for (std::size_t first = 0; first < samples.size();) {
        if (!PaceBound(samples[first], limits)) {
            ++first;
            continue;
        }
        std::size_t last = first;
        while (last + 1 < samples.size() && PaceBound(samples[last + 1], limits)) ++last;
        figures.measured_s += samples[last].at_s - samples[first].at_s;
        admissions += samples[last].admitted_total - samples[first].admitted_total;
        AddWindows(samples, first, last, window_s, figures);
        first = last + 1;
    }
    if (figures.measured_s > 0) figures.mean_per_minute = PerMinute(admissions, figures.measured_s);
    figures.most_in_a_minute = MostInAMinute(samples);
    return figures;
}

std::uint64_t MostAtOnce(std::vector<std::pair<double, double>> intervals) {
    // +1 at each start, -1 at each end; at equal times the end goes first.
    std::vector<std::pair<double, int>> changes;
    changes.reserve(2 * intervals.size());
    for (const auto& [start, end] : intervals) {
        changes.emplace_back(start, +1);
        changes.emplace_back(end, -1);
    }
    std::sort(changes.begin(), changes.end());
    std::int64_t live = 0;
    std::int64_t most = 0;
    for (const auto& [at, change] : changes) {
        live += change;
        most = std::max(most, live);
    }
    return static_cast<std::uint64_t>(most);
}

}  // namespace tix::bench
