// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The calendar's values as JSON, shared by the API and the command line, so both answer
// with the same shapes.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/error.hpp"
#include "civic/core/period.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/core/timing.hpp"
#include "civic/core/working_days.hpp"
#include "civic/modules/calendar/meetings.hpp"

namespace civic::calendar {

// {"period": "2025/26 Q1", "kind": "quarter", "start", "end", "parent", "children",
//  "previous", "next", "same_last_year"}
boost::json::object period_json(const Period& p);
// Every field of a Timing, its parts nested, with due_by and next_occurrence (after `today`).
boost::json::object timing_json(const Timing& t, const Date& today);
// [{"date", "name"}]
boost::json::array holidays_json(const std::vector<Holiday>& holidays);
// [{"date", "reason": "weekend" | "bank_holiday" | "council_day", "name"}]
boost::json::array skipped_json(const std::vector<NonWorkingDay>& days);
// [{"date", "local": "2025-03-31T10:00", "utc", "end_utc", "holiday": false,
//   "holiday_name": null, "moved_from": null}]
boost::json::array meetings_json(const std::vector<Meeting>& meetings);

// A schedule read from a rule (an RRULE, or a phrase such as "every Tuesday"), a first
// date and a local time "HH:MM"; the error names the field at fault.
Result<Schedule> schedule_from(std::string_view rule, std::string_view first,
                               std::string_view time);

}  // namespace civic::calendar
