// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/audit/service.hpp"

namespace civic::audit {

Result<void> AuditService::may_read(const Context& ctx) {
    if (!ctx.principal.signed_in()) return std::unexpected(Error::unauthorized());
    if (!ctx.principal.is_administrator())
        return std::unexpected(Error::forbidden("Only an administrator can read the audit trail."));
    return ok();
}

Result<kit::Page<store::AuditEntry>> AuditService::list(const Context& ctx,
                                                        const AuditListQuery& q) {
    CIVIC_CHECK(may_read(ctx));
    const auto fetch = [&](int limit) {
        store::AuditQuery query;
        query.entity = q.entity;
        query.entity_id = q.entity_id;
        query.after = q.cursor;
        query.limit = limit;
        return m_db.read([&](store::Connection& c) { return store::read_audit(c, query); });
    };
    // Every entry the query finds is shown: a reader may read them all.
    return kit::filtered_page<store::AuditEntry>(q.limit, fetch,
                                                 [](const store::AuditEntry&) { return true; });
}

}  // namespace civic::audit
