// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What the cases service's files share: who may see and handle a case, the calendar and the
// clock a case counts by, the checks of the fields that name people, units and dates, and
// the view a reader is shown.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/working_days.hpp"
#include "civic/modules/cases/clock.hpp"
#include "civic/modules/cases/model.hpp"
#include "civic/modules/cases/rules.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/store/database.hpp"

namespace civic::cases::detail {

// Whoever may read the unit's records, and the officer it is assigned to.
bool may_read(const Principal& who, const Case& k);
// The officer it is assigned to, editors of its unit, administrators: they see the personal
// data and record what happens.
bool may_handle(const Principal& who, const Case& k);

extern const kit::Entity<Case> k_case;

// The case as the caller may read it; 404 otherwise, alike for every reason.
Result<Case> readable_case(store::Connection& c, const Principal& who, const std::string& id);
// The case as the caller may handle it, at `version` (409 when stale); 404 otherwise.
Result<Case> handled_case(store::Connection& c, const Principal& who, const std::string& id,
                          std::int64_t version);
// The case's type (it always has one: types are archived, never deleted).
CaseType type_of(store::Connection& c, const Case& k);
const Stage* stage_of(const ClockRules& rules, std::string_view key);

// The calendar a type counts on, as it stands now.
WorkingCalendar calendar_of(store::Connection& c, const CaseType& t);

// The case's clock as it stands on `today`, after `events`; a closed case's as it stood when
// it closed, with any target it never met marked "closed".
// The type's rules as they apply to the case's priority; targets counted in hours are judged
// at `now_minute` on `today` (the end of the day when not given).
ClockState clock_of(const CaseType& t, const WorkingCalendar& calendar, const Case& k,
                    const std::vector<CaseEvent>& events, Date today, int now_minute = 24 * 60 - 1);
// The stage the clock is at now (the last of clock.stages).
const StageState* current_stage(const ClockState& clock);
const TargetState* target_state(const StageState& stage, std::string_view key);

// A case with its type, clock and (when asked) events, as `who` sees it.
CaseView view_of(store::Connection& c, const Principal& who, Case k, WallTime now,
                 bool with_events);

// A date field of an event: required, YYYY-MM-DD, not before `earliest` nor after today.
std::optional<Date> event_date(kit::Checks& checks, std::string_view field, std::string_view label,
                               const std::optional<std::string>& v, Date earliest,
                               std::string_view earliest_words, Date today);
// A person field: a live person in the register, or "" (nullopt inside) when blank.
std::optional<std::optional<std::string>> person_field(store::Connection& c, kit::Checks& checks,
                                                       std::string_view field,
                                                       std::string_view label,
                                                       const std::optional<std::string>& v);
std::string person_name(store::Connection& c, const std::optional<std::string>& id);

// A new case drafted from its fields as POST /api/v1/cases checks them: its type, and the case
// at the type's first stage with the year it was received, not yet numbered nor stored.
// `errors` names every field at fault; the case and type are then as far as they could be read.
struct DraftedCase {
    Case k;
    std::optional<CaseType> type;
    std::vector<FieldError> errors;
};
DraftedCase draft_case(store::Connection& c, const Context& ctx, const CaseInput& in);
// "FOI-2026-0001": the reference of the type's `number`th case received in `year`.
std::string case_reference(const CaseType& t, std::int64_t year, std::int64_t number);

// What a response meeting `target_key` of the case's current stage on `on` (at `at`, where
// the time is recorded) records: the
// target met and, before it, each earlier target of the stage it counts from that is still
// open (a full reply within the acknowledgement's days acknowledges too), each with the due
// date the clock gave it that day. Each is appended to `events` as well, the clock counted
// again after each; none is stored.
std::vector<CaseEvent> met_events(const CaseType& t, const WorkingCalendar& calendar, const Case& k,
                                  std::vector<CaseEvent>& events, const std::string& target_key,
                                  Date on, const std::optional<std::string>& at, WallTime now);

// Where a type's later stage is handled by another officer: the officer for `next_stage` must
// be given (`field`), and be none of `before`, who handled `from_stage`.
void check_another_officer(store::Connection& c, kit::Checks& checks, std::string_view field,
                           const std::optional<std::string>& officer,
                           const std::vector<std::string>& before, std::string_view from_stage,
                           std::string_view next_stage);

// The fields of a closure but its date, checked as the API checks them: the outcome one of its
// kind's, the dates real, resolved_on not before the case was received. The outcome, in its
// list's spelling, when it is good.
std::optional<std::string> check_closure(kit::Checks& checks, const CaseType& t, const Case& k,
                                         const ClosureInput& in);
// Closes the case on `on` with the closure's fields; the event that records it, not stored.
CaseEvent close_case(Case& k, Date on, const std::string& outcome, const ClosureInput& in);

// A new event of the case: `kind`, on `on`, at the case's current stage; not stored.
CaseEvent event_of(const Case& k, std::string_view kind, Date on);
// Appends an event to the case (the next position), audited.
CaseEvent add_event(store::Connection& c, const Context& ctx, CaseEvent e);
// The date of the case's last event (its received date when it has none).
Date last_event_date(const Case& k, const std::vector<CaseEvent>& events);

// Records that the caller read the case's personal data (`what`: "requester", "responses").
void audit_personal_read(store::Connection& c, const Context& ctx, const Case& k,
                         std::string_view what);

// The Local Government and Social Care Ombudsman's details, which a complaint's final response
// gives, as does every extension (Complaint Handling Code 6.5; docs/cases-rules.md).
inline constexpr std::string_view k_ombudsman_details =
    "If you are not satisfied with this response, you can ask the Local Government and Social "
    "Care Ombudsman to look at your complaint: www.lgo.org.uk.";

}  // namespace civic::cases::detail
