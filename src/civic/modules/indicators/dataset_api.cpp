// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/dataset_api.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <set>

#include "civic/core/json.hpp"
#include "civic/core/text.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/indicators/dataset_views.hpp"

namespace civic::indicators {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// A dataset's file, sent as text in the body: the whole of a large CSV file.
constexpr std::size_t k_file = 64 * 1024 * 1024;

// The dataset with its metrics (each with the periods it has values for) and every period.
Result<json::object> dataset_detail(DatasetService& s, const Context& ctx,
                                    const std::string& name) {
    CIVIC_TRY(const auto d, s.get_dataset(ctx, name));
    CIVIC_TRY(const auto metrics, s.metrics(ctx, name));
    json::array shown;
    std::set<std::string> periods;
    for (const auto& m : metrics) {
        shown.push_back(to_json(m));
        periods.insert(m.periods.begin(), m.periods.end());
    }
    auto out = to_json(d);
    out["metrics"] = std::move(shown);
    json::array all;
    for (const auto& p : periods) all.push_back(json::value(p));
    out["periods"] = std::move(all);
    return out;
}

// A query parameter the route cannot do without: a 422 naming it when absent or blank.
Result<std::string> required_param(const Request& r, std::string_view name, std::string_view what) {
    const auto v = r.query_param(name);
    if (!v || trim(*v).empty())
        return std::unexpected(Error::validation(std::string(name), fmt::format("Give {}", what)));
    return std::string(trim(*v));
}

std::optional<std::string> optional_param(const Request& r, std::string_view name) {
    const auto v = r.query_param(name);
    if (!v || trim(*v).empty()) return std::nullopt;
    return std::string(trim(*v));
}

Response list(const Request& r, DatasetService& s, const Clock& clock) {
    auto found = s.list_datasets(http::context_for(r, clock));
    if (!found) return http::problem_response(r, found.error());
    json::array items;
    for (const auto& d : *found) items.push_back(to_json(d));
    return http::json_response(200, json::object{{"items", std::move(items)}});
}

Response show(const Request& r, DatasetService& s, const Clock& clock) {
    auto detail = dataset_detail(s, http::context_for(r, clock), std::string(r.param("name")));
    if (!detail) return http::problem_response(r, detail.error());
    return http::json_response(200, *detail);
}

Response import(const Request& r, DatasetService& s, const Clock& clock) {
    auto body = http::json_body(r);
    if (!body) return http::problem_response(r, body.error());
    // The neighbours may come as JSON text, as the file holds them, or as the object itself.
    std::optional<std::string> neighbours;
    std::optional<FieldError> neighbours_fault;
    if (const auto* v = body->if_contains("neighbours")) {
        if (v->is_string())
            neighbours = std::string(v->as_string());
        else if (v->is_object())
            neighbours = json::serialize(*v);
        else if (!v->is_null())
            neighbours_fault = FieldError{"neighbours",
                                          "Neighbours must be an object naming each area's "
                                          "neighbours, or that object as JSON text"};
        body->erase("neighbours");
    }
    JsonFields fields(*body);
    const auto name = fields.required_text("name", "the dataset's name", 60);
    const auto title = fields.optional_text("title", "Title", 300);
    const auto source = fields.optional_text("source", "Source", 2000);
    const auto values = fields.required_text("values", "the values file, as CSV text", k_file);
    const auto groups = fields.optional_text("groups", "The groups file", k_file);
    const auto metrics = fields.optional_text("metrics", "The metrics file", k_file);
    if (neighbours_fault) fields.fail(neighbours_fault->field, neighbours_fault->message);
    if (auto done = fields.finish(); !done) return http::problem_response(r, done.error());

    DatasetFiles files;
    files.title = title.value_or("");
    files.source = source.value_or("");
    files.values = values;
    if (groups && !groups->empty()) files.groups = *groups;
    if (metrics && !metrics->empty()) files.metrics = *metrics;
    if (neighbours && !trim(*neighbours).empty()) files.neighbours = *neighbours;
    const auto ctx = http::context_for(r, clock);
    auto done = s.import_dataset(ctx, name, files);
    if (!done) return http::problem_response(r, done.error());
    auto detail = dataset_detail(s, ctx, name);
    if (!detail) return http::problem_response(r, detail.error());
    // 201 for a new dataset; 200 when the import replaced an earlier one of the same name.
    const bool created = (*detail)["version"].as_int64() == 1;
    auto out = http::json_response(created ? 201 : 200, *detail);
    out.set_header("location", "/api/v1/datasets/" + name);
    return out;
}

Response benchmark(const Request& r, DatasetService& s, const Clock& clock) {
    const std::string name(r.param("name"));
    std::vector<FieldError> missing;
    auto period =
        required_param(r, "period", "period: a period as the dataset writes it, such as 2022-23");
    auto area =
        required_param(r, "area", "area: the area's code in the dataset, such as E08000009");
    for (const auto* p : {&period, &area})
        if (!*p) missing.push_back(p->error().errors.front());
    if (!missing.empty()) return http::problem_response(r, Error::validation(std::move(missing)));
    const auto metric = optional_param(r, "metric");
    const auto group = optional_param(r, "group");
    const auto ctx = http::context_for(r, clock);
    if (metric) {
        auto found = s.benchmark(ctx, name, *metric, *period, *area, group);
        if (!found) return http::problem_response(r, found.error());
        return http::json_response(200, position_json(*found));
    }
    auto found = s.benchmark_all(ctx, name, *period, *area, group);
    if (!found) return http::problem_response(r, found.error());
    json::array items;
    for (const auto& p : *found) items.push_back(position_json(p));
    return http::json_response(200, json::object{{"items", std::move(items)}});
}

}  // namespace

void register_dataset_api(http::Router& router, DatasetService& s, const Clock& clock) {
    router.add(Method::Get, "/api/v1/datasets",
               [&s, &clock](Request& r) { return list(r, s, clock); });
    router.add(Method::Post, "/api/v1/datasets",
               [&s, &clock](Request& r) { return import(r, s, clock); });
    router.add(Method::Get, "/api/v1/datasets/{name}",
               [&s, &clock](Request& r) { return show(r, s, clock); });
    router.add(Method::Get, "/api/v1/datasets/{name}/benchmark",
               {"metric", "period", "area", "group"},
               [&s, &clock](Request& r) { return benchmark(r, s, clock); });
}

}  // namespace civic::indicators
