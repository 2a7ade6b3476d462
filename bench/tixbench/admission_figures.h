// The queue scenario's safety figures about admissions, as pure functions (any thread): the
// outflow measured from samples of the room's public counters (was it admit_per_minute whenever
// only the pace held admissions back?), the most admissions in any minute, and the most
// admissions live at once from each admission's start and end.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace tix::bench {

// One reading of GET /events/{id}/queue and the event's availability.
struct QueueSample {
    double at_s = 0;  // when the answer came, seconds after the sale started
    std::uint64_t waiting = 0;
    std::uint64_t admitted_active = 0;
    std::uint64_t admitted_total = 0;
    std::uint64_t available = 0;  // tickets available, summed over the zones
    bool paused = false;
};

struct RoomLimits {
    std::uint32_t admit_per_minute = 0;
    std::uint32_t active_max = 0;
};

// True when nothing but the pace holds admissions back at the sample: people wait, the room is
// not paused, fewer than active_max shop, and more tickets are available than shoppers plus a
// second's admissions (the room admits only while shoppers < available).
bool PaceBound(const QueueSample& sample, const RoomLimits& limits);

struct OutflowFigures {
    double measured_s = 0;  // the total length of the pace-bound spans measured
    double mean_per_minute = 0;
    std::uint32_t windows = 0;  // consecutive windows of window_s inside pace-bound spans
    std::optional<double> min_window_per_minute;
    std::optional<double> max_window_per_minute;
    // The most admissions between two samples less than a minute apart (never more than
    // admit_per_minute if the room keeps its promise); nullopt with fewer than two samples.
    std::optional<std::uint64_t> most_in_a_minute;

    // Every window's rate within ±tolerance (0.05: ±5 %) of `rate`. False without windows.
    bool WindowsWithin(double rate, double tolerance) const;
};

// Samples in time order, from sale start on. A pace-bound span is a run of consecutive
// pace-bound samples; each is cut into windows of at least window_s (the tail shorter than that
// is left out). REQUIRES: window_s > 0.
OutflowFigures MeasureOutflow(std::span<const QueueSample> samples, const RoomLimits& limits,
                              double window_s);

// The most intervals [start, end) that overlap at one instant; an interval ending when another
// starts does not overlap it.
std::uint64_t MostAtOnce(std::vector<std::pair<double, double>> intervals);

}  // namespace tix::bench
