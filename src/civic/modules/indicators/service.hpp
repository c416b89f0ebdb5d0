// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The rules of indicators: who may see and change an indicator, its values and targets; the
// checks on each; the entry workflow (draft → submitted → approved, locked once approved,
// corrected by a new revision with a reason); targets profiled from a year to its quarters or
// months; the assessment of a period (rating, directions of travel, benchmark position);
// scorecards; data quality; and the CSV imports. The JSON API, the pages and the command line
// all come through here.
//
// Who sees what: performance information is published, so an indicator's definition, its
// targets and its approved values may be read by anyone signed in; a draft or submitted value
// only by those whose role covers the indicator's unit, or the person who enters its data.
// Whoever may write in the indicator's unit may change it and approve its values; the person
// named to enter its data may also enter and submit them.

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/indicators/datasets.hpp"
#include "civic/modules/indicators/model.hpp"
#include "civic/modules/indicators/rating.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/store/database.hpp"

namespace civic::indicators {

// Fields of a create or a change. On a change, nullopt leaves a field as it is and "" (or a
// nullopt inside) clears an optional one.
struct IndicatorInput {
    std::optional<std::string> code, title, description, unit_id, measure_unit, polarity, frequency,
        aggregation, kind, source, owner_person_id, entry_person_id, rag_rule, baseline_period,
        benchmark_dataset, benchmark_metric, benchmark_area;
    std::optional<std::int64_t> decimals, entry_deadline_days;
    std::optional<bool> commentary_required;
    std::optional<std::optional<double>> plausible_min, plausible_max, baseline;
};

struct IndicatorQuery {
    std::optional<std::string> unit_id, kind, frequency, owner_person_id, q;  // q: code or title
    bool include_archived = false;
    std::optional<std::string> cursor;
    int limit = 50;
};

// A value entered for a period: a new draft, a change to the draft, or a correction of an
// approved value (with a reason), which makes the next revision.
struct ValueInput {
    std::optional<std::string> indicator_id;  // a create only: from the path
    std::optional<std::string> period, note, commentary, reason;
    std::optional<std::optional<double>> value, numerator, denominator;
};

struct TargetInput {
    std::optional<std::string> indicator_id;  // from the path
    std::optional<std::string> period;
    std::optional<std::optional<double>> value, low, high;
    // For a year of a quarterly or monthly indicator: how its target is shared out. Empty:
    // evenly (a sum's target divided, any other's repeated); otherwise one weight per quarter
    // or month, in per cent, adding to 100.
    std::optional<std::vector<double>> profile;
};

// One period of an indicator, assessed: the value that counts (the latest approved
// revision, or the periods' aggregate when the period is longer than the indicator's), the
// target, the rating, the directions of travel and the benchmark position.
struct Assessment {
    Indicator indicator;
    std::string period;
    std::optional<Value> value;          // the approved revision counted, when there is one
    std::optional<double> figure;        // the value rated (the aggregate for a longer period)
    std::string figure_text;             // formatted, "" when none
    std::optional<Aggregate> aggregate;  // when the figure is made of shorter periods
    std::optional<TargetRecord> target;
    Rating rating;
    Direction previous, last_year;
    std::string previous_period, last_year_period;
    std::optional<Position> benchmark;
    // What else is going on: "A correction (revision 2) awaits approval."
    std::string pending;
};

struct ScorecardQuery {
    std::string period;
    std::optional<std::string> plan_id, theme, unit_id, kind, rag;
    std::optional<std::string> q;
};
struct ScorecardRow {
    Assessment assessment;
    std::vector<std::optional<double>> trend;  // the last 8 periods, oldest first
};
struct Scorecard {
    std::string period;
    std::vector<ScorecardRow> rows;
    std::int64_t green = 0, amber = 0, red = 0, none = 0, awaiting = 0;
};

// Data quality, as seed 002's performance team is judged.
struct LateValue {
    Indicator indicator;
    std::string period;
    std::string deadline;  // YYYY-MM-DD
    std::vector<std::string> deadline_explanation;
    std::int64_t working_days_late = 0;  // by today; 0 when not yet due (a reminder)
    std::string state;  // "missing" (deadline passed, nothing approved), "due" (coming up)
    std::string owner_name, entry_name;
};
struct RevisedValue {
    Indicator indicator;
    Value value;  // the correcting revision
    std::optional<double> before;
};
struct Implausible {
    Indicator indicator;
    Value value;
    std::string why;  // "1,250% is above the most this indicator can plausibly be, 100%."
};
struct DataQuality {
    std::string year;  // the financial year measured
    std::vector<LateValue> late;
    std::vector<RevisedValue> revised;
    std::vector<Implausible> implausible;
    // Of the values due in the year so far: those approved by their deadline, and those
    // never revised after approval, as percentages (nullopt when none were due).
    std::int64_t due = 0, on_time = 0, never_revised = 0;
    std::optional<double> on_time_percent, never_revised_percent;
    std::string explanation;
};
struct DataQualityQuery {
    std::optional<std::string> year;  // a financial year; default the current one
    std::optional<std::string> unit_id, person_id;
};

// Reminders: values coming due within `days_before` working days, and those overdue.
struct Reminder {
    LateValue value;
    std::string person_id;  // whom to remind: the entry person, else the owner
    std::string person_name;
};

// When a period's value is due, and how that was counted.
struct ExplainedDeadline {
    std::string date;  // YYYY-MM-DD
    std::vector<std::string> explanation;
};

struct ImportSummary {
    std::int64_t created = 0, updated = 0, values = 0, targets = 0, unchanged = 0;
};

class IndicatorService {
public:
    IndicatorService(store::Database& db, kit::LinkService& links, DatasetService& datasets)
        : m_db(db), m_links(links), m_datasets(datasets) {}

    // Indicators.
    Result<Page<Indicator>> list_indicators(const Context& ctx, const IndicatorQuery& q);
    Result<Indicator> get_indicator(const Context& ctx, const std::string& id);
    // By id or by code.
    Result<Indicator> find_indicator(const Context& ctx, const std::string& id_or_code);
    Result<Indicator> create_indicator(const Context& ctx, const IndicatorInput& in);
    Result<Indicator> update_indicator(const Context& ctx, const std::string& id,
                                       const IndicatorInput& in, std::int64_t version);
    Result<Indicator> archive_indicator(const Context& ctx, const std::string& id,
                                        std::int64_t version);

    // Values: every revision of every period the caller may see, newest period first, then
    // revision. period: only that period's revisions.
    Result<std::vector<Value>> list_values(const Context& ctx, const std::string& indicator_id,
                                           const std::optional<std::string>& period);
    Result<Value> get_value(const Context& ctx, const std::string& id);
    // A new draft for a period with none; a correction (reason required) of an approved one.
    // 409 when the period already has a draft or submitted revision: change that instead.
    Result<Value> enter_value(const Context& ctx, const ValueInput& in);
    // Changes a draft (not submitted or approved: 409).
    Result<Value> update_value(const Context& ctx, const std::string& id, const ValueInput& in,
                               std::int64_t version);
    // draft → submitted: needs a commentary when the value would be amber or red and the
    // indicator asks for one (422 naming "commentary").
    Result<Value> submit_value(const Context& ctx, const std::string& id, std::int64_t version);
    // submitted → approved: locks it; a previously approved revision becomes superseded.
    Result<Value> approve_value(const Context& ctx, const std::string& id, std::int64_t version);
    // submitted → draft, with the reason it went back in its note.
    Result<Value> return_value(const Context& ctx, const std::string& id, std::int64_t version,
                               const std::string& reason);

    // Targets: every period's, in period order.
    Result<std::vector<TargetRecord>> list_targets(const Context& ctx,
                                                   const std::string& indicator_id);
    // Sets a period's target (and, for a year of a quarterly or monthly indicator, its
    // profile over the quarters or months). Returns every target written.
    Result<std::vector<TargetRecord>> set_target(const Context& ctx, const TargetInput& in);

    Result<Assessment> assess(const Context& ctx, const std::string& id_or_code,
                              const std::string& period);
    // Every period with a value or a target, oldest first, assessed (for the chart and table).
    Result<std::vector<Assessment>> history(const Context& ctx, const std::string& id_or_code);
    Result<Scorecard> scorecard(const Context& ctx, const ScorecardQuery& q);
    Result<DataQuality> data_quality(const Context& ctx, const DataQualityQuery& q);
    // Values due within days_before working days, and overdue, for a person (their own) or
    // everyone the caller may see (an email job).
    Result<std::vector<Reminder>> reminders(const Context& ctx,
                                            const std::optional<std::string>& person_id,
                                            int days_before);

    // The indicator's deadline for a period: entry_deadline_days working days after the
    // period ends, with how it was counted.
    Result<ExplainedDeadline> deadline(const Context& ctx, const Indicator& indicator,
                                       const std::string& period);

    // CSV imports, all or nothing, each error naming the line and column.
    //   indicators: code,title,unit,polarity,frequency,rag_rule[,description,decimals,
    //     aggregation,kind,source,owner,entry_person,unit_id,entry_deadline_days,
    //     plausible_min,plausible_max,baseline,baseline_period,commentary_required,
    //     benchmark_dataset,benchmark_metric,benchmark_area]
    //   values: indicator,period,value,numerator,denominator,target,note[,commentary,reason]
    using Progress = std::function<void(std::size_t done, std::size_t total)>;
    Result<ImportSummary> import_indicators_csv(const Context& ctx, std::string_view csv,
                                                const Progress& progress = {});
    Result<ImportSummary> import_values_csv(const Context& ctx, std::string_view csv,
                                            const Progress& progress = {});

    // The same columns back out, for a spreadsheet or another Civic: every live indicator the
    // caller may see; the approved values (and targets) of one indicator or all.
    Result<std::string> export_indicators_csv(const Context& ctx);
    Result<std::string> export_values_csv(const Context& ctx,
                                          const std::optional<std::string>& id_or_code);

    // The demo council's indicators (indicators/demo.cpp), from data/demo/indicators/.
    struct DemoFile {
        std::string_view name;
        std::string_view text;
    };
    Result<ImportSummary> load_demo(const Context& ctx, const std::vector<DemoFile>& files);

    // The plans whose items have indicators linked to them, that the caller may read (an
    // approved or superseded plan, or one whose unit their role covers), as (id, title) in
    // title order: the scorecard's plan filter.
    Result<std::vector<std::pair<std::string, std::string>>> plans_with_indicators(
        const Context& ctx);

    // The indicator's links both ways that the caller may see, each with the other end's label
    // ("3.10 Co-ordinate collection of statutory … indicators") and page.
    Result<std::vector<kit::ShownLink>> links_of(const Context& ctx, const std::string& id);

    bool can_edit(const Context& ctx, const Indicator& indicator) const;
    bool can_enter(const Context& ctx, const Indicator& indicator) const;

    // The entity type indicators adds to the links table: indicator.
    static void add_link_types(kit::LinkTypes& types);

    DatasetService& datasets() { return m_datasets; }

private:
    store::Database& m_db;
    kit::LinkService& m_links;
    DatasetService& m_datasets;
};

}  // namespace civic::indicators
