// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Governance's JSON API under /api/v1: bodies, meetings, agenda items and documents,
// attendance, declarations, minutes, decisions, actions, the forward plan, the work programme,
// the council's settings, and the calendar feeds. The routes of each part are in their own
// file (api_meetings.cpp, api_attendance.cpp, api_agenda.cpp, api_minutes.cpp, api_actions.cpp,
// api_feeds.cpp).

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

void register_api(http::Router& router, GovernanceService& service, const Clock& clock);

// Each part's routes, which register_api adds.
void add_meeting_routes(http::Router& router, GovernanceService& service, const Clock& clock);
void add_attendance_routes(http::Router& router, GovernanceService& service, const Clock& clock);
void add_agenda_routes(http::Router& router, GovernanceService& service, const Clock& clock);
void add_minutes_routes(http::Router& router, GovernanceService& service, const Clock& clock);
void add_action_routes(http::Router& router, GovernanceService& service, const Clock& clock);
void add_feed_routes(http::Router& router, GovernanceService& service, const Clock& clock);
void add_pack_routes(http::Router& router, GovernanceService& service, const Clock& clock);

}  // namespace civic::governance
