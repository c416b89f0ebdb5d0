// SPDX-License-Identifier: AGPL-3.0-or-later
// The risk scoring matrix: the default 5 × 5 and its bands, the checks an administrator's
// matrix must pass, and how levels map when the matrix changes size.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "civic/modules/risks/matrix.hpp"

namespace civic::risks {
namespace {

std::vector<std::string> fields_of(const Result<void>& r) {
    std::vector<std::string> out;
    if (r) return out;
    for (const auto& e : r.error().errors) out.push_back(e.field);
    return out;
}
std::string message_of(const Result<void>& r, const std::string& field) {
    if (r) return "";
    for (const auto& e : r.error().errors)
        if (e.field == field) return e.message;
    return "";
}

TEST(RiskMatrix, the_default_is_five_by_five_with_low_medium_and_high_bands) {
    const Matrix m = default_matrix();
    EXPECT_EQ(m.size(), 5);
    EXPECT_EQ(m.max_score(), 25);
    EXPECT_EQ(m.likelihood[3].label, "Likely");
    EXPECT_EQ(m.impact[4].label, "Critical");
    EXPECT_TRUE(check_matrix(m).has_value());
    EXPECT_EQ(m.band_of(4)->name, "Low");
    EXPECT_EQ(m.band_of(5)->name, "Medium");
    EXPECT_EQ(m.band_of(12)->name, "Medium");
    EXPECT_EQ(m.band_of(15)->name, "High");
    EXPECT_EQ(m.band_of(25)->colour, "red");
    EXPECT_EQ(m.band_of(13), nullptr);  // no pair on a 5 × 5 gives 13
    for (int size : {3, 4}) EXPECT_TRUE(check_matrix(default_matrix_of_size(size)).has_value());
}

TEST(RiskMatrix, refuses_a_size_civic_does_not_offer_and_unequal_sides) {
    Matrix m = default_matrix();
    m.likelihood.push_back({"Inevitable", ""});
    EXPECT_EQ(message_of(check_matrix(m), "likelihood"),
              "The matrix has 6 likelihood levels; Civic offers 3 × 3, 4 × 4 and 5 × 5 matrices");
    m = default_matrix();
    m.impact.pop_back();
    EXPECT_EQ(message_of(check_matrix(m), "impact"),
              "The matrix has 5 likelihood levels and 4 impact levels; give as many of each");
}

TEST(RiskMatrix, names_each_level_without_a_label_or_with_a_label_used_twice) {
    Matrix m = default_matrix();
    m.likelihood[1].label = "  ";
    m.impact[2].label = "minor";
    EXPECT_EQ(fields_of(check_matrix(m)),
              (std::vector<std::string>{"likelihood[1].label", "impact[2].label"}));
    EXPECT_EQ(message_of(check_matrix(m), "impact[2].label"),
              "Two impact levels are called \"minor\"; give each its own label");
}

TEST(RiskMatrix, needs_bands_that_cover_every_score_once) {
    Matrix m = default_matrix();
    m.bands[1].to = 9;  // 10 and 12 fall in no band
    EXPECT_EQ(message_of(check_matrix(m), "bands"),
              "A score of 10 falls in no band; the bands must cover every score from 1 to 25");
    m = default_matrix();
    m.bands[2].from = 12;  // 12 is medium and high
    EXPECT_EQ(message_of(check_matrix(m), "bands[2].from"),
              "A score of 12 falls in two bands, Medium and High; bands must not overlap");
    m = default_matrix();
    m.bands[0].colour = "puce";
    EXPECT_EQ(message_of(check_matrix(m), "bands[0].colour"),
              "The colour of band 1 must be one of: red, orange, amber, yellow, green, blue or "
              "grey");
    m.bands[0].colour = "green";
    m.bands[2].to = 30;
    EXPECT_EQ(message_of(check_matrix(m), "bands[2].to"),
              "Band 3 must end at a score from its start (15) to 25");
}

TEST(RiskMatrix, maps_levels_between_sizes_by_their_share_of_the_scale) {
    // 5 → 3: 1 → 1, 2 → 2 (0.5 rounds up), 3 → 2, 4 → 3 (1.5 rounds up), 5 → 3.
    std::vector<int> to3;
    for (int l = 1; l <= 5; ++l) to3.push_back(map_level(l, 5, 3));
    EXPECT_EQ(to3, (std::vector<int>{1, 2, 2, 3, 3}));
    std::vector<int> to4;
    for (int l = 1; l <= 5; ++l) to4.push_back(map_level(l, 5, 4));
    EXPECT_EQ(to4, (std::vector<int>{1, 2, 3, 3, 4}));
    std::vector<int> to5;
    for (int l = 1; l <= 3; ++l) to5.push_back(map_level(l, 3, 5));
    EXPECT_EQ(to5, (std::vector<int>{1, 3, 5}));
    EXPECT_EQ(map_level(4, 5, 5), 4);
    const auto lines = mapping_lines(default_matrix(), default_matrix_of_size(3));
    ASSERT_EQ(lines.size(), 10u);
    EXPECT_EQ(lines[3], "Likelihood 4 (Likely) becomes 3 (High)");
    EXPECT_EQ(lines[5], "Impact 1 (Negligible) becomes 1 (Low)");
}

}  // namespace
}  // namespace civic::risks
