// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of the council's governance settings, bodies, their schedules and meetings.
#include <boost/json.hpp>

#include "civic/core/text.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/governance/api.hpp"
#include "civic/modules/governance/views.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::governance {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t k_text = 100000;

BodyInput body_input(JsonFields& f) {
    BodyInput in;
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.parent_id = f.optional_text("parent_id", "Parent");
    in.name = f.optional_text("name", "Name", 300);
    in.description = f.optional_text("description", "Description", k_text);
    in.kind = f.optional_text("kind", "Kind");
    in.access = f.optional_text("access", "Access");
    in.executive = f.optional_boolean("executive", "Executive");
    in.terms_of_reference = f.optional_text("terms_of_reference", "Terms of reference", k_text);
    in.quorum = f.optional_nullable_integer("quorum", "Quorum");
    in.schedule_rrule = f.optional_text("schedule_rrule", "Schedule (RRULE)", 500);
    in.schedule_phrase = f.optional_text("schedule_phrase", "Schedule", 200);
    in.schedule_first_date = f.optional_text("schedule_first_date", "Schedule's first date");
    in.schedule_time = f.optional_text("schedule_time", "Schedule's time");
    in.duration_minutes = f.optional_integer("duration_minutes", "Duration in minutes");
    in.venue = f.optional_text("venue", "Venue", 500);
    in.online_url = f.optional_text("online_url", "Online meeting link");
    return in;
}

MeetingInput meeting_input(JsonFields& f) {
    MeetingInput in;
    in.body_id = f.optional_text("body_id", "Body");
    in.title = f.optional_text("title", "Title", 300);
    in.date = f.optional_text("date", "Date");
    in.start_time = f.optional_text("start_time", "Start time");
    in.duration_minutes = f.optional_integer("duration_minutes", "Duration in minutes");
    in.venue = f.optional_text("venue", "Venue", 500);
    in.online_url = f.optional_text("online_url", "Online meeting link");
    in.status = f.optional_text("status", "Status");
    in.status_reason = f.optional_text("status_reason", "Reason", k_text);
    in.private_notice_on = f.optional_text("private_notice_on", "Notice of a private meeting");
    return in;
}

Result<BodyQuery> body_query(const Request& r) {
    BodyQuery q;
    CIVIC_TRY(q.kind, http::choice_query_param(r, "kind", k_body_kinds));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

Result<MeetingQuery> meeting_query(const Request& r) {
    MeetingQuery q;
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    CIVIC_TRY(q.body_id, http::id_query_param(r, "body_id"));
    CIVIC_TRY(q.person_id, http::id_query_param(r, "person_id"));
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_meeting_statuses));
    q.from = http::text_query_param(r, "from");
    q.to = http::text_query_param(r, "to");
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

}  // namespace

void add_meeting_routes(http::Router& router, GovernanceService& s, const Clock& clock) {
    router.add(Method::Get, "/api/v1/governance-settings", [&s, &clock](Request& r) -> Response {
        auto found = s.get_settings(http::context_for(r, clock));
        if (!found) return http::problem_response(r, found.error());
        return kit::record_response(200, to_json(*found), found->version);
    });
    router.add(Method::Patch, "/api/v1/governance-settings", [&s, &clock](Request& r) -> Response {
        auto body = http::json_body(r);
        if (!body) return http::problem_response(r, body.error());
        JsonFields f(*body);
        SettingsInput in;
        in.publication_clear_days = f.optional_integer("publication_clear_days", "Clear days");
        in.forward_plan_clear_days =
            f.optional_integer("forward_plan_clear_days", "Forward plan clear days");
        in.private_notice_clear_days =
            f.optional_integer("private_notice_clear_days", "Private meeting notice clear days");
        in.call_in_working_days = f.optional_integer("call_in_working_days", "Call-in days");
        in.clear_days = f.optional_text("clear_days", "Clear days");
        auto version = http::change_version(r, f);
        if (auto done = f.finish(); !done) return http::problem_response(r, done.error());
        if (auto some = http::require_some_change(*body); !some)
            return http::problem_response(r, some.error());
        if (!version) return http::problem_response(r, version.error());
        auto changed = s.update_settings(http::context_for(r, clock), in, *version);
        if (!changed) return http::problem_response(r, changed.error());
        return kit::record_response(200, to_json(*changed), changed->version);
    });

    kit::add_resource<BodyInput, Body, BodyQuery, BodyView>(
        router,
        {.base = "/api/v1/bodies",
         .params = {"kind", "include_archived"},
         .query = body_query,
         .parse = body_input,
         .view = [](const Body& b) { return to_json(b); },
         .show = [](const BodyView& b) { return to_json(b); },
         .shown_version_of = [](const BodyView& b) { return b.body.version; },
         .list_all = [&s](const Context& c, const BodyQuery& q) { return s.list_bodies(c, q); },
         .create = [&s](const Context& c, const BodyInput& in) { return s.create_body(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_body(c, id); },
         .update = [&s](const Context& c, const std::string& id, const BodyInput& in,
                        std::int64_t v) { return s.update_body(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_body(c, id, v); }},
        clock);
    // The meetings a body's schedule gives, made in one go; run again, it adds only new dates.
    router.add(Method::Post, "/api/v1/bodies/{id}/meetings/generation",
               [&s, &clock](Request& r) -> Response {
                   if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
                   auto body = http::json_body(r);
                   if (!body) return http::problem_response(r, body.error());
                   JsonFields f(*body);
                   GenerationInput in;
                   in.from = f.optional_text("from", "From");
                   in.to = f.optional_text("to", "To");
                   if (auto done = f.finish(); !done)
                       return http::problem_response(r, done.error());
                   auto made = s.generate_meetings(http::context_for(r, clock),
                                                   std::string(r.param("id")), in);
                   if (!made) return http::problem_response(r, made.error());
                   return http::json_response(200, to_json(*made));
               });

    kit::add_resource<MeetingInput, Meeting, MeetingQuery, MeetingView>(
        router,
        {.base = "/api/v1/meetings",
         .params = {"limit", "cursor", "body_id", "person_id", "status", "from", "to",
                    "include_archived"},
         .query = meeting_query,
         .parse = meeting_input,
         .view = [](const Meeting& m) { return to_json(m); },
         .show = [](const MeetingView& m) { return to_json(m); },
         .shown_version_of = [](const MeetingView& m) { return m.meeting.version; },
         .list = [&s](const Context& c, const MeetingQuery& q) { return s.list_meetings(c, q); },
         .create = [&s](const Context& c,
                        const MeetingInput& in) { return s.create_meeting(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_meeting(c, id); },
         .update = [&s](const Context& c, const std::string& id, const MeetingInput& in,
                        std::int64_t v) { return s.update_meeting(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_meeting(c, id, v); }},
        clock);
}

}  // namespace civic::governance
