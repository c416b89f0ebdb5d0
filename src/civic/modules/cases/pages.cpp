// SPDX-License-Identifier: AGPL-3.0-or-later
// The case list: the caller's own open cases by default, or a unit's queue, a type's cases or
// the closed ones, sorted by the next due date (overdue first, then due soon), each with its
// tag; and where the case pages are registered.

#include "civic/modules/cases/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/http/api_support.hpp"
#include "civic/modules/cases/pages_support.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/choices.hpp"

namespace civic::cases::pages_detail {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

std::string case_href(const std::string& id) { return "/cases/" + id; }

json::object due_tag(std::string_view status) { return kit::status_tag(status); }

std::string day(const std::optional<std::string>& iso) { return kit::display_date(iso); }

std::string day(const std::optional<Date>& d) {
    return d ? kit::display_date(format_iso_date(*d)) : std::string();
}

Choices Pages::people_choices(const Context& c, std::string_view kind) const {
    return org::people_choices(org, c, kind);
}

Choices Pages::unit_choices(const Context& c) const {
    Choices units;
    org::ListQuery q;
    q.limit = 200;
    for (int read = 0; read < 50; ++read) {
        auto page = org.list_units(c, q);
        if (!page) break;
        for (const auto& u : page->items)
            if (u.kind != "body" && kit::covers(c.principal, u.path, kit::Access::Write))
                units.emplace_back(u.id, u.name);
        if (!page->next_cursor) break;
        q.cursor = page->next_cursor;
    }
    std::sort(units.begin(), units.end(),
              [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
    return units;
}

Choices Pages::type_choices(const Context& c) const {
    Choices types;
    if (auto all = service.list_case_types(c, false))
        for (const auto& t : *all) types.emplace_back(t.id, t.name);
    std::sort(types.begin(), types.end(),
              [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
    return types;
}

Choices Pages::priority_choices(const Context& c) const {
    Choices out;
    if (auto all = service.list_case_types(c, false))
        for (const auto& t : *all)
            for (const auto& p : stored_rules(t).priorities)
                if (std::none_of(out.begin(), out.end(),
                                 [&](const auto& o) { return o.first == p.key; }))
                    out.emplace_back(p.key, p.name);
    return out;
}

namespace {

// Overdue first, then due today, due soon, running, stopped, and those with nothing open; by
// the due date within each.
int urgency(std::string_view status) {
    static constexpr std::string_view k_order[] = {"overdue", "due today", "due soon", "running",
                                                   "stopped"};
    for (std::size_t i = 0; i < std::size(k_order); ++i)
        if (status == k_order[i]) return static_cast<int>(i);
    return static_cast<int>(std::size(k_order));
}

json::object row(const CaseView& v) {
    const Case& k = v.record;
    json::object o{{"href", case_href(k.id)},
                   {"reference", k.reference},
                   {"subject", k.subject},
                   {"type", v.type.name},
                   {"received", day(std::optional<std::string>(k.received_on))},
                   {"stage", v.stage_name},
                   {"officer", v.officer_name},
                   {"unit", v.unit_name},
                   {"due", day(v.next_due)},
                   {"closed", k.status == "closed"}};
    if (k.status == "closed")
        o["tag"] = kit::status_tag("closed");
    else if (!v.due_status.empty())
        o["tag"] = due_tag(v.due_status);
    return o;
}

}  // namespace

Response Pages::index(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    CaseQuery q;
    q.limit = 200;
    const auto unit = http::text_query_param(r, "unit_id");
    const auto type = http::text_query_param(r, "case_type_id");
    const auto status = http::text_query_param(r, "status").value_or("open");
    const auto show = http::text_query_param(r, "show").value_or(
        c.principal.person_id && !unit && !type ? "mine" : "all");
    q.mine = show == "mine";
    if (unit && is_id(*unit)) q.unit_id = unit;
    if (type && is_id(*type)) q.case_type_id = type;
    if (status == "open" || status == "closed") q.status = status;
    std::vector<CaseView> cases;
    std::optional<std::string> cursor;
    for (int read = 0; read < 25; ++read) {
        q.cursor = cursor;
        auto page = service.list_cases(c, q);
        if (!page) return kit::error_page(pages, r, page.error());
        for (auto& v : page->items) cases.push_back(std::move(v));
        cursor = page->next_cursor;
        if (!cursor) break;
    }
    std::stable_sort(cases.begin(), cases.end(), [](const CaseView& a, const CaseView& b) {
        const int ua = urgency(a.due_status), ub = urgency(b.due_status);
        if (ua != ub) return ua < ub;
        if (a.next_due != b.next_due)
            return a.next_due && (!b.next_due || *a.next_due < *b.next_due);
        return a.record.received_on < b.record.received_on;
    });
    json::array rows;
    int overdue = 0, soon = 0;
    for (const auto& v : cases) {
        rows.push_back(row(v));
        if (v.record.status == "open" && v.due_status == "overdue") ++overdue;
        if (v.record.status == "open" &&
            (v.due_status == "due soon" || v.due_status == "due today"))
            ++soon;
    }
    const std::string heading = q.mine ? "My cases" : "Cases";
    json::object view{
        {"rows", std::move(rows)},
        {"has_rows", !cases.empty()},
        {"count", cases.size()},
        {"overdue", overdue},
        {"soon", soon},
        {"mine", q.mine},
        {"can_mine", c.principal.person_id.has_value()},
        {"status_open", status != "closed"},
        {"unit_options", kit::choices(unit_choices(c), unit.value_or(""))},
        {"type_options", kit::choices(type_choices(c), type.value_or(""))},
        {"status_options", kit::choices(Choices{{"open", "Open"}, {"closed", "Closed"}}, status)},
        {"show_options",
         kit::choices(Choices{{"mine", "My cases"}, {"all", "All I can see"}}, show)}};
    return pages.page(r, "cases/list", heading, std::move(view));
}

// ---- The home page's panel ----

void add_home_panel(http::PageRenderer& pages, CasesService& service, const Clock& clock) {
    pages.add_home_panel([&service, &clock](const Request& r) -> std::optional<std::string> {
        if (!r.principal.signed_in() || !r.principal.person_id) return std::nullopt;
        const Context c = http::context_for(r, clock);
        CaseQuery q;
        q.mine = true;
        q.status = "open";
        q.limit = 200;
        auto found = service.list_cases(c, q);
        if (!found) return std::nullopt;
        std::vector<const CaseView*> urgent;
        for (const auto& v : found->items)
            if (urgency(v.due_status) <= urgency("due soon")) urgent.push_back(&v);
        if (urgent.empty()) return std::nullopt;
        std::stable_sort(urgent.begin(), urgent.end(), [](const CaseView* a, const CaseView* b) {
            return a->next_due < b->next_due;
        });
        json::array rows;
        for (const auto* v : urgent) rows.push_back(row(*v));
        return http::PageRenderer::render("cases/home_panel",
                                          json::object{{"rows", std::move(rows)}});
    });
}

}  // namespace civic::cases::pages_detail

namespace civic::cases {

void register_pages(http::Router& router, CasesService& service, org::OrgService& org,
                    http::PageRenderer& pages, const Clock& clock) {
    using pages_detail::Pages;
    pages.add_navigation({"Cases", "/cases", {"/cases", "/case-statistics"}, true});
    pages_detail::add_home_panel(pages, service, clock);
    auto p = std::make_shared<Pages>(Pages{service, org, pages, clock});
    const auto on = [&router, p](http::Method m, std::string pattern,
                                 http::Response (Pages::*fn)(http::Request&) const) {
        router.add(m, std::move(pattern), [p, fn](http::Request& r) { return ((*p).*fn)(r); });
    };
    using http::Method;
    // Fixed paths before patterns: the first match wins.
    on(Method::Get, "/cases", &Pages::index);
    on(Method::Post, "/cases", &Pages::create_case);
    on(Method::Get, "/cases/new", &Pages::new_case);
    on(Method::Get, "/case-statistics", &Pages::statistics);
    on(Method::Get, "/cases/{id}", &Pages::case_page);
    on(Method::Get, "/cases/{id}/response", &Pages::response_form);
    on(Method::Post, "/cases/{id}/response", &Pages::respond);
    on(Method::Get, "/cases/{id}/clock", &Pages::clock_form);
    on(Method::Post, "/cases/{id}/clock", &Pages::change_clock);
    on(Method::Get, "/cases/{id}/escalation", &Pages::escalation_form);
    on(Method::Post, "/cases/{id}/escalation", &Pages::escalate);
    on(Method::Get, "/cases/{id}/closure", &Pages::closure_form);
    on(Method::Post, "/cases/{id}/closure", &Pages::close);
    on(Method::Get, "/cases/{id}/reopening", &Pages::reopening_form);
    on(Method::Post, "/cases/{id}/reopening", &Pages::reopen);
    on(Method::Get, "/cases/{id}/lessons-action", &Pages::lessons_action_form);
    on(Method::Post, "/cases/{id}/lessons-action", &Pages::make_lessons_action);
}

}  // namespace civic::cases
