// SPDX-License-Identifier: AGPL-3.0-or-later
// Indicators themselves: list, read, create, change, archive; who may do what; the periods an
// indicator is entered and assessed for; and the links table's indicator type.
#include "civic/modules/indicators/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/calendar/service.hpp"
#include "civic/modules/indicators/service_support.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/store/audit.hpp"

namespace civic::indicators {
using namespace detail;
using store::Connection;

// ---- shared (service_support.hpp)

namespace detail {

PeriodKind native_kind(std::string_view frequency) {
    if (frequency == "monthly") return PeriodKind::Month;
    if (frequency == "annual") return PeriodKind::FinancialYear;
    if (frequency == "multi-year") return PeriodKind::Span;
    return PeriodKind::Quarter;
}

std::string_view kind_example(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::Month:
            return "a month, such as 2025-09";
        case PeriodKind::Quarter:
            return "a quarter of the financial year, such as 2025/26 Q1";
        case PeriodKind::FinancialYear:
            return "a financial year, such as 2025/26";
        case PeriodKind::Span:
            return "a period of several financial years, such as 2022-25";
        default:
            return "a period";
    }
}

std::vector<Period> parts_of(const Period& p, PeriodKind kind) {
    if (p.kind() == kind) return {p};
    std::vector<Period> out;
    for (const auto& child : p.children())
        for (auto& part : parts_of(child, kind)) out.push_back(part);
    return out;
}

std::optional<Period> period_field(Checks& checks, std::string_view field,
                                   const std::optional<std::string>& v, const Indicator& indicator,
                                   PeriodUse use) {
    const PeriodKind kind = native_kind(indicator.frequency);
    const std::string label = fmt::format("The {} of {}", field, indicator.code);
    if (!v || trim(*v).empty()) {
        checks.fail(std::string(field),
                    fmt::format("Enter the period: {}, as {} is {}", kind_example(kind),
                                indicator.code, indicator.frequency));
        return std::nullopt;
    }
    auto p = parse_period(trim(*v));
    if (!p) {
        checks.fail(std::string(field), p.error());
        return std::nullopt;
    }
    const bool fits =
        p->kind() == kind ||
        (use == PeriodUse::Longer && kind != PeriodKind::Span && p->kind() != PeriodKind::Month &&
         (p->kind() == PeriodKind::FinancialYear ||
          (p->kind() == PeriodKind::Quarter && kind == PeriodKind::Month)));
    if (!fits) {
        checks.fail(std::string(field),
                    fmt::format("{} is {}, so its {} must be {}{}", indicator.code,
                                indicator.frequency, field, kind_example(kind),
                                use == PeriodUse::Longer && kind != PeriodKind::Span &&
                                        kind != PeriodKind::FinancialYear
                                    ? ", or a longer period made of them (a quarter or a year)"
                                    : ""));
        return std::nullopt;
    }
    return *p;
}

Format format_of(const Indicator& i) {
    return Format{i.measure_unit, static_cast<int>(i.decimals)};
}
Polarity polarity_of(const Indicator& i) {
    return polarity_from(i.polarity).value_or(Polarity::Higher);
}
RagRule rule_of(const Indicator& i) { return parse_rag_rule(i.rag_rule).value_or(RagRule{}); }

std::optional<double> figure_of(const Value& v, std::string_view measure_unit) {
    if (v.value) return v.value;
    if (v.numerator && v.denominator && *v.denominator != 0)
        return *v.numerator / *v.denominator * unit_multiplier(measure_unit);
    return std::nullopt;
}

Result<Indicator> indicator_to_change(Connection& c, const Context& ctx, const std::string& id,
                                      bool enter_only) {
    auto found = named_record(repo::find_indicator(c, id), [&](const Indicator& i) {
        return enter_only ? may_enter(ctx.principal, i) : may_change(ctx.principal, i);
    });
    if (!found)
        return std::unexpected(Error::not_found(
            enter_only ? "There is no indicator with this id that you can enter values for."
                       : "There is no indicator with this id that you can change."));
    return *found;
}

ExplainedDeadline deadline_of(const WorkingCalendar& calendar, const Indicator& i,
                              const Period& p) {
    const Date end = p.end();
    const int n = static_cast<int>(i.entry_deadline_days);
    ExplainedDeadline out;
    out.explanation.push_back(fmt::format("{} ended on {}.", p.to_string(), format_long_date(end)));
    if (n == 0) {
        out.date = format_iso_date(end);
        out.explanation.push_back(
            fmt::format("{}'s values are due the day the period ends.", i.code));
        return out;
    }
    const auto due = calendar.add_working_days_explained(end, n);
    out.explanation.push_back(fmt::format(
        "{}'s values are due {} working day{} after the period ends, counting from the day after "
        "it.",
        i.code, n, n == 1 ? "" : "s"));
    for (const auto& skipped : due.skipped)
        out.explanation.push_back(fmt::format("{} is not a working day ({}).",
                                              format_long_date(skipped.date), skipped.name));
    out.explanation.push_back(fmt::format("Due on {}.", format_long_date(due.date)));
    out.date = format_iso_date(due.date);
    return out;
}

}  // namespace detail

namespace {

// The unit an indicator belongs to: live and in the caller's write scope.
std::optional<org::Unit> writable_unit(Connection& c, const Context& ctx, const std::string& id) {
    return named_record(org::repo::find_unit(c, id), [&](const org::Unit& u) {
        return covers(ctx.principal, u.path, Access::Write);
    });
}

bool live_person(Connection& c, const std::string& id) {
    return named_record(org::repo::find_person(c, id), [](const org::Person&) { return true; })
        .has_value();
}

std::string default_aggregation(std::string_view unit) {
    return unit == "number" || unit == "money" ? "sum" : "mean";
}

}  // namespace

Result<void> detail::apply_indicator_input(Connection& c, const Context& ctx,
                                           const IndicatorInput& in, Indicator& i, bool creating) {
    Checks checks;
    checks.text("code", "Code", in.code, required_when(creating, in.code), 50);
    checks.text("title", "Title", in.title, required_when(creating, in.title), 500);
    checks.text("description", "Description", in.description, Required::No, 20000, Lines::Many);
    checks.text("source", "Source", in.source, Required::No, 2000);
    const auto unit = checks.choice("measure_unit", "Unit of measure", in.measure_unit, k_units,
                                    required_when(creating, in.measure_unit));
    const auto polarity = checks.choice("polarity", "Polarity", in.polarity, k_polarities,
                                        required_when(creating, in.polarity));
    const auto frequency = checks.choice("frequency", "Frequency", in.frequency, k_frequencies,
                                         required_when(creating, in.frequency));
    const auto aggregation =
        checks.choice("aggregation", "Aggregation", in.aggregation, k_aggregations, Required::No);
    const auto kind = checks.choice("kind", "Kind", in.kind, k_indicator_kinds, Required::No);
    if (in.decimals && (*in.decimals < 0 || *in.decimals > 6))
        checks.fail("decimals", "Decimal places must be a whole number from 0 to 6");
    if (in.entry_deadline_days && (*in.entry_deadline_days < 0 || *in.entry_deadline_days > 250))
        checks.fail("entry_deadline_days",
                    "The entry deadline must be a whole number of working days from 0 to 250");
    std::optional<RagRule> rule;
    if (in.rag_rule || creating) {
        if (!in.rag_rule || trim(*in.rag_rule).empty())
            checks.fail("rag_rule",
                        "Enter the RAG rule: met, amber-within:5% or "
                        "green-within:10%;amber-if:better-than-last-year");
        else if (auto parsed = parse_rag_rule(*in.rag_rule))
            rule = *parsed;
        else
            checks.fail("rag_rule", parsed.error());
    }
    for (const auto& [field, label, v] :
         {std::tuple{"owner_person_id", "The owner", &in.owner_person_id},
          std::tuple{"entry_person_id", "The person who enters the data", &in.entry_person_id}}) {
        if (!*v || (*v)->empty()) continue;
        if (bad_id(*v) || !live_person(c, **v))
            checks.fail(field, fmt::format("{} must be a person in the register", label));
    }
    std::optional<org::Unit> owning;
    if (bad_id(in.unit_id) || (creating && (!in.unit_id || in.unit_id->empty())))
        checks.fail("unit_id", "Choose the unit whose indicator this is");
    else if (in.unit_id && !(owning = writable_unit(c, ctx, *in.unit_id)))
        checks.fail("unit_id", "Choose a unit that exists and that you can change indicators in");
    const auto plausible_min = in.plausible_min ? *in.plausible_min : i.plausible_min;
    const auto plausible_max = in.plausible_max ? *in.plausible_max : i.plausible_max;
    if (plausible_min && plausible_max && *plausible_min > *plausible_max)
        checks.fail("plausible_max",
                    "The most a value can plausibly be must not be less than the least");
    std::optional<std::string> baseline_period;
    if (in.baseline_period && !trim(*in.baseline_period).empty()) {
        auto p = parse_period(trim(*in.baseline_period));
        if (!p)
            checks.fail("baseline_period", fmt::format("The baseline period: {}", p.error()));
        else
            baseline_period = p->to_string();
    }
    checks.text("benchmark_dataset", "Benchmark dataset", in.benchmark_dataset, Required::No, 100);
    checks.text("benchmark_metric", "Benchmark metric", in.benchmark_metric, Required::No, 100);
    checks.text("benchmark_area", "Benchmark area", in.benchmark_area, Required::No, 100);
    // A code is unique, live or archived, so that imports and links can name it.
    if (in.code && !checks.failed("code")) {
        const std::string code(trim(*in.code));
        if (auto other = repo::find_indicator_by_code(c, code); other && other->id != i.id)
            checks.fail("code", fmt::format("Another indicator already has the code {}", code));
    }
    CIVIC_CHECK(checks.result());

    if (in.code) i.code = trimmed(in.code);
    if (in.title) i.title = trimmed(in.title);
    if (in.description) i.description = trimmed(in.description);
    if (in.source) i.source = trimmed(in.source);
    if (unit) i.measure_unit = *unit;
    if (polarity) i.polarity = *polarity;
    if (frequency) i.frequency = *frequency;
    if (aggregation)
        i.aggregation = *aggregation;
    else if (creating)
        i.aggregation = default_aggregation(i.measure_unit);
    if (kind) i.kind = *kind;
    if (in.decimals) i.decimals = *in.decimals;
    if (in.entry_deadline_days) i.entry_deadline_days = *in.entry_deadline_days;
    if (rule) i.rag_rule = to_string(*rule);
    if (in.commentary_required) i.commentary_required = *in.commentary_required;
    if (in.owner_person_id)
        i.owner_person_id = in.owner_person_id->empty() ? std::nullopt : in.owner_person_id;
    if (in.entry_person_id)
        i.entry_person_id = in.entry_person_id->empty() ? std::nullopt : in.entry_person_id;
    if (owning) {
        i.unit_id = owning->id;
        i.unit_path = owning->path;
    }
    if (in.plausible_min) i.plausible_min = *in.plausible_min;
    if (in.plausible_max) i.plausible_max = *in.plausible_max;
    if (in.baseline) i.baseline = *in.baseline;
    if (in.baseline_period) i.baseline_period = baseline_period;
    const auto set_text = [](std::optional<std::string>& to, const std::optional<std::string>& v) {
        if (v) to = trim(*v).empty() ? std::nullopt : std::optional<std::string>(trim(*v));
    };
    set_text(i.benchmark_dataset, in.benchmark_dataset);
    set_text(i.benchmark_metric, in.benchmark_metric);
    set_text(i.benchmark_area, in.benchmark_area);
    // A period already entered keeps its meaning: the frequency cannot change under values.
    return ok();
}

Result<Page<Indicator>> IndicatorService::list_indicators(const Context& ctx,
                                                          const IndicatorQuery& q) {
    CIVIC_CHECK(require_signed_in(ctx));
    if (q.kind && !listed(k_indicator_kinds, *q.kind))
        return std::unexpected(Error::validation("kind", "Kind must be statutory or local"));
    if (q.frequency && !listed(k_frequencies, *q.frequency))
        return std::unexpected(Error::validation(
            "frequency", "Frequency must be monthly, quarterly, annual or multi-year"));
    repo::IndicatorFilter f;
    f.unit_id = q.unit_id.value_or("");
    f.kind = q.kind.value_or("");
    f.frequency = q.frequency.value_or("");
    f.owner_person_id = q.owner_person_id.value_or("");
    f.q = q.q.value_or("");
    f.include_archived = q.include_archived;
    f.after = q.cursor.value_or("");
    f.limit = q.limit;
    auto rows = m_db.read([&](Connection& c) { return repo::list_indicators(c, f); });
    Page<Indicator> page;
    if (static_cast<int>(rows.size()) > q.limit) {
        rows.resize(static_cast<std::size_t>(q.limit));
        page.next_cursor = rows.back().id;
    }
    page.items = std::move(rows);
    return page;
}

Result<Indicator> IndicatorService::get_indicator(const Context& ctx, const std::string& id) {
    CIVIC_CHECK(require_signed_in(ctx));
    auto found = m_db.read([&](Connection& c) { return repo::find_indicator(c, id); });
    if (!found) return std::unexpected(Error::not_found("There is no indicator with this id."));
    return *found;
}

Result<Indicator> IndicatorService::find_indicator(const Context& ctx,
                                                   const std::string& id_or_code) {
    CIVIC_CHECK(require_signed_in(ctx));
    auto found = m_db.read([&](Connection& c) {
        return is_id(id_or_code) ? repo::find_indicator(c, id_or_code)
                                 : repo::find_indicator_by_code(c, id_or_code);
    });
    if (!found)
        return std::unexpected(
            Error::not_found(fmt::format("There is no indicator {}.", shortened(id_or_code, 60))));
    return *found;
}

Result<Indicator> IndicatorService::create_indicator(const Context& ctx, const IndicatorInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Indicator> {
        Indicator i;
        i.id = new_id();
        i.created_at = i.updated_at = now_text(ctx);
        CIVIC_CHECK(apply_indicator_input(c, ctx, in, i, true));
        repo::insert_indicator(c, i);
        store::record_audit(c, ctx, k_indicator.name, i.id, "create", std::nullopt, audit_text(i));
        return i;
    });
}

Result<Indicator> IndicatorService::update_indicator(const Context& ctx, const std::string& id,
                                                     const IndicatorInput& in,
                                                     std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Indicator> {
        return change_record(
            c, ctx, k_indicator, id, version, "update", [&](Indicator& i) -> Result<void> {
                if (i.archived_at)
                    return std::unexpected(
                        Error::conflict("This indicator is archived; it cannot be changed."));
                const std::string frequency = i.frequency;
                CIVIC_CHECK(apply_indicator_input(c, ctx, in, i, false));
                if (i.frequency != frequency && !repo::list_values(c, i.id).empty())
                    return std::unexpected(
                        Error::validation("frequency",
                                          "This indicator already has values for its periods; "
                                          "make a new indicator for a new frequency"));
                return ok();
            });
    });
}

Result<Indicator> IndicatorService::archive_indicator(const Context& ctx, const std::string& id,
                                                      std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_indicator, id, version, no_objection);
    });
}

Result<ExplainedDeadline> IndicatorService::deadline(const Context& ctx, const Indicator& indicator,
                                                     const std::string& period) {
    CIVIC_CHECK(require_signed_in(ctx));
    Checks checks;
    const auto p = period_field(checks, "period", period, indicator, PeriodUse::Value);
    CIVIC_CHECK(checks.result());
    const auto calendar =
        m_db.read([](Connection& c) { return calendar::CalendarService::calendar_on(c); });
    return deadline_of(calendar, indicator, *p);
}

Result<std::vector<kit::ShownLink>> IndicatorService::links_of(const Context& ctx,
                                                               const std::string& id) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<kit::ShownLink>> {
        if (!repo::find_indicator(c, id))
            return std::unexpected(Error::not_found("There is no indicator with this id."));
        return m_links.links_of(c, ctx.principal, "indicator", id);
    });
}

bool IndicatorService::can_edit(const Context& ctx, const Indicator& indicator) const {
    return !indicator.archived_at && may_change(ctx.principal, indicator);
}

bool IndicatorService::can_enter(const Context& ctx, const Indicator& indicator) const {
    return !indicator.archived_at && may_enter(ctx.principal, indicator);
}

void IndicatorService::add_link_types(kit::LinkTypes& types) {
    types.add("indicator", "indicator",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto i = named_record(repo::find_indicator(c, id),
                                        [](const Indicator&) { return true; });
                  if (!i) return std::nullopt;
                  return kit::LinkTarget{i->code + " " + i->title, "/indicators/" + i->id,
                                         !who.user_id.empty(), may_change(who, *i)};
              });
}

}  // namespace civic::indicators
