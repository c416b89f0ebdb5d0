// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<std::vector<ItemView>> GovernanceService::list_items(const Context& ctx,
                                                            const std::string& meeting_id) {
    (void)ctx;
    (void)meeting_id;
    return std::unexpected(not_built());
}

Result<ItemView> GovernanceService::get_item(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<AgendaItem> GovernanceService::create_item(const Context& ctx, const ItemInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<AgendaItem> GovernanceService::update_item(const Context& ctx, const std::string& id,
                                                  const ItemInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<AgendaItem> GovernanceService::archive_item(const Context& ctx, const std::string& id,
                                                   std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

Result<std::vector<Document>> GovernanceService::list_documents(const Context& ctx,
                                                                const std::string& item_id) {
    (void)ctx;
    (void)item_id;
    return std::unexpected(not_built());
}

Result<Document> GovernanceService::get_document(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<Document> GovernanceService::create_document(const Context& ctx, const DocumentInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<Document> GovernanceService::update_document(const Context& ctx, const std::string& id,
                                                    const DocumentInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Document> GovernanceService::archive_document(const Context& ctx, const std::string& id,
                                                     std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

Result<Meeting> GovernanceService::publish(const Context& ctx, const std::string& meeting_id,
                                           const PublicationInput& in, std::int64_t version) {
    (void)ctx;
    (void)meeting_id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
