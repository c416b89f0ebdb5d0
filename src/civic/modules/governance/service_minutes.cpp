// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<Minutes> GovernanceService::minutes(const Context& ctx, const std::string& meeting_id) {
    (void)ctx;
    (void)meeting_id;
    return std::unexpected(not_built());
}

Result<Meeting> GovernanceService::approve_minutes(const Context& ctx,
                                                   const std::string& meeting_id,
                                                   const MinutesApprovalInput& in,
                                                   std::int64_t version) {
    (void)ctx;
    (void)meeting_id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Correction> GovernanceService::add_correction(const Context& ctx,
                                                     const CorrectionInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
