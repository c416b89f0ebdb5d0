// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of casework's statistics, indicator feeds and the annual complaints report (see
// api.hpp).
#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/cases/api.hpp"
#include "civic/modules/cases/complaints_report.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::cases {
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t k_long_text = 200000;

FeedInput feed_input(JsonFields& f) {
    FeedInput in;
    in.indicator_id = f.optional_text("indicator_id", "Indicator");
    in.case_type_id = f.optional_text("case_type_id", "Case type");
    in.stage = f.optional_text("stage", "Stage");
    in.target = f.optional_text("target", "Target");
    in.measure = f.optional_text("measure", "Measure");
    in.unit_id = f.optional_text("unit_id", "Unit");
    return in;
}

SelfAssessmentInput self_assessment_input(JsonFields& f) {
    SelfAssessmentInput in;
    in.year = f.optional_text("year", "Year");
    in.body = f.optional_text("body", "The self-assessment", k_long_text);
    in.governance_response =
        f.optional_text("governance_response", "The committee's response", k_long_text);
    return in;
}

}  // namespace

void register_stats_api(http::Router& router, CasesService& s, const Clock& clock) {
    router.add(Method::Get, "/api/v1/case-statistics",
               {"period", "case_type_id", "unit_id", "stage"},
               [&s, &clock](Request& r) -> Response {
                   StatisticsQuery q;
                   q.period = http::text_query_param(r, "period");
                   q.case_type_id = http::text_query_param(r, "case_type_id");
                   q.unit_id = http::text_query_param(r, "unit_id");
                   q.stage = http::text_query_param(r, "stage");
                   auto found = s.statistics(http::context_for(r, clock), q);
                   if (!found) return http::problem_response(r, found.error());
                   return http::json_response(200, to_json(*found));
               });

    kit::add_resource<FeedInput, FeedView, FeedQuery>(
        router,
        {.base = "/api/v1/case-indicator-feeds",
         .params = {"indicator_id", "include_archived"},
         .query = [](const Request& r) -> Result<FeedQuery> {
             FeedQuery q;
             q.indicator_id = http::text_query_param(r, "indicator_id");
             CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
             return q;
         },
         .parse = feed_input,
         .view = [](const FeedView& v) { return to_json(v); },
         .id_of = [](const FeedView& v) { return v.feed.id; },
         .version_of = [](const FeedView& v) { return v.feed.version; },
         .list_all = [&s](const Context& c, const FeedQuery& q) { return s.list_feeds(c, q); },
         .create = [&s](const Context& c, const FeedInput& in) { return s.create_feed(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_feed(c, id); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_feed(c, id, v); }},
        clock);

    router.add(
        Method::Get, "/api/v1/case-reports/complaints", {"year", "format"},
        [&s, &clock](Request& r) -> Response {
            static constexpr std::string_view k_formats[] = {"json", "csv"};
            auto format = http::choice_query_param(r, "format", k_formats);
            if (!format) return http::problem_response(r, format.error());
            auto found =
                s.complaints_report(http::context_for(r, clock), http::text_query_param(r, "year"));
            if (!found) return http::problem_response(r, found.error());
            if (format->value_or("json") == "json")
                return http::json_response(200, to_json(*found));
            auto out = Response::text(200, to_csv(*found));
            out.set_header("content-type", "text/csv; charset=utf-8");
            out.set_header("content-disposition", "attachment; filename=\"complaints-report.csv\"");
            return out;
        });

    kit::add_resource<SelfAssessmentInput, SelfAssessment, kit::NoQuery>(
        router,
        {.base = "/api/v1/case-self-assessments",
         .query = [](const Request&) -> Result<kit::NoQuery> { return kit::NoQuery{}; },
         .parse = self_assessment_input,
         .view = [](const SelfAssessment& a) { return to_json(a); },
         .list_all = [&s](const Context& c,
                          const kit::NoQuery&) { return s.list_self_assessments(c); },
         .create = [&s](const Context& c,
                        const SelfAssessmentInput& in) { return s.create_self_assessment(c, in); },
         .get = [&s](const Context& c,
                     const std::string& id) { return s.get_self_assessment(c, id); },
         .update = [&s](const Context& c, const std::string& id, const SelfAssessmentInput& in,
                        std::int64_t v) { return s.update_self_assessment(c, id, in, v); }},
        clock);
}

}  // namespace civic::cases
