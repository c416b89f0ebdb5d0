// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Working hours as a council's service desk counts them: the office hours of each working day
// (working_days.hpp), so that "a priority 1 incident is resolved within 4 working hours" runs
// from 16:00 on a Friday to 11:00 on the Monday, or the Tuesday after a bank holiday. Times
// are on the wall clock in the UK, as an officer reads them; a clock explains itself as
// WorkingDayClock does.

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/error.hpp"
#include "civic/core/working_days.hpp"

namespace civic {

// "09:30" → 570, minutes after midnight; nullopt unless it is a time written HH:MM on the
// 24-hour clock (00:00 to 23:59).
std::optional<int> parse_time_of_day(std::string_view text);
// 570 → "09:30".
std::string format_time_of_day(int minute);

// A time on the wall clock in the UK: a day, and minutes after its midnight (0 to 1439).
struct WallTime {
    Date date;
    int minute = 0;

    friend bool operator==(const WallTime&, const WallTime&) = default;
    friend std::strong_ordering operator<=>(const WallTime& a, const WallTime& b) {
        if (auto c = a.date <=> b.date; c != 0) return c;
        return a.minute <=> b.minute;
    }
};

// "Friday 4 December 2026 at 16:00".
std::string format_wall_time(const WallTime& t);

// When the office is open on a working day: from `opens` to `closes`, minutes after midnight.
struct OfficeHours {
    int opens = 9 * 60;
    int closes = 17 * 60;
};

// Whether `hours` open before they close, on one day. The error names "opens" or "closes".
Result<void> check_office_hours(const OfficeHours& hours);

// "3 working hours", "1 working hour 30 minutes", "45 working minutes".
std::string working_hours_phrase(int minutes);

// A target in working hours ("resolved within 4 working hours"), with the clock stopped while
// the council waits for something and restarted when it arrives, and the target extended.
//
// Counting rule. Only the minutes the office is open on a working day count. A request that
// arrives while the office is open starts the clock at once; one that arrives before it opens
// starts it at opening time; one that arrives after it closes, or on a day that is not a
// working day, starts it when the office next opens. A stop takes out the working minutes
// from the moment it stops to the moment it restarts. The target is due at the moment its
// last minute is counted: a 1-hour target started at 16:00 is due at 17:00 that day, not at
// 09:00 the next.
class WorkingHoursClock {
public:
    struct Stop {
        WallTime stopped_at;
        std::string reason;
        std::optional<WallTime> restarted_at;
    };
    struct Extension {
        int minutes;
        std::string reason;
    };

    // A clock started at `received` with a target of 1 minute to 1000 working hours.
    // Errors (Validation): office hours that do not hold ("opens", "closes"); a target
    // outside that range ("target").
    static Result<WorkingHoursClock> start(WorkingCalendar calendar, OfficeHours hours,
                                           WallTime received, int target_minutes);

    // Stops the clock at `at` for `reason`. Errors: already stopped (Conflict); a time before
    // the request was received or the last restart, or a blank reason (Validation).
    Result<void> stop(WallTime at, std::string reason);
    // Restarts it at `at`. Errors: not stopped (Conflict); a time before the stop (Validation).
    Result<void> restart(WallTime at);
    // Adds minutes to the target, with its reason. Errors (Validation): fewer than 1 minute,
    // or a target that would pass 1000 working hours ("working_hours"); a blank reason.
    Result<void> extend(int minutes, std::string reason);

    WallTime received() const { return m_received; }
    // The moment the clock first runs: the received time, or the next opening after it.
    WallTime started() const;
    const OfficeHours& office_hours() const { return m_hours; }
    int target_minutes() const { return m_target; }
    int base_target_minutes() const { return m_base_target; }
    const std::vector<Stop>& stops() const { return m_stops; }
    bool is_stopped() const { return !m_stops.empty() && !m_stops.back().restarted_at; }

    // The moment the target is reached; nullopt while the clock is stopped short of it.
    std::optional<WallTime> due() const;
    // The working minutes counted from receipt to `now`, less the stopped ones.
    int minutes_used(WallTime now) const;
    // target − used: 0 at the due moment, negative (minutes overdue) after it.
    int remaining(WallTime now) const { return m_target - minutes_used(now); }
    // One plain-English line per rule applied, the first "Received …", ending with the due
    // time.
    std::vector<std::string> explanation() const;

    // The working minutes from `from` to `to` on `calendar` in `hours` (0 when `to` is not
    // after `from`).
    static int working_minutes(const WorkingCalendar& calendar, const OfficeHours& hours,
                               WallTime from, WallTime to);

private:
    WorkingHoursClock(WorkingCalendar calendar, OfficeHours hours, WallTime received, int target)
        : m_calendar(std::move(calendar)),
          m_hours(hours),
          m_received(received),
          m_base_target(target),
          m_target(target) {}

    int stopped_minutes(WallTime until) const;

    WorkingCalendar m_calendar;
    OfficeHours m_hours;
    WallTime m_received;
    int m_base_target = 0;
    int m_target = 0;
    std::vector<Stop> m_stops;
    std::vector<Extension> m_extensions;
};

}  // namespace civic
