// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/audit/api.hpp"

#include <boost/json.hpp>

#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/problem.hpp"
#include "civic/store/audit.hpp"

namespace civic::audit {

namespace {

// The kinds of record the audit trail holds.
constexpr std::string_view k_entities[] = {"unit",         "person", "post",     "membership",
                                           "calendar_day", "user",   "api_token"};

boost::json::value parse_or_null(const std::optional<std::string>& text) {
    if (!text) return nullptr;
    boost::system::error_code ec;
    auto v = boost::json::parse(*text, ec);
    return ec ? boost::json::value(*text) : v;
}

}  // namespace

void register_api(http::Router& router, store::Database& db) {
    router.add(http::Method::Get, "/api/v1/audit", {"entity", "id", "limit", "cursor"},
               [&db](http::Request& r) {
                   // The trail holds before-and-after copies of records, including what is not
                   // published.
                   if (!r.principal.signed_in())
                       return http::problem_response(r, Error::unauthorized());
                   // Administrators only, for now: an editor's scope would have to be applied to
                   // every entry's before-and-after copies, which name records in other units.
                   if (!r.principal.is_administrator())
                       return http::problem_response(
                           r, Error::forbidden("Only an administrator can read the audit trail."));
                   auto page = http::page_request(r);
                   if (!page) return http::problem_response(r, page.error());
                   store::AuditQuery q;
                   auto entity = http::choice_query_param(r, "entity", k_entities);
                   if (!entity) return http::problem_response(r, entity.error());
                   q.entity = *entity;
                   auto id = http::id_query_param(r, "id");
                   if (!id) return http::problem_response(r, id.error());
                   q.entity_id = *id;
                   q.after = page->cursor;
                   q.limit = page->limit + 1;
                   auto entries =
                       db.read([&](store::Connection& c) { return store::read_audit(c, q); });
                   std::optional<std::string> next;
                   if (static_cast<int>(entries.size()) > page->limit) {
                       entries.pop_back();
                       next = entries.back().id;
                   }
                   boost::json::array items;
                   for (const auto& e : entries) {
                       items.push_back(boost::json::object{
                           {"id", e.id},
                           {"at", e.at},
                           {"actor", e.actor},
                           {"entity", e.entity},
                           {"entity_id", e.entity_id},
                           {"action", e.action},
                           {"before", parse_or_null(e.before_json)},
                           {"after", parse_or_null(e.after_json)},
                           {"request_id", e.request_id},
                       });
                   }
                   return http::json_response(200, http::page_body(std::move(items), next));
               });
}

}  // namespace civic::audit
