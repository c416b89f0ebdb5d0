// SPDX-License-Identifier: AGPL-3.0-or-later
// The risk pages: the words and pieces every page shares, the registers as a tree with the
// reviews overdue and the acceptances to renew, the risks on one heat map cell, a register's
// risks, the heat map, the movement report, the issues log, the scoring matrix, the home
// page's panel, and the one list of routes. A risk's page is in pages_risk.cpp and the forms
// in pages_forms.cpp.

#include "civic/modules/risks/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <memory>
#include <set>

#include "civic/core/date.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/risks/heatmap.hpp"
#include "civic/modules/risks/pages_support.hpp"

namespace civic::risks {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace pages_detail {

namespace {

constexpr std::int64_t k_renew_within_days = 30;
constexpr std::int64_t k_home_due_within_days = 14;

std::string query_text(const Request& r, std::string_view name) {
    return std::string(trim(r.query_param(name).value_or("")));
}

std::size_t kind_rank(std::string_view kind) {
    for (std::size_t i = 0; i < std::size(k_register_kinds); ++i)
        if (k_register_kinds[i] == kind) return i;
    return std::size(k_register_kinds);
}

std::string view_words(std::string_view view) {
    if (view == "inherent") return "Inherent scores";
    if (view == "target") return "Target scores";
    return "Current scores";
}

// "?a=1&b=2" from the fields that are set; "" when none is.
std::string query_of(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields)
        if (!value.empty()) out += (out.empty() ? "?" : "&") + name + "=" + http::url_encode(value);
    return out;
}

// The link to a heat map cell's risks.
std::string cell_href(int likelihood, int impact, std::string_view view,
                      const std::string& register_id) {
    return "/risks" + query_of({{"likelihood", std::to_string(likelihood)},
                                {"impact", std::to_string(impact)},
                                {"view", std::string(view)},
                                {"register_id", register_id}});
}

json::object movement_row(const Matrix& m, const MovementRow& row) {
    json::object o{{"href", risk_href(row.risk_id)},
                   {"reference", row.reference},
                   {"title", row.title},
                   {"register", row.register_name},
                   {"note", row.note}};
    if (row.before) o["before"] = score_json(m, *row.before);
    if (row.after) o["after"] = score_json(m, *row.after);
    return o;
}

}  // namespace

std::string risk_href(const std::string& id) { return "/risks/" + id; }
std::string register_href(const std::string& id) { return "/risk-registers/" + id; }

std::string capitalised(std::string_view s) {
    std::string out(s);
    if (!out.empty())
        out.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(out.front())));
    return out;
}

std::string day(const std::optional<std::string>& iso) {
    if (!iso || iso->empty()) return "";
    return kit::display_date(iso->substr(0, std::min<std::size_t>(iso->size(), 10)));
}

std::string register_kind_words(std::string_view kind) {
    if (kind == "corporate") return "Corporate register";
    if (kind == "directorate") return "Directorate register";
    if (kind == "service") return "Service register";
    if (kind == "plan") return "Plan register";
    if (kind == "project") return "Project register";
    return capitalised(kind);
}

std::string band_tag_classes(std::string_view colour) {
    static constexpr std::pair<std::string_view, std::string_view> k_tags[] = {
        {"red", "govuk-tag--red"},      {"orange", "govuk-tag--orange"},
        {"amber", "govuk-tag--yellow"}, {"yellow", "govuk-tag--yellow"},
        {"green", "govuk-tag--green"},  {"blue", "govuk-tag--blue"},
        {"grey", "govuk-tag--grey"}};
    for (const auto& [k, v] : k_tags)
        if (k == colour) return "govuk-tag " + std::string(v);
    return "govuk-tag govuk-tag--grey";
}

json::object score_json(const ScoreView& s) {
    return json::object{
        {"score", s.score},
        {"likelihood", s.pair.likelihood},
        {"impact", s.pair.impact},
        {"likelihood_label", s.likelihood_label},
        {"impact_label", s.impact_label},
        {"pair", fmt::format("{} × {}", s.pair.likelihood, s.pair.impact)},
        {"band", s.band},
        {"tag", json::object{{"text", s.band.empty() ? std::string("No band") : s.band},
                             {"classes", band_tag_classes(s.colour)}}}};
}

json::object score_json(const Matrix& m, const Score& s) {
    ScoreView v;
    v.pair = s;
    v.score = s.score();
    if (const Band* b = m.band_of(v.score)) {
        v.band = b->name;
        v.colour = b->colour;
    }
    const auto label = [](const std::vector<Level>& levels, std::int64_t n) {
        return n >= 1 && n <= static_cast<std::int64_t>(levels.size()) ? levels[n - 1].label
                                                                       : std::string();
    };
    v.likelihood_label = label(m.likelihood, s.likelihood);
    v.impact_label = label(m.impact, s.impact);
    return score_json(v);
}

json::object effectiveness_tag(std::string_view effectiveness) {
    std::string classes = "govuk-tag govuk-tag--grey";
    if (effectiveness == "effective") classes = "govuk-tag govuk-tag--green";
    if (effectiveness == "partly effective") classes = "govuk-tag govuk-tag--yellow";
    if (effectiveness == "ineffective") classes = "govuk-tag govuk-tag--red";
    return json::object{{"text", capitalised(effectiveness)}, {"classes", classes}};
}

json::object priority_tag(std::string_view priority) {
    std::string classes = "govuk-tag govuk-tag--grey";
    if (priority == "critical") classes = "govuk-tag govuk-tag--red";
    if (priority == "high") classes = "govuk-tag govuk-tag--orange";
    if (priority == "medium") classes = "govuk-tag govuk-tag--yellow";
    if (priority == "low") classes = "govuk-tag govuk-tag--green";
    return json::object{{"text", capitalised(priority)}, {"classes", classes}};
}

json::object acceptance_tag(std::string_view state) {
    if (state == "active")
        return json::object{{"text", "Accepted"}, {"classes", "govuk-tag govuk-tag--blue"}};
    if (state == "expiring")
        return json::object{{"text", "Ending soon"}, {"classes", "govuk-tag govuk-tag--yellow"}};
    if (state == "lapsed")
        return json::object{{"text", "Lapsed"}, {"classes", "govuk-tag govuk-tag--red"}};
    return json::object{{"text", capitalised(state)}, {"classes", "govuk-tag govuk-tag--grey"}};
}

json::object risk_row(const RiskView& v) {
    const Risk& x = v.risk;
    json::object row{{"href", risk_href(x.id)},
                     {"position", x.position},
                     {"reference", x.reference},
                     {"title", x.title},
                     {"owner", v.owner_name},
                     {"register", v.register_name},
                     {"register_href", register_href(x.register_id)},
                     {"inherent", score_json(v.inherent)},
                     {"current", score_json(v.current)},
                     {"above_appetite", v.above_appetite},
                     {"accepted", v.accepted},
                     {"review_overdue", v.review_overdue},
                     {"next_review", day(x.next_review_on)}};
    if (v.target) row["target"] = score_json(*v.target);
    if (v.accepted && v.acceptance) row["accepted_until"] = day(v.acceptance->acceptance.until);
    return row;
}

void add_errors(json::object& view, const Error& error) { http::add_form_errors(view, error); }

std::optional<std::int64_t> form_integer(const kit::Form& form, std::string_view name,
                                         std::string_view label, std::vector<FieldError>& errors) {
    const std::string text(trim(kit::form_text(form, name)));
    if (text.empty()) return std::nullopt;
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc{} && p == text.data() + text.size()) return n;
    errors.push_back({std::string(name), fmt::format("{} must be a whole number, like 3", label)});
    return std::nullopt;
}

Result<std::vector<RiskView>> Pages::all_risks(const Context& c, RiskQuery q,
                                               std::size_t at_most) const {
    std::vector<RiskView> out;
    q.limit = 100;
    q.cursor.clear();
    while (out.size() < at_most) {
        auto page = service.list_risks(c, q);
        if (!page) return std::unexpected(page.error());
        for (auto& v : page->items) out.push_back(std::move(v));
        if (!page->next_cursor) break;
        q.cursor = *page->next_cursor;
    }
    if (out.size() > at_most) out.resize(at_most);
    return out;
}

Choices Pages::register_choices(const Context& c) const {
    Choices out;
    if (auto found = service.list_registers(c, RegisterQuery{}))
        for (const auto& v : *found) out.emplace_back(v.reg.id, v.reg.name);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
    return out;
}

std::string Pages::person_name(const Context& c, const std::optional<std::string>& id) const {
    if (!id || id->empty()) return "";
    auto found = org.get_person(c, *id);
    return found ? found->person.name : std::string();
}

// ---- The registers ----

Response Pages::index(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    if (r.query_param("likelihood") || r.query_param("impact")) return cell(r, c);
    auto found = service.list_registers(c, RegisterQuery{});
    if (!found) return kit::error_page(pages, r, found.error());
    // The tree: corporate at the top, each register's children beneath it.
    std::set<std::string> visible;
    for (const auto& v : *found) visible.insert(v.reg.id);
    std::map<std::string, std::vector<const RegisterView*>> below;
    std::vector<const RegisterView*> roots;
    for (const auto& v : *found) {
        if (v.reg.parent_id && visible.contains(*v.reg.parent_id))
            below[*v.reg.parent_id].push_back(&v);
        else
            roots.push_back(&v);
    }
    const auto order = [](std::vector<const RegisterView*>& list) {
        std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
            if (kind_rank(a->reg.kind) != kind_rank(b->reg.kind))
                return kind_rank(a->reg.kind) < kind_rank(b->reg.kind);
            return kit::name_less(a->reg.name, b->reg.name);
        });
    };
    json::array rows;
    std::set<std::string> shown;
    std::function<void(std::vector<const RegisterView*>, int)> walk =
        [&](std::vector<const RegisterView*> list, int depth) {
            order(list);
            for (const auto* v : list) {
                if (!shown.insert(v->reg.id).second) continue;
                rows.push_back(json::object{{"href", register_href(v->reg.id)},
                                            {"name", v->reg.name},
                                            {"kind", register_kind_words(v->reg.kind)},
                                            {"unit", v->unit_name},
                                            {"depth", std::min(depth, 4)},
                                            {"open", v->open_risks},
                                            {"above", v->above_appetite},
                                            {"overdue", v->reviews_overdue}});
                if (auto it = below.find(v->reg.id); it != below.end()) walk(it->second, depth + 1);
            }
        };
    walk(roots, 0);

    json::array overdue;
    if (auto late = service.overdue_reviews(c, RiskQuery{}))
        for (const auto& o : *late)
            overdue.push_back(json::object{{"href", risk_href(o.view.risk.id)},
                                           {"reference", o.view.risk.reference},
                                           {"title", o.view.risk.title},
                                           {"owner", o.view.owner_name},
                                           {"register", o.view.register_name},
                                           {"due", day(o.view.risk.next_review_on)},
                                           {"days", o.days_overdue}});
    json::array renew;
    if (auto ending = service.acceptances_to_renew(c, k_renew_within_days))
        for (const auto& a : *ending) {
            json::object row{{"href", risk_href(a.acceptance.risk_id)},
                             {"until", day(a.acceptance.until)},
                             {"by", a.acceptance.accepted_by},
                             {"tag", acceptance_tag(a.state)},
                             {"reason", a.state_reason}};
            if (auto risk = service.get_risk(c, a.acceptance.risk_id)) {
                row["reference"] = risk->risk.reference;
                row["title"] = risk->risk.title;
                row["register"] = risk->register_name;
            }
            renew.push_back(std::move(row));
        }
    json::object view{{"has_registers", !rows.empty()},  {"registers", std::move(rows)},
                      {"has_overdue", !overdue.empty()}, {"overdue", std::move(overdue)},
                      {"has_renew", !renew.empty()},     {"renew", std::move(renew)}};
    return pages.page(r, "risks/index", "Risks", std::move(view));
}

Response Pages::cell(Request& r, const Context& c) const {
    const std::string view_name = query_text(r, "view").empty() ? "current" : query_text(r, "view");
    const std::string register_id = query_text(r, "register_id");
    std::vector<FieldError> errors;
    const kit::Form query{{"likelihood", query_text(r, "likelihood")},
                          {"impact", query_text(r, "impact")}};
    const auto likelihood = form_integer(query, "likelihood", "Likelihood", errors);
    const auto impact = form_integer(query, "impact", "Impact", errors);
    if (view_name != "current" && view_name != "inherent" && view_name != "target")
        errors.push_back({"view", "Choose the current, inherent or target scores"});
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    if (errors.empty() && (!likelihood || *likelihood < 1 || *likelihood > m->size() || !impact ||
                           *impact < 1 || *impact > static_cast<std::int64_t>(m->impact.size())))
        errors.push_back({"likelihood", fmt::format("Choose a cell of the {} × {} matrix",
                                                    m->size(), m->impact.size())});
    if (!errors.empty()) {
        const std::string first = errors.front().message;
        return kit::error_page(pages, r, Error::validation(std::move(errors), first));
    }
    RiskQuery q;
    q.view = view_name;
    q.likelihood = likelihood;
    q.impact = impact;
    if (!register_id.empty()) q.register_id = register_id;
    auto found = all_risks(c, q);
    if (!found) return kit::error_page(pages, r, found.error());
    json::array rows;
    for (const auto& v : *found) rows.push_back(risk_row(v));
    const Score pair{*likelihood, *impact};
    json::object view{
        {"cell", score_json(*m, pair)},
        {"view_words", view_words(view_name)},
        {"count_text", fmt::format("{} risk{}", rows.size(), rows.size() == 1 ? "" : "s")},
        {"has_risks", !rows.empty()},
        {"risks", std::move(rows)},
        {"heat_map_href",
         "/risk-heat-map" + query_of({{"view", view_name}, {"register_id", register_id}})}};
    if (!register_id.empty())
        if (auto reg = service.get_register(c, register_id)) view["register"] = reg->reg.name;
    return pages.page(r, "risks/list",
                      fmt::format("Risks at likelihood {}, impact {}", *likelihood, *impact),
                      std::move(view));
}

// The risks that left a register, escalated or de-escalated out of it: each now on a register
// above it (up its line) or beneath it, with its last move out of this one.
std::vector<json::object> Pages::moved_away(const Context& c, const RegisterView& reg) const {
    std::vector<std::string> near;
    for (const auto& ch : reg.children) near.push_back(ch.id);
    std::set<std::string> seen{reg.reg.id};
    for (auto p = reg.reg.parent_id; p && seen.insert(*p).second;) {
        near.push_back(*p);
        auto up = service.get_register(c, *p);
        p = up ? up->reg.parent_id : std::nullopt;
    }
    std::vector<json::object> out;
    for (const auto& rid : near) {
        RiskQuery q;
        q.register_id = rid;
        auto found = all_risks(c, q);
        if (!found) continue;
        for (const auto& v : *found) {
            auto moves = service.list_escalations(c, v.risk.id);
            if (!moves) continue;
            for (auto it = moves->rbegin(); it != moves->rend(); ++it) {
                if (it->from_register_id != reg.reg.id) continue;
                out.push_back(json::object{
                    {"href", risk_href(v.risk.id)},
                    {"reference", v.risk.reference},
                    {"title", v.risk.title},
                    {"direction", it->direction == "up" ? "Escalated to" : "De-escalated to"},
                    {"to", v.register_name},
                    {"to_href", register_href(v.risk.register_id)},
                    {"when", day(it->moved_on)}});
                break;
            }
        }
    }
    return out;
}

// ---- A register ----

Response Pages::register_page(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_register(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    const RegisterView& reg = *found;
    const std::string order = query_text(r, "order") == "score" ? "score" : "position";
    RiskQuery q;
    q.register_id = id;
    q.order = order;
    q.status = "open";
    auto risks = all_risks(c, q);
    if (!risks) return kit::error_page(pages, r, risks.error());
    json::array rows, moved, tidy;
    std::int64_t above = 0;
    for (const auto& v : *risks) {
        above += v.above_appetite && !v.accepted ? 1 : 0;
        if (!v.risk.owner_person_id && !v.risk.owner_text.empty())
            tidy.push_back(json::object{{"href", risk_href(v.risk.id)},
                                        {"reference", v.risk.reference},
                                        {"owner", v.risk.owner_text}});
        rows.push_back(risk_row(v));
    }
    for (auto& row : moved_away(c, reg)) moved.push_back(std::move(row));
    json::object about{
        {"name", reg.reg.name},
        {"description", reg.reg.description},
        {"kind", register_kind_words(reg.reg.kind)},
        {"unit", reg.unit_name},
        {"parent", reg.parent_name.value_or("")},
        {"parent_href", reg.reg.parent_id ? register_href(*reg.reg.parent_id) : std::string()}};
    json::array children;
    for (const auto& ch : reg.children)
        children.push_back(json::object{{"href", register_href(ch.id)}, {"name", ch.name}});
    json::object view{
        {"register", std::move(about)},
        {"has_children", !children.empty()},
        {"children", std::move(children)},
        {"by_score", order == "score"},
        {"position_href", register_href(id)},
        {"score_href", register_href(id) + "?order=score"},
        {"has_risks", !rows.empty()},
        {"count_text",
         fmt::format("{} open risk{}{}", reg.open_risks, reg.open_risks == 1 ? "" : "s",
                     above ? fmt::format(", {} above appetite", above) : std::string())},
        {"risks", std::move(rows)},
        {"has_moved", !moved.empty()},
        {"moved", std::move(moved)},
        {"has_tidy", !tidy.empty()},
        {"tidy", std::move(tidy)},
        {"heat_map_href", "/risk-heat-map?register_id=" + id},
        {"movement_href", "/risk-movement?register_id=" + id},
        {"issues_href", "/risk-issues?register_id=" + id},
        {"csv_href", "/api/v1/risk-registers/" + id + "/export.csv"},
        {"xlsx_href", "/api/v1/risk-registers/" + id + "/export.xlsx"}};
    return pages.page(r, "risks/register", reg.reg.name, std::move(view));
}

// ---- The heat map ----

Response Pages::heat_map(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    std::string view_name = query_text(r, "view");
    if (view_name.empty()) view_name = "current";
    const std::string register_id = query_text(r, "register_id");
    if (view_name != "current" && view_name != "inherent" && view_name != "target")
        return kit::error_page(
            pages, r, Error::validation("view", "Choose the current, inherent or target scores"));
    RiskQuery q;
    q.view = view_name;
    if (!register_id.empty()) q.register_id = register_id;
    auto map = service.heat_map(c, q);
    if (!map) return kit::error_page(pages, r, map.error());
    std::string scope = "every register you can see";
    if (!register_id.empty())
        if (auto reg = service.get_register(c, register_id)) scope = reg->reg.name;
    const std::string title = fmt::format("{}: {}", view_words(view_name), scope);
    const HeatHref href = [&](int l, int i) { return cell_href(l, i, view_name, register_id); };
    json::array views;
    for (std::string_view v : {"current", "inherent", "target"})
        views.push_back(json::object{
            {"label", view_words(v)},
            {"href",
             "/risk-heat-map" + query_of({{"view", std::string(v)}, {"register_id", register_id}})},
            {"current", v == view_name}});
    json::object table = to_json(heat_map_table(map->matrix, map->counts, href));
    for (auto& row : table["rows"].as_array())
        for (auto& cell : row.as_object()["cells"].as_array())
            cell.as_object()["one"] = cell.as_object()["count"].to_number<std::int64_t>() == 1;
    json::object view{
        {"svg", heat_map_svg(map->matrix, map->counts, href, title, "heat-map-svg")},
        {"table", std::move(table)},
        {"one", map->total == 1},
        {"title", title},
        {"total", map->total},
        {"views", std::move(views)},
        {"view", view_name},
        {"registers", choices(register_choices(c), register_id)},
        {"movement_href", "/risk-movement" + query_of({{"register_id", register_id}})}};
    return pages.page(r, "risks/heat_map", "Risk heat map", std::move(view));
}

// ---- The movement report ----

Response Pages::movement(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string from = query_text(r, "from"), to = query_text(r, "to");
    const std::string register_id = query_text(r, "register_id");
    MovementQuery q;
    if (!from.empty()) q.from = from;
    if (!to.empty()) q.to = to;
    if (!register_id.empty()) q.register_id = register_id;
    json::object view{
        {"from", from}, {"to", to}, {"registers", choices(register_choices(c), register_id)}};
    auto found = service.movement(c, q);
    if (!found) {
        if (found.error().kind != ErrorKind::Validation)
            return kit::error_page(pages, r, found.error());
        add_errors(view, found.error());
        return pages.page(r, "risks/movement", "Error: Risk movement", std::move(view), 422);
    }
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    const auto section = [&](std::string id, std::string heading,
                             const std::vector<MovementRow>& list) {
        json::array rows;
        for (const auto& row : list) rows.push_back(movement_row(*m, row));
        return json::object{{"id", std::move(id)},
                            {"heading", std::move(heading)},
                            {"count", rows.size()},
                            {"has_rows", !rows.empty()},
                            {"rows", std::move(rows)}};
    };
    view["from"] = from.empty() ? found->from : from;
    view["to"] = to.empty() ? found->to : to;
    view["period"] = fmt::format("From {} to {}", day(found->from), day(found->to));
    view["sections"] =
        json::array{section("rose", "Rose", found->rose), section("fell", "Fell", found->fell),
                    section("appeared", "Appeared", found->appeared),
                    section("closed", "Closed", found->closed),
                    section("escalated", "Escalated or de-escalated", found->escalated)};
    view["unchanged"] = found->unchanged.size();
    return pages.page(r, "risks/movement", "Risk movement", std::move(view));
}

// ---- The issues log ----

Response Pages::issues(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string register_id = query_text(r, "register_id");
    const std::string status = query_text(r, "status");
    IssueQuery q;
    if (!register_id.empty()) q.register_id = register_id;
    if (!status.empty()) q.status = status;
    json::object view{{"registers", choices(register_choices(c), register_id)},
                      {"statuses", kit::options(k_issue_statuses, capitalised, status)},
                      {"filtering", !register_id.empty() || !status.empty()}};
    auto found = service.list_issues(c, q);
    if (!found) {
        if (found.error().kind != ErrorKind::Validation)
            return kit::error_page(pages, r, found.error());
        add_errors(view, found.error());
        return pages.page(r, "risks/issues", "Error: Issues log", std::move(view), 422);
    }
    json::array rows;
    std::map<std::string, std::string> register_names;
    for (const auto& [rid, name] : register_choices(c)) register_names[rid] = name;
    for (const auto& i : *found) {
        json::object row{
            {"href", "/risk-issues/" + i.id},
            {"reference", i.reference},
            {"title", i.title},
            {"description", i.description},
            {"priority", priority_tag(i.priority)},
            {"owner", i.owner_person_id ? person_name(c, i.owner_person_id) : i.owner_text},
            {"raised", day(i.raised_on)},
            {"status", kit::status_tag(i.status)},
            {"register", register_names[i.register_id]},
            {"register_href", register_href(i.register_id)}};
        if (i.risk_id) row["risk_href"] = risk_href(*i.risk_id);
        rows.push_back(std::move(row));
    }
    view["count_text"] = fmt::format("{} issue{}", rows.size(), rows.size() == 1 ? "" : "s");
    view["has_issues"] = !rows.empty();
    view["issues"] = std::move(rows);
    return pages.page(r, "risks/issues", "Issues log", std::move(view));
}

Response Pages::issue(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.get_issue(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const Issue& i = *found;
    json::object view{
        {"reference", i.reference},
        {"title", i.title},
        {"description", i.description},
        {"priority", priority_tag(i.priority)},
        {"status", kit::status_tag(i.status)},
        {"owner", i.owner_person_id ? person_name(c, i.owner_person_id) : i.owner_text},
        {"raised", day(i.raised_on)},
        {"actions_text", i.actions_text},
        {"resolution", i.resolution},
        {"resolved", day(i.resolved_on)},
        {"register_href", register_href(i.register_id)}};
    if (auto reg = service.get_register(c, i.register_id)) view["register"] = reg->reg.name;
    if (i.risk_id)
        if (auto risk = service.get_risk(c, *i.risk_id)) {
            view["risk"] = risk->risk.reference + " " + risk->risk.title;
            view["risk_href"] = risk_href(risk->risk.id);
        }
    return pages.page(r, "risks/issue", i.reference + " " + i.title, std::move(view));
}

// ---- The scoring matrix ----

Response Pages::matrix(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    const auto levels = [](const std::vector<Level>& list) {
        json::array out;
        for (std::size_t i = list.size(); i-- > 0;)
            out.push_back(json::object{
                {"level", i + 1}, {"label", list[i].label}, {"descriptor", list[i].descriptor}});
        return out;
    };
    json::array bands;
    for (const auto& b : m->bands)
        bands.push_back(json::object{
            {"name", b.name},
            {"scores",
             b.from == b.to ? std::to_string(b.from) : fmt::format("{} to {}", b.from, b.to)},
            {"tag", json::object{{"text", b.name}, {"classes", band_tag_classes(b.colour)}}}});
    json::array appetites;
    std::map<std::string, std::string> unit_names;
    if (auto found = service.list_appetites(c))
        for (const auto& a : *found) {
            std::string unit = "Council-wide";
            if (a.unit_id)
                if (auto u = org.get_unit(c, *a.unit_id)) unit = u->name;
            appetites.push_back(json::object{{"category", capitalised(a.category)},
                                             {"unit", unit},
                                             {"max_score", a.max_score},
                                             {"note", a.note}});
        }
    json::array categories;
    for (auto cat : k_categories) categories.push_back(json::value(capitalised(cat)));
    for (const auto& cat : m->extra_categories) categories.push_back(json::value(capitalised(cat)));
    json::object view{{"size", fmt::format("{} × {}", m->size(), m->impact.size())},
                      {"likelihood", levels(m->likelihood)},
                      {"impact", levels(m->impact)},
                      {"bands", std::move(bands)},
                      {"has_appetites", !appetites.empty()},
                      {"appetites", std::move(appetites)},
                      {"categories", std::move(categories)},
                      {"changed", day(m->updated_at)},
                      {"administrator", r.principal.is_administrator()}};
    return pages.page(r, "risks/matrix", "Risk scoring matrix", std::move(view));
}

// ---- The home page's panel ----

void add_home_panel(http::PageRenderer& pages, RisksService& service, const Clock& clock) {
    pages.add_home_panel([&service, &clock](const Request& r) -> std::optional<std::string> {
        if (!r.principal.signed_in() || !r.principal.person_id) return std::nullopt;
        const Context c = http::context_for(r, clock);
        const std::string soon =
            format_iso_date(add_days(kit::today(c), static_cast<int>(k_home_due_within_days)));
        RiskQuery q;
        q.owner_person_id = r.principal.person_id;
        q.status = "open";
        q.limit = 100;
        auto found = service.list_risks(c, q);
        if (!found) return std::nullopt;
        json::array rows;
        for (const auto& v : found->items) {
            if (!v.review_overdue && v.risk.next_review_on > soon) continue;
            rows.push_back(json::object{{"href", risk_href(v.risk.id)},
                                        {"reference", v.risk.reference},
                                        {"title", v.risk.title},
                                        {"register", v.register_name},
                                        {"due", day(v.risk.next_review_on)},
                                        {"overdue", v.review_overdue}});
        }
        if (rows.empty()) return std::nullopt;
        return http::PageRenderer::render("risks/home_panel",
                                          json::object{{"rows", std::move(rows)}});
    });
}

}  // namespace pages_detail

void register_pages(http::Router& router, RisksService& service, org::OrgService& org,
                    http::PageRenderer& pages, const Clock& clock) {
    using pages_detail::Pages;
    pages.add_navigation({"Risks",
                          "/risks",
                          {"/risks", "/risk-registers", "/risk-heat-map", "/risk-movement",
                           "/risk-issues", "/risk-matrix"},
                          true});
    pages_detail::add_home_panel(pages, service, clock);
    auto p = std::make_shared<Pages>(Pages{service, org, pages, clock});
    const auto on = [&router, p](Method m, std::string pattern,
                                 Response (Pages::*fn)(Request&) const) {
        router.add(m, std::move(pattern), [p, fn](Request& r) { return ((*p).*fn)(r); });
    };
    // Fixed paths before patterns: the first match wins.
    on(Method::Get, "/risks", &Pages::index);
    on(Method::Get, "/risk-heat-map", &Pages::heat_map);
    on(Method::Get, "/risk-movement", &Pages::movement);
    on(Method::Get, "/risk-issues", &Pages::issues);
    on(Method::Get, "/risk-issues/{id}", &Pages::issue);
    on(Method::Get, "/risk-matrix", &Pages::matrix);
    on(Method::Post, "/risk-matrix", &Pages::change_matrix);
    on(Method::Get, "/risk-matrix/edit", &Pages::matrix_form);
    on(Method::Post, "/risk-matrix/preview", &Pages::matrix_preview);
    on(Method::Get, "/risk-registers/{id}", &Pages::register_page);
    on(Method::Get, "/risks/{id}", &Pages::risk);
    on(Method::Post, "/risks/{id}", &Pages::update_risk);
    on(Method::Get, "/risks/{id}/edit", &Pages::edit_risk);
    on(Method::Get, "/risks/{id}/review", &Pages::review_form);
    on(Method::Post, "/risks/{id}/review", &Pages::create_review);
    on(Method::Get, "/risks/{id}/acceptance", &Pages::acceptance_form);
    on(Method::Post, "/risks/{id}/acceptance", &Pages::accept);
    on(Method::Post, "/risks/{id}/acceptance/withdrawal", &Pages::withdraw);
    on(Method::Get, "/risks/{id}/escalation", &Pages::escalation_form);
    on(Method::Post, "/risks/{id}/escalation", &Pages::escalate);
}

}  // namespace civic::risks
