// SPDX-License-Identifier: AGPL-3.0-or-later
// Lessons learned into actions: a case's lessons become a plan item in a plan the caller may
// change, made by the plans service with every check and audit of its own, and linked to the
// case by the links service, both in one transaction. Cases reaches plans only through the
// plans service and the links table, never through its repo.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/demo.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/plans/service.hpp"

namespace civic::cases {
using namespace civic::cases::detail;
using kit::trimmed;
using store::Connection;

namespace {

constexpr std::size_t k_plans_read = 500;

// The case with lessons to act on: 404 for one the caller may not see, 409 without lessons.
Result<Case> case_with_lessons(Connection& c, const Principal& who, const std::string& id) {
    CIVIC_TRY(auto k, readable_case(c, who, id));
    if (trim(k.lessons).empty())
        return std::unexpected(Error::conflict(fmt::format(
            "Case {} has no lessons learned yet. Record them when closing the case, or add "
            "them to the case, first.",
            k.reference)));
    return k;
}

LessonsActionInput draft_of(const Case& k) {
    LessonsActionInput in;
    in.kind = "task";
    in.title = fmt::format("Lessons from {}: {}", k.reference, k.subject);
    in.description = std::string(trim(k.lessons));
    if (k.officer_person_id) in.lead_person_id = k.officer_person_id;
    return in;
}

// The next free ref in a place of the plan: under "1" with "1.1" and "1.2", "1.3"; at the top
// level with "1" and "2", "3"; never one the plan already has.
std::string next_ref(const std::vector<plans::ItemView>& items,
                     const std::optional<std::string>& parent_id) {
    std::string prefix;
    if (parent_id)
        for (const auto& v : items)
            if (v.item.id == *parent_id) prefix = v.item.ref + ".";
    std::set<std::string, std::less<>> taken;
    long most = 0;
    for (const auto& v : items) {
        taken.insert(v.item.ref);
        if (v.item.parent_id != parent_id) continue;
        std::string_view ref = v.item.ref;
        if (!ref.starts_with(prefix)) continue;
        ref.remove_prefix(prefix.size());
        long n = 0;
        const auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), n);
        if (ec == std::errc() && end == ref.data() + ref.size()) most = std::max(most, n);
    }
    for (long n = most + 1;; ++n)
        if (auto ref = prefix + std::to_string(n); !taken.contains(ref)) return ref;
}

// The live plans the caller may change, by title.
std::vector<plans::Plan> plans_to_change(plans::PlanService& plan_service, const Context& ctx) {
    std::vector<plans::Plan> out;
    plans::PlanQuery q;
    q.limit = 200;
    for (std::size_t read = 0; read < k_plans_read; read += 200) {
        auto page = plan_service.list_plans(ctx, q);
        if (!page) break;
        for (auto& p : page->items)
            if (p.status != "superseded" && plan_service.can_edit_plan(ctx, p)) out.push_back(p);
        if (!page->next_cursor) break;
        q.cursor = page->next_cursor;
    }
    std::sort(out.begin(), out.end(), [](const plans::Plan& a, const plans::Plan& b) {
        return lower_ascii(a.title) < lower_ascii(b.title);
    });
    return out;
}

}  // namespace

Result<LessonsActionInput> CasesService::lessons_action_draft(const Context& ctx,
                                                              const std::string& id) const {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<LessonsActionInput> {
        CIVIC_TRY(auto k, case_with_lessons(c, ctx.principal, id));
        return draft_of(k);
    });
}

Result<std::vector<ActionPlace>> CasesService::action_places(const Context& ctx,
                                                             Places which) const {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    kit::LinkService links(m_db, m_links.types());
    plans::PlanService plan_service(m_db, links);
    std::vector<ActionPlace> out;
    for (const auto& p : plans_to_change(plan_service, ctx)) {
        out.push_back({p.id, std::nullopt, p.title});
        if (which == Places::PlansOnly) continue;
        auto tree = plan_service.tree(ctx, p.id, plans::ItemQuery{});
        if (!tree) continue;
        for (const auto& v : tree->items)
            out.push_back(
                {p.id, v.item.id,
                 fmt::format("{}: {} {}", p.title, v.item.ref, shortened(v.item.title, 80))});
    }
    return out;
}

Result<LessonsAction> CasesService::make_lessons_action(const Context& ctx, const std::string& id,
                                                        const LessonsActionInput& in) {
    CIVIC_CHECK(kit::require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<LessonsAction> {
        CIVIC_TRY(auto k, case_with_lessons(c, ctx.principal, id));
        // The plans and links services on this write's connection: the item and the link are
        // kept together or not at all.
        kit::WithinTransaction one(c);
        kit::LinkService links(one, m_links.types());
        plans::PlanService plan_service(one, links);

        const std::string plan_id = trimmed(in.plan_id);
        if (plan_id.empty())
            return std::unexpected(
                Error::validation("plan_id", "Choose the plan the action goes in"));
        auto plan = plan_service.get_plan(ctx, plan_id);
        if (!plan)
            return std::unexpected(Error::validation(
                "plan_id", "There is no plan with this id that you can see: choose another"));
        if (!plan_service.can_edit_plan(ctx, *plan))
            return std::unexpected(Error::forbidden(
                fmt::format("You may read {} but not add to it: only those who may change its "
                            "unit's plans may.",
                            plan->title)));

        const LessonsActionInput draft = draft_of(k);
        const auto given = [](const std::optional<std::string>& v) {
            return v && !trim(*v).empty();
        };
        plans::ItemInput item;
        item.plan_id = plan->id;
        item.parent_id = in.parent_id;
        item.kind = given(in.kind) ? in.kind : draft.kind;
        item.title = given(in.title) ? in.title : draft.title;
        item.description = in.description ? in.description : draft.description;
        item.lead_person_id = in.lead_person_id;
        item.due_date = in.due_date;
        if (given(in.ref)) {
            item.ref = in.ref;
        } else {
            plans::ItemQuery q;
            q.plan_id = plan->id;
            auto items = plan_service.list_items(ctx, q);
            if (!items) return std::unexpected(items.error());
            const std::string parent = trimmed(in.parent_id);
            item.ref = next_ref(*items,
                                parent.empty() ? std::nullopt : std::optional<std::string>(parent));
        }
        CIVIC_TRY(auto made, plan_service.create_item(ctx, item));

        kit::LinkInput link;
        link.from_type = "plan_item";
        link.from_id = made.id;
        link.to_type = "case";
        link.to_id = k.id;
        link.kind = "answers";
        link.note = fmt::format("Made from the lessons learned of {}", k.reference);
        CIVIC_TRY(auto linked, links.create(ctx, link));
        return LessonsAction{std::move(made), std::move(linked)};
    });
}

}  // namespace civic::cases
