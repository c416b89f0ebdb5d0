// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The records behind casework's statistics and reports: which indicator a statistic fills
// (a feed), and the council's annual self-assessment against the Complaint Handling Code.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic::cases {

// What a feed gives its indicator each period: the percentage of a target met on time (its
// numerator and denominator), or the number of cases that reached a stage.
inline constexpr std::string_view k_feed_measures[] = {"on time", "volume"};

// An indicator filled from the cases: one statistic of one case type, for the whole council
// or one unit's subtree.
struct IndicatorFeed {
    std::string id;
    std::string indicator_id;
    std::string case_type_id;
    std::string stage_key;
    std::string target_key;              // "" for a volume
    std::string measure;                 // k_feed_measures
    std::optional<std::string> unit_id;  // nullopt: every unit's cases
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

boost::json::object to_json(const IndicatorFeed& f);

// What one run of a feed did to its indicator's values, period by period.
struct FeedRun {
    std::string feed_id;
    std::string indicator_code;
    std::vector<std::string> entered;        // a new draft
    std::vector<std::string> updated;        // a draft or submitted value whose figures changed
    std::vector<std::string> unchanged;      // a draft or submitted value with these figures
    std::vector<std::string> left_approved;  // approved: left alone, though the figures differ
    std::vector<std::string> errors;         // "2025/26 Q1: …"
};

boost::json::object to_json(const FeedRun& r);

// The council's self-assessment against the Complaint Handling Code for one financial year,
// as it publishes it: a Markdown document (by default the Code's nine sections, each with
// whether the council complies, its evidence and commentary), and the response of the
// committee that scrutinised the annual report (Code 8.2).
struct SelfAssessment {
    std::string id;
    std::string year;  // a financial year, "2025/26"
    std::string body;
    std::string governance_response;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

boost::json::object to_json(const SelfAssessment& s);

// The document a new self-assessment starts from: the Code's nine sections.
std::string self_assessment_template(std::string_view year);

}  // namespace civic::cases
