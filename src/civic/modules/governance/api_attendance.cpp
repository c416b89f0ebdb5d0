// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/api.hpp"

namespace civic::governance {

void add_attendance_routes(http::Router& router, GovernanceService& service, const Clock& clock) {
    (void)router;
    (void)service;
    (void)clock;
}

}  // namespace civic::governance
