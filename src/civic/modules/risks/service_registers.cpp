// SPDX-License-Identifier: AGPL-3.0-or-later
// Risk registers, and the records risks adds to the links table. The other parts of the
// service: service_matrix.cpp (the matrix and appetite), service_risks.cpp (risks) and
// service_issues.cpp (the issues log).
#include <fmt/format.h>

#include "civic/modules/org/repo.hpp"
#include "civic/modules/risks/service.hpp"
#include "civic/modules/risks/service_support.hpp"

namespace civic::risks {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_long_text = 100000;

// The fields of a register, checked and applied; the parent and the unit are checked together.
void apply_register_input(Connection& c, const Context& ctx, Checks& checks,
                          const RegisterInput& in, Register& r, bool creating) {
    if (auto kind = checks.choice("kind", "Kind", in.kind, k_register_kinds,
                                  creating ? Required::Yes : Required::No))
        r.kind = *kind;
    checks.text("name", "the register's name", in.name, required_when(creating, in.name), 200);
    if (in.name && !checks.failed("name")) r.name = trimmed(in.name);
    checks.text("description", "the description", in.description, Required::No, k_long_text,
                Lines::Many);
    if (in.description && !checks.failed("description")) r.description = trimmed(in.description);
    if (creating && !in.unit_id) checks.fail("unit_id", "Choose the unit that owns the register");
    if (in.unit_id) {
        auto unit = named_record(
            is_id(*in.unit_id) ? org::repo::find_unit(c, *in.unit_id) : std::nullopt,
            [&](const org::Unit& u) { return covers(ctx.principal, u.path, Access::Write); });
        if (!unit) {
            checks.fail("unit_id", "Unit must be a unit in the register that you can change");
        } else {
            r.unit_id = unit->id;
            r.unit_path = unit->path;
        }
    }
    if (in.parent_id) {
        if (!*in.parent_id || (*in.parent_id)->empty()) {
            r.parent_id.reset();
        } else {
            auto parent = named_record(
                is_id(**in.parent_id) ? repo::find_register(c, **in.parent_id) : std::nullopt,
                [&](const Register& p) { return may_read(ctx.principal, p); });
            if (!parent)
                checks.fail("parent_id", "Parent must be a risk register that you can see");
            else
                r.parent_id = parent->id;
        }
    }
    if (checks.any()) return;
    if (r.kind == "corporate" && r.parent_id)
        checks.fail("parent_id", "A corporate register is at the top: it has no register above it");
    if (r.parent_id) {
        if (*r.parent_id == r.id) {
            checks.fail("parent_id", "A register cannot be its own parent");
            return;
        }
        // Not a register below this one, and at or above this register's unit.
        std::optional<std::string> up = r.parent_id;
        for (int depth = 0; up && depth < 100; ++depth) {
            auto p = repo::find_register(c, *up);
            if (!p) break;
            if (p->id == r.id) {
                checks.fail("parent_id", "Parent must not be a register below this one");
                return;
            }
            up = p->parent_id;
        }
        auto parent = repo::find_register(c, *r.parent_id);
        if (parent && !r.unit_path.starts_with(parent->unit_path))
            checks.fail("parent_id",
                        fmt::format("Parent must be the register of this register's unit or of a "
                                    "unit above it; {} belongs to another part of the council",
                                    parent->name));
    }
    if (!creating) {
        for (const auto& child : repo::registers().where(
                 c, "r.parent_id = ? AND r.archived_at IS NULL ORDER BY r.name", {r.id}))
            if (!child.unit_path.starts_with(r.unit_path)) {
                checks.fail("unit_id",
                            fmt::format("The register {} is below this one and belongs to a unit "
                                        "outside the new unit",
                                        child.name));
                break;
            }
    }
}

}  // namespace

void RisksService::add_link_types(kit::LinkTypes& types) {
    types.add("risk", "risk",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto r = repo::find_risk(c, id);
                  if (!r || r->archived_at) return std::nullopt;
                  return kit::LinkTarget{r->reference + " " + r->title, "/risks/" + r->id,
                                         may_read(who, *r), may_change(who, *r)};
              });
    types.add("risk_issue", "issue",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto i = repo::find_issue(c, id);
                  if (!i || i->archived_at) return std::nullopt;
                  return kit::LinkTarget{i->reference + " " + i->title, "/risk-issues/" + i->id,
                                         may_read(who, *i), may_change(who, *i)};
              });
    types.add("risk_register", "risk register",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto g = repo::find_register(c, id);
                  if (!g || g->archived_at) return std::nullopt;
                  return kit::LinkTarget{g->name, "/risk-registers/" + g->id, may_read(who, *g),
                                         may_change(who, *g)};
              });
}

Result<std::vector<RegisterView>> RisksService::list_registers(const Context& ctx,
                                                               const RegisterQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<RegisterView>> {
        Viewer viewer(c, ctx);
        std::vector<RegisterView> out;
        const auto all = q.include_archived
                             ? repo::registers().where(c, "1 = 1 ORDER BY r.name, r.id", {})
                             : repo::all_registers(c);
        for (const auto& r : all) {
            if (!may_read(ctx.principal, r)) continue;
            if (q.kind && r.kind != *q.kind) continue;
            if (q.unit_id && r.unit_id != *q.unit_id) continue;
            out.push_back(viewer.register_view(r));
        }
        return out;
    });
}

Result<Register> RisksService::create_register(const Context& ctx, const RegisterInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Register> {
        Checks checks;
        Register r;
        r.id = new_id();
        apply_register_input(c, ctx, checks, in, r, true);
        CIVIC_CHECK(checks.result());
        return insert_record(c, ctx, k_register, repo::registers(), std::move(r));
    });
}

Result<RegisterView> RisksService::get_register(const Context& ctx, const std::string& id) const {
    return m_db.read([&](Connection& c) -> Result<RegisterView> {
        CIVIC_TRY(auto r, readable_register(c, ctx, id, true));
        Viewer viewer(c, ctx);
        return viewer.register_view(r);
    });
}

Result<Register> RisksService::update_register(const Context& ctx, const std::string& id,
                                               const RegisterInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_register, id, version, "update",
                             [&](Register& r) -> Result<void> {
                                 Checks checks;
                                 apply_register_input(c, ctx, checks, in, r, false);
                                 return checks.result();
                             });
    });
}

Result<Register> RisksService::archive_register(const Context& ctx, const std::string& id,
                                                std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_register, id, version, [&](const Register& r) {
            std::int64_t open = 0;
            for (const auto& risk : repo::risks_in(c, r.id))
                if (risk.status == "open") ++open;
            if (open > 0)
                return Result<void>(std::unexpected(Error::conflict(fmt::format(
                    "This register holds {} open risk{}: close, merge or move {} first.", open,
                    open == 1 ? "" : "s", open == 1 ? "it" : "them"))));
            return ok();
        });
    });
}

}  // namespace civic::risks
