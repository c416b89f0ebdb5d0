// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/store/audit.hpp"

#include "civic/core/ids.hpp"

namespace civic::store {

void record_audit(Connection& c, const Context& ctx, std::string_view entity,
                  std::string_view entity_id, std::string_view action,
                  const std::optional<std::string>& before_json,
                  const std::optional<std::string>& after_json) {
    const std::string id = new_id();
    const std::string at = format_timestamp(ctx.now);
    const std::string actor = ctx.principal.actor();
    c.execute(
        "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, before_json, "
        "after_json, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(id), std::string_view(at), std::string_view(actor), entity, entity_id,
         action, nullable(before_json), nullable(after_json), std::string_view(ctx.request_id)});
}

void record_audits(Connection& c, const Context& ctx, std::string_view entity,
                   std::string_view action, const std::vector<AuditedRecord>& records) {
    static constexpr std::string_view k_columns[] = {"id",          "at",         "actor",
                                                     "entity",      "entity_id",  "action",
                                                     "before_json", "after_json", "request_id"};
    const std::string at = format_timestamp(ctx.now);
    const std::string actor = ctx.principal.actor();
    std::vector<std::string> ids;
    ids.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) ids.push_back(new_id());
    insert_rows(
        c, "audit_log", k_columns, records.size(), [&](std::size_t i, std::vector<Value>& out) {
            out.insert(out.end(),
                       {std::string_view(ids[i]), std::string_view(at), std::string_view(actor),
                        entity, records[i].entity_id, action, nullptr,
                        std::string_view(records[i].after_json), std::string_view(ctx.request_id)});
        });
}

std::vector<AuditEntry> read_audit(Connection& c, const AuditQuery& q) {
    const std::string entity = q.entity.value_or("");
    const std::string entity_id = q.entity_id.value_or("");
    const std::string after = q.after.value_or("");
    return c.query_all(
        "SELECT id, at, actor, entity, entity_id, action, before_json, after_json, request_id "
        "FROM audit_log WHERE (? = '' OR entity = ?) AND (? = '' OR entity_id = ?) AND id > ? "
        "ORDER BY id LIMIT ?",
        {std::string_view(entity), std::string_view(entity), std::string_view(entity_id),
         std::string_view(entity_id), std::string_view(after), std::int64_t{q.limit}},
        [](const Row& r) {
            return AuditEntry{r.str(0), r.str(1),           r.str(2),           r.str(3), r.str(4),
                              r.str(5), r.optional_text(6), r.optional_text(7), r.str(8)};
        });
}

}  // namespace civic::store
