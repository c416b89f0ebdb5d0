// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The council's calendar under /api/v1/calendar: bank holidays and the council's own days,
// working-day sums, periods and timing phrases. Reads are public; changing the council's
// days is for administrators.

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/calendar/service.hpp"

namespace civic::calendar {

void register_api(http::Router& router, CalendarService& service, const Clock& clock);

}  // namespace civic::calendar
