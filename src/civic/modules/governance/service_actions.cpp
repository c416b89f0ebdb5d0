// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<std::vector<ActionView>> GovernanceService::list_actions(const Context& ctx,
                                                                const ActionQuery& q) {
    (void)ctx;
    (void)q;
    return std::unexpected(not_built());
}

Result<ActionView> GovernanceService::get_action(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<Action> GovernanceService::create_action(const Context& ctx, const ActionInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<Action> GovernanceService::update_action(const Context& ctx, const std::string& id,
                                                const ActionInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Action> GovernanceService::archive_action(const Context& ctx, const std::string& id,
                                                 std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

Result<std::vector<ActionView>> GovernanceService::action_log(const Context& ctx,
                                                              const std::string& meeting_id) {
    (void)ctx;
    (void)meeting_id;
    return std::unexpected(not_built());
}

Result<std::vector<ActionView>> GovernanceService::my_actions(const Context& ctx) {
    (void)ctx;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
