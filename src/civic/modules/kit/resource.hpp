// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The five routes of one resource, registered from its service's functions: list, create,
// read, change and archive, with the conventions every module's API keeps (problem JSON,
// versions and ETags, cursors, ids Civic could not have issued answered 404). A module
// describes each resource once, in a Resource, and add_resource() does the HTTP.
//
//   GET    base               a page: {"items": […], "next_cursor": …}
//   POST   base               201, Location and ETag; a create may not name a version
//   GET    base/{id}          the record, with its ETag
//   PATCH  base/{id}          If-Match or a body version (428 without, 409 when stale)
//   POST   base/{id}/archive  the archived record
//
// A route whose function is left empty is not registered (a resource that cannot be
// changed, or archived).

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/clock.hpp"
#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/kit/page.hpp"

namespace civic::kit {

// The query of a resource without a list.
struct NoQuery {};

template <typename Input, typename Record, typename Query>
struct Resource {
    std::string base;                 // "/api/v1/units"
    std::vector<std::string> params;  // the list's query parameters, paging included
    // Reads the list's query from the request (the router has refused unknown parameters).
    std::function<Result<Query>(const http::Request&)> query;
    // Reads a create's or a change's fields from the body; JsonFields refuses the rest.
    std::function<Input(JsonFields&)> parse;
    // The record as the API shows it, and its id and version.
    std::function<boost::json::object(const Record&)> view;
    std::function<std::string(const Record&)> id_of = [](const Record& r) { return r.id; };
    std::function<std::int64_t(const Record&)> version_of = [](const Record& r) {
        return r.version;
    };
    std::function<Result<Page<Record>>(const Context&, const Query&)> list;
    std::function<Result<Record>(const Context&, const Input&)> create;
    std::function<Result<Record>(const Context&, const std::string&)> get;
    std::function<Result<Record>(const Context&, const std::string&, const Input&, std::int64_t)>
        update;
    std::function<Result<Record>(const Context&, const std::string&, std::int64_t)> archive;
};

namespace detail {

// The answer with one record: its JSON and its ETag.
http::Response record_response(int status, boost::json::object body, std::int64_t version);
// An id in a path that is not one Civic could have issued names no record: 404.
std::optional<http::Response> reject_bad_id(const http::Request& r);

}  // namespace detail

template <typename Input, typename Record, typename Query>
void add_resource(http::Router& router, const Resource<Input, Record, Query>& res,
                  const Clock& clock) {
    using http::Method;
    using http::Request;
    const auto shown = [res](int status, const Record& r) {
        return detail::record_response(status, res.view(r), res.version_of(r));
    };
    const auto id = [](const Request& r) { return std::string(r.param("id")); };
    if (res.list)
        router.add(Method::Get, res.base, res.params, [res, &clock](Request& r) {
            auto q = res.query(r);
            if (!q) return http::problem_response(r, q.error());
            auto page = res.list(http::context_for(r, clock), *q);
            if (!page) return http::problem_response(r, page.error());
            boost::json::array items;
            for (const auto& item : page->items) items.push_back(res.view(item));
            return http::json_response(200, http::page_body(std::move(items), page->next_cursor));
        });
    if (res.create)
        router.add(Method::Post, res.base, [res, shown, &clock](Request& r) {
            auto body = http::json_body(r);
            if (!body) return http::problem_response(r, body.error());
            JsonFields fields(*body);
            const Input in = res.parse(fields);
            http::refuse_version_on_create(fields);
            if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
            auto created = res.create(http::context_for(r, clock), in);
            if (!created) return http::problem_response(r, created.error());
            auto out = shown(201, *created);
            out.set_header("location", res.base + "/" + res.id_of(*created));
            return out;
        });
    if (res.get)
        router.add(Method::Get, res.base + "/{id}", [res, shown, id, &clock](Request& r) {
            if (auto bad = detail::reject_bad_id(r)) return std::move(*bad);
            auto found = res.get(http::context_for(r, clock), id(r));
            if (!found) return http::problem_response(r, found.error());
            return shown(200, *found);
        });
    if (res.update)
        router.add(Method::Patch, res.base + "/{id}", [res, shown, id, &clock](Request& r) {
            if (auto bad = detail::reject_bad_id(r)) return std::move(*bad);
            auto body = http::json_body(r);
            if (!body) return http::problem_response(r, body.error());
            JsonFields fields(*body);
            const Input in = res.parse(fields);
            auto version = http::change_version(r, fields);
            if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
            if (auto some = http::require_some_change(*body); !some)
                return http::problem_response(r, some.error());
            if (!version) return http::problem_response(r, version.error());
            auto updated = res.update(http::context_for(r, clock), id(r), in, *version);
            if (!updated) return http::problem_response(r, updated.error());
            return shown(200, *updated);
        });
    if (res.archive)
        router.add(Method::Post, res.base + "/{id}/archive", [res, shown, id, &clock](Request& r) {
            if (auto bad = detail::reject_bad_id(r)) return std::move(*bad);
            auto version = http::state_change_version(r);
            if (!version) return http::problem_response(r, version.error());
            auto archived = res.archive(http::context_for(r, clock), id(r), *version);
            if (!archived) return http::problem_response(r, archived.error());
            return shown(200, *archived);
        });
}

}  // namespace civic::kit
