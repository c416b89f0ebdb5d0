// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A body's meetings as the council keeps them: each one marked when the schedule puts it on a
// bank holiday or one of the council's closure days, and, when asked, moved to the next
// working day. Shared by the API and `civic calendar meetings`.

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/holidays.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/core/working_days.hpp"

namespace civic::calendar {

enum class OnHoliday {
    Mark,      // list the meeting where the schedule puts it, marked
    MoveNext,  // move it to the next working day after that day
};

struct Meeting {
    Occurrence occurrence;  // when it takes place (after any move)
    // The bank holiday or closure day on the day the schedule gives, if any.
    std::optional<Holiday> holiday;
    // The day the schedule gives, when the meeting was moved off it.
    std::optional<Date> moved_from;
};

// The meetings of a schedule from `from` to `to`, as expand() lists them (at most `limit`,
// the same errors), marked against the council's calendar. A moved meeting keeps its local
// time and may land after `to`, or on a day the schedule also meets.
std::expected<std::vector<Meeting>, std::string> meetings_between(const Schedule& schedule,
                                                                  Date from, Date to,
                                                                  const WorkingCalendar& calendar,
                                                                  OnHoliday on_holiday,
                                                                  std::size_t limit = 1000);

}  // namespace civic::calendar
