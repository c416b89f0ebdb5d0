// SPDX-License-Identifier: AGPL-3.0-or-later
// The register as Popolo JSON: https://www.popoloproject.com/specs/ (Person, Organization,
// Post, Membership), validated in the tests against the Popolo draft-03 schemas.

#include <boost/json.hpp>

#include "civic/modules/org/service.hpp"
#include "civic/modules/org/service_support.hpp"

namespace civic::org {
using namespace detail;
namespace json = boost::json;

namespace {

// Walks every page of a list so the export holds the whole register.
template <typename T, typename List>
std::vector<T> all_pages(List&& list) {
    std::vector<T> out;
    ListQuery q;
    q.limit = 200;
    while (true) {
        auto page = list(q);
        if (!page) break;
        for (auto& item : page->items) out.push_back(std::move(item));
        if (!page->next_cursor) break;
        q.cursor = page->next_cursor;
    }
    return out;
}

void set_if(json::object& o, std::string_view key, const std::string& value) {
    if (!value.empty()) o[key] = value;
}

}  // namespace

json::object OrgService::export_popolo(const Context& ctx) {
    json::array persons, organizations, posts, memberships;
    for (const auto& u : all_pages<Unit>([&](const ListQuery& q) { return list_units(ctx, q); })) {
        json::object o{{"id", u.id}, {"name", u.name}, {"classification", u.kind}};
        o["parent_id"] = u.parent_id ? json::value(*u.parent_id) : json::value(nullptr);
        set_if(o, "description", u.description);
        organizations.push_back(std::move(o));
    }
    for (const auto& vp :
         all_pages<VisiblePerson>([&](const ListQuery& q) { return list_people(ctx, q); })) {
        const auto& p = vp.person;
        json::object o{{"id", p.id}, {"name", p.name}};
        set_if(o, "honorific_prefix", p.honorific_prefix);
        set_if(o, "summary", p.summary);
        if (vp.contact == ContactDetails::Shown) {
            set_if(o, "email", p.email);
            if (!p.phone.empty())
                o["contact_details"] =
                    json::array{json::object{{"type", "voice"}, {"value", p.phone}}};
        }
        persons.push_back(std::move(o));
    }
    for (const auto& p : all_pages<Post>([&](const ListQuery& q) { return list_posts(ctx, q); })) {
        json::object o{
            {"id", p.id}, {"label", p.label}, {"role", p.role}, {"organization_id", p.unit_id}};
        posts.push_back(std::move(o));
    }
    for (const auto& m :
         all_pages<Membership>([&](const ListQuery& q) { return list_memberships(ctx, q); })) {
        json::object o{{"id", m.id},
                       {"person_id", m.person_id},
                       {"organization_id", m.unit_id},
                       {"role", m.role}};
        // Present even when unknown, as null: the document promises every field.
        const auto or_null = [](const std::optional<std::string>& v) {
            return v ? json::value(*v) : json::value(nullptr);
        };
        o["post_id"] = or_null(m.post_id);
        o["start_date"] = or_null(m.start_date);
        o["end_date"] = or_null(m.end_date);
        memberships.push_back(std::move(o));
    }
    return {{"persons", std::move(persons)},
            {"organizations", std::move(organizations)},
            {"posts", std::move(posts)},
            {"memberships", std::move(memberships)}};
}

}  // namespace civic::org
