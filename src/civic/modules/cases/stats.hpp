// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The statistics of casework for a period, counted from cases' clocks and events: no database
// and no personal data, so they are the same after retention has removed the requesters'.
//
// What counts in a period:
//   - a case is received, and reaches its first stage, on the day it was received; it reaches
//     a later stage on the day it was escalated;
//   - a target counts in the period its due date falls in (the due date it was met against,
//     once met): met on time when sent on or before that date, late after it. One not met is
//     overdue once its due date has passed while its stage ran (today, or the day the stage
//     ended by closure or escalation); one whose stage ended first counts neither way, nor one
//     whose clock is stopped (it has no due date), nor one not yet due. So a period's figures
//     are final once it is over, and an unanswered request counts against the period it was
//     due in, not the one it is finally answered in;
//   - extensions, stops and closures on the day they were made; a case closed at a stage, then
//     reopened and closed again in the period, counts once at that stage, with its last
//     outcome;
//   - an Ombudsman's remedy in the period its compliance date falls in: complied on time when
//     it was put right (resolved_on) by that date, late after it, not complied when neither
//     and the date has passed.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/period.hpp"
#include "civic/modules/cases/clock.hpp"
#include "civic/modules/cases/model.hpp"

namespace civic::cases {

// One case as the statistics read it: its type, dates, outcome, clock and events, and nothing
// about the requester.
struct CaseFacts {
    std::string case_type_id;
    std::string status;  // open, closed
    Date received_on;
    std::optional<Date> closed_on;
    std::optional<Date> resolved_on, remedy_due_on;
    ClockState clock;  // as it stands today (a closed case's as it closed)
    std::vector<CaseEvent> events;
};

// A case's facts, from the case, its clock and events (the requester's fields are not read).
CaseFacts facts_of(const Case& k, ClockState clock, std::vector<CaseEvent> events);

// "n of d": the figure an indicator is given, with its percentage (nullopt when d is 0).
struct Ratio {
    std::int64_t numerator = 0, denominator = 0;
    std::optional<double> percent() const;
};

struct TargetStats {
    std::string key, label;
    std::int64_t met_on_time = 0, met_late = 0;
    std::int64_t overdue = 0;      // not met, its due date passed while its stage ran
    std::int64_t not_yet_due = 0;  // not met, due today or later
    std::int64_t lapsed = 0;       // not met, its stage ended (closed, escalated) before it was due
    std::int64_t extensions = 0, extension_days = 0;  // extensions made in the period
    // Met on time, of those met or overdue.
    Ratio on_time() const { return {met_on_time, met_on_time + met_late + overdue}; }
    std::int64_t met() const { return met_on_time + met_late; }
};

struct StageStats {
    std::string key, name;
    std::int64_t reached = 0;  // received at (first stage) or escalated to it in the period
    std::int64_t closed = 0;   // cases closed at this stage in the period
    std::int64_t stops = 0, fee_notices = 0;  // clock stops in the period; of them, fee notices
    std::vector<std::pair<std::string, std::int64_t>> outcomes;  // of the closures, by outcome
    std::vector<TargetStats> targets;
};

struct RemedyStats {
    std::int64_t due = 0;  // compliance dates in the period
    std::int64_t complied_on_time = 0, complied_late = 0, not_complied = 0, not_yet_due = 0;
    // Complied on time, of those whose date has passed or which were done.
    Ratio compliance() const {
        return {complied_on_time, complied_on_time + complied_late + not_complied};
    }
};

struct TypeStats {
    CaseType type;
    std::int64_t received = 0;
    std::int64_t closed = 0;  // cases closed (at any stage) in the period
    std::int64_t extensions = 0, extension_days = 0;
    std::int64_t stops = 0, fee_notices = 0;
    std::vector<std::pair<std::string, std::int64_t>> outcomes;  // of every stage's closures
    std::vector<StageStats> stages;                              // in the type's order
    RemedyStats remedies;
};

// The Ombudsman's findings in the period, from the closures of Ombudsman enquiries.
struct OmbudsmanStats {
    std::int64_t enquiries = 0;  // received
    std::int64_t decisions = 0;  // closed
    std::int64_t upheld = 0;     // an outcome "upheld: …"
    std::int64_t maladministration = 0,
                 injustice = 0;  // found (injustice is with maladministration)
    std::int64_t local_settlements = 0, remedies_agreed = 0;
    std::int64_t not_upheld = 0, closed_after_initial_enquiries = 0;
    RemedyStats remedies;
};

struct CaseStatistics {
    std::string period;  // canonical, core/period
    Date from, to;       // its first and last days
    Date as_of;          // today: targets not yet due are counted as such
    std::int64_t received = 0, closed = 0;
    std::vector<TypeStats> types;
    OmbudsmanStats ombudsman;
    RemedyStats remedies;  // every type's
};

struct StatsOptions {
    // Only this stage's rows (the type's stage key); every stage when empty.
    std::string stage_key;
};

// The statistics of `cases` for `period`, as they stand on `today`, for each of `types` (in
// the order given, each with every stage and target of its rules, counted or not); cases of
// other types are left out.
CaseStatistics case_statistics(const std::vector<CaseType>& types,
                               const std::vector<CaseFacts>& cases, const Period& period,
                               Date today, const StatsOptions& options = {});

// As the API shows them: every count, and each ratio as {numerator, denominator, percent}
// (percent to one decimal place; null when the denominator is 0).
boost::json::object to_json(const Ratio& r);
boost::json::object to_json(const RemedyStats& r);
boost::json::object to_json(const TargetStats& t);
boost::json::object to_json(const StageStats& s);
boost::json::object to_json(const OmbudsmanStats& o);
boost::json::object to_json(const CaseStatistics& s);
// Outcomes as {"upheld": 3, …}, in the order given.
boost::json::object outcomes_json(
    const std::vector<std::pair<std::string, std::int64_t>>& outcomes);

}  // namespace civic::cases
