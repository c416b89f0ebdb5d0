// SPDX-License-Identifier: AGPL-3.0-or-later
// Stub until the export lands: the plan and its items only, enough for approval's snapshot.
#include <boost/json.hpp>

#include "civic/modules/plans/repo.hpp"
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

Result<boost::json::object> PlanService::export_plan(const Context& ctx, const std::string& id) {
    CIVIC_TRY(auto plan, get_plan(ctx, id));
    CIVIC_TRY(auto tree, tree(ctx, plan.id, {}));
    boost::json::object plan_json = to_json(plan);
    boost::json::array items;
    for (const auto& v : tree.items) {
        auto i = to_json(v.item);
        for (auto k : {"id", "plan_id", "version", "created_at", "updated_at"}) i.erase(k);
        items.push_back(std::move(i));
    }
    for (auto k : {"id", "version", "created_at", "updated_at"}) plan_json.erase(k);
    return boost::json::object{{"format", "civic-plan"}, {"plan", plan_json}, {"items", items}};
}

Result<ImportSummary> PlanService::import_plan(const Context&, std::string_view) {
    return std::unexpected(Error::internal("Importing a plan is not built yet."));
}

}  // namespace civic::plans
