// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/views.hpp"

#include <boost/json.hpp>

#include "civic/modules/indicators/dataset_views.hpp"

namespace civic::indicators {
namespace json = boost::json;

namespace {

json::value opt(const std::optional<double>& d) {
    return d ? json::value(*d) : json::value(nullptr);
}
json::value opt(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}
json::array lines(const std::vector<std::string>& text) {
    json::array out;
    for (const auto& line : text) out.push_back(json::value(line));
    return out;
}

// An indicator as a row names it.
json::object brief(const Indicator& i) {
    return json::object{{"id", i.id},
                        {"code", i.code},
                        {"title", i.title},
                        {"measure_unit", i.measure_unit},
                        {"polarity", i.polarity},
                        {"frequency", i.frequency}};
}

}  // namespace

json::object to_json(const Rating& r) {
    return json::object{{"rag", r.rag},
                        {"met", r.met},
                        {"deviation", opt(r.deviation)},
                        {"deviation_percent", opt(r.deviation_percent)},
                        {"explanation", r.explanation}};
}

json::object to_json(const Direction& d) {
    return json::object{{"direction", d.direction},
                        {"compared_with", opt(d.compared_with)},
                        {"change", opt(d.change)},
                        {"explanation", d.explanation}};
}

json::object to_json(const Aggregate& a) {
    return json::object{{"value", opt(a.value)},
                        {"numerator", opt(a.numerator)},
                        {"denominator", opt(a.denominator)},
                        {"parts", a.parts},
                        {"explanation", a.explanation}};
}

json::object to_json(const Assessment& a) {
    return json::object{
        {"indicator", brief(a.indicator)},
        {"period", a.period},
        {"value", a.figure ? json::value(*a.figure) : json::value(nullptr)},
        {"value_text", a.figure_text},
        {"value_record", a.value ? json::value(to_json(*a.value)) : json::value(nullptr)},
        {"aggregate", a.aggregate ? json::value(to_json(*a.aggregate)) : json::value(nullptr)},
        {"target", a.target ? json::value(to_json(*a.target)) : json::value(nullptr)},
        {"rag", a.rating.rag},
        {"rating", to_json(a.rating)},
        {"explanation", a.rating.explanation},
        {"direction_previous", a.previous.direction},
        {"direction_last_year", a.last_year.direction},
        {"previous", to_json(a.previous)},
        {"previous_period", a.previous_period},
        {"last_year", to_json(a.last_year)},
        {"last_year_period", a.last_year_period},
        {"benchmark",
         a.benchmark ? json::value(position_json(*a.benchmark)) : json::value(nullptr)},
        {"pending", a.pending}};
}

json::object to_json(const Scorecard& s) {
    json::array rows;
    for (const auto& row : s.rows) {
        json::object r = to_json(row.assessment);
        json::array trend;
        for (const auto& v : row.trend) trend.push_back(opt(v));
        r["trend"] = std::move(trend);
        rows.push_back(std::move(r));
    }
    return json::object{{"period", s.period},
                        {"items", std::move(rows)},
                        {"counts", json::object{{"green", s.green},
                                                {"amber", s.amber},
                                                {"red", s.red},
                                                {"none", s.none},
                                                {"awaiting", s.awaiting}}}};
}

json::object to_json(const LateValue& v) {
    return json::object{{"indicator", brief(v.indicator)},
                        {"period", v.period},
                        {"deadline", v.deadline},
                        {"deadline_explanation", lines(v.deadline_explanation)},
                        {"working_days_late", v.working_days_late},
                        {"state", v.state},
                        {"owner_person_id", opt(v.indicator.owner_person_id)},
                        {"owner_name", v.owner_name},
                        {"entry_person_id", opt(v.indicator.entry_person_id)},
                        {"entry_name", v.entry_name}};
}

json::object to_json(const DataQuality& d) {
    json::array late, revised, implausible;
    for (const auto& v : d.late) late.push_back(to_json(v));
    for (const auto& r : d.revised)
        revised.push_back(json::object{{"indicator", brief(r.indicator)},
                                       {"value", to_json(r.value)},
                                       {"before", opt(r.before)}});
    for (const auto& i : d.implausible)
        implausible.push_back(json::object{
            {"indicator", brief(i.indicator)}, {"value", to_json(i.value)}, {"why", i.why}});
    return json::object{{"year", d.year},
                        {"due", d.due},
                        {"on_time", d.on_time},
                        {"never_revised", d.never_revised},
                        {"on_time_percent", opt(d.on_time_percent)},
                        {"never_revised_percent", opt(d.never_revised_percent)},
                        {"explanation", d.explanation},
                        {"late", std::move(late)},
                        {"revised", std::move(revised)},
                        {"implausible", std::move(implausible)}};
}

json::object to_json(const Reminder& r) {
    json::object out = to_json(r.value);
    out["person_id"] = r.person_id;
    out["person_name"] = r.person_name;
    return out;
}

json::object to_json(const ExplainedDeadline& d) {
    return json::object{{"date", d.date}, {"explanation", lines(d.explanation)}};
}

json::object to_json(const ImportSummary& s) {
    return json::object{{"created", s.created},
                        {"updated", s.updated},
                        {"values", s.values},
                        {"targets", s.targets},
                        {"unchanged", s.unchanged}};
}

}  // namespace civic::indicators
