// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The plans pages: the list of plans and the form that adds one, a plan as its tree with a
// filter, its versions and the items whose updates are missing, an item with its measures,
// updates and links, the lead officer's update form, "my actions", reviews and their
// findings, and the plan on a page for printing. Every page works without JavaScript.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

// org names the units and people the pages show and offers the units a new plan may belong
// to; links gives a review's findings the plan items that answer them.
void register_pages(http::Router& router, PlanService& service, org::OrgService& org,
                    kit::LinkService& links, http::PageRenderer& pages, const Clock& clock);

}  // namespace civic::plans
