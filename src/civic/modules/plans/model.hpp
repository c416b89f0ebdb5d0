// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Plans: a council's, a directorate's or a service's plan, or an improvement plan that
// inspectors watch; its items in a tree of any depth (themes, objectives, areas, activities,
// tasks, deliverables, milestones, outcomes); each item's performance measures and progress
// updates; the frozen versions of approved plans; and the external reviews whose findings an
// improvement plan answers.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/kit/page.hpp"

namespace civic::plans {

inline constexpr std::string_view k_plan_kinds[] = {"council", "directorate", "service",
                                                    "improvement", "project"};
inline constexpr std::string_view k_plan_statuses[] = {"draft", "approved", "superseded",
                                                       "archived"};
// How an item's status follows from its children's (see rollup.hpp).
inline constexpr std::string_view k_rollup_rules[] = {"worst", "majority", "weighted"};

inline constexpr std::string_view k_item_kinds[] = {"theme", "objective",   "area",      "activity",
                                                    "task",  "deliverable", "milestone", "outcome"};
// In order from best to worst for a roll-up: complete, then on track … off track. Deferred,
// cancelled and not started sit outside that order (see rollup.hpp).
inline constexpr std::string_view k_item_statuses[] = {
    "not started", "on track", "at risk", "off track", "complete", "deferred", "cancelled"};

inline constexpr std::string_view k_measure_kinds[] = {"qualitative", "quantitative"};

// The seven themes of the Best Value statutory guidance for England ("Best value standards
// and intervention: a statutory guide for best value authorities", issued 8 May 2024 under
// section 26 of the Local Government Act 1999, on the duty in section 3), in the order seed
// 003's improvement plan takes them (the guide itself starts with continuous improvement).
inline constexpr std::string_view k_best_value_themes[] = {"leadership",
                                                           "culture",
                                                           "governance",
                                                           "use of resources",
                                                           "service delivery",
                                                           "partnerships and community engagement",
                                                           "continuous improvement"};

inline constexpr std::string_view k_review_kinds[] = {
    "best value review", "peer challenge", "inspection", "external audit",
    "lga report",        "cipfa report",   "other"};
inline constexpr std::string_view k_review_statuses[] = {"planned", "in progress", "reported",
                                                         "closed"};
inline constexpr std::string_view k_finding_kinds[] = {"finding", "recommendation"};
inline constexpr std::string_view k_finding_statuses[] = {"open", "in progress", "addressed",
                                                          "closed"};

struct Plan {
    std::string id;
    std::string unit_id;
    std::string unit_path;  // of unit_id, for scope checks
    std::string kind;
    std::string title;
    std::string period;  // canonical, core/period
    std::string description;
    std::string status;
    std::string rollup;
    std::int64_t plan_version = 1;
    std::optional<std::string> approved_by_unit_id;
    std::optional<std::string> approved_on;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct PlanVersion {
    std::string id;
    std::string plan_id;
    std::int64_t number = 1;
    std::optional<std::string> approved_by_unit_id;
    std::string approved_on;
    std::string snapshot;  // the plan's export then, as JSON text
    std::string created_at;
};

struct Item {
    std::string id;
    std::string plan_id;
    std::string unit_path;  // of the plan's unit, for scope checks
    std::optional<std::string> parent_id;
    std::string ref;
    std::string kind;
    std::string title;
    std::string description;
    std::optional<std::string> lead_person_id;
    std::optional<std::string> lead_unit_id;
    std::vector<std::string> supporting_unit_ids;
    std::string timing;
    std::optional<std::string> start_date;
    std::optional<std::string> due_date;
    std::string status = "not started";
    std::int64_t percent_complete = 0;
    std::string notes;
    std::string constraints;
    std::vector<std::string> themes;
    std::int64_t weight = 1;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Measure {
    std::string id;
    std::string item_id;
    std::string unit_path;  // of the plan's unit
    std::int64_t position = 0;
    std::string kind = "qualitative";
    std::string title;
    std::string timing;
    std::optional<std::string> due_date;
    bool achieved = false;
    std::optional<std::string> achieved_on;
    std::string evidence;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Update {
    std::string id;
    std::string item_id;
    std::string unit_path;  // of the plan's unit
    std::string period;     // canonical month or quarter
    std::string status;
    std::int64_t percent_complete = 0;
    std::string commentary;  // Markdown
    std::optional<std::string> author_person_id;
    std::string entered_by;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Review {
    std::string id;
    std::string unit_id;
    std::string unit_path;
    std::string kind;
    std::string title;
    std::string reviewer;
    std::string status;
    std::optional<std::string> start_date;
    std::optional<std::string> end_date;
    std::optional<std::string> reported_on;
    std::string scope;
    std::string rating;
    std::string programme;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Finding {
    std::string id;
    std::string review_id;
    std::string unit_path;  // of the review's unit
    std::string ref;
    std::string kind = "finding";
    std::string text;
    std::string status = "open";
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

boost::json::object to_json(const Plan& p);
boost::json::object to_json(const PlanVersion& v);  // without the snapshot
boost::json::object to_json(const Item& i);
boost::json::object to_json(const Measure& m);
boost::json::object to_json(const Update& u);
boost::json::object to_json(const Review& r);
boost::json::object to_json(const Finding& f);

// A list of text as stored (a JSON array of strings) and back.
std::string text_list_to_json(const std::vector<std::string>& items);
std::vector<std::string> text_list_from_json(std::string_view text);

// Natural order of references as councils write them: "3.9" before "3.10", "Theme 2"
// before "Theme 10", "1.1a" before "1.1b"; runs of digits compare as numbers, the rest
// without regard to case.
bool ref_less(std::string_view a, std::string_view b);

template <typename T>
using Page = kit::Page<T>;

}  // namespace civic::plans
