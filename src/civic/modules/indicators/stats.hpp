// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Where one council stands among many: the figures a benchmarking club publishes, with no
// database. Quartiles interpolate linearly between closest ranks (Excel's QUARTILE.INC, R's
// type 7); the MAD is the median absolute deviation, unscaled, as Oflog publishes it.

#include <optional>
#include <vector>

namespace civic::indicators {

struct Spread {
    int count = 0;
    double mean = 0, median = 0, lower_quartile = 0, upper_quartile = 0;
    double mad = 0;  // median absolute deviation from the median, unscaled
    double min = 0, max = 0;
};
// nullopt for no values.
std::optional<Spread> spread_of(std::vector<double> values);

// The p-quantile (0 ≤ p ≤ 1) of sorted values, R type 7.
double quantile_sorted(const std::vector<double>& sorted, double p);

// 1 = best by polarity: for higher-is-better, 1 when value ≥ upper quartile, 2 when ≥ median,
// 3 when ≥ lower quartile, else 4; for lower-is-better mirrored (1 when value ≤ lower
// quartile, …).
int quartile_of(double value, const Spread& s, bool higher_is_better);

// 1 = best; ties share the better rank (1, 2, 2, 4).
int rank_of(double value, const std::vector<double>& values, bool higher_is_better);

// (value − median) / mad; nullopt when mad is 0.
std::optional<double> mads_from_median(double value, const Spread& s);

}  // namespace civic::indicators
