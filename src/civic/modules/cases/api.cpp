// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/api.hpp"

#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::cases {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

struct CaseTypeQuery {
    bool include_archived = false;
};

CaseTypeInput case_type_input(JsonFields& f) {
    CaseTypeInput in;
    in.code = f.optional_text("code", "Code");
    in.name = f.optional_text("name", "Name");
    in.kind = f.optional_text("kind", "Kind");
    in.calendar = f.optional_text("calendar", "Calendar");
    in.description = f.optional_text("description", "Description", 100000);
    if (const auto* stages = f.raw("stages")) in.stages = *stages;
    if (const auto* priorities = f.raw("priorities")) in.priorities = *priorities;
    if (const auto* hours = f.raw("office_hours")) in.office_hours = *hours;
    in.later_stage_by_another_officer =
        f.optional_boolean("later_stage_by_another_officer", "A later stage by another officer");
    in.retention_years = f.optional_integer("retention_years", "Years personal data is kept");
    return in;
}

constexpr std::size_t k_long_text = 100000;

CaseInput case_input(JsonFields& f) {
    CaseInput in;
    in.case_type_id = f.optional_text("case_type_id", "Case type");
    in.received_on = f.optional_text("received_on", "Received on");
    in.received_at = f.optional_text("received_at", "Received at");
    in.priority = f.optional_text("priority", "Priority");
    in.channel = f.optional_text("channel", "Channel");
    in.requester_kind = f.optional_text("requester_kind", "Requester");
    in.requester_person_id = f.optional_text("requester_person_id", "The councillor asking");
    in.requester_name = f.optional_text("requester_name", "The requester's name");
    in.requester_contact = f.optional_text("requester_contact", "How to reach the requester");
    in.on_behalf_of = f.optional_text("on_behalf_of", "The resident the councillor asks for");
    in.subject = f.optional_text("subject", "Subject");
    in.description = f.optional_text("description", "The request", k_long_text);
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.officer_person_id = f.optional_text("officer_person_id", "Officer");
    in.resolved_on = f.optional_text("resolved_on", "Resolved on");
    in.remedy = f.optional_text("remedy", "Remedy", k_long_text);
    in.remedy_due_on = f.optional_text("remedy_due_on", "Remedy due on");
    in.lessons = f.optional_text("lessons", "Lessons learned", k_long_text);
    return in;
}

Result<CaseQuery> case_query(const Request& r) {
    CaseQuery q;
    CIVIC_TRY(q.unit_id, http::id_query_param(r, "unit_id"));
    CIVIC_TRY(q.officer_person_id, http::id_query_param(r, "officer_person_id"));
    CIVIC_TRY(q.case_type_id, http::id_query_param(r, "case_type_id"));
    CIVIC_TRY(q.mine, http::bool_query_param(r, "mine", false));
    static constexpr std::string_view k_statuses[] = {"open", "closed"};
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_statuses));
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    return q;
}

}  // namespace

void register_api(http::Router& router, CasesService& s, const Clock& clock) {
    add_import_route(router, s, clock);
    kit::add_resource<CaseTypeInput, CaseType, CaseTypeQuery>(
        router,
        {.base = "/api/v1/case-types",
         .params = {"include_archived"},
         .query = [](const Request& r) -> Result<CaseTypeQuery> {
             CaseTypeQuery q;
             CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
             return q;
         },
         .parse = case_type_input,
         .view = [](const CaseType& t) { return to_json(t); },
         .list_all =
             [&s](const Context& c, const CaseTypeQuery& q) {
                 return s.list_case_types(c, q.include_archived);
             },
         .create = [&s](const Context& c,
                        const CaseTypeInput& in) { return s.create_case_type(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_case_type(c, id); },
         .update = [&s](const Context& c, const std::string& id, const CaseTypeInput& in,
                        std::int64_t v) { return s.update_case_type(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_case_type(c, id, v); }},
        clock);

    kit::add_resource<CaseInput, Case, CaseQuery, CaseView>(
        router,
        {.base = "/api/v1/cases",
         .params = {"unit_id", "officer_person_id", "mine", "case_type_id", "status", "cursor",
                    "limit"},
         .query = case_query,
         .parse = case_input,
         .view = [](const Case& k) { return to_json(k); },
         .show = [](const CaseView& v) { return to_json(v, false); },
         .shown_version_of = [](const CaseView& v) { return v.record.version; },
         .show_one = [](const CaseView& v) { return to_json(v, true); },
         .list = [&s](const Context& c, const CaseQuery& q) { return s.list_cases(c, q); },
         .create = [&s](const Context& c, const CaseInput& in) { return s.create_case(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_case(c, id); },
         .update = [&s](const Context& c, const std::string& id, const CaseInput& in,
                        std::int64_t v) { return s.update_case(c, id, in, v); }},
        clock);

    router.add(Method::Get, "/api/v1/cases/{id}/requester", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto found = s.requester(http::context_for(r, clock), std::string(r.param("id")));
        if (!found) return http::problem_response(r, found.error());
        return http::json_response(200, to_json(*found));
    });
    router.add(Method::Get, "/api/v1/cases/{id}/responses", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto found = s.responses(http::context_for(r, clock), std::string(r.param("id")));
        if (!found) return http::problem_response(r, found.error());
        json::array items;
        for (const auto& x : *found) items.push_back(to_json(x));
        return http::json_response(200, json::object{{"items", std::move(items)}});
    });
    router.add(Method::Post, "/api/v1/cases/{id}/responses", [&s, &clock](Request& r) {
        return kit::versioned_post<ResponseInput>(
            r, clock,
            [](JsonFields& f) {
                ResponseInput in;
                in.target = f.optional_text("target", "Target");
                in.sent_on = f.optional_text("sent_on", "Sent on");
                in.sent_at = f.optional_text("sent_at", "Sent at");
                in.body = f.optional_text("body", "The response", k_long_text);
                in.officer_person_id = f.optional_text("officer_person_id", "Officer");
                in.attachments = attachment_inputs(f);
                return in;
            },
            [&](const Context& c, const std::string& id, const ResponseInput& in,
                std::int64_t v) -> Response {
                auto done = s.add_response(c, id, in, v);
                if (!done) return http::problem_response(r, done.error());
                return http::json_response(201, to_json(*done));
            });
    });
    add_attachment_route(router, s, clock);
    router.add(Method::Post, "/api/v1/cases/{id}/clock", [&s, &clock](Request& r) {
        return kit::versioned_post<ClockInput>(
            r, clock,
            [](JsonFields& f) {
                ClockInput in;
                in.action = f.optional_text("action", "Action");
                in.on = f.optional_text("on", "On");
                in.at = f.optional_text("at", "At");
                in.reason = f.optional_text("reason", "Reason");
                in.target = f.optional_text("target", "Target");
                in.told_on = f.optional_text("told_on", "Told on");
                in.due_on = f.optional_text("due_on", "Due on");
                in.days = f.optional_integer("days", "Working days");
                in.hours = f.optional_integer("hours", "Working hours");
                in.fee_notice = f.optional_boolean("fee_notice", "Fee notice");
                return in;
            },
            [&](const Context& c, const std::string& id, const ClockInput& in,
                std::int64_t v) -> Response {
                auto done = s.change_clock(c, id, in, v);
                if (!done) return http::problem_response(r, done.error());
                return http::json_response(201, to_json(*done));
            });
    });
    router.add(Method::Post, "/api/v1/cases/{id}/escalation", [&s, &clock](Request& r) {
        return kit::versioned_post<EscalationInput>(
            r, clock,
            [](JsonFields& f) {
                EscalationInput in;
                in.stage = f.optional_text("stage", "Stage");
                in.on = f.optional_text("on", "On");
                in.reason = f.optional_text("reason", "Reason");
                in.officer_person_id = f.optional_text("officer_person_id", "Officer");
                return in;
            },
            [&](const Context& c, const std::string& id, const EscalationInput& in,
                std::int64_t v) -> Response {
                auto done = s.escalate(c, id, in, v);
                if (!done) return http::problem_response(r, done.error());
                return http::json_response(201, to_json(*done));
            });
    });
    router.add(Method::Post, "/api/v1/cases/{id}/closure", [&s, &clock](Request& r) {
        return kit::versioned_post<ClosureInput>(
            r, clock,
            [](JsonFields& f) {
                ClosureInput in;
                in.closed_on = f.optional_text("closed_on", "Closed on");
                in.outcome = f.optional_text("outcome", "Outcome");
                in.resolved_on = f.optional_text("resolved_on", "Resolved on");
                in.remedy = f.optional_text("remedy", "Remedy", k_long_text);
                in.remedy_due_on = f.optional_text("remedy_due_on", "Remedy due on");
                in.lessons = f.optional_text("lessons", "Lessons learned", k_long_text);
                return in;
            },
            [&](const Context& c, const std::string& id, const ClosureInput& in,
                std::int64_t v) -> Response {
                auto done = s.close(c, id, in, v);
                if (!done) return http::problem_response(r, done.error());
                return kit::record_response(200, to_json(*done), done->version);
            });
    });
    router.add(Method::Post, "/api/v1/cases/{id}/reopening", [&s, &clock](Request& r) {
        return kit::versioned_post<ReopeningInput>(
            r, clock,
            [](JsonFields& f) {
                ReopeningInput in;
                in.on = f.optional_text("on", "On");
                in.reason = f.optional_text("reason", "Reason");
                return in;
            },
            [&](const Context& c, const std::string& id, const ReopeningInput& in,
                std::int64_t v) -> Response {
                auto done = s.reopen(c, id, in, v);
                if (!done) return http::problem_response(r, done.error());
                return kit::record_response(200, to_json(*done), done->version);
            });
    });
    router.add(Method::Get, "/api/v1/subject-access", {"name", "contact", "person_id"},
               [&s, &clock](Request& r) -> Response {
                   SubjectQuery q;
                   q.name = http::text_query_param(r, "name");
                   q.contact = http::text_query_param(r, "contact");
                   q.person_id = http::text_query_param(r, "person_id");
                   auto found = s.subject_access(http::context_for(r, clock), q);
                   if (!found) return http::problem_response(r, found.error());
                   return http::json_response(200, std::move(*found));
               });
    register_stats_api(router, s, clock);
    add_lessons_route(router, s, clock);
}

}  // namespace civic::cases
