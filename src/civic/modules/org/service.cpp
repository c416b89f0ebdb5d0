// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/service.hpp"

#include "civic/modules/org/service_support.hpp"

namespace civic::org {
using namespace detail;
using store::Connection;

namespace {

// Validates a unit's own fields; `creating` makes name and kind required. Returns the kind in
// its canonical spelling, when one was given.
std::optional<std::string> check_unit_fields(Checks& checks, const UnitInput& in, bool creating) {
    checks.text("name", "the unit's name", in.name, required_when(creating, in.name), 200);
    auto kind = checks.choice("kind", "the kind of unit", in.kind, k_unit_kinds,
                              creating ? Required::Yes : Required::No);
    checks.text("description", "the description", in.description, Required::No, 2000, Lines::Many);
    if (bad_id(in.parent_id)) checks.fail("parent_id", "Choose a parent unit that exists");
    return kind;
}

constexpr std::string_view k_no_parent = "Choose a parent unit that exists and that you can change";

}  // namespace

bool OrgService::can_edit(const Context& ctx, const Unit& unit) const {
    return covers(ctx.principal, unit.path, Access::Write);
}

bool OrgService::can_read(const Context& ctx, const Unit& unit) const {
    return covers(ctx.principal, unit.path, Access::Read);
}

bool OrgService::can_read_all(const Context& ctx) const {
    return covers(ctx.principal, "", Access::Read);
}

Result<Unit> OrgService::get_unit(const Context&, const std::string& id) {
    // The tree of units is published: anyone may read any unit.
    auto unit = m_db.read([&](Connection& c) { return repo::find_unit(c, id); });
    if (!unit) return std::unexpected(Error::not_found("There is no unit with this id."));
    return *unit;
}

Result<Page<Unit>> OrgService::list_units(const Context&, const ListQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<Unit>> {
        CIVIC_TRY(auto f, list_filter(c, q));
        return filtered_page<Unit>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_units(c, f);
            },
            [](const Unit&) { return true; });
    });
}

std::vector<Unit> OrgService::all_units(const Context&) {
    return m_db.read([&](Connection& c) {
        std::vector<Unit> out;
        repo::ListFilter f;
        f.limit = 1000;
        while (true) {
            auto batch = repo::list_units(c, f);
            if (batch.empty()) break;
            f.after = batch.back().id;
            for (auto& u : batch) out.push_back(std::move(u));
        }
        return out;
    });
}

Result<Unit> OrgService::create_unit(const Context& ctx, const UnitInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) { return create_unit_on(c, ctx, in); });
}

Result<Unit> OrgService::create_unit_on(Connection& c, const Context& ctx, const UnitInput& in) {
    CIVIC_TRY(Unit u,
              new_unit(ctx, in, [&](const std::string& id) { return repo::find_unit(c, id); }));
    repo::insert_unit(c, u);
    store::record_audit(c, ctx, "unit", u.id, "create", std::nullopt, audit_text(u));
    return u;
}

Result<Unit> OrgService::new_unit(const Context& ctx, const UnitInput& in,
                                  const UnitLookup& unit_by_id) {
    Checks checks;
    const auto kind = check_unit_fields(checks, in, true);
    Unit u;
    u.id = new_id();
    u.name = trimmed(in.name);
    u.kind = kind.value_or("");
    u.description = trimmed(in.description);
    const std::string parent_id = trimmed(in.parent_id);
    if (!parent_id.empty() && !checks.failed("parent_id")) {
        auto parent = writable_unit(unit_by_id, ctx, parent_id);
        if (!parent) {
            checks.fail("parent_id", std::string(k_no_parent));
        } else {
            u.parent_id = parent->id;
            u.path = parent->path + u.id + "/";
        }
    } else if (parent_id.empty()) {
        if (u.kind != "council" && !checks.failed("kind")) {
            checks.fail("parent_id", "Choose the unit this one sits under");
        } else if (!ctx.principal.is_administrator()) {
            checks.fail("parent_id",
                        "Only an administrator can add a council at the top of the tree");
        }
        u.path = "/" + u.id + "/";
    }
    if (u.kind == "council" && u.parent_id && !ctx.principal.is_administrator())
        checks.fail("kind", "Only an administrator can make a unit a council");
    CIVIC_CHECK(checks.result());
    u.created_at = u.updated_at = now_text(ctx);
    return u;
}

Result<Unit> OrgService::update_unit(const Context& ctx, const std::string& id, const UnitInput& in,
                                     std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Unit> {
        std::string old_path;
        auto changed = change_record(
            c, ctx, k_unit, id, expected_version, "update", [&](Unit& u) -> Result<void> {
                old_path = u.path;
                const bool administrator = ctx.principal.is_administrator();
                Checks checks;
                const auto kind = check_unit_fields(checks, in, false);
                if (in.name) u.name = trimmed(in.name);
                if (kind) {
                    // Making a council, like putting a unit at the top of the tree, changes
                    // what the whole register hangs from: an administrator's decision.
                    if (*kind == "council" && u.kind != "council" && !administrator)
                        checks.fail("kind", "Only an administrator can make a unit a council");
                    u.kind = *kind;
                }
                if (in.description) u.description = trimmed(in.description);
                if (in.parent_id && !checks.failed("parent_id")) {
                    const std::string parent_id = trimmed(in.parent_id);
                    if (parent_id.empty()) {
                        if (u.parent_id && !administrator)
                            checks.fail("parent_id",
                                        "Only an administrator can move a unit to the top of the "
                                        "tree");
                        u.parent_id.reset();
                        u.path = "/" + u.id + "/";
                    } else if (parent_id != u.parent_id.value_or("")) {
                        auto parent = writable_unit(c, ctx, parent_id);
                        if (!parent) {
                            checks.fail("parent_id", std::string(k_no_parent));
                        } else if (parent->path.starts_with(old_path)) {
                            checks.fail(
                                "parent_id",
                                "A unit cannot sit inside itself or one of its own sub-units");
                        } else {
                            u.parent_id = parent->id;
                            u.path = parent->path + u.id + "/";
                        }
                    }
                }
                if (!u.parent_id && u.kind != "council" && !checks.failed("kind") &&
                    !checks.failed("parent_id"))
                    checks.fail(
                        "parent_id",
                        "Only a council can sit at the top of the tree; choose a parent unit");
                return checks.result();
            });
        if (changed && changed->path != old_path)
            repo::repath_descendants(c, old_path, changed->path);
        return changed;
    });
}

Result<Unit> OrgService::archive_unit(const Context& ctx, const std::string& id,
                                      std::int64_t expected_version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(
            c, ctx, k_unit, id, expected_version, [&](const Unit& u) -> Result<void> {
                if (const auto n = repo::count_live_children(c, u.id); n > 0)
                    return std::unexpected(Error::conflict(fmt::format(
                        "This unit still has {} sub-unit{} in use. Archive or move {} first.", n,
                        n == 1 ? "" : "s", n == 1 ? "it" : "them")));
                return ok();
            });
    });
}

}  // namespace civic::org
