#include "rank_statistics.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

namespace tix::bench {
namespace {

// The incomplete gamma function converges in a few dozen terms for the statistics a rank table
// gives; the cap only guards against a bug looping forever.
constexpr int kGammaIterationsMax = 1'000;
constexpr double kGammaEpsilon = 1e-15;
constexpr double kTiny = 1e-300;
constexpr std::uint32_t kRankBucketsMax = 10;
constexpr std::uint64_t kExpectedPerCellMin = 5;

std::uint64_t Pairs(std::uint64_t t) { return t * (t - 1) / 2; }

// Sum over runs of equal values in `sorted` (by `same`) of t(t-1)/2.
template <typename Same>
std::uint64_t TiedPairs(std::size_t n, Same same) {
    std::uint64_t tied = 0;
    std::size_t run = 1;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i < n && same(i - 1, i)) {
            ++run;
            continue;
        }
        tied += Pairs(run);
        run = 1;
    }
    return tied;
}

// Sorts `values` ascending and returns the pairs i < j that were out of order (values[i] >
// values[j]; equal values are not a swap).
std::uint64_t SortCountingSwaps(std::vector<double>& values) {
    std::vector<double> buffer(values.size());
    std::uint64_t swaps = 0;
    for (std::size_t width = 1; width < values.size(); width *= 2) {
        for (std::size_t left = 0; left < values.size(); left += 2 * width) {
            const std::size_t middle = std::min(left + width, values.size());
            const std::size_t right = std::min(left + 2 * width, values.size());
            std::size_t i = left, j = middle, out = left;
            while (i < middle && j < right) {
                if (values[i] <= values[j]) {
                    buffer[out++] = values[i++];
                } else {
                    swaps += middle - i;
                    buffer[out++] = values[j++];
                }
            }
            while (i < middle) buffer[out++] = values[i++];
            while (j < right) buffer[out++] = values[j++];
        }
        values.swap(buffer);
    }
    return swaps;
}

// P(a, x) by its series; good for x < a + 1.
double LowerGammaSeries(double a, double x) {
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n < kGammaIterationsMax && std::abs(term) > std::abs(sum) * kGammaEpsilon;
         ++n) {
        term *= x / (a + n);
        sum += term;
    }
    return sum * std::exp(-x + a * std::log(x) - std::lgamma(a));
}

// Q(a, x) by its continued fraction (modified Lentz); good for x >= a + 1.
double UpperGammaFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / kTiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < kGammaIterationsMax; ++i) {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (std::abs(d) < kTiny) d = kTiny;
        c = b + an / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::abs(delta - 1) < kGammaEpsilon) break;
    }
    return std::exp(-x + a * std::log(x) - std::lgamma(a)) * h;
}

}  // namespace

std::optional<double> KendallTauB(std::span<const double> x, std::span<const double> y) {
    assert(x.size() == y.size());
    const std::size_t n = x.size();
    if (n < 2) return std::nullopt;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return x[a] != x[b] ? x[a] < x[b] : y[a] < y[b];
    });
    const std::uint64_t tied_x =
        TiedPairs(n, [&](std::size_t a, std::size_t b) { return x[order[a]] == x[order[b]]; });
    const std::uint64_t tied_both = TiedPairs(n, [&](std::size_t a, std::size_t b) {
        return x[order[a]] == x[order[b]] && y[order[a]] == y[order[b]];
    });
    std::vector<double> ys(n);
    for (std::size_t i = 0; i < n; ++i) ys[i] = y[order[i]];
    const std::uint64_t swaps = SortCountingSwaps(ys);
    const std::uint64_t tied_y =
        TiedPairs(n, [&](std::size_t a, std::size_t b) { return ys[a] == ys[b]; });

    const double all = static_cast<double>(Pairs(n));
    const double denominator = std::sqrt((all - tied_x) * (all - tied_y));
    if (!(denominator > 0)) return std::nullopt;
    // Concordant minus discordant pairs, untied in both.
    const double difference = all - static_cast<double>(tied_x) - static_cast<double>(tied_y) +
                              static_cast<double>(tied_both) - 2.0 * static_cast<double>(swaps);
    return difference / denominator;
}

std::optional<ChiSquareResult> ChiSquareIndependence(const ContingencyTable& table) {
    if (table.size() < 2 || table[0].size() < 2) return std::nullopt;
    const std::size_t columns = table[0].size();
    std::vector<double> row_totals(table.size(), 0);
    std::vector<double> column_totals(columns, 0);
    for (std::size_t r = 0; r < table.size(); ++r) {
        assert(table[r].size() == columns);
        for (std::size_t c = 0; c < columns; ++c) {
            row_totals[r] += static_cast<double>(table[r][c]);
            column_totals[c] += static_cast<double>(table[r][c]);
        }
    }
    const double n = std::accumulate(row_totals.begin(), row_totals.end(), 0.0);
    const auto has_zero = [](const std::vector<double>& totals) {
        return std::find(totals.begin(), totals.end(), 0.0) != totals.end();
    };
    if (has_zero(row_totals) || has_zero(column_totals)) return std::nullopt;
    ChiSquareResult result;
    for (std::size_t r = 0; r < table.size(); ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            const double expected = row_totals[r] * column_totals[c] / n;
            const double difference = static_cast<double>(table[r][c]) - expected;
            result.statistic += difference * difference / expected;
        }
    }
    result.degrees_of_freedom = static_cast<std::uint32_t>((table.size() - 1) * (columns - 1));
    result.p_value = ChiSquareSurvival(result.statistic, result.degrees_of_freedom);
    return result;
}

double ChiSquareSurvival(double statistic, double degrees_of_freedom) {
    assert(degrees_of_freedom > 0 && statistic >= 0);
    const double a = degrees_of_freedom / 2;
    const double x = statistic / 2;
    if (x <= 0) return 1;
    const double q = x < a + 1 ? 1 - LowerGammaSeries(a, x) : UpperGammaFraction(a, x);
    return std::clamp(q, 0.0, 1.0);
}

std::uint32_t RankTableBuckets(std::uint64_t n) {
    std::uint32_t buckets = 2;
    while (buckets < kRankBucketsMax &&
           n / ((buckets + 1ULL) * (buckets + 1ULL)) >= kExpectedPerCellMin) {
        ++buckets;
    }
    return buckets;
}

ContingencyTable RankTable(std::span<const std::uint64_t> draw_rank_by_arrival,
                           std::uint32_t buckets) {
    assert(buckets >= 1);
    const std::size_t n = draw_rank_by_arrival.size();
    ContingencyTable table(buckets, std::vector<std::uint64_t>(buckets, 0));
    // Each item's place among the drawn ranks: 0 for the smallest.
    std::vector<std::size_t> by_rank(n);
    std::iota(by_rank.begin(), by_rank.end(), 0);
    std::sort(by_rank.begin(), by_rank.end(), [&](std::size_t a, std::size_t b) {
        return draw_rank_by_arrival[a] < draw_rank_by_arrival[b];
    });
    for (std::size_t place = 0; place < n; ++place) {
        const std::size_t arrival = by_rank[place];
        ++table[arrival * buckets / n][place * buckets / n];
    }
    return table;
}

}  // namespace tix::bench
