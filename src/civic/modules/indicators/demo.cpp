// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's indicators, from data/demo/indicators/ (compiled into the binary), made
// as the council would have made them, through the same service calls the API, the pages
// and the command line use:
//
//   datasets/oflog-asc/   the benchmark dataset, imported first when this build has it;
//   indicators.csv        the definitions, through import_indicators_csv;
//   workflow.json         "targets": the targets a values file cannot give (a band, a year
//                         shared out over its quarters by a profile), set with set_target;
//   values.csv            the history, through import_values_csv, one batch for each day
//                         the figures were approved, with the clock set to that day, so
//                         that the data-quality figures (published by the deadline, never
//                         revised) are those of a council that mostly kept to its deadlines;
//   workflow.json         "late_approvals": the values approved after their deadline, and
//                         on which day; "corrections": an approved value corrected with a
//                         reason, submitted and approved again; "in_progress": the latest
//                         values still in draft or awaiting approval;
//   links.csv             each indicator linked from the plan items it measures (the demo
//                         plans must be loaded first), the measure it answers in the note.
//
// An approval day not given is two days before the value's deadline (core/working_days, as
// the service counts it), or the Friday before when that is a weekend. Targets a values line
// sets on its own, without a value, are set a fortnight before their period starts.

#include "civic/modules/kit/demo.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <set>

#include "civic/core/csv.hpp"
#include "civic/core/date.hpp"
#include "civic/core/period.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/indicators/service_support.hpp"
#include "civic/modules/plans/repo.hpp"

namespace civic::indicators {
using store::Connection;
namespace json = boost::json;

namespace {

constexpr std::string_view k_dataset = "oflog-asc";

Error demo_error(std::string_view what, std::string_view key, const Error& e) {
    return kit::demo_error("demo indicators'", what, key, e);
}

Error missing(std::string_view what) {
    return Error::internal(
        fmt::format("The demo indicators are incomplete in this build: {}.", what));
}

// The day's clock for what was done on it: 2 pm, in the working day.
Context on(const Context& ctx, const Date& day) {
    Context c = ctx;
    c.now = std::chrono::sys_days(day) + std::chrono::hours(14);
    return c;
}

// A weekday on or before d.
Date weekday_on_or_before(Date d) {
    const auto w = weekday_of(d);
    if (w == std::chrono::Saturday) return add_days(d, -1);
    if (w == std::chrono::Sunday) return add_days(d, -2);
    return d;
}

std::optional<std::string> text(const json::object& o, std::string_view key) {
    return kit::demo_text(o, key);
}

std::optional<double> number(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (v->is_int64()) return static_cast<double>(v->as_int64());
    if (v->is_double()) return v->as_double();
    return std::nullopt;
}

Result<Date> day(const json::object& o, std::string_view key, std::string_view where) {
    if (auto t = text(o, key))
        if (auto d = parse_iso_date(*t)) return *d;
    return std::unexpected(missing(fmt::format("{} has no date \"{}\"", where, key)));
}

// The canonical text of a period as written in a demo file.
Result<Period> period_of(std::string_view text, std::string_view where) {
    auto p = parse_period(text);
    if (!p) return std::unexpected(missing(fmt::format("{}: {}", where, p.error())));
    return *p;
}

}  // namespace

Result<ImportSummary> IndicatorService::load_demo(const Context& ctx,
                                                  const std::vector<DemoFile>& files) {
    const auto file = [&](std::string_view name) -> std::optional<std::string_view> {
        for (const auto& f : files)
            if (f.name == name) return f.text;
        return std::nullopt;
    };
    for (const auto* name : {"indicators.csv", "values.csv", "links.csv", "workflow.json"})
        if (!file(name)) return std::unexpected(missing(fmt::format("there is no {}", name)));
    boost::system::error_code ec;
    const json::value workflow_doc = json::parse(*file("workflow.json"), ec);
    if (ec || !workflow_doc.is_object())
        return std::unexpected(missing("workflow.json is not valid JSON"));
    const json::object& workflow = workflow_doc.as_object();
    const auto list = [&](std::string_view key) -> json::array {
        const auto* v = workflow.if_contains(key);
        return v && v->is_array() ? v->as_array() : json::array{};
    };

    const bool has_indicators = m_db.read([](Connection& c) {
        return c
            .query_one("SELECT 1 FROM indicators LIMIT 1", {},
                       [](const store::Row&) { return true; })
            .has_value();
    });
    if (has_indicators)
        return std::unexpected(Error::conflict(
            "This database already has indicators, so the demo indicators were not loaded."));

    ImportSummary summary;

    // The benchmark dataset one indicator is compared against, when this build has it.
    const std::string dir = fmt::format("datasets/{}/", k_dataset);
    if (const auto values = file(dir + "values.csv")) {
        DatasetFiles d;
        d.title = "Oflog adult social care metrics";
        d.source =
            "Office for Local Government (Oflog), adult social care measures ASC1 to ASC7 for "
            "English councils, with each council's nearest neighbours";
        d.values = *values;
        d.groups = file(dir + "groups.csv");
        d.metrics = file(dir + "metrics.csv");
        d.neighbours = file(dir + "neighbours.json");
        auto imported = m_datasets.import_dataset(ctx, std::string(k_dataset), d);
        if (!imported) return std::unexpected(demo_error("dataset", k_dataset, imported.error()));
    }

    // The definitions.
    auto defined = import_indicators_csv(ctx, *file("indicators.csv"));
    if (!defined) return std::unexpected(demo_error("file", "indicators.csv", defined.error()));
    summary.created = defined->created;

    std::map<std::string, Indicator, std::less<>> indicators;
    const auto indicator = [&](std::string_view code) -> Result<Indicator> {
        if (const auto it = indicators.find(code); it != indicators.end()) return it->second;
        auto found = find_indicator(ctx, std::string(code));
        if (!found)
            return std::unexpected(
                missing(fmt::format("indicators.csv has no indicator {}", code)));
        indicators.emplace(std::string(code), *found);
        return *found;
    };

    // The targets a values file cannot give: bands, and years shared out by a profile.
    for (const auto& v : list("targets")) {
        const auto& t = v.as_object();
        const std::string code = text(t, "indicator").value_or("");
        const std::string where = fmt::format("{} {}", code, text(t, "period").value_or(""));
        CIVIC_TRY(const auto i, indicator(code));
        CIVIC_TRY(const auto p, period_of(text(t, "period").value_or(""), where));
        TargetInput in;
        in.indicator_id = i.id;
        in.period = p.to_string();
        if (auto n = number(t, "value")) in.value = std::optional<double>(*n);
        if (auto n = number(t, "low")) in.low = std::optional<double>(*n);
        if (auto n = number(t, "high")) in.high = std::optional<double>(*n);
        if (const auto* profile = t.if_contains("profile"); profile && profile->is_array()) {
            std::vector<double> shares;
            for (const auto& s : profile->as_array())
                shares.push_back(s.is_int64()    ? static_cast<double>(s.as_int64())
                                 : s.is_double() ? s.as_double()
                                                 : 0);
            in.profile = shares;
        }
        auto set = set_target(on(ctx, add_days(p.start(), -14)), in);
        if (!set) return std::unexpected(demo_error("target", where, set.error()));
        summary.targets += static_cast<std::int64_t>(set->size());
    }

    // The values approved late, and on which day.
    std::map<std::pair<std::string, std::string>, Date> late;
    for (const auto& v : list("late_approvals")) {
        const auto& a = v.as_object();
        const std::string code = text(a, "indicator").value_or("");
        const std::string where = fmt::format("late approval of {}", code);
        CIVIC_TRY(const auto p, period_of(text(a, "period").value_or(""), where));
        CIVIC_TRY(const auto when, day(a, "approved_on", where));
        late.emplace(std::pair{code, p.to_string()}, when);
    }

    // The history: values.csv, in one batch for each day its figures were approved. Each
    // batch keeps the file's header and line numbers (blank lines stand in for the lines of
    // other days), so a refusal names the line of values.csv at fault.
    {
        const std::string_view csv = *file("values.csv");
        ImportProblems problems;
        const CsvTable t = read_csv_table(csv, detail::values_columns(), problems);
        if (problems.any())
            return std::unexpected(demo_error("file", "values.csv", problems.error()));
        std::string header;
        for (std::size_t n = 0; n < t.header.size(); ++n) {
            if (n) header += ',';
            append_csv_field(header, t.header[n]);
        }
        header += '\n';
        std::map<std::string, std::vector<const CsvRecord*>> days;  // YYYY-MM-DD → lines
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& row : t.rows) {
            const std::string code = t.get(row, "indicator").value_or("");
            const std::string where = fmt::format("values.csv line {}", row.line);
            CIVIC_TRY(const auto i, indicator(code));
            CIVIC_TRY(const auto p, period_of(t.get(row, "period").value_or(""), where));
            const std::pair key{code, p.to_string()};
            const bool has_value = !t.get(row, "value").value_or("").empty() ||
                                   !t.get(row, "numerator").value_or("").empty();
            Date when;
            if (!has_value) {
                when = add_days(p.start(), -14);
            } else if (const auto it = late.find(key); it != late.end()) {
                when = it->second;
                seen.insert(key);
            } else {
                auto due = deadline(ctx, i, key.second);
                if (!due) return std::unexpected(demo_error("deadline of", where, due.error()));
                when = weekday_on_or_before(add_days(*parse_iso_date(due->date), -2));
            }
            days[format_iso_date(when)].push_back(&row);
        }
        for (const auto& [key, when] : late)
            if (!seen.contains(key))
                return std::unexpected(missing(fmt::format(
                    "workflow.json approves {} {} late, but values.csv has no such value",
                    key.first, key.second)));
        for (const auto& [when, rows] : days) {
            std::string batch = header;
            std::size_t line = 1;
            for (const CsvRecord* row : rows) {
                for (; line + 1 < row->line; ++line) batch += '\n';
                for (std::size_t n = 0; n < row->fields.size(); ++n) {
                    if (n) batch += ',';
                    append_csv_field(batch, row->fields[n]);
                }
                batch += '\n';
                line = row->line;
            }
            auto imported = import_values_csv(on(ctx, *parse_iso_date(when)), batch);
            if (!imported)
                return std::unexpected(demo_error("values approved on", when, imported.error()));
            summary.values += imported->values;
            summary.targets += imported->targets;
        }
    }

    // A value entered (and perhaps submitted and approved) on the days the file gives.
    const auto enter = [&](const json::object& o, std::string_view what) -> Result<Value> {
        const std::string code = text(o, "indicator").value_or("");
        const std::string where = fmt::format("{} {}", code, text(o, "period").value_or(""));
        CIVIC_TRY(const auto i, indicator(code));
        CIVIC_TRY(const auto entered_on, day(o, "entered_on", where));
        ValueInput in;
        in.indicator_id = i.id;
        in.period = text(o, "period");
        in.note = text(o, "note");
        in.commentary = text(o, "commentary");
        in.reason = text(o, "reason");
        if (auto n = number(o, "value")) in.value = std::optional<double>(*n);
        if (auto n = number(o, "numerator")) in.numerator = std::optional<double>(*n);
        if (auto n = number(o, "denominator")) in.denominator = std::optional<double>(*n);
        auto v = enter_value(on(ctx, entered_on), in);
        if (!v) return std::unexpected(demo_error(what, where, v.error()));
        ++summary.values;
        if (o.contains("submitted_on")) {
            CIVIC_TRY(const auto submitted_on, day(o, "submitted_on", where));
            v = submit_value(on(ctx, submitted_on), v->id, v->version);
            if (!v) return std::unexpected(demo_error("submission of", where, v.error()));
        }
        if (o.contains("approved_on")) {
            CIVIC_TRY(const auto approved_on, day(o, "approved_on", where));
            v = approve_value(on(ctx, approved_on), v->id, v->version);
            if (!v) return std::unexpected(demo_error("approval of", where, v.error()));
        }
        return v;
    };
    // Corrections of approved values, with their reasons, approved again.
    for (const auto& v : list("corrections"))
        if (auto done = enter(v.as_object(), "correction of"); !done)
            return std::unexpected(done.error());
    // The latest values, still in draft or awaiting approval.
    for (const auto& v : list("in_progress"))
        if (auto done = enter(v.as_object(), "value"); !done) return std::unexpected(done.error());

    // The plan items each indicator measures, found by their plan's title and their ref.
    {
        ImportProblems problems;
        const CsvTable t = read_csv_table(*file("links.csv"),
                                          {{"indicator", "plan", "ref", "measure"}, {}}, problems);
        if (problems.any())
            return std::unexpected(demo_error("file", "links.csv", problems.error()));
        std::vector<std::pair<kit::LinkInput, std::string>> links;
        for (const auto& row : t.rows) {
            CIVIC_TRY(const auto i, indicator(t.get(row, "indicator").value_or("")));
            links.push_back(
                {kit::LinkInput{std::string("plan_item"), std::nullopt, std::string("indicator"),
                                i.id, std::string("measured_by"), std::nullopt},
                 fmt::format("links.csv line {}", row.line)});
        }
        // Plans hold a few hundred items at most: read them all once.
        const auto found = m_db.read([&](Connection& c) -> Result<void> {
            plans::repo::PlanFilter all;
            all.limit = 1000;
            std::map<std::string, std::string, std::less<>> plan_ids;  // title → id
            for (const auto& p : plans::repo::list_plans(c, all)) plan_ids.emplace(p.title, p.id);
            std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>
                items;  // plan title → ref → item id
            for (std::size_t n = 0; n < t.rows.size(); ++n) {
                const auto& row = t.rows[n];
                const std::string title = t.get(row, "plan").value_or("");
                const std::string ref = t.get(row, "ref").value_or("");
                const std::string measure = t.get(row, "measure").value_or("");
                const auto plan = plan_ids.find(title);
                if (plan == plan_ids.end())
                    return std::unexpected(missing(fmt::format(
                        "{} names the plan \"{}\", which is not loaded; load the demo plans first",
                        links[n].second, title)));
                auto [refs, fresh] = items.try_emplace(title);
                if (fresh) {
                    plans::repo::ItemFilter f;
                    f.plan_id = plan->second;
                    for (const auto& item : plans::repo::list_items(c, f))
                        refs->second.emplace(item.ref, item.id);
                }
                const auto item = refs->second.find(ref);
                if (item == refs->second.end())
                    return std::unexpected(
                        missing(fmt::format("{} names item {} of \"{}\", which it does not have",
                                            links[n].second, ref, title)));
                links[n].first.from_id = item->second;
                if (!measure.empty()) {
                    bool has = false;
                    for (const auto& m : plans::repo::list_measures(c, item->second))
                        has = has || m.title == measure;
                    if (!has)
                        return std::unexpected(missing(
                            fmt::format("{} names the measure \"{}\", which item {} does not have",
                                        links[n].second, measure, ref)));
                    links[n].first.note = fmt::format("The measure \"{}\".", measure);
                }
            }
            return {};
        });
        if (!found) return std::unexpected(found.error());
        auto made = m_db.write([&](Connection& c) -> Result<void> {
            for (const auto& [in, where] : links) {
                auto link = m_links.create_in(c, ctx, in);
                if (!link) return std::unexpected(demo_error("link on", where, link.error()));
            }
            return {};
        });
        if (!made) return std::unexpected(made.error());
    }
    return summary;
}

}  // namespace civic::indicators
