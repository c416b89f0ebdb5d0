// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<Page<DecisionView>> GovernanceService::list_decisions(const Context& ctx,
                                                             const DecisionQuery& q) {
    (void)ctx;
    (void)q;
    return std::unexpected(not_built());
}

Result<DecisionView> GovernanceService::get_decision(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<Decision> GovernanceService::create_decision(const Context& ctx, const DecisionInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<Decision> GovernanceService::update_decision(const Context& ctx, const std::string& id,
                                                    const DecisionInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Decision> GovernanceService::archive_decision(const Context& ctx, const std::string& id,
                                                     std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

Result<Decision> GovernanceService::call_in(const Context& ctx, const std::string& id,
                                            const CallInInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<std::string> GovernanceService::decisions_csv(const Context& ctx, const DecisionQuery& q) {
    (void)ctx;
    (void)q;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
