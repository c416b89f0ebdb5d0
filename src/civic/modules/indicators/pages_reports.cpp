// SPDX-License-Identifier: AGPL-3.0-or-later
// The two pages that look across indicators: the scorecard of a period (every indicator's
// value, target, rating, directions of travel, benchmark position and sparkline, with the
// count of each rating) and data quality (late and missing values against their owners,
// revisions after approval, implausible values, and the two figures the performance team is
// judged on).

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <span>

#include "civic/core/ids.hpp"
#include "civic/core/period.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/indicators/chart.hpp"
#include "civic/modules/indicators/pages_support.hpp"
#include "civic/modules/kit/pages.hpp"
#include "civic/modules/plans/model.hpp"

namespace civic::indicators::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

std::string percent(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s + "%";
}

bool allowed(std::span<const std::string_view> list, const std::string& v) {
    return v.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

// A benchmark position, short, for a table cell: "Quartile 2, rank 12 of 150".
std::string position_short(const std::optional<Position>& p) {
    if (!p) return "";
    if (!p->quartile || !p->rank) return fmt::format("No figure among {}", p->count);
    return fmt::format("Quartile {}, rank {} of {}", *p->quartile, *p->rank, p->count);
}

json::object indicator_cell(const Indicator& i) {
    return json::object{{"code", i.code}, {"title", i.title}, {"href", indicator_href(i.id)}};
}

}  // namespace

// ---- The scorecard ----

Response Pages::scorecard(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const auto param = [&](std::string_view name) {
        return std::string(trim(r.query_param(name).value_or("")));
    };
    std::string period = param("period");
    const std::string unit = param("unit"), kind = param("kind"), rag = param("rag"),
                      theme = param("theme"), plan = param("plan");
    if (period.empty()) period = last_ended_quarter(today(c));
    const auto units = unit_choices(c);
    const auto plan_list = service.plans_with_indicators(c).value_or(
        std::vector<std::pair<std::string, std::string>>{});

    json::object view;
    view["period"] = period;
    view["units"] = choices(units, unit);
    view["kinds"] = kit::options(k_indicator_kinds, kind_words, kind);
    view["rags"] = kit::options(k_rags, rag_words, rag);
    view["themes"] = kit::options(plans::k_best_value_themes, capitalised, theme);
    view["plan"] = plan;
    view["plans"] = choices(plan_list, plan);
    view["has_plans"] = !plan_list.empty();
    view["default_period"] = last_ended_quarter(today(c));

    Error refused{ErrorKind::Validation, "", {}};
    if (!unit.empty() &&
        std::none_of(units.begin(), units.end(), [&](const auto& u) { return u.first == unit; }))
        refused.errors.push_back({"unit", "Choose a unit from the list"});
    if (!allowed(k_indicator_kinds, kind))
        refused.errors.push_back({"kind", "Choose statutory or local"});
    if (!allowed(k_rags, rag)) refused.errors.push_back({"rag", "Choose a rating from the list"});
    if (!allowed(plans::k_best_value_themes, theme))
        refused.errors.push_back({"theme", "Choose a Best Value theme from the list"});
    if (!plan.empty() && !is_id(plan))
        refused.errors.push_back(
            {"plan", "The link to this plan's scorecard is not complete. Go back to the plan."});
    const std::string title = "Scorecard";
    if (!refused.errors.empty())
        return refused_page(pages, r, "indicators/scorecard", title, std::move(view), refused);

    ScorecardQuery q;
    q.period = period;
    if (!unit.empty()) q.unit_id = unit;
    if (!kind.empty()) q.kind = kind;
    if (!rag.empty()) q.rag = rag;
    if (!theme.empty()) q.theme = theme;
    if (!plan.empty()) q.plan_id = plan;
    auto card = service.scorecard(c, q);
    if (!card) {
        if (card.error().kind == ErrorKind::Validation ||
            card.error().kind == ErrorKind::NotFound) {
            Error shown = card.error();
            if (shown.kind == ErrorKind::NotFound)
                shown = Error::validation("plan",
                                          "There is no plan you can see at the address given. "
                                          "Go back to the plan.");
            return refused_page(pages, r, "indicators/scorecard", title, std::move(view), shown);
        }
        return kit::error_page(pages, r, card.error());
    }
    view["period"] = card->period;
    view["every_href"] = "/indicators/scorecard?period=" + http::url_encode(card->period);
    json::array rows;
    for (const auto& row : card->rows) {
        const Assessment& a = row.assessment;
        const Indicator& i = a.indicator;
        rows.push_back(json::object{{"indicator", indicator_cell(i)},
                                    {"figure", a.figure ? a.figure_text : std::string()},
                                    {"target", target_text(a.target, i)},
                                    {"rag", rag_tag(a.rating.rag)},
                                    {"explanation", a.rating.explanation},
                                    {"previous", direction_view(a.previous)},
                                    {"last_year", direction_view(a.last_year)},
                                    {"benchmark", position_short(a.benchmark)},
                                    {"pending", a.pending},
                                    {"sparkline", sparkline_svg(row.trend)}});
    }
    view["has_rows"] = !rows.empty();
    view["rows"] = std::move(rows);
    json::array counts;
    for (auto [name, n] : {std::pair{"green", card->green},
                           {"amber", card->amber},
                           {"red", card->red},
                           {"none", card->none},
                           {"awaiting", card->awaiting}})
        counts.push_back(json::object{{"rag", name}, {"tag", rag_tag(name)}, {"count", n}});
    view["counts"] = std::move(counts);
    view["total"] = static_cast<std::int64_t>(card->rows.size());
    return pages.page(r, "indicators/scorecard", title + " for " + card->period, std::move(view));
}

// ---- Data quality ----

Response Pages::data_quality(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string year(trim(r.query_param("year").value_or("")));
    const std::string unit(trim(r.query_param("unit").value_or("")));
    const auto units = unit_choices(c);
    json::object view;
    view["year"] = year;
    view["units"] = choices(units, unit);
    const std::string title = "Data quality";
    if (!unit.empty() &&
        std::none_of(units.begin(), units.end(), [&](const auto& u) { return u.first == unit; }))
        return refused_page(pages, r, "indicators/data_quality", title, std::move(view),
                            Error::validation("unit", "Choose a unit from the list"));

    DataQualityQuery q;
    if (!year.empty()) q.year = year;
    if (!unit.empty()) q.unit_id = unit;
    auto dq = service.data_quality(c, q);
    if (!dq) {
        if (dq.error().kind == ErrorKind::Validation)
            return refused_page(pages, r, "indicators/data_quality", title, std::move(view),
                                dq.error());
        return kit::error_page(pages, r, dq.error());
    }
    view["year"] = dq->year;
    view["due"] = dq->due;
    view["on_time"] = dq->on_time;
    view["never_revised"] = dq->never_revised;
    view["on_time_percent"] = dq->on_time_percent ? percent(*dq->on_time_percent) : "";
    view["never_revised_percent"] =
        dq->never_revised_percent ? percent(*dq->never_revised_percent) : "";
    view["explanation"] = dq->explanation;

    json::array late;
    for (const auto& l : dq->late) {
        json::array counted;
        for (const auto& line : l.deadline_explanation) counted.push_back(json::value(line));
        std::string how_late;
        if (l.state == "missing")
            how_late = l.working_days_late == 0
                           ? "Due today"
                           : fmt::format("{} working day{} late", l.working_days_late,
                                         l.working_days_late == 1 ? "" : "s");
        late.push_back(json::object{
            {"indicator", indicator_cell(l.indicator)},
            {"period", l.period},
            {"deadline", kit::display_date(l.deadline)},
            {"counted", std::move(counted)},
            {"has_counted", !l.deadline_explanation.empty()},
            {"state",
             l.state == "missing"
                 ? json::object{{"text", "Missing"}, {"classes", "govuk-tag govuk-tag--red"}}
                 : json::object{{"text", "Due soon"}, {"classes", "govuk-tag govuk-tag--yellow"}}},
            {"how_late", how_late},
            {"owner", l.owner_name},
            {"entry", l.entry_name}});
    }
    view["has_late"] = !late.empty();
    view["late"] = std::move(late);

    json::array revised;
    for (const auto& rv : dq->revised) {
        const Indicator& i = rv.indicator;
        revised.push_back(json::object{{"indicator", indicator_cell(i)},
                                       {"period", rv.value.period},
                                       {"revision", rv.value.revision},
                                       {"before", figure(rv.before, i)},
                                       {"after", figure(rv.value.value, i)},
                                       {"status", kit::status_tag(rv.value.status)},
                                       {"reason", rv.value.reason},
                                       {"who", user_words(r.principal, rv.value.entered_by)}});
    }
    view["has_revised"] = !revised.empty();
    view["revised"] = std::move(revised);

    json::array implausible;
    for (const auto& im : dq->implausible)
        implausible.push_back(json::object{{"indicator", indicator_cell(im.indicator)},
                                           {"period", im.value.period},
                                           {"value", figure(im.value.value, im.indicator)},
                                           {"status", kit::status_tag(im.value.status)},
                                           {"why", im.why}});
    view["has_implausible"] = !implausible.empty();
    view["implausible"] = std::move(implausible);
    return pages.page(r, "indicators/data_quality", title + " " + dq->year, std::move(view));
}

}  // namespace civic::indicators::pages_detail
