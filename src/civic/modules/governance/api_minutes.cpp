// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of minutes and the decisions register: a meeting's minutes as one document,
// their approval and corrections, decisions (list, create, read, change, archive), call-in,
// and the register as CSV (GET /api/v1/decisions.csv, with the list's filters).
#include <boost/json.hpp>

#include "civic/core/text.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/governance/api.hpp"
#include "civic/modules/governance/views.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::governance {
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t k_text = 100000;

// The register's filters, which the list and the CSV share.
const std::vector<std::string> k_filters = {"body_id", "meeting_id",   "from",
                                            "to",      "key_decision", "call_in_status"};

DecisionInput decision_input(JsonFields& f) {
    DecisionInput in;
    in.item_id = f.optional_text("item_id", "Agenda item");
    in.body_id = f.optional_text("body_id", "Body");
    in.decision_maker = f.optional_text("decision_maker", "Decision maker", 300);
    in.decided_on = f.optional_text("decided_on", "Date of the decision");
    in.published_on = f.optional_text("published_on", "Date published");
    in.title = f.optional_text("title", "Title", 300);
    in.text = f.optional_text("text", "Resolution", k_text);
    in.reasons = f.optional_text("reasons", "Reasons", k_text);
    in.options_considered = f.optional_text("options_considered", "Options considered", k_text);
    in.forward_plan_id = f.optional_text("forward_plan_id", "Forward plan entry");
    in.key_decision = f.optional_boolean("key_decision", "Key decision");
    in.executive = f.optional_boolean("executive", "Executive decision");
    in.exempt_paragraph = f.optional_nullable_integer("exempt_paragraph", "Exempt paragraph");
    return in;
}

// The filters without the page (the CSV is the whole register as filtered).
Result<DecisionQuery> decision_filters(const Request& r) {
    DecisionQuery q;
    CIVIC_TRY(q.body_id, http::id_query_param(r, "body_id"));
    CIVIC_TRY(q.meeting_id, http::id_query_param(r, "meeting_id"));
    q.from = http::text_query_param(r, "from");
    q.to = http::text_query_param(r, "to");
    if (r.query_param("key_decision")) {
        CIVIC_TRY(const bool key, http::bool_query_param(r, "key_decision", false));
        q.key_decision = key;
    }
    CIVIC_TRY(q.call_in_status, http::choice_query_param(r, "call_in_status", k_call_in_statuses));
    return q;
}

Result<DecisionQuery> decision_query(const Request& r) {
    CIVIC_TRY(auto q, decision_filters(r));
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    return q;
}

}  // namespace

void add_minutes_routes(http::Router& router, GovernanceService& s, const Clock& clock) {
    // The minutes as one document, with the meeting's version as its ETag (the version the
    // approval names).
    router.add(Method::Get, "/api/v1/meetings/{id}/minutes", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto found = s.minutes(http::context_for(r, clock), std::string(r.param("id")));
        if (!found) return http::problem_response(r, found.error());
        return kit::record_response(200, to_json(*found), found->meeting.meeting.version);
    });
    router.add(Method::Post, "/api/v1/meetings/{id}/minutes/approval",
               [&s, &clock](Request& r) -> Response {
                   if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
                   auto body = http::json_body(r);
                   if (!body) return http::problem_response(r, body.error());
                   JsonFields f(*body);
                   MinutesApprovalInput in;
                   in.at_meeting_id = f.optional_text("at_meeting_id", "Approved at");
                   auto version = http::change_version(r, f);
                   if (auto done = f.finish(); !done)
                       return http::problem_response(r, done.error());
                   if (!version) return http::problem_response(r, version.error());
                   auto approved = s.approve_minutes(http::context_for(r, clock),
                                                     std::string(r.param("id")), in, *version);
                   if (!approved) return http::problem_response(r, approved.error());
                   return kit::record_response(200, to_json(*approved), approved->version);
               });
    router.add(Method::Post, "/api/v1/meetings/{id}/minutes/corrections",
               [&s, &clock](Request& r) -> Response {
                   if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
                   auto body = http::json_body(r);
                   if (!body) return http::problem_response(r, body.error());
                   JsonFields f(*body);
                   CorrectionInput in;
                   in.meeting_id = std::string(r.param("id"));
                   in.item_id = f.optional_text("item_id", "Item");
                   in.text = f.optional_text("text", "Correction", k_text);
                   in.reason = f.optional_text("reason", "Reason", k_text);
                   in.agreed_at_meeting_id =
                       f.optional_text("agreed_at_meeting_id", "Agreed at meeting");
                   http::refuse_version_on_create(f);
                   if (auto done = f.finish(); !done)
                       return http::problem_response(r, done.error());
                   auto made = s.add_correction(http::context_for(r, clock), in);
                   if (!made) return http::problem_response(r, made.error());
                   return kit::record_response(201, to_json(*made), made->version);
               });

    // The register as CSV: a fixed path before /decisions/{id}, with the list's filters.
    router.add(Method::Get, "/api/v1/decisions.csv", k_filters,
               [&s, &clock](Request& r) -> Response {
                   auto q = decision_filters(r);
                   if (!q) return http::problem_response(r, q.error());
                   auto csv = s.decisions_csv(http::context_for(r, clock), *q);
                   if (!csv) return http::problem_response(r, csv.error());
                   auto out = Response::text(200, std::move(*csv));
                   out.set_header("content-type", "text/csv; charset=utf-8");
                   out.set_header("content-disposition", "attachment; filename=\"decisions.csv\"");
                   return out;
               });

    std::vector<std::string> list_params = k_filters;
    list_params.insert(list_params.end(), {"cursor", "limit"});
    kit::add_resource<DecisionInput, Decision, DecisionQuery, DecisionView>(
        router,
        {.base = "/api/v1/decisions",
         .params = list_params,
         .query = decision_query,
         .parse = decision_input,
         .view = [](const Decision& d) { return to_json(d); },
         .show = [](const DecisionView& d) { return to_json(d); },
         .shown_version_of = [](const DecisionView& d) { return d.decision.version; },
         .list = [&s](const Context& c, const DecisionQuery& q) { return s.list_decisions(c, q); },
         .create = [&s](const Context& c,
                        const DecisionInput& in) { return s.create_decision(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_decision(c, id); },
         .update = [&s](const Context& c, const std::string& id, const DecisionInput& in,
                        std::int64_t v) { return s.update_decision(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_decision(c, id, v); }},
        clock);
    // Called in within the window, then upheld or referred back.
    router.add(
        Method::Post, "/api/v1/decisions/{id}/call-in", [&s, &clock](Request& r) -> Response {
            if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
            auto body = http::json_body(r);
            if (!body) return http::problem_response(r, body.error());
            JsonFields f(*body);
            CallInInput in;
            in.status = f.optional_text("status", "Status");
            in.by = f.optional_text("by", "Called in by", 300);
            in.reason = f.optional_text("reason", "Reason", k_text);
            in.on = f.optional_text("on", "Date");
            auto version = http::change_version(r, f);
            if (auto done = f.finish(); !done) return http::problem_response(r, done.error());
            if (!version) return http::problem_response(r, version.error());
            auto changed =
                s.call_in(http::context_for(r, clock), std::string(r.param("id")), in, *version);
            if (!changed) return http::problem_response(r, changed.error());
            return kit::record_response(200, to_json(*changed), changed->version);
        });
}

}  // namespace civic::governance
