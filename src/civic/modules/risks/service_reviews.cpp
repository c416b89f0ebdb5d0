// SPDX-License-Identifier: AGPL-3.0-or-later
// Reviews (the score history), overdue reviews, escalation and de-escalation between
// registers, formal acceptance of a risk above appetite, the heat map's counts and the
// movement report.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "civic/core/period.hpp"
#include "civic/modules/risks/service_support.hpp"

namespace civic::risks {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

constexpr std::size_t k_longest_commentary = 20000;
constexpr std::size_t k_longest_reason = 4000;
constexpr std::size_t k_most_controls = 100;

// "3 June 2026" for a stored date.
std::string day_words(const std::string& iso) {
    const auto d = parse_iso_date(iso);
    return d ? format_day_month_year(*d) : iso;
}

// The reviewer or acceptor named by a person field, or the caller's own linked person.
std::optional<std::string> person_field(Connection& c, const Context& ctx, Checks& checks,
                                        std::string_view field,
                                        const std::optional<std::optional<std::string>>& sent) {
    if (!sent) return ctx.principal.person_id;
    if (!*sent || (*sent)->empty()) return std::nullopt;
    if (bad_id(**sent) || person_name(c, **sent).empty()) {
        checks.fail(std::string(field), "Choose a person who is in the organisation register");
        return std::nullopt;
    }
    return **sent;
}

// A date on or before today and not before the risk was identified.
std::optional<std::string> dated(Checks& checks, const Context& ctx, std::string_view field,
                                 std::string_view label, const std::optional<std::string>& sent,
                                 const Risk& r) {
    const std::string today = format_iso_date(kit::today(ctx));
    auto d = date_field(checks, field, label, sent);
    if (checks.failed(field)) return std::nullopt;
    const std::string on = d && *d ? **d : today;
    if (on > today) {
        checks.fail(std::string(field),
                    fmt::format("{} cannot be after today ({})", label, day_words(today)));
        return std::nullopt;
    }
    if (on < r.identified_on) {
        checks.fail(std::string(field),
                    fmt::format("{} cannot be before the risk was identified, on {}", label,
                                day_words(r.identified_on)));
        return std::nullopt;
    }
    return on;
}

// Controls as a review or a risk states them: each described, with an effectiveness.
std::optional<std::vector<Control>> controls_field(
    Checks& checks, std::string_view field, const std::optional<std::vector<ControlInput>>& in) {
    if (!in) return std::nullopt;
    if (in->size() > k_most_controls) {
        checks.fail(std::string(field), fmt::format("Give at most {} controls", k_most_controls));
        return std::nullopt;
    }
    std::vector<Control> out;
    for (std::size_t i = 0; i < in->size(); ++i) {
        const auto& ci = (*in)[i];
        const std::string at = fmt::format("{}[{}]", field, i);
        checks.text(at + ".description", fmt::format("Control {}", i + 1), ci.description,
                    Required::Yes, 2000);
        auto eff = checks.choice(
            at + ".effectiveness", fmt::format("Control {}'s effectiveness", i + 1),
            ci.effectiveness ? ci.effectiveness : std::optional<std::string>("not assessed"),
            k_effectiveness, Required::Yes);
        out.push_back({trimmed(ci.description), eff.value_or("not assessed")});
    }
    return out;
}

// Where a risk stood on a day: its register and its current score, from its escalations and
// its reviews (the first review is the assessment it was made with).
struct Standing {
    bool existed = false;
    bool open = false;
    std::string register_id;
    std::optional<Score> score;
};

Standing standing_on(const Risk& r, const std::vector<Review>& reviews,
                     const std::vector<Escalation>& moves, const std::string& on) {
    Standing s;
    s.existed = r.identified_on <= on;
    if (!s.existed) return s;
    s.open = !(r.closed_on && *r.closed_on <= on) && !(r.status != "open" && !r.closed_on);
    s.register_id = moves.empty() ? r.register_id : moves.front().from_register_id;
    for (const auto& m : moves)
        if (m.moved_on <= on) s.register_id = m.to_register_id;
    for (const auto& v : reviews)
        if (v.reviewed_on <= on) s.score = Score{v.current_likelihood, v.current_impact};
    if (!s.score && reviews.empty()) s.score = r.current();
    return s;
}

// The last day of the financial quarter before the one holding `today`, and its first day.
std::pair<std::string, std::string> last_quarter(const Date& today) {
    auto q = period_containing(today, PeriodKind::Quarter);
    if (q) q = q->previous();
    if (!q) return {format_iso_date(add_days(today, -91)), format_iso_date(today)};
    return {format_iso_date(q->start()), format_iso_date(q->end())};
}

}  // namespace

namespace detail {

Review first_assessment(Connection& c, const Context& ctx, const Risk& r, std::string_view note) {
    Review v;
    v.risk_id = r.id;
    v.unit_path = r.unit_path;
    v.reviewed_on = r.identified_on;
    v.reviewer_person_id = ctx.principal.person_id;
    v.current_likelihood = r.current_likelihood;
    v.current_impact = r.current_impact;
    v.target_likelihood = r.target_likelihood;
    v.target_impact = r.target_impact;
    v.commentary = std::string(note);
    v.controls_json = r.controls_json;
    v.next_review_on = r.next_review_on;
    return insert_record(c, ctx, k_review, repo::reviews(), std::move(v));
}

}  // namespace detail

// ---- reviews

Result<std::vector<Review>> RisksService::list_reviews(const Context& ctx,
                                                       const std::string& risk_id) const {
    return m_db.read([&](Connection& c) -> Result<std::vector<Review>> {
        CIVIC_TRY(auto r, readable_risk(c, ctx, risk_id));
        auto reviews = repo::reviews_of(c, r.id);
        std::reverse(reviews.begin(), reviews.end());
        return reviews;
    });
}

Result<Review> RisksService::get_review(const Context& ctx, const std::string& id) const {
    return m_db.read([&](Connection& c) -> Result<Review> {
        // A review is read by those who may read its risk (its owner among them).
        auto v = bad_id(id) ? std::nullopt : repo::find_review(c, id);
        auto risk = v ? repo::find_risk(c, v->risk_id) : std::nullopt;
        if (!v || v->archived_at || !risk || !may_read(ctx.principal, *risk))
            return std::unexpected(Error::not_found("There is no risk review with this id."));
        return *v;
    });
}

Result<Review> RisksService::create_review(const Context& ctx, const std::string& risk_id,
                                           const ReviewInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Review> {
        CIVIC_TRY(const Risk before, changeable_risk(c, ctx, risk_id, "review"));
        if (before.status != "open")
            return std::unexpected(Error::conflict(
                fmt::format("This risk is {}: reopen it before reviewing it.", before.status)));
        const Matrix m = repo::matrix(c);
        Checks checks;
        const auto on =
            dated(checks, ctx, "reviewed_on", "The review's date", in.reviewed_on, before);
        const auto history = repo::reviews_of(c, before.id);
        if (on && !history.empty() && *on < history.back().reviewed_on)
            checks.fail("reviewed_on",
                        fmt::format("The last review was on {}; a review cannot be dated "
                                    "before it",
                                    day_words(history.back().reviewed_on)));
        if (!in.current_likelihood)
            checks.fail("current_likelihood", "Give the current likelihood");
        if (!in.current_impact) checks.fail("current_impact", "Give the current impact");
        level_field(checks, m, "current_likelihood", "Current likelihood", in.current_likelihood);
        level_field(checks, m, "current_impact", "Current impact", in.current_impact);
        const auto target_l =
            in.target_likelihood ? *in.target_likelihood : before.target_likelihood;
        const auto target_i = in.target_impact ? *in.target_impact : before.target_impact;
        level_field(checks, m, "target_likelihood", "Target likelihood", target_l);
        level_field(checks, m, "target_impact", "Target impact", target_i);
        if (target_l.has_value() != target_i.has_value())
            checks.fail(target_l ? "target_impact" : "target_likelihood",
                        "Give the target's likelihood and impact together, or neither");
        checks.text("commentary", "The commentary", in.commentary, Required::No,
                    k_longest_commentary, Lines::Many);
        const auto controls = controls_field(checks, "controls", in.controls);
        json::array actions;
        if (in.actions) {
            for (std::size_t i = 0; i < in.actions->size(); ++i) {
                const auto& a = (*in.actions)[i];
                const std::string at = fmt::format("actions[{}]", i);
                checks.text(at + ".title", fmt::format("Action {}", i + 1), a.title, Required::Yes,
                            1000);
                auto progress =
                    checks.choice(at + ".progress", fmt::format("Action {}'s progress", i + 1),
                                  a.progress, k_action_progress, Required::Yes);
                checks.text(at + ".note", fmt::format("Action {}'s note", i + 1), a.note,
                            Required::No, 4000, Lines::Many);
                actions.push_back(json::object{{"title", trimmed(a.title)},
                                               {"progress", progress.value_or("")},
                                               {"note", trimmed(a.note)}});
            }
        }
        const auto reviewer =
            person_field(c, ctx, checks, "reviewer_person_id", in.reviewer_person_id);
        CIVIC_CHECK(checks.result());

        Review v;
        v.risk_id = before.id;
        v.unit_path = before.unit_path;
        v.reviewed_on = *on;
        v.reviewer_person_id = reviewer;
        v.current_likelihood = *in.current_likelihood;
        v.current_impact = *in.current_impact;
        v.target_likelihood = target_l;
        v.target_impact = target_i;
        v.commentary = trimmed(in.commentary);
        v.controls_json =
            controls_to_json(controls ? *controls : controls_of(before.controls_json));
        v.actions_json = json::serialize(actions);
        v.next_review_on =
            next_review_date(*parse_iso_date(v.reviewed_on), before.review_frequency_months);
        v = insert_record(c, ctx, k_review, repo::reviews(), std::move(v));

        // The risk takes the review's scores, controls and next review date.
        CIVIC_TRY(auto after, change_record(c, ctx, k_risk, before.id, before.version, "review",
                                            [&](Risk& r) -> Result<void> {
                                                r.current_likelihood = v.current_likelihood;
                                                r.current_impact = v.current_impact;
                                                r.target_likelihood = v.target_likelihood;
                                                r.target_impact = v.target_impact;
                                                r.controls_json = v.controls_json;
                                                r.next_review_on = v.next_review_on;
                                                return ok();
                                            }));
        CIVIC_CHECK(lapse_on_rise(c, ctx, before, after));
        return v;
    });
}

Result<std::vector<OverdueReview>> RisksService::overdue_reviews(const Context& ctx,
                                                                 const RiskQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<OverdueReview>> {
        Viewer viewer(c, ctx);
        const std::string today = format_iso_date(viewer.today());
        std::vector<OverdueReview> out;
        for (const auto& r : repo::all_risks(c)) {
            if (r.status != "open" || r.next_review_on >= today) continue;
            if (!may_read(ctx.principal, r)) continue;
            if (q.register_id && r.register_id != *q.register_id) continue;
            if (q.owner_person_id && r.owner_person_id != *q.owner_person_id) continue;
            if (q.category && r.category != *q.category) continue;
            OverdueReview o;
            o.view = viewer.risk_view(r);
            o.days_overdue =
                days_between(*parse_iso_date(r.next_review_on), *parse_iso_date(today));
            out.push_back(std::move(o));
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            if (a.view.owner_name != b.view.owner_name)
                return a.view.owner_name < b.view.owner_name;
            return a.days_overdue > b.days_overdue;
        });
        return out;
    });
}

// ---- escalation

Result<Escalation> RisksService::escalate(const Context& ctx, const std::string& risk_id,
                                          const EscalationInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Escalation> {
        CIVIC_TRY(const Risk r, changeable_risk(c, ctx, risk_id));
        if (r.version != version) return std::unexpected(stale("risk", r.version));
        if (r.status != "open")
            return std::unexpected(Error::conflict(fmt::format(
                "This risk is {}: only an open risk can move between registers.", r.status)));
        auto from = repo::find_register(c, r.register_id);
        if (!from) return std::unexpected(Error::internal("The risk's register is missing."));
        Checks checks;
        auto direction =
            checks.choice("direction", "Direction", in.direction,
                          std::array<std::string_view, 2>{"up", "down"}, Required::Yes);
        checks.text("reason", "The reason", in.reason, Required::Yes, k_longest_reason,
                    Lines::Many);
        const auto on = dated(checks, ctx, "moved_on", "The date of the move", in.moved_on, r);
        std::optional<Register> to;
        if (direction == "up") {
            // The register above, or one further up its line.
            std::set<std::string> above;
            for (auto p = from->parent_id; p && !above.contains(*p);) {
                above.insert(*p);
                auto reg = repo::find_register(c, *p);
                p = reg ? reg->parent_id : std::nullopt;
            }
            const std::string wanted = in.register_id && !in.register_id->empty()
                                           ? *in.register_id
                                           : from->parent_id.value_or("");
            if (above.empty())
                checks.fail(
                    "direction",
                    fmt::format("The {} has no register above it to escalate to", from->name));
            else if (!above.contains(wanted))
                checks.fail("register_id",
                            fmt::format("Choose a register above the {}", from->name));
            else
                to = repo::find_register(c, wanted);
        } else if (direction == "down") {
            if (!in.register_id || in.register_id->empty()) {
                checks.fail("register_id", "Choose the register below to move the risk to");
            } else if (!bad_id(*in.register_id)) {
                auto below = repo::find_register(c, *in.register_id);
                // A register whose line up reaches this one.
                bool under = false;
                std::set<std::string> seen;
                for (auto p = below ? below->parent_id : std::nullopt;
                     p && seen.insert(*p).second;) {
                    if (*p == from->id) {
                        under = true;
                        break;
                    }
                    auto reg = repo::find_register(c, *p);
                    p = reg ? reg->parent_id : std::nullopt;
                }
                if (below && under && !below->archived_at)
                    to = below;
                else
                    checks.fail("register_id",
                                fmt::format("Choose a register below the {}", from->name));
            } else {
                checks.fail("register_id",
                            fmt::format("Choose a register below the {}", from->name));
            }
        }
        if (to && to->archived_at) {
            checks.fail("register_id", fmt::format("The {} is archived", to->name));
            to.reset();
        }
        if (to && !may_read(ctx.principal, *to))
            checks.fail("register_id", "Choose a register you can see");
        if (to && reference_taken(c, to->id, r.reference, r.id))
            checks.fail("register_id",
                        fmt::format("The {} already has a risk with the reference {}; change "
                                    "this risk's reference first",
                                    to->name, r.reference));
        CIVIC_CHECK(checks.result());

        Escalation e;
        e.id = new_id();
        e.risk_id = r.id;
        e.from_register_id = from->id;
        e.to_register_id = to->id;
        e.direction = *direction;
        e.reason = trimmed(in.reason);
        e.moved_on = *on;
        e.moved_by =
            ctx.principal.display_name.empty() ? ctx.principal.actor() : ctx.principal.display_name;
        e.created_at = now_text(ctx);
        repo::escalations().insert(c, e);
        store::record_audit(c, ctx, "risk_escalation", e.id, "create", std::nullopt,
                            civic::to_json(json::value(to_json(e))));
        const std::int64_t position = repo::next_position(c, to->id);
        CIVIC_CHECK(change_record(c, ctx, k_risk, r.id, version,
                                  *direction == "up" ? "escalate" : "de-escalate",
                                  [&](Risk& x) -> Result<void> {
                                      x.register_id = to->id;
                                      x.position = position;
                                      return ok();
                                  }));
        return e;
    });
}

Result<std::vector<Escalation>> RisksService::list_escalations(const Context& ctx,
                                                               const std::string& risk_id) const {
    return m_db.read([&](Connection& c) -> Result<std::vector<Escalation>> {
        CIVIC_TRY(auto r, readable_risk(c, ctx, risk_id));
        return repo::escalations_of(c, r.id);
    });
}

// ---- acceptance

Result<Acceptance> RisksService::accept(const Context& ctx, const std::string& risk_id,
                                        const AcceptanceInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Acceptance> {
        CIVIC_TRY(const Risk r, changeable_risk(c, ctx, risk_id));
        if (r.version != version) return std::unexpected(stale("risk", r.version));
        if (r.status != "open")
            return std::unexpected(Error::conflict(
                fmt::format("This risk is {}: only an open risk can be accepted.", r.status)));
        Viewer viewer(c, ctx);
        const RiskView view = viewer.risk_view(r);
        if (!view.above_appetite)
            return std::unexpected(Error::conflict(
                view.appetite
                    ? fmt::format("This risk's current score ({}) is within the appetite of {} "
                                  "({}): there is nothing to accept.",
                                  view.current.score, *view.appetite, view.appetite_source)
                    : std::string("No risk appetite is set for this risk's category, so it "
                                  "cannot be above it: set an appetite first.")));
        Checks checks;
        checks.text("reason", "The reason for accepting the risk", in.reason, Required::Yes,
                    k_longest_reason, Lines::Many);
        const auto on =
            dated(checks, ctx, "accepted_on", "The date of acceptance", in.accepted_on, r);
        auto until = date_field(checks, "until", "The date the acceptance ends", in.until);
        if (!checks.failed("until")) {
            if (!until || !*until)
                checks.fail("until",
                            "Give the date the acceptance ends, when it must be "
                            "looked at again");
            else if (on && **until <= *on)
                checks.fail("until", fmt::format("The acceptance must end after it begins ({})",
                                                 day_words(*on)));
        }
        const auto by =
            person_field(c, ctx, checks, "accepted_by_person_id", in.accepted_by_person_id);
        CIVIC_CHECK(checks.result());

        // A new acceptance replaces any earlier one still on record.
        for (const auto& old : repo::acceptances_of(c, r.id)) {
            if (old.archived_at) continue;
            CIVIC_CHECK(archive_record(c, ctx, k_acceptance, old.id, old.version, no_objection));
        }
        Acceptance a;
        a.risk_id = r.id;
        a.unit_path = r.unit_path;
        a.accepted_by_person_id = by;
        a.accepted_by = by ? person_name(c, by) : ctx.principal.display_name;
        if (a.accepted_by.empty()) a.accepted_by = ctx.principal.actor();
        a.accepted_on = *on;
        a.reason = trimmed(in.reason);
        a.until = **until;
        a.accepted_score = view.current.score;
        a.appetite = view.appetite;
        return insert_record(c, ctx, k_acceptance, repo::acceptances(), std::move(a));
    });
}

Result<Acceptance> RisksService::withdraw_acceptance(const Context& ctx, const std::string& risk_id,
                                                     std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Acceptance> {
        CIVIC_TRY(const Risk found, changeable_risk(c, ctx, risk_id));
        if (found.version != version) return std::unexpected(stale("risk", found.version));
        for (const auto& a : repo::acceptances_of(c, found.id))
            if (!a.archived_at)
                return archive_record(c, ctx, k_acceptance, a.id, a.version, no_objection);
        return std::unexpected(Error::not_found("This risk has no acceptance to withdraw."));
    });
}

Result<std::vector<AcceptanceView>> RisksService::acceptances_to_renew(const Context& ctx,
                                                                       std::int64_t days) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<AcceptanceView>> {
        const Date today = kit::today(ctx);
        const std::string soon = format_iso_date(add_days(today, static_cast<int>(days)));
        std::vector<AcceptanceView> out;
        for (const auto& r : repo::all_risks(c)) {
            if (r.status != "open" || !may_read(ctx.principal, r)) continue;
            auto a = last_acceptance(c, r.id);
            if (!a || a->archived_at) continue;
            auto v = acceptance_view(*a, today);
            if (v.state == "lapsed" || a->until <= soon) out.push_back(std::move(v));
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return a.acceptance.until < b.acceptance.until;
        });
        return out;
    });
}

// ---- the heat map and the movement report

Result<HeatMap> RisksService::heat_map(const Context& ctx, const RiskQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    if (q.view != "inherent" && q.view != "current" && q.view != "target")
        return std::unexpected(
            Error::validation("view", "The view must be inherent, current or target"));
    return m_db.read([&](Connection& c) -> Result<HeatMap> {
        HeatMap h;
        h.matrix = repo::matrix(c);
        h.view = q.view;
        const auto n = static_cast<std::size_t>(h.matrix.size());
        h.counts.assign(n, std::vector<std::int64_t>(n, 0));
        if (q.register_id) CIVIC_CHECK(readable_register(c, ctx, *q.register_id));
        for (const auto& r : repo::all_risks(c)) {
            if (r.status != "open" || !may_read(ctx.principal, r)) continue;
            if (q.register_id && r.register_id != *q.register_id) continue;
            if (q.category && r.category != *q.category) continue;
            std::optional<Score> s = q.view == "inherent"  ? std::optional(r.inherent())
                                     : q.view == "current" ? std::optional(r.current())
                                                           : r.target();
            if (!s || s->likelihood < 1 || s->impact < 1 ||
                s->likelihood > static_cast<std::int64_t>(n) ||
                s->impact > static_cast<std::int64_t>(n))
                continue;
            ++h.counts[static_cast<std::size_t>(s->likelihood - 1)]
                      [static_cast<std::size_t>(s->impact - 1)];
            ++h.total;
        }
        return h;
    });
}

Result<Movement> RisksService::movement(const Context& ctx, const MovementQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    Checks checks;
    auto from = date_field(checks, "from", "The first date", q.from);
    auto to = date_field(checks, "to", "The last date", q.to);
    CIVIC_CHECK(checks.result());
    auto [default_from, default_to] = last_quarter(kit::today(ctx));
    Movement mv;
    mv.from = from && *from ? **from : default_from;
    mv.to = to && *to ? **to : default_to;
    if (mv.to < mv.from)
        return std::unexpected(
            Error::validation("to", "The last date must not be before the first date"));
    return m_db.read([&](Connection& c) -> Result<Movement> {
        if (q.register_id) CIVIC_CHECK(readable_register(c, ctx, *q.register_id));
        Viewer viewer(c, ctx);
        // The day before the report begins is where each risk stood at its start.
        const std::string start = format_iso_date(add_days(*parse_iso_date(mv.from), -1));
        for (const auto& r : repo::all_risks(c)) {
            if (!may_read(ctx.principal, r)) continue;
            const auto reviews = repo::reviews_of(c, r.id);
            const auto moves = repo::escalations_of(c, r.id);
            const Standing before = standing_on(r, reviews, moves, start);
            const Standing after = standing_on(r, reviews, moves, mv.to);
            const auto in_scope = [&](const Standing& s) {
                return s.existed && (!q.register_id || s.register_id == *q.register_id);
            };
            const bool was = in_scope(before) && before.open;
            const bool is = in_scope(after);
            if (!was && !is) continue;
            MovementRow row;
            row.risk_id = r.id;
            row.reference = r.reference;
            row.title = r.title;
            if (const auto* reg =
                    viewer.register_of(after.existed ? after.register_id : r.register_id))
                row.register_name = reg->name;
            if (was) row.before = before.score;
            if (is && after.open) row.after = after.score;
            // What moved it, in order of weight: a move between registers, a closure, its
            // first appearance, then its score.
            const Escalation* moved = nullptr;
            for (const auto& m : moves)
                if (m.moved_on >= mv.from && m.moved_on <= mv.to) moved = &m;
            if (moved) {
                row.movement = moved->direction == "up" ? "escalated" : "de-escalated";
                const auto* to_reg = viewer.register_of(moved->to_register_id);
                row.note = fmt::format(
                    "{} to the {} on {}", moved->direction == "up" ? "Escalated" : "De-escalated",
                    to_reg ? to_reg->name : "another register", day_words(moved->moved_on));
                mv.escalated.push_back(std::move(row));
            } else if (was && (!after.open || !is)) {
                row.movement = "closed";
                row.note = r.closed_on ? fmt::format("Closed on {}", day_words(*r.closed_on))
                                       : std::string("Closed");
                mv.closed.push_back(std::move(row));
            } else if (!was) {
                if (!after.open) continue;
                row.movement = "appeared";
                row.note = fmt::format("Identified on {}", day_words(r.identified_on));
                mv.appeared.push_back(std::move(row));
            } else if (row.before && row.after && row.after->score() > row.before->score()) {
                row.movement = "rose";
                mv.rose.push_back(std::move(row));
            } else if (row.before && row.after && row.after->score() < row.before->score()) {
                row.movement = "fell";
                mv.fell.push_back(std::move(row));
            } else {
                row.movement = "unchanged";
                mv.unchanged.push_back(std::move(row));
            }
        }
        return mv;
    });
}

}  // namespace civic::risks
