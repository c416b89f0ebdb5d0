// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/calendar/meetings.hpp"

namespace civic::calendar {

std::expected<std::vector<Meeting>, std::string> meetings_between(const Schedule& schedule,
                                                                  Date from, Date to,
                                                                  const WorkingCalendar& calendar,
                                                                  OnHoliday on_holiday,
                                                                  std::size_t limit) {
    auto found = expand(schedule, from, to, limit);
    if (!found) return std::unexpected(found.error());
    std::vector<Meeting> meetings;
    meetings.reserve(found->size());
    for (auto& o : *found) {
        auto holiday = calendar.holiday_on(o.local_date);
        Meeting m{std::move(o), std::move(holiday), std::nullopt};
        if (m.holiday && on_holiday == OnHoliday::MoveNext) {
            const Date next = calendar.add_working_days(m.occurrence.local_date, 1);
            // The same wall-clock time on the new day, with that day's UTC offset: a one-off
            // schedule, so the clock changes are handled in one place.
            Schedule once = schedule;
            once.rrule = "FREQ=DAILY;COUNT=1";
            once.first_date = next;
            once.exceptions.clear();
            auto moved = expand(once, next, next, 1);
            if (!moved) return std::unexpected(moved.error());
            if (!moved->empty()) {
                m.moved_from = m.occurrence.local_date;
                m.occurrence = std::move(moved->front());
            }
        }
        meetings.push_back(std::move(m));
    }
    return meetings;
}

}  // namespace civic::calendar
