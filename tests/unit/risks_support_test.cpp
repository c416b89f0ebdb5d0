// SPDX-License-Identifier: AGPL-3.0-or-later
// What the risks service works out without the database: the next review date (clamped to the
// month's end), an appetite's limit mapped onto a matrix of another size, and an acceptance's
// state on a day.

#include <gtest/gtest.h>

#include "civic/modules/risks/service_support.hpp"

namespace civic::risks::detail {
namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

TEST(RiskSupport, the_next_review_keeps_the_day_of_the_month_or_takes_the_last) {
    EXPECT_EQ(next_review_date(day("2026-01-15"), 3), "2026-04-15");
    EXPECT_EQ(next_review_date(day("2026-01-31"), 1), "2026-02-28");
    EXPECT_EQ(next_review_date(day("2027-11-30"), 3), "2028-02-29");
    EXPECT_EQ(next_review_date(day("2026-08-31"), 12), "2027-08-31");
}

TEST(RiskSupport, a_limit_becomes_the_highest_mapped_score_within_it) {
    // 5 × 5 to 4 × 4: levels 1 2 3 4 5 become 1 2 3 3 4.
    EXPECT_EQ(map_limit(12, 5, 4), 9);  // 4 × 3 and 3 × 4 become 3 × 3
    EXPECT_EQ(map_limit(9, 5, 4), 9);
    EXPECT_EQ(map_limit(25, 5, 4), 16);
    EXPECT_EQ(map_limit(1, 5, 4), 1);
    // 3 × 3 to 5 × 5: levels 1 2 3 become 1 3 5.
    EXPECT_EQ(map_limit(4, 3, 5), 9);
    EXPECT_EQ(map_limit(6, 5, 5), 6);
    const Score s = map_score(Score{4, 5}, 5, 3);
    EXPECT_EQ(s.likelihood, 3);
    EXPECT_EQ(s.impact, 3);
}

TEST(RiskSupport, an_acceptance_is_active_expiring_lapsed_or_withdrawn) {
    Acceptance a;
    a.until = "2026-12-31";
    EXPECT_EQ(acceptance_view(a, day("2026-11-01")).state, "active");
    const auto expiring = acceptance_view(a, day("2026-12-01"));
    EXPECT_EQ(expiring.state, "expiring");
    EXPECT_EQ(expiring.state_reason, "It ends on 31 December 2026");
    const auto ended = acceptance_view(a, day("2027-01-01"));
    EXPECT_EQ(ended.state, "lapsed");
    EXPECT_EQ(ended.state_reason, "It ended on 31 December 2026");
    a.lapsed_on = "2026-06-03";
    a.lapse_reason = "The current score rose from 12 to 16 on 3 June 2026";
    EXPECT_EQ(acceptance_view(a, day("2026-11-01")).state_reason, a.lapse_reason);
    a.archived_at = "2026-07-01T09:00:00Z";
    EXPECT_EQ(acceptance_view(a, day("2026-11-01")).state, "withdrawn");
}

}  // namespace
}  // namespace civic::risks::detail
