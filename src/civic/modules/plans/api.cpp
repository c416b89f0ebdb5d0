// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/api.hpp"

#include <boost/json.hpp>

#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/resource.hpp"
#include "civic/modules/plans/views.hpp"

namespace civic::plans {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// Free text is held to its real limit by the service's checks; this only stops a runaway.
constexpr std::size_t k_text = 100000;

PlanInput plan_input(JsonFields& f) {
    PlanInput in;
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.kind = f.optional_text("kind", "Kind");
    in.title = f.optional_text("title", "Title", k_text);
    in.period = f.optional_text("period", "Period");
    in.description = f.optional_text("description", "Description", k_text);
    in.status = f.optional_text("status", "Status");
    in.rollup = f.optional_text("rollup", "Roll-up rule");
    return in;
}

ItemInput item_input(JsonFields& f) {
    ItemInput in;
    f.refuse("plan_id", "An item stays in the plan it was made in; leave plan_id out");
    in.parent_id = f.optional_text("parent_id", "Parent");
    in.ref = f.optional_text("ref", "Reference");
    in.kind = f.optional_text("kind", "Kind");
    in.title = f.optional_text("title", "Title", k_text);
    in.description = f.optional_text("description", "Description", k_text);
    in.lead_person_id = f.optional_text("lead_person_id", "Lead officer");
    in.lead_unit_id = f.optional_text("lead_unit_id", "Lead unit");
    in.supporting_unit_ids = f.optional_text_list("supporting_unit_ids", "Supporting units");
    in.timing = f.optional_text("timing", "Timing", k_text);
    in.start_date = f.optional_date("start_date", "Start date");
    in.due_date = f.optional_date("due_date", "Due date");
    in.status = f.optional_text("status", "Status");
    in.percent_complete = f.optional_integer("percent_complete", "Percent complete");
    in.notes = f.optional_text("notes", "Notes", k_text);
    in.constraints = f.optional_text("constraints", "Constraints", k_text);
    in.themes = f.optional_text_list("themes", "Themes");
    in.weight = f.optional_integer("weight", "Weight");
    return in;
}

MeasureInput measure_input(JsonFields& f) {
    MeasureInput in;
    f.refuse("item_id", "A measure stays with the item it was made for; leave item_id out");
    in.kind = f.optional_text("kind", "Kind");
    in.title = f.optional_text("title", "Title", k_text);
    in.timing = f.optional_text("timing", "Timing", k_text);
    in.due_date = f.optional_date("due_date", "Due date");
    in.achieved = f.optional_boolean("achieved", "Achieved");
    in.achieved_on = f.optional_date("achieved_on", "Achieved on");
    in.evidence = f.optional_text("evidence", "Evidence", k_text);
    return in;
}

UpdateInput update_input(JsonFields& f) {
    UpdateInput in;
    f.refuse("item_id", "The item is the one in the address; leave item_id out");
    in.period = f.optional_text("period", "Period");
    in.status = f.optional_text("status", "Status");
    in.percent_complete = f.optional_integer("percent_complete", "Percent complete");
    in.commentary = f.optional_text("commentary", "Commentary", k_text);
    in.author_person_id = f.optional_text("author_person_id", "Author");
    return in;
}

ReviewInput review_input(JsonFields& f) {
    ReviewInput in;
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.kind = f.optional_text("kind", "Kind");
    in.title = f.optional_text("title", "Title", k_text);
    in.reviewer = f.optional_text("reviewer", "Reviewer", k_text);
    in.status = f.optional_text("status", "Status");
    in.start_date = f.optional_date("start_date", "Start date");
    in.end_date = f.optional_date("end_date", "End date");
    in.reported_on = f.optional_date("reported_on", "Reported on");
    in.scope = f.optional_text("scope", "Scope", k_text);
    in.rating = f.optional_text("rating", "Rating", k_text);
    in.programme = f.optional_text("programme", "Programme", k_text);
    return in;
}

FindingInput finding_input(JsonFields& f) {
    FindingInput in;
    f.refuse("review_id", "A finding stays with the review it was made for; leave review_id out");
    in.ref = f.optional_text("ref", "Reference");
    in.kind = f.optional_text("kind", "Kind");
    in.text = f.optional_text("text", "Text", k_text);
    in.status = f.optional_text("status", "Status");
    return in;
}

Result<PlanQuery> plan_query(const Request& r) {
    PlanQuery q;
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    CIVIC_TRY(q.unit_id, http::id_query_param(r, "unit_id"));
    CIVIC_TRY(q.kind, http::choice_query_param(r, "kind", k_plan_kinds));
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_plan_statuses));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

Result<ReviewQuery> review_query(const Request& r) {
    ReviewQuery q;
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    CIVIC_TRY(q.unit_id, http::id_query_param(r, "unit_id"));
    CIVIC_TRY(q.kind, http::choice_query_param(r, "kind", k_review_kinds));
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_review_statuses));
    if (auto v = r.query_param("programme"); v && !v->empty()) q.programme = std::string(*v);
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

// The item filters a route takes, each read only when the route lists it (the router has
// refused the rest): the plan's own items take their plan from the path.
Result<ItemQuery> item_query(const Request& r) {
    ItemQuery q;
    CIVIC_TRY(q.plan_id, http::id_query_param(r, "plan_id"));
    if (auto in_path = r.param("id"); !in_path.empty()) q.plan_id = std::string(in_path);
    CIVIC_TRY(q.lead_person_id, http::id_query_param(r, "lead_person_id"));
    CIVIC_TRY(q.lead_unit_id, http::id_query_param(r, "lead_unit_id"));
    CIVIC_TRY(q.theme, http::choice_query_param(r, "theme", k_best_value_themes));
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_item_statuses));
    CIVIC_TRY(q.due, http::choice_query_param(r, "due", k_due_filters));
    return q;
}

const std::vector<std::string> k_item_filters = {"status", "theme", "lead_person_id",
                                                 "lead_unit_id", "due"};

// A route under a plan: 404 for an id Civic could not have issued, else the handler's answer.
template <typename Handler>
http::Handler plan_route(const Clock& clock, Handler handler) {
    return [&clock, handler](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        return handler(r, http::context_for(r, clock), std::string(r.param("id")));
    };
}

template <typename T>
Response answer(const Request& r, const Result<T>& result) {
    if (!result) return http::problem_response(r, result.error());
    return http::json_response(200, to_json(*result));
}

Response approval(const Request& r, PlanService& s, const Context& ctx, const std::string& id) {
    auto body = http::json_body(r);
    if (!body) return http::problem_response(r, body.error());
    JsonFields fields(*body);
    ApprovalInput in;
    in.approved_by_unit_id = fields.optional_text("approved_by_unit_id", "Approved by");
    in.approved_on = fields.optional_date("approved_on", "Approved on");
    auto version = http::change_version(r, fields);
    if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
    if (!version) return http::problem_response(r, version.error());
    auto plan = s.approve_plan(ctx, id, in, *version);
    if (!plan) return http::problem_response(r, plan.error());
    return kit::record_response(200, to_json(*plan), plan->version);
}

Response from_framework(const Request& r, PlanService& s, const Clock& clock) {
    auto body = http::json_body(r);
    if (!body) return http::problem_response(r, body.error());
    JsonFields fields(*body);
    const PlanInput in = plan_input(fields);
    const auto review_id = fields.optional_text("review_id", "Review");
    http::refuse_version_on_create(fields);
    if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
    auto plan =
        s.create_from_framework(http::context_for(r, clock), in,
                                review_id && !review_id->empty() ? review_id : std::nullopt);
    if (!plan) return http::problem_response(r, plan.error());
    auto out = kit::record_response(201, to_json(*plan), plan->version);
    out.set_header("location", "/api/v1/plans/" + plan->id);
    return out;
}

Response versions(const Request& r, PlanService& s, const Context& ctx, const std::string& id) {
    auto found = s.plan_versions(ctx, id);
    if (!found) return http::problem_response(r, found.error());
    json::array items;
    for (const auto& v : *found) items.push_back(to_json(v));
    return http::json_response(200, json::object{{"items", std::move(items)}});
}

Response compare(const Request& r, PlanService& s, const Context& ctx, const std::string& id) {
    const auto from = r.query_param("from");
    if (!from || from->empty())
        return http::problem_response(
            r, Error::validation("from", "Give from: a version number such as 1, or current"));
    const auto to = r.query_param("to");
    return answer(r, s.compare(ctx, id, std::string(*from),
                               to && !to->empty() ? std::string(*to) : "current"));
}

Response tree(const Request& r, PlanService& s, const Context& ctx, const std::string& id) {
    ItemQuery filter;
    auto status = http::choice_query_param(r, "status", k_item_statuses);
    if (!status) return http::problem_response(r, status.error());
    auto theme = http::choice_query_param(r, "theme", k_best_value_themes);
    if (!theme) return http::problem_response(r, theme.error());
    auto lead = http::id_query_param(r, "lead_person_id");
    if (!lead) return http::problem_response(r, lead.error());
    filter.status = *status;
    filter.theme = *theme;
    filter.lead_person_id = *lead;
    return answer(r, s.tree(ctx, id, filter));
}

Response export_plan(const Request& r, PlanService& s, const Context& ctx, const std::string& id) {
    auto doc = s.export_plan(ctx, id);
    if (!doc) return http::problem_response(r, doc.error());
    return http::json_response(200, *doc);
}

Response updates_missing(const Request& r, PlanService& s, const Context& ctx,
                         const std::string& id) {
    std::optional<std::string> period;
    if (auto v = r.query_param("period"); v && !v->empty()) period = std::string(*v);
    return answer(r, s.updates_missing(ctx, id, period));
}

}  // namespace

void register_api(http::Router& router, PlanService& s, const Clock& clock) {
    // A state change, a create of its own kind and the plan's views come before the plan's
    // resource routes, as each is a fixed path.
    router.add(Method::Post, "/api/v1/plans/from-framework",
               [&s, &clock](Request& r) { return from_framework(r, s, clock); });
    kit::add_resource<PlanInput, Plan, PlanQuery>(
        router,
        {.base = "/api/v1/plans",
         .params = {"limit", "cursor", "unit_id", "kind", "status", "include_archived"},
         .query = plan_query,
         .parse = plan_input,
         .view = [](const Plan& p) { return to_json(p); },
         .list = [&s](const Context& c, const PlanQuery& q) { return s.list_plans(c, q); },
         .create = [&s](const Context& c, const PlanInput& in) { return s.create_plan(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_plan(c, id); },
         .update = [&s](const Context& c, const std::string& id, const PlanInput& in,
                        std::int64_t v) { return s.update_plan(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_plan(c, id, v); }},
        clock);
    const auto on_plan = [&s](auto handler) {
        return [&s, handler](Request& r, const Context& c, const std::string& id) {
            return handler(r, s, c, id);
        };
    };
    router.add(Method::Post, "/api/v1/plans/{id}/approval", plan_route(clock, on_plan(approval)));
    router.add(Method::Get, "/api/v1/plans/{id}/versions", plan_route(clock, on_plan(versions)));
    router.add(Method::Get, "/api/v1/plans/{id}/compare", {"from", "to"},
               plan_route(clock, on_plan(compare)));
    router.add(Method::Get, "/api/v1/plans/{id}/tree", {"status", "theme", "lead_person_id"},
               plan_route(clock, on_plan(tree)));
    router.add(Method::Get, "/api/v1/plans/{id}/export", plan_route(clock, on_plan(export_plan)));
    router.add(Method::Get, "/api/v1/plans/{id}/updates-missing", {"period"},
               plan_route(clock, on_plan(updates_missing)));

    // Items: a plan's own under /plans/{id}/items (not paged: a plan holds hundreds at most),
    // each at /plan-items/{id}; and across plans, a person's or a unit's or a theme's.
    const auto item_view = [](const ItemView& v) { return to_json(v); };
    const auto item_version = [](const ItemView& v) { return v.item.version; };
    kit::add_resource<ItemInput, Item, ItemQuery, ItemView>(
        router,
        {.base = "/api/v1/plan-items",
         .collection = "/api/v1/plans/{id}/items",
         .params = k_item_filters,
         .query = item_query,
         .parse = item_input,
         .parent = [](ItemInput& in, const std::string& plan_id) { in.plan_id = plan_id; },
         .view = [](const Item& i) { return to_json(i); },
         .show = item_view,
         .shown_version_of = item_version,
         .show_one = [](const ItemView& v) { return to_json(v, ItemLinks::Shown); },
         // The plan in the address must be one the caller may read, as for its tree.
         .list_all = [&s](const Context& c, const ItemQuery& q) -> Result<std::vector<ItemView>> {
             CIVIC_CHECK(s.get_plan(c, q.plan_id.value_or("")));
             return s.list_items(c, q);
         },
         .create = [&s](const Context& c, const ItemInput& in) { return s.create_item(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_item(c, id); },
         .update = [&s](const Context& c, const std::string& id, const ItemInput& in,
                        std::int64_t v) { return s.update_item(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_item(c, id, v); }},
        clock);
    // Items across plans: a person's or a unit's actions, or everything under a theme.
    std::vector<std::string> across = k_item_filters;
    across.insert(across.begin(), "plan_id");
    kit::add_resource<ItemInput, Item, ItemQuery, ItemView>(
        router,
        {.base = "/api/v1/plan-items",
         .params = across,
         .query = item_query,
         .show = item_view,
         .shown_version_of = item_version,
         .list_all = [&s](const Context& c, const ItemQuery& q) { return s.list_items(c, q); }},
        clock);

    kit::add_resource<MeasureInput, Measure, std::string>(
        router,
        {.base = "/api/v1/plan-measures",
         .collection = "/api/v1/plan-items/{id}/measures",
         .query = kit::parent_of,
         .parse = measure_input,
         .parent = [](MeasureInput& in, const std::string& item_id) { in.item_id = item_id; },
         .view = [](const Measure& m) { return to_json(m); },
         .list_all = [&s](const Context& c,
                          const std::string& item_id) { return s.list_measures(c, item_id); },
         .create = [&s](const Context& c,
                        const MeasureInput& in) { return s.create_measure(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_measure(c, id); },
         .update = [&s](const Context& c, const std::string& id, const MeasureInput& in,
                        std::int64_t v) { return s.update_measure(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_measure(c, id, v); }},
        clock);
    // Progress updates are kept as they were written: no change, no archive.
    kit::add_resource<UpdateInput, Update, std::string>(
        router,
        {.base = "/api/v1/plan-updates",
         .collection = "/api/v1/plan-items/{id}/updates",
         .query = kit::parent_of,
         .parse = update_input,
         .parent = [](UpdateInput& in, const std::string& item_id) { in.item_id = item_id; },
         .view = [](const Update& u) { return to_json(u); },
         .list_all = [&s](const Context& c,
                          const std::string& item_id) { return s.list_updates(c, item_id); },
         .create = [&s](const Context& c, const UpdateInput& in) { return s.add_update(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_update(c, id); }},
        clock);

    kit::add_resource<ReviewInput, Review, ReviewQuery>(
        router,
        {.base = "/api/v1/reviews",
         .params = {"limit", "cursor", "unit_id", "kind", "status", "programme",
                    "include_archived"},
         .query = review_query,
         .parse = review_input,
         .view = [](const Review& rv) { return to_json(rv); },
         .list = [&s](const Context& c, const ReviewQuery& q) { return s.list_reviews(c, q); },
         .create = [&s](const Context& c, const ReviewInput& in) { return s.create_review(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_review(c, id); },
         .update = [&s](const Context& c, const std::string& id, const ReviewInput& in,
                        std::int64_t v) { return s.update_review(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_review(c, id, v); }},
        clock);
    kit::add_resource<FindingInput, Finding, std::string>(
        router,
        {.base = "/api/v1/review-findings",
         .collection = "/api/v1/reviews/{id}/findings",
         .query = kit::parent_of,
         .parse = finding_input,
         .parent = [](FindingInput& in, const std::string& review_id) { in.review_id = review_id; },
         .view = [](const Finding& f) { return to_json(f); },
         .list_all = [&s](const Context& c,
                          const std::string& review_id) { return s.list_findings(c, review_id); },
         .create = [&s](const Context& c,
                        const FindingInput& in) { return s.create_finding(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_finding(c, id); },
         .update = [&s](const Context& c, const std::string& id, const FindingInput& in,
                        std::int64_t v) { return s.update_finding(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_finding(c, id, v); }},
        clock);
}

}  // namespace civic::plans
