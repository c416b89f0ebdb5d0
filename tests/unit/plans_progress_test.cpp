// SPDX-License-Identifier: AGPL-3.0-or-later
// The plans module's arithmetic with no database: references in natural order, expected
// progress from start and due dates, and a parent's status rolled up from its children.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/modules/plans/model.hpp"
#include "civic/modules/plans/progress.hpp"

namespace civic::plans {
namespace {

TEST(PlanRefs, SortNaturallyAsCouncilsNumberThem) {
    std::vector<std::string> refs = {"3.10", "3.9",  "Theme 10", "3.1", "Theme 2",
                                     "1.1b", "1.1a", "1.1",      "10",  "2"};
    std::sort(refs.begin(), refs.end(),
              [](const auto& a, const auto& b) { return ref_less(a, b); });
    const std::vector<std::string> expected = {"1.1", "1.1a", "1.1b", "2",       "3.1",
                                               "3.9", "3.10", "10",   "Theme 2", "Theme 10"};
    EXPECT_EQ(refs, expected);
    EXPECT_FALSE(ref_less("3.10", "3.10"));
    EXPECT_TRUE(ref_less("2.4a-i", "2.4a-ii"));
}

TEST(PlanProgress, AnItemFortyPerCentThroughItsTimeAndTenPerCentDoneIsBehind) {
    // 1 April to 30 June is 91 days; on 6 May, 36 have passed: 39%.
    const auto p = progress_of("2025-04-01", "2025-06-30", "on track", 10, make_date(2025, 5, 6));
    ASSERT_TRUE(p.expected_percent);
    EXPECT_EQ(*p.expected_percent, 39);
    EXPECT_TRUE(p.behind);
    EXPECT_FALSE(p.overdue);
    EXPECT_NE(p.explanation.find("behind by 29 points"), std::string::npos) << p.explanation;
}

TEST(PlanProgress, NotBehindWithinTheMargin) {
    const auto p = progress_of("2025-04-01", "2025-06-30", "on track", 30, make_date(2025, 5, 6));
    EXPECT_FALSE(p.behind);
}

TEST(PlanProgress, OverdueAndDueSoonOnlyWhenNotFinished) {
    const Date today = make_date(2026, 11, 30);
    EXPECT_TRUE(progress_of(std::nullopt, "2026-11-29", "on track", 50, today).overdue);
    EXPECT_FALSE(progress_of(std::nullopt, "2026-11-29", "complete", 100, today).overdue);
    EXPECT_TRUE(progress_of(std::nullopt, "2026-12-30", "at risk", 50, today).due_soon);
    EXPECT_FALSE(progress_of(std::nullopt, "2026-12-31", "at risk", 50, today).due_soon);
    EXPECT_TRUE(progress_of(std::nullopt, "2026-11-30", "at risk", 50, today).due_soon);
    EXPECT_FALSE(progress_of(std::nullopt, std::nullopt, "at risk", 0, today).expected_percent);
}

TEST(PlanRollup, WorstChild) {
    const auto r = roll_up("worst", {{"on track"}, {"at risk"}, {"complete"}, {"deferred"}});
    EXPECT_EQ(r.status, "at risk");
    EXPECT_EQ(r.explanation,
              "Worst of 3 sub-items: 1 at risk, 1 on track, 1 complete. Left out: 1 deferred.");
}

TEST(PlanRollup, MajorityTiesGoToTheWorse) {
    EXPECT_EQ(roll_up("majority", {{"on track"}, {"on track"}, {"off track"}}).status, "on track");
    EXPECT_EQ(roll_up("majority", {{"on track"}, {"at risk"}}).status, "at risk");
}

TEST(PlanRollup, WeightedScore) {
    // (2*1 + 0*3) / 4 = 0.5: off track; weight 3 on the on-track child: (2*3 + 0) / 4 = 1.5.
    EXPECT_EQ(roll_up("weighted", {{"on track", 1}, {"off track", 3}}).status, "off track");
    EXPECT_EQ(roll_up("weighted", {{"on track", 3}, {"off track", 1}}).status, "on track");
    EXPECT_EQ(roll_up("weighted", {{"complete", 1}, {"complete", 2}}).status, "complete");
}

TEST(PlanRollup, NothingToRollUp) {
    EXPECT_EQ(roll_up("worst", {}).status, "");
    EXPECT_EQ(roll_up("worst", {{"not started"}, {"not started"}}).status, "not started");
    EXPECT_EQ(roll_up("worst", {{"cancelled"}}).status, "");
}

}  // namespace
}  // namespace civic::plans
