// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Plans under /api/v1: plans, their items, measures and progress updates, versions and
// comparison, the export, "my actions" and the lists officers work from, reviews and their
// findings.

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

void register_api(http::Router& router, PlanService& service, const Clock& clock);

}  // namespace civic::plans
