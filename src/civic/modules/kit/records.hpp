// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The steps every change to a record takes, whatever the module: find it as the caller may
// change it (else 404, as if it did not exist), check the version it was read at (else 409),
// let the change edit a copy, and, when anything changed, stamp the next version, write it
// only if nobody wrote in between, and audit before and after in the same transaction.
// A change that changes nothing writes nothing: no new version and no audit row.

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/ids.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/table.hpp"
#include "civic/store/audit.hpp"
#include "civic/store/database.hpp"

namespace civic::kit {

// How the shared change steps reach one kind of record.
template <typename Record>
struct Entity {
    std::string_view name;  // "unit", "calendar_day": the audit trail's name for it
    std::optional<Record> (*find)(store::Connection&, const std::string&);
    // Writes the record when its stored version is still the one given; false when it is not.
    bool (*update)(store::Connection&, const Record&, std::int64_t);
    // What the audit trail keeps of the record: all of it.
    std::string (*audit_text)(const Record&);
    // The scope rule, passed in: may this caller change this record?
    bool (*may_change)(const Principal&, const Record&);
    // How messages name it ("calendar day"), when that is not the name.
    std::string_view label = {};

    std::string_view words() const { return label.empty() ? name : label; }
};

template <typename Record, typename Change>
Result<Record> change_record(store::Connection& c, const Context& ctx, const Entity<Record>& entity,
                             const std::string& id, std::int64_t expected_version,
                             std::string_view action, Change&& change) {
    auto found = entity.find(c, id);
    if (!found || !entity.may_change(ctx.principal, *found))
        return std::unexpected(Error::not_found(
            fmt::format("There is no {} with this id that you can change.", entity.words())));
    const Record before = *found;
    if (before.version != expected_version)
        return std::unexpected(stale(entity.words(), before.version));
    Record after = before;
    CIVIC_CHECK(change(after));
    const std::string before_text = entity.audit_text(before);
    if (entity.audit_text(after) == before_text) return before;
    after.version = before.version + 1;
    after.updated_at = now_text(ctx);
    if (!entity.update(c, after, expected_version))
        return std::unexpected(stale(entity.words(), before.version));
    store::record_audit(c, ctx, entity.name, after.id, action, before_text,
                        entity.audit_text(after));
    return after;
}

// Archiving is a change that sets archived_at; `refuse` may say why not (for example, a unit
// that still has sub-units).
template <typename Record, typename Refuse>
Result<Record> archive_record(store::Connection& c, const Context& ctx,
                              const Entity<Record>& entity, const std::string& id,
                              std::int64_t expected_version, Refuse&& refuse) {
    return change_record(
        c, ctx, entity, id, expected_version, "archive", [&](Record& r) -> Result<void> {
            if (r.archived_at)
                return std::unexpected(
                    Error::conflict(fmt::format("This {} is already archived.", entity.words())));
            CIVIC_CHECK(refuse(r));
            r.archived_at = now_text(ctx);
            return ok();
        });
}

// For records that may always be archived.
inline constexpr auto no_objection = [](const auto&) -> Result<void> { return ok(); };

// Creates a record: stamps it (id when blank, version 1, created and updated now), inserts
// it and audits the create (as `action`: an import says "import"), in the caller's
// transaction.
template <typename Record>
Record insert_record(store::Connection& c, const Context& ctx, const Entity<Record>& entity,
                     const Table<Record>& table, Record r, std::string_view action = "create") {
    if (r.id.empty()) r.id = new_id();
    r.version = 1;
    r.created_at = r.updated_at = now_text(ctx);
    table.insert(c, r);
    store::record_audit(c, ctx, entity.name, r.id, action, std::nullopt, entity.audit_text(r));
    return r;
}

}  // namespace civic::kit
