// The statistics of the queue scenario's fairness figures, as pure functions (any thread):
// Kendall's tau-b between two orderings (admission order against arrival order), and Pearson's
// chi-square test of independence on a contingency table with its p-value (the pre-queue draw's
// rank against arrival order: a fair draw leaves them independent).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace tix::bench {

// Kendall's tau-b of the pairs (x[i], y[i]): +1 when y orders the items exactly as x does, -1 when
// exactly reversed, near 0 when unrelated; ties count for neither side (the "b" correction).
// O(n log n) (Knight's algorithm). nullopt with fewer than two items or when x or y is constant.
// REQUIRES: x.size() == y.size().
std::optional<double> KendallTauB(std::span<const double> x, std::span<const double> y);

// A table of observed counts: rows × columns, every row the same length.
using ContingencyTable = std::vector<std::vector<std::uint64_t>>;

struct ChiSquareResult {
    double statistic = 0;
    std::uint32_t degrees_of_freedom = 0;
    double p_value = 1;  // P(chi-square >= statistic) if rows and columns are independent
};

// Pearson's test of independence: expected count of a cell = row total × column total / n.
// nullopt when the table is smaller than 2 × 2 or a row or column sums to zero.
std::optional<ChiSquareResult> ChiSquareIndependence(const ContingencyTable& table);

// P(X >= statistic) for X chi-square distributed with `degrees_of_freedom`: the regularized upper
// incomplete gamma function Q(k / 2, x / 2). REQUIRES: degrees_of_freedom > 0, statistic >= 0.
double ChiSquareSurvival(double statistic, double degrees_of_freedom);

// The buckets per side of a rank table for n items: as many as keep the expected count of each
// cell (n / buckets²) at 5 or more, between 2 and 10.
std::uint32_t RankTableBuckets(std::uint64_t n);

// Items in arrival order, each with its rank in a draw (any distinct numbers: only their order
// matters): the table of arrival bucket (row) × draw bucket (column), `buckets` equal parts of
// each. REQUIRES: buckets >= 1.
ContingencyTable RankTable(std::span<const std::uint64_t> draw_rank_by_arrival,
                           std::uint32_t buckets);

}  // namespace tix::bench
