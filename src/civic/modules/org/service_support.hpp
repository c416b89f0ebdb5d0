// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Helpers shared by the org service's translation units: list filters, the audit
// text of each record and how the shared change steps reach it. Internal to the org module;
// what every module shares is in modules/kit.

#include <fmt/format.h>

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/page.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/model.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::org::detail {
using namespace civic::kit;

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

// A unit a write puts a record in or under: live, and in the caller's write scope. Anything
// else (missing, archived, out of scope) is nullopt alike. unit_by_id finds a unit by id: the
// database, or also the units of a file being imported.
template <typename Lookup>
std::optional<Unit> writable_unit(const Lookup& unit_by_id, const Context& ctx,
                                  const std::string& id) {
    return named_record(unit_by_id(id), [&](const Unit& u) {
        return covers(ctx.principal, u.path, Access::Write);
    });
}
inline std::optional<Unit> writable_unit(store::Connection& c, const Context& ctx,
                                         const std::string& id) {
    return writable_unit([&](const std::string& unit_id) { return repo::find_unit(c, unit_id); },
                         ctx, id);
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

// org's scope rule: a record may be changed by whoever may write in its unit's subtree.
template <typename Record>
bool may_change(const Principal& p, const Record& r) {
    return covers(p, scope_path(r), Access::Write);
}

template <typename Record>
std::string audit_text_of(const Record& r) {
    return audit_text(r);
}

inline constexpr Entity<Unit> k_unit{"unit", repo::find_unit, repo::update_unit,
                                     audit_text_of<Unit>, may_change<Unit>};
inline constexpr Entity<Person> k_person{"person", repo::find_person, repo::update_person,
                                         audit_text_of<Person>, may_change<Person>};
inline constexpr Entity<Post> k_post{"post", repo::find_post, repo::update_post,
                                     audit_text_of<Post>, may_change<Post>};
inline constexpr Entity<Membership> k_membership{"membership", repo::find_membership,
                                                 repo::update_membership, audit_text_of<Membership>,
                                                 may_change<Membership>};

}  // namespace civic::org::detail
