// SPDX-License-Identifier: AGPL-3.0-or-later
// The benchmark arithmetic with no database, against figures worked out by hand (and, for
// the quartiles, the answers of Excel's QUARTILE.INC and R's quantile(type = 7)).

#include <gtest/gtest.h>

#include <vector>

#include "civic/modules/indicators/stats.hpp"

namespace civic::indicators {
namespace {

TEST(BenchmarkStats, QuartilesInterpolateBetweenClosestRanksAsQuartileIncDoes) {
    // 1..10: h = 9p. Lower quartile h = 2.25: 3 + 0.25 × (4 − 3) = 3.25; median h = 4.5: 5.5;
    // upper quartile h = 6.75: 7 + 0.75 × (8 − 7) = 7.75. QUARTILE.INC gives 3.25, 5.5, 7.75.
    const auto s = spread_of({10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->count, 10);
    EXPECT_DOUBLE_EQ(s->lower_quartile, 3.25);
    EXPECT_DOUBLE_EQ(s->median, 5.5);
    EXPECT_DOUBLE_EQ(s->upper_quartile, 7.75);
    EXPECT_DOUBLE_EQ(s->mean, 5.5);
    EXPECT_DOUBLE_EQ(s->min, 1);
    EXPECT_DOUBLE_EQ(s->max, 10);
    // Distances from 5.5: 4.5 3.5 2.5 1.5 0.5 0.5 1.5 2.5 3.5 4.5; their median is 2.5.
    EXPECT_DOUBLE_EQ(s->mad, 2.5);
}

TEST(BenchmarkStats, SixValuesGiveRsType7Quartiles) {
    // 7 15 36 39 40 41: h = 5p. Lower quartile h = 1.25: 15 + 0.25 × 21 = 20.25; median
    // h = 2.5: (36 + 39) / 2 = 37.5; upper quartile h = 3.75: 39 + 0.75 × 1 = 39.75.
    const auto s = spread_of({41, 7, 39, 15, 40, 36});
    ASSERT_TRUE(s);
    EXPECT_DOUBLE_EQ(s->lower_quartile, 20.25);
    EXPECT_DOUBLE_EQ(s->median, 37.5);
    EXPECT_DOUBLE_EQ(s->upper_quartile, 39.75);
    // 178 / 6.
    EXPECT_DOUBLE_EQ(s->mean, 178.0 / 6.0);
    // Distances from 37.5: 30.5 22.5 1.5 1.5 2.5 3.5 → sorted 1.5 1.5 2.5 3.5 22.5 30.5: the
    // median is (2.5 + 3.5) / 2 = 3. Unscaled: no 1.4826.
    EXPECT_DOUBLE_EQ(s->mad, 3);
    // (15 − 37.5) / 3 = −7.5; (41 − 37.5) / 3 = 1.1666…
    EXPECT_DOUBLE_EQ(*mads_from_median(15, *s), -7.5);
    EXPECT_DOUBLE_EQ(*mads_from_median(41, *s), 3.5 / 3);
    EXPECT_DOUBLE_EQ(*mads_from_median(37.5, *s), 0);
}

TEST(BenchmarkStats, QuantilesAtTheEndsAreTheSmallestAndLargest) {
    const std::vector<double> sorted = {2, 4, 8};
    EXPECT_DOUBLE_EQ(quantile_sorted(sorted, 0), 2);
    EXPECT_DOUBLE_EQ(quantile_sorted(sorted, 1), 8);
    EXPECT_DOUBLE_EQ(quantile_sorted(sorted, 0.5), 4);
    // h = 2 × 0.9 = 1.8: 4 + 0.8 × 4 = 7.2.
    EXPECT_DOUBLE_EQ(quantile_sorted(sorted, 0.9), 7.2);
    EXPECT_DOUBLE_EQ(quantile_sorted({}, 0.5), 0);
}

TEST(BenchmarkStats, QuartileOneIsBestForHigherIsBetter) {
    const auto s = *spread_of({7, 15, 36, 39, 40, 41});  // 20.25, 37.5, 39.75
    EXPECT_EQ(quartile_of(41, s, true), 1);
    EXPECT_EQ(quartile_of(39.75, s, true), 1);  // at the upper quartile
    EXPECT_EQ(quartile_of(39, s, true), 2);
    EXPECT_EQ(quartile_of(37.5, s, true), 2);  // at the median
    EXPECT_EQ(quartile_of(36, s, true), 3);
    EXPECT_EQ(quartile_of(20.25, s, true), 3);  // at the lower quartile
    EXPECT_EQ(quartile_of(15, s, true), 4);
    EXPECT_EQ(quartile_of(7, s, true), 4);
}

TEST(BenchmarkStats, QuartileOneIsBestForLowerIsBetterMirrored) {
    const auto s = *spread_of({7, 15, 36, 39, 40, 41});  // 20.25, 37.5, 39.75
    EXPECT_EQ(quartile_of(7, s, false), 1);
    EXPECT_EQ(quartile_of(20.25, s, false), 1);  // at the lower quartile
    EXPECT_EQ(quartile_of(36, s, false), 2);
    EXPECT_EQ(quartile_of(37.5, s, false), 2);  // at the median
    EXPECT_EQ(quartile_of(39, s, false), 3);
    EXPECT_EQ(quartile_of(39.75, s, false), 3);  // at the upper quartile
    EXPECT_EQ(quartile_of(40, s, false), 4);
}

TEST(BenchmarkStats, ACouncilTiedWithAnInterpolatedQuartileIsAtIt) {
    // 1 4.1 4.1 4.1 4.1 9: the lower quartile h = 1.25 falls between two 4.1s, and is 4.1
    // exactly, so a council at 4.1 is in the best quartile when lower is better.
    const auto s = *spread_of({1, 4.1, 4.1, 4.1, 4.1, 9});
    EXPECT_EQ(s.lower_quartile, 4.1);
    EXPECT_EQ(s.upper_quartile, 4.1);
    EXPECT_EQ(quartile_of(4.1, s, false), 1);
    EXPECT_EQ(quartile_of(4.1, s, true), 1);
    EXPECT_EQ(quartile_of(1, s, true), 4);
}

TEST(BenchmarkStats, TiesShareTheBetterRank) {
    const std::vector<double> values = {20, 10, 30, 20};
    EXPECT_EQ(rank_of(30, values, true), 1);
    EXPECT_EQ(rank_of(20, values, true), 2);
    EXPECT_EQ(rank_of(10, values, true), 4);
    EXPECT_EQ(rank_of(10, values, false), 1);
    EXPECT_EQ(rank_of(20, values, false), 2);
    EXPECT_EQ(rank_of(30, values, false), 4);
}

TEST(BenchmarkStats, NoMadNoDistanceInMads) {
    // 3 3 3 8: the median is 3, the distances 0 0 0 5, their median 0.
    const auto s = *spread_of({3, 3, 8, 3});
    EXPECT_DOUBLE_EQ(s.median, 3);
    EXPECT_DOUBLE_EQ(s.mad, 0);
    EXPECT_FALSE(mads_from_median(8, s));
}

TEST(BenchmarkStats, OneValueIsItsOwnMedianAndQuartiles) {
    const auto s = *spread_of({42});
    EXPECT_EQ(s.count, 1);
    EXPECT_DOUBLE_EQ(s.lower_quartile, 42);
    EXPECT_DOUBLE_EQ(s.median, 42);
    EXPECT_DOUBLE_EQ(s.upper_quartile, 42);
    EXPECT_DOUBLE_EQ(s.mad, 0);
    EXPECT_EQ(quartile_of(42, s, true), 1);
    EXPECT_EQ(rank_of(42, {42}, true), 1);
}

TEST(BenchmarkStats, NoValuesNoSpread) { EXPECT_FALSE(spread_of({})); }

}  // namespace
}  // namespace civic::indicators
