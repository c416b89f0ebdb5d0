// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The five routes of one resource, registered from its service's functions: list, create,
// read, change and archive, with the conventions every module's API keeps (problem JSON,
// versions and ETags, cursors, ids Civic could not have issued answered 404). A module
// describes each resource once, in a Resource, and add_resource() does the HTTP.
//
//   GET    collection         a page: {"items": […], "next_cursor": …}, or with list_all
//                             every record at once: {"items": […]}
//   POST   collection         201, Location (base/{id}) and ETag; a create may not name a
//                             version
//   GET    base/{id}          the record, with its ETag
//   PATCH  base/{id}          If-Match or a body version (428 without, 409 when stale)
//   POST   base/{id}/archive  the archived record
//
// The collection is base unless it is set: a collection inside a parent record, such as
// /api/v1/plans/{id}/items for the records at /api/v1/plan-items/{id}. Its {id} is checked as
// a record's id is (404 for one Civic could not have issued); `parent` puts it into a create's
// input, and the list's `query` reads it from the request (parent_of() when that is all).
//
// A route whose function is left empty is not registered (a resource that cannot be
// changed, or archived).

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
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

// Record: what the writes answer with. Shown: what the reads (the list and GET base/{id})
// answer with, when they give more than the record (an item with its measures and
// progress); by default the record itself.
template <typename Input, typename Record, typename Query, typename Shown = Record>
struct Resource {
    std::string base;                 // "/api/v1/units"
    std::string collection;           // the list's and the create's path; "" for base
    std::vector<std::string> params;  // the list's query parameters, paging included
    // Reads the list's query from the request (the router has refused unknown parameters).
    std::function<Result<Query>(const http::Request&)> query;
    // Reads a create's or a change's fields from the body; JsonFields refuses the rest.
    std::function<Input(JsonFields&)> parse;
    // Puts the collection's {id} into a create's input (the parent the path names).
    std::function<void(Input&, const std::string&)> parent;
    // The record as the API shows it, and its id and version.
    std::function<boost::json::object(const Record&)> view;
    std::function<std::string(const Record&)> id_of = [](const Record& r) { return r.id; };
    std::function<std::int64_t(const Record&)> version_of = [](const Record& r) {
        return r.version;
    };
    // The reads' answer and its version, when Shown is not Record (otherwise view and
    // version_of).
    std::function<boost::json::object(const Shown&)> show;
    std::function<std::int64_t(const Shown&)> shown_version_of;
    // How GET base/{id} shows the record when it shows more than a row of the list does (an
    // item with its links); by default as the list does.
    std::function<boost::json::object(const Shown&)> show_one;
    std::function<Result<Page<Shown>>(const Context&, const Query&)> list;
    // A list that is not paged, for a collection that holds a few hundred records at most.
    std::function<Result<std::vector<Shown>>(const Context&, const Query&)> list_all;
    std::function<Result<Record>(const Context&, const Input&)> create;
    std::function<Result<Shown>(const Context&, const std::string&)> get;
    std::function<Result<Record>(const Context&, const std::string&, const Input&, std::int64_t)>
        update;
    std::function<Result<Record>(const Context&, const std::string&, std::int64_t)> archive;
};

// The answer with one record: its JSON and its ETag.
http::Response record_response(int status, boost::json::object body, std::int64_t version);
// An {id} in the path that is not one Civic could have issued names no record: 404.
std::optional<http::Response> reject_bad_id(const http::Request& r);
// The query of a collection inside a parent record that takes no other: the parent's id.
inline Result<std::string> parent_of(const http::Request& r) { return std::string(r.param("id")); }

// A POST to a record's action ("…/{id}/escalation") that names the record's version (If-Match
// or a body "version") and reads fields of its own: `read` takes them from the body, `act`
// does the action with the caller's context, the {id} and the version, and answers.
template <typename Input, typename Read, typename Act>
http::Response versioned_post(http::Request& r, const Clock& clock, Read&& read, Act&& act) {
    if (auto bad = reject_bad_id(r)) return std::move(*bad);
    auto body = http::json_body(r);
    if (!body) return http::problem_response(r, body.error());
    JsonFields f(*body);
    Input in = read(f);
    auto version = http::change_version(r, f);
    if (auto done = f.finish(); !done) return http::problem_response(r, done.error());
    if (!version) return http::problem_response(r, version.error());
    return act(http::context_for(r, clock), std::string(r.param("id")), in, *version);
}

template <typename Input, typename Record, typename Query, typename Shown = Record>
void add_resource(http::Router& router, const Resource<Input, Record, Query, Shown>& res,
                  const Clock& clock) {
    using http::Method;
    using http::Request;
    const auto shown = [res](int status, const Record& r) {
        return record_response(status, res.view(r), res.version_of(r));
    };
    const auto show = [res](const Shown& s) {
        if constexpr (std::is_same_v<Shown, Record>)
            return res.show ? res.show(s) : res.view(s);
        else
            return res.show(s);
    };
    const auto shown_version = [res](const Shown& s) {
        if constexpr (std::is_same_v<Shown, Record>)
            return res.shown_version_of ? res.shown_version_of(s) : res.version_of(s);
        else
            return res.shown_version_of(s);
    };
    const auto id = [](const Request& r) { return std::string(r.param("id")); };
    const std::string collection = res.collection.empty() ? res.base : res.collection;
    // A collection inside a parent record checks the parent's id as a record's id.
    const bool nested = collection.find("{id}") != std::string::npos;
    const auto bad_parent = [nested](const Request& r) {
        return nested ? reject_bad_id(r) : std::nullopt;
    };
    if (res.list || res.list_all)
        router.add(Method::Get, collection, res.params,
                   [res, show, bad_parent, &clock](Request& r) {
                       if (auto bad = bad_parent(r)) return std::move(*bad);
                       auto q = res.query(r);
                       if (!q) return http::problem_response(r, q.error());
                       const auto ctx = http::context_for(r, clock);
                       boost::json::array items;
                       if (res.list_all) {
                           auto all = res.list_all(ctx, *q);
                           if (!all) return http::problem_response(r, all.error());
                           for (const auto& item : *all) items.push_back(show(item));
                           return http::json_response(
                               200, boost::json::object{{"items", std::move(items)}});
                       }
                       auto page = res.list(ctx, *q);
                       if (!page) return http::problem_response(r, page.error());
                       for (const auto& item : page->items) items.push_back(show(item));
                       return http::json_response(
                           200, http::page_body(std::move(items), page->next_cursor));
                   });
    if (res.create)
        router.add(Method::Post, collection, [res, shown, id, bad_parent, &clock](Request& r) {
            if (auto bad = bad_parent(r)) return std::move(*bad);
            auto body = http::json_body(r);
            if (!body) return http::problem_response(r, body.error());
            JsonFields fields(*body);
            Input in = res.parse(fields);
            if (res.parent) res.parent(in, id(r));
            http::refuse_version_on_create(fields);
            if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
            auto created = res.create(http::context_for(r, clock), in);
            if (!created) return http::problem_response(r, created.error());
            auto out = shown(201, *created);
            out.set_header("location", res.base + "/" + res.id_of(*created));
            return out;
        });
    if (res.get)
        router.add(
            Method::Get, res.base + "/{id}", [res, show, shown_version, id, &clock](Request& r) {
                if (auto bad = reject_bad_id(r)) return std::move(*bad);
                auto found = res.get(http::context_for(r, clock), id(r));
                if (!found) return http::problem_response(r, found.error());
                return record_response(200, res.show_one ? res.show_one(*found) : show(*found),
                                       shown_version(*found));
            });
    if (res.update)
        router.add(Method::Patch, res.base + "/{id}", [res, shown, id, &clock](Request& r) {
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
            auto updated = res.update(http::context_for(r, clock), id(r), in, *version);
            if (!updated) return http::problem_response(r, updated.error());
            return shown(200, *updated);
        });
    if (res.archive)
        router.add(Method::Post, res.base + "/{id}/archive", [res, shown, id, &clock](Request& r) {
            if (auto bad = reject_bad_id(r)) return std::move(*bad);
            auto version = http::state_change_version(r);
            if (!version) return http::problem_response(r, version.error());
            auto archived = res.archive(http::context_for(r, clock), id(r), *version);
            if (!archived) return http::problem_response(r, archived.error());
            return shown(200, *archived);
        });
}

}  // namespace civic::kit
