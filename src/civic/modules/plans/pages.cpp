// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <tuple>

#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/markdown.hpp"
#include "civic/core/period.hpp"
#include "civic/core/text.hpp"
#include "civic/core/timing.hpp"
#include "civic/core/utf8.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/pages.hpp"
#include "civic/modules/org/choices.hpp"

namespace civic::plans {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr int k_per_page = 50;
// Items indent one step a level down to this depth (civic-depth-0 … civic-depth-8 in
// civic.scss); deeper ones indent no further, so a deep plan still fits a phone's screen.
constexpr int k_deepest_indent = 8;

std::string plan_href(const std::string& id) { return "/plans/" + id; }
std::string item_href(const std::string& id) { return "/plan-items/" + id; }
std::string review_href(const std::string& id) { return "/reviews/" + id; }
std::string person_href(const std::string& id) { return "/people/" + id; }
std::string unit_href(const std::string& id) { return "/units/" + id; }

std::string capitalised(std::string_view s) {
    std::string out(s);
    if (!out.empty())
        out.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(out.front())));
    return out;
}

std::string plan_kind_label(std::string_view kind) { return capitalised(kind) + " plan"; }

std::string review_kind_label(std::string_view kind) {
    if (kind == "lga report") return "LGA report";
    if (kind == "cipfa report") return "CIPFA report";
    return capitalised(kind);
}

std::string rollup_label(std::string_view rule) {
    if (rule == "worst") return "The worst status among its sub-items";
    if (rule == "majority") return "The status most of its sub-items have";
    if (rule == "weighted") return "The average of its sub-items, each counted by its weight";
    return std::string(rule);
}

std::string percent_text(std::int64_t n) { return fmt::format("{}%", n); }

// An audit action as the item's history says it.
// The plans' own action in an item's history; the kit names the rest.
std::string plan_change_words(std::string_view action) {
    return action == "progress" ? "Progress updated" : "";
}

// "Lisa Ray and Finance", "Finance", "": who leads an item, as one line.
std::string lead_text(const ItemView& v) {
    if (!v.lead_name.empty() && !v.lead_unit_name.empty())
        return v.lead_name + " (" + v.lead_unit_name + ")";
    return v.lead_name.empty() ? v.lead_unit_name : v.lead_name;
}

// The council's timing words, read: what Civic takes them to mean, in words, so an officer
// can check the dates it works from. "" when Civic could not read them.
std::string timing_reading(const Timing& t) {
    const auto day = [](const std::optional<Date>& d) {
        return d ? format_day_month_year(*d) : std::string();
    };
    switch (t.kind) {
        case TimingKind::Date:
            return "on " + day(t.date);
        case TimingKind::Month:
        case TimingKind::Season:
        case TimingKind::Range:
            if (t.deadline) return "by " + day(t.end);
            return "from " + day(t.start) + " to " + day(t.end);
        case TimingKind::Recurrence: {
            std::vector<std::string> words;
            for (auto f : t.frequencies) {
                std::string w(frequency_name(f));
                std::replace(w.begin(), w.end(), '_', '-');
                words.push_back(w);
            }
            std::string out;
            for (std::size_t i = 0; i < words.size(); ++i)
                out += (i == 0 ? "" : i + 1 == words.size() ? " and " : ", ") + words[i];
            return "repeating: " + out;
        }
        case TimingKind::Ongoing:
            return "ongoing, with no end date";
        case TimingKind::NotScheduled:
            return "not scheduled yet";
        case TimingKind::Provisional: {
            const std::string inner = t.parts.empty() ? "" : timing_reading(t.parts.front());
            return inner.empty() ? "provisional" : inner + ", provisionally";
        }
        case TimingKind::Reference:
            return "as item " + t.reference;
        case TimingKind::Combination: {
            std::string out;
            for (const auto& part : t.parts) {
                const std::string words = timing_reading(part);
                if (words.empty()) continue;
                out += (out.empty() ? "" : ", then ") + words;
            }
            return out;
        }
        case TimingKind::Unknown:
            return "";
    }
    return "";
}

// The small tags that say an item needs attention: overdue, due soon, behind.
json::array attention_tags(const Progress& p) {
    json::array out;
    if (p.overdue) out.push_back(kit::status_tag("overdue"));
    if (p.due_soon) out.push_back(kit::status_tag("due soon"));
    if (p.behind) out.push_back(kit::status_tag("behind"));
    return out;
}

json::object rollup_view(const Rollup& r) {
    if (r.status.empty()) return {};
    return json::object{{"tag", kit::status_tag(r.status)}, {"explanation", r.explanation}};
}

// One row of a plan's tree: the item, indented by its depth, with what a reader scans for.
json::object tree_row(const ItemView& v, const std::string& parent_ref) {
    const auto& i = v.item;
    json::object row{
        {"href", item_href(i.id)},
        {"ref", i.ref},
        {"title", i.title},
        {"kind", capitalised(i.kind)},
        {"depth_class", fmt::format("civic-depth-{}", std::clamp(v.depth, 0, k_deepest_indent))},
        {"parent_ref", parent_ref},
        {"lead", lead_text(v)},
        {"due", kit::display_date(v.progress.due_date)},
        {"status", kit::status_tag(i.status)},
        {"percent", percent_text(i.percent_complete)},
        {"attention", attention_tags(v.progress)}};
    if (auto r = rollup_view(v.rollup); !r.empty()) row["rollup"] = std::move(r);
    if (v.progress.expected_percent) row["expected"] = percent_text(*v.progress.expected_percent);
    return row;
}

// The rows of a tree, each naming the item it sits under so a screen reader hears what the
// indent shows. `whole` is the plan's every item: a filtered tree leaves parents out.
json::array tree_rows(const std::vector<ItemView>& items, const std::vector<ItemView>& whole) {
    std::map<std::string, std::string> ref_of;
    for (const auto& v : whole) ref_of[v.item.id] = v.item.ref;
    json::array rows;
    for (const auto& v : items) {
        std::string parent_ref;
        if (v.item.parent_id)
            if (auto it = ref_of.find(*v.item.parent_id); it != ref_of.end())
                parent_ref = it->second;
        rows.push_back(tree_row(v, parent_ref));
    }
    return rows;
}

// One row of a list of items across plans ("my actions", missing updates).
json::object action_row(const ItemView& v) {
    return json::object{{"href", item_href(v.item.id)},
                        {"ref", v.item.ref},
                        {"title", v.item.title},
                        {"plan", v.plan_title},
                        {"plan_href", plan_href(v.item.plan_id)},
                        {"lead", lead_text(v)},
                        {"due", kit::display_date(v.progress.due_date)},
                        {"status", kit::status_tag(v.item.status)},
                        {"percent", percent_text(v.item.percent_complete)},
                        {"explanation", v.progress.explanation}};
}

// <select> options from {value, label} pairs, in the order given.
json::array choices(const std::vector<std::pair<std::string, std::string>>& values,
                    std::string_view selected) {
    json::array out;
    for (const auto& [value, label] : values)
        out.push_back(
            json::object{{"value", value}, {"label", label}, {"selected", value == selected}});
    return out;
}

// A JSON value of a comparison as a reader reads it.
std::string value_text(const json::value& v) {
    if (v.is_null()) return "(none)";
    if (v.is_string()) {
        const std::string s(v.as_string());
        if (s.empty()) return "(none)";
        return parse_iso_date(s) ? kit::display_date(s) : s;  // dates as GOV.UK writes them
    }
    if (v.is_array()) {
        std::string out;
        for (const auto& e : v.as_array()) out += (out.empty() ? "" : ", ") + value_text(e);
        return out.empty() ? "(none)" : out;
    }
    if (v.is_bool()) return v.as_bool() ? "Yes" : "No";
    return json::serialize(v);
}

json::array changed_fields(const std::vector<ItemChange::Field>& fields) {
    json::array out;
    for (const auto& f : fields) {
        std::string name = f.name;
        std::replace(name.begin(), name.end(), '_', ' ');
        out.push_back(json::object{{"name", capitalised(name)},
                                   {"before", value_text(f.before)},
                                   {"after", value_text(f.after)}});
    }
    return out;
}

// A whole number from 0 upwards written in a form field; nullopt for anything else.
std::optional<std::int64_t> whole_number(std::string_view text) {
    text = trim(text);
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
    return n;
}

// The id of one radio button: the field's name for the first, so the error summary's link
// (#status) reaches the group; "status-on-track" for the others.
std::string choice_id(std::string_view field, std::string_view value, std::string_view first) {
    if (value == first) return std::string(field);
    std::string id = std::string(field) + "-" + std::string(value);
    std::replace(id.begin(), id.end(), ' ', '-');
    return id;
}

bool may_write_somewhere(const Principal& p) {
    return std::any_of(p.grants.begin(), p.grants.end(),
                       [](const RoleGrant& g) { return g.role != Role::Viewer; });
}

// The view's error summary and status for a refused filter or choice.
Response refused_page(const http::PageRenderer& pages, const Request& r, std::string_view tmpl,
                      std::string_view title, json::object view, const Error& error) {
    http::add_form_errors(view, error);
    return pages.page(r, tmpl, "Error: " + std::string(title), std::move(view),
                      http::status_for(error.kind));
}

struct Pages {
    PlanService& service;
    org::OrgService& org;
    kit::LinkService& links;
    const http::PageRenderer& pages;
    const Clock& clock;

    Context ctx(const Request& r) const { return http::context_for(r, clock); }

    Date today(const Context& c) const { return kit::today(c); }

    std::string unit_name(const Context& c, const std::optional<std::string>& id) const {
        if (!id || id->empty()) return "";
        auto unit = org.get_unit(c, *id);
        return unit ? unit->name : "";
    }

    std::string person_name(const Context& c, const std::optional<std::string>& id) const {
        if (!id || id->empty()) return "";
        auto found = org.get_person(c, *id);
        return found ? found->person.name : "";
    }

    static Response no_plan(const http::PageRenderer& pages, const Request& r) {
        return kit::error_page(pages, r, Error::not_found("There is no plan at this address."));
    }

    // ---- The list of plans, and adding one ----

    Response plans(Request& r) const {
        const Context c = ctx(r);
        const std::string cursor(r.query_param("cursor").value_or(""));
        json::object view;
        view["can_add"] = r.principal.signed_in() && may_write_somewhere(r.principal);
        view["signed_in"] = r.principal.signed_in();
        if (!cursor.empty() && !is_id(cursor)) {
            return refused_page(
                pages, r, "plans/plans", "Plans", std::move(view),
                Error::bad_request("The link to this page of plans is not complete. Go back to "
                                   "the first page of plans."));
        }
        PlanQuery q;
        if (!cursor.empty()) q.cursor = cursor;
        auto found = kit::fill_page<Plan>(k_per_page, q.cursor, [&](const auto& from, int limit) {
            q.cursor = from;
            q.limit = limit;
            return service.list_plans(c, q);
        });
        if (!found) return kit::error_page(pages, r, found.error());
        std::map<std::string, std::string> unit_names;
        for (const auto& u : org.all_units(c)) unit_names[u.id] = u.name;
        json::array rows;
        for (const auto& p : found->items) {
            auto unit = unit_names.find(p.unit_id);
            rows.push_back(
                json::object{{"href", plan_href(p.id)},
                             {"title", p.title},
                             {"kind", plan_kind_label(p.kind)},
                             {"unit", unit == unit_names.end() ? std::string() : unit->second},
                             {"period", p.period},
                             {"status", kit::status_tag(p.status)}});
        }
        view["has_plans"] = !rows.empty();
        view["plans"] = std::move(rows);
        if (found->next_cursor)
            view["next_href"] = kit::next_page_href("/plans", {}, *found->next_cursor);
        return pages.page(r, "plans/plans", "Plans", std::move(view));
    }

    // Units the caller may add a plan to, in tree order, indented by depth.
    json::array writable_units(const Context& c, const std::string& selected) const {
        const auto units = org.all_units(c);
        std::multimap<std::string, const org::Unit*> children;
        for (const auto& u : units) children.emplace(u.parent_id.value_or(""), &u);
        json::array out;
        std::function<void(const std::string&, int)> walk = [&](const std::string& parent,
                                                                int depth) {
            std::vector<const org::Unit*> kids;
            auto [lo, hi] = children.equal_range(parent);
            for (auto it = lo; it != hi; ++it) kids.push_back(it->second);
            std::sort(kids.begin(), kids.end(), [](const auto* a, const auto* b) {
                return kit::name_less(a->name, b->name);
            });
            for (const org::Unit* u : kids) {
                if (org.can_edit(c, *u)) {
                    // Non-breaking spaces indent: screen readers pass over them.
                    std::string label;
                    for (int i = 0; i < depth; ++i) label += "\u00a0\u00a0\u00a0\u00a0";
                    out.push_back(json::object{{"value", u->id},
                                               {"label", label + u->name},
                                               {"selected", u->id == selected}});
                }
                walk(u->id, depth + 1);
            }
        };
        walk("", 0);
        return out;
    }

    json::object plan_form_view(const Context& c, const PlanInput& in, bool from_themes,
                                const std::string& review_id) const {
        json::object view;
        view["title"] = in.title.value_or("");
        view["period"] = in.period.value_or("");
        view["description"] = in.description.value_or("");
        view["kinds"] = kit::options(k_plan_kinds, plan_kind_label, in.kind.value_or(""));
        view["units"] = writable_units(c, in.unit_id.value_or(""));
        json::array rules;
        const std::string rule = in.rollup.value_or("worst");
        for (auto v : k_rollup_rules)
            rules.push_back(json::object{{"value", v},
                                         {"id", choice_id("rollup", v, k_rollup_rules[0])},
                                         {"label", capitalised(v)},
                                         {"hint", rollup_label(v)},
                                         {"checked", v == rule}});
        view["rules"] = std::move(rules);
        view["from_themes"] = from_themes;
        ReviewQuery q;
        q.limit = 200;
        std::vector<std::pair<std::string, std::string>> reviews;
        if (auto page = service.list_reviews(c, q))
            for (const auto& rv : page->items) reviews.emplace_back(rv.id, rv.title);
        view["has_reviews"] = !reviews.empty();
        view["reviews"] = choices(reviews, review_id);
        return view;
    }

    static kit::FormPage new_plan_form() {
        return {"plans/plan_form", "Add a plan", "/plans", "Add plan", "/plans"};
    }

    Response new_plan(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        return kit::show_form(pages, r, new_plan_form(), plan_form_view(ctx(r), {}, false, ""));
    }

    Response create_plan(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const kit::Form form = http::parse_form(r.body);
        PlanInput in;
        in.title = kit::form_text(form, "title");
        in.kind = kit::form_value(form, "kind");
        in.unit_id = kit::form_text(form, "unit_id");
        in.period = kit::form_text(form, "period");
        in.rollup = kit::form_value(form, "rollup");
        in.description = kit::form_text(form, "description");
        if (in.kind && in.kind->empty()) in.kind.reset();
        const bool from_themes = kit::form_text(form, "start") == "themes";
        const std::string review_id = kit::form_text(form, "review_id");
        const Context c = ctx(r);
        auto created = from_themes
                           ? service.create_from_framework(
                                 c, in, review_id.empty() ? std::nullopt : std::optional(review_id))
                           : service.create_plan(c, in);
        if (created) return kit::saved(r, plan_href(created->id), "Plan added");
        return kit::show_form(pages, r, new_plan_form(),
                              plan_form_view(c, in, from_themes, review_id), &created.error());
    }

    // ---- Changing an item ----

    // The item an edit form is for: live, in a plan the caller may change that is not
    // superseded.
    std::optional<ItemView> item_to_change(const Context& c, const std::string& id) const {
        if (!is_id(id)) return std::nullopt;
        auto found = service.get_item(c, id);
        if (!found || found->item.archived_at) return std::nullopt;
        auto plan = service.get_plan(c, found->item.plan_id);
        if (!plan || !service.can_edit_plan(c, *plan) || plan->status == "superseded")
            return std::nullopt;
        return *found;
    }

    json::object item_form_view(const Context& c, const ItemView& v, const ItemInput& in,
                                const Error* error) const {
        std::map<std::string, std::string> errors;
        if (error)
            for (const auto& e : error->errors) errors.emplace(e.field, e.message);
        json::array fields;
        const auto field = [&](std::string name, std::string label, std::string hint,
                               std::string kind, std::string value, std::string width = "") {
            const std::string err = errors.contains(name) ? errors[name] : "";
            std::string described = hint.empty() ? "" : name + "-hint";
            if (!err.empty()) described += (described.empty() ? "" : " ") + name + "-error";
            json::object f{{"name", name},           {"label", label},
                           {"hint", hint},           {"error", err},
                           {"value", value},         {"width", width},
                           {"described", described}, {"text", kind == "text"},
                           {"area", kind == "area"}, {"select", kind == "select"}};
            fields.push_back(std::move(f));
            return &fields.back().as_object();
        };
        field("ref", "Reference", "As the plan numbers it, for example 3.10", "text",
              in.ref.value_or(""), "govuk-input--width-10");
        field("title", "Title", "", "area", in.title.value_or(""));
        auto* kind = field("kind", "Kind", "", "select", "");
        (*kind)["options"] = kit::options(k_item_kinds, capitalised, in.kind.value_or(""));
        field("timing", "Timing",
              "As the plan writes it, for example by July 1999, Sept 1999 - Feb 2000, Quarterly "
              "or Ongoing",
              "text", in.timing.value_or(""), "govuk-input--width-20");
        field("start_date", "Start date",
              "Leave blank to take it from the timing. For example, 1 April 2025", "text",
              in.start_date.value_or(""), "govuk-input--width-20");
        field("due_date", "Due date",
              "Leave blank to take it from the timing. For example, 31 March 2026", "text",
              in.due_date.value_or(""), "govuk-input--width-20");
        // The officers the caller may see, and every unit, by name.
        const auto people = org::people_choices(org, c, "officer");
        auto* lead = field("lead_person_id", "Lead officer", "", "select", "");
        (*lead)["blank"] = "No lead officer";
        (*lead)["options"] = choices(people, in.lead_person_id.value_or(""));
        std::vector<std::pair<std::string, std::string>> units;
        for (const auto& u : org.all_units(c)) units.emplace_back(u.id, u.name);
        std::sort(units.begin(), units.end(),
                  [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
        auto* unit = field("lead_unit_id", "Lead unit", "", "select", "");
        (*unit)["blank"] = "No lead unit";
        (*unit)["options"] = choices(units, in.lead_unit_id.value_or(""));
        field("notes", "Notes and linkages", "", "area", in.notes.value_or(""));
        field("constraints", "Constraints",
              "What the item depends on, for example Dependent on resources being made available",
              "area", in.constraints.value_or(""));
        json::array themes;
        int n = 0;
        for (auto t : k_best_value_themes) {
            const bool checked =
                in.themes && std::find(in.themes->begin(), in.themes->end(), t) != in.themes->end();
            themes.push_back(
                json::object{{"id", n++ == 0 ? std::string("themes") : fmt::format("themes-{}", n)},
                             {"value", t},
                             {"label", capitalised(t)},
                             {"checked", checked}});
        }
        json::object view{{"fields", std::move(fields)},
                          {"themes", std::move(themes)},
                          {"plan_title", v.plan_title}};
        if (auto plan = service.get_plan(c, v.item.plan_id))
            view["approved"] = plan->status == "approved";
        return view;
    }

    static kit::FormPage item_form(const Item& i) {
        return {"plans/item_form", "Change " + i.ref + " " + shortened(i.title, 60),
                item_href(i.id), "Save changes", item_href(i.id)};
    }

    Response edit_item(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const Context c = ctx(r);
        const auto v = item_to_change(c, std::string(r.param("id")));
        if (!v)
            return kit::error_page(pages, r,
                                   Error::not_found("There is no item here you can change."));
        const Item& i = v->item;
        ItemInput in;
        in.ref = i.ref;
        in.title = i.title;
        in.kind = i.kind;
        in.timing = i.timing;
        in.start_date = i.start_date ? kit::display_date(i.start_date) : "";
        in.due_date = i.due_date ? kit::display_date(i.due_date) : "";
        in.lead_person_id = i.lead_person_id.value_or("");
        in.lead_unit_id = i.lead_unit_id.value_or("");
        in.notes = i.notes;
        in.constraints = i.constraints;
        in.themes = i.themes;
        auto view = item_form_view(c, *v, in, nullptr);
        view["version"] = i.version;
        return kit::show_form(pages, r, item_form(i), std::move(view));
    }

    Response update_item(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const Context c = ctx(r);
        const auto v = item_to_change(c, std::string(r.param("id")));
        if (!v)
            return kit::error_page(pages, r,
                                   Error::not_found("There is no item here you can change."));
        const kit::Form form = http::parse_form(r.body);
        ItemInput in;
        for (auto [name, target] : {std::pair{"ref", &in.ref},
                                    {"title", &in.title},
                                    {"kind", &in.kind},
                                    {"timing", &in.timing},
                                    {"lead_person_id", &in.lead_person_id},
                                    {"lead_unit_id", &in.lead_unit_id},
                                    {"notes", &in.notes},
                                    {"constraints", &in.constraints}})
            *target = kit::form_text(form, name);
        std::vector<std::string> themes;
        for (const auto& [k, value] : form)
            if (k == "themes") themes.push_back(value);
        in.themes = themes;
        // Dates as people write them ("1 April 2025", "01.04.2025"), read as timing words are;
        // blank clears the date (the timing's, if any, then stands); anything else goes to the
        // service as written, which names the field.
        ItemInput shown = in;
        for (auto [name, target, shown_target] :
             {std::tuple{"start_date", &in.start_date, &shown.start_date},
              {"due_date", &in.due_date, &shown.due_date}}) {
            const std::string written(trim(kit::form_text(form, name)));
            *shown_target = written;
            *target = written;
            if (const Timing t = parse_timing(written); t.kind == TimingKind::Date && t.date)
                *target = format_iso_date(*t.date);
        }
        const std::int64_t version = kit::form_version(form);
        auto updated = service.update_item(c, v->item.id, in, version);
        if (updated) return kit::saved(r, item_href(v->item.id), "Item saved");
        auto error = updated.error();
        for (auto& e : error.errors)
            if (e.field == "start_date" || e.field == "due_date")
                if (e.message.find("YYYY-MM-DD") != std::string::npos)
                    e.message = fmt::format("Enter the {} as a date, for example 31 March 2026",
                                            e.field == "start_date" ? "start date" : "due date");
        auto view = item_form_view(c, *v, shown, &error);
        view["version"] = version;
        return kit::show_form(pages, r, item_form(v->item), std::move(view), &error);
    }

    // ---- Approving a plan ----

    json::object approval_view(const Context& c, const Plan& p, const std::string& body,
                               const std::string& on, std::int64_t version) const {
        json::array bodies;
        std::vector<const org::Unit*> found;
        const auto units = org.all_units(c);
        for (const auto& u : units)
            if (u.kind == "body") found.push_back(&u);
        std::sort(found.begin(), found.end(),
                  [](const auto* a, const auto* b) { return kit::name_less(a->name, b->name); });
        for (const auto* u : found)
            bodies.push_back(
                json::object{{"value", u->id}, {"label", u->name}, {"selected", u->id == body}});
        return json::object{{"bodies", std::move(bodies)},
                            {"approved_on", on},
                            {"plan_version", p.plan_version},
                            {"version", version}};
    }

    static kit::FormPage approval_form(const Plan& p) {
        return {"plans/approve", "Approve " + p.title, plan_href(p.id) + "/approve", "Approve plan",
                plan_href(p.id)};
    }

    // The plan an approval form is for: a draft the caller may change.
    std::optional<Plan> plan_to_approve(const Context& c, const std::string& id) const {
        auto plan = is_id(id) ? service.get_plan(c, id) : Result<Plan>(std::unexpected(Error{}));
        if (!plan || !service.can_edit_plan(c, *plan) || plan->status != "draft")
            return std::nullopt;
        return *plan;
    }

    Response approve(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const Context c = ctx(r);
        const auto plan = plan_to_approve(c, std::string(r.param("id")));
        if (!plan) return no_plan(pages, r);
        return kit::show_form(pages, r, approval_form(*plan),
                              approval_view(c, *plan, "", "", plan->version));
    }

    Response create_approval(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const Context c = ctx(r);
        const auto plan = plan_to_approve(c, std::string(r.param("id")));
        if (!plan) return no_plan(pages, r);
        const kit::Form form = http::parse_form(r.body);
        const std::string body = kit::form_text(form, "approved_by_unit_id");
        const std::string on(trim(kit::form_text(form, "approved_on")));
        const std::int64_t version = kit::form_version(form);
        // The date as people write it ("20 April 2025", "20.04.2025"), read as timing words
        // are; anything else goes to the service as written, which names the field.
        ApprovalInput in;
        in.approved_by_unit_id = body;
        in.approved_on = on;
        if (const Timing t = parse_timing(on); t.kind == TimingKind::Date && t.date)
            in.approved_on = format_iso_date(*t.date);
        auto approved = service.approve_plan(c, plan->id, in, version);
        if (approved) return kit::saved(r, plan_href(plan->id), "Plan approved");
        auto error = approved.error();
        for (auto& e : error.errors)
            if (e.field == "approved_on")
                e.message = "Enter the date the plan was approved, for example 20 April 2025";
        return kit::show_form(pages, r, approval_form(*plan),
                              approval_view(c, *plan, body, on, version), &error);
    }

    // ---- A plan ----

    json::object plan_summary(const Context& c, const Plan& p, const std::string& unit) const {
        std::string approval = "Not approved yet";
        if (p.approved_on) {
            const std::string body = unit_name(c, p.approved_by_unit_id);
            approval = "Approved " + (body.empty() ? "" : "by " + body + " ") + "on " +
                       kit::display_date(p.approved_on);
        }
        return json::object{{"id", p.id},
                            {"href", plan_href(p.id)},
                            {"title", p.title},
                            {"kind", plan_kind_label(p.kind)},
                            {"unit", unit},
                            {"unit_href", unit_href(p.unit_id)},
                            {"period", p.period},
                            {"status", kit::status_tag(p.status)},
                            {"plan_version", p.plan_version},
                            {"approval", approval},
                            {"rollup", rollup_label(p.rollup)},
                            {"description", p.description},
                            {"archived", p.archived_at.has_value()}};
    }

    Response plan(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id)) return no_plan(pages, r);
        const Context c = ctx(r);
        // The filter, as the form sends it: each one optional, in any case.
        const auto chosen = [&](std::string_view name, std::span<const std::string_view> allowed) {
            std::string v(trim(r.query_param(name).value_or("")));
            for (auto a : allowed)
                if (equal_ignoring_case(a, v)) return std::string(a);
            return v;
        };
        const std::string status = chosen("status", k_item_statuses);
        const std::string theme = chosen("theme", k_best_value_themes);
        const std::string lead(trim(r.query_param("lead_person_id").value_or("")));
        const bool filtering = !status.empty() || !theme.empty() || !lead.empty();

        auto whole = service.tree(c, id, {});
        if (!whole) return kit::error_page(pages, r, whole.error());

        json::object view;
        view["plan"] = plan_summary(c, whole->plan, whole->unit_name);
        view["can_edit"] = service.can_edit_plan(c, whole->plan);
        view["can_approve"] =
            service.can_edit_plan(c, whole->plan) && whole->plan.status == "draft";
        view["approve_href"] = plan_href(whole->plan.id) + "/approve";
        view["history_href"] = r.principal.is_administrator()
                                   ? "/api/v1/audit?entity=plan&id=" + whole->plan.id
                                   : std::string();
        view["statuses"] = kit::options(k_item_statuses, capitalised, status);
        view["themes"] = kit::options(k_best_value_themes, capitalised, theme);
        std::map<std::string, std::string> leads;
        for (const auto& v : whole->items)
            if (v.item.lead_person_id && !v.lead_name.empty())
                leads.emplace(*v.item.lead_person_id, v.lead_name);
        std::vector<std::pair<std::string, std::string>> lead_choices(leads.begin(), leads.end());
        std::sort(lead_choices.begin(), lead_choices.end(),
                  [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
        view["leads"] = choices(lead_choices, lead);
        view["has_leads"] = !lead_choices.empty();
        view["filtering"] = filtering;
        view["total"] = static_cast<std::int64_t>(whole->items.size());

        Error refused{ErrorKind::Validation, "", {}};
        const auto allowed = [](std::span<const std::string_view> list, const std::string& v) {
            return v.empty() || std::find(list.begin(), list.end(), v) != list.end();
        };
        if (!allowed(k_item_statuses, status))
            refused.errors.push_back({"status", "Choose a status from the list"});
        if (!allowed(k_best_value_themes, theme))
            refused.errors.push_back({"theme", "Choose a Best Value theme from the list"});
        if (!lead.empty() && !leads.contains(lead))
            refused.errors.push_back({"lead_person_id", "Choose a lead officer from the list"});
        if (!refused.errors.empty())
            return refused_page(pages, r, "plans/plan", whole->plan.title, std::move(view),
                                refused);

        json::array rows;
        if (filtering) {
            ItemQuery filter;
            if (!status.empty()) filter.status = status;
            if (!theme.empty()) filter.theme = theme;
            if (!lead.empty()) filter.lead_person_id = lead;
            auto filtered = service.tree(c, id, filter);
            if (!filtered)
                return refused_page(pages, r, "plans/plan", whole->plan.title, std::move(view),
                                    filtered.error());
            rows = tree_rows(filtered->items, whole->items);
        } else {
            rows = tree_rows(whole->items, whole->items);
        }
        view["shown"] = static_cast<std::int64_t>(rows.size());
        view["has_items"] = !rows.empty();
        view["items"] = std::move(rows);
        return pages.page(r, "plans/plan", whole->plan.title, std::move(view));
    }

    Response print(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id)) return no_plan(pages, r);
        const Context c = ctx(r);
        auto tree = service.tree(c, id, {});
        if (!tree) return kit::error_page(pages, r, tree.error());
        json::object view;
        view["plan"] = plan_summary(c, tree->plan, tree->unit_name);
        view["printed_on"] = format_day_month_year(today(c));
        view["has_items"] = !tree->items.empty();
        view["items"] = tree_rows(tree->items, tree->items);
        return pages.page(r, "plans/print", tree->plan.title + ": plan on a page", std::move(view));
    }

    Response versions(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id)) return no_plan(pages, r);
        const Context c = ctx(r);
        auto plan = service.get_plan(c, id);
        if (!plan) return kit::error_page(pages, r, plan.error());
        auto found = service.plan_versions(c, id);
        if (!found) return kit::error_page(pages, r, found.error());
        const std::string title = "Versions of " + plan->title;
        json::object view;
        view["plan"] = plan_summary(c, *plan, "");
        json::array rows;
        std::vector<std::pair<std::string, std::string>> numbers;
        for (const auto& v : *found) {
            const std::string body = unit_name(c, v.approved_by_unit_id);
            rows.push_back(json::object{{"number", v.number},
                                        {"approved_by", body},
                                        {"approved_on", kit::display_date(v.approved_on)}});
            numbers.emplace_back(std::to_string(v.number), fmt::format("Version {}", v.number));
        }
        view["has_versions"] = !rows.empty();
        view["versions"] = std::move(rows);
        numbers.emplace_back("current", "The plan as it stands");
        const std::string from(r.query_param("from").value_or(""));
        const std::string to(r.query_param("to").value_or(""));
        view["from"] = choices(
            numbers, from.empty() && numbers.size() > 1 ? numbers[numbers.size() - 2].first : from);
        view["to"] = choices(numbers, to.empty() ? "current" : to);
        view["can_compare"] = !found->empty();
        if (from.empty() && to.empty())
            return pages.page(r, "plans/versions", title, std::move(view));
        auto compared = service.compare(c, id, from, to);
        if (!compared)
            return refused_page(pages, r, "plans/versions", title, std::move(view),
                                compared.error());
        json::array changes;
        for (const auto& ch : compared->items)
            changes.push_back(json::object{{"ref", ch.ref},
                                           {"title", ch.title},
                                           {"change", capitalised(ch.change)},
                                           {"fields", changed_fields(ch.fields)},
                                           {"has_fields", !ch.fields.empty()}});
        view["compared"] = true;
        view["compared_from"] =
            compared->from == "current" ? "the plan as it stands" : "version " + compared->from;
        view["compared_to"] =
            compared->to == "current" ? "the plan as it stands" : "version " + compared->to;
        view["has_changes"] = !changes.empty() || !compared->plan_fields.empty();
        view["changes"] = std::move(changes);
        view["plan_fields"] = changed_fields(compared->plan_fields);
        view["has_plan_fields"] = !compared->plan_fields.empty();
        return pages.page(r, "plans/versions", title, std::move(view));
    }

    Response missing_updates(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id)) return no_plan(pages, r);
        const Context c = ctx(r);
        auto plan = service.get_plan(c, id);
        if (!plan) return kit::error_page(pages, r, plan.error());
        const std::string period(trim(r.query_param("period").value_or("")));
        const std::string title = "Updates missing from " + plan->title;
        json::object view;
        view["plan"] = plan_summary(c, *plan, "");
        view["period"] = period;
        auto missing =
            service.updates_missing(c, id, period.empty() ? std::nullopt : std::optional(period));
        if (!missing)
            return refused_page(pages, r, "plans/missing", title, std::move(view), missing.error());
        view["period"] = missing->period;
        json::array rows;
        for (const auto& v : missing->items) rows.push_back(action_row(v));
        view["has_items"] = !rows.empty();
        view["items"] = std::move(rows);
        return pages.page(r, "plans/missing", title, std::move(view));
    }

    // ---- An item ----

    Response item(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id))
            return kit::error_page(pages, r, Error::not_found("There is no item at this address."));
        const Context c = ctx(r);
        auto found = service.get_item(c, id);
        if (!found) return kit::error_page(pages, r, found.error());
        const ItemView& v = *found;
        const Item& i = v.item;
        json::object view;
        view["plan"] = json::object{{"title", v.plan_title}, {"href", plan_href(i.plan_id)}};
        if (i.parent_id)
            if (auto parent = service.get_item(c, *i.parent_id))
                view["parent"] =
                    json::object{{"label", parent->item.ref + " " + parent->item.title},
                                 {"href", item_href(parent->item.id)}};

        json::object item{{"id", i.id},
                          {"ref", i.ref},
                          {"title", i.title},
                          {"kind", capitalised(i.kind)},
                          {"description", i.description},
                          {"lead", v.lead_name},
                          {"lead_hidden", i.lead_person_id.has_value() && v.lead_name.empty()},
                          {"lead_unit", v.lead_unit_name},
                          {"start", kit::display_date(v.progress.start_date)},
                          {"due", kit::display_date(v.progress.due_date)},
                          {"dates_from", v.progress.dates_from},
                          {"status", kit::status_tag(i.status)},
                          {"percent", percent_text(i.percent_complete)},
                          {"notes", i.notes},
                          {"constraints", i.constraints},
                          {"archived", i.archived_at.has_value()},
                          {"attention", attention_tags(v.progress)}};
        if (i.lead_person_id && !v.lead_name.empty())
            item["lead_href"] = person_href(*i.lead_person_id);
        if (i.lead_unit_id && !v.lead_unit_name.empty())
            item["lead_unit_href"] = unit_href(*i.lead_unit_id);
        json::array supporting;
        for (const auto& uid : i.supporting_unit_ids)
            if (auto name = unit_name(c, uid); !name.empty())
                supporting.push_back(json::object{{"name", name}, {"href", unit_href(uid)}});
        item["has_supporting"] = !supporting.empty();
        item["supporting"] = std::move(supporting);
        json::array themes;
        for (const auto& t : i.themes) themes.push_back(json::value(capitalised(t)));
        item["has_themes"] = !themes.empty();
        item["themes"] = std::move(themes);
        if (auto rollup = rollup_view(v.rollup); !rollup.empty()) item["rollup"] = rollup;

        // The council's words, and the dates Civic read from them.
        item["timing"] = i.timing;
        if (!trim(i.timing).empty()) {
            const Timing t = parse_timing(i.timing);
            const std::string reading = timing_reading(t);
            if (!reading.empty()) item["timing_reading"] = "Civic reads this as " + reading + ".";
        }
        std::string for_review;
        for (const auto& words : v.timing_for_review)
            for_review += (for_review.empty() ? "“" : ", “") + words + "”";
        item["timing_for_review"] = for_review;

        if (v.progress.expected_percent)
            item["expected"] = percent_text(*v.progress.expected_percent);
        item["expected_explanation"] = v.progress.explanation;
        view["item"] = std::move(item);

        json::array measures;
        for (const auto& m : v.measures) {
            std::string achieved = "No";
            if (m.achieved)
                achieved = m.achieved_on ? "Yes, on " + kit::display_date(m.achieved_on) : "Yes";
            measures.push_back(json::object{{"title", m.title},
                                            {"timing", m.timing},
                                            {"due", kit::display_date(m.due_date)},
                                            {"achieved", achieved},
                                            {"evidence", m.evidence}});
        }
        view["has_measures"] = !measures.empty();
        view["measures"] = std::move(measures);

        json::array updates;
        if (auto list = service.list_updates(c, id)) {
            auto sorted = std::move(*list);
            // Newest first: by the period reported on (an imported history arrives all at
            // once), then by when it was made (ids are UUIDv7, so they sort by that too).
            const auto period_of = [](const Update& u) { return parse_period(u.period); };
            std::sort(sorted.begin(), sorted.end(), [&](const Update& a, const Update& b) {
                const auto pa = period_of(a), pb = period_of(b);
                if (pa.has_value() != pb.has_value()) return pa.has_value();
                if (pa && pb && *pa != *pb) return *pa > *pb;
                return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
            });
            for (const auto& u : sorted) {
                // Whose update it is (the author, by default the item's lead) and who typed it.
                const std::string author = person_name(c, u.author_person_id);
                const std::string who = author.empty() || author == u.entered_by
                                            ? "By " + u.entered_by
                                            : "From " + author + ", entered by " + u.entered_by;
                updates.push_back(
                    json::object{{"period", u.period},
                                 {"status", kit::status_tag(u.status)},
                                 {"percent", percent_text(u.percent_complete)},
                                 {"commentary_html", markdown_to_html(u.commentary, 4)},
                                 {"who", who},
                                 {"when", kit::display_date(u.created_at)}});
            }
        }
        view["has_updates"] = !updates.empty();
        view["updates"] = std::move(updates);

        json::array shown_links;
        for (const auto& l : v.links)
            shown_links.push_back(json::object{{"words", kit::link_words(l.link.kind, l.outgoing)},
                                               {"label", l.other.label},
                                               {"href", l.other.href},
                                               {"note", l.link.note}});
        view["has_links"] = !shown_links.empty();
        view["links"] = std::move(shown_links);

        view["can_update"] = service.can_update_item(c, i) && !i.archived_at;
        view["can_edit"] = item_to_change(c, i.id).has_value();
        view["edit_href"] = item_href(i.id) + "/edit";
        view["update_href"] = item_href(i.id) + "/update";
        // The history, for those who may change the item: when, who, what and which fields.
        if (auto history = service.item_history(c, i.id))
            for (auto& [k, v] : kit::changes_view(*history, plan_change_words)) view[k] = v;
        return pages.page(r, "plans/item", i.ref + " " + i.title, std::move(view));
    }

    json::object update_form_view(const ItemView& v, const UpdateInput& in,
                                  const std::string& percent) const {
        json::object view;
        view["item"] = json::object{
            {"ref", v.item.ref}, {"title", v.item.title}, {"href", item_href(v.item.id)}};
        view["period"] = in.period.value_or("");
        view["percent_complete"] = percent;
        view["commentary"] = in.commentary.value_or("");
        json::array statuses;
        const std::string status = in.status.value_or("");
        for (auto s : k_item_statuses)
            statuses.push_back(json::object{{"value", s},
                                            {"id", choice_id("status", s, k_item_statuses[0])},
                                            {"label", capitalised(s)},
                                            {"checked", s == status}});
        view["statuses"] = std::move(statuses);
        return view;
    }

    static kit::FormPage update_form(const ItemView& v) {
        return {"plans/update_form", "Add a progress update", item_href(v.item.id) + "/update",
                "Save update", item_href(v.item.id)};
    }

    // The item the signed-in caller may update, or the page that says there is none.
    Result<ItemView> updatable_item(const Context& c, const std::string& id) const {
        const auto none = Error::not_found("There is no item here that you can update.");
        if (!is_id(id)) return std::unexpected(none);
        auto found = service.get_item(c, id);
        if (!found || found->item.archived_at || !service.can_update_item(c, found->item))
            return std::unexpected(none);
        return found;
    }

    Response new_update(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const Context c = ctx(r);
        auto found = updatable_item(c, std::string(r.param("id")));
        if (!found) return kit::error_page(pages, r, found.error());
        UpdateInput in;
        // The quarter we are in, as core/period writes it.
        if (auto q = period_containing(today(c), PeriodKind::Quarter)) in.period = q->to_string();
        in.status = found->item.status;
        return kit::show_form(
            pages, r, update_form(*found),
            update_form_view(*found, in, std::to_string(found->item.percent_complete)));
    }

    Response create_update(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const Context c = ctx(r);
        const std::string id(r.param("id"));
        auto found = updatable_item(c, id);
        if (!found) return kit::error_page(pages, r, found.error());
        const kit::Form form = http::parse_form(r.body);
        UpdateInput in;
        in.item_id = id;
        in.period = kit::form_text(form, "period");
        in.status = kit::form_value(form, "status");
        in.commentary = kit::form_text(form, "commentary");
        const std::string percent = kit::form_text(form, "percent_complete");
        const auto number = whole_number(percent);
        if (!trim(percent).empty() && !number) {
            const auto error = Error::validation(
                "percent_complete",
                "Percentage complete must be a whole number from 0 to 100, like 40");
            return kit::show_form(pages, r, update_form(*found),
                                  update_form_view(*found, in, percent), &error);
        }
        in.percent_complete = number;
        auto added = service.add_update(c, in);
        if (added) return kit::saved(r, item_href(id), "Update saved");
        return kit::show_form(pages, r, update_form(*found), update_form_view(*found, in, percent),
                              &added.error());
    }

    // ---- My actions ----

    Response my_actions(Request& r) const {
        const Context c = ctx(r);
        std::string person(trim(r.query_param("person_id").value_or("")));
        const std::string unit(trim(r.query_param("unit_id").value_or("")));
        // A user linked to their person in the register sees their own actions first.
        const bool own = person.empty() && unit.empty() && !r.query_param("person_id") &&
                         r.principal.person_id && is_id(*r.principal.person_id);
        if (own) person = *r.principal.person_id;

        // Whoever leads an item may be chosen: the people and units named as leads.
        std::map<std::string, std::string> people, units;
        auto all = service.list_items(c, {});
        if (!all) return kit::error_page(pages, r, all.error());
        for (const auto& v : *all) {
            if (v.item.lead_person_id && !v.lead_name.empty())
                people.emplace(*v.item.lead_person_id, v.lead_name);
            if (v.item.lead_unit_id && !v.lead_unit_name.empty())
                units.emplace(*v.item.lead_unit_id, v.lead_unit_name);
        }
        if (own && !people.contains(person)) {
            const std::string name = person_name(c, person);
            people.emplace(person, name.empty() ? r.principal.display_name : name);
        }
        const auto sorted = [](const std::map<std::string, std::string>& m) {
            std::vector<std::pair<std::string, std::string>> out(m.begin(), m.end());
            std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
                return kit::name_less(a.second, b.second);
            });
            return out;
        };

        json::object view;
        view["people"] = choices(sorted(people), person);
        view["units"] = choices(sorted(units), unit);
        view["chosen"] = !person.empty() || !unit.empty();

        Error refused{ErrorKind::Validation, "", {}};
        if (!person.empty() && !people.contains(person))
            refused.errors.push_back({"person_id", "Choose a lead officer from the list"});
        if (!unit.empty() && !units.contains(unit))
            refused.errors.push_back({"unit_id", "Choose a lead unit from the list"});
        if (!refused.errors.empty())
            return refused_page(pages, r, "plans/my_actions", "My actions", std::move(view),
                                refused);
        if (person.empty() && unit.empty())
            return pages.page(r, "plans/my_actions", "My actions", std::move(view));

        std::string whose;
        if (!person.empty()) whose = people[person];
        if (!unit.empty()) whose += (whose.empty() ? "" : " in ") + units[unit];
        view["whose"] = whose;
        json::array lists;
        const std::pair<std::string_view, std::string_view> k_lists[] = {
            {"overdue", "Overdue"},
            {"due_soon", "Due in the next 30 days"},
            {"behind", "Behind where their time says they should be"}};
        for (const auto& [due, heading] : k_lists) {
            ItemQuery q;
            if (!person.empty()) q.lead_person_id = person;
            if (!unit.empty()) q.lead_unit_id = unit;
            q.due = std::string(due);
            auto items = service.list_items(c, q);
            if (!items) return kit::error_page(pages, r, items.error());
            json::array rows;
            for (const auto& v : *items) rows.push_back(action_row(v));
            const bool any = !rows.empty();
            lists.push_back(json::object{{"id", due},
                                         {"heading", heading},
                                         {"count", static_cast<std::int64_t>(rows.size())},
                                         {"items", std::move(rows)},
                                         {"has_items", any}});
        }
        view["lists"] = std::move(lists);
        return pages.page(r, "plans/my_actions", "My actions", std::move(view));
    }

    // ---- Reviews ----

    Response reviews(Request& r) const {
        const Context c = ctx(r);
        const std::string cursor(r.query_param("cursor").value_or(""));
        json::object view;
        if (!cursor.empty() && !is_id(cursor))
            return refused_page(
                pages, r, "plans/reviews", "Reviews", std::move(view),
                Error::bad_request("The link to this page of reviews is not complete. Go back "
                                   "to the first page of reviews."));
        ReviewQuery q;
        if (!cursor.empty()) q.cursor = cursor;
        auto found = kit::fill_page<Review>(k_per_page, q.cursor, [&](const auto& from, int limit) {
            q.cursor = from;
            q.limit = limit;
            return service.list_reviews(c, q);
        });
        if (!found) return kit::error_page(pages, r, found.error());
        json::array rows;
        for (const auto& rv : found->items)
            rows.push_back(json::object{{"href", review_href(rv.id)},
                                        {"title", rv.title},
                                        {"kind", review_kind_label(rv.kind)},
                                        {"reviewer", rv.reviewer},
                                        {"reported_on", kit::display_date(rv.reported_on)},
                                        {"status", kit::status_tag(rv.status)}});
        view["has_reviews"] = !rows.empty();
        view["reviews"] = std::move(rows);
        if (found->next_cursor)
            view["next_href"] = kit::next_page_href("/reviews", {}, *found->next_cursor);
        return pages.page(r, "plans/reviews", "Reviews", std::move(view));
    }

    Response review(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id))
            return kit::error_page(pages, r,
                                   Error::not_found("There is no review at this address."));
        const Context c = ctx(r);
        auto found = service.get_review(c, id);
        if (!found) return kit::error_page(pages, r, found.error());
        const Review& rv = *found;
        std::string dates;
        if (rv.start_date && rv.end_date)
            dates = kit::display_date(rv.start_date) + " to " + kit::display_date(rv.end_date);
        else if (rv.start_date)
            dates = "From " + kit::display_date(rv.start_date);
        else if (rv.end_date)
            dates = "Until " + kit::display_date(rv.end_date);
        json::object view;
        view["review"] = json::object{{"title", rv.title},
                                      {"kind", review_kind_label(rv.kind)},
                                      {"reviewer", rv.reviewer},
                                      {"dates", dates},
                                      {"reported_on", kit::display_date(rv.reported_on)},
                                      {"scope", rv.scope},
                                      {"rating", rv.rating},
                                      {"programme", rv.programme},
                                      {"unit", unit_name(c, rv.unit_id)},
                                      {"unit_href", unit_href(rv.unit_id)},
                                      {"status", kit::status_tag(rv.status)},
                                      {"archived", rv.archived_at.has_value()}};
        auto findings = service.list_findings(c, id);
        if (!findings) return kit::error_page(pages, r, findings.error());
        std::sort(findings->begin(), findings->end(),
                  [](const Finding& a, const Finding& b) { return ref_less(a.ref, b.ref); });
        json::array rows;
        for (const auto& f : *findings) {
            kit::LinkQuery q;
            q.entity_type = "review_finding";
            q.entity_id = f.id;
            q.limit = 200;
            json::array answered_by;
            if (auto page = links.list(c, q)) {
                for (const auto& l : page->items) {
                    const bool from_item = l.from_type == "plan_item" && l.to_id == f.id;
                    const bool to_item = l.to_type == "plan_item" && l.from_id == f.id;
                    if (!from_item && !to_item) continue;
                    auto other = service.get_item(c, from_item ? l.from_id : l.to_id);
                    if (!other) continue;
                    answered_by.push_back(
                        json::object{{"words", kit::link_words(l.kind, to_item)},
                                     {"label", other->item.ref + " " + other->item.title},
                                     {"plan", other->plan_title},
                                     {"href", item_href(other->item.id)}});
                }
            }
            const bool any = !answered_by.empty();
            rows.push_back(json::object{{"id", f.id},
                                        {"ref", f.ref},
                                        {"kind", capitalised(f.kind)},
                                        {"text", f.text},
                                        {"status", kit::status_tag(f.status)},
                                        {"links", std::move(answered_by)},
                                        {"has_links", any}});
        }
        view["has_findings"] = !rows.empty();
        view["findings"] = std::move(rows);
        return pages.page(r, "plans/review", rv.title, std::move(view));
    }
};

}  // namespace

void register_pages(http::Router& router, PlanService& service, org::OrgService& org,
                    kit::LinkService& links, http::PageRenderer& pages, const Clock& clock) {
    pages.add_navigation({"Plans", "/plans", {"/plans", "/plan-items", "/reviews", "/my-actions"}});
    auto p = std::make_shared<Pages>(Pages{service, org, links, pages, clock});
    const auto on = [&router, p](Method m, std::string pattern,
                                 Response (Pages::*fn)(Request&) const) {
        router.add(m, std::move(pattern), [p, fn](Request& r) { return ((*p).*fn)(r); });
    };
    // Fixed paths before patterns: the first match wins.
    on(Method::Get, "/plans", &Pages::plans);
    on(Method::Get, "/plans/new", &Pages::new_plan);
    on(Method::Post, "/plans", &Pages::create_plan);
    on(Method::Get, "/my-actions", &Pages::my_actions);
    on(Method::Get, "/reviews", &Pages::reviews);
    on(Method::Get, "/plans/{id}", &Pages::plan);
    on(Method::Get, "/plans/{id}/print", &Pages::print);
    on(Method::Get, "/plans/{id}/versions", &Pages::versions);
    on(Method::Get, "/plans/{id}/missing-updates", &Pages::missing_updates);
    on(Method::Get, "/plans/{id}/approve", &Pages::approve);
    on(Method::Post, "/plans/{id}/approve", &Pages::create_approval);
    on(Method::Get, "/plan-items/{id}", &Pages::item);
    on(Method::Get, "/plan-items/{id}/edit", &Pages::edit_item);
    on(Method::Post, "/plan-items/{id}", &Pages::update_item);
    on(Method::Get, "/plan-items/{id}/update", &Pages::new_update);
    on(Method::Post, "/plan-items/{id}/update", &Pages::create_update);
    on(Method::Get, "/reviews/{id}", &Pages::review);
}

}  // namespace civic::plans
