// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/api.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/json.hpp"
#include "civic/core/text.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/indicators/views.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::indicators {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t k_text = 100000;

IndicatorInput indicator_input(JsonFields& f) {
    IndicatorInput in;
    in.code = f.optional_text("code", "Code");
    in.title = f.optional_text("title", "Title", k_text);
    in.description = f.optional_text("description", "Description", k_text);
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.measure_unit = f.optional_text("measure_unit", "Unit of measure");
    in.decimals = f.optional_integer("decimals", "Decimal places");
    in.polarity = f.optional_text("polarity", "Polarity");
    in.frequency = f.optional_text("frequency", "Frequency");
    in.aggregation = f.optional_text("aggregation", "Aggregation");
    in.kind = f.optional_text("kind", "Kind");
    in.source = f.optional_text("source", "Source", k_text);
    in.owner_person_id = f.optional_text("owner_person_id", "Owner");
    in.entry_person_id = f.optional_text("entry_person_id", "Person who enters the data");
    in.entry_deadline_days = f.optional_integer("entry_deadline_days", "Entry deadline");
    // The rule in its CSV spelling, or as the structured object the API answers with.
    if (f.has("rag_rule")) {
        const auto* raw = f.raw("rag_rule");
        if (raw && raw->is_object()) {
            auto rule = rag_rule_from_json(*raw);
            if (rule)
                in.rag_rule = to_string(*rule);
            else
                f.fail("rag_rule", rule.error());
        } else {
            in.rag_rule = f.optional_text("rag_rule", "RAG rule");
        }
    }
    in.commentary_required = f.optional_boolean("commentary_required", "Commentary required");
    in.plausible_min = f.optional_number("plausible_min", "The least plausible value");
    in.plausible_max = f.optional_number("plausible_max", "The most plausible value");
    in.baseline = f.optional_number("baseline", "Baseline");
    in.baseline_period = f.optional_text("baseline_period", "Baseline period");
    in.benchmark_dataset = f.optional_text("benchmark_dataset", "Benchmark dataset");
    in.benchmark_metric = f.optional_text("benchmark_metric", "Benchmark metric");
    in.benchmark_area = f.optional_text("benchmark_area", "Benchmark area");
    return in;
}

ValueInput value_input(JsonFields& f) {
    ValueInput in;
    f.refuse("indicator_id", "The indicator is the one in the address; leave indicator_id out");
    in.period = f.optional_text("period", "Period");
    in.value = f.optional_number("value", "The value");
    in.numerator = f.optional_number("numerator", "The numerator");
    in.denominator = f.optional_number("denominator", "The denominator");
    in.note = f.optional_text("note", "Note", k_text);
    in.commentary = f.optional_text("commentary", "Commentary", k_text);
    in.reason = f.optional_text("reason", "Reason", k_text);
    return in;
}

Result<IndicatorQuery> indicator_query(const Request& r) {
    IndicatorQuery q;
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    CIVIC_TRY(q.unit_id, http::id_query_param(r, "unit_id"));
    CIVIC_TRY(q.owner_person_id, http::id_query_param(r, "owner_person_id"));
    CIVIC_TRY(q.kind, http::choice_query_param(r, "kind", k_indicator_kinds));
    CIVIC_TRY(q.frequency, http::choice_query_param(r, "frequency", k_frequencies));
    if (auto v = r.query_param("q"); v && !trim(*v).empty()) q.q = std::string(trim(*v));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

template <typename T, typename View>
Response items(const Request& r, const Result<std::vector<T>>& found, View&& view,
               int status = 200) {
    if (!found) return http::problem_response(r, found.error());
    json::array out;
    for (const auto& item : *found) out.push_back(view(item));
    return http::json_response(status, json::object{{"items", std::move(out)}});
}

// The routes under one indicator take its id or its code: "/api/v1/indicators/BV%208/…".
template <typename Handler>
http::Handler on_indicator(IndicatorService& s, const Clock& clock, Handler handler) {
    return [&s, &clock, handler](Request& r) -> Response {
        const auto ctx = http::context_for(r, clock);
        auto i = s.find_indicator(ctx, std::string(r.param("id")));
        if (!i) return http::problem_response(r, i.error());
        return handler(r, ctx, *i);
    };
}

// A value's state change: its version, and for a return the reason.
Response workflow(const Request& r, IndicatorService& s, const Clock& clock,
                  std::string_view step) {
    if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
    const auto ctx = http::context_for(r, clock);
    const std::string id(r.param("id"));
    Result<Value> done = std::unexpected(Error::internal("no step"));
    if (step == "return") {
        auto body = http::json_body(r);
        if (!body) return http::problem_response(r, body.error());
        JsonFields fields(*body);
        const auto reason = fields.optional_text("reason", "Reason", k_text);
        auto version = http::change_version(r, fields);
        if (auto ok = fields.finish(); !ok) return http::problem_response(r, ok.error());
        if (!version) return http::problem_response(r, version.error());
        done = s.return_value(ctx, id, *version, reason.value_or(""));
    } else {
        auto version = http::state_change_version(r);
        if (!version) return http::problem_response(r, version.error());
        done = step == "submit" ? s.submit_value(ctx, id, *version)
                                : s.approve_value(ctx, id, *version);
    }
    if (!done) return http::problem_response(r, done.error());
    return kit::record_response(200, to_json(*done), done->version);
}

// A CSV import through the API: the file as the body, text/csv.
Response import_csv(const Request& r, IndicatorService& s, const Clock& clock, bool definitions) {
    const auto csv = http::csv_body(r);
    if (!csv) return http::problem_response(r, csv.error());
    const auto ctx = http::context_for(r, clock);
    auto done = definitions ? s.import_indicators_csv(ctx, *csv) : s.import_values_csv(ctx, *csv);
    if (!done) return http::problem_response(r, done.error());
    return http::json_response(200, to_json(*done));
}

}  // namespace

void register_api(http::Router& router, IndicatorService& s, const Clock& clock) {
    // Fixed paths first: the imports, the scorecard, data quality and reminders.
    router.add(Method::Post, "/api/v1/indicators/import",
               [&s, &clock](Request& r) { return import_csv(r, s, clock, true); });
    router.add(Method::Post, "/api/v1/indicator-values/import",
               [&s, &clock](Request& r) { return import_csv(r, s, clock, false); });
    router.add(Method::Get, "/api/v1/scorecard",
               {"period", "plan_id", "theme", "unit_id", "kind", "rag", "q"},
               [&s, &clock](Request& r) -> Response {
                   ScorecardQuery q;
                   q.period = http::text_query_param(r, "period").value_or("");
                   if (q.period.empty())
                       return http::problem_response(
                           r, Error::validation("period", "Give the period, such as 2025/26 Q1"));
                   auto plan = http::id_query_param(r, "plan_id");
                   if (!plan) return http::problem_response(r, plan.error());
                   auto unit = http::id_query_param(r, "unit_id");
                   if (!unit) return http::problem_response(r, unit.error());
                   q.plan_id = *plan;
                   q.unit_id = *unit;
                   q.theme = http::text_query_param(r, "theme");
                   q.kind = http::text_query_param(r, "kind");
                   q.rag = http::text_query_param(r, "rag");
                   q.q = http::text_query_param(r, "q");
                   auto card = s.scorecard(http::context_for(r, clock), q);
                   if (!card) return http::problem_response(r, card.error());
                   return http::json_response(200, to_json(*card));
               });
    router.add(Method::Get, "/api/v1/data-quality", {"year", "unit_id", "person_id"},
               [&s, &clock](Request& r) -> Response {
                   DataQualityQuery q;
                   q.year = http::text_query_param(r, "year");
                   auto unit = http::id_query_param(r, "unit_id");
                   if (!unit) return http::problem_response(r, unit.error());
                   auto person = http::id_query_param(r, "person_id");
                   if (!person) return http::problem_response(r, person.error());
                   q.unit_id = *unit;
                   q.person_id = *person;
                   auto dq = s.data_quality(http::context_for(r, clock), q);
                   if (!dq) return http::problem_response(r, dq.error());
                   return http::json_response(200, to_json(*dq));
               });
    router.add(Method::Get, "/api/v1/indicator-reminders", {"person_id", "days_before"},
               [&s, &clock](Request& r) -> Response {
                   auto person = http::id_query_param(r, "person_id");
                   if (!person) return http::problem_response(r, person.error());
                   int days = 5;
                   if (auto v = http::text_query_param(r, "days_before")) {
                       auto n = parse_number(*v);
                       if (!n || *n != static_cast<int>(*n))
                           return http::problem_response(
                               r, Error::validation("days_before",
                                                    "days_before must be a whole number of "
                                                    "working days, from 0 to 60"));
                       days = static_cast<int>(*n);
                   }
                   return items(r, s.reminders(http::context_for(r, clock), *person, days),
                                [](const Reminder& m) { return to_json(m); });
               });
    kit::add_resource<IndicatorInput, Indicator, IndicatorQuery>(
        router,
        {.base = "/api/v1/indicators",
         .params = {"limit", "cursor", "unit_id", "owner_person_id", "kind", "frequency", "q",
                    "include_archived"},
         .query = indicator_query,
         .parse = indicator_input,
         .view = [](const Indicator& i) { return to_json(i); },
         .list = [&s](const Context& c,
                      const IndicatorQuery& q) { return s.list_indicators(c, q); },
         .create = [&s](const Context& c,
                        const IndicatorInput& in) { return s.create_indicator(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_indicator(c, id); },
         .update = [&s](const Context& c, const std::string& id, const IndicatorInput& in,
                        std::int64_t v) { return s.update_indicator(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_indicator(c, id, v); }},
        clock);
    // Under one indicator, named by its id or its code.
    router.add(Method::Get, "/api/v1/indicators/{id}/values", {"period"},
               on_indicator(s, clock, [&s](Request& r, const Context& c, const Indicator& i) {
                   return items(r, s.list_values(c, i.id, http::text_query_param(r, "period")),
                                [](const Value& v) { return to_json(v); });
               }));
    router.add(
        Method::Post, "/api/v1/indicators/{id}/values",
        on_indicator(s, clock, [&s](Request& r, const Context& c, const Indicator& i) -> Response {
            auto body = http::json_body(r);
            if (!body) return http::problem_response(r, body.error());
            JsonFields fields(*body);
            ValueInput in = value_input(fields);
            in.indicator_id = i.id;
            http::refuse_version_on_create(fields);
            if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
            auto v = s.enter_value(c, in);
            if (!v) return http::problem_response(r, v.error());
            auto out = kit::record_response(201, to_json(*v), v->version);
            out.set_header("location", "/api/v1/indicator-values/" + v->id);
            return out;
        }));
    router.add(Method::Get, "/api/v1/indicators/{id}/targets",
               on_indicator(s, clock, [&s](Request& r, const Context& c, const Indicator& i) {
                   return items(r, s.list_targets(c, i.id),
                                [](const TargetRecord& t) { return to_json(t); });
               }));
    router.add(
        Method::Post, "/api/v1/indicators/{id}/targets",
        on_indicator(s, clock, [&s](Request& r, const Context& c, const Indicator& i) -> Response {
            auto body = http::json_body(r);
            if (!body) return http::problem_response(r, body.error());
            JsonFields fields(*body);
            TargetInput in;
            in.indicator_id = i.id;
            in.period = fields.optional_text("period", "Period");
            in.value = fields.optional_number("value", "The target");
            in.low = fields.optional_number("low", "The band's low end");
            in.high = fields.optional_number("high", "The band's high end");
            if (const auto* raw = fields.raw("profile")) {
                std::vector<double> shares;
                bool good = raw->is_array();
                if (good)
                    for (const auto& w : raw->as_array()) {
                        if (!w.is_number()) {
                            good = false;
                            break;
                        }
                        shares.push_back(w.to_number<double>());
                    }
                if (good)
                    in.profile = shares;
                else
                    fields.fail("profile",
                                "The profile must be a list of shares in per cent, such "
                                "as [20, 25, 25, 30]");
            }
            if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());
            return items(
                r, s.set_target(c, in), [](const TargetRecord& t) { return to_json(t); }, 200);
        }));
    router.add(
        Method::Get, "/api/v1/indicators/{id}/assessment", {"period"},
        on_indicator(s, clock, [&s](Request& r, const Context& c, const Indicator& i) -> Response {
            auto a = s.assess(c, i.id, http::text_query_param(r, "period").value_or(""));
            if (!a) return http::problem_response(r, a.error());
            return http::json_response(200, to_json(*a));
        }));
    router.add(Method::Get, "/api/v1/indicators/{id}/history",
               on_indicator(s, clock, [&s](Request& r, const Context& c, const Indicator& i) {
                   return items(r, s.history(c, i.id),
                                [](const Assessment& a) { return to_json(a); });
               }));
    router.add(
        Method::Get, "/api/v1/indicators/{id}/deadline", {"period"},
        on_indicator(s, clock, [&s](Request& r, const Context& c, const Indicator& i) -> Response {
            auto d = s.deadline(c, i, http::text_query_param(r, "period").value_or(""));
            if (!d) return http::problem_response(r, d.error());
            return http::json_response(200, to_json(*d));
        }));
    // Values: one revision each, and its workflow.
    kit::add_resource<ValueInput, Value, kit::NoQuery>(
        router,
        {.base = "/api/v1/indicator-values",
         .parse = value_input,
         .view = [](const Value& v) { return to_json(v); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_value(c, id); },
         .update = [&s](const Context& c, const std::string& id, const ValueInput& in,
                        std::int64_t v) { return s.update_value(c, id, in, v); }},
        clock);
    for (std::string_view step : {"submit", "approve", "return"})
        router.add(Method::Post, fmt::format("/api/v1/indicator-values/{{id}}/{}", step),
                   [&s, &clock, step](Request& r) { return workflow(r, s, clock, step); });
}

}  // namespace civic::indicators
