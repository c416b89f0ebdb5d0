// SPDX-License-Identifier: AGPL-3.0-or-later
// The statistics page: for a financial year, each case type's volumes, the share of each
// target met on time (with its numerator and denominator), extensions and stops, quarter by
// quarter as a chart of the main deadline's on-time percentage beside the same figures in a
// table, and the Ombudsman's findings; the annual complaints report to download. Counted by
// the service from the cases the reader may see (stats.hpp says what counts in a period).

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/period.hpp"
#include "civic/http/api_support.hpp"
#include "civic/modules/cases/pages_support.hpp"
#include "civic/modules/indicators/chart.hpp"
#include "civic/modules/kit/checks.hpp"

namespace civic::cases::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

std::string percent_text(const Ratio& r) {
    const auto p = r.percent();
    if (!p) return "None due";
    return fmt::format("{:.1f}% ({} of {})", *p, r.numerator, r.denominator);
}

// The deadline a type is judged by: its first stage's last target (the response).
const TargetStats* main_target(const TypeStats& t) {
    if (t.stages.empty() || t.stages.front().targets.empty()) return nullptr;
    return &t.stages.front().targets.back();
}

// "2025/26" for the financial year containing `d`.
std::string financial_year_of(Date d) {
    const auto p = period_containing(d, PeriodKind::FinancialYear);
    return p ? p->to_string() : std::string();
}

}  // namespace

Response Pages::statistics(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const Date today = kit::today(c);
    const std::string current = financial_year_of(today);
    const std::string year = http::text_query_param(r, "year").value_or(current);
    const auto type = http::text_query_param(r, "case_type_id");

    StatisticsQuery q;
    q.period = year;
    if (type) q.case_type_id = type;
    auto whole = service.statistics(c, q);
    if (!whole) return kit::error_page(pages, r, whole.error());
    const auto period = parse_period(whole->period);

    // The year's quarters, for the charts: each counted as the year is.
    std::vector<CaseStatistics> quarters;
    if (period)
        for (const auto& quarter : period->children()) {
            StatisticsQuery qq = q;
            qq.period = quarter.to_string();
            if (auto s = service.statistics(c, qq)) quarters.push_back(std::move(*s));
        }

    json::array types;
    for (std::size_t i = 0; i < whole->types.size(); ++i) {
        const TypeStats& t = whole->types[i];
        if (t.received == 0 && t.closed == 0 &&
            (!main_target(t) || main_target(t)->on_time().denominator == 0))
            continue;
        json::array targets;
        for (const auto& s : t.stages)
            for (const auto& g : s.targets)
                targets.push_back(json::object{
                    {"stage", s.name},
                    {"label", g.label},
                    {"on_time", percent_text(g.on_time())},
                    {"late", g.met_late},
                    {"overdue", g.overdue},
                    {"extensions", g.extensions},
                });
        json::array stages;
        for (const auto& s : t.stages)
            stages.push_back(
                json::object{{"name", s.name}, {"reached", s.reached}, {"closed", s.closed}});
        // The chart: the main deadline's on-time percentage, quarter by quarter.
        std::vector<indicators::ChartPoint> points;
        json::array rows;
        for (const auto& quarter : quarters) {
            const TypeStats* qt = nullptr;
            for (const auto& x : quarter.types)
                if (x.type.id == t.type.id) qt = &x;
            const TargetStats* target = qt ? main_target(*qt) : nullptr;
            indicators::ChartPoint point;
            point.period = quarter.period;
            point.rag = "none";
            if (target) point.value = target->on_time().percent();
            points.push_back(point);
            rows.push_back(
                json::object{{"period", quarter.period},
                             {"received", qt ? qt->received : 0},
                             {"on_time", target ? percent_text(target->on_time()) : "None due"}});
        }
        const TargetStats* main = main_target(t);
        indicators::ChartOptions chart;
        chart.id = fmt::format("chart-{}", i + 1);
        chart.title = fmt::format("{}: {} on time, quarter by quarter", t.type.name,
                                  main ? main->label : std::string("responses"));
        chart.format = indicators::Format{"percentage", 1};
        indicators::percent_scale(chart);
        types.push_back(json::object{{"name", t.type.name},
                                     {"code", t.type.code},
                                     {"received", t.received},
                                     {"closed", t.closed},
                                     {"extensions", t.extensions},
                                     {"stops", t.stops},
                                     {"main", main ? main->label : std::string()},
                                     {"main_on_time", main ? percent_text(main->on_time()) : ""},
                                     {"stages", std::move(stages)},
                                     {"targets", std::move(targets)},
                                     {"chart_svg", indicators::trend_chart_svg(points, chart)},
                                     {"quarters", std::move(rows)}});
    }

    const OmbudsmanStats& o = whole->ombudsman;
    Choices years;
    if (const auto now = parse_period(current))
        for (auto p = std::optional<Period>(*now); p && years.size() < 4; p = p->previous())
            years.emplace_back(p->to_string(), p->to_string());
    json::object view{
        {"period", whole->period},
        {"has_types", !types.empty()},
        {"types", std::move(types)},
        {"received", whole->received},
        {"received_words", whole->received == 1 ? "case" : "cases"},
        {"closed", whole->closed},
        {"year_options", kit::choices(years, whole->period)},
        {"type_options", kit::choices(type_choices(c), type.value_or(""))},
        {"ombudsman", json::object{{"enquiries", o.enquiries},
                                   {"decisions", o.decisions},
                                   {"upheld", o.upheld},
                                   {"maladministration", o.maladministration},
                                   {"injustice", o.injustice},
                                   {"local_settlements", o.local_settlements},
                                   {"remedies_agreed", o.remedies_agreed},
                                   {"not_upheld", o.not_upheld},
                                   {"initial", o.closed_after_initial_enquiries},
                                   {"compliance", percent_text(o.remedies.compliance())}}},
        {"report_href",
         fmt::format("/api/v1/case-reports/complaints?year={}&format=csv", whole->period)}};
    return pages.page(r, "cases/statistics", "Case statistics " + whole->period, std::move(view));
}

}  // namespace civic::cases::pages_detail
