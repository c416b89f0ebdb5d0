// SPDX-License-Identifier: AGPL-3.0-or-later
// The indicators pages: the list with its search and filters, and an indicator's own page
// (its definition, the trend chart with the same figures as a table, the latest rating and
// why, where the council stands among others, every revision of every value, its targets and
// the plan items it serves). The words every page shares live here too; entering values is in
// pages_values.cpp, the scorecard and data quality in pages_reports.cpp.

#include "civic/modules/indicators/pages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <memory>

#include "civic/core/ids.hpp"
#include "civic/core/period.hpp"
#include "civic/core/text.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/indicators/chart.hpp"
#include "civic/modules/indicators/pages_support.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/pages.hpp"

namespace civic::indicators {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace pages_detail {

namespace {
constexpr int k_per_page = 50;

const std::pair<std::string_view, std::string_view>* find_word(
    std::span<const std::pair<std::string_view, std::string_view>> table, std::string_view key) {
    for (const auto& entry : table)
        if (entry.first == key) return &entry;
    return nullptr;
}

std::string word_or(std::span<const std::pair<std::string_view, std::string_view>> table,
                    std::string_view key) {
    const auto* found = find_word(table, key);
    return found ? std::string(found->second) : capitalised(key);
}

// A number of per cent with at most one decimal place: "85%", "87.5%".
std::string percent(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s + "%";
}
}  // namespace

std::string indicator_href(const std::string& id) { return "/indicators/" + id; }
std::string value_href(const std::string& id) { return "/indicator-values/" + id; }

std::string capitalised(std::string_view s) {
    std::string out(s);
    if (!out.empty())
        out.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(out.front())));
    return out;
}

std::string unit_words(std::string_view unit) {
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"percentage", "Percentage"}, {"number", "Number"},
        {"money", "Money (pounds)"},  {"days", "Days"},
        {"ratio", "Ratio"},           {"rate-per-1000", "Rate per 1,000"}};
    return word_or(k_words, unit);
}

std::string polarity_words(std::string_view polarity) {
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"higher", "Higher is better"},
        {"lower", "Lower is better"},
        {"band", "Best within a target band"}};
    return word_or(k_words, polarity);
}

std::string frequency_words(std::string_view frequency) {
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"monthly", "Monthly"},
        {"quarterly", "Quarterly"},
        {"annual", "Annual"},
        {"multi-year", "Every few years"}};
    return word_or(k_words, frequency);
}

std::string aggregation_words(std::string_view aggregation) {
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"sum", "Added up: a year is the sum of its quarters or months"},
        {"mean", "Averaged: a year is the mean of its quarters or months"},
        {"last", "The latest: a year is its last quarter's or month's value"},
        {"ratio", "Recalculated: the numerators added up over the denominators added up"}};
    return word_or(k_words, aggregation);
}

std::string kind_words(std::string_view kind) {
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"statutory", "Statutory"}, {"local", "Local"}};
    return word_or(k_words, kind);
}

std::string rag_words(std::string_view rag) {
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"green", "Green"},
        {"amber", "Amber"},
        {"red", "Red"},
        {"none", "No target"},
        {"awaiting", "Awaiting a value"}};
    return word_or(k_words, rag);
}

json::object rag_tag(std::string_view rag) {
    std::string classes = "govuk-tag govuk-tag--grey";
    if (rag == "green") classes = "govuk-tag govuk-tag--green";
    if (rag == "amber") classes = "govuk-tag govuk-tag--orange";
    if (rag == "red") classes = "govuk-tag govuk-tag--red";
    return json::object{{"text", rag_words(rag)}, {"classes", classes}};
}

json::object direction_view(const Direction& d) {
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"better", "Better"}, {"same", "Same"}, {"worse", "Worse"}, {"none", "No comparison"}};
    std::string arrow;
    if (d.direction != "none" && d.change)
        arrow = *d.change > 0 ? "\u2191" : *d.change < 0 ? "\u2193" : "\u2192";
    return json::object{
        {"text", word_or(k_words, d.direction)}, {"arrow", arrow}, {"explanation", d.explanation}};
}

std::string rule_words(std::string_view rule) {
    auto parsed = parse_rag_rule(rule);
    if (!parsed) return std::string(rule);
    return capitalised(describe(*parsed));
}

Format format_of(const Indicator& i) {
    return Format{i.measure_unit, static_cast<int>(std::clamp<std::int64_t>(i.decimals, 0, 6))};
}

std::string figure(std::optional<double> v, const Indicator& i) {
    return v ? format_value(*v, format_of(i)) : std::string();
}

std::string target_text(const std::optional<TargetRecord>& t, const Indicator& i) {
    if (!t) return "";
    if (t->low && t->high) return figure(t->low, i) + " to " + figure(t->high, i);
    if (t->low) return "At least " + figure(t->low, i);
    if (t->high) return "At most " + figure(t->high, i);
    return figure(t->value, i);
}

std::string position_text(const std::optional<Position>& p, const Indicator& i) {
    if (!p) return "";
    const std::string among = fmt::format("{} council{}", p->count, p->count == 1 ? "" : "s");
    std::string out;
    if (p->value && p->quartile && p->rank)
        out = fmt::format("{} is in quartile {} of 4 (1 is the best) and ranks {} of {} for {}.",
                          figure(p->value, i), *p->quartile, *p->rank, among, p->period);
    else
        out = fmt::format("There is no figure for {} in {} among {}.",
                          p->area_name.empty() ? p->area : p->area_name, p->period, among);
    out += fmt::format(" The median is {}; the middle half of councils are from {} to {}.",
                       figure(p->median, i), figure(p->lower_quartile, i),
                       figure(p->upper_quartile, i));
    if (p->group && p->group_median && p->group_count)
        out += fmt::format(" Among {} ({} with a figure), the median is {}.",
                           *p->group == "neighbours" ? "its nearest neighbours" : *p->group,
                           *p->group_count, figure(p->group_median, i));
    return out;
}

std::string user_words(const Principal& reader, const std::string& recorded) {
    if (!is_id(recorded)) return recorded;
    if (recorded == reader.user_id)
        return reader.display_name.empty() ? reader.username : reader.display_name;
    return "another user";
}

std::string last_ended_quarter(const Date& today) {
    auto q = period_containing(today, PeriodKind::Quarter);
    if (!q) return "";
    auto before = q->previous();
    return before ? before->to_string() : q->to_string();
}

std::optional<std::optional<double>> form_number(
    const std::vector<std::pair<std::string, std::string>>& form, std::string_view name,
    std::string_view label, std::vector<FieldError>& errors) {
    const auto written = kit::form_value(form, name);
    if (!written) return std::nullopt;
    const std::string_view text = trim(*written);
    if (text.empty()) return std::optional<double>();
    if (auto n = parse_number(text)) return std::optional<double>(*n);
    errors.push_back({std::string(name),
                      fmt::format("{} must be a number, like 42 or 97.5", capitalised(label))});
    return std::nullopt;
}

json::array choices(const std::vector<std::pair<std::string, std::string>>& values,
                    std::string_view selected) {
    json::array out;
    for (const auto& [value, label] : values)
        out.push_back(
            json::object{{"value", value}, {"label", label}, {"selected", value == selected}});
    return out;
}

Response refused_page(const http::PageRenderer& pages, const Request& r, std::string_view tmpl,
                      std::string_view title, json::object view, const Error& error) {
    http::add_form_errors(view, error);
    return pages.page(r, tmpl, "Error: " + std::string(title), std::move(view),
                      http::status_for(error.kind));
}

Date Pages::today(const Context& c) const { return kit::today(c); }

std::string Pages::person_name(const Context& c, const std::optional<std::string>& id) const {
    if (!id || id->empty()) return "";
    auto found = org.get_person(c, *id);
    return found ? found->person.name : "";
}

std::vector<std::pair<std::string, std::string>> Pages::unit_choices(const Context& c) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& u : org.all_units(c)) out.emplace_back(u.id, u.name);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
    return out;
}

Result<Indicator> Pages::indicator_at(const Context& c, const Request& r) const {
    const std::string id(r.param("id"));
    if (trim(id).empty())
        return std::unexpected(Error::not_found("There is no indicator at this address."));
    return service.find_indicator(c, id);
}

// ---- The list ----

Response Pages::list(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string q(trim(r.query_param("q").value_or("")));
    const std::string unit(trim(r.query_param("unit").value_or("")));
    const std::string kind(trim(r.query_param("kind").value_or("")));
    const std::string frequency(trim(r.query_param("frequency").value_or("")));
    const std::string cursor(trim(r.query_param("cursor").value_or("")));
    const auto units = unit_choices(c);

    json::object view;
    view["q"] = q;
    view["units"] = choices(units, unit);
    view["kinds"] = kit::options(k_indicator_kinds, kind_words, kind);
    view["frequencies"] = kit::options(k_frequencies, frequency_words, frequency);
    view["filtering"] = !q.empty() || !unit.empty() || !kind.empty() || !frequency.empty();

    Error refused{ErrorKind::Validation, "", {}};
    const auto allowed = [](std::span<const std::string_view> list, const std::string& v) {
        return v.empty() || std::find(list.begin(), list.end(), v) != list.end();
    };
    if (!unit.empty() &&
        std::none_of(units.begin(), units.end(), [&](const auto& u) { return u.first == unit; }))
        refused.errors.push_back({"unit", "Choose a unit from the list"});
    if (!allowed(k_indicator_kinds, kind))
        refused.errors.push_back({"kind", "Choose statutory or local"});
    if (!allowed(k_frequencies, frequency))
        refused.errors.push_back({"frequency", "Choose how often it is measured from the list"});
    if (!cursor.empty() && !is_id(cursor))
        refused.errors.push_back(
            {"q", "The link to this page of indicators is not complete. Search again."});
    if (!refused.errors.empty())
        return refused_page(pages, r, "indicators/indicators", "Indicators", std::move(view),
                            refused);

    IndicatorQuery query;
    if (!q.empty()) query.q = q;
    if (!unit.empty()) query.unit_id = unit;
    if (!kind.empty()) query.kind = kind;
    if (!frequency.empty()) query.frequency = frequency;
    if (!cursor.empty()) query.cursor = cursor;
    auto found =
        kit::fill_page<Indicator>(k_per_page, query.cursor, [&](const auto& from, int limit) {
            query.cursor = from;
            query.limit = limit;
            return service.list_indicators(c, query);
        });
    if (!found) {
        if (found.error().kind == ErrorKind::Validation)
            return refused_page(pages, r, "indicators/indicators", "Indicators", std::move(view),
                                found.error());
        return kit::error_page(pages, r, found.error());
    }
    std::map<std::string, std::string> unit_names(units.begin(), units.end());
    json::array rows;
    for (const auto& i : found->items) {
        auto u = unit_names.find(i.unit_id);
        rows.push_back(json::object{{"href", indicator_href(i.id)},
                                    {"code", i.code},
                                    {"title", i.title},
                                    {"unit", u == unit_names.end() ? std::string() : u->second},
                                    {"kind", kind_words(i.kind)},
                                    {"frequency", frequency_words(i.frequency)},
                                    {"measure", unit_words(i.measure_unit)},
                                    {"polarity", polarity_words(i.polarity)}});
    }
    view["has_indicators"] = !rows.empty();
    view["indicators"] = std::move(rows);
    if (found->next_cursor) {
        std::vector<std::pair<std::string, std::string>> fields;
        for (const auto& [name, value] :
             {std::pair{"q", q}, {"unit", unit}, {"kind", kind}, {"frequency", frequency}})
            if (!value.empty()) fields.emplace_back(name, value);
        view["next_href"] = kit::next_page_href("/indicators", fields, *found->next_cursor);
    }
    return pages.page(r, "indicators/indicators", "Indicators", std::move(view));
}

// ---- An indicator ----

namespace {

// Where a linked record's page is, by its type.
std::string linked_href(std::string_view type, const std::string& id) {
    if (type == "plan_item") return "/plan-items/" + id;
    if (type == "plan") return "/plans/" + id;
    if (type == "review") return "/reviews/" + id;
    if (type == "indicator") return indicator_href(id);
    if (type == "unit") return "/units/" + id;
    if (type == "person") return "/people/" + id;
    return "";
}

json::array chart_table(const std::vector<Assessment>& history, const Indicator& i) {
    json::array rows;
    for (const auto& a : history) {
        std::string median;
        if (a.benchmark) median = figure(a.benchmark->median, i);
        rows.push_back(json::object{{"period", a.period},
                                    {"value", a.figure ? a.figure_text : std::string()},
                                    {"target", target_text(a.target, i)},
                                    {"rag", rag_tag(a.rating.rag)},
                                    {"median", median}});
    }
    return rows;
}

std::vector<ChartPoint> chart_points(const std::vector<Assessment>& history) {
    std::vector<ChartPoint> points;
    for (const auto& a : history) {
        ChartPoint p;
        p.period = a.period;
        p.value = a.figure;
        if (a.target) {
            p.target = a.target->value;
            p.target_low = a.target->low;
            p.target_high = a.target->high;
        }
        if (a.benchmark) {
            p.benchmark_median = a.benchmark->median;
            p.benchmark_lower = a.benchmark->lower_quartile;
            p.benchmark_upper = a.benchmark->upper_quartile;
        }
        p.rag = a.rating.rag;
        points.push_back(std::move(p));
    }
    return points;
}

json::object assessment_view(const Assessment& a, const Indicator& i) {
    json::object out{{"period", a.period},
                     {"figure", a.figure ? a.figure_text : std::string()},
                     {"target", target_text(a.target, i)},
                     {"rag", rag_tag(a.rating.rag)},
                     {"explanation", a.rating.explanation},
                     {"previous", direction_view(a.previous)},
                     {"previous_period", a.previous_period},
                     {"last_year", direction_view(a.last_year)},
                     {"last_year_period", a.last_year_period},
                     {"pending", a.pending}};
    if (a.aggregate) out["aggregate"] = a.aggregate->explanation;
    if (a.rating.deviation) {
        std::string deviation = format_difference(*a.rating.deviation, format_of(i));
        if (a.rating.deviation_percent)
            deviation += fmt::format(" ({} of the target)", percent(*a.rating.deviation_percent));
        out["deviation"] = deviation;
    }
    return out;
}

}  // namespace

Response Pages::indicator(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = indicator_at(c, r);
    if (!found) return kit::error_page(pages, r, found.error());
    const Indicator& i = *found;
    const bool can_enter = service.can_enter(c, i) && !i.archived_at;
    const bool can_edit = service.can_edit(c, i) && !i.archived_at;

    json::object view;
    std::string unit_name;
    if (auto u = org.get_unit(c, i.unit_id)) unit_name = u->name;
    json::object def{{"code", i.code},
                     {"title", i.title},
                     {"description", i.description},
                     {"unit", unit_name},
                     {"unit_href", "/units/" + i.unit_id},
                     {"measure", unit_words(i.measure_unit)},
                     {"decimals", i.decimals},
                     {"polarity", polarity_words(i.polarity)},
                     {"frequency", frequency_words(i.frequency)},
                     {"aggregation", aggregation_words(i.aggregation)},
                     {"kind", kind_words(i.kind)},
                     {"source", i.source},
                     {"rule", rule_words(i.rag_rule)},
                     {"rule_text", i.rag_rule},
                     {"commentary_required", i.commentary_required},
                     {"archived", i.archived_at.has_value()}};
    def["deadline"] = fmt::format(
        "{} working day{} after each period ends, not counting weekends, bank holidays or the "
        "days the council is closed",
        i.entry_deadline_days, i.entry_deadline_days == 1 ? "" : "s");
    for (auto [key, id] : {std::pair{"owner", &i.owner_person_id}, {"entry", &i.entry_person_id}}) {
        const std::string name = person_name(c, *id);
        def[key] = name;
        if (!name.empty()) def[std::string(key) + "_href"] = "/people/" + **id;
        def[std::string(key) + "_hidden"] = id->has_value() && name.empty();
    }
    if (i.plausible_min || i.plausible_max) {
        std::string range;
        if (i.plausible_min && i.plausible_max)
            range = "From " + figure(i.plausible_min, i) + " to " + figure(i.plausible_max, i);
        else if (i.plausible_min)
            range = "At least " + figure(i.plausible_min, i);
        else
            range = "At most " + figure(i.plausible_max, i);
        def["plausible"] = range;
    }
    if (i.baseline)
        def["baseline"] = figure(i.baseline, i) +
                          (i.baseline_period ? " in " + *i.baseline_period : std::string());
    if (i.benchmark_dataset && i.benchmark_metric)
        def["benchmark"] =
            fmt::format("“{}” in the {} dataset{}", *i.benchmark_metric, *i.benchmark_dataset,
                        i.benchmark_area ? ", for area " + *i.benchmark_area : std::string());
    view["indicator"] = std::move(def);
    view["can_enter"] = can_enter;
    view["new_value_href"] = indicator_href(i.id) + "/values/new";

    // The trend, its table and the latest rating.
    auto history = service.history(c, i.id);
    if (!history) return kit::error_page(pages, r, history.error());
    ChartOptions chart;
    chart.id = "trend";
    chart.title = i.code + ": " + i.title;
    chart.format = format_of(i);
    if (i.measure_unit == "percentage") percent_scale(chart);
    view["chart_svg"] = trend_chart_svg(chart_points(*history), chart);
    view["has_history"] = !history->empty();
    view["history"] = chart_table(*history, i);
    view["has_benchmark_column"] = std::any_of(history->begin(), history->end(),
                                               [](const Assessment& a) { return a.benchmark; });
    const Assessment* latest = nullptr;
    for (const auto& a : *history)
        if (a.figure) latest = &a;
    if (!latest && !history->empty()) latest = &history->back();
    if (latest) {
        view["latest"] = assessment_view(*latest, i);
        // Where the council stands among others: the latest period that has a benchmark.
        for (auto it = history->rbegin(); it != history->rend(); ++it)
            if (it->benchmark) {
                view["position"] = position_text(it->benchmark, i);
                break;
            }
    }

    // Every revision of every value, with what the caller may do next.
    auto values = service.list_values(c, i.id, std::nullopt);
    if (!values) return kit::error_page(pages, r, values.error());
    // Newest period first, as the service lists them, and within a period the newest revision.
    {
        std::map<std::string, std::size_t> first_seen;
        for (const auto& v : *values) first_seen.emplace(v.period, first_seen.size());
        std::stable_sort(values->begin(), values->end(), [&](const Value& a, const Value& b) {
            const auto pa = first_seen[a.period], pb = first_seen[b.period];
            return pa != pb ? pa < pb : a.revision > b.revision;
        });
    }
    std::map<std::string, bool> open_period;  // a period with a draft or submitted revision
    for (const auto& v : *values)
        if (v.status == "draft" || v.status == "submitted") open_period[v.period] = true;
    json::array revisions;
    for (const auto& v : *values) {
        // "Entered, submitted and approved by cli"; "Entered by ann; approved by bob".
        std::string who;
        {
            std::vector<std::pair<std::string, std::string>> steps{
                {"entered", user_words(r.principal, v.entered_by)}};
            if (v.submitted_by)
                steps.emplace_back("submitted", user_words(r.principal, *v.submitted_by));
            if (v.approved_by)
                steps.emplace_back("approved", user_words(r.principal, *v.approved_by));
            for (std::size_t k = 0; k < steps.size();) {
                std::size_t end = k + 1;
                while (end < steps.size() && steps[end].second == steps[k].second) ++end;
                std::string verbs;
                for (std::size_t j = k; j < end; ++j)
                    verbs += (j == k ? "" : j + 1 == end ? " and " : ", ") + steps[j].first;
                who += (who.empty() ? capitalised(verbs) : "; " + verbs) + " by " + steps[k].second;
                k = end;
            }
        }
        const std::string when = v.approved_at    ? *v.approved_at
                                 : v.submitted_at ? *v.submitted_at
                                                  : v.updated_at;
        std::string shown = figure(v.value, i);
        if (v.numerator && v.denominator)
            shown += fmt::format(" ({} out of {})", format_value(*v.numerator, Format{"number", 2}),
                                 format_value(*v.denominator, Format{"number", 2}));
        json::object row{{"id", v.id},
                         {"period", v.period},
                         {"revision", v.revision},
                         {"status", kit::status_tag(v.status)},
                         {"value", shown},
                         {"reason", v.reason},
                         {"note", v.note},
                         {"commentary", v.commentary},
                         {"who", who},
                         {"when", kit::display_date(when)},
                         {"version", v.version},
                         {"label", fmt::format("{} revision {}", v.period, v.revision)}};
        if (v.status == "draft" && can_enter) {
            row["edit_href"] = value_href(v.id) + "/edit";
            row["submit_action"] = value_href(v.id) + "/submit";
        }
        if (v.status == "submitted" && can_edit) {
            row["approve_action"] = value_href(v.id) + "/approve";
            row["return_href"] = value_href(v.id) + "/return";
        }
        if (v.status == "approved" && can_enter && !open_period.contains(v.period))
            row["correct_href"] =
                indicator_href(i.id) + "/values/new?period=" + http::url_encode(v.period);
        row["has_actions"] = row.contains("edit_href") || row.contains("approve_action") ||
                             row.contains("correct_href");
        revisions.push_back(std::move(row));
    }
    view["has_values"] = !revisions.empty();
    view["values"] = std::move(revisions);

    // Targets, each with how it was profiled.
    auto targets = service.list_targets(c, i.id);
    if (!targets) return kit::error_page(pages, r, targets.error());
    json::array target_rows;
    for (const auto& t : *targets)
        target_rows.push_back(json::object{
            {"period", t.period}, {"target", target_text(t, i)}, {"profile", t.profile}});
    view["has_targets"] = !target_rows.empty();
    view["targets"] = std::move(target_rows);

    // What it is linked to: the plan items and measures it serves, and anything else.
    json::array linked;
    if (auto shown = service.links_of(c, i.id)) {
        for (const auto& l : *shown) {
            const std::string& type = l.other.type;
            linked.push_back(json::object{
                {"words", kit::link_words(l.link.kind, l.outgoing)},
                {"label",
                 l.other.label.empty() ? capitalised(links.types().words(type)) : l.other.label},
                {"href", l.other.href.empty() ? linked_href(type, l.other.id) : l.other.href},
                {"note", l.link.note}});
        }
    }
    view["has_links"] = !linked.empty();
    view["links"] = std::move(linked);
    return pages.page(r, "indicators/indicator", i.code + " " + i.title, std::move(view));
}

}  // namespace pages_detail

void register_pages(http::Router& router, IndicatorService& service, org::OrgService& org,
                    kit::LinkService& links, http::PageRenderer& pages, const Clock& clock) {
    using pages_detail::Pages;
    pages.add_navigation({"Indicators", "/indicators", {"/indicators", "/indicator-values"}});
    auto p = std::make_shared<Pages>(Pages{service, org, links, pages, clock});
    const auto on = [&router, p](Method m, std::string pattern,
                                 Response (Pages::*fn)(Request&) const) {
        router.add(m, std::move(pattern), [p, fn](Request& r) { return ((*p).*fn)(r); });
    };
    // Fixed paths before patterns: the first match wins.
    on(Method::Get, "/indicators", &Pages::list);
    on(Method::Get, "/indicators/scorecard", &Pages::scorecard);
    on(Method::Get, "/indicators/data-quality", &Pages::data_quality);
    on(Method::Get, "/indicators/{id}", &Pages::indicator);
    on(Method::Get, "/indicators/{id}/values/new", &Pages::new_value);
    on(Method::Post, "/indicators/{id}/values", &Pages::create_value);
    on(Method::Get, "/indicator-values/{id}/edit", &Pages::edit_value);
    on(Method::Post, "/indicator-values/{id}", &Pages::update_value);
    on(Method::Post, "/indicator-values/{id}/submit", &Pages::submit_value);
    on(Method::Post, "/indicator-values/{id}/approve", &Pages::approve_value);
    on(Method::Get, "/indicator-values/{id}/return", &Pages::return_form);
    on(Method::Post, "/indicator-values/{id}/return", &Pages::return_value);
}

}  // namespace civic::indicators
