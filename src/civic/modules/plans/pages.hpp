// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The plans pages: the list of plans, a plan as its tree, an item with its measures, updates,
// links and history, the lead officer's update form, "my actions", reviews and their
// findings, and the plan on a page for printing.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

void register_pages(http::Router& router, PlanService& service, http::PageRenderer& pages,
                    const Clock& clock);

}  // namespace civic::plans
