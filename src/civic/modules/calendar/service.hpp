// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The council's calendar: the bank holidays of England and Wales with the council's own
// changes (closure days it adds, bank holidays it works), and the working-day arithmetic,
// periods and timing phrases every other module counts time with.

#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/working_days.hpp"
#include "civic/modules/calendar/model.hpp"
#include "civic/store/database.hpp"

namespace civic::calendar {

struct CouncilDayInput {
    std::optional<std::string> date, name, change;
};

class CalendarService {
public:
    explicit CalendarService(store::Database& db) : m_db(db) {}

    // The council's own days; public, like the holidays they change.
    std::vector<CouncilDay> list_days(bool include_archived);
    // One of the council's days, archived or not; public, like the list.
    Result<CouncilDay> get_day(const std::string& id);
    // Administrators only: a council-wide change.
    Result<CouncilDay> add_day(const Context& ctx, const CouncilDayInput& in);
    Result<CouncilDay> archive_day(const Context& ctx, const std::string& id,
                                   std::int64_t expected_version);

    // The working calendar as this council keeps it: built-in rules plus its live days.
    WorkingCalendar working_calendar();
    // The same, read on a connection another module's transaction holds (its deadlines).
    static WorkingCalendar calendar_on(store::Connection& c);
    // The working days of any part of the United Kingdom (FOI section 10(6)): the built-in
    // bank holidays of every nation and the one-off bank holidays the council has added, but
    // not its own closure days, nor its choice to work a bank holiday.
    static WorkingCalendar uk_calendar_on(store::Connection& c);

private:
    store::Database& m_db;
};

}  // namespace civic::calendar
