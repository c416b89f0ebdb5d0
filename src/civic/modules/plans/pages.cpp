// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/pages.hpp"

namespace civic::plans {

void register_pages(http::Router&, PlanService&, http::PageRenderer&, const Clock&) {}

}  // namespace civic::plans
