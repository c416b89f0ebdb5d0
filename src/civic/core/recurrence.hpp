// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Meeting schedules: an RFC 5545 recurrence rule (RRULE) at a fixed time of day in the UK.

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/clock.hpp"
#include "civic/core/date.hpp"
#include "civic/core/working_hours.hpp"

namespace civic {

// A body's meetings, e.g. the Executive Management Group every Tuesday at 10:00. Meetings
// are fixed in local (Europe/London) time: a 10:00 meeting is at 10:00 on the wall clock
// in winter and in summer, so its UTC time moves when the clocks change.
struct Schedule {
    // "FREQ=WEEKLY;BYDAY=TU". Civic reads FREQ (DAILY, WEEKLY, MONTHLY or YEARLY),
    // INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS and WKST; the time of
    // day comes from hour and minute below, not from the rule.
    std::string rrule;
    // The earliest date a meeting can fall on (RFC 5545's DTSTART). It is a meeting only
    // when the rule gives it; "FREQ=MONTHLY" and "FREQ=WEEKLY" take their day from it.
    Date first_date;
    int hour = 0;  // local start time, 0–23
    int minute = 0;
    int duration_minutes = 60;  // 1 to 1440
    // Dates on which the rule gives a meeting that will not happen (RFC 5545's EXDATE).
    std::vector<Date> exceptions;
};

// One meeting of a schedule.
struct Occurrence {
    // When it starts on the wall clock in the UK. That is the schedule's time, except for
    // a time the spring clock change skips (01:00–01:59 on the last Sunday of March),
    // which RFC 5545 moves an hour on, to 02:xx BST.
    Date local_date;
    int hour = 0;
    int minute = 0;
    std::string local;    // "2025-03-31T10:00"
    std::string utc;      // "2025-03-31T09:00:00Z"
    std::string end_utc;  // utc plus the schedule's duration: "2025-03-31T10:00:00Z"
};

// The meetings of a schedule from `from` to `to` (both dates inclusive, local dates), in
// order: at most `limit` of them, the earliest, so a rule that repeats daily for ever
// cannot run away (a result of exactly `limit` meetings may have been cut short).
// Errors, in words a clerk can act on: a rule Civic does not read (a bad RRULE, a part it
// does not support, a rule that never gives a date), a time that is not a time of day, a
// date outside 1970–2200, or `to` before `from`.
std::expected<std::vector<Occurrence>, std::string> expand(const Schedule& schedule, Date from,
                                                           Date to, std::size_t limit = 1000);

// The rule in the form Civic stores, upper case without an "RRULE:" prefix, when Civic can
// expand it; otherwise the reason, as expand() would give it.
std::expected<std::string, std::string> normalize_rrule(std::string_view rrule);

// A schedule as a clerk says it, turned into an RRULE: "every Tuesday" →
// "FREQ=WEEKLY;BYDAY=TU"; "fortnightly on Tuesday" → "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU";
// "the first Wednesday of each month" → "FREQ=MONTHLY;BYDAY=1WE"; "the last Thursday of
// the month" → "FREQ=MONTHLY;BYDAY=-1TH"; "monthly except August" →
// "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11,12". "weekly" and "monthly" alone take their
// day from the schedule's first date. Case and extra spaces do not matter. A phrase Civic
// does not understand is an error that lists the kinds of phrase it does.
std::expected<std::string, std::string> rrule_from_phrase(std::string_view phrase);

// The date on the wall clock in the UK at an instant: a council's "today". From midnight
// to 01:00 in summer time it is a day later than the date in UTC. (Where the system has no
// time zone data for Europe/London, the date in UTC.)
Date uk_date(TimePoint t);
// The date and time of day on the wall clock in the UK at an instant.
WallTime uk_wall_time(TimePoint t);
// The UK date of a time as Civic stores it ("2026-10-04T23:30:00.000Z" is 5 October 2026
// in summer), or nothing when the text does not start with such a time. A bare date
// ("2026-10-04") is that date.
std::optional<Date> uk_date_of(std::string_view stored);
// uk_date_of written YYYY-MM-DD; the text's first ten characters when it is not a time.
std::string uk_iso_date_of(std::string_view stored);

}  // namespace civic
