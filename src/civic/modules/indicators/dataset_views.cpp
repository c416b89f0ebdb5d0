// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/dataset_views.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace civic::indicators {
namespace json = boost::json;

namespace {

template <typename T>
json::value or_null(const std::optional<T>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::value polarity_or_null(const std::string& polarity) {
    return polarity.empty() ? json::value(nullptr) : json::value(polarity);
}

}  // namespace

json::object to_json(const Dataset& d) {
    return {{"id", d.id},
            {"name", d.name},
            {"title", d.title},
            {"source", d.source},
            {"value_count", d.value_count},
            {"version", d.version},
            {"created_at", d.created_at},
            {"updated_at", d.updated_at}};
}

json::object to_json(const DatasetService::Metric& m) {
    json::array periods;
    for (const auto& p : m.periods) periods.push_back(json::value(p));
    return {{"metric", m.metric},
            {"title", m.title},
            {"polarity", polarity_or_null(m.polarity)},
            {"periods", std::move(periods)}};
}

json::object to_json(const DatasetSummary& s) {
    return {{"name", s.name},
            {"values", s.values},
            {"metrics", s.metrics},
            {"areas", s.areas},
            {"periods", s.periods},
            {"groups", s.groups},
            {"neighbours", s.neighbours}};
}

json::object position_json(const Position& p) {
    json::object o{{"metric", p.metric},
                   {"metric_title", p.metric_title},
                   {"polarity", polarity_or_null(p.polarity)},
                   {"period", p.period},
                   {"area", p.area},
                   {"area_name", p.area_name},
                   {"value", or_null(p.value)},
                   {"count", p.count},
                   {"mean", p.mean},
                   {"median", p.median},
                   {"lower_quartile", p.lower_quartile},
                   {"upper_quartile", p.upper_quartile},
                   {"quartile", or_null(p.quartile)},
                   {"rank", or_null(p.rank)},
                   {"mad", p.mad},
                   {"mads_from_median", or_null(p.mads_from_median)}};
    if (p.group) {
        o["group"] = *p.group;
        o["group_count"] = p.group_count.value_or(0);
        o["group_mean"] = or_null(p.group_mean);
        o["group_median"] = or_null(p.group_median);
    }
    return o;
}

}  // namespace civic::indicators
