#pragma once
// The calendar's values as JSON, shared by the API and the command line, so both answer
// with the same shapes.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/period.hpp"
#include "civic/core/timing.hpp"
#include "civic/core/working_days.hpp"

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

}  // namespace civic::calendar
