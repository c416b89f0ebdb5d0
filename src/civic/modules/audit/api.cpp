// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/audit/api.hpp"

#include <boost/json.hpp>

#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"

namespace civic::audit {

namespace {

// The kinds of record the audit trail holds.
constexpr std::string_view k_entities[] = {"unit",
                                           "person",
                                           "post",
                                           "membership",
                                           "calendar_day",
                                           "user",
                                           "api_token",
                                           "plan",
                                           "plan_item",
                                           "plan_measure",
                                           "plan_update",
                                           "review",
                                           "review_finding",
                                           "link",
                                           "indicator",
                                           "indicator_value",
                                           "indicator_target",
                                           "dataset",
                                           "body",
                                           "meeting",
                                           "attendee",
                                           "agenda_item",
                                           "agenda_document",
                                           "declaration",
                                           "minutes_correction",
                                           "decision",
                                           "action",
                                           "forward_plan_entry",
                                           "work_programme_topic",
                                           "governance_setting",
                                           "risk_matrix",
                                           "risk_appetite",
                                           "risk_register",
                                           "risk",
                                           "risk_review",
                                           "risk_escalation",
                                           "risk_acceptance",
                                           "risk_issue",
                                           "case_type",
                                           "case",
                                           "case_event",
                                           "case_response"};

boost::json::value parse_or_null(const std::optional<std::string>& text) {
    if (!text) return nullptr;
    boost::system::error_code ec;
    auto v = boost::json::parse(*text, ec);
    return ec ? boost::json::value(*text) : v;
}

}  // namespace

void register_api(http::Router& router, AuditService& service, const Clock& clock) {
    router.add(http::Method::Get, "/api/v1/audit", {"entity", "id", "limit", "cursor"},
               [&service, &clock](http::Request& r) {
                   const auto ctx = http::context_for(r, clock);
                   // Asked before the query is read: a caller who may not read the trail
                   // hears that, not what is wrong with the query.
                   if (auto allowed = AuditService::may_read(ctx); !allowed)
                       return http::problem_response(r, allowed.error());
                   auto page = http::page_request(r);
                   if (!page) return http::problem_response(r, page.error());
                   AuditListQuery q;
                   auto entity = http::choice_query_param(r, "entity", k_entities);
                   if (!entity) return http::problem_response(r, entity.error());
                   q.entity = *entity;
                   auto id = http::id_query_param(r, "id");
                   if (!id) return http::problem_response(r, id.error());
                   q.entity_id = *id;
                   q.cursor = page->cursor;
                   q.limit = page->limit;
                   auto entries = service.list(ctx, q);
                   if (!entries) return http::problem_response(r, entries.error());
                   boost::json::array items;
                   for (const auto& e : entries->items) {
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
                   return http::json_response(
                       200, http::page_body(std::move(items), entries->next_cursor));
               });
}

}  // namespace civic::audit
