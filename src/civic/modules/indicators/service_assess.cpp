// SPDX-License-Identifier: AGPL-3.0-or-later
// Assessments: one indicator's period rated against its target by its own rule, with its
// directions of travel and its benchmark position; its history for the chart; the scorecard
// of many; data quality (late, revised, implausible values, and the two figures seed 002's
// team is judged on); and reminders of values coming due.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "civic/core/ids.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/calendar/service.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/indicators/service_support.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/plans/repo.hpp"

namespace civic::indicators {
using namespace detail;
using store::Connection;

// ---- the ledger (service_support.hpp)

namespace detail {

Ledger::Ledger(Indicator indicator, std::vector<Value> values, std::vector<TargetRecord> targets)
    : m_indicator(std::move(indicator)), m_kind(native_kind(m_indicator.frequency)) {
    for (auto& v : values) m_values[v.period].push_back(std::move(v));
    for (auto& [period, revisions] : m_values)
        std::sort(revisions.begin(), revisions.end(),
                  [](const Value& a, const Value& b) { return a.revision < b.revision; });
    for (auto& t : targets) m_targets.emplace(t.period, std::move(t));
}

std::vector<const Value*> Ledger::revisions(const std::string& period) const {
    std::vector<const Value*> out;
    if (auto it = m_values.find(period); it != m_values.end())
        for (const auto& v : it->second) out.push_back(&v);
    return out;
}

const Value* Ledger::approved(const std::string& period) const {
    auto it = m_values.find(period);
    if (it == m_values.end()) return nullptr;
    for (auto v = it->second.rbegin(); v != it->second.rend(); ++v)
        if (v->status == "approved") return &*v;
    return nullptr;
}

const Value* Ledger::latest(const std::string& period) const {
    auto it = m_values.find(period);
    return it == m_values.end() || it->second.empty() ? nullptr : &it->second.back();
}

const TargetRecord* Ledger::target_record(const std::string& period) const {
    auto it = m_targets.find(period);
    return it == m_targets.end() ? nullptr : &it->second;
}

Aggregate Ledger::figure(const Period& p) const {
    Aggregate out;
    if (p.kind() == m_kind) {
        if (const Value* v = approved(p.to_string())) {
            out.value = figure_of(*v, m_indicator.measure_unit);
            out.numerator = v->numerator;
            out.denominator = v->denominator;
            out.parts = out.value ? 1 : 0;
        }
        return out;
    }
    std::vector<PartValue> parts;
    for (const auto& part : parts_of(p, m_kind)) {
        PartValue pv;
        pv.period = part.to_string();
        if (const Value* v = approved(pv.period)) {
            pv.value = figure_of(*v, m_indicator.measure_unit);
            pv.numerator = v->numerator;
            pv.denominator = v->denominator;
        }
        parts.push_back(std::move(pv));
    }
    return aggregate(m_indicator.aggregation, m_indicator.measure_unit, parts);
}

std::optional<Target> Ledger::target(const Period& p) const {
    if (const TargetRecord* t = target_record(p.to_string()))
        return Target{t->value, t->low, t->high};
    if (p.kind() == m_kind) return std::nullopt;
    // A longer period without its own target: what its parts' targets come to.
    std::vector<PartValue> parts;
    std::optional<Target> band;
    for (const auto& part : parts_of(p, m_kind)) {
        const TargetRecord* t = target_record(part.to_string());
        if (!t) return std::nullopt;
        if (t->low && t->high) band = Target{t->value, t->low, t->high};
        parts.push_back(PartValue{part.to_string(), t->value, std::nullopt, std::nullopt});
    }
    if (band) return band;
    const std::string how = m_indicator.aggregation == "ratio" ? "mean" : m_indicator.aggregation;
    const auto total = aggregate(how, m_indicator.measure_unit, parts);
    if (!total.value) return std::nullopt;
    return Target{total.value, std::nullopt, std::nullopt};
}

std::vector<Period> Ledger::periods() const {
    std::set<Period> out;
    for (const auto& [period, revisions] : m_values)
        if (auto p = parse_period(period); p && p->kind() == m_kind) out.insert(*p);
    for (const auto& [period, t] : m_targets)
        if (auto p = parse_period(period); p && p->kind() == m_kind) out.insert(*p);
    return {out.begin(), out.end()};
}

Assessment Ledger::assess(const Period& p) const {
    Assessment a;
    a.indicator = m_indicator;
    a.period = p.to_string();
    const Format f = format_of(m_indicator);
    const Polarity polarity = polarity_of(m_indicator);
    if (p.kind() == m_kind) {
        if (const Value* v = approved(a.period)) a.value = *v;
    }
    const Aggregate fig = figure(p);
    a.figure = fig.value;
    if (a.figure) a.figure_text = format_value(*a.figure, f);
    if (p.kind() != m_kind) a.aggregate = fig;
    if (const TargetRecord* t = target_record(a.period)) a.target = *t;
    const std::optional<Target> target = this->target(p);
    if (!a.target && target) {
        // A target made of its parts' targets, shown as a record without an id.
        TargetRecord made;
        made.indicator_id = m_indicator.id;
        made.period = a.period;
        made.value = target->value;
        made.low = target->low;
        made.high = target->high;
        made.profile =
            fmt::format("What the targets of its {} parts come to.", parts_of(p, m_kind).size());
        a.target = made;
    }
    std::optional<double> last_year;
    if (auto last = p.same_last_year()) {
        a.last_year_period = last->to_string();
        last_year = figure(*last).value;
    }
    RatingInput r;
    r.polarity = polarity;
    r.rule = rule_of(m_indicator);
    r.format = f;
    r.value = a.figure;
    r.target = target.value_or(Target{});
    r.last_year = last_year;
    a.rating = rate(r);
    const Target band = target.value_or(Target{});
    if (auto prev = p.previous()) {
        a.previous_period = prev->to_string();
        a.previous =
            direction_of(polarity, f, a.figure, figure(*prev).value, a.previous_period, band);
    } else {
        a.previous = direction_of(polarity, f, a.figure, std::nullopt, "", band);
    }
    a.last_year = direction_of(polarity, f, a.figure, last_year, a.last_year_period, band);
    if (p.kind() == m_kind)
        if (const Value* v = latest(a.period);
            v && v->status != "approved" && v->status != "superseded")
            a.pending = v->revision > 1
                            ? fmt::format("A correction (revision {}) is {} and awaits approval.",
                                          v->revision, v->status)
                            : fmt::format("A value is {} and not yet approved.", v->status);
    return a;
}

Ledger ledger_of(Connection& c, const Indicator& indicator) {
    return Ledger(indicator, repo::list_values(c, indicator.id),
                  repo::list_targets(c, indicator.id));
}

}  // namespace detail

namespace {

// The benchmark position of an indicator linked to a dataset's metric and area, for the
// period or the financial year that holds it, as the dataset writes its periods.
// The dataset's figures for the metric and area an indicator is linked to, every period it
// has; empty when the indicator is not linked or the dataset cannot be read.
std::vector<Position> benchmark_series(DatasetService& datasets, const Context& ctx,
                                       const Indicator& i) {
    if (!i.benchmark_dataset || !i.benchmark_metric || !i.benchmark_area) return {};
    auto series =
        datasets.series(ctx, *i.benchmark_dataset, *i.benchmark_metric, *i.benchmark_area);
    return series ? std::move(*series) : std::vector<Position>{};
}

// Its position for the period, or for the financial year that holds it, as the dataset writes
// its periods.
std::optional<Position> position_in(const std::vector<Position>& series, const Period& p) {
    std::optional<Period> year = p.kind() == PeriodKind::FinancialYear
                                     ? std::optional<Period>(p)
                                     : period_containing(p.start(), PeriodKind::FinancialYear);
    for (const auto& pos : series) {
        auto theirs = parse_period(pos.period);
        if (theirs && (*theirs == p || (year && *theirs == *year))) return pos;
    }
    return std::nullopt;
}

std::optional<Position> benchmark_for(DatasetService& datasets, const Context& ctx,
                                      const Indicator& i, const Period& p) {
    return position_in(benchmark_series(datasets, ctx, i), p);
}

Result<Period> assessment_period(const Indicator& i, const std::string& period) {
    Checks checks;
    auto p = period_field(checks, "period", period, i, PeriodUse::Longer);
    CIVIC_CHECK(checks.result());
    return *p;
}

// The last period of the kind that has ended by today.
std::optional<Period> last_ended(PeriodKind kind, const Date& today) {
    auto p = period_containing(today, kind == PeriodKind::Span ? PeriodKind::FinancialYear : kind);
    if (!p) return std::nullopt;
    return p->previous();
}

std::string person_name(Connection& c, const std::optional<std::string>& id) {
    if (!id) return "";
    auto p = org::repo::find_person(c, *id);
    return p ? p->name : "";
}

// The indicators linked to the items (or their measures) of a plan, or of a theme.
std::set<std::string> linked_indicators(Connection& c, const std::optional<std::string>& plan_id,
                                        const std::optional<std::string>& theme) {
    std::set<std::string> out;
    c.query(
        "SELECT from_type, from_id, to_type, to_id FROM links WHERE archived_at IS NULL AND "
        "(from_type = 'indicator' OR to_type = 'indicator')",
        {}, [&](const store::Row& r) {
            const bool from = r.text(0) == "indicator";
            const std::string indicator = r.str(from ? 1 : 3);
            const std::string type = r.str(from ? 2 : 0);
            std::string item_id = r.str(from ? 3 : 1);
            if (type == "plan_measure") {
                auto m = plans::repo::find_measure(c, item_id);
                if (!m) return;
                item_id = m->item_id;
            } else if (type != "plan_item") {
                return;
            }
            auto item = plans::repo::find_item(c, item_id);
            if (!item || item->archived_at) return;
            if (plan_id && item->plan_id != *plan_id) return;
            if (theme &&
                std::find(item->themes.begin(), item->themes.end(), *theme) == item->themes.end())
                return;
            out.insert(indicator);
        });
    return out;
}

// The periods a scorecard for `p` reads, whatever each indicator's frequency: the period an
// indicator is assessed for (p, or the year that holds it), the eight before it for the trend
// (the previous period among them), the same period a year before, and the months and
// quarters each is made of. Reading only these keeps the scorecard's cost to what it shows,
// not to the years of history held.
std::vector<std::string> periods_needed(const Period& p) {
    std::set<std::string> out;
    const auto add = [&out](const Period& x) {
        out.insert(x.to_string());
        for (const auto kind : {PeriodKind::Quarter, PeriodKind::Month})
            for (const auto& part : parts_of(x, kind))
                if (part.kind() == kind) out.insert(part.to_string());
    };
    std::vector<Period> assessed{p};
    for (const auto kind : {PeriodKind::Quarter, PeriodKind::FinancialYear})
        if (auto holding = period_containing(p.start(), kind); holding && *holding != p)
            assessed.push_back(*holding);
    for (const auto& a : assessed) {
        std::optional<Period> x = a;
        for (int n = 0; x && n < 9; ++n, x = x->previous()) add(*x);
        if (auto last = a.same_last_year()) add(*last);
    }
    return {out.begin(), out.end()};
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> IndicatorService::plans_with_indicators(
    const Context& ctx) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) {
        std::vector<std::pair<std::string, std::string>> out;
        plans::repo::PlanFilter f;
        f.limit = 10000;
        for (const auto& plan : plans::repo::list_plans(c, f)) {
            // The plans module's rule for who may read a plan.
            const bool published = plan.status == "approved" || plan.status == "superseded";
            if (!published && !covers(ctx.principal, plan.unit_path, Access::Read)) continue;
            if (linked_indicators(c, plan.id, std::nullopt).empty()) continue;
            out.emplace_back(plan.id, plan.title);
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.second < b.second; });
        return out;
    });
}

Result<Assessment> IndicatorService::assess(const Context& ctx, const std::string& id_or_code,
                                            const std::string& period) {
    CIVIC_TRY(auto i, find_indicator(ctx, id_or_code));
    CIVIC_TRY(auto p, assessment_period(i, period));
    auto a = m_db.read([&](Connection& c) { return ledger_of(c, i).assess(p); });
    a.benchmark = benchmark_for(m_datasets, ctx, i, p);
    return a;
}

Result<std::vector<Assessment>> IndicatorService::history(const Context& ctx,
                                                          const std::string& id_or_code) {
    CIVIC_TRY(auto i, find_indicator(ctx, id_or_code));
    auto out = m_db.read([&](Connection& c) {
        const Ledger ledger = ledger_of(c, i);
        std::vector<Assessment> all;
        for (const auto& p : ledger.periods()) all.push_back(ledger.assess(p));
        return all;
    });
    // The dataset's series is read once, for every period.
    if (const auto series = benchmark_series(m_datasets, ctx, i); !series.empty())
        for (auto& a : out) a.benchmark = position_in(series, *parse_period(a.period));
    return out;
}

Result<Scorecard> IndicatorService::scorecard(const Context& ctx, const ScorecardQuery& q) {
    CIVIC_CHECK(require_signed_in(ctx));
    auto period = parse_period(trim(q.period));
    if (!period)
        return std::unexpected(
            Error::validation("period", fmt::format("The period: {}", period.error())));
    if (q.rag && !listed(k_rags, *q.rag))
        return std::unexpected(
            Error::validation("rag", "The rating must be green, amber, red, none or awaiting"));
    if (q.kind && !listed(k_indicator_kinds, *q.kind))
        return std::unexpected(Error::validation("kind", "Kind must be statutory or local"));
    Scorecard card;
    card.period = period->to_string();
    const std::string needle = lower_ascii(trim(q.q.value_or("")));
    m_db.read([&](Connection& c) {
        std::optional<std::set<std::string>> linked;
        if (q.plan_id || q.theme) linked = linked_indicators(c, q.plan_id, q.theme);
        std::string unit_path;
        if (q.unit_id)
            if (auto u = org::repo::find_unit(c, *q.unit_id)) unit_path = u->path;
        repo::IndicatorFilter f;
        f.limit = 0;
        f.kind = q.kind.value_or("");
        const auto indicators = repo::list_indicators(c, f);
        std::map<std::string, std::vector<Value>> values;
        const auto needed = periods_needed(*period);
        for (auto& v : repo::list_values_in(c, needed))
            values[v.indicator_id].push_back(std::move(v));
        std::map<std::string, std::vector<TargetRecord>> targets;
        for (auto& t : repo::list_targets_in(c, needed))
            targets[t.indicator_id].push_back(std::move(t));
        for (const auto& i : indicators) {
            if (linked && !linked->contains(i.id)) continue;
            if (q.unit_id && (unit_path.empty() || !i.unit_path.starts_with(unit_path))) continue;
            if (!needle.empty() && lower_ascii(i.code).find(needle) == std::string::npos &&
                lower_ascii(i.title).find(needle) == std::string::npos)
                continue;
            // The period as this indicator can be assessed: a quarter of an annual indicator
            // is assessed by its year.
            Checks checks;
            auto p = period_field(checks, "period", card.period, i, PeriodUse::Longer);
            if (!p) {
                const PeriodKind kind = native_kind(i.frequency);
                if (kind == PeriodKind::Span) continue;
                p = period_containing(period->start(), kind);
                if (!p) continue;
            }
            const Ledger ledger(i, std::move(values[i.id]), std::move(targets[i.id]));
            ScorecardRow row;
            row.assessment = ledger.assess(*p);
            if (!q.rag || row.assessment.rating.rag == *q.rag) {
                std::vector<Period> trend{*p};
                if (p->kind() == native_kind(i.frequency)) {
                    while (trend.size() < 8) {
                        auto prev = trend.front().previous();
                        if (!prev) break;
                        trend.insert(trend.begin(), *prev);
                    }
                }
                for (const auto& t : trend) row.trend.push_back(ledger.figure(t).value);
                card.rows.push_back(std::move(row));
            }
        }
    });
    for (auto& row : card.rows) {
        const auto& rag = row.assessment.rating.rag;
        if (rag == "green")
            ++card.green;
        else if (rag == "amber")
            ++card.amber;
        else if (rag == "red")
            ++card.red;
        else if (rag == "none")
            ++card.none;
        else
            ++card.awaiting;
        const auto& i = row.assessment.indicator;
        if (i.benchmark_dataset)
            row.assessment.benchmark =
                benchmark_for(m_datasets, ctx, i, *parse_period(row.assessment.period));
    }
    return card;
}

namespace {

// The periods of an indicator that end within a financial year, in date order.
std::vector<Period> periods_in_year(const Indicator& i, const Period& year) {
    const PeriodKind kind = native_kind(i.frequency);
    if (kind == PeriodKind::Span) return {};
    return parts_of(year, kind);
}

}  // namespace

Result<DataQuality> IndicatorService::data_quality(const Context& ctx, const DataQualityQuery& q) {
    CIVIC_CHECK(require_signed_in(ctx));
    const Date now = today(ctx);
    std::optional<Period> year;
    if (q.year) {
        auto p = parse_period(trim(*q.year));
        if (!p || p->kind() != PeriodKind::FinancialYear)
            return std::unexpected(
                Error::validation("year", "The year must be a financial year, such as 2025/26"));
        year = *p;
    } else {
        year = period_containing(now, PeriodKind::FinancialYear);
    }
    DataQuality dq;
    dq.year = year->to_string();
    m_db.read([&](Connection& c) {
        const auto calendar = calendar::CalendarService::calendar_on(c);
        std::string unit_path;
        if (q.unit_id)
            if (auto u = org::repo::find_unit(c, *q.unit_id)) unit_path = u->path;
        repo::IndicatorFilter f;
        f.limit = 0;
        for (const auto& i : repo::list_indicators(c, f)) {
            if (q.unit_id && (unit_path.empty() || !i.unit_path.starts_with(unit_path))) continue;
            if (q.person_id && i.owner_person_id != q.person_id && i.entry_person_id != q.person_id)
                continue;
            const Ledger ledger = ledger_of(c, i);
            std::string began = uk_iso_date_of(i.created_at);
            if (const auto held = ledger.periods(); !held.empty())
                began = std::min(began, format_iso_date(held.front().start()));
            const std::string owner = person_name(c, i.owner_person_id);
            const std::string entry = person_name(c, i.entry_person_id);
            for (const auto& p : periods_in_year(i, *year)) {
                if (p.end() >= now) continue;  // not over yet
                const auto revisions = ledger.revisions(p.to_string());
                // A period that ended before the indicator began is owed nothing: it began
                // when it was made, or with the first period its history holds.
                if (revisions.empty() && format_iso_date(p.end()) < began) continue;
                const auto due = deadline_of(calendar, i, p);
                const Date deadline = *parse_iso_date(due.date);
                // First approval: when the period's value was first published.
                std::optional<std::string> first_approved;
                bool revised = false;
                for (const Value* v : revisions) {
                    if (v->approved_at && (!first_approved || *v->approved_at < *first_approved))
                        first_approved = v->approved_at;
                    if (v->revision > 1) revised = true;
                }
                if (deadline < now) {
                    ++dq.due;
                    if (first_approved && uk_iso_date_of(*first_approved) <= due.date) ++dq.on_time;
                    if (first_approved && !revised) ++dq.never_revised;
                }
                if (!ledger.approved(p.to_string()) && deadline < now) {
                    LateValue late{i,
                                   p.to_string(),
                                   due.date,
                                   due.explanation,
                                   calendar.count_working_days(deadline, now),
                                   "missing",
                                   owner,
                                   entry};
                    dq.late.push_back(std::move(late));
                }
            }
            // Revisions after approval, and values beyond what is plausible, in the year.
            for (const auto& p : periods_in_year(i, *year)) {
                const auto revisions = ledger.revisions(p.to_string());
                std::optional<double> before;
                for (const Value* v : revisions) {
                    if (v->revision > 1 && v->status != "draft")
                        dq.revised.push_back(RevisedValue{i, *v, before});
                    if (v->status == "approved" || v->status == "superseded")
                        before = figure_of(*v, i.measure_unit);
                }
                if (const Value* v = ledger.latest(p.to_string())) {
                    const auto fig = figure_of(*v, i.measure_unit);
                    const Format fmt_of = format_of(i);
                    if (fig && i.plausible_min && *fig < *i.plausible_min)
                        dq.implausible.push_back(
                            {i, *v,
                             fmt::format("{} is below the least this indicator can plausibly be, "
                                         "{}.",
                                         format_value(*fig, fmt_of),
                                         format_value(*i.plausible_min, fmt_of))});
                    else if (fig && i.plausible_max && *fig > *i.plausible_max)
                        dq.implausible.push_back(
                            {i, *v,
                             fmt::format("{} is above the most this indicator can plausibly be, "
                                         "{}.",
                                         format_value(*fig, fmt_of),
                                         format_value(*i.plausible_max, fmt_of))});
                }
            }
        }
    });
    if (dq.due > 0) {
        dq.on_time_percent = 100.0 * static_cast<double>(dq.on_time) / static_cast<double>(dq.due);
        dq.never_revised_percent =
            100.0 * static_cast<double>(dq.never_revised) / static_cast<double>(dq.due);
        dq.explanation = fmt::format(
            "Of the {} values due so far in {}, {} were approved by their deadline ({:.0f}%) and "
            "{} have never been revised after approval ({:.0f}%).",
            dq.due, dq.year, dq.on_time, *dq.on_time_percent, dq.never_revised,
            *dq.never_revised_percent);
    } else {
        dq.explanation = fmt::format("No values have fallen due yet in {}.", dq.year);
    }
    return dq;
}

Result<std::vector<Reminder>> IndicatorService::reminders(
    const Context& ctx, const std::optional<std::string>& person_id, int days_before) {
    CIVIC_CHECK(require_signed_in(ctx));
    if (days_before < 0 || days_before > 60)
        return std::unexpected(
            Error::validation("days_before", "Remind from 0 to 60 working days before a deadline"));
    const Date now = today(ctx);
    std::vector<Reminder> out;
    m_db.read([&](Connection& c) {
        const auto calendar = calendar::CalendarService::calendar_on(c);
        repo::IndicatorFilter f;
        f.limit = 0;
        for (const auto& i : repo::list_indicators(c, f)) {
            const auto whom = i.entry_person_id ? i.entry_person_id : i.owner_person_id;
            if (!whom) continue;
            if (person_id && *whom != *person_id && i.owner_person_id != *person_id) continue;
            if (!person_id && !covers(ctx.principal, i.unit_path, Access::Read)) continue;
            const PeriodKind kind = native_kind(i.frequency);
            if (kind == PeriodKind::Span) continue;
            const Ledger ledger = ledger_of(c, i);
            // The periods that have ended in the last year: their deadlines are near or past.
            auto p = last_ended(kind, now);
            for (int n = 0; p && n < 12 && p->end() >= add_days(now, -366);
                 ++n, p = p->previous()) {
                if (ledger.approved(p->to_string())) continue;
                const auto due = deadline_of(calendar, i, *p);
                const Date deadline = *parse_iso_date(due.date);
                const int left = calendar.count_working_days(now, deadline);
                if (left > days_before) continue;
                LateValue v{i,
                            p->to_string(),
                            due.date,
                            due.explanation,
                            left < 0 ? -left : 0,
                            left < 0 ? "missing" : "due",
                            person_name(c, i.owner_person_id),
                            person_name(c, i.entry_person_id)};
                out.push_back(Reminder{std::move(v), *whom, person_name(c, whom)});
            }
        }
    });
    std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
        return std::tie(a.value.deadline, a.value.indicator.code) <
               std::tie(b.value.deadline, b.value.indicator.code);
    });
    return out;
}

}  // namespace civic::indicators
