// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/api.hpp"

#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::org {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// The query parameters a list takes: paging and the filters its resource understands (the
// router refuses any other). kinds: the allowed values of ?kind=, matched in any case.
Result<ListQuery> list_query(const Request& r, std::span<const std::string_view> kinds) {
    ListQuery q;
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    if (auto v = r.query_param("name"); v && !v->empty()) q.name = std::string(*v);
    CIVIC_TRY(q.kind, http::choice_query_param(r, "kind", kinds));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    CIVIC_TRY(q.within, http::id_query_param(r, "within"));
    CIVIC_TRY(q.person_id, http::id_query_param(r, "person_id"));
    CIVIC_TRY(q.unit_id, http::id_query_param(r, "unit_id"));
    CIVIC_TRY(q.post_id, http::id_query_param(r, "post_id"));
    return q;
}

UnitInput unit_input(JsonFields& f) {
    UnitInput in;
    in.name = f.optional_text("name", "Name", 100000);
    in.kind = f.optional_text("kind", "Kind");
    in.parent_id = f.optional_text("parent_id", "Parent");
    in.description = f.optional_text("description", "Description", 100000);
    return in;
}

PersonInput person_input(JsonFields& f) {
    PersonInput in;
    in.name = f.optional_text("name", "Name", 100000);
    in.kind = f.optional_text("kind", "Kind");
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.honorific_prefix = f.optional_text("honorific_prefix", "Title", 100000);
    in.published = f.optional_boolean("published", "Published");
    in.email = f.optional_text("email", "Email", 100000);
    in.phone = f.optional_text("phone", "Phone", 100000);
    in.summary = f.optional_text("summary", "Summary", 100000);
    return in;
}

PostInput post_input(JsonFields& f) {
    PostInput in;
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.label = f.optional_text("label", "Label", 100000);
    in.role = f.optional_text("role", "Role", 100000);
    in.portfolio = f.optional_text("portfolio", "Portfolio", 100000);
    in.responsibilities = f.optional_text_list("responsibilities", "Responsibilities", 1000);
    return in;
}

MembershipInput membership_input(JsonFields& f) {
    MembershipInput in;
    in.person_id = f.optional_text("person_id", "Person");
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.post_id = f.optional_text("post_id", "Post");
    in.role = f.optional_text("role", "Role", 100000);
    in.start_date = f.optional_date("start_date", "Start date");
    in.end_date = f.optional_date("end_date", "End date");
    return in;
}

json::object view(const VisiblePerson& p) { return to_json(p.person, p.contact); }

// org's lists all read the same query; each takes the parameters it names.
std::vector<std::string> list_params(std::initializer_list<std::string> filters) {
    std::vector<std::string> out{"limit", "cursor", "within", "include_archived"};
    out.insert(out.end(), filters);
    return out;
}

}  // namespace

void register_api(http::Router& router, OrgService& s, const Clock& clock) {
    const auto query = [](std::span<const std::string_view> kinds) {
        return [kinds](const Request& r) { return list_query(r, kinds); };
    };
    kit::add_resource<UnitInput, Unit, ListQuery>(
        router,
        {.base = "/api/v1/units",
         .params = list_params({"name", "kind"}),
         .query = query(k_unit_kinds),
         .parse = unit_input,
         .view = [](const Unit& u) { return to_json(u); },
         .list = [&s](const Context& c, const ListQuery& q) { return s.list_units(c, q); },
         .create = [&s](const Context& c, const UnitInput& in) { return s.create_unit(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_unit(c, id); },
         .update = [&s](const Context& c, const std::string& id, const UnitInput& in,
                        std::int64_t v) { return s.update_unit(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_unit(c, id, v); }},
        clock);
    kit::add_resource<PersonInput, VisiblePerson, ListQuery>(
        router,
        {.base = "/api/v1/people",
         .params = list_params({"name", "kind"}),
         .query = query(k_person_kinds),
         .parse = person_input,
         .view = [](const VisiblePerson& p) { return view(p); },
         .id_of = [](const VisiblePerson& p) { return p.person.id; },
         .version_of = [](const VisiblePerson& p) { return p.person.version; },
         .list = [&s](const Context& c, const ListQuery& q) { return s.list_people(c, q); },
         .create = [&s](const Context& c, const PersonInput& in) { return s.create_person(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_person(c, id); },
         .update = [&s](const Context& c, const std::string& id, const PersonInput& in,
                        std::int64_t v) { return s.update_person(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_person(c, id, v); }},
        clock);
    kit::add_resource<PostInput, Post, ListQuery>(
        router,
        {.base = "/api/v1/posts",
         .params = list_params({"name", "unit_id"}),
         .query = query({}),
         .parse = post_input,
         .view = [](const Post& p) { return to_json(p); },
         .list = [&s](const Context& c, const ListQuery& q) { return s.list_posts(c, q); },
         .create = [&s](const Context& c, const PostInput& in) { return s.create_post(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_post(c, id); },
         .update = [&s](const Context& c, const std::string& id, const PostInput& in,
                        std::int64_t v) { return s.update_post(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_post(c, id, v); }},
        clock);
    kit::add_resource<MembershipInput, Membership, ListQuery>(
        router,
        {.base = "/api/v1/memberships",
         .params = list_params({"person_id", "unit_id", "post_id"}),
         .query = query({}),
         .parse = membership_input,
         .view = [](const Membership& m) { return to_json(m); },
         .list = [&s](const Context& c, const ListQuery& q) { return s.list_memberships(c, q); },
         .create = [&s](const Context& c,
                        const MembershipInput& in) { return s.create_membership(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_membership(c, id); },
         .update = [&s](const Context& c, const std::string& id, const MembershipInput& in,
                        std::int64_t v) { return s.update_membership(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_membership(c, id, v); }},
        clock);
    router.add(Method::Get, "/api/v1/export/popolo", [&s, &clock](Request& r) {
        return http::json_response(200, s.export_popolo(http::context_for(r, clock)));
    });
}

}  // namespace civic::org
