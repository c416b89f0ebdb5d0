// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/api.hpp"

namespace civic::governance {

void register_api(http::Router& router, GovernanceService& service, const Clock& clock) {
    add_meeting_routes(router, service, clock);
    add_attendance_routes(router, service, clock);
    add_agenda_routes(router, service, clock);
    add_minutes_routes(router, service, clock);
    add_action_routes(router, service, clock);
    add_feed_routes(router, service, clock);
    add_pack_routes(router, service, clock);
}

}  // namespace civic::governance
