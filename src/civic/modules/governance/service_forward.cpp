// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<std::vector<EntryView>> GovernanceService::list_entries(const Context& ctx,
                                                               const EntryQuery& q) {
    (void)ctx;
    (void)q;
    return std::unexpected(not_built());
}

Result<EntryView> GovernanceService::get_entry(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<ForwardPlanEntry> GovernanceService::create_entry(const Context& ctx, const EntryInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<ForwardPlanEntry> GovernanceService::update_entry(const Context& ctx, const std::string& id,
                                                         const EntryInput& in,
                                                         std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<ForwardPlanEntry> GovernanceService::archive_entry(const Context& ctx, const std::string& id,
                                                          std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

Result<std::vector<TopicView>> GovernanceService::list_topics(const Context& ctx,
                                                              const std::string& body_id) {
    (void)ctx;
    (void)body_id;
    return std::unexpected(not_built());
}

Result<TopicView> GovernanceService::get_topic(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<Topic> GovernanceService::create_topic(const Context& ctx, const TopicInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<Topic> GovernanceService::update_topic(const Context& ctx, const std::string& id,
                                              const TopicInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Topic> GovernanceService::archive_topic(const Context& ctx, const std::string& id,
                                               std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
