// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of the action log, the forward plan and the scrutiny work programme:
//
//   /api/v1/actions                      list (body_id, meeting_id, owner_person_id, status,
//                                        overdue) and create (naming the item that agreed it)
//   /api/v1/actions/{id}                 read, change (close, reopen), archive
//   /api/v1/meetings/{id}/action-log     what the meeting's action-log item shows
//   /api/v1/my/actions                   the signed-in user's own actions
//   /api/v1/forward-plan                 list (body_id, status, include_archived) and create
//   /api/v1/forward-plan/{id}            read, change, archive
//   /api/v1/bodies/{id}/work-programme   a scrutiny panel's topics, and a new one
//   /api/v1/work-programme-topics/{id}   read, change, archive
#include <boost/json.hpp>

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

ActionInput action_input(JsonFields& f) {
    ActionInput in;
    in.item_id = f.optional_text("item_id", "Item");
    in.text = f.optional_text("text", "Action", k_text);
    in.owner_person_id = f.optional_text("owner_person_id", "Owner");
    in.owner_name = f.optional_text("owner_name", "Owner's name", k_text);
    in.due_date = f.optional_text("due_date", "Due date");
    in.status = f.optional_text("status", "Status");
    in.closed_on = f.optional_text("closed_on", "Closed on");
    in.closed_note = f.optional_text("closed_note", "Closing note", k_text);
    return in;
}

Result<ActionQuery> action_query(const Request& r) {
    ActionQuery q;
    CIVIC_TRY(q.body_id, http::id_query_param(r, "body_id"));
    CIVIC_TRY(q.meeting_id, http::id_query_param(r, "meeting_id"));
    CIVIC_TRY(q.owner_person_id, http::id_query_param(r, "owner_person_id"));
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_action_statuses));
    CIVIC_TRY(q.overdue, http::bool_query_param(r, "overdue", false));
    return q;
}

EntryInput entry_input(JsonFields& f) {
    EntryInput in;
    in.body_id = f.optional_text("body_id", "Body");
    in.reference = f.optional_text("reference", "Reference", k_text);
    in.title = f.optional_text("title", "Title", k_text);
    in.summary = f.optional_text("summary", "Summary", k_text);
    in.decision_maker = f.optional_text("decision_maker", "Decision maker", k_text);
    in.lead_member_id = f.optional_text("lead_member_id", "Lead member");
    in.lead_officer_id = f.optional_text("lead_officer_id", "Lead officer");
    in.planned_on = f.optional_text("planned_on", "Planned on");
    in.meeting_id = f.optional_text("meeting_id", "Meeting");
    in.first_published_on = f.optional_text("first_published_on", "First published on");
    in.key_decision = f.optional_boolean("key_decision", "Key decision");
    in.exempt_paragraph = f.optional_nullable_integer("exempt_paragraph", "Exempt paragraph");
    in.exempt_reason = f.optional_text("exempt_reason", "Public-interest reason", k_text);
    in.exception = f.optional_text("exception", "Exception");
    in.exception_reason = f.optional_text("exception_reason", "Reason for the exception", k_text);
    in.scrutiny_chair = f.optional_text("scrutiny_chair", "Scrutiny chair", k_text);
    in.scrutiny_chair_on = f.optional_text("scrutiny_chair_on", "Scrutiny chair's date");
    in.status = f.optional_text("status", "Status");
    in.decision_id = f.optional_text("decision_id", "Decision");
    return in;
}

Result<EntryQuery> entry_query(const Request& r) {
    EntryQuery q;
    CIVIC_TRY(q.body_id, http::id_query_param(r, "body_id"));
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_forward_plan_statuses));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

TopicInput topic_input(JsonFields& f) {
    TopicInput in;
    in.title = f.optional_text("title", "Title", k_text);
    in.description = f.optional_text("description", "Description", k_text);
    in.status = f.optional_text("status", "Status");
    in.lead_member_ids = f.optional_text_list("lead_member_ids", "Lead members");
    in.meeting_ids = f.optional_text_list("meeting_ids", "Meetings");
    return in;
}

json::object action_list(const std::vector<ActionView>& views) {
    json::array items;
    for (const auto& v : views) items.push_back(to_json(v));
    return {{"items", std::move(items)}};
}

}  // namespace

void add_action_routes(http::Router& router, GovernanceService& s, const Clock& clock) {
    // The signed-in user's own actions, through the person they are linked to.
    router.add(Method::Get, "/api/v1/my/actions", [&s, &clock](Request& r) -> Response {
        auto mine = s.my_actions(http::context_for(r, clock));
        if (!mine) return http::problem_response(r, mine.error());
        return http::json_response(200, action_list(*mine));
    });
    router.add(Method::Get, "/api/v1/meetings/{id}/action-log",
               [&s, &clock](Request& r) -> Response {
                   if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
                   auto log = s.action_log(http::context_for(r, clock), std::string(r.param("id")));
                   if (!log) return http::problem_response(r, log.error());
                   return http::json_response(200, action_list(*log));
               });

    kit::add_resource<ActionInput, Action, ActionQuery, ActionView>(
        router,
        {.base = "/api/v1/actions",
         .params = {"body_id", "meeting_id", "owner_person_id", "status", "overdue"},
         .query = action_query,
         .parse = action_input,
         .view = [](const Action& a) { return to_json(a); },
         .show = [](const ActionView& a) { return to_json(a); },
         .shown_version_of = [](const ActionView& a) { return a.action.version; },
         .list_all = [&s](const Context& c, const ActionQuery& q) { return s.list_actions(c, q); },
         .create = [&s](const Context& c, const ActionInput& in) { return s.create_action(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_action(c, id); },
         .update = [&s](const Context& c, const std::string& id, const ActionInput& in,
                        std::int64_t v) { return s.update_action(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_action(c, id, v); }},
        clock);

    kit::add_resource<EntryInput, ForwardPlanEntry, EntryQuery, EntryView>(
        router,
        {.base = "/api/v1/forward-plan",
         .params = {"body_id", "status", "include_archived"},
         .query = entry_query,
         .parse = entry_input,
         .view = [](const ForwardPlanEntry& e) { return to_json(e); },
         .show = [](const EntryView& e) { return to_json(e); },
         .shown_version_of = [](const EntryView& e) { return e.entry.version; },
         .list_all = [&s](const Context& c, const EntryQuery& q) { return s.list_entries(c, q); },
         .create = [&s](const Context& c, const EntryInput& in) { return s.create_entry(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_entry(c, id); },
         .update = [&s](const Context& c, const std::string& id, const EntryInput& in,
                        std::int64_t v) { return s.update_entry(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_entry(c, id, v); }},
        clock);

    kit::add_resource<TopicInput, Topic, std::string, TopicView>(
        router,
        {.base = "/api/v1/work-programme-topics",
         .collection = "/api/v1/bodies/{id}/work-programme",
         .query = kit::parent_of,
         .parse = topic_input,
         .parent = [](TopicInput& in, const std::string& body_id) { in.body_id = body_id; },
         .view = [](const Topic& t) { return to_json(t); },
         .show = [](const TopicView& t) { return to_json(t); },
         .shown_version_of = [](const TopicView& t) { return t.topic.version; },
         .list_all = [&s](const Context& c,
                          const std::string& body_id) { return s.list_topics(c, body_id); },
         .create = [&s](const Context& c, const TopicInput& in) { return s.create_topic(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_topic(c, id); },
         .update = [&s](const Context& c, const std::string& id, const TopicInput& in,
                        std::int64_t v) { return s.update_topic(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_topic(c, id, v); }},
        clock);
}

}  // namespace civic::governance
