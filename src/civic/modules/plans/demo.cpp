// SPDX-License-Identifier: AGPL-3.0-or-later
// Stub until the demo plans land.
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

Result<std::vector<ImportSummary>> PlanService::load_demo(const Context&,
                                                          const std::vector<DemoFile>&) {
    return std::vector<ImportSummary>{};
}

}  // namespace civic::plans
