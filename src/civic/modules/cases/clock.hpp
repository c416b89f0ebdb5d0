// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A case's clock: every deadline of every stage it has reached, worked out afresh from the
// case's events and today's calendar, never stored as the only truth, so a bank holiday added
// to the calendar moves every open deadline. A target once met keeps the due date it was met
// against (the Met event carries it), so a closed case stays as it was.
//
// The counting rule is WorkingDayClock's: the day a stage starts is day 0 and the first
// working day after it is day 1, whatever day it started on.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/working_days.hpp"
#include "civic/core/working_hours.hpp"

namespace civic::cases {

// One deadline a stage sets: "acknowledge within 5 working days of receipt", "respond within
// 10 working days of the acknowledgement".
struct Target {
    std::string key;    // "acknowledgement", "response"; unique within its stage
    std::string label;  // "Acknowledgement", "Response"
    int working_days = 0;
    // What it counts from: empty for the day the stage started (receipt, or the escalation),
    // or the key of an earlier target of the same stage, counted from the day that was met.
    std::string counts_from;
    // Working days extensions may add in all (0: none may be made); working hours for a
    // target counted in hours.
    int extension_limit = 0;
    // Counted in working hours instead of days (an ICT incident's "within 4 working hours"):
    // then working_days is 0.
    int working_hours = 0;
    // The target for a case of each priority (its key), in the target's own unit, where it
    // differs from the above: a priority 1 incident resolved within 4 hours, a priority 4
    // within 40.
    std::vector<std::pair<std::string, int>> by_priority;
};

// A priority a case of the type may have: "p1", "Priority 1: critical".
struct Priority {
    std::string key;
    std::string name;
};

// A stage of a case type: stage 1 and stage 2 of a complaint; the response and the internal
// review of an FOI request.
struct Stage {
    std::string key;   // "stage1", "stage2", "review"
    std::string name;  // "Stage 1", "Internal review"
    std::vector<Target> targets;
};

// The rules a case type counts by.
struct ClockRules {
    std::vector<Stage> stages;
    // The priorities a case of the type is given (none: the type has no priorities).
    std::vector<Priority> priorities;
    // When working hours run, for targets counted in hours.
    OfficeHours office_hours;
};

// The rules as they apply to a case of `priority`: each target's amount for it, where the
// target has one.
ClockRules for_priority(ClockRules rules, std::string_view priority);
// Whether any target of the rules is counted in working hours.
bool counts_hours(const ClockRules& rules);

// What happened to a case, as its clock reads it. Dates are the days they happened.
struct ClockEvent {
    enum class Kind {
        Met,        // `target` of the current stage was met (an acknowledgement or response sent)
        Stopped,    // the clock stops for `reason`; `ends_disregarded` as for a fee notice
        Restarted,  // the awaited thing arrived
        Clarified,  // a clarification arrived: the current stage starts again from zero
        Extended,   // `days` working days added to `target`, for `reason`
        Escalated,  // the stage `stage` starts (stage 2, the internal review)
        Reopened,   // the current stage starts again from zero, its targets open
        Set,        // `target` is due on `due_on`, a date given from outside (the Ombudsman's
                    // letter), for `reason`, instead of a count of working days
    };
    Kind kind = Kind::Met;
    Date on;
    std::string target;
    std::string stage;
    int days = 0;
    std::string reason;
    bool ends_disregarded = false;
    // For Met: the due date the target had when it was met, kept so that a later change of
    // the calendar does not rejudge it (absent: computed as for an open target), and, for a
    // target counted in working hours, its time of day.
    std::optional<Date> due_when_met;
    std::optional<int> due_when_met_at;
    // For Set: the date the target is due.
    std::optional<Date> due_on;
    // The time of day it happened (minutes after midnight), where it was recorded: targets
    // counted in working hours need it.
    std::optional<int> at;
};

// A target as it stands today.
struct TargetState {
    std::string key;
    std::string label;
    int working_days = 0;      // as set, before extensions
    int extended_by = 0;       // working days extensions added
    Date counted_from;         // its day 0
    bool provisional = false;  // counted from a target not yet met, from that one's due date
    std::optional<Date> due;   // nullopt while its clock is stopped short of it
    std::optional<Date> met_on;
    bool stopped = false;
    // Counted in working hours: `due_at` and `met_at` give the times of day (minutes after
    // midnight), and working_minutes_left the minutes from now to the due time.
    bool in_hours = false;
    int working_hours = 0;  // as set, before extensions (which are in hours too)
    std::optional<int> due_at;
    std::optional<int> met_at;
    int working_minutes_left = 0;
    // "met", "met late", "overdue", "due today", "due soon", "running", "stopped"
    std::string status;
    // Working days from today to the due date: 0 on it, negative once overdue; for a met
    // target, its margin on the day it was met.
    int working_days_left = 0;
    // How the due date was counted, one plain-English line each, ending with the due date.
    std::vector<std::string> explanation;
};

struct StageState {
    std::string key;
    std::string name;
    Date started_on;
    std::vector<TargetState> targets;
};

struct ClockState {
    std::vector<StageState> stages;  // every stage reached, the current one last
    bool stopped = false;            // the current stage's clock is stopped
};

// A target is "due soon" from this many working days before its due date.
inline constexpr int k_due_soon_working_days = 3;
// A target counted in working hours is "due soon" from this many working minutes before it.
inline constexpr int k_due_soon_working_minutes = 120;

// The clock of a case received on `received`, after `events` (in the order they happened),
// on `calendar`, as it stands on `today`. Events that do not fit (a restart without a stop, a
// target the stage does not have) are passed over: the service checks events before it
// stores them.
// Targets counted in working hours start from `received_at` (the time of day it came in;
// the office's opening when not known) and are judged at `now_minute` on `today`.
ClockState compute_clock(const ClockRules& rules, const WorkingCalendar& calendar, Date received,
                         const std::vector<ClockEvent>& events, Date today,
                         std::optional<int> received_at = std::nullopt, int now_minute = 0);

}  // namespace civic::cases
