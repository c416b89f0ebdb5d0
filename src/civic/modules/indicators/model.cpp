// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/model.hpp"

#include <boost/json.hpp>

#include "civic/modules/indicators/rating.hpp"

namespace civic::indicators {
namespace json = boost::json;

namespace {

json::value opt(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}
json::value opt(const std::optional<double>& d) {
    return d ? json::value(*d) : json::value(nullptr);
}

}  // namespace

json::object to_json(const Indicator& i) {
    json::object rule;
    if (auto parsed = parse_rag_rule(i.rag_rule)) rule = to_json(*parsed);
    return json::object{{"id", i.id},
                        {"code", i.code},
                        {"title", i.title},
                        {"description", i.description},
                        {"unit_id", i.unit_id},
                        {"measure_unit", i.measure_unit},
                        {"decimals", i.decimals},
                        {"polarity", i.polarity},
                        {"frequency", i.frequency},
                        {"aggregation", i.aggregation},
                        {"kind", i.kind},
                        {"source", i.source},
                        {"owner_person_id", opt(i.owner_person_id)},
                        {"entry_person_id", opt(i.entry_person_id)},
                        {"entry_deadline_days", i.entry_deadline_days},
                        {"rag_rule", std::move(rule)},
                        {"commentary_required", i.commentary_required},
                        {"plausible_min", opt(i.plausible_min)},
                        {"plausible_max", opt(i.plausible_max)},
                        {"baseline", opt(i.baseline)},
                        {"baseline_period", opt(i.baseline_period)},
                        {"benchmark_dataset", opt(i.benchmark_dataset)},
                        {"benchmark_metric", opt(i.benchmark_metric)},
                        {"benchmark_area", opt(i.benchmark_area)},
                        {"archived_at", opt(i.archived_at)},
                        {"version", i.version},
                        {"created_at", i.created_at},
                        {"updated_at", i.updated_at}};
}

json::object to_json(const Value& v) {
    return json::object{{"id", v.id},
                        {"indicator_id", v.indicator_id},
                        {"period", v.period},
                        {"revision", v.revision},
                        {"value", opt(v.value)},
                        {"numerator", opt(v.numerator)},
                        {"denominator", opt(v.denominator)},
                        {"note", v.note},
                        {"commentary", v.commentary},
                        {"status", v.status},
                        {"reason", v.reason},
                        {"entered_by", v.entered_by},
                        {"submitted_by", opt(v.submitted_by)},
                        {"submitted_at", opt(v.submitted_at)},
                        {"approved_by", opt(v.approved_by)},
                        {"approved_at", opt(v.approved_at)},
                        {"version", v.version},
                        {"created_at", v.created_at},
                        {"updated_at", v.updated_at}};
}

json::object to_json(const TargetRecord& t) {
    return json::object{{"id", t.id},
                        {"indicator_id", t.indicator_id},
                        {"period", t.period},
                        {"value", opt(t.value)},
                        {"low", opt(t.low)},
                        {"high", opt(t.high)},
                        {"profiled_from", opt(t.profiled_from)},
                        {"profile", t.profile},
                        {"version", t.version},
                        {"created_at", t.created_at},
                        {"updated_at", t.updated_at}};
}

}  // namespace civic::indicators
