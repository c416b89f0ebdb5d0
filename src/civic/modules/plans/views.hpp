// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What the plans service answers, as JSON: the API's bodies, which the pages may reuse. The
// records themselves (a plan, an item, a measure …) are model.hpp's to_json; these add what
// a reader sees around them (an item with its measures, progress and roll-up; a plan as its
// tree; two versions compared).

#include <boost/json/object.hpp>

#include "civic/modules/kit/links.hpp"
#include "civic/modules/plans/progress.hpp"
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

// Whether an item's JSON carries its links: only the item on its own does (GET
// /api/v1/plan-items/{id}); lists and trees leave them out.
enum class ItemLinks { LeftOut, Shown };

// {"expected_percent": 40|null, "behind", "overdue", "due_soon", "explanation"}
boost::json::object to_json(const Progress& p);
// {"status": "at risk"|"", "explanation"}
boost::json::object to_json(const Rollup& r);
// The item's own fields (as to_json(Item)), then plan_title, depth, lead_name,
// lead_unit_name, measures, latest_update (null when none), progress, rollup,
// timing_for_review and, with ItemLinks::Shown, links.
boost::json::object to_json(const ItemView& v, ItemLinks links = ItemLinks::LeftOut);
// {"plan": Plan, "unit_name", "items": [ItemView…]}
boost::json::object to_json(const PlanTree& t);
// {"from", "to", "plan_fields": [{"name", "before", "after"}], "items": [{"ref", "title",
//  "change", "fields"}]}
boost::json::object to_json(const Comparison& c);
// {"period", "items": [ItemView…]}
boost::json::object to_json(const MissingUpdates& m);
// {"plan_id", "items", "measures", "updates", "links"}
boost::json::object to_json(const ImportSummary& s);
// A link as the kit shows it.
using kit::to_json;

}  // namespace civic::plans
