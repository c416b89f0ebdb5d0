// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>

#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/http/app.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/pages.hpp"

namespace civic::org {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

std::string kind_label(std::string_view kind) {
    if (kind == "council") return "Council";
    if (kind == "directorate") return "Directorate";
    if (kind == "department") return "Department";
    if (kind == "service") return "Service";
    if (kind == "team") return "Team";
    if (kind == "body") return "Board, group or committee";
    if (kind == "officer") return "Officer";
    if (kind == "councillor") return "Councillor";
    return std::string(kind);
}

bool unit_name_less(const Unit* a, const Unit* b) { return kit::name_less(a->name, b->name); }

std::string unit_href(const std::string& id) { return "/units/" + id; }
std::string person_href(const std::string& id) { return "/people/" + id; }

// A membership's dates as a person reads them: "Since 20 May 2025", "20 May 2025 to 4 May 2029".
std::string display_dates(const Membership& m) {
    if (m.start_date && m.end_date)
        return kit::display_date(m.start_date) + " to " + kit::display_date(m.end_date);
    if (m.start_date) return "Since " + kit::display_date(m.start_date);
    if (m.end_date) return "Until " + kit::display_date(m.end_date);
    return "";
}

// The whole tree as nested lists, children in name order.
json::array tree_nodes(const std::multimap<std::string, const Unit*>& children,
                       const std::string& parent) {
    json::array out;
    std::vector<const Unit*> kids;
    auto [lo, hi] = children.equal_range(parent);
    for (auto it = lo; it != hi; ++it) kids.push_back(it->second);
    std::sort(kids.begin(), kids.end(), unit_name_less);
    for (const Unit* u : kids) {
        json::array sub = tree_nodes(children, u->id);
        const bool has_children = !sub.empty();
        out.push_back(json::object{{"name", u->name},
                                   {"href", unit_href(u->id)},
                                   {"kind", kind_label(u->kind)},
                                   {"children", std::move(sub)},
                                   {"has_children", has_children}});
    }
    return out;
}

// Options for a unit <select>: every live unit, indented by depth, in tree order.
json::array unit_options(const std::vector<Unit>& units, const std::string& selected,
                         const std::string& exclude_path) {
    std::multimap<std::string, const Unit*> children;
    for (const auto& u : units) children.emplace(u.parent_id.value_or(""), &u);
    json::array out;
    std::function<void(const std::string&, int)> walk = [&](const std::string& parent, int depth) {
        std::vector<const Unit*> kids;
        auto [lo, hi] = children.equal_range(parent);
        for (auto it = lo; it != hi; ++it) kids.push_back(it->second);
        std::sort(kids.begin(), kids.end(), unit_name_less);
        for (const Unit* u : kids) {
            if (!exclude_path.empty() && u->path.starts_with(exclude_path)) continue;
            std::string label;
            // Depth as non-breaking spaces: screen readers pass over them, where dashes are read
            // out.
            for (int i = 0; i < depth; ++i) label += "\u00a0\u00a0\u00a0\u00a0";
            label += u->name;
            out.push_back(
                json::object{{"value", u->id}, {"label", label}, {"selected", u->id == selected}});
            walk(u->id, depth + 1);
        }
    };
    walk("", 0);
    return out;
}

// A person's name as the pages show it: "Cllr Priya Shah".
std::string display_name(const Person& p) {
    return p.honorific_prefix.empty() ? p.name : p.honorific_prefix + " " + p.name;
}

// True when a membership holds on the given day (YYYY-MM-DD): begun and not yet ended.
bool holds_on(const Membership& m, const std::string& today) {
    return (!m.start_date || *m.start_date <= today) && (!m.end_date || *m.end_date >= today);
}

// The people list shows this many people a page.
constexpr int k_people_per_page = 50;

json::array breadcrumbs(const std::vector<Unit>& units, const Unit& unit) {
    std::map<std::string, const Unit*> by_id;
    for (const auto& u : units) by_id[u.id] = &u;
    json::array out;
    std::string_view path = unit.path;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        const std::string id(path.substr(0, slash));
        path.remove_prefix(slash == std::string_view::npos ? path.size() : slash);
        if (id == unit.id) break;
        if (auto it = by_id.find(id); it != by_id.end())
            out.push_back(json::object{{"name", it->second->name}, {"href", unit_href(id)}});
    }
    return out;
}

struct Pages {
    OrgService& service;
    const http::PageRenderer& pages;
    const Clock& clock;

    Context ctx(const Request& r) const { return http::context_for(r, clock); }

    // Where Cancel on a new record's form goes: the unit it was started from, or the list.
    static std::string back_from_new(const std::optional<std::string>& unit_id,
                                     const std::string& otherwise) {
        return unit_id && is_id(*unit_id) ? unit_href(*unit_id) : otherwise;
    }

    Response home(Request& r) const {
        json::object view;
        view["council_name"] = pages.site().council_name();
        view["signed_in"] = r.principal.signed_in();
        // What the other modules have for this visitor: values due, actions, …
        json::array panels;
        for (auto& html : pages.home_panels(r)) panels.push_back(json::value(std::move(html)));
        view["panels"] = std::move(panels);
        return pages.page(r, "org/home", "Civic", std::move(view));
    }

    Response tree(Request& r) const {
        const auto units = service.all_units(ctx(r));
        std::multimap<std::string, const Unit*> children;
        for (const auto& u : units) children.emplace(u.parent_id.value_or(""), &u);
        json::object view;
        view["nodes"] = tree_nodes(children, "");
        view["empty"] = units.empty();
        view["can_add"] = r.principal.signed_in();
        return pages.page(r, "org/tree", "Organisation", std::move(view));
    }

    // The people list: a GET form, so a search can be bookmarked and shared, and a page of
    // results with a link to the next.
    Response people(Request& r) const {
        const Context c = ctx(r);
        const std::string name(trim(r.query_param("name").value_or("")));
        // Any case, as the import and the API take it.
        std::string kind(r.query_param("kind").value_or(""));
        for (auto k : k_person_kinds)
            if (equal_ignoring_case(k, kind)) kind = k;
        const std::string within(r.query_param("within").value_or(""));
        const std::string cursor(r.query_param("cursor").value_or(""));
        const auto units = service.all_units(c);
        std::map<std::string, const Unit*, std::less<>> unit_by_id;
        for (const auto& u : units) unit_by_id[u.id] = &u;

        json::object view;
        view["name"] = name;
        view["kinds"] = kit::options(k_person_kinds, kind_label, kind);
        view["units"] = unit_options(units, within, "");
        view["signed_in"] = r.principal.signed_in();
        view["searching"] = !name.empty() || !kind.empty() || !within.empty();

        // The form offers only what is allowed; these catch a link that was typed or cut short.
        Error refused{ErrorKind::Validation, "", {}};
        if (!kind.empty() && std::find(std::begin(k_person_kinds), std::end(k_person_kinds),
                                       kind) == std::end(k_person_kinds))
            refused.errors.push_back({"kind", "Choose officers, councillors, or both"});
        if (!within.empty() && !unit_by_id.contains(within))
            refused.errors.push_back({"within", "Choose a unit from the list"});
        if (refused.errors.empty() && !cursor.empty() && !is_id(cursor))
            refused.detail = "The link to this page of results is not complete. Search again.";
        if (!refused.errors.empty() || !refused.detail.empty()) {
            http::add_form_errors(view, refused);
            return pages.page(r, "org/people", "Error: People", std::move(view), 422);
        }

        ListQuery q;
        if (!name.empty()) q.name = name;
        if (!kind.empty()) q.kind = kind;
        if (!within.empty()) q.within = within;
        if (!cursor.empty()) q.cursor = cursor;
        // A page the service returns can hold fewer people than asked for (those the caller
        // may not see are left out), so fill_page asks again, a few times, to fill this one.
        auto found = kit::fill_page<VisiblePerson>(k_people_per_page, q.cursor,
                                                   [&](const auto& from, int limit) {
                                                       q.cursor = from;
                                                       q.limit = limit;
                                                       return service.list_people(c, q);
                                                   });
        if (!found) {
            http::add_form_errors(view, found.error());
            return pages.page(r, "org/people", "Error: People", std::move(view),
                              http::status_for(found.error().kind));
        }
        q.cursor = found->next_cursor;

        json::array rows;
        for (const auto& [person, contact] : found->items) {
            std::string unit_name, unit_link;
            if (person.unit_id) {
                if (auto it = unit_by_id.find(*person.unit_id); it != unit_by_id.end()) {
                    unit_name = it->second->name;
                } else if (auto unit = service.get_unit(c, *person.unit_id)) {
                    unit_name = unit->name;  // archived
                }
                if (!unit_name.empty()) unit_link = unit_href(*person.unit_id);
            }
            rows.push_back(json::object{{"name", display_name(person)},
                                        {"href", person_href(person.id)},
                                        {"kind", kind_label(person.kind)},
                                        {"unit", unit_name},
                                        {"unit_href", unit_link}});
        }
        view["has_people"] = !rows.empty();
        view["people"] = std::move(rows);
        view["caption"] = cursor.empty() ? "Results" : "More results";
        const bool sees_all = service.can_read_all(c);
        if (q.cursor)
            view["empty_message"] =
                "No one you can see on this page of results. There may be more on the next page.";
        else if (!view["searching"].as_bool())
            view["empty_message"] =
                sees_all ? "There are no people yet." : "There are no people you can see yet.";
        else
            view["empty_message"] = "No people match your search.";
        if (q.cursor)
            view["next_href"] = kit::next_page_href(
                "/people", {{"name", name}, {"kind", kind}, {"within", within}}, *q.cursor);
        return pages.page(r, "org/people", "People", std::move(view));
    }

    Response unit(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id))
            return kit::error_page(pages, r, Error::not_found("There is no unit at this address."));
        const Context c = ctx(r);
        auto unit = service.get_unit(c, id);
        if (!unit) return kit::error_page(pages, r, unit.error());
        const auto units = service.all_units(c);
        json::object view;
        view["unit"] = json::object{{"id", unit->id},
                                    {"name", unit->name},
                                    {"kind", kind_label(unit->kind)},
                                    {"description", unit->description},
                                    {"archived", unit->archived_at.has_value()}};
        view["breadcrumbs"] = breadcrumbs(units, *unit);
        std::vector<const Unit*> children;
        for (const auto& u : units)
            if (u.parent_id == unit->id) children.push_back(&u);
        std::sort(children.begin(), children.end(), unit_name_less);
        json::array subunits;
        for (const Unit* u : children)
            subunits.push_back(json::object{
                {"name", u->name}, {"href", unit_href(u->id)}, {"kind", kind_label(u->kind)}});
        view["has_subunits"] = !subunits.empty();
        view["subunits"] = std::move(subunits);

        ListQuery q;
        q.unit_id = unit->id;
        q.limit = 200;
        // The people in the unit, and for each post the people who hold it today.
        bool sees_everyone = service.can_read(c, *unit);
        const std::string today = format_iso_date(kit::today(c));
        json::array members;
        std::multimap<std::string, json::object> holders;  // post id -> holder
        if (auto page = service.list_memberships(c, q)) {
            for (const auto& m : page->items) {
                auto person = service.get_person(c, m.person_id);
                if (!person) {
                    // A membership the caller may see, of a person they may not.
                    sees_everyone = false;
                    continue;
                }
                const std::string name = display_name(person->person);
                members.push_back(json::object{{"name", name},
                                               {"href", person_href(m.person_id)},
                                               {"role", m.role},
                                               {"dates", display_dates(m)}});
                if (m.post_id && holds_on(m, today))
                    holders.emplace(*m.post_id, json::object{{"name", name},
                                                             {"href", person_href(m.person_id)},
                                                             {"last", false}});
            }
        }
        view["has_members"] = !members.empty();
        view["members"] = std::move(members);
        view["sees_everyone"] = sees_everyone;

        json::array posts;
        if (auto page = service.list_posts(c, q)) {
            for (const auto& p : page->items) {
                json::array resp;
                for (const auto& item : p.responsibilities) resp.push_back(json::value(item));
                json::array held_by;
                auto [lo, hi] = holders.equal_range(p.id);
                for (auto it = lo; it != hi; ++it) held_by.push_back(it->second);
                if (!held_by.empty()) held_by.back().as_object()["last"] = true;
                const bool has_holders = !held_by.empty();
                posts.push_back(json::object{{"label", p.label},
                                             {"portfolio", p.portfolio},
                                             {"responsibilities", std::move(resp)},
                                             {"has_responsibilities", !p.responsibilities.empty()},
                                             {"holders", std::move(held_by)},
                                             {"has_holders", has_holders}});
            }
        }
        view["has_posts"] = !posts.empty();
        view["posts"] = std::move(posts);
        const bool can_edit = service.can_edit(c, *unit);
        view["can_edit"] = can_edit && !unit->archived_at;
        return pages.page(r, "org/unit", unit->name, std::move(view));
    }

    json::object unit_form_view(const Context& c, const UnitInput& in,
                                const std::string& exclude_path) const {
        const auto units = service.all_units(c);
        json::object view;
        view["name"] = in.name.value_or("");
        view["description"] = in.description.value_or("");
        view["kinds"] = kit::options(k_unit_kinds, kind_label, in.kind.value_or(""));
        view["parents"] = unit_options(units, in.parent_id.value_or(""), exclude_path);
        return view;
    }

    static UnitInput unit_input(const kit::Form& form) {
        UnitInput in;
        in.name = kit::form_value(form, "name").value_or("");
        in.kind = kit::form_value(form, "kind");
        in.parent_id = kit::form_value(form, "parent_id").value_or("");
        in.description = kit::form_value(form, "description").value_or("");
        return in;
    }

    static kit::FormPage new_unit_form(const std::optional<std::string>& parent_id) {
        return {"org/unit_form", "Add a unit", "/units", "Add unit",
                back_from_new(parent_id, "/units")};
    }

    static kit::FormPage change_unit_form(const std::string& id, const std::string& name) {
        return {"org/unit_form", "Change " + name, unit_href(id), "Save changes", unit_href(id)};
    }

    Response new_unit(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        UnitInput in;
        in.parent_id = std::string(r.query_param("parent_id").value_or(""));
        return kit::show_form(pages, r, new_unit_form(in.parent_id),
                              unit_form_view(ctx(r), in, ""));
    }

    Response create_unit(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const UnitInput in = unit_input(http::parse_form(r.body));
        const Context c = ctx(r);
        auto created = service.create_unit(c, in);
        if (created) return kit::saved(r, unit_href(created->id), "Unit added");
        return kit::show_form(pages, r, new_unit_form(in.parent_id), unit_form_view(c, in, ""),
                              &created.error());
    }

    Response edit_unit(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const Context c = ctx(r);
        auto unit = service.get_unit(c, std::string(r.param("id")));
        if (!unit || !service.can_edit(c, *unit))
            return kit::error_page(pages, r,
                                   Error::not_found("There is no unit here that you can change."));
        UnitInput in{unit->name, unit->kind, unit->parent_id.value_or(""), unit->description};
        auto view = unit_form_view(c, in, unit->path);
        view["version"] = unit->version;
        return kit::show_form(pages, r, change_unit_form(unit->id, unit->name), std::move(view));
    }

    Response update_unit(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const std::string id(r.param("id"));
        if (!is_id(id))
            return kit::error_page(pages, r, Error::not_found("There is no unit at this address."));
        const kit::Form form = http::parse_form(r.body);
        const UnitInput in = unit_input(form);
        const std::int64_t version = kit::form_version(form);
        const Context c = ctx(r);
        auto updated = service.update_unit(c, id, in, version);
        if (updated) return kit::saved(r, unit_href(id), "Unit saved");
        if (updated.error().kind == ErrorKind::NotFound)
            return kit::error_page(pages, r, updated.error());
        auto current = service.get_unit(c, id);
        auto view = unit_form_view(c, in, current ? current->path : "");
        view["version"] = version;
        return kit::show_form(pages, r, change_unit_form(id, current ? current->name : "unit"),
                              std::move(view), &updated.error());
    }

    Response person(Request& r) const {
        const std::string id(r.param("id"));
        if (!is_id(id))
            return kit::error_page(pages, r,
                                   Error::not_found("There is no person at this address."));
        const Context c = ctx(r);
        auto found = service.get_person(c, id);
        if (!found) return kit::error_page(pages, r, found.error());
        const auto& p = found->person;
        const bool contact = found->contact == ContactDetails::Shown;
        json::object view;
        view["person"] = json::object{{"name", p.name},
                                      {"title", p.honorific_prefix},
                                      {"kind", kind_label(p.kind)},
                                      {"summary", p.summary},
                                      {"email", contact ? p.email : ""},
                                      {"phone", contact ? p.phone : ""},
                                      {"published", p.published},
                                      {"archived", p.archived_at.has_value()}};
        if (p.unit_id) {
            if (auto unit = service.get_unit(c, *p.unit_id))
                view["unit"] = json::object{{"name", unit->name}, {"href", unit_href(unit->id)}};
        }
        ListQuery q;
        q.person_id = p.id;
        q.limit = 200;
        json::array roles;
        if (auto page = service.list_memberships(c, q)) {
            for (const auto& m : page->items) {
                auto unit = service.get_unit(c, m.unit_id);
                roles.push_back(json::object{{"role", m.role},
                                             {"unit", unit ? unit->name : std::string()},
                                             {"href", unit_href(m.unit_id)},
                                             {"dates", display_dates(m)}});
            }
        }
        view["has_roles"] = !roles.empty();
        view["roles"] = std::move(roles);
        bool can_edit = r.principal.is_administrator();
        if (p.unit_id)
            if (auto unit = service.get_unit(c, *p.unit_id)) can_edit = service.can_edit(c, *unit);
        view["can_edit"] = can_edit && !p.archived_at;
        view["edit_href"] = person_href(p.id) + "/edit";
        return pages.page(r, "org/person", display_name(p), std::move(view));
    }

    enum class Creating { Yes, No };

    json::object person_form_view(const Context& c, const PersonInput& in,
                                  Creating creating) const {
        json::object view;
        view["name"] = in.name.value_or("");
        view["honorific_prefix"] = in.honorific_prefix.value_or("");
        view["email"] = in.email.value_or("");
        view["phone"] = in.phone.value_or("");
        view["summary"] = in.summary.value_or("");
        view["is_officer"] = in.kind.value_or("") == "officer";
        view["is_councillor"] = in.kind.value_or("") == "councillor";
        // A new person may be left to the usual rule (councillors public, officers not), as
        // through the API and the import; a person already saved is one or the other.
        view["new_person"] = creating == Creating::Yes;
        view["published_usual"] = !in.published.has_value();
        view["published_yes"] = in.published.value_or(false);
        view["published_no"] = in.published.has_value() && !*in.published;
        view["units"] = unit_options(service.all_units(c), in.unit_id.value_or(""), "");
        return view;
    }

    static PersonInput person_input(const kit::Form& form) {
        PersonInput in;
        in.name = kit::form_value(form, "name").value_or("");
        in.kind = kit::form_value(form, "kind");
        in.unit_id = kit::form_value(form, "unit_id").value_or("");
        in.honorific_prefix = kit::form_value(form, "honorific_prefix").value_or("");
        in.email = kit::form_value(form, "email").value_or("");
        in.phone = kit::form_value(form, "phone").value_or("");
        in.summary = kit::form_value(form, "summary").value_or("");
        // "yes" or "no"; anything else (the usual rule, or nothing) leaves it to the service.
        const auto published = kit::form_value(form, "published").value_or("");
        if (published == "yes") in.published = true;
        if (published == "no") in.published = false;
        return in;
    }

    static kit::FormPage new_person_form(const std::optional<std::string>& unit_id) {
        return {"org/person_form", "Add a person", "/people", "Add person",
                back_from_new(unit_id, "/people")};
    }

    static kit::FormPage change_person_form(const std::string& id, const std::string& name) {
        return {"org/person_form", "Change " + name, person_href(id), "Save changes",
                person_href(id)};
    }

    Response new_person(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        PersonInput in;
        in.unit_id = std::string(r.query_param("unit_id").value_or(""));
        return kit::show_form(pages, r, new_person_form(in.unit_id),
                              person_form_view(ctx(r), in, Creating::Yes));
    }

    Response create_person(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const PersonInput in = person_input(http::parse_form(r.body));
        const Context c = ctx(r);
        auto created = service.create_person(c, in);
        if (created) return kit::saved(r, person_href(created->person.id), "Person added");
        return kit::show_form(pages, r, new_person_form(in.unit_id),
                              person_form_view(c, in, Creating::Yes), &created.error());
    }

    Response edit_person(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const std::string id(r.param("id"));
        if (!is_id(id))
            return kit::error_page(pages, r,
                                   Error::not_found("There is no person at this address."));
        const Context c = ctx(r);
        auto found = service.get_person(c, id);
        if (!found || found->contact != ContactDetails::Shown)
            return kit::error_page(
                pages, r, Error::not_found("There is no person here that you can change."));
        const auto& p = found->person;
        PersonInput in{
            p.name,    p.kind,     p.unit_id.value_or(""), p.honorific_prefix, p.email, p.phone,
            p.summary, p.published};
        auto view = person_form_view(c, in, Creating::No);
        view["version"] = p.version;
        return kit::show_form(pages, r, change_person_form(id, p.name), std::move(view));
    }

    Response update_person(Request& r) const {
        if (!r.principal.signed_in()) return kit::sign_in_first(r);
        const std::string id(r.param("id"));
        if (!is_id(id))
            return kit::error_page(pages, r,
                                   Error::not_found("There is no person at this address."));
        const kit::Form form = http::parse_form(r.body);
        const PersonInput in = person_input(form);
        const std::int64_t version = kit::form_version(form);
        const Context c = ctx(r);
        auto updated = service.update_person(c, id, in, version);
        if (updated) return kit::saved(r, person_href(id), "Person saved");
        if (updated.error().kind == ErrorKind::NotFound)
            return kit::error_page(pages, r, updated.error());
        auto view = person_form_view(c, in, Creating::No);
        view["version"] = version;
        return kit::show_form(pages, r, change_person_form(id, in.name.value_or("person")),
                              std::move(view), &updated.error());
    }
};

}  // namespace

void register_pages(http::Router& router, OrgService& service, http::PageRenderer& pages,
                    const Clock& clock) {
    pages.add_navigation({"Organisation", "/units", {"/units"}});
    pages.add_navigation({"People", "/people", {"/people"}});
    auto p = std::make_shared<Pages>(Pages{service, pages, clock});
    const auto on = [&router, p](Method m, std::string pattern,
                                 Response (Pages::*fn)(Request&) const) {
        router.add(m, std::move(pattern), [p, fn](Request& r) { return ((*p).*fn)(r); });
    };
    on(Method::Get, "/", &Pages::home);
    on(Method::Get, "/units", &Pages::tree);
    on(Method::Get, "/units/new", &Pages::new_unit);
    on(Method::Post, "/units", &Pages::create_unit);
    on(Method::Get, "/units/{id}", &Pages::unit);
    on(Method::Get, "/units/{id}/edit", &Pages::edit_unit);
    on(Method::Post, "/units/{id}", &Pages::update_unit);
    on(Method::Get, "/people", &Pages::people);
    on(Method::Get, "/people/new", &Pages::new_person);
    on(Method::Post, "/people", &Pages::create_person);
    on(Method::Get, "/people/{id}", &Pages::person);
    on(Method::Get, "/people/{id}/edit", &Pages::edit_person);
    on(Method::Post, "/people/{id}", &Pages::update_person);
}

}  // namespace civic::org
