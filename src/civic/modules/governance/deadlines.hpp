// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The deadlines in law that governance keeps, worked out from the council's working calendar
// (core/working_days) and its settings, each with the lines that say how it was counted:
//
// - a public meeting's agenda open to inspection at least five clear days before it (Local
//   Government Act 1972, s100B(3); for the executive, SI 2012/2089 reg 7), or the reason for
//   urgency recorded;
// - a private meeting of the executive: notice of the intention to meet in private 28 clear
//   days before, and a second notice 5 clear days before (SI 2012/2089 reg 5);
// - a key decision on the forward plan 28 clear days before it is taken (SI 2012/2089 reg 9),
//   or the general exception (reg 10) or special urgency (reg 11) recorded;
// - the call-in window after an executive decision is published (the council's constitution:
//   five working days by default), and the day the decision can be implemented.
//
// Clear days leave out the day of the notice and the day of the meeting or decision; a
// council that counts them as working days (the setting "working", the default) also leaves
// out weekends, bank holidays and its closure days.

#include <optional>
#include <string>

#include "civic/core/date.hpp"
#include "civic/core/working_days.hpp"
#include "civic/modules/governance/model.hpp"

namespace civic::governance {

struct DeadlineRules {
    Settings settings;
    WorkingCalendar calendar;
    Date today;
};

// The latest day a notice may be given and still leave n clear days before `day`, with the
// lines that count it.
struct ClearDays {
    Date latest;
    std::vector<std::string> lines;
};
ClearDays latest_for_clear_days(const DeadlineRules& rules, Date day, int n, std::string_view what);

// The agenda of a public meeting, published on `published` (nullopt: not yet).
Deadline publication_deadline(const DeadlineRules& rules, Date meeting,
                              std::optional<Date> published, const std::string& late_reason);

// A private meeting of the executive: the 28 days' notice given on `notice` and the 5 days'
// notice (the agenda's publication) on `published`.
std::vector<Deadline> private_meeting_notices(const DeadlineRules& rules, Date meeting,
                                              std::optional<Date> notice,
                                              std::optional<Date> published);

// A key decision to be taken on `decision`, first on the forward plan on `first_published`;
// exception is "", "general_exception" or "special_urgency".
Deadline forward_plan_notice(const DeadlineRules& rules, Date decision,
                             std::optional<Date> first_published, const std::string& exception,
                             const std::string& exception_reason);

// The call-in window of an executive decision published on `published`: its last day (due),
// whether it is still open on rules.today, and the day it can be implemented (then).
Deadline call_in_window(const DeadlineRules& rules, Date published);

}  // namespace civic::governance
