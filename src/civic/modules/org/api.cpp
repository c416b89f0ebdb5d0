// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/api.hpp"

#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"

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

json::object view(const Unit& u) { return to_json(u); }
json::object view(const VisiblePerson& p) { return to_json(p.person, p.contact); }
json::object view(const Post& p) { return to_json(p); }
json::object view(const Membership& m) { return to_json(m); }

std::int64_t version_of(const Unit& u) { return u.version; }
std::int64_t version_of(const VisiblePerson& p) { return p.person.version; }
std::int64_t version_of(const Post& p) { return p.version; }
std::int64_t version_of(const Membership& m) { return m.version; }

std::string id_of(const Unit& u) { return u.id; }
std::string id_of(const VisiblePerson& p) { return p.person.id; }
std::string id_of(const Post& p) { return p.id; }
std::string id_of(const Membership& m) { return m.id; }

template <typename T>
Response record_response(int status, const T& record) {
    auto res = http::json_response(status, view(record));
    res.set_header("etag", http::etag_for(version_of(record)));
    return res;
}

// Registers list, create, read, update and archive for one resource. The service's
// functions differ only in their input type, so one template serves all four resources.
template <typename Input, typename Record>
struct Resource {
    std::string base;                         // "/api/v1/units"
    std::vector<std::string> filters;         // the list's filters, besides paging
    std::span<const std::string_view> kinds;  // the values ?kind= takes, if it is a filter
    Input (*parse)(JsonFields&);
    std::function<Result<Page<Record>>(const Context&, const ListQuery&)> list;
    std::function<Result<Record>(const Context&, const std::string&)> get;
    std::function<Result<Record>(const Context&, const Input&)> create;
    std::function<Result<Record>(const Context&, const std::string&, const Input&, std::int64_t)>
        update;
    std::function<Result<Record>(const Context&, const std::string&, std::int64_t)> archive;
};

// An id in a path that is not one of ours cannot name a record.
std::optional<Response> reject_bad_id(const Request& r) {
    if (is_id(r.param("id"))) return std::nullopt;
    return http::problem_response(r, Error::not_found("There is no record with this id."));
}

template <typename Input, typename Record>
void add_resource(http::Router& router, const Resource<Input, Record>& res, const Clock& clock) {
    std::vector<std::string> list_params{"limit", "cursor", "within", "include_archived"};
    list_params.insert(list_params.end(), res.filters.begin(), res.filters.end());
    router.add(Method::Get, res.base, std::move(list_params), [res, &clock](Request& r) {
        auto q = list_query(r, res.kinds);
        if (!q) return http::problem_response(r, q.error());
        auto page = res.list(http::context_for(r, clock), *q);
        if (!page) return http::problem_response(r, page.error());
        json::array items;
        for (const auto& item : page->items) items.push_back(view(item));
        return http::json_response(200, http::page_body(std::move(items), page->next_cursor));
    });
    router.add(Method::Post, res.base, [res, &clock](Request& r) {
        auto body = http::json_body(r);
        if (!body) return http::problem_response(r, body.error());
        JsonFields fields(*body);
        const Input in = res.parse(fields);
        http::refuse_version_on_create(fields);
        if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
        auto created = res.create(http::context_for(r, clock), in);
        if (!created) return http::problem_response(r, created.error());
        auto out = record_response(201, *created);
        out.set_header("location", res.base + "/" + id_of(*created));
        return out;
    });
    router.add(Method::Get, res.base + "/{id}", [res, &clock](Request& r) {
        if (auto bad = reject_bad_id(r)) return std::move(*bad);
        auto found = res.get(http::context_for(r, clock), std::string(r.param("id")));
        if (!found) return http::problem_response(r, found.error());
        return record_response(200, *found);
    });
    router.add(Method::Patch, res.base + "/{id}", [res, &clock](Request& r) {
        if (auto bad = reject_bad_id(r)) return std::move(*bad);
        auto body = http::json_body(r);
        if (!body) return http::problem_response(r, body.error());
        JsonFields fields(*body);
        const Input in = res.parse(fields);
        auto version = http::change_version(r, fields);
        if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
        if (auto some = http::require_some_change(*body); !some)
            return http::problem_response(r, some.error());
        if (!version) return http::problem_response(r, version.error());
        auto updated =
            res.update(http::context_for(r, clock), std::string(r.param("id")), in, *version);
        if (!updated) return http::problem_response(r, updated.error());
        return record_response(200, *updated);
    });
    router.add(Method::Post, res.base + "/{id}/archive", [res, &clock](Request& r) {
        if (auto bad = reject_bad_id(r)) return std::move(*bad);
        auto version = http::state_change_version(r);
        if (!version) return http::problem_response(r, version.error());
        auto archived =
            res.archive(http::context_for(r, clock), std::string(r.param("id")), *version);
        if (!archived) return http::problem_response(r, archived.error());
        return record_response(200, *archived);
    });
}

}  // namespace

void register_api(http::Router& router, OrgService& s, const Clock& clock) {
    using namespace std::placeholders;
    add_resource<UnitInput, Unit>(
        router,
        {"/api/v1/units",
         {"name", "kind"},
         k_unit_kinds,
         unit_input,
         [&s](const Context& c, const ListQuery& q) { return s.list_units(c, q); },
         [&s](const Context& c, const std::string& id) { return s.get_unit(c, id); },
         [&s](const Context& c, const UnitInput& in) { return s.create_unit(c, in); },
         [&s](const Context& c, const std::string& id, const UnitInput& in, std::int64_t v) {
             return s.update_unit(c, id, in, v);
         },
         [&s](const Context& c, const std::string& id, std::int64_t v) {
             return s.archive_unit(c, id, v);
         }},
        clock);
    add_resource<PersonInput, VisiblePerson>(
        router,
        {"/api/v1/people",
         {"name", "kind"},
         k_person_kinds,
         person_input,
         [&s](const Context& c, const ListQuery& q) { return s.list_people(c, q); },
         [&s](const Context& c, const std::string& id) { return s.get_person(c, id); },
         [&s](const Context& c, const PersonInput& in) { return s.create_person(c, in); },
         [&s](const Context& c, const std::string& id, const PersonInput& in, std::int64_t v) {
             return s.update_person(c, id, in, v);
         },
         [&s](const Context& c, const std::string& id, std::int64_t v) {
             return s.archive_person(c, id, v);
         }},
        clock);
    add_resource<PostInput, Post>(
        router,
        {"/api/v1/posts",
         {"name", "unit_id"},
         {},
         post_input,
         [&s](const Context& c, const ListQuery& q) { return s.list_posts(c, q); },
         [&s](const Context& c, const std::string& id) { return s.get_post(c, id); },
         [&s](const Context& c, const PostInput& in) { return s.create_post(c, in); },
         [&s](const Context& c, const std::string& id, const PostInput& in, std::int64_t v) {
             return s.update_post(c, id, in, v);
         },
         [&s](const Context& c, const std::string& id, std::int64_t v) {
             return s.archive_post(c, id, v);
         }},
        clock);
    add_resource<MembershipInput, Membership>(
        router,
        {"/api/v1/memberships",
         {"person_id", "unit_id", "post_id"},
         {},
         membership_input,
         [&s](const Context& c, const ListQuery& q) { return s.list_memberships(c, q); },
         [&s](const Context& c, const std::string& id) { return s.get_membership(c, id); },
         [&s](const Context& c, const MembershipInput& in) { return s.create_membership(c, in); },
         [&s](const Context& c, const std::string& id, const MembershipInput& in, std::int64_t v) {
             return s.update_membership(c, id, in, v);
         },
         [&s](const Context& c, const std::string& id, std::int64_t v) {
             return s.archive_membership(c, id, v);
         }},
        clock);
    router.add(Method::Get, "/api/v1/export/popolo", [&s, &clock](Request& r) {
        return http::json_response(200, s.export_popolo(http::context_for(r, clock)));
    });
}

}  // namespace civic::org
