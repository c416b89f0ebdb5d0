// SPDX-License-Identifier: AGPL-3.0-or-later
// A plan's items (the tree, its checks, roll-up and expected progress, the lists officers
// work from), their measures and their progress updates.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/period.hpp"
#include "civic/core/timing.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/plans/service.hpp"
#include "civic/modules/plans/service_support.hpp"
#include "civic/store/audit.hpp"

namespace civic::plans {
using namespace detail;
using store::Connection;

bool detail::may_update(Connection& c, const Principal& who, const Item& item) {
    if (covers(who, item.unit_path, Access::Write)) return true;
    if (!item.lead_unit_id) return false;
    auto unit = org::repo::find_unit(c, *item.lead_unit_id);
    return unit && covers(who, unit->path, Access::Write);
}

// The plan an item write goes into: live, not superseded, and changeable by the caller.
Result<Plan> detail::plan_to_change(Connection& c, const Context& ctx, const std::string& plan_id) {
    auto plan = is_id(plan_id) ? repo::find_plan(c, plan_id) : std::nullopt;
    if (!plan || !may_change(ctx.principal, *plan))
        return std::unexpected(
            Error::not_found("There is no plan with this id that you can change."));
    if (plan->archived_at || plan->status == "superseded")
        return std::unexpected(Error::conflict(
            fmt::format("This plan is {}: its items can no longer be changed.", plan->status)));
    return *plan;
}

// A change to what an approved plan says starts its next version, a draft; the approved
// version stays frozen in plan_versions.
Result<void> detail::start_next_version(Connection& c, const Context& ctx, const Plan& plan) {
    if (plan.status != "approved") return ok();
    auto changed = change_record(c, ctx, k_plan, plan.id, plan.version, "new version",
                                 [](Plan& p) -> Result<void> {
                                     p.status = "draft";
                                     p.plan_version += 1;
                                     p.approved_by_unit_id.reset();
                                     p.approved_on.reset();
                                     return ok();
                                 });
    if (!changed) return std::unexpected(changed.error());
    return ok();
}

// The dates a timing phrase gives: its first day and the day it is due by.
TimingDates detail::dates_of(std::string_view words) {
    TimingDates out;
    if (trim(words).empty()) return out;
    const Timing t = parse_timing(words);
    // Only a range says when work starts ("Sept 1999 - Feb 2000"); "by July 1999" or
    // "March 2000" says when it ends.
    if (t.start && t.kind == TimingKind::Range) out.start = format_iso_date(*t.start);
    if (auto due = t.due_by()) out.due = format_iso_date(*due);
    return out;
}

namespace {

constexpr std::size_t k_long_text = 20000;

std::string display(const std::optional<std::string>& iso) {
    const auto d = iso ? parse_iso_date(*iso) : std::nullopt;
    return d ? format_day_month_year(*d) : iso.value_or("");
}

// Checks an item's fields and applies them; creating says whether blanks are refused. The
// plan's live items are passed in, for the ref's uniqueness and the parent's place.
Result<void> apply_item_input(Connection& c, const Context& ctx, const ItemInput& in, Item& item,
                              bool creating, const std::vector<Item>& siblings) {
    Checks checks;
    checks.text("ref", "Reference", in.ref, required_when(creating, in.ref), 50);
    checks.text("title", "Title", in.title, required_when(creating, in.title), 2000, Lines::Many);
    checks.text("description", "Description", in.description, Required::No, k_long_text,
                Lines::Many);
    checks.text("timing", "Timing", in.timing, Required::No, 500, Lines::Many);
    checks.text("notes", "Notes", in.notes, Required::No, k_long_text, Lines::Many);
    checks.text("constraints", "Constraints", in.constraints, Required::No, k_long_text,
                Lines::Many);
    const auto kind =
        checks.choice("kind", "Kind", in.kind, k_item_kinds, required_when(creating, in.kind));
    const auto status = checks.choice("status", "Status", in.status, k_item_statuses, Required::No);
    number_field(checks, "percent_complete", "Percent complete", in.percent_complete, 0, 100);
    number_field(checks, "weight", "Weight", in.weight, 0, 1000);
    const auto themes = themes_field(checks, in.themes);
    const auto start = date_field(checks, "start_date", "Start date", in.start_date);
    const auto due = date_field(checks, "due_date", "Due date", in.due_date);

    // The reference: unique among the plan's live items.
    if (in.ref && !checks.failed("ref")) {
        const std::string ref = trimmed(in.ref);
        for (const auto& s : siblings)
            if (s.id != item.id && s.ref == ref) {
                checks.fail("ref", fmt::format("This plan already has an item {}: {}", ref,
                                               shortened(s.title, 80)));
                break;
            }
    }
    // The parent: a live item of the same plan, and not the item itself or one under it.
    std::optional<std::optional<std::string>> parent;
    if (in.parent_id) {
        const std::string pid = trimmed(in.parent_id);
        if (pid.empty()) {
            parent = std::optional<std::string>();
        } else {
            const auto found = std::find_if(siblings.begin(), siblings.end(),
                                            [&](const Item& s) { return s.id == pid; });
            if (found == siblings.end()) {
                checks.fail("parent_id", "Choose a parent item from this plan");
            } else {
                // Walk up from the new parent: meeting the item itself would make a cycle.
                std::map<std::string, std::optional<std::string>> up;
                for (const auto& s : siblings) up[s.id] = s.parent_id;
                std::optional<std::string> at = pid;
                bool cycle = false;
                for (std::size_t steps = 0; at && steps <= siblings.size(); ++steps) {
                    if (*at == item.id) {
                        cycle = true;
                        break;
                    }
                    at = up.contains(*at) ? up[*at] : std::nullopt;
                }
                if (cycle)
                    checks.fail("parent_id",
                                "An item cannot sit under itself or under one of its own "
                                "sub-items");
                else
                    parent = std::optional<std::string>(pid);
            }
        }
    }
    // The lead officer: a live person the caller may see; the units: live units.
    std::optional<std::optional<std::string>> lead, lead_unit;
    if (in.lead_person_id) {
        const std::string id = trimmed(in.lead_person_id);
        if (id.empty())
            lead = std::optional<std::string>();
        else if (bad_id(id) ||
                 !named_record(org::repo::find_person(c, id), [&](const org::Person& p) {
                     return org::may_see(ctx.principal, p);
                 }))
            checks.fail("lead_person_id", "Choose a lead officer from the register");
        else
            lead = std::optional<std::string>(id);
    }
    const auto live_unit = [&](const std::string& id) {
        return !bad_id(id) &&
               named_record(org::repo::find_unit(c, id), [](const org::Unit&) { return true; });
    };
    if (in.lead_unit_id) {
        const std::string id = trimmed(in.lead_unit_id);
        if (id.empty())
            lead_unit = std::optional<std::string>();
        else if (!live_unit(id))
            checks.fail("lead_unit_id", "Choose the lead unit from the register");
        else
            lead_unit = std::optional<std::string>(id);
    }
    if (in.supporting_unit_ids)
        for (const auto& id : *in.supporting_unit_ids)
            if (!live_unit(std::string(trim(id)))) {
                checks.fail("supporting_unit_ids", "Choose each supporting unit from the register");
                break;
            }
    CIVIC_CHECK(checks.result());

    if (in.ref) item.ref = trimmed(in.ref);
    if (in.title) item.title = trimmed(in.title);
    if (in.description) item.description = trimmed(in.description);
    if (in.notes) item.notes = trimmed(in.notes);
    if (in.constraints) item.constraints = trimmed(in.constraints);
    if (kind) item.kind = *kind;
    if (status) item.status = *status;
    if (in.percent_complete) item.percent_complete = *in.percent_complete;
    if (in.weight) item.weight = *in.weight;
    if (themes) item.themes = *themes;
    if (parent) item.parent_id = *parent;
    if (lead) item.lead_person_id = *lead;
    if (lead_unit) item.lead_unit_id = *lead_unit;
    if (in.supporting_unit_ids) {
        item.supporting_unit_ids.clear();
        for (const auto& id : *in.supporting_unit_ids)
            item.supporting_unit_ids.emplace_back(trim(id));
    }
    // The timing's words give the dates, unless the dates are given too.
    if (in.timing) {
        item.timing = trimmed(in.timing);
        auto dates = dates_of(item.timing);
        // "As 7.4": the dates of item 7.4 of the same plan, when it has any.
        if (const Timing t = parse_timing(item.timing); t.kind == TimingKind::Reference) {
            for (const auto& s : siblings)
                if (s.ref == t.reference && s.id != item.id) {
                    dates.start = s.start_date;
                    dates.due = s.due_date;
                }
        }
        if (!start) item.start_date = dates.start;
        if (!due) item.due_date = dates.due;
    }
    if (start) item.start_date = *start;
    if (due) item.due_date = *due;
    if (item.start_date && item.due_date && *item.due_date < *item.start_date)
        return std::unexpected(Error::validation(
            "due_date", fmt::format("The due date ({}) must be on or after the start date ({})",
                                    display(item.due_date), display(item.start_date))));
    return ok();
}

// A person's name as lists show it, when the caller may see them.
std::string person_name(Connection& c, const Principal& who, const std::optional<std::string>& id,
                        std::map<std::string, std::string>& cache) {
    if (!id) return "";
    if (auto it = cache.find(*id); it != cache.end()) return it->second;
    auto p = org::repo::find_person(c, *id);
    std::string name = p && org::may_see(who, *p) ? p->name : "";
    cache[*id] = name;
    return name;
}

std::string unit_name(Connection& c, const std::optional<std::string>& id,
                      std::map<std::string, std::string>& cache) {
    if (!id) return "";
    if (auto it = cache.find(*id); it != cache.end()) return it->second;
    auto u = org::repo::find_unit(c, *id);
    return cache[*id] = u ? u->name : "";
}

// The latest update of an item: of the latest period, and of those the last entered.
const Update* latest_of(const std::vector<const Update*>& updates) {
    const Update* best = nullptr;
    std::optional<Period> best_period;
    for (const Update* u : updates) {
        const auto p = parse_period(u->period);
        if (!best || (p && best_period && *p > *best_period) ||
            (p && best_period && *p == *best_period && u->id > best->id) || (!best_period && p)) {
            best = u;
            best_period = p ? std::optional<Period>(*p) : std::nullopt;
        }
    }
    return best;
}

// Builds the views of a plan's items: measures, latest update, names, progress, roll-up,
// depth, timing to review. Items come back in tree order (natural ref order, depth first).
std::vector<ItemView> build_views(Connection& c, const Context& ctx, const Plan& plan,
                                  std::vector<Item> items, bool with_details) {
    std::map<std::string, std::vector<Measure>> measures;
    std::map<std::string, std::vector<Update>> updates;
    if (with_details) {
        for (auto& m : repo::list_plan_measures(c, plan.id))
            measures[m.item_id].push_back(std::move(m));
        for (auto& u : repo::list_plan_updates(c, plan.id))
            updates[u.item_id].push_back(std::move(u));
    }
    std::map<std::string, std::string> people, units;
    std::multimap<std::string, const Item*> children;
    std::set<std::string> ids;
    for (const auto& i : items) ids.insert(i.id);
    for (const auto& i : items)
        children.emplace(i.parent_id && ids.contains(*i.parent_id) ? *i.parent_id : "", &i);
    const Date now = today(ctx);
    std::optional<std::string> plan_start;
    if (auto period = parse_period(plan.period)) plan_start = format_iso_date(period->start());
    std::vector<ItemView> out;
    std::function<void(const std::string&, int)> walk = [&](const std::string& parent, int depth) {
        std::vector<const Item*> kids;
        auto [lo, hi] = children.equal_range(parent);
        for (auto it = lo; it != hi; ++it) kids.push_back(it->second);
        std::sort(kids.begin(), kids.end(),
                  [](const Item* a, const Item* b) { return ref_less(a->ref, b->ref); });
        for (const Item* i : kids) {
            ItemView v;
            v.item = *i;
            v.depth = depth;
            v.plan_title = plan.title;
            v.lead_name = person_name(c, ctx.principal, i->lead_person_id, people);
            v.lead_unit_name = unit_name(c, i->lead_unit_id, units);
            // Without dates of its own, an item is due when its last measure is, and started
            // with the plan's period: how seed 002's activities are timed.
            auto start = i->start_date, due = i->due_date;
            std::string from;
            if (!due) {
                if (auto it = measures.find(i->id); it != measures.end())
                    for (const auto& m : it->second)
                        if (m.due_date && (!due || *m.due_date > *due)) due = m.due_date;
                if (due) from = "Due by its latest measure";
            }
            if (!start && due && plan_start) {
                start = plan_start;
                from +=
                    std::string(from.empty() ? "Started" : "; started") + " with the plan's period";
            }
            v.progress = progress_of(start, due, i->status, i->percent_complete, now);
            if (!from.empty()) v.progress.dates_from = from + ".";
            if (!i->timing.empty() && parse_timing(i->timing).for_review)
                v.timing_for_review.push_back(i->timing);
            if (auto it = measures.find(i->id); it != measures.end()) {
                v.measures = it->second;
                for (const auto& m : v.measures)
                    if (!m.timing.empty() && parse_timing(m.timing).for_review)
                        v.timing_for_review.push_back(m.timing);
            }
            if (auto it = updates.find(i->id); it != updates.end()) {
                std::vector<const Update*> all;
                for (const auto& u : it->second) all.push_back(&u);
                if (const Update* last = latest_of(all)) v.latest_update = *last;
            }
            std::vector<Child> kids_status;
            auto [clo, chi] = children.equal_range(i->id);
            for (auto it = clo; it != chi; ++it)
                kids_status.push_back({it->second->status, it->second->weight});
            v.rollup = roll_up(plan.rollup, kids_status);
            out.push_back(std::move(v));
            walk(i->id, depth + 1);
        }
    };
    walk("", 0);
    return out;
}

bool matches(const ItemView& v, const ItemQuery& q, const Date&) {
    if (q.status && v.item.status != *q.status) return false;
    if (q.theme &&
        std::find(v.item.themes.begin(), v.item.themes.end(), *q.theme) == v.item.themes.end())
        return false;
    if (q.lead_person_id && v.item.lead_person_id != *q.lead_person_id) return false;
    if (q.lead_unit_id && v.item.lead_unit_id != *q.lead_unit_id) return false;
    if (q.due == "overdue" && !v.progress.overdue) return false;
    if (q.due == "due_soon" && !v.progress.due_soon) return false;
    if (q.due == "behind" && !v.progress.behind) return false;
    return true;
}

// The last quarter that has ended, as the updates-missing list asks about by default.
std::string last_quarter(const Date& today) {
    auto q = period_containing(today, PeriodKind::Quarter);
    auto prev = q ? q->previous() : std::nullopt;
    return prev ? prev->to_string() : "";
}

}  // namespace

// ---- items

Result<PlanTree> PlanService::tree(const Context& ctx, const std::string& plan_id,
                                   const ItemQuery& filter) {
    CIVIC_TRY(auto plan, get_plan(ctx, plan_id));
    return m_db.read([&](Connection& c) -> Result<PlanTree> {
        repo::ItemFilter f;
        f.plan_id = plan.id;
        PlanTree out{plan, "", {}};
        if (auto u = org::repo::find_unit(c, plan.unit_id)) out.unit_name = u->name;
        const Date now = today(ctx);
        for (auto& v : build_views(c, ctx, plan, repo::list_items(c, f), true))
            if (matches(v, filter, now)) out.items.push_back(std::move(v));
        return out;
    });
}

Result<std::vector<ItemView>> PlanService::list_items(const Context& ctx, const ItemQuery& q) {
    return m_db.read([&](Connection& c) -> Result<std::vector<ItemView>> {
        repo::ItemFilter f;
        f.plan_id = q.plan_id.value_or("");
        f.lead_person_id = q.lead_person_id.value_or("");
        f.lead_unit_id = q.lead_unit_id.value_or("");
        f.theme = q.theme.value_or("");
        f.status = q.status.value_or("");
        f.include_archived = q.include_archived;
        // Grouped by plan, each plan's items in tree order; plans the caller may not read are
        // left out.
        std::map<std::string, std::vector<Item>> by_plan;
        for (auto& i : repo::list_items(c, f)) by_plan[i.plan_id].push_back(std::move(i));
        std::vector<ItemView> out;
        const Date now = today(ctx);
        for (auto& [plan_id, items] : by_plan) {
            auto plan = repo::find_plan(c, plan_id);
            if (!plan || !may_read(ctx.principal, *plan)) continue;
            if (plan->archived_at && !q.include_archived) continue;
            for (auto& v : build_views(c, ctx, *plan, std::move(items), true))
                if (matches(v, q, now)) out.push_back(std::move(v));
        }
        return out;
    });
}

Result<ItemView> PlanService::get_item(const Context& ctx, const std::string& id) {
    auto found = m_db.read([&](Connection& c) -> std::optional<ItemView> {
        auto item = repo::find_item(c, id);
        if (!item) return std::nullopt;
        auto plan = repo::find_plan(c, item->plan_id);
        if (!plan || !may_read(ctx.principal, *plan)) return std::nullopt;
        // The item's own view needs its children for the roll-up.
        repo::ItemFilter f;
        f.plan_id = plan->id;
        f.include_archived = item->archived_at.has_value();
        for (auto& v : build_views(c, ctx, *plan, repo::list_items(c, f), true))
            if (v.item.id == item->id) {
                v.links = m_links.links_of(c, ctx.principal, "plan_item", item->id);
                return v;
            }
        // An archived item whose parent is archived too sits outside the tree: shown alone.
        auto views = build_views(c, ctx, *plan, {*item}, true);
        views.front().links = m_links.links_of(c, ctx.principal, "plan_item", item->id);
        return views.front();
    });
    if (!found) return std::unexpected(Error::not_found("There is no plan item with this id."));
    return *found;
}

Result<Item> PlanService::create_item(const Context& ctx, const ItemInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Item> {
        CIVIC_TRY(auto plan, plan_to_change(c, ctx, in.plan_id.value_or("")));
        repo::ItemFilter f;
        f.plan_id = plan.id;
        const auto siblings = repo::list_items(c, f);
        Item item;
        item.id = new_id();
        item.plan_id = plan.id;
        item.unit_path = plan.unit_path;
        CIVIC_CHECK(apply_item_input(c, ctx, in, item, true, siblings));
        item.created_at = item.updated_at = now_text(ctx);
        CIVIC_CHECK(start_next_version(c, ctx, plan));
        repo::insert_item(c, item);
        store::record_audit(c, ctx, k_item.name, item.id, "create", std::nullopt, audit_text(item));
        return item;
    });
}

Result<Item> PlanService::update_item(const Context& ctx, const std::string& id,
                                      const ItemInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Item> {
        auto found = repo::find_item(c, id);
        if (!found || !may_change(ctx.principal, *found))
            return std::unexpected(
                Error::not_found("There is no plan item with this id that you can change."));
        CIVIC_TRY(auto plan, plan_to_change(c, ctx, found->plan_id));
        repo::ItemFilter f;
        f.plan_id = plan.id;
        const auto siblings = repo::list_items(c, f);
        bool changed = false;
        auto updated =
            change_record(c, ctx, k_item, id, version, "update", [&](Item& i) -> Result<void> {
                if (i.archived_at)
                    return std::unexpected(
                        Error::conflict("This plan item is archived: it cannot change."));
                CIVIC_CHECK(apply_item_input(c, ctx, in, i, false, siblings));
                changed = audit_text(i) != audit_text(*found);
                return ok();
            });
        if (!updated) return updated;
        if (changed) CIVIC_CHECK(start_next_version(c, ctx, plan));
        return updated;
    });
}

Result<Item> PlanService::archive_item(const Context& ctx, const std::string& id,
                                       std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Item> {
        auto found = repo::find_item(c, id);
        if (!found || !may_change(ctx.principal, *found))
            return std::unexpected(
                Error::not_found("There is no plan item with this id that you can change."));
        CIVIC_TRY(auto plan, plan_to_change(c, ctx, found->plan_id));
        repo::ItemFilter f;
        f.plan_id = plan.id;
        const auto items = repo::list_items(c, f);
        auto archived =
            archive_record(c, ctx, k_item, id, version, [&](const Item& i) -> Result<void> {
                for (const auto& s : items)
                    if (s.parent_id == i.id)
                        return std::unexpected(Error::conflict(fmt::format(
                            "This item still has sub-items ({} {}). Archive or move them first.",
                            s.ref, shortened(s.title, 60))));
                return ok();
            });
        if (!archived) return archived;
        CIVIC_CHECK(start_next_version(c, ctx, plan));
        return archived;
    });
}

Result<MissingUpdates> PlanService::updates_missing(const Context& ctx, const std::string& plan_id,
                                                    const std::optional<std::string>& period) {
    CIVIC_TRY(auto plan, get_plan(ctx, plan_id));
    std::string which = period ? std::string(trim(*period)) : last_quarter(today(ctx));
    if (period) {
        auto p = parse_period(which);
        if (!p || (p->kind() != PeriodKind::Month && p->kind() != PeriodKind::Quarter))
            return std::unexpected(Error::validation(
                "period",
                "Period must be a month, such as 2025-09, or a quarter, such as 2025/26 Q2"));
        which = p->to_string();
    }
    return m_db.read([&](Connection& c) -> Result<MissingUpdates> {
        repo::ItemFilter f;
        f.plan_id = plan.id;
        std::set<std::string> updated;
        for (const auto& u : repo::list_plan_updates(c, plan.id))
            if (u.period == which) updated.insert(u.item_id);
        MissingUpdates out{which, {}};
        for (auto& v : build_views(c, ctx, plan, repo::list_items(c, f), true)) {
            // Items with a lead are those someone reports on; finished ones need no update.
            if (!v.item.lead_person_id || finished(v.item.status) || updated.contains(v.item.id))
                continue;
            out.items.push_back(std::move(v));
        }
        return out;
    });
}

Result<std::vector<kit::Change>> PlanService::item_history(const Context& ctx,
                                                           const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<std::vector<kit::Change>> {
        auto item = is_id(id) ? repo::find_item(c, id) : std::nullopt;
        if (!item || !may_update(c, ctx.principal, *item))
            return std::unexpected(
                Error::not_found("There is no plan item with this id whose history you can see."));
        return kit::record_changes(c, k_item.name, item->id);
    });
}

bool PlanService::can_update_item(const Context& ctx, const Item& item) const {
    return m_db.read([&](Connection& c) { return may_update(c, ctx.principal, item); });
}

// ---- measures

Result<std::vector<Measure>> PlanService::list_measures(const Context& ctx,
                                                        const std::string& item_id) {
    CIVIC_TRY(auto view, get_item(ctx, item_id));
    return view.measures;
}

Result<Measure> PlanService::get_measure(const Context& ctx, const std::string& id) {
    auto found = m_db.read([&](Connection& c) -> std::optional<Measure> {
        auto m = repo::find_measure(c, id);
        if (!m) return std::nullopt;
        auto item = repo::find_item(c, m->item_id);
        auto plan = item ? repo::find_plan(c, item->plan_id) : std::nullopt;
        return plan && may_read(ctx.principal, *plan) ? m : std::nullopt;
    });
    if (!found) return std::unexpected(Error::not_found("There is no measure with this id."));
    return *found;
}

namespace {

Result<void> apply_measure_input(const MeasureInput& in, Measure& m, bool creating) {
    Checks checks;
    checks.text("title", "Measure", in.title, required_when(creating, in.title), 2000, Lines::Many);
    checks.text("timing", "Timing", in.timing, Required::No, 500, Lines::Many);
    checks.text("evidence", "Evidence", in.evidence, Required::No, k_long_text, Lines::Many);
    const auto kind = checks.choice("kind", "Kind", in.kind, k_measure_kinds, Required::No);
    const auto due = date_field(checks, "due_date", "Due date", in.due_date);
    const auto achieved_on = date_field(checks, "achieved_on", "Achieved on", in.achieved_on);
    CIVIC_CHECK(checks.result());
    if (in.title) m.title = trimmed(in.title);
    if (in.evidence) m.evidence = trimmed(in.evidence);
    if (kind) m.kind = *kind;
    if (in.timing) {
        m.timing = trimmed(in.timing);
        if (!due) m.due_date = dates_of(m.timing).due;
    }
    if (due) m.due_date = *due;
    if (in.achieved) m.achieved = *in.achieved;
    if (achieved_on) m.achieved_on = *achieved_on;
    if (!m.achieved) m.achieved_on.reset();
    return ok();
}

}  // namespace

Result<Measure> PlanService::create_measure(const Context& ctx, const MeasureInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Measure> {
        const std::string item_id = in.item_id.value_or("");
        auto item = is_id(item_id) ? repo::find_item(c, item_id) : std::nullopt;
        if (!item || item->archived_at || !may_update(c, ctx.principal, *item))
            return std::unexpected(
                Error::not_found("There is no plan item with this id that you can change."));
        CIVIC_TRY(auto plan, plan_to_change(c, ctx, item->plan_id));
        Measure m;
        m.id = new_id();
        m.item_id = item->id;
        m.unit_path = item->unit_path;
        m.position = repo::next_measure_position(c, item->id);
        CIVIC_CHECK(apply_measure_input(in, m, true));
        m.created_at = m.updated_at = now_text(ctx);
        CIVIC_CHECK(start_next_version(c, ctx, plan));
        repo::insert_measure(c, m);
        store::record_audit(c, ctx, k_measure.name, m.id, "create", std::nullopt, audit_text(m));
        return m;
    });
}

Result<Measure> PlanService::update_measure(const Context& ctx, const std::string& id,
                                            const MeasureInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Measure> {
        auto found = repo::find_measure(c, id);
        auto item = found ? repo::find_item(c, found->item_id) : std::nullopt;
        if (!item || !may_update(c, ctx.principal, *item))
            return std::unexpected(
                Error::not_found("There is no measure with this id that you can change."));
        CIVIC_TRY(auto plan, plan_to_change(c, ctx, item->plan_id));
        // The lead may change a measure whose plan they cannot otherwise change: the kit's
        // scope rule for measures is the plan's, so the check above stands in for it.
        Entity<Measure> entity = k_measure;
        entity.may_change = [](const Principal&, const Measure&) { return true; };
        bool content = false;
        auto updated =
            change_record(c, ctx, entity, id, version, "update", [&](Measure& m) -> Result<void> {
                if (m.archived_at)
                    return std::unexpected(
                        Error::conflict("This measure is archived: it cannot change."));
                CIVIC_CHECK(apply_measure_input(in, m, false));
                // Recording that a measure was achieved is progress, not a change to the plan.
                content = m.title != found->title || m.timing != found->timing ||
                          m.kind != found->kind || m.due_date != found->due_date;
                return ok();
            });
        if (!updated) return updated;
        if (content) CIVIC_CHECK(start_next_version(c, ctx, plan));
        return updated;
    });
}

Result<Measure> PlanService::archive_measure(const Context& ctx, const std::string& id,
                                             std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Measure> {
        auto found = repo::find_measure(c, id);
        if (!found || !may_change(ctx.principal, *found))
            return std::unexpected(
                Error::not_found("There is no measure with this id that you can change."));
        auto item = repo::find_item(c, found->item_id);
        CIVIC_TRY(auto plan, plan_to_change(c, ctx, item->plan_id));
        auto archived = archive_record(c, ctx, k_measure, id, version, no_objection);
        if (!archived) return archived;
        CIVIC_CHECK(start_next_version(c, ctx, plan));
        return archived;
    });
}

// ---- updates

Result<std::vector<Update>> PlanService::list_updates(const Context& ctx,
                                                      const std::string& item_id) {
    CIVIC_TRY(auto view, get_item(ctx, item_id));
    return m_db.read([&](Connection& c) { return repo::list_updates(c, view.item.id); });
}

Result<Update> PlanService::get_update(const Context& ctx, const std::string& id) {
    auto found = m_db.read([&](Connection& c) -> std::optional<Update> {
        auto u = repo::find_update(c, id);
        if (!u) return std::nullopt;
        auto item = repo::find_item(c, u->item_id);
        auto plan = item ? repo::find_plan(c, item->plan_id) : std::nullopt;
        return plan && may_read(ctx.principal, *plan) ? u : std::nullopt;
    });
    if (!found)
        return std::unexpected(Error::not_found("There is no progress update with this id."));
    return *found;
}

Result<Update> PlanService::add_update(const Context& ctx, const UpdateInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Update> {
        const std::string item_id = in.item_id.value_or("");
        auto item = is_id(item_id) ? repo::find_item(c, item_id) : std::nullopt;
        if (!item || !may_update(c, ctx.principal, *item))
            return std::unexpected(
                Error::not_found("There is no plan item with this id that you can update."));
        auto plan = repo::find_plan(c, item->plan_id);
        if (item->archived_at || !plan || plan->archived_at)
            return std::unexpected(
                Error::conflict("This item is archived: progress can no longer be added."));
        Checks checks;
        checks.text("period", "Period", in.period, Required::Yes, 50);
        std::string period;
        if (!checks.failed("period")) {
            auto p = parse_period(trim(*in.period));
            if (!p || (p->kind() != PeriodKind::Month && p->kind() != PeriodKind::Quarter))
                checks.fail("period",
                            "Period must be a month, such as 2025-09, or a quarter, "
                            "such as 2025/26 Q2");
            else
                period = p->to_string();
        }
        const auto status =
            checks.choice("status", "Status", in.status, k_item_statuses, Required::Yes);
        if (!in.percent_complete)
            checks.fail("percent_complete", "Enter how complete the item is, from 0 to 100");
        number_field(checks, "percent_complete", "Percent complete", in.percent_complete, 0, 100);
        checks.text("commentary", "Commentary", in.commentary, Required::No, k_long_text,
                    Lines::Many);
        std::optional<std::string> author;
        if (in.author_person_id && !trimmed(in.author_person_id).empty()) {
            const std::string id = trimmed(in.author_person_id);
            if (bad_id(id) ||
                !named_record(org::repo::find_person(c, id),
                              [&](const org::Person& p) { return org::may_see(ctx.principal, p); }))
                checks.fail("author_person_id", "Choose who gives the update from the register");
            else
                author = id;
        }
        if (status == "complete" && in.percent_complete && *in.percent_complete != 100)
            checks.fail("percent_complete", "A complete item is 100% complete");
        CIVIC_CHECK(checks.result());
        Update u;
        u.id = new_id();
        u.item_id = item->id;
        u.unit_path = item->unit_path;
        u.period = period;
        u.status = *status;
        u.percent_complete = *in.percent_complete;
        u.commentary = trimmed(in.commentary);
        u.author_person_id = author ? author : item->lead_person_id;
        u.entered_by = ctx.principal.display_name.empty() ? ctx.principal.username
                                                          : ctx.principal.display_name;
        u.created_at = u.updated_at = now_text(ctx);
        repo::insert_update(c, u);
        store::record_audit(c, ctx, "plan_update", u.id, "create", std::nullopt, audit_text(u));
        // The latest update sets the item's status and percentage.
        auto all = repo::list_updates(c, item->id);
        std::vector<const Update*> ptrs;
        for (const auto& x : all) ptrs.push_back(&x);
        const Update* last = latest_of(ptrs);
        Entity<Item> entity = k_item;
        entity.may_change = [](const Principal&, const Item&) { return true; };  // checked above
        auto moved = change_record(c, ctx, entity, item->id, item->version, "progress",
                                   [&](Item& i) -> Result<void> {
                                       i.status = last->status;
                                       i.percent_complete = last->percent_complete;
                                       return ok();
                                   });
        if (!moved) return std::unexpected(moved.error());
        return u;
    });
}

}  // namespace civic::plans
