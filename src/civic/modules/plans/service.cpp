// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

void PlanService::add_link_types(kit::LinkTypes&) {}

}  // namespace civic::plans
