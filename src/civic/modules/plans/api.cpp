// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/api.hpp"

namespace civic::plans {

void register_api(http::Router&, PlanService&, const Clock&) {}

}  // namespace civic::plans
