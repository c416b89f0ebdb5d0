// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<std::string> GovernanceService::body_calendar(const Context& ctx, const std::string& body_id,
                                                     std::string_view base_url) {
    (void)ctx;
    (void)body_id;
    (void)base_url;
    return std::unexpected(not_built());
}

Result<std::string> GovernanceService::person_calendar(const Context& ctx,
                                                       const std::string& person_id,
                                                       std::string_view base_url) {
    (void)ctx;
    (void)person_id;
    (void)base_url;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
