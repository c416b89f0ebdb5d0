// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

Result<GovernanceService::DemoSummary> GovernanceService::load_demo(
    const Context& ctx, const std::vector<DemoFile>& files) {
    (void)ctx;
    (void)files;
    return DemoSummary{};
}

}  // namespace civic::governance
