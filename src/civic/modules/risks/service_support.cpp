// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/risks/service_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "civic/core/text.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::risks::detail {
using store::Connection;
using store::Row;

namespace {
constexpr std::size_t k_long_text = 100000;
constexpr int k_expiring_days = 30;

std::string capital(std::string_view s) { return Checks::capitalise(s); }
}  // namespace

std::string matrix_audit_text(const Matrix& m) {
    return civic::to_json(boost::json::value(risks::to_json(m)));
}

// ---- who may read and change what

Result<Register> readable_register(Connection& c, const Context& ctx, const std::string& id,
                                   bool archived_too) {
    CIVIC_CHECK(require_signed_in(ctx));
    auto r = is_id(id) ? repo::find_register(c, id) : std::nullopt;
    if (!r || (r->archived_at && !archived_too) || !may_read(ctx.principal, *r))
        return std::unexpected(
            Error::not_found("There is no risk register with this id that you can see."));
    return *r;
}

Result<Risk> readable_risk(Connection& c, const Context& ctx, const std::string& id) {
    CIVIC_CHECK(require_signed_in(ctx));
    auto r = is_id(id) ? repo::find_risk(c, id) : std::nullopt;
    if (!r || !may_read(ctx.principal, *r))
        return std::unexpected(Error::not_found("There is no risk with this id that you can see."));
    return *r;
}

Result<Risk> changeable_risk(Connection& c, const Context& ctx, const std::string& id,
                             std::string_view verb) {
    auto r = is_id(id) ? repo::find_risk(c, id) : std::nullopt;
    if (!r || r->archived_at || !may_change(ctx.principal, *r))
        return std::unexpected(
            Error::not_found(fmt::format("There is no risk with this id that you can {}.", verb)));
    return *r;
}

Result<Issue> readable_issue(Connection& c, const Context& ctx, const std::string& id) {
    CIVIC_CHECK(require_signed_in(ctx));
    auto r = is_id(id) ? repo::find_issue(c, id) : std::nullopt;
    if (!r || !may_read(ctx.principal, *r))
        return std::unexpected(
            Error::not_found("There is no issue with this id that you can see."));
    return *r;
}

std::optional<Register> register_field(Connection& c, const Context& ctx, Checks& checks,
                                       std::string_view field,
                                       const std::optional<std::string>& id) {
    if (!id || trimmed(id).empty()) {
        checks.fail(std::string(field), "Choose the risk register");
        return std::nullopt;
    }
    auto reg = named_record(is_id(*id) ? repo::find_register(c, *id) : std::nullopt,
                            [&](const Register& r) { return may_change(ctx.principal, r); });
    if (!reg)
        checks.fail(std::string(field), "Register must be a risk register that you can change");
    return reg;
}

// ---- scores and the matrix

std::vector<std::string> categories_of(const Matrix& m) {
    std::vector<std::string> out;
    for (auto c : k_categories) out.emplace_back(c);
    for (const auto& c : m.extra_categories) out.push_back(c);
    return out;
}

std::optional<std::string> category_field(Checks& checks, const Matrix& m, std::string_view field,
                                          const std::optional<std::string>& v, Required required) {
    const auto all = categories_of(m);
    std::vector<std::string_view> views(all.begin(), all.end());
    return checks.choice(field, "Category", v, views, required);
}

void level_field(Checks& checks, const Matrix& m, std::string_view field, std::string_view label,
                 const std::optional<std::int64_t>& v) {
    number_field(checks, field, label, v, 1, m.size());
}

void score_field(Checks& checks, std::string_view field, const std::optional<std::int64_t>& given,
                 const Score& pair) {
    if (given && *given != pair.score())
        checks.fail(std::string(field),
                    fmt::format("{} is {}, but likelihood {} × impact {} is {}", field, *given,
                                pair.likelihood, pair.impact, pair.score()));
}

Score map_score(const Score& s, int old_size, int new_size) {
    return Score{map_level(static_cast<int>(s.likelihood), old_size, new_size),
                 map_level(static_cast<int>(s.impact), old_size, new_size)};
}

std::int64_t map_limit(std::int64_t limit, int old_size, int new_size) {
    std::int64_t out = 0;
    for (int l = 1; l <= old_size; ++l)
        for (int i = 1; i <= old_size; ++i)
            if (static_cast<std::int64_t>(l) * i <= limit)
                out = std::max(out, map_score(Score{l, i}, old_size, new_size).score());
    return std::max<std::int64_t>(out, 1);
}

// ---- risks

void apply_risk_input(Connection& c, Checks& checks, const Matrix& m, const RiskInput& in, Risk& r,
                      bool creating, Date today) {
    const auto needed = [&](const std::optional<std::string>& v) {
        return required_when(creating, v);
    };
    checks.text("reference", "the reference", in.reference, needed(in.reference), 40);
    if (in.reference && !checks.failed("reference")) r.reference = trimmed(in.reference);
    checks.text("title", "the title", in.title, needed(in.title), 300);
    if (in.title && !checks.failed("title")) r.title = trimmed(in.title);
    const std::pair<std::string_view, const std::optional<std::string>*> long_texts[] = {
        {"description", &in.description},
        {"cause", &in.cause},
        {"event", &in.event},
        {"effect", &in.effect},
        {"actions_text", &in.actions_text}};
    for (const auto& [field, value] : long_texts) {
        checks.text(field, field == "actions_text" ? "the actions" : field, *value, Required::No,
                    k_long_text, Lines::Many);
        if (*value && !checks.failed(field)) {
            const std::string text = trimmed(*value);
            if (field == "description") r.description = text;
            if (field == "cause") r.cause = text;
            if (field == "event") r.event = text;
            if (field == "effect") r.effect = text;
            if (field == "actions_text") r.actions_text = text;
        }
    }
    if (auto cat = category_field(checks, m, "category", in.category, needed(in.category)))
        r.category = *cat;
    owner_fields(c, checks, in.owner_person_id, in.owner, r.owner_person_id, r.owner_text);

    // The scores: each level on the matrix, each pair complete on a create.
    level_field(checks, m, "inherent_likelihood", "Likelihood", in.inherent_likelihood);
    level_field(checks, m, "inherent_impact", "Impact", in.inherent_impact);
    level_field(checks, m, "current_likelihood", "Likelihood", in.current_likelihood);
    level_field(checks, m, "current_impact", "Impact", in.current_impact);
    if (in.target_likelihood && *in.target_likelihood)
        level_field(checks, m, "target_likelihood", "Likelihood", *in.target_likelihood);
    if (in.target_impact && *in.target_impact)
        level_field(checks, m, "target_impact", "Impact", *in.target_impact);
    if (creating) {
        for (const auto& [field, sent] :
             {std::pair{"inherent_likelihood", in.inherent_likelihood.has_value()},
              std::pair{"inherent_impact", in.inherent_impact.has_value()},
              std::pair{"current_likelihood", in.current_likelihood.has_value()},
              std::pair{"current_impact", in.current_impact.has_value()}})
            if (!sent)
                checks.fail(field, fmt::format("Enter the {} as a whole number from 1 to {}",
                                               std::string_view(field).substr(
                                                   std::string_view(field).find('_') + 1),
                                               m.size()));
    }
    if (in.inherent_likelihood && !checks.failed("inherent_likelihood"))
        r.inherent_likelihood = *in.inherent_likelihood;
    if (in.inherent_impact && !checks.failed("inherent_impact"))
        r.inherent_impact = *in.inherent_impact;
    if (in.current_likelihood && !checks.failed("current_likelihood"))
        r.current_likelihood = *in.current_likelihood;
    if (in.current_impact && !checks.failed("current_impact"))
        r.current_impact = *in.current_impact;
    if (in.target_likelihood && !checks.failed("target_likelihood"))
        r.target_likelihood = *in.target_likelihood;
    if (in.target_impact && !checks.failed("target_impact")) r.target_impact = *in.target_impact;
    if (!checks.failed("target_likelihood") && !checks.failed("target_impact") &&
        r.target_likelihood.has_value() != r.target_impact.has_value())
        checks.fail(r.target_likelihood ? "target_impact" : "target_likelihood",
                    "Give the target's likelihood and impact together, or neither");
    score_field(checks, "inherent_score", in.inherent_score, r.inherent());
    score_field(checks, "current_score", in.current_score, r.current());
    if (in.target_score) {
        if (auto t = r.target())
            score_field(checks, "target_score", in.target_score, *t);
        else
            checks.fail("target_score",
                        "target_score is given, but the target has no likelihood and impact");
    }
    if (auto t = r.target(); t && !checks.failed("target_likelihood") &&
                             !checks.failed("target_impact") && t->score() > r.inherent().score())
        checks.fail("target_likelihood",
                    fmt::format("The target score ({}) is above the inherent score ({}): a target "
                                "is what the controls should bring the risk down to",
                                t->score(), r.inherent().score()));

    if (in.response) {
        if (trimmed(in.response).empty())
            r.response.clear();
        else if (auto resp =
                     checks.choice("response", "Response", in.response, k_responses, Required::No))
            r.response = *resp;
    }
    if (in.proximity) {
        if (trimmed(in.proximity).empty())
            r.proximity.clear();
        else if (auto p = checks.choice("proximity", "Proximity", in.proximity, k_proximities,
                                        Required::No))
            r.proximity = *p;
    }
    if (in.controls) {
        std::vector<Control> controls;
        for (std::size_t i = 0; i < in.controls->size(); ++i) {
            const auto& ci = (*in.controls)[i];
            const std::string at = fmt::format("controls[{}]", i);
            checks.text(at + ".description", "the control", ci.description, Required::Yes, 2000,
                        Lines::Many);
            Control control;
            control.description = trimmed(ci.description);
            if (ci.effectiveness && !trimmed(ci.effectiveness).empty()) {
                if (auto e = checks.choice(at + ".effectiveness", "Effectiveness", ci.effectiveness,
                                           k_effectiveness, Required::No))
                    control.effectiveness = *e;
            }
            controls.push_back(std::move(control));
        }
        if (controls.size() > 100) checks.fail("controls", "Give 100 controls at most");
        r.controls_json = controls_to_json(controls);
    }
    bool frequency_changed = false;
    if (in.review_frequency_months) {
        const auto allowed = std::span(k_review_frequencies);
        if (std::find(allowed.begin(), allowed.end(), *in.review_frequency_months) == allowed.end())
            checks.fail("review_frequency_months", "Review frequency must be 1, 3, 6 or 12 months");
        else {
            frequency_changed = r.review_frequency_months != *in.review_frequency_months;
            r.review_frequency_months = *in.review_frequency_months;
        }
    }
    if (auto d = date_field(checks, "identified_on", "The date identified", in.identified_on))
        r.identified_on = d->value_or(format_iso_date(today));
    else if (creating && r.identified_on.empty())
        r.identified_on = format_iso_date(today);
    if (auto d = date_field(checks, "next_review_on", "The next review date", in.next_review_on);
        d && *d)
        r.next_review_on = **d;
    else if (creating || frequency_changed) {
        // A new risk counts from the day it was identified; a new frequency from the risk's
        // last review.
        std::string last = r.identified_on;
        if (!creating && !r.id.empty())
            if (const auto reviews = repo::reviews_of(c, r.id); !reviews.empty())
                last = reviews.back().reviewed_on;
        const auto from = parse_iso_date(last);
        r.next_review_on = next_review_date(from ? *from : today, r.review_frequency_months);
    }
    if (in.status) {
        if (auto st = checks.choice("status", "Status", in.status,
                                    std::span(k_risk_statuses).first(2), Required::No)) {
            if (*st == "closed" && r.status != "closed") r.closed_on = format_iso_date(today);
            if (*st == "open") {
                r.closed_on.reset();
                r.closed_reason.clear();
            }
            r.status = *st;
        } else if (equal_ignoring_case(trimmed(in.status), "merged")) {
            // choice() has said what is allowed; say how a merge is done.
            checks.fail("status", "Merge a risk with POST /api/v1/risks/{id}/merge");
        }
    }
    if (in.closed_reason) {
        checks.text("closed_reason", "Why it was closed", in.closed_reason, Required::No, 2000,
                    Lines::Many);
        if (r.status == "open")
            checks.fail("closed_reason", "Give why it was closed only when closing the risk");
        else if (!checks.failed("closed_reason"))
            r.closed_reason = trimmed(*in.closed_reason);
    }
}

Result<Risk> new_risk(Connection& c, const Context& ctx, const Matrix& m, const Register& reg,
                      const RiskInput& in) {
    Checks checks;
    Risk r;
    r.register_id = reg.id;
    r.unit_path = reg.unit_path;
    apply_risk_input(c, checks, m, in, r, true, kit::today(ctx));
    if (!checks.failed("reference") && reference_taken(c, reg.id, r.reference, ""))
        checks.fail("reference",
                    fmt::format("Another risk in this register has the reference {}", r.reference));
    CIVIC_CHECK(checks.result());
    return r;
}

bool reference_taken(Connection& c, const std::string& register_id, const std::string& reference,
                     const std::string& except_id) {
    return c
        .query_one(
            "SELECT id FROM risks WHERE register_id = ? AND archived_at IS NULL AND "
            "lower(reference) = lower(?) AND id <> ?",
            {register_id, reference, except_id}, [](const Row& r) { return r.str(0); })
        .has_value();
}

void owner_fields(Connection& c, Checks& checks,
                  const std::optional<std::optional<std::string>>& person_id,
                  const std::optional<std::string>& owner, std::optional<std::string>& out_person,
                  std::string& out_text) {
    const bool id_given = person_id && *person_id && !(*person_id)->empty();
    if (id_given && owner && !trimmed(owner).empty()) {
        checks.fail("owner", "Give the owner as owner_person_id or as owner, not both");
        return;
    }
    if (person_id) {
        if (!id_given) {
            out_person.reset();
        } else {
            auto p = is_id(**person_id) ? org::repo::find_person(c, **person_id) : std::nullopt;
            if (!p || p->archived_at) {
                checks.fail("owner_person_id",
                            "Owner must be a person in the organisation register");
                return;
            }
            out_person = p->id;
            out_text.clear();
        }
    }
    if (owner) {
        checks.text("owner", "the owner", owner, Required::No, 300);
        if (checks.failed("owner")) return;
        const std::string name = trimmed(owner);
        out_person = name.empty() ? std::nullopt : person_named(c, name);
        out_text = out_person ? std::string() : name;
    }
}

std::optional<std::string> person_named(Connection& c, std::string_view name) {
    std::vector<std::string> found;
    c.query(
        "SELECT id, name FROM people WHERE archived_at IS NULL AND lower(trim(name)) = lower(?)",
        {std::string(trim(name))}, [&](const Row& r) {
            if (equal_ignoring_case(trim(r.text(1)), trim(name))) found.push_back(r.str(0));
        });
    if (found.size() != 1) return std::nullopt;
    return found.front();
}

std::string person_name(Connection& c, const std::optional<std::string>& id) {
    if (!id || id->empty()) return "";
    auto p = org::repo::find_person(c, *id);
    return p ? p->name : "";
}

std::string next_review_date(const Date& from, std::int64_t months) {
    using namespace std::chrono;
    const year_month ym = year_month(from.year(), from.month()) + std::chrono::months(months);
    const Date last = year_month_day_last(ym.year(), month_day_last(ym.month()));
    const Date wanted(ym.year(), ym.month(), from.day());
    return format_iso_date(wanted.ok() ? wanted : last);
}

// ---- appetite and acceptance

std::optional<AppetiteFound> appetite_for(Connection& c, const std::vector<Appetite>& appetites,
                                          const std::string& category,
                                          const std::string& register_unit_path) {
    const Appetite* best = nullptr;
    for (const auto& a : appetites) {
        if (a.archived_at || a.category != category) continue;
        if (a.unit_id) {
            if (!register_unit_path.starts_with(a.unit_path)) continue;
            if (!best || !best->unit_id || a.unit_path.size() > best->unit_path.size()) best = &a;
        } else if (!best) {
            best = &a;
        }
    }
    if (!best) return std::nullopt;
    AppetiteFound found{best->max_score, ""};
    if (best->unit_id) {
        auto u = org::repo::find_unit(c, *best->unit_id);
        found.source =
            fmt::format("{} risks for {}", capital(category), u ? u->name : *best->unit_id);
    } else {
        found.source = fmt::format("{} risks, council-wide", capital(category));
    }
    return found;
}

AcceptanceView acceptance_view(const Acceptance& a, Date today) {
    AcceptanceView v{a, "active", ""};
    const auto until = parse_iso_date(a.until);
    if (a.archived_at) {
        v.state = "withdrawn";
        v.state_reason = "The acceptance was withdrawn";
    } else if (a.lapsed_on) {
        v.state = "lapsed";
        v.state_reason = a.lapse_reason;
    } else if (until && *until < today) {
        v.state = "lapsed";
        v.state_reason = fmt::format("It ended on {}", format_day_month_year(*until));
    } else if (until && days_between(today, *until) <= k_expiring_days) {
        v.state = "expiring";
        v.state_reason = fmt::format("It ends on {}", format_day_month_year(*until));
    }
    return v;
}

std::optional<Acceptance> last_acceptance(Connection& c, const std::string& risk_id) {
    auto all = repo::acceptances_of(c, risk_id);
    if (all.empty()) return std::nullopt;
    return all.back();
}

Result<void> lapse_on_rise(Connection& c, const Context& ctx, const Risk& before,
                           const Risk& after) {
    if (after.current().score() <= before.current().score()) return ok();
    const Date today = kit::today(ctx);
    for (const auto& a : repo::acceptances_of(c, after.id)) {
        const auto state = acceptance_view(a, today).state;
        if ((state != "active" && state != "expiring") ||
            after.current().score() <= a.accepted_score)
            continue;
        CIVIC_CHECK(change_record(
            c, ctx, k_acceptance, a.id, a.version, "lapse", [&](Acceptance& x) -> Result<void> {
                x.lapsed_on = format_iso_date(today);
                x.lapse_reason = fmt::format("The current score rose from {} to {} on {}",
                                             before.current().score(), after.current().score(),
                                             format_day_month_year(today));
                return ok();
            }));
    }
    return ok();
}

// ---- views

Viewer::Viewer(Connection& c, const Context& ctx)
    : m_c(c),
      m_ctx(ctx),
      m_matrix(repo::matrix(c)),
      m_appetites(repo::all_appetites(c)),
      m_today(kit::today(ctx)) {}

ScoreView Viewer::score_view(const Score& s) const {
    ScoreView v;
    v.pair = s;
    v.score = s.score();
    if (const Band* b = m_matrix.band_of(v.score)) {
        v.band = b->name;
        v.colour = b->colour;
    }
    const auto label = [](const std::vector<Level>& levels, std::int64_t n) {
        return n >= 1 && n <= static_cast<std::int64_t>(levels.size())
                   ? levels[static_cast<std::size_t>(n - 1)].label
                   : std::string();
    };
    v.likelihood_label = label(m_matrix.likelihood, s.likelihood);
    v.impact_label = label(m_matrix.impact, s.impact);
    return v;
}

const Register* Viewer::register_of(const std::string& id) {
    auto it = m_registers.find(id);
    if (it == m_registers.end()) it = m_registers.emplace(id, repo::find_register(m_c, id)).first;
    return it->second ? &*it->second : nullptr;
}

std::string Viewer::unit_name(const std::string& unit_id) {
    auto it = m_unit_names.find(unit_id);
    if (it == m_unit_names.end()) {
        auto u = org::repo::find_unit(m_c, unit_id);
        it = m_unit_names.emplace(unit_id, u ? u->name : std::string()).first;
    }
    return it->second;
}

RiskView Viewer::risk_view(const Risk& r) {
    RiskView v;
    v.risk = r;
    const Register* reg = register_of(r.register_id);
    if (reg) v.register_name = reg->name;
    v.owner_name = r.owner_person_id ? person_name(m_c, r.owner_person_id) : r.owner_text;
    v.inherent = score_view(r.inherent());
    v.current = score_view(r.current());
    if (auto t = r.target()) v.target = score_view(*t);
    v.controls = controls_of(r.controls_json);
    if (auto found = appetite_for(m_c, m_appetites, r.category, r.unit_path)) {
        v.appetite = found->max_score;
        v.appetite_source = found->source;
        v.above_appetite = r.current().score() > found->max_score;
    }
    if (auto a = last_acceptance(m_c, r.id)) {
        v.acceptance = acceptance_view(*a, m_today);
        v.accepted = v.above_appetite &&
                     (v.acceptance->state == "active" || v.acceptance->state == "expiring");
    }
    const auto next = parse_iso_date(r.next_review_on);
    v.review_overdue = r.status == "open" && !r.archived_at && next && *next < m_today;
    v.can_edit = may_change(m_ctx.principal, r);
    return v;
}

RegisterView Viewer::register_view(const Register& reg) {
    RegisterView v;
    v.reg = reg;
    v.unit_name = unit_name(reg.unit_id);
    if (reg.parent_id)
        if (const Register* parent = register_of(*reg.parent_id)) v.parent_name = parent->name;
    v.children = repo::registers().where(
        m_c, "r.parent_id = ? AND r.archived_at IS NULL ORDER BY r.name, r.id", {reg.id});
    for (const auto& r : repo::risks_in(m_c, reg.id)) {
        if (r.status != "open") continue;
        ++v.open_risks;
        const auto view = risk_view(r);
        if (view.above_appetite) ++v.above_appetite;
        if (view.review_overdue) ++v.reviews_overdue;
    }
    v.can_edit = may_change(m_ctx.principal, reg);
    return v;
}

}  // namespace civic::risks::detail
