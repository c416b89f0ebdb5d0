// SPDX-License-Identifier: AGPL-3.0-or-later
// A plan as one JSON document: the plan, its items in their tree with their measures and
// progress updates, and the links between its items. People, units and parents are named (by
// name and by ref), never by id, so the document reads on its own and imports into another
// Civic (import.cpp) that holds the same organisation. It is also what approval freezes.
//
// The document holds nothing an import cannot give back: no ids and no times of entry. So
// export, import into an empty Civic and export again give the same document, but for the
// plan's status and approval when it was approved: an imported plan starts as a draft.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>

#include "civic/core/ids.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/plans/service.hpp"
#include "civic/modules/plans/service_support.hpp"

namespace civic::plans {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

json::value text_or_null(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::array text_array(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& s : items) out.emplace_back(s);
    return out;
}

// Names of people and units by id, each looked up once. A person the caller may not see is
// left out (null), as the plan's pages leave them out.
class NameCache {
public:
    NameCache(Connection& c, const Principal& who) : m_c(c), m_who(who) {}

    json::value person(const std::optional<std::string>& id) {
        if (!id) return nullptr;
        auto [it, fresh] = m_people.try_emplace(*id);
        if (fresh) {
            const auto p = org::repo::find_person(m_c, *id);
            if (p && org::may_see(m_who, *p)) it->second = p->name;
        }
        return text_or_null(it->second);
    }
    json::value unit(const std::optional<std::string>& id) {
        if (!id) return nullptr;
        auto [it, fresh] = m_units.try_emplace(*id);
        if (fresh)
            if (const auto u = org::repo::find_unit(m_c, *id)) it->second = u->name;
        return text_or_null(it->second);
    }

private:
    Connection& m_c;
    const Principal& m_who;
    std::map<std::string, std::optional<std::string>> m_people, m_units;
};

}  // namespace

Result<json::object> PlanService::export_plan(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<json::object> {
        const auto plan = is_id(id) ? repo::find_plan(c, id) : std::nullopt;
        if (!plan || !may_read(ctx.principal, *plan))
            return std::unexpected(Error::not_found("There is no plan with this id."));
        NameCache names(c, ctx.principal);

        repo::ItemFilter filter;
        filter.plan_id = plan->id;
        const auto items = repo::list_items(c, filter);
        std::map<std::string, std::vector<Measure>> measures;
        for (auto& m : repo::list_plan_measures(c, plan->id))
            measures[m.item_id].push_back(std::move(m));
        std::map<std::string, std::vector<Update>> updates;
        for (auto& u : repo::list_plan_updates(c, plan->id))
            if (!u.archived_at) updates[u.item_id].push_back(std::move(u));

        // The tree: each item after its parent, each level in natural order of refs. An item
        // whose parent is archived stands at the top.
        std::map<std::string, const Item*> by_id;
        for (const auto& i : items) by_id.emplace(i.id, &i);
        std::multimap<std::string, const Item*> children;
        for (const auto& i : items)
            children.emplace(i.parent_id && by_id.contains(*i.parent_id) ? *i.parent_id : "", &i);
        std::vector<const Item*> order;
        std::function<void(const std::string&)> walk = [&](const std::string& parent) {
            std::vector<const Item*> kids;
            for (auto [lo, hi] = children.equal_range(parent); lo != hi; ++lo)
                kids.push_back(lo->second);
            std::sort(kids.begin(), kids.end(),
                      [](const Item* a, const Item* b) { return ref_less(a->ref, b->ref); });
            for (const Item* i : kids) {
                order.push_back(i);
                walk(i->id);
            }
        };
        walk("");

        json::array items_json;
        for (const Item* i : order) {
            json::array measures_json;
            for (const auto& m : measures[i->id])
                measures_json.push_back(json::object{{"kind", m.kind},
                                                     {"title", m.title},
                                                     {"timing", m.timing},
                                                     {"due_date", text_or_null(m.due_date)},
                                                     {"achieved", m.achieved},
                                                     {"achieved_on", text_or_null(m.achieved_on)},
                                                     {"evidence", m.evidence}});
            // Oldest first. When each was entered is left out: an import enters them anew, and
            // the document must come back the same.
            json::array updates_json;
            for (const auto& u : updates[i->id])
                updates_json.push_back(json::object{{"period", u.period},
                                                    {"status", u.status},
                                                    {"percent_complete", u.percent_complete},
                                                    {"commentary", u.commentary},
                                                    {"author", names.person(u.author_person_id)},
                                                    {"entered_by", u.entered_by}});
            json::array supporting;
            for (const auto& unit_id : i->supporting_unit_ids)
                supporting.push_back(names.unit(unit_id));
            const Item* parent =
                i->parent_id && by_id.contains(*i->parent_id) ? by_id.at(*i->parent_id) : nullptr;
            items_json.push_back(json::object{
                {"ref", i->ref},
                {"parent_ref", parent ? json::value(parent->ref) : json::value(nullptr)},
                {"kind", i->kind},
                {"title", i->title},
                {"description", i->description},
                {"lead", names.person(i->lead_person_id)},
                {"lead_unit", names.unit(i->lead_unit_id)},
                {"supporting_units", std::move(supporting)},
                {"timing", i->timing},
                {"start_date", text_or_null(i->start_date)},
                {"due_date", text_or_null(i->due_date)},
                {"status", i->status},
                {"percent_complete", i->percent_complete},
                {"notes", i->notes},
                {"constraints", i->constraints},
                {"themes", text_array(i->themes)},
                {"weight", i->weight},
                {"measures", std::move(measures_json)},
                {"updates", std::move(updates_json)}});
        }

        // The links from one of the plan's items to another, in the tree's order of their
        // ends; links to other records (a review's finding, say) belong to no one plan.
        std::map<std::string, std::size_t> position;
        for (std::size_t n = 0; n < order.size(); ++n) position.emplace(order[n]->id, n);
        std::vector<kit::Link> links;
        for (const Item* i : order)
            for (auto& shown : m_links.links_of(c, ctx.principal, "plan_item", i->id))
                if (shown.outgoing && shown.link.to_type == "plan_item" &&
                    position.contains(shown.link.to_id))
                    links.push_back(std::move(shown.link));
        std::sort(links.begin(), links.end(), [&](const kit::Link& a, const kit::Link& b) {
            return std::tie(position[a.from_id], position[a.to_id], a.kind, a.note) <
                   std::tie(position[b.from_id], position[b.to_id], b.kind, b.note);
        });
        json::array links_json;
        for (const auto& l : links)
            links_json.push_back(json::object{{"from_ref", by_id.at(l.from_id)->ref},
                                              {"to_ref", by_id.at(l.to_id)->ref},
                                              {"kind", l.kind},
                                              {"note", l.note}});

        json::object plan_json{{"kind", plan->kind},
                               {"title", plan->title},
                               {"period", plan->period},
                               {"description", plan->description},
                               {"status", plan->status},
                               {"rollup", plan->rollup},
                               {"unit", names.unit(plan->unit_id)},
                               {"approved_by", names.unit(plan->approved_by_unit_id)},
                               {"approved_on", text_or_null(plan->approved_on)}};
        return json::object{{"format", "civic-plan"},
                            {"format_version", 1},
                            {"plan", std::move(plan_json)},
                            {"items", std::move(items_json)},
                            {"links", std::move(links_json)}};
    });
}

}  // namespace civic::plans
