// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Reading the audit trail: who may read it, and how it is paged. The trail holds
// before-and-after copies of records, including what is not published, so only
// administrators read it, for now: an editor's scope would have to be applied to every
// entry's before-and-after copies, which name records in other units.

#include <optional>
#include <string>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/kit/page.hpp"
#include "civic/store/audit.hpp"
#include "civic/store/database.hpp"

namespace civic::audit {

struct AuditListQuery {
    std::optional<std::string> entity;     // only entries about this kind of record
    std::optional<std::string> entity_id;  // only entries about this record
    std::optional<std::string> cursor;     // the id of the last entry seen
    int limit = 50;
};

class AuditService {
public:
    explicit AuditService(store::Database& db) : m_db(db) {}

    // Whether the caller may read the trail: 401 when not signed in, 403 unless an
    // administrator. The API asks before it reads the query, so that a caller who may not
    // read the trail hears that first.
    static Result<void> may_read(const Context& ctx);
    // One page of entries, oldest first; the next cursor is the id of the page's last entry.
    Result<kit::Page<store::AuditEntry>> list(const Context& ctx, const AuditListQuery& q);

private:
    store::Database& m_db;
};

}  // namespace civic::audit
