// SPDX-License-Identifier: AGPL-3.0-or-later
// Risks: the list and its filters, a risk made, read with everything about it, corrected,
// archived, merged into another, and moved within its register's order.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <utility>

#include "civic/modules/risks/service.hpp"
#include "civic/modules/risks/service_support.hpp"

namespace civic::risks {
using namespace detail;
using store::Connection;

namespace {

// Moves the other live risks of a register so that `moving` can take `position`: each one
// whose place changes is written and audited.
Result<void> make_room(Connection& c, const Context& ctx, const std::string& register_id,
                       const std::string& moving, std::int64_t position) {
    std::int64_t next = 1;
    for (const auto& r : repo::risks_in(c, register_id)) {
        if (r.id == moving) continue;
        if (next == position) ++next;
        if (r.position != next) {
            const std::int64_t to = next;
            CIVIC_CHECK(change_record(c, ctx, k_risk, r.id, r.version, "move",
                                      [&](Risk& x) -> Result<void> {
                                          x.position = to;
                                          return ok();
                                      }));
        }
        ++next;
    }
    return ok();
}

bool score_sent(const RiskInput& in) {
    return in.inherent_likelihood || in.inherent_impact || in.current_likelihood ||
           in.current_impact || in.target_likelihood || in.target_impact;
}

}  // namespace

Result<kit::Page<RiskView>> RisksService::list_risks(const Context& ctx, const RiskQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<kit::Page<RiskView>> {
        Viewer viewer(c, ctx);
        const auto rows =
            q.include_archived
                ? repo::risks().where(c, "1 = 1 ORDER BY x.register_id, x.position, x.id", {})
                : repo::all_risks(c);
        std::vector<RiskView> found;
        for (const auto& r : rows) {
            if (!may_read(ctx.principal, r)) continue;
            if (q.register_id && r.register_id != *q.register_id) continue;
            if (q.unit_id && r.unit_path.find("/" + *q.unit_id + "/") == std::string::npos)
                continue;
            if (q.owner_person_id && r.owner_person_id != *q.owner_person_id) continue;
            if (q.category && r.category != *q.category) continue;
            if (q.status && r.status != *q.status) continue;
            if (q.unowned_only && (r.owner_person_id || r.owner_text.empty())) continue;
            auto v = viewer.risk_view(r);
            if (q.band && !equal_ignoring_case(v.current.band, *q.band)) continue;
            if (q.above_appetite_only && !v.above_appetite) continue;
            if (q.likelihood || q.impact) {
                const ScoreView* cell = q.view == "inherent" ? &v.inherent
                                        : q.view == "target" ? (v.target ? &*v.target : nullptr)
                                                             : &v.current;
                if (!cell) continue;
                if (q.likelihood && cell->pair.likelihood != *q.likelihood) continue;
                if (q.impact && cell->pair.impact != *q.impact) continue;
            }
            found.push_back(std::move(v));
        }
        // The council's order: register by register (by name), each in its positions; or the
        // highest current score first.
        const auto place = [](const RiskView& a, const RiskView& b) {
            return std::tie(a.register_name, a.risk.register_id, a.risk.position, a.risk.id) <
                   std::tie(b.register_name, b.risk.register_id, b.risk.position, b.risk.id);
        };
        if (q.order == "score")
            std::stable_sort(found.begin(), found.end(), [&](const RiskView& a, const RiskView& b) {
                if (a.current.score != b.current.score) return a.current.score > b.current.score;
                return place(a, b);
            });
        else
            std::stable_sort(found.begin(), found.end(), place);
        // The cursor is the id of the last risk of the page before.
        std::size_t start = 0;
        if (!q.cursor.empty()) {
            auto at = std::find_if(found.begin(), found.end(),
                                   [&](const RiskView& v) { return v.risk.id == q.cursor; });
            if (at == found.end())
                return std::unexpected(Error::validation(
                    "cursor", "The cursor is not from this list: start again without it"));
            start = static_cast<std::size_t>(at - found.begin()) + 1;
        }
        kit::Page<RiskView> page;
        for (std::size_t i = start; i < found.size() && page.items.size() < q.limit; ++i)
            page.items.push_back(found[i]);
        if (start + page.items.size() < found.size() && !page.items.empty())
            page.next_cursor = page.items.back().risk.id;
        return page;
    });
}

Result<Risk> RisksService::create_risk(const Context& ctx, const RiskInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Risk> {
        Checks checks;
        auto reg = register_field(c, ctx, checks, "register_id", in.register_id);
        const Matrix m = repo::matrix(c);
        if (!reg) {
            // Check the rest too, so one answer names every field at fault.
            Risk scratch;
            apply_risk_input(c, checks, m, in, scratch, true, today(ctx));
            return std::unexpected(Error::validation(checks.errors()));
        }
        const std::int64_t last = repo::next_position(c, reg->id);
        if (in.position && (*in.position < 1 || *in.position > last))
            checks.fail("position",
                        fmt::format("Position must be a whole number from 1 to {}", last));
        auto made = new_risk(c, ctx, m, *reg, in);
        if (!made) {
            if (!checks.any()) return std::unexpected(made.error());
            auto errors = checks.errors();
            for (const auto& e : made.error().errors) errors.push_back(e);
            return std::unexpected(Error::validation(std::move(errors)));
        }
        CIVIC_CHECK(checks.result());
        made->id = new_id();
        made->position = in.position.value_or(last);
        if (made->position < last)
            CIVIC_CHECK(make_room(c, ctx, reg->id, made->id, made->position));
        Risk risk = insert_record(c, ctx, k_risk, repo::risks(), std::move(*made));
        first_assessment(c, ctx, risk, "Assessed when the risk was identified.");
        return risk;
    });
}

Result<RiskView> RisksService::get_risk(const Context& ctx, const std::string& id) const {
    return m_db.read([&](Connection& c) -> Result<RiskView> {
        CIVIC_TRY(auto r, readable_risk(c, ctx, id));
        Viewer viewer(c, ctx);
        return viewer.risk_view(r);
    });
}

Result<RiskDetail> RisksService::risk_detail(const Context& ctx, const std::string& id) const {
    return m_db.read([&](Connection& c) -> Result<RiskDetail> {
        CIVIC_TRY(auto r, readable_risk(c, ctx, id));
        Viewer viewer(c, ctx);
        RiskDetail d;
        d.view = viewer.risk_view(r);
        d.reviews = repo::reviews_of(c, r.id);
        std::reverse(d.reviews.begin(), d.reviews.end());
        d.escalations = repo::escalations_of(c, r.id);
        d.acceptances = repo::acceptances_of(c, r.id);
        // The first review is the assessment the risk was made with.
        bool first = true;
        for (const auto& v : repo::reviews_of(c, r.id))
            d.history.push_back({v.reviewed_on,
                                 std::exchange(first, false) ? "created" : "reviewed",
                                 Score{v.current_likelihood, v.current_impact},
                                 v.target_likelihood && v.target_impact
                                     ? std::optional(Score{*v.target_likelihood, *v.target_impact})
                                     : std::nullopt,
                                 person_name(c, v.reviewer_person_id), v.commentary});
        for (const auto& e : d.escalations) {
            const Register* to = viewer.register_of(e.to_register_id);
            d.history.push_back(
                {e.moved_on, e.direction == "up" ? "escalated" : "de-escalated", std::nullopt,
                 std::nullopt, e.moved_by,
                 fmt::format("to {}: {}", to ? to->name : "another register", e.reason)});
        }
        for (const auto& a : d.acceptances) {
            d.history.push_back(
                {a.accepted_on, "accepted", std::nullopt, std::nullopt, a.accepted_by, a.reason});
            if (a.lapsed_on)
                d.history.push_back(
                    {*a.lapsed_on, "lapsed", std::nullopt, std::nullopt, "", a.lapse_reason});
        }
        if (r.closed_on)
            d.history.push_back({*r.closed_on, r.status == "merged" ? "merged" : "closed",
                                 std::nullopt, std::nullopt, "", r.closed_reason});
        std::stable_sort(d.history.begin(), d.history.end(),
                         [](const HistoryPoint& a, const HistoryPoint& b) { return a.on < b.on; });
        d.links = m_links.links_of(c, ctx.principal, "risk", r.id);
        for (auto& i : repo::issues_where(c, "", r.id))
            if (may_read(ctx.principal, i)) d.issues.push_back(std::move(i));
        if (may_change(ctx.principal, r)) d.changes = kit::record_changes(c, k_risk.name, r.id);
        return d;
    });
}

Result<Risk> RisksService::update_risk(const Context& ctx, const std::string& id,
                                       const RiskInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Risk> {
        std::optional<Risk> before;
        CIVIC_TRY(auto after,
                  change_record(
                      c, ctx, k_risk, id, version, score_sent(in) ? "correct" : "update",
                      [&](Risk& r) -> Result<void> {
                          before = r;
                          Checks checks;
                          if (in.register_id)
                              checks.fail("register_id",
                                          "A risk moves to another register by escalation, not "
                                          "by a change");
                          if (in.position)
                              checks.fail("position",
                                          "Move a risk within its register with POST "
                                          "/api/v1/risks/{id}/position");
                          if (r.status == "merged" && in.status)
                              checks.fail("status", "A merged risk stays merged");
                          apply_risk_input(c, checks, repo::matrix(c), in, r, false, today(ctx));
                          if (in.reference && !checks.failed("reference") &&
                              reference_taken(c, r.register_id, r.reference, r.id))
                              checks.fail("reference",
                                          fmt::format("Another risk in this register has the "
                                                      "reference {}",
                                                      r.reference));
                          return checks.result();
                      }));
        if (before) CIVIC_CHECK(lapse_on_rise(c, ctx, *before, after));
        return after;
    });
}

Result<Risk> RisksService::archive_risk(const Context& ctx, const std::string& id,
                                        std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    // An owner changes their risk but does not archive it: that is for the register's unit.
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_risk, id, version, [&](const Risk& r) -> Result<void> {
            if (!covers(ctx.principal, r.unit_path, Access::Write))
                return std::unexpected(
                    Error::not_found("There is no risk with this id that you can archive."));
            return ok();
        });
    });
}

Result<Risk> RisksService::merge_risk(const Context& ctx, const std::string& id,
                                      const MergeInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_risk, id, version, "merge", [&](Risk& r) -> Result<void> {
            if (r.archived_at || r.status != "open")
                return std::unexpected(
                    Error::conflict(fmt::format("This risk is {}: only an open risk may be merged.",
                                                r.archived_at ? "archived" : r.status)));
            Checks checks;
            if (!in.into_id || trimmed(in.into_id).empty()) {
                checks.fail("into_id", "Choose the risk this one is merged into");
            } else if (*in.into_id == r.id) {
                checks.fail("into_id", "A risk cannot be merged into itself");
            } else {
                auto into = named_record(
                    is_id(*in.into_id) ? repo::find_risk(c, *in.into_id) : std::nullopt,
                    [&](const Risk& x) { return may_change(ctx.principal, x); });
                if (!into)
                    checks.fail("into_id", "Into must be a risk that you can change");
                else if (into->status != "open")
                    checks.fail("into_id", fmt::format("{} is {}: merge into an open risk",
                                                       into->reference, into->status));
                else
                    r.merged_into_id = into->id;
            }
            checks.text("reason", "the reason", in.reason, Required::No, 2000, Lines::Many);
            CIVIC_CHECK(checks.result());
            r.closed_reason = in.reason ? std::string(trimmed(*in.reason)) : std::string();
            r.status = "merged";
            r.closed_on = format_iso_date(today(ctx));
            return ok();
        });
    });
}

Result<Risk> RisksService::move_risk(const Context& ctx, const std::string& id,
                                     std::int64_t position, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Risk> {
        std::string register_id;
        CIVIC_TRY(auto moved,
                  change_record(c, ctx, k_risk, id, version, "move", [&](Risk& r) -> Result<void> {
                      if (r.archived_at)
                          return std::unexpected(
                              Error::conflict("This risk is archived: it has no place to move."));
                      const std::int64_t last = repo::next_position(c, r.register_id) - 1;
                      if (position < 1 || position > last)
                          return std::unexpected(Error::validation(
                              "position",
                              fmt::format("Position must be a whole number from 1 to {}", last)));
                      register_id = r.register_id;
                      r.position = position;
                      return ok();
                  }));
        if (!register_id.empty()) CIVIC_CHECK(make_room(c, ctx, register_id, moved.id, position));
        return moved;
    });
}

}  // namespace civic::risks
