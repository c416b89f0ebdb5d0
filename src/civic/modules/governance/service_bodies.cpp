// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<Settings> GovernanceService::get_settings(const Context& ctx) {
    (void)ctx;
    return std::unexpected(not_built());
}

Result<Settings> GovernanceService::update_settings(const Context& ctx, const SettingsInput& in,
                                                    std::int64_t version) {
    (void)ctx;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<std::vector<BodyView>> GovernanceService::list_bodies(const Context& ctx,
                                                             const BodyQuery& q) {
    (void)ctx;
    (void)q;
    return std::unexpected(not_built());
}

Result<BodyView> GovernanceService::get_body(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<Body> GovernanceService::create_body(const Context& ctx, const BodyInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<Body> GovernanceService::update_body(const Context& ctx, const std::string& id,
                                            const BodyInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Body> GovernanceService::archive_body(const Context& ctx, const std::string& id,
                                             std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

Result<GenerationResult> GovernanceService::generate_meetings(const Context& ctx,
                                                              const std::string& body_id,
                                                              const GenerationInput& in) {
    (void)ctx;
    (void)body_id;
    (void)in;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
