// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What the indicators service's translation units share: the scope rules, how the kit's
// change steps reach each record, the checks on periods and numbers, and the Ledger: one
// indicator's values and targets in memory, from which every assessment is worked out.
// Internal to the indicators module.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/csv.hpp"
#include "civic/core/date.hpp"
#include "civic/core/error.hpp"
#include "civic/core/json.hpp"
#include "civic/core/period.hpp"
#include "civic/core/working_days.hpp"
#include "civic/modules/indicators/model.hpp"
#include "civic/modules/indicators/rating.hpp"
#include "civic/modules/indicators/repo.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/store/database.hpp"

namespace civic::indicators::detail {
using namespace civic::kit;

// Whether text is one of a fixed list, exactly.
template <std::size_t N>
bool listed(const std::string_view (&list)[N], std::string_view v) {
    return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// Whoever may write in the indicator's unit may change it and approve its values.
inline bool may_change(const Principal& who, const Indicator& i) {
    return covers(who, i.unit_path, Access::Write);
}
// The person named to enter its data may also enter and submit values.
inline bool may_enter(const Principal& who, const Indicator& i) {
    return may_change(who, i) ||
           (who.person_id && i.entry_person_id && *who.person_id == *i.entry_person_id);
}
// An approved (or superseded) value is published; a draft or submitted one is read by those
// whose role covers the unit and by the person who enters the data.
inline bool published(const Value& v) { return v.status == "approved" || v.status == "superseded"; }
inline bool may_read_value(const Principal& who, const Indicator& i, const Value& v) {
    return published(v) || covers(who, i.unit_path, Access::Read) || may_enter(who, i);
}

// Who did it, as a value records it and a page shows it: the user's name, as plans' progress
// updates record theirs (the audit trail keeps the user's id beside it).
inline std::string actor_name(const Context& ctx) {
    return ctx.principal.display_name.empty() ? ctx.principal.username : ctx.principal.display_name;
}

template <typename Record>
std::string audit_text(const Record& r) {
    return civic::to_json(boost::json::value(to_json(r)));
}

inline constexpr Entity<Indicator> k_indicator{
    "indicator", repo::find_indicator, repo::update_indicator, audit_text<Indicator>, may_change};
// The workflow checks who may act on a value before the change steps run.
inline constexpr Entity<Value> k_value{"indicator_value",
                                       repo::find_value,
                                       repo::update_value,
                                       audit_text<Value>,
                                       [](const Principal&, const Value&) { return true; },
                                       "value"};

// The kind of period an indicator's values are entered for: monthly → a month, quarterly → a
// quarter of the financial year, annual → a financial year, multi-year → a plan period.
PeriodKind native_kind(std::string_view frequency);
// "a month such as 2025-09", "a quarter such as 2025/26 Q1", …
std::string_view kind_example(PeriodKind kind);
// Reads a period for a value (exactly the indicator's kind) or for an assessment or target
// (that kind or a longer one holding whole periods of it). Records a field error otherwise.
enum class PeriodUse { Value, Longer };
std::optional<Period> period_field(Checks& checks, std::string_view field,
                                   const std::optional<std::string>& v, const Indicator& indicator,
                                   PeriodUse use);
// The periods of the indicator's kind that make up p, in date order (p itself when it is of
// that kind).
std::vector<Period> parts_of(const Period& p, PeriodKind kind);

Format format_of(const Indicator& i);
Polarity polarity_of(const Indicator& i);
RagRule rule_of(const Indicator& i);

// The figure a value stands for: its value, or its numerator over its denominator times the
// unit's multiplier.
std::optional<double> figure_of(const Value& v, std::string_view measure_unit);

// One indicator's values and targets, worked on in memory.
class Ledger {
public:
    Ledger(Indicator indicator, std::vector<Value> values, std::vector<TargetRecord> targets);

    const Indicator& indicator() const { return m_indicator; }
    // Every revision of the period, oldest first.
    std::vector<const Value*> revisions(const std::string& period) const;
    // The period's latest approved revision, and its latest revision of any state.
    const Value* approved(const std::string& period) const;
    const Value* latest(const std::string& period) const;
    const TargetRecord* target_record(const std::string& period) const;
    // The figure for any period of the indicator's kind or longer, from approved values
    // (an aggregate of shorter ones when needed).
    Aggregate figure(const Period& p) const;
    // The target for a period: its own, else what its parts' targets add up to.
    std::optional<Target> target(const Period& p) const;
    // The periods that have a value or a target, of the indicator's kind, in date order.
    std::vector<Period> periods() const;

    Assessment assess(const Period& p) const;

private:
    Indicator m_indicator;
    PeriodKind m_kind;
    std::map<std::string, std::vector<Value>> m_values;  // by period, by revision
    std::map<std::string, TargetRecord> m_targets;       // by period
};

// The ledger of one indicator, read on c.
Ledger ledger_of(store::Connection& c, const Indicator& indicator);

// Checks an indicator's fields and applies them to i; creating says whether blanks are
// refused. The API, the forms and the import all come through here.
Result<void> apply_indicator_input(store::Connection& c, const Context& ctx,
                                   const IndicatorInput& in, Indicator& i, bool creating);

// Sets a period's target, and its profile over a year's periods, on a write's connection.
Result<std::vector<TargetRecord>> set_target_on(store::Connection& c, const Context& ctx,
                                                const TargetInput& in);

// The columns of a values file (civic import values): the required, then the optional.
inline CsvColumns values_columns() {
    return {{"indicator", "period", "value", "numerator", "denominator", "target", "note"},
            {"commentary", "reason"}};
}

// The indicator a write names by id: live and changeable (or enterable) by the caller; 404
// alike for every reason otherwise.
Result<Indicator> indicator_to_change(store::Connection& c, const Context& ctx,
                                      const std::string& id, bool enter_only = false);

// When a period's value is due: entry_deadline_days working days after it ends.
ExplainedDeadline deadline_of(const WorkingCalendar& calendar, const Indicator& i, const Period& p);

}  // namespace civic::indicators::detail
