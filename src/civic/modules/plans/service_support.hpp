// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What the plans service's translation units share: the scope rules, how the kit's change
// steps reach each record, the audit text of each, and the checks on the fields plans,
// items, measures and updates have in common. Internal to the plans module.

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/plans/model.hpp"
#include "civic/modules/plans/repo.hpp"
#include "civic/store/database.hpp"

namespace civic::plans::detail {
using namespace civic::kit;

// An approved or superseded plan is published; anything else is read within scope.
inline bool published(const Plan& p) {
    return !p.archived_at && (p.status == "approved" || p.status == "superseded");
}
inline bool may_read(const Principal& who, const Plan& p) {
    return published(p) || covers(who, p.unit_path, Access::Read);
}

template <typename Record>
bool may_change(const Principal& who, const Record& r) {
    return covers(who, r.unit_path, Access::Write);
}

template <typename Record>
std::string audit_text(const Record& r) {
    return civic::to_json(boost::json::value(to_json(r)));
}

inline constexpr Entity<Plan> k_plan{"plan", repo::find_plan, repo::update_plan, audit_text<Plan>,
                                     may_change<Plan>};
inline constexpr Entity<Item> k_item{"plan_item",      repo::find_item,  repo::update_item,
                                     audit_text<Item>, may_change<Item>, "plan item"};
inline constexpr Entity<Measure> k_measure{"plan_measure",       repo::find_measure,
                                           repo::update_measure, audit_text<Measure>,
                                           may_change<Measure>,  "measure"};
inline constexpr Entity<Review> k_review{"review", repo::find_review, repo::update_review,
                                         audit_text<Review>, may_change<Review>};
inline constexpr Entity<Finding> k_finding{"review_finding",     repo::find_finding,
                                           repo::update_finding, audit_text<Finding>,
                                           may_change<Finding>,  "finding"};

// The Best Value themes an item serves, each from the list (any case); the list's spelling.
std::optional<std::vector<std::string>> themes_field(
    Checks& checks, const std::optional<std::vector<std::string>>& v);

// The plan an item, measure or update belongs to, for the rules that depend on its state.
std::optional<Plan> plan_of_item(store::Connection& c, const Item& item);

// Who may add an item's progress and change its measures: whoever may change the plan, and
// the item's lead, as an editor of the item's lead unit.
bool may_update(store::Connection& c, const Principal& who, const Item& item);

// The plan an item write goes into: live, not superseded, and changeable by the caller.
Result<Plan> plan_to_change(store::Connection& c, const Context& ctx, const std::string& plan_id);

// A change to what an approved plan says (an item, a measure, the plan's own words) starts
// its next version, a draft; the approved version stays frozen in plan_versions.
Result<void> start_next_version(store::Connection& c, const Context& ctx, const Plan& plan);

// The dates timing words give: only a range says when work starts ("Sept 1999 - Feb 2000");
// "by July 1999" or "March 2000" says when it is due.
struct TimingDates {
    std::optional<std::string> start, due;
};
TimingDates dates_of(std::string_view words);

// A plan period: one financial year or several ("1999/00", "2025-28"), as core/period reads
// them; the canonical text, or a field error.
std::optional<std::string> plan_period(Checks& checks, const std::optional<std::string>& v,
                                       Required required);

}  // namespace civic::plans::detail
