// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Risks: the council's risk registers (corporate, directorate, service, plan, project), each
// owned by a unit, and the risks in them: cause, event and effect, category and owner, the
// inherent, current and target scores on the council's matrix, the response, the controls in
// place and how well they work, reviews (the score history), escalation between registers,
// formal acceptance above appetite, and the issues log. Every record names its register and
// follows the register's unit's scope (unit_path).

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic::risks {

inline constexpr std::string_view k_register_kinds[] = {"corporate", "directorate", "service",
                                                        "plan", "project"};
// The categories every council has; a council adds its own on the matrix.
inline constexpr std::string_view k_categories[] = {
    "strategic",   "financial",         "legal",      "reputational",
    "operational", "health and safety", "information"};
inline constexpr std::string_view k_responses[] = {"treat", "tolerate", "transfer", "terminate"};
inline constexpr std::string_view k_effectiveness[] = {"effective", "partly effective",
                                                       "ineffective", "not assessed"};
inline constexpr std::string_view k_proximities[] = {"now", "within 3 months", "within a year",
                                                     "within 3 years", "beyond 3 years"};
// How often a risk is reviewed, in months.
inline constexpr std::int64_t k_review_frequencies[] = {1, 3, 6, 12};
inline constexpr std::string_view k_risk_statuses[] = {"open", "closed", "merged"};
inline constexpr std::string_view k_issue_priorities[] = {"critical", "high", "medium", "low"};
inline constexpr std::string_view k_issue_statuses[] = {"open", "resolved", "closed"};
inline constexpr std::string_view k_action_progress[] = {"not started", "on track", "behind",
                                                         "done"};

struct Register {
    std::string id;
    std::string unit_id;
    std::string unit_path;
    std::string kind;
    std::string name;
    std::string description;
    std::optional<std::string> parent_id;  // the register above, escalated to
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Control {
    std::string description;
    std::string effectiveness = "not assessed";
};

// A pair on the matrix; score = likelihood × impact.
struct Score {
    std::int64_t likelihood = 1;
    std::int64_t impact = 1;
    std::int64_t score() const { return likelihood * impact; }
};

struct Risk {
    std::string id;
    std::string register_id;
    std::string unit_path;  // the register's unit's
    std::int64_t position = 1;
    std::string reference;
    std::string title;
    std::string description;
    std::string cause, event, effect;
    std::string category;
    std::optional<std::string> owner_person_id;
    std::string owner_text;  // as the council wrote it, when no person matched
    std::int64_t inherent_likelihood = 1, inherent_impact = 1;
    std::int64_t current_likelihood = 1, current_impact = 1;
    std::optional<std::int64_t> target_likelihood, target_impact;
    std::string response;
    std::string controls_json = "[]";  // JSON array of {"description", "effectiveness"}
    std::string actions_text;
    std::string proximity;
    std::int64_t review_frequency_months = 3;
    std::string next_review_on;
    std::string identified_on;
    std::string status = "open";
    std::optional<std::string> closed_on;
    std::optional<std::string> merged_into_id;
    std::string closed_reason;  // why it was closed or merged; empty while open
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;

    Score inherent() const { return {inherent_likelihood, inherent_impact}; }
    Score current() const { return {current_likelihood, current_impact}; }
    std::optional<Score> target() const {
        if (!target_likelihood || !target_impact) return std::nullopt;
        return Score{*target_likelihood, *target_impact};
    }
};

struct Review {
    std::string id;
    std::string risk_id;
    std::string unit_path;
    std::string reviewed_on;
    std::optional<std::string> reviewer_person_id;
    std::int64_t current_likelihood = 1, current_impact = 1;
    std::optional<std::int64_t> target_likelihood, target_impact;
    std::string commentary;
    std::string controls_json = "[]";  // each control's effectiveness on the day
    std::string actions_json = "[]";   // {"title", "progress", "note"[, "link_id"]}
    std::string next_review_on;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Escalation {
    std::string id;
    std::string risk_id;
    std::string from_register_id;
    std::string to_register_id;
    std::string direction;  // up, down
    std::string reason;
    std::string moved_on;
    std::string moved_by;  // the user's display name
    std::string created_at;
};

struct Acceptance {
    std::string id;
    std::string risk_id;
    std::string unit_path;
    std::optional<std::string> accepted_by_person_id;
    std::string accepted_by;  // the name, as shown
    std::string accepted_on;
    std::string reason;
    std::string until;
    std::int64_t accepted_score = 0;
    std::optional<std::int64_t> appetite;
    std::optional<std::string> lapsed_on;
    std::string lapse_reason;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Appetite {
    std::string id;
    std::string category;
    std::optional<std::string> unit_id;  // none: council-wide
    std::string unit_path;               // "" when council-wide
    std::int64_t max_score = 0;
    std::string note;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Issue {
    std::string id;
    std::string register_id;
    std::string unit_path;
    std::string reference;
    std::string title;
    std::string description;
    std::string priority;
    std::optional<std::string> owner_person_id;
    std::string owner_text;
    std::optional<std::string> risk_id;
    std::string raised_on;
    std::string status = "open";
    std::string actions_text;
    std::string resolution;
    std::optional<std::string> resolved_on;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// A risk's (or a review's) controls, stored as a JSON array, and back.
std::vector<Control> controls_of(const std::string& json_text);
std::string controls_to_json(const std::vector<Control>& controls);

boost::json::object to_json(const Register& r);
boost::json::object to_json(const Risk& r);
boost::json::object to_json(const Review& r);
boost::json::object to_json(const Escalation& e);
boost::json::object to_json(const Acceptance& a);
boost::json::object to_json(const Appetite& a);
boost::json::object to_json(const Issue& i);

}  // namespace civic::risks
