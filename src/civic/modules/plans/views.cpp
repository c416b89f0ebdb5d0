// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/views.hpp"

#include <boost/json.hpp>

namespace civic::plans {
namespace json = boost::json;

namespace {

json::array texts(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& i : items) out.emplace_back(i);
    return out;
}

json::array fields_json(const std::vector<ItemChange::Field>& fields) {
    json::array out;
    for (const auto& f : fields)
        out.push_back(json::object{{"name", f.name}, {"before", f.before}, {"after", f.after}});
    return out;
}

json::array views_json(const std::vector<ItemView>& items) {
    json::array out;
    for (const auto& v : items) out.push_back(to_json(v));
    return out;
}

}  // namespace

json::object to_json(const Progress& p) {
    const auto opt = [](const std::optional<std::string>& s) {
        return s ? json::value(*s) : json::value(nullptr);
    };
    return {{"start_date", opt(p.start_date)},
            {"due_date", opt(p.due_date)},
            {"dates_from", p.dates_from},
            {"expected_percent",
             p.expected_percent ? json::value(*p.expected_percent) : json::value(nullptr)},
            {"behind", p.behind},
            {"overdue", p.overdue},
            {"due_soon", p.due_soon},
            {"explanation", p.explanation}};
}

json::object to_json(const Rollup& r) {
    return {{"status", r.status}, {"explanation", r.explanation}};
}

json::object to_json(const ItemView& v, ItemLinks links) {
    json::object out = to_json(v.item);
    out["plan_title"] = v.plan_title;
    out["depth"] = v.depth;
    out["lead_name"] = v.lead_name;
    out["lead_unit_name"] = v.lead_unit_name;
    json::array measures;
    for (const auto& m : v.measures) measures.push_back(to_json(m));
    out["measures"] = std::move(measures);
    out["latest_update"] = v.latest_update ? json::value(to_json(*v.latest_update)) : nullptr;
    out["progress"] = to_json(v.progress);
    out["rollup"] = to_json(v.rollup);
    out["timing_for_review"] = texts(v.timing_for_review);
    if (links == ItemLinks::Shown) {
        json::array shown;
        for (const auto& l : v.links) shown.push_back(to_json(l));
        out["links"] = std::move(shown);
    }
    return out;
}

json::object to_json(const PlanTree& t) {
    return {{"plan", to_json(t.plan)}, {"unit_name", t.unit_name}, {"items", views_json(t.items)}};
}

json::object to_json(const Comparison& c) {
    json::array items;
    for (const auto& i : c.items)
        items.push_back(json::object{{"ref", i.ref},
                                     {"title", i.title},
                                     {"change", i.change},
                                     {"fields", fields_json(i.fields)}});
    return {{"from", c.from},
            {"to", c.to},
            {"plan_fields", fields_json(c.plan_fields)},
            {"items", std::move(items)}};
}

json::object to_json(const MissingUpdates& m) {
    return {{"period", m.period}, {"items", views_json(m.items)}};
}

json::object to_json(const ImportSummary& s) {
    return {{"plan_id", s.plan_id},
            {"items", s.items},
            {"measures", s.measures},
            {"updates", s.updates},
            {"links", s.links}};
}

}  // namespace civic::plans
