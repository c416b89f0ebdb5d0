// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/stats.hpp"

#include <algorithm>
#include <cmath>

namespace civic::indicators {

double quantile_sorted(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    // R's type 7: the point h = (n − 1)p along the sorted values, between its closest ranks.
    const double h = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double fraction = h - static_cast<double>(lo);
    if (fraction == 0 || lo + 1 >= sorted.size()) return sorted[lo];
    const double a = sorted[lo], b = sorted[lo + 1];
    // Equal neighbours give exactly their value, so that a council tied with a quartile is at
    // it, not a rounding error below it. Halfway is (a + b) / 2 exactly, as a median is.
    if (a == b) return a;
    return (1 - fraction) * a + fraction * b;
}

std::optional<Spread> spread_of(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    Spread s;
    s.count = static_cast<int>(values.size());
    double sum = 0;
    for (double v : values) sum += v;
    s.mean = sum / static_cast<double>(values.size());
    s.median = quantile_sorted(values, 0.5);
    s.lower_quartile = quantile_sorted(values, 0.25);
    s.upper_quartile = quantile_sorted(values, 0.75);
    s.min = values.front();
    s.max = values.back();
    // The median absolute deviation: the median of each value's distance from the median.
    for (double& v : values) v = std::fabs(v - s.median);
    std::sort(values.begin(), values.end());
    s.mad = quantile_sorted(values, 0.5);
    return s;
}

int quartile_of(double value, const Spread& s, bool higher_is_better) {
    if (higher_is_better) {
        if (value >= s.upper_quartile) return 1;
        if (value >= s.median) return 2;
        if (value >= s.lower_quartile) return 3;
        return 4;
    }
    if (value <= s.lower_quartile) return 1;
    if (value <= s.median) return 2;
    if (value <= s.upper_quartile) return 3;
    return 4;
}

int rank_of(double value, const std::vector<double>& values, bool higher_is_better) {
    // One more than the number of values strictly better: ties share the better rank.
    const auto better = std::count_if(values.begin(), values.end(), [&](double v) {
        return higher_is_better ? v > value : v < value;
    });
    return static_cast<int>(better) + 1;
}

std::optional<double> mads_from_median(double value, const Spread& s) {
    if (s.mad == 0) return std::nullopt;
    return (value - s.median) / s.mad;
}

}  // namespace civic::indicators
