// SPDX-License-Identifier: AGPL-3.0-or-later
// The council's scoring matrix, its preview and change (with every risk's scores mapped onto
// a matrix of another size), and the risk appetite.
#include <fmt/format.h>

#include <algorithm>

#include "civic/core/text.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/risks/service.hpp"
#include "civic/modules/risks/service_support.hpp"

namespace civic::risks {
using namespace detail;
using store::Connection;

namespace {

// The matrix an input proposes: the current one with what is sent. A new size without bands
// takes the default bands of that size.
Result<Matrix> proposed_matrix(const Matrix& current, const MatrixInput& in) {
    Matrix m = current;
    const auto levels = [](const std::vector<LevelInput>& given) {
        std::vector<Level> out;
        for (const auto& l : given) out.push_back({trimmed(l.label), trimmed(l.descriptor)});
        return out;
    };
    if (in.likelihood) m.likelihood = levels(*in.likelihood);
    if (in.impact) m.impact = levels(*in.impact);
    if (in.bands) {
        m.bands.clear();
        for (const auto& b : *in.bands)
            m.bands.push_back({trimmed(b.name), lower_ascii(trimmed(b.colour)), b.from.value_or(0),
                               b.to.value_or(0)});
    } else if (m.size() != current.size()) {
        m.bands = default_matrix_of_size(m.size()).bands;
    }
    if (in.extra_categories) {
        Checks checks;
        checks.text_list("extra_categories", "Categories", in.extra_categories, 30, 60);
        m.extra_categories.clear();
        for (std::size_t i = 0; i < in.extra_categories->size(); ++i) {
            const std::string c = lower_ascii(trim((*in.extra_categories)[i]));
            const std::string field = fmt::format("extra_categories[{}]", i);
            if (c.empty()) {
                checks.fail(field, "Give the category a name");
            } else if (std::find(std::begin(k_categories), std::end(k_categories), c) !=
                           std::end(k_categories) ||
                       std::find(m.extra_categories.begin(), m.extra_categories.end(), c) !=
                           m.extra_categories.end()) {
                checks.fail(field, fmt::format("The category {} is already in the list", c));
            }
            m.extra_categories.push_back(c);
        }
        CIVIC_CHECK(checks.result());
    }
    CIVIC_CHECK(check_matrix(m));
    return m;
}

// What a change from `from` to `to` does to every live risk and appetite.
MatrixPreview preview_on(Connection& c, const Context& ctx, const Matrix& from, const Matrix& to) {
    MatrixPreview p;
    p.proposed = to;
    p.rule = mapping_lines(from, to);
    const int a = from.size(), b = to.size();
    Viewer viewer(c, ctx);
    for (const auto& r : repo::all_risks(c)) {
        MatrixPreview::Moved m;
        m.risk_id = r.id;
        m.reference = r.reference;
        m.title = r.title;
        if (const Register* reg = viewer.register_of(r.register_id)) m.register_name = reg->name;
        m.inherent_before = r.inherent();
        m.inherent_after = map_score(r.inherent(), a, b);
        m.current_before = r.current();
        m.current_after = map_score(r.current(), a, b);
        if (auto t = r.target()) {
            m.target_before = *t;
            m.target_after = map_score(*t, a, b);
        }
        p.risks.push_back(std::move(m));
    }
    for (const auto& ap : repo::all_appetites(c)) {
        MatrixPreview::AppetiteMoved m{ap.id, ap.category,
                                       ap.unit_id ? viewer.unit_name(*ap.unit_id) : "",
                                       ap.max_score, map_limit(ap.max_score, a, b)};
        p.appetites.push_back(std::move(m));
    }
    p.needs_confirmation = a != b && (!p.risks.empty() || !p.appetites.empty());
    return p;
}

// Rewrites every stored score (risks, reviews, acceptances) and appetite from one size to
// another, each audited, in the caller's transaction.
Result<void> map_everything(Connection& c, const Context& ctx, int a, int b) {
    const auto pair = [&](std::int64_t& l, std::int64_t& i) {
        const Score s = map_score(Score{l, i}, a, b);
        l = s.likelihood;
        i = s.impact;
    };
    const auto opt_pair = [&](std::optional<std::int64_t>& l, std::optional<std::int64_t>& i) {
        if (!l || !i) return;
        pair(*l, *i);
    };
    for (const auto& r : repo::risks().where(c, "1 = 1 ORDER BY x.id", {}))
        CIVIC_CHECK(
            change_record(c, ctx, k_risk, r.id, r.version, "remap", [&](Risk& x) -> Result<void> {
                pair(x.inherent_likelihood, x.inherent_impact);
                pair(x.current_likelihood, x.current_impact);
                opt_pair(x.target_likelihood, x.target_impact);
                return ok();
            }));
    for (const auto& r : repo::reviews().where(c, "1 = 1 ORDER BY v.id", {}))
        CIVIC_CHECK(change_record(c, ctx, k_review, r.id, r.version, "remap",
                                  [&](Review& x) -> Result<void> {
                                      pair(x.current_likelihood, x.current_impact);
                                      opt_pair(x.target_likelihood, x.target_impact);
                                      return ok();
                                  }));
    for (const auto& r : repo::acceptances().where(c, "1 = 1 ORDER BY a.id", {}))
        CIVIC_CHECK(change_record(c, ctx, k_acceptance, r.id, r.version, "remap",
                                  [&](Acceptance& x) -> Result<void> {
                                      x.accepted_score = map_limit(x.accepted_score, a, b);
                                      if (x.appetite) x.appetite = map_limit(*x.appetite, a, b);
                                      return ok();
                                  }));
    for (const auto& r : repo::appetites().where(c, "1 = 1 ORDER BY p.id", {}))
        CIVIC_CHECK(change_record(c, ctx, k_appetite, r.id, r.version, "remap",
                                  [&](Appetite& x) -> Result<void> {
                                      x.max_score = map_limit(x.max_score, a, b);
                                      return ok();
                                  }));
    return ok();
}

// The fields of an appetite, checked and applied.
void apply_appetite_input(Connection& c, Checks& checks, const Matrix& m, const AppetiteInput& in,
                          Appetite& a, bool creating) {
    if (auto cat = category_field(checks, m, "category", in.category,
                                  creating ? Required::Yes : Required::No))
        a.category = *cat;
    if (in.unit_id) {
        if (!*in.unit_id || (*in.unit_id)->empty()) {
            a.unit_id.reset();
            a.unit_path.clear();
        } else {
            auto u = named_record(
                is_id(**in.unit_id) ? org::repo::find_unit(c, **in.unit_id) : std::nullopt,
                [](const org::Unit&) { return true; });
            if (!u) {
                checks.fail("unit_id", "Unit must be a unit in the organisation register");
            } else {
                a.unit_id = u->id;
                a.unit_path = u->path;
            }
        }
    }
    if (creating && !in.max_score)
        checks.fail("max_score", fmt::format("Enter the highest score the council will carry, "
                                             "from 1 to {}",
                                             m.max_score()));
    number_field(checks, "max_score", "The highest score", in.max_score, 1, m.max_score());
    if (in.max_score && !checks.failed("max_score")) a.max_score = *in.max_score;
    checks.text("note", "the note", in.note, Required::No, 2000, Lines::Many);
    if (in.note && !checks.failed("note")) a.note = trimmed(in.note);
}

// One live appetite per category and unit.
Result<void> refuse_second_appetite(Connection& c, const Appetite& a) {
    for (const auto& other : repo::all_appetites(c))
        if (other.id != a.id && other.category == a.category && other.unit_id == a.unit_id)
            return std::unexpected(Error::conflict(fmt::format(
                "There is already an appetite for {} risks {}: change that one instead.",
                a.category, a.unit_id ? "for this unit" : "council-wide")));
    return ok();
}

}  // namespace

// ---- the matrix

Result<Matrix> RisksService::get_matrix(const Context& ctx) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([](Connection& c) { return repo::matrix(c); });
}

Result<MatrixPreview> RisksService::preview_matrix(const Context& ctx,
                                                   const MatrixInput& in) const {
    CIVIC_CHECK(require_administrator(ctx, "the council's risk matrix"));
    return m_db.read([&](Connection& c) -> Result<MatrixPreview> {
        const Matrix current = repo::matrix(c);
        CIVIC_TRY(const Matrix proposed, proposed_matrix(current, in));
        return preview_on(c, ctx, current, proposed);
    });
}

Result<Matrix> RisksService::change_matrix(const Context& ctx, const MatrixInput& in,
                                           std::int64_t version) {
    CIVIC_CHECK(require_administrator(ctx, "the council's risk matrix"));
    return m_db.write([&](Connection& c) -> Result<Matrix> {
        Matrix current = repo::matrix(c);
        if (current.version != version)
            return std::unexpected(stale("risk matrix", current.version));
        CIVIC_TRY(Matrix proposed, proposed_matrix(current, in));
        const auto preview = preview_on(c, ctx, current, proposed);
        if (preview.needs_confirmation && !in.confirm_mapping)
            return std::unexpected(Error::validation(
                "confirm_mapping",
                fmt::format("The matrix changes from {0} × {0} to {1} × {1}, and the scores of {2} "
                            "risk{3} and {4} appetite{5} would be mapped onto it. Preview the "
                            "change (POST /api/v1/risk-matrix/preview) to see each one, then send "
                            "confirm_mapping: true",
                            current.size(), proposed.size(), preview.risks.size(),
                            preview.risks.size() == 1 ? "" : "s", preview.appetites.size(),
                            preview.appetites.size() == 1 ? "" : "s")));
        // The first change stores the default as version 1, then changes it.
        if (current.id.empty()) {
            current.id = new_id();
            current.version = 1;
            current.updated_at = now_text(ctx);
            repo::insert_matrix(c, current);
            store::record_audit(c, ctx, k_matrix_entity, current.id, "create", std::nullopt,
                                matrix_audit_text(current));
        }
        proposed.id = current.id;
        proposed.version = current.version;
        proposed.updated_at = current.updated_at;
        const std::string before = matrix_audit_text(current);
        if (matrix_audit_text(proposed) == before) return current;
        if (current.size() != proposed.size())
            CIVIC_CHECK(map_everything(c, ctx, current.size(), proposed.size()));
        proposed.version = current.version + 1;
        proposed.updated_at = now_text(ctx);
        if (!repo::update_matrix(c, proposed, current.version))
            return std::unexpected(stale("risk matrix", current.version));
        store::record_audit(c, ctx, k_matrix_entity, proposed.id, "update", before,
                            matrix_audit_text(proposed));
        return proposed;
    });
}

// ---- appetites

Result<std::vector<Appetite>> RisksService::list_appetites(const Context& ctx) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([](Connection& c) { return repo::all_appetites(c); });
}

Result<Appetite> RisksService::create_appetite(const Context& ctx, const AppetiteInput& in) {
    CIVIC_CHECK(require_administrator(ctx, "the council's risk appetite"));
    return m_db.write([&](Connection& c) -> Result<Appetite> {
        Checks checks;
        Appetite a;
        apply_appetite_input(c, checks, repo::matrix(c), in, a, true);
        CIVIC_CHECK(checks.result());
        CIVIC_CHECK(refuse_second_appetite(c, a));
        return insert_record(c, ctx, k_appetite, repo::appetites(), std::move(a));
    });
}

Result<Appetite> RisksService::get_appetite(const Context& ctx, const std::string& id) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<Appetite> {
        auto a = is_id(id) ? repo::find_appetite(c, id) : std::nullopt;
        if (!a) return std::unexpected(Error::not_found("There is no risk appetite with this id."));
        return *a;
    });
}

Result<Appetite> RisksService::update_appetite(const Context& ctx, const std::string& id,
                                               const AppetiteInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_appetite, id, version, "update",
                             [&](Appetite& a) -> Result<void> {
                                 Checks checks;
                                 apply_appetite_input(c, checks, repo::matrix(c), in, a, false);
                                 CIVIC_CHECK(checks.result());
                                 return refuse_second_appetite(c, a);
                             });
    });
}

Result<Appetite> RisksService::archive_appetite(const Context& ctx, const std::string& id,
                                                std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_appetite, id, version, no_objection);
    });
}

}  // namespace civic::risks
