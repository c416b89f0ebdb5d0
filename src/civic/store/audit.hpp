// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The audit trail: every write records who, when, what, the before and after JSON and the
// request id, in the same transaction as the write. Nothing in Civic updates or deletes it.

#include <optional>
#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/store/database.hpp"

namespace civic::store {

struct AuditEntry {
    std::string id;
    std::string at;
    std::string actor;
    std::string entity;  // "unit", "person", …
    std::string entity_id;
    std::string action;  // "create", "update", "archive", "import", …
    std::optional<std::string> before_json;
    std::optional<std::string> after_json;
    std::string request_id;
};

// Writes one audit row on c, which must be inside the write it describes.
void record_audit(Connection& c, const Context& ctx, std::string_view entity,
                  std::string_view entity_id, std::string_view action,
                  const std::optional<std::string>& before_json,
                  const std::optional<std::string>& after_json);

// One record's entry in a batch of audit rows: its id and the JSON after the change.
struct AuditedRecord {
    std::string_view entity_id;
    std::string after_json;
};

// Writes one audit row for each record of a batch (an import), all with the same entity,
// action, actor, time and request id, several rows a statement.
void record_audits(Connection& c, const Context& ctx, std::string_view entity,
                   std::string_view action, const std::vector<AuditedRecord>& records);

struct AuditQuery {
    std::optional<std::string> entity;
    std::optional<std::string> entity_id;
    std::optional<std::string> after;  // cursor: the id of the last entry seen
    int limit = 50;
};

// Entries oldest first.
std::vector<AuditEntry> read_audit(Connection& c, const AuditQuery& q);

}  // namespace civic::store
