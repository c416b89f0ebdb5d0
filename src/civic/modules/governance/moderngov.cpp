// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<ModernGovSummary> GovernanceService::import_moderngov(const Context& ctx,
                                                             std::string_view xml) {
    (void)ctx;
    (void)xml;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
