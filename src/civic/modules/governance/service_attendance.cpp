// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

namespace {
Error not_built() { return Error::not_found("This part of governance is not built yet."); }
}  // namespace

Result<Agenda> GovernanceService::agenda(const Context& ctx, const std::string& meeting_id) {
    (void)ctx;
    (void)meeting_id;
    return std::unexpected(not_built());
}

Result<std::vector<AttendeeView>> GovernanceService::list_attendees(const Context& ctx,
                                                                    const std::string& meeting_id) {
    (void)ctx;
    (void)meeting_id;
    return std::unexpected(not_built());
}

Result<Attendee> GovernanceService::get_attendee(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<Attendee> GovernanceService::add_attendee(const Context& ctx, const AttendeeInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<Attendee> GovernanceService::update_attendee(const Context& ctx, const std::string& id,
                                                    const AttendeeInput& in, std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Attendee> GovernanceService::archive_attendee(const Context& ctx, const std::string& id,
                                                     std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

Result<std::vector<AttendeeView>> GovernanceService::take_register(
    const Context& ctx, const std::string& meeting_id, const std::vector<AttendeeInput>& rows) {
    (void)ctx;
    (void)meeting_id;
    (void)rows;
    return std::unexpected(not_built());
}

Result<Declaration> GovernanceService::get_declaration(const Context& ctx, const std::string& id) {
    (void)ctx;
    (void)id;
    return std::unexpected(not_built());
}

Result<Declaration> GovernanceService::add_declaration(const Context& ctx,
                                                       const DeclarationInput& in) {
    (void)ctx;
    (void)in;
    return std::unexpected(not_built());
}

Result<Declaration> GovernanceService::update_declaration(const Context& ctx, const std::string& id,
                                                          const DeclarationInput& in,
                                                          std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)in;
    (void)version;
    return std::unexpected(not_built());
}

Result<Declaration> GovernanceService::archive_declaration(const Context& ctx,
                                                           const std::string& id,
                                                           std::int64_t version) {
    (void)ctx;
    (void)id;
    (void)version;
    return std::unexpected(not_built());
}

}  // namespace civic::governance
