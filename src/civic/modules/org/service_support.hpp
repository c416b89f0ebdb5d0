// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Helpers shared by the org service's translation units: scope checks, validation of common
// fields, and paging. Internal to the org module.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/org/model.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/store/audit.hpp"

namespace civic::org::detail {

enum class Access { Read, Write };

// True when one of the caller's grants covers a unit path ("" covers only council-wide
// grants). Viewers read; editors and administrators read and write.
inline bool covers(const Principal& p, std::string_view path, Access access) {
    for (const auto& g : p.grants) {
        if (access == Access::Write && g.role == Role::Viewer) continue;
        if (g.role == Role::Administrator || !g.unit_id) return true;
        if (!path.empty() && path.find("/" + *g.unit_id + "/") != std::string_view::npos)
            return true;
    }
    return false;
}

inline Result<void> require_signed_in(const Context& ctx) {
    if (!ctx.principal.signed_in()) return std::unexpected(Error::unauthorized());
    return ok();
}

// Collects field errors, then answers all of them at once.
class Checks {
public:
    void fail(std::string field, std::string message) {
        m_errors.push_back({std::move(field), std::move(message)});
    }
    bool failed(std::string_view field) const {
        return std::any_of(m_errors.begin(), m_errors.end(),
                           [&](const FieldError& e) { return e.field == field; });
    }
    // A required text field: present (on create) and not blank, and not too long.
    void text(std::string_view field, std::string_view label, const std::optional<std::string>& v,
              bool required, std::size_t max_len) {
        if (!v) {
            if (required) fail(std::string(field), fmt::format("Enter {}", label));
            return;
        }
        const auto t = trim(*v);
        if (required && t.empty()) {
            fail(std::string(field), fmt::format("Enter {}", label));
        } else if (t.size() > max_len) {
            fail(std::string(field),
                 fmt::format("{} must be {} characters or fewer", capitalise(label), max_len));
        }
    }
    // A value from a fixed list.
    template <std::size_t N>
    void one_of(std::string_view field, std::string_view label, const std::optional<std::string>& v,
                const std::string_view (&allowed)[N], bool required) {
        if (!v || v->empty()) {
            if (required || v) fail(std::string(field), fmt::format("Choose {}", label));
            return;
        }
        if (std::find(std::begin(allowed), std::end(allowed), *v) != std::end(allowed)) return;
        std::string list;
        for (std::size_t i = 0; i < N; ++i) {
            if (i) list += i + 1 == N ? " or " : ", ";
            list += allowed[i];
        }
        fail(std::string(field), fmt::format("{} must be {}", capitalise(label), list));
    }
    Result<void> result() const {
        if (m_errors.empty()) return ok();
        return std::unexpected(Error::validation(m_errors));
    }
    static std::string capitalise(std::string_view s) {
        std::string out(s);
        if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
        return out;
    }

private:
    std::vector<FieldError> m_errors;
};

inline std::string trimmed(const std::optional<std::string>& v) {
    return v ? std::string(trim(*v)) : std::string();
}

// An id field must look like an id before it is looked up.
inline bool bad_id(const std::optional<std::string>& v) { return v && !v->empty() && !is_id(*v); }

// Runs a list query that the caller's scope filters row by row: asks for limit + 1 rows,
// keeps the visible ones among the first `limit`, and sets the cursor from the rows scanned.
template <typename T, typename Fetch, typename Visible>
Page<T> filtered_page(int limit, Fetch&& fetch, Visible&& visible) {
    auto rows = fetch(limit + 1);
    Page<T> page;
    const bool more = static_cast<int>(rows.size()) > limit;
    if (more) {
        rows.resize(static_cast<std::size_t>(limit));
        if (!rows.empty()) page.next_cursor = rows.back().id;
    }
    for (auto& r : rows)
        if (visible(r)) page.items.push_back(std::move(r));
    return page;
}

inline Error stale(std::string_view what, std::int64_t current) {
    return Error::conflict(
        fmt::format("Someone else changed this {} since you opened it (it is now at version {}). "
                    "Reload it and make your change again.",
                    what, current));
}

inline std::string now_text(const Context& ctx) { return format_timestamp(ctx.now); }

// The list filter every list query starts from: the query's fields, with `within` turned
// into that unit's path. A `within` that names no unit is a field error.
inline Result<repo::ListFilter> list_filter(store::Connection& c, const ListQuery& q) {
    repo::ListFilter f;
    f.name = q.name;
    f.kind = q.kind;
    f.person_id = q.person_id;
    f.unit_id = q.unit_id;
    f.post_id = q.post_id;
    f.include_archived = q.include_archived;
    f.after = q.cursor;
    if (q.within) {
        auto root = repo::find_unit(c, *q.within);
        if (!root)
            return std::unexpected(
                Error::validation("within", "Within must be the id of a unit that exists"));
        f.within_path = root->path;
    }
    return f;
}

// What the audit trail keeps of a record: all of it, contact details included.
inline std::string audit_text(const Unit& u) {
    return civic::to_json(boost::json::value(to_json(u)));
}
inline std::string audit_text(const Person& p) {
    return civic::to_json(boost::json::value(to_json(p, ContactDetails::Shown)));
}
inline std::string audit_text(const Post& p) {
    return civic::to_json(boost::json::value(to_json(p)));
}
inline std::string audit_text(const Membership& m) {
    return civic::to_json(boost::json::value(to_json(m)));
}

// The unit path a record's permissions follow: a unit's own, or the unit it belongs to.
inline const std::string& scope_path(const Unit& u) { return u.path; }
template <typename Record>
const std::string& scope_path(const Record& r) {
    return r.unit_path;
}

// How the shared update and archive steps reach one kind of record.
template <typename Record>
struct Entity {
    std::string_view name;  // "unit": in messages and in the audit trail
    std::optional<Record> (*find)(store::Connection&, const std::string&);
    bool (*update)(store::Connection&, const Record&, std::int64_t);
};

// Every change to a record takes the same steps: find it within the caller's write scope
// (else 404), check the version it was read at (else 409), let `change` edit a copy (its
// errors stop everything), stamp the new version, write it only if nobody wrote in between,
// and audit before and after in the same transaction.
template <typename Record, typename Change>
Result<Record> change_record(store::Connection& c, const Context& ctx, const Entity<Record>& entity,
                             const std::string& id, std::int64_t expected_version,
                             std::string_view action, Change&& change) {
    auto found = entity.find(c, id);
    if (!found || !covers(ctx.principal, scope_path(*found), Access::Write))
        return std::unexpected(Error::not_found(
            fmt::format("There is no {} with this id that you can change.", entity.name)));
    const Record before = *found;
    if (before.version != expected_version)
        return std::unexpected(stale(entity.name, before.version));
    Record after = before;
    CIVIC_CHECK(change(after));
    after.version = before.version + 1;
    after.updated_at = now_text(ctx);
    if (!entity.update(c, after, expected_version))
        return std::unexpected(stale(entity.name, before.version));
    store::record_audit(c, ctx, entity.name, after.id, action, audit_text(before),
                        audit_text(after));
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
                    Error::conflict(fmt::format("This {} is already archived.", entity.name)));
            CIVIC_CHECK(refuse(r));
            r.archived_at = now_text(ctx);
            return ok();
        });
}

// For records that may always be archived.
inline constexpr auto no_objection = [](const auto&) -> Result<void> { return ok(); };

inline constexpr Entity<Unit> k_unit{"unit", repo::find_unit, repo::update_unit};
inline constexpr Entity<Person> k_person{"person", repo::find_person, repo::update_person};
inline constexpr Entity<Post> k_post{"post", repo::find_post, repo::update_post};
inline constexpr Entity<Membership> k_membership{"membership", repo::find_membership,
                                                 repo::update_membership};

}  // namespace civic::org::detail
