// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans themselves: list, read, create, change, archive, approve (which freezes a version),
// the versions and their comparison, and a plan made from the Best Value framework.
#include "civic/modules/plans/service.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/period.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/plans/service_support.hpp"
#include "civic/store/audit.hpp"

namespace civic::plans {
using namespace detail;
using store::Connection;
namespace json = boost::json;

// ---- shared checks (service_support.hpp)

namespace detail {

std::optional<std::vector<std::string>> themes_field(
    Checks& checks, const std::optional<std::vector<std::string>>& v) {
    if (!v) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& t : *v) {
        const auto theme =
            checks.choice("themes", "Each Best Value theme", t, k_best_value_themes, Required::Yes);
        if (!theme) return std::nullopt;
        if (std::find(out.begin(), out.end(), *theme) == out.end()) out.push_back(*theme);
    }
    return out;
}

std::optional<Plan> plan_of_item(Connection& c, const Item& item) {
    return repo::find_plan(c, item.plan_id);
}

}  // namespace detail

// A plan period: one or more financial years ("1999/2000", "2025/26", "2025-28"), as
// core/period reads them; returns the canonical text.
std::optional<std::string> detail::plan_period(Checks& checks, const std::optional<std::string>& v,
                                               Required required) {
    if (!v) {
        if (required == Required::Yes)
            checks.fail("period", "Enter the plan's period, for example 2025/26 or 2025-28");
        return std::nullopt;
    }
    checks.text("period", "Period", v, required, 50);
    if (checks.failed("period")) return std::nullopt;
    auto p = parse_period(trim(*v));
    if (!p || (p->kind() != PeriodKind::FinancialYear && p->kind() != PeriodKind::Span)) {
        checks.fail("period",
                    "Period must be one financial year, such as 2025/26, or several, such as "
                    "2025-28 (2025/26 to 2027/28)");
        return std::nullopt;
    }
    return p->to_string();
}

namespace {

// The unit a plan (or a review) belongs to: live and in the caller's write scope.
std::optional<org::Unit> writable_unit(Connection& c, const Context& ctx, const std::string& id) {
    return named_record(org::repo::find_unit(c, id), [&](const org::Unit& u) {
        return covers(ctx.principal, u.path, Access::Write);
    });
}

// A body that approved a plan: any live unit (usually of kind body: Cabinet, a committee).
std::optional<org::Unit> live_unit(Connection& c, const std::string& id) {
    return named_record(org::repo::find_unit(c, id), [](const org::Unit&) { return true; });
}

// Checks a plan's fields and applies them to p; creating says whether blanks are refused.
Result<void> apply_plan_input(Connection& c, const Context& ctx, const PlanInput& in, Plan& p,
                              bool creating) {
    Checks checks;
    checks.text("title", "Title", in.title, required_when(creating, in.title), 500);
    checks.text("description", "Description", in.description, Required::No, 20000, Lines::Many);
    const auto kind =
        checks.choice("kind", "Kind", in.kind, k_plan_kinds, required_when(creating, in.kind));
    const auto rollup =
        checks.choice("rollup", "Roll-up rule", in.rollup, k_rollup_rules, Required::No);
    const auto period = plan_period(checks, in.period, required_when(creating, in.period));
    std::optional<std::string> status;
    if (in.status) {
        status = checks.choice("status", "Status", in.status, k_plan_statuses, Required::Yes);
        // Approval and archiving are their own actions, with what they need.
        if (status == "approved")
            checks.fail("status", "Approve a plan with its approval: the body and the date");
        else if (status == "archived")
            checks.fail("status", "Archive a plan with its archive action");
        else if (status == "superseded" && p.status != "approved")
            checks.fail("status", "Only an approved plan can be superseded");
        else if (creating && status != "draft")
            checks.fail("status", "A new plan starts as a draft");
    }
    std::optional<org::Unit> unit;
    if (bad_id(in.unit_id) || (creating && !in.unit_id))
        checks.fail("unit_id", "Choose the unit whose plan this is");
    else if (in.unit_id && !(unit = writable_unit(c, ctx, *in.unit_id)))
        checks.fail("unit_id", "Choose a unit that exists and that you can change plans in");
    CIVIC_CHECK(checks.result());
    if (in.title) p.title = trimmed(in.title);
    if (in.description) p.description = trimmed(in.description);
    if (kind) p.kind = *kind;
    if (rollup) p.rollup = *rollup;
    if (period) p.period = *period;
    if (status) p.status = *status;
    if (unit) {
        p.unit_id = unit->id;
        p.unit_path = unit->path;
    }
    return ok();
}

// A version number, or "current".
std::optional<std::int64_t> version_number(std::string_view text) {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || ptr != text.data() + text.size() || n < 1) return std::nullopt;
    return n;
}

// The fields of a plan and of its items that a comparison reads, from an export document.
const json::array* items_of(const json::object& doc) {
    const auto* items = doc.if_contains("items");
    return items && items->is_array() ? &items->as_array() : nullptr;
}

}  // namespace

// ---- plans

Result<Page<Plan>> PlanService::list_plans(const Context& ctx, const PlanQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<Plan>> {
        repo::PlanFilter f;
        f.unit_id = q.unit_id.value_or("");
        f.kind = q.kind.value_or("");
        f.status = q.status.value_or("");
        f.include_archived = q.include_archived;
        f.after = q.cursor.value_or("");
        return filtered_page<Plan>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_plans(c, f);
            },
            [&](const Plan& p) { return may_read(ctx.principal, p); });
    });
}

Result<Plan> PlanService::get_plan(const Context& ctx, const std::string& id) {
    auto plan = m_db.read([&](Connection& c) { return repo::find_plan(c, id); });
    if (!plan || !may_read(ctx.principal, *plan))
        return std::unexpected(Error::not_found("There is no plan with this id."));
    return *plan;
}

Result<Plan> PlanService::create_plan(const Context& ctx, const PlanInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Plan> {
        Plan p;
        p.status = "draft";
        p.rollup = "worst";
        CIVIC_CHECK(apply_plan_input(c, ctx, in, p, true));
        p.id = new_id();
        p.created_at = p.updated_at = now_text(ctx);
        repo::insert_plan(c, p);
        store::record_audit(c, ctx, k_plan.name, p.id, "create", std::nullopt, audit_text(p));
        return p;
    });
}

Result<Plan> PlanService::update_plan(const Context& ctx, const std::string& id,
                                      const PlanInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_plan, id, version, "update", [&](Plan& p) -> Result<void> {
            if (p.archived_at)
                return std::unexpected(Error::conflict("This plan is archived: it cannot change."));
            const std::string before_status = p.status;
            CIVIC_CHECK(apply_plan_input(c, ctx, in, p, false));
            // Changing an approved plan's content starts its next version, a draft.
            const bool content =
                in.title || in.description || in.kind || in.period || in.rollup || in.unit_id;
            if (before_status == "approved" && p.status == "approved" && content) {
                p.status = "draft";
                p.plan_version += 1;
                p.approved_by_unit_id.reset();
                p.approved_on.reset();
            }
            return ok();
        });
    });
}

Result<Plan> PlanService::archive_plan(const Context& ctx, const std::string& id,
                                       std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_plan, id, version, "archive", [&](Plan& p) -> Result<void> {
            if (p.archived_at)
                return std::unexpected(Error::conflict("This plan is already archived."));
            p.archived_at = now_text(ctx);
            p.status = "archived";
            return ok();
        });
    });
}

Result<Plan> PlanService::approve_plan(const Context& ctx, const std::string& id,
                                       const ApprovalInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    // The snapshot is the plan as its export writes it, read before the write starts (a read
    // inside a write would wait for itself on SQLite); the version check below makes sure it
    // is still the plan being approved.
    auto snapshot = export_plan(ctx, id);
    return m_db.write([&](Connection& c) -> Result<Plan> {
        Checks checks;
        std::optional<org::Unit> body;
        if (!in.approved_by_unit_id || bad_id(in.approved_by_unit_id) ||
            trimmed(in.approved_by_unit_id).empty())
            checks.fail("approved_by_unit_id",
                        "Choose the body that approved the plan, for example Cabinet");
        else if (!(body = live_unit(c, trimmed(in.approved_by_unit_id))))
            checks.fail("approved_by_unit_id", "Choose a body that exists");
        const auto on = date_field(checks, "approved_on", "Approved on", in.approved_on);
        if (!checks.failed("approved_on") && (!on || !*on))
            checks.fail("approved_on", "Enter the date the plan was approved, as YYYY-MM-DD");
        std::optional<PlanVersion> frozen;
        auto approved =
            change_record(c, ctx, k_plan, id, version, "approve", [&](Plan& p) -> Result<void> {
                if (p.archived_at || p.status == "superseded")
                    return std::unexpected(Error::conflict(
                        fmt::format("This plan is {}: it cannot be approved.", p.status)));
                if (p.status == "approved")
                    return std::unexpected(Error::conflict(
                        "This version of the plan is already approved. Change it to start a "
                        "new version."));
                CIVIC_CHECK(checks.result());
                if (!snapshot) return std::unexpected(snapshot.error());
                p.status = "approved";
                p.approved_by_unit_id = body->id;
                p.approved_on = **on;
                // The version as approved: its approval is part of what it says.
                auto& frozen_plan = (*snapshot)["plan"].as_object();
                frozen_plan["status"] = "approved";
                frozen_plan["approved_by"] = body->name;
                frozen_plan["approved_on"] = **on;
                frozen = PlanVersion{new_id(),     p.id, p.plan_version,
                                     body->id,     **on, json::serialize(*snapshot),
                                     now_text(ctx)};
                return ok();
            });
        if (!approved) return approved;
        if (frozen) repo::insert_version(c, *frozen);
        return approved;
    });
}

Result<std::vector<PlanVersion>> PlanService::plan_versions(const Context& ctx,
                                                            const std::string& id) {
    CIVIC_TRY(auto plan, get_plan(ctx, id));
    return m_db.read([&](Connection& c) { return repo::list_versions(c, plan.id); });
}

Result<Comparison> PlanService::compare(const Context& ctx, const std::string& plan_id,
                                        const std::string& from, const std::string& to) {
    CIVIC_TRY(auto plan, get_plan(ctx, plan_id));
    const auto document = [&](const std::string& which,
                              std::string_view field) -> Result<json::object> {
        if (which == "current") return export_plan(ctx, plan.id);
        const auto n = version_number(which);
        auto v = n ? m_db.read([&](Connection& c) { return repo::find_version(c, plan.id, *n); })
                   : std::nullopt;
        if (!v)
            return std::unexpected(Error::validation(
                std::string(field),
                fmt::format("{} must be the number of an approved version of this plan, or "
                            "current",
                            field)));
        return json::parse(v->snapshot).as_object();
    };
    CIVIC_TRY(auto a, document(from, "from"));
    CIVIC_TRY(auto b, document(to, "to"));
    Comparison out{from, to, {}, {}};
    // The plan's own fields.
    const auto& pa = a["plan"].as_object();
    const auto& pb = b["plan"].as_object();
    for (const auto& [k, v] : pb) {
        const auto* old = pa.if_contains(k);
        if (!old || *old != v)
            out.plan_fields.push_back({std::string(k), old ? *old : json::value(nullptr), v});
    }
    // Items matched by ref: added, removed, or changed field by field. What a version says
    // is compared, not how far the work has got: progress (status, percentage, updates, a
    // measure achieved) moves without a new version, so it is left out.
    std::map<std::string, json::object> before, after;
    std::vector<std::string> order;
    const auto content = [](const json::value& v) {
        json::object o = v.as_object();
        for (auto k : {"status", "percent_complete", "updates"}) o.erase(k);
        if (auto* ms = o.if_contains("measures"); ms && ms->is_array())
            for (auto& m : ms->as_array())
                if (m.is_object())
                    for (auto k : {"achieved", "achieved_on", "evidence"}) m.as_object().erase(k);
        return o;
    };
    if (const auto* items = items_of(a))
        for (const auto& i : *items)
            before[std::string(i.as_object().at("ref").as_string())] = content(i);
    if (const auto* items = items_of(b))
        for (const auto& i : *items) {
            const std::string ref(i.as_object().at("ref").as_string());
            after[ref] = content(i);
            order.push_back(ref);
        }
    for (const auto& [ref, item] : before)
        if (!after.contains(ref)) order.push_back(ref);
    std::sort(order.begin(), order.end(),
              [](const std::string& x, const std::string& y) { return ref_less(x, y); });
    for (const auto& ref : order) {
        const json::object* x = before.contains(ref) ? &before[ref] : nullptr;
        const json::object* y = after.contains(ref) ? &after[ref] : nullptr;
        const auto title = [](const json::object* o) {
            const auto* t = o->if_contains("title");
            return t && t->is_string() ? std::string(t->as_string()) : std::string();
        };
        if (!x) {
            out.items.push_back({ref, title(y), "added", {}});
            continue;
        }
        if (!y) {
            out.items.push_back({ref, title(x), "removed", {}});
            continue;
        }
        ItemChange change{ref, title(y), "changed", {}};
        for (const auto& [k, v] : *y) {
            const auto* old = x->if_contains(k);
            if (!old || *old != v)
                change.fields.push_back({std::string(k), old ? *old : json::value(nullptr), v});
        }
        for (const auto& [k, v] : *x)
            if (!y->contains(k)) change.fields.push_back({std::string(k), v, nullptr});
        if (!change.fields.empty()) out.items.push_back(std::move(change));
    }
    return out;
}

Result<Plan> PlanService::create_from_framework(const Context& ctx, const PlanInput& in,
                                                const std::optional<std::string>& review_id) {
    CIVIC_CHECK(require_signed_in(ctx));
    PlanInput with_kind = in;
    if (!with_kind.kind) with_kind.kind = "improvement";
    return m_db.write([&](Connection& c) -> Result<Plan> {
        std::optional<Review> review;
        if (review_id) {
            review = bad_id(review_id) ? std::nullopt : repo::find_review(c, *review_id);
            if (!review || review->archived_at ||
                !covers(ctx.principal, review->unit_path, Access::Read))
                return std::unexpected(
                    Error::validation("review_id", "Choose a review that exists and you can see"));
        }
        Plan p;
        p.status = "draft";
        p.rollup = "worst";
        CIVIC_CHECK(apply_plan_input(c, ctx, with_kind, p, true));
        p.id = new_id();
        p.created_at = p.updated_at = now_text(ctx);
        repo::insert_plan(c, p);
        store::record_audit(c, ctx, k_plan.name, p.id, "create", std::nullopt, audit_text(p));
        // One theme item each, in the guidance's order.
        std::vector<Item> items;
        int n = 0;
        for (auto theme : k_best_value_themes) {
            Item i;
            i.id = new_id();
            i.plan_id = p.id;
            i.unit_path = p.unit_path;
            i.ref = fmt::format("Theme {}", ++n);
            i.kind = "theme";
            i.title = Checks::capitalise(theme);
            i.themes = {std::string(theme)};
            i.created_at = i.updated_at = p.created_at;
            items.push_back(std::move(i));
        }
        // Each finding of the review becomes an area of work under continuous improvement
        // (theme 7: "external review findings"), linked to the finding it answers.
        std::vector<std::pair<std::string, std::string>> answers;  // item id, finding id
        if (review) {
            int m = 0;
            for (const auto& f : repo::list_findings(c, review->id)) {
                Item i;
                i.id = new_id();
                i.plan_id = p.id;
                i.unit_path = p.unit_path;
                i.parent_id = items.back().id;
                i.ref = fmt::format("7.{}", ++m);
                i.kind = "area";
                i.title = shortened(f.text, 1900);
                i.description = fmt::format("Answers {} {} of {}.", f.kind, f.ref, review->title);
                i.themes = {"continuous improvement"};
                i.created_at = i.updated_at = p.created_at;
                answers.emplace_back(i.id, f.id);
                items.push_back(std::move(i));
            }
        }
        repo::insert_items(c, items);
        for (const auto& i : items)
            store::record_audit(c, ctx, k_item.name, i.id, "create", std::nullopt, audit_text(i));
        for (const auto& [item_id, finding_id] : answers) {
            kit::LinkInput link{"plan_item", item_id,   "review_finding",
                                finding_id,  "answers", std::nullopt};
            CIVIC_CHECK(m_links.create_in(c, ctx, link));
        }
        return p;
    });
}

bool PlanService::can_edit_plan(const Context& ctx, const Plan& plan) const {
    return !plan.archived_at && covers(ctx.principal, plan.unit_path, Access::Write);
}

}  // namespace civic::plans
