// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of risks:
//
//   /api/v1/risks                          list (filters, order, paging) and create
//   /api/v1/risk-registers/{id}/risks      one register's risks, with the same filters
//   /api/v1/risks/{id}                     read (with reviews, escalations, acceptances, the
//                                          score history, links and issues), change, archive
//   /api/v1/risks/{id}/merge               merged into another risk (a state change)
//   /api/v1/risks/{id}/position            moved within its register's order
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/resource.hpp"
#include "civic/modules/risks/api.hpp"
#include "civic/modules/risks/views.hpp"

namespace civic::risks {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t k_text = 100000;
constexpr std::string_view k_views[] = {"inherent", "current", "target"};
constexpr std::string_view k_orders[] = {"position", "score"};

const std::vector<std::string> k_filters = {
    "unit_id",    "owner_person_id",  "category", "status",         "band",
    "likelihood", "impact",           "view",     "above_appetite", "unowned",
    "order",      "include_archived", "cursor",   "limit"};

RiskInput risk_input(JsonFields& f) {
    RiskInput in;
    in.register_id = f.optional_text("register_id", "Register");
    in.position = f.optional_integer("position", "Position");
    in.reference = f.optional_text("reference", "Reference", 100);
    in.title = f.optional_text("title", "Title", 300);
    in.description = f.optional_text("description", "Description", k_text);
    in.cause = f.optional_text("cause", "Cause", k_text);
    in.event = f.optional_text("event", "Event", k_text);
    in.effect = f.optional_text("effect", "Effect", k_text);
    in.category = f.optional_text("category", "Category", 100);
    if (f.has("owner_person_id")) in.owner_person_id = f.optional_text("owner_person_id", "Owner");
    in.owner = f.optional_text("owner", "Owner", 300);
    in.inherent_likelihood = f.optional_integer("inherent_likelihood", "Inherent likelihood");
    in.inherent_impact = f.optional_integer("inherent_impact", "Inherent impact");
    in.current_likelihood = f.optional_integer("current_likelihood", "Current likelihood");
    in.current_impact = f.optional_integer("current_impact", "Current impact");
    in.target_likelihood = f.optional_nullable_integer("target_likelihood", "Target likelihood");
    in.target_impact = f.optional_nullable_integer("target_impact", "Target impact");
    in.inherent_score = f.optional_integer("inherent_score", "Inherent score");
    in.current_score = f.optional_integer("current_score", "Current score");
    in.target_score = f.optional_integer("target_score", "Target score");
    in.response = f.optional_text("response", "Response");
    in.actions_text = f.optional_text("actions_text", "Actions", k_text);
    in.proximity = f.optional_text("proximity", "Proximity");
    if (const json::value* v = f.raw("controls")) {
        std::vector<ControlInput> controls;
        if (!v->is_array()) {
            f.fail("controls", "Controls must be a list of {\"description\", \"effectiveness\"}");
        } else {
            for (std::size_t i = 0; i < v->as_array().size(); ++i) {
                const auto& item = v->as_array()[i];
                const std::string at = fmt::format("controls[{}]", i);
                if (!item.is_object()) {
                    f.fail(at, "Each control must be an object with a description");
                    continue;
                }
                JsonFields c(item.as_object());
                ControlInput ci;
                ci.description = c.optional_text("description", "Control", 2000);
                ci.effectiveness = c.optional_text("effectiveness", "Effectiveness");
                if (auto done = c.finish(); !done)
                    for (const auto& e : done.error().errors) f.fail(at + "." + e.field, e.message);
                controls.push_back(std::move(ci));
            }
        }
        in.controls = std::move(controls);
    }
    in.review_frequency_months =
        f.optional_integer("review_frequency_months", "Review frequency in months");
    in.next_review_on = f.optional_text("next_review_on", "Next review on");
    in.identified_on = f.optional_text("identified_on", "Identified on");
    in.status = f.optional_text("status", "Status");
    in.closed_reason = f.optional_text("closed_reason", "Why it was closed");
    return in;
}

// A whole number in the query, when given.
Result<std::optional<std::int64_t>> number_param(const Request& r, std::string_view name,
                                                 std::int64_t lo, std::int64_t hi) {
    const auto text = http::text_query_param(r, name);
    if (!text) return std::nullopt;
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size() || n < lo || n > hi)
        return std::unexpected(Error::validation(
            std::string(name), fmt::format("{} must be a whole number from {} to {}",
                                           kit::Checks::capitalise(name), lo, hi)));
    return n;
}

Result<RiskQuery> risk_filters(const Request& r, RiskQuery q) {
    if (!q.register_id) {
        CIVIC_TRY(q.register_id, http::id_query_param(r, "register_id"));
    }
    CIVIC_TRY(q.unit_id, http::id_query_param(r, "unit_id"));
    CIVIC_TRY(q.owner_person_id, http::id_query_param(r, "owner_person_id"));
    q.category = http::text_query_param(r, "category");
    if (q.category) q.category = lower_ascii(*q.category);
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_risk_statuses));
    q.band = http::text_query_param(r, "band");
    CIVIC_TRY(q.likelihood, number_param(r, "likelihood", 1, 5));
    CIVIC_TRY(q.impact, number_param(r, "impact", 1, 5));
    CIVIC_TRY(auto view, http::choice_query_param(r, "view", k_views));
    if (view) q.view = *view;
    CIVIC_TRY(q.above_appetite_only, http::bool_query_param(r, "above_appetite", false));
    CIVIC_TRY(q.unowned_only, http::bool_query_param(r, "unowned", false));
    CIVIC_TRY(auto order, http::choice_query_param(r, "order", k_orders));
    if (order) q.order = *order;
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor.value_or("");
    q.limit = static_cast<std::size_t>(page.limit);
    return q;
}

Result<RiskQuery> risk_query(const Request& r) { return risk_filters(r, RiskQuery{}); }

Response risk_list(Request& r, RisksService& s, const Clock& clock, const RiskQuery& q) {
    auto page = s.list_risks(http::context_for(r, clock), q);
    if (!page) return http::problem_response(r, page.error());
    json::array items;
    for (const auto& v : page->items) items.push_back(to_json(v));
    return http::json_response(200, http::page_body(std::move(items), page->next_cursor));
}

}  // namespace

void add_risk_routes(http::Router& router, RisksService& s, const Clock& clock) {
    std::vector<std::string> params = k_filters;
    params.insert(params.begin(), "register_id");
    kit::add_resource<RiskInput, Risk, RiskQuery, RiskView>(
        router,
        {.base = "/api/v1/risks",
         .params = params,
         .query = risk_query,
         .parse = risk_input,
         .view = [](const Risk& r) { return to_json(r); },
         .show = [](const RiskView& v) { return to_json(v); },
         .shown_version_of = [](const RiskView& v) { return v.risk.version; },
         .list = [&s](const Context& c, const RiskQuery& q) { return s.list_risks(c, q); },
         .create = [&s](const Context& c, const RiskInput& in) { return s.create_risk(c, in); },
         .update = [&s](const Context& c, const std::string& id, const RiskInput& in,
                        std::int64_t v) { return s.update_risk(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_risk(c, id, v); }},
        clock);
    // One risk with everything about it.
    router.add(Method::Get, "/api/v1/risks/{id}", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto d = s.risk_detail(http::context_for(r, clock), std::string(r.param("id")));
        if (!d) return http::problem_response(r, d.error());
        return kit::record_response(200, to_json(*d), d->view.risk.version);
    });
    router.add(Method::Get, "/api/v1/risk-registers/{id}/risks", k_filters,
               [&s, &clock](Request& r) -> Response {
                   if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
                   RiskQuery q;
                   q.register_id = std::string(r.param("id"));
                   // The register itself must be readable: 404 otherwise, not an empty list.
                   auto reg = s.get_register(http::context_for(r, clock), *q.register_id);
                   if (!reg) return http::problem_response(r, reg.error());
                   auto filtered = risk_filters(r, q);
                   if (!filtered) return http::problem_response(r, filtered.error());
                   return risk_list(r, s, clock, *filtered);
               });
    router.add(Method::Post, "/api/v1/risks/{id}/merge", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto body = http::json_body(r);
        if (!body) return http::problem_response(r, body.error());
        JsonFields f(*body);
        MergeInput in;
        in.into_id = f.optional_text("into_id", "Merged into");
        in.reason = f.optional_text("reason", "Reason", k_text);
        auto version = http::change_version(r, f);
        if (auto done = f.finish(); !done) return http::problem_response(r, done.error());
        if (!version) return http::problem_response(r, version.error());
        auto merged =
            s.merge_risk(http::context_for(r, clock), std::string(r.param("id")), in, *version);
        if (!merged) return http::problem_response(r, merged.error());
        return kit::record_response(200, to_json(*merged), merged->version);
    });
    router.add(Method::Post, "/api/v1/risks/{id}/position", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto body = http::json_body(r);
        if (!body) return http::problem_response(r, body.error());
        JsonFields f(*body);
        const auto position = f.optional_integer("position", "Position");
        if (!position && !f.has("position"))
            f.fail("position", "Give the risk's new place in the register's order, from 1");
        auto version = http::change_version(r, f);
        if (auto done = f.finish(); !done) return http::problem_response(r, done.error());
        if (!version) return http::problem_response(r, version.error());
        auto moved = s.move_risk(http::context_for(r, clock), std::string(r.param("id")), *position,
                                 *version);
        if (!moved) return http::problem_response(r, moved.error());
        return kit::record_response(200, to_json(*moved), moved->version);
    });
}

}  // namespace civic::risks
