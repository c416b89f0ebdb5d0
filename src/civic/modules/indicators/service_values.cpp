// SPDX-License-Identifier: AGPL-3.0-or-later
// Values and targets: entering a value for a period, the workflow that takes it from draft to
// submitted to approved (and locked), corrections as new revisions, and targets with their
// profile over the quarters or months of a year.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "civic/core/ids.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/indicators/service_support.hpp"
#include "civic/store/audit.hpp"

namespace civic::indicators {
using namespace detail;
using store::Connection;

namespace {

// The checks on a value's figures and words, shared by a new value and a change to a draft.
void value_fields(Checks& checks, const ValueInput& in) {
    checks.text("note", "The note", in.note, Required::No, 5000, Lines::Many);
    checks.text("commentary", "The commentary", in.commentary, Required::No, 20000, Lines::Many);
    checks.text("reason", "The reason", in.reason, Required::No, 2000, Lines::Many);
    if (in.denominator && *in.denominator && **in.denominator == 0)
        checks.fail("denominator", "The denominator must not be 0");
}

void apply_value_input(const ValueInput& in, Value& v) {
    if (in.value) v.value = *in.value;
    if (in.numerator) v.numerator = *in.numerator;
    if (in.denominator) v.denominator = *in.denominator;
    if (in.note) v.note = trimmed(in.note);
    if (in.commentary) v.commentary = trimmed(in.commentary);
    if (in.reason) v.reason = trimmed(in.reason);
}

Result<void> has_figure(const Value& v, const Indicator& i) {
    if (figure_of(v, i.measure_unit)) return ok();
    if (v.numerator && !v.denominator)
        return std::unexpected(Error::validation(
            "denominator", "Enter the denominator as well as the numerator, or the value itself"));
    return std::unexpected(
        Error::validation("value", "Enter the value, or its numerator and denominator"));
}

// The value as it stands, with its indicator, for a workflow step the caller may take.
struct Found {
    Indicator indicator;
    Value value;
};
Result<Found> value_to_act_on(Connection& c, const Context& ctx, const std::string& id,
                              bool approving) {
    auto v = repo::find_value(c, id);
    std::optional<Indicator> i;
    if (v) i = repo::find_indicator(c, v->indicator_id);
    if (!v || !i || i->archived_at ||
        !(approving ? may_change(ctx.principal, *i) : may_enter(ctx.principal, *i)))
        return std::unexpected(
            Error::not_found(approving ? "There is no value with this id that you can approve."
                                       : "There is no value with this id that you can change."));
    return Found{*i, *v};
}

Error wrong_state(const Value& v, std::string_view wanted) {
    return Error::conflict(fmt::format(
        "The value for {} (revision {}) is {}; only a {} value can be {}.", v.period, v.revision,
        v.status, wanted, wanted == "draft" ? "changed or submitted" : "approved or returned"));
}

}  // namespace

Result<std::vector<Value>> IndicatorService::list_values(const Context& ctx,
                                                         const std::string& indicator_id,
                                                         const std::optional<std::string>& period) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<Value>> {
        auto i = repo::find_indicator(c, indicator_id);
        if (!i) return std::unexpected(Error::not_found("There is no indicator with this id."));
        std::string canonical;
        if (period) {
            Checks checks;
            auto p = period_field(checks, "period", period, *i, PeriodUse::Value);
            CIVIC_CHECK(checks.result());
            canonical = p->to_string();
        }
        std::vector<Value> out;
        for (auto& v : repo::list_values(c, i->id, canonical))
            if (may_read_value(ctx.principal, *i, v)) out.push_back(std::move(v));
        // Newest period first, then its revisions in order.
        std::stable_sort(out.begin(), out.end(), [](const Value& a, const Value& b) {
            const auto pa = parse_period(a.period), pb = parse_period(b.period);
            if (pa && pb && *pa != *pb) return *pa > *pb;
            return a.revision < b.revision;
        });
        return out;
    });
}

Result<Value> IndicatorService::get_value(const Context& ctx, const std::string& id) {
    CIVIC_CHECK(require_signed_in(ctx));
    auto found = m_db.read([&](Connection& c) -> std::optional<Value> {
        auto v = repo::find_value(c, id);
        if (!v) return std::nullopt;
        auto i = repo::find_indicator(c, v->indicator_id);
        if (!i || !may_read_value(ctx.principal, *i, *v)) return std::nullopt;
        return v;
    });
    if (!found) return std::unexpected(Error::not_found("There is no value with this id."));
    return *found;
}

Result<Value> IndicatorService::enter_value(const Context& ctx, const ValueInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Value> {
        CIVIC_TRY(auto i, indicator_to_change(c, ctx, in.indicator_id.value_or(""), true));
        Checks checks;
        const auto p = period_field(checks, "period", in.period, i, PeriodUse::Value);
        value_fields(checks, in);
        CIVIC_CHECK(checks.result());
        const std::string period = p->to_string();
        const auto revisions = repo::list_values(c, i.id, period);
        Value v;
        v.id = new_id();
        v.indicator_id = i.id;
        v.unit_path = i.unit_path;
        v.period = period;
        v.entered_by = actor_name(ctx);
        v.created_at = v.updated_at = now_text(ctx);
        if (!revisions.empty()) {
            const Value& last = revisions.back();
            if (last.status == "draft" || last.status == "submitted")
                return std::unexpected(Error::conflict(fmt::format(
                    "{} already has a {} value for {} (revision {}): change that one instead.",
                    i.code, last.status, period, last.revision)));
            if (trimmed(in.reason).empty())
                return std::unexpected(Error::validation(
                    "reason", fmt::format("The value for {} was approved on {}; say why it is "
                                          "being corrected",
                                          period, uk_iso_date_of(last.approved_at.value_or("")))));
            v.revision = last.revision + 1;
        }
        apply_value_input(in, v);
        if (v.revision == 1) v.reason.clear();
        CIVIC_CHECK(has_figure(v, i));
        repo::insert_value(c, v);
        store::record_audit(c, ctx, k_value.name, v.id, "create", std::nullopt, audit_text(v));
        return v;
    });
}

Result<Value> IndicatorService::update_value(const Context& ctx, const std::string& id,
                                             const ValueInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Value> {
        CIVIC_TRY(auto found, value_to_act_on(c, ctx, id, false));
        if (in.period && trim(*in.period) != found.value.period)
            return std::unexpected(Error::validation(
                "period",
                "A value's period cannot be changed; enter a value for the other period"));
        Checks checks;
        value_fields(checks, in);
        CIVIC_CHECK(checks.result());
        return change_record(c, ctx, k_value, id, version, "update", [&](Value& v) -> Result<void> {
            if (v.status != "draft") return std::unexpected(wrong_state(v, "draft"));
            apply_value_input(in, v);
            if (v.revision == 1)
                v.reason.clear();
            else if (v.reason.empty())
                return std::unexpected(
                    Error::validation("reason", "A correction needs its reason"));
            return has_figure(v, found.indicator);
        });
    });
}

Result<Value> IndicatorService::submit_value(const Context& ctx, const std::string& id,
                                             std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Value> {
        CIVIC_TRY(auto found, value_to_act_on(c, ctx, id, false));
        // An amber or red value goes up with a commentary saying why, when the indicator asks.
        const Indicator& i = found.indicator;
        if (found.value.status == "draft" && i.commentary_required &&
            trim(found.value.commentary).empty()) {
            Ledger ledger = ledger_of(c, i);
            const auto p = parse_period(found.value.period);
            RatingInput r;
            r.polarity = polarity_of(i);
            r.rule = rule_of(i);
            r.format = format_of(i);
            r.value = figure_of(found.value, i.measure_unit);
            r.target = ledger.target(*p).value_or(Target{});
            if (auto last = p->same_last_year()) r.last_year = ledger.figure(*last).value;
            const Rating rating = rate(r);
            if (rating.rag == "amber" || rating.rag == "red")
                return std::unexpected(Error::validation(
                    "commentary",
                    fmt::format("Add a commentary before you submit this value: it is {}. {}",
                                rating.rag, rating.explanation)));
        }
        return change_record(c, ctx, k_value, id, version, "submit", [&](Value& v) -> Result<void> {
            if (v.status != "draft") return std::unexpected(wrong_state(v, "draft"));
            v.status = "submitted";
            v.submitted_by = actor_name(ctx);
            v.submitted_at = now_text(ctx);
            return ok();
        });
    });
}

Result<Value> IndicatorService::approve_value(const Context& ctx, const std::string& id,
                                              std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Value> {
        CIVIC_TRY(auto found, value_to_act_on(c, ctx, id, true));
        CIVIC_TRY(
            auto approved,
            change_record(c, ctx, k_value, id, version, "approve", [&](Value& v) -> Result<void> {
                if (v.status != "submitted") return std::unexpected(wrong_state(v, "submitted"));
                v.status = "approved";
                v.approved_by = actor_name(ctx);
                v.approved_at = now_text(ctx);
                return ok();
            }));
        // The revision it corrects is kept, marked as replaced.
        for (const auto& earlier : repo::list_values(c, approved.indicator_id, approved.period)) {
            if (earlier.id == approved.id || earlier.status != "approved") continue;
            CIVIC_CHECK(change_record(c, ctx, k_value, earlier.id, earlier.version, "supersede",
                                      [](Value& v) -> Result<void> {
                                          v.status = "superseded";
                                          return ok();
                                      }));
        }
        return approved;
    });
}

Result<Value> IndicatorService::return_value(const Context& ctx, const std::string& id,
                                             std::int64_t version, const std::string& reason) {
    CIVIC_CHECK(require_signed_in(ctx));
    if (trim(reason).empty())
        return std::unexpected(
            Error::validation("reason", "Say why the value goes back to be changed"));
    Checks checks;
    checks.text("reason", "The reason", std::optional<std::string>(reason), Required::Yes, 2000,
                Lines::Many);
    CIVIC_CHECK(checks.result());
    return m_db.write([&](Connection& c) -> Result<Value> {
        CIVIC_TRY(auto found, value_to_act_on(c, ctx, id, true));
        return change_record(c, ctx, k_value, id, version, "return", [&](Value& v) -> Result<void> {
            if (v.status != "submitted") return std::unexpected(wrong_state(v, "submitted"));
            v.status = "draft";
            v.submitted_by.reset();
            v.submitted_at.reset();
            v.note = trim(fmt::format("{}\nReturned for changes: {}", v.note, trim(reason)));
            return ok();
        });
    });
}

// ---- targets

Result<std::vector<TargetRecord>> IndicatorService::list_targets(const Context& ctx,
                                                                 const std::string& indicator_id) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<TargetRecord>> {
        if (!repo::find_indicator(c, indicator_id))
            return std::unexpected(Error::not_found("There is no indicator with this id."));
        auto out = repo::list_targets(c, indicator_id);
        std::stable_sort(out.begin(), out.end(), [](const TargetRecord& a, const TargetRecord& b) {
            const auto pa = parse_period(a.period), pb = parse_period(b.period);
            return pa && pb ? *pa < *pb : a.period < b.period;
        });
        return out;
    });
}

namespace {

// Writes a period's target: a new row, or a change to the one there, audited either way.
Result<TargetRecord> put_target(Connection& c, const Context& ctx, TargetRecord t) {
    if (auto existing = repo::find_target(c, t.indicator_id, t.period)) {
        const std::string before = audit_text(*existing);
        t.id = existing->id;
        t.created_at = existing->created_at;
        t.version = existing->version;
        t.updated_at = existing->updated_at;
        if (audit_text(t) == before) return *existing;
        t.version = existing->version + 1;
        t.updated_at = now_text(ctx);
        if (!repo::update_target(c, t, existing->version))
            return std::unexpected(stale("target", existing->version));
        store::record_audit(c, ctx, "indicator_target", t.id, "update", before, audit_text(t));
        return t;
    }
    t.id = new_id();
    t.created_at = t.updated_at = now_text(ctx);
    repo::insert_target(c, t);
    store::record_audit(c, ctx, "indicator_target", t.id, "create", std::nullopt, audit_text(t));
    return t;
}

std::string number_text(double v) {
    std::string s = fmt::format("{:.6f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

Result<std::vector<TargetRecord>> IndicatorService::set_target(const Context& ctx,
                                                               const TargetInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) { return set_target_on(c, ctx, in); });
}

Result<std::vector<TargetRecord>> detail::set_target_on(Connection& c, const Context& ctx,
                                                        const TargetInput& in) {
    CIVIC_TRY(auto i, indicator_to_change(c, ctx, in.indicator_id.value_or("")));
    Checks checks;
    const auto p = period_field(checks, "period", in.period, i, PeriodUse::Longer);
    const bool band = i.polarity == "band";
    const std::optional<double> value = in.value ? *in.value : std::nullopt;
    const std::optional<double> low = in.low ? *in.low : std::nullopt;
    const std::optional<double> high = in.high ? *in.high : std::nullopt;
    if (band && (!low || !high))
        checks.fail(!low ? "low" : "high",
                    fmt::format("{} is rated against a band: enter its low and high ends", i.code));
    else if (band && *low > *high)
        checks.fail("high", "The high end of the band must not be below the low end");
    else if (!band && !value)
        checks.fail("value", "Enter the target");
    const PeriodKind kind = native_kind(i.frequency);
    std::vector<Period> parts;
    if (p) parts = parts_of(*p, kind);
    if (in.profile && !in.profile->empty()) {
        if (!p || p->kind() == kind)
            checks.fail("profile",
                        "Only a year's target for a quarterly or monthly "
                        "indicator is shared out over its periods");
        else if (i.aggregation != "sum" || band)
            checks.fail("profile",
                        fmt::format("{}'s periods do not add up to its year ({} of them is "
                                    "taken), so each has the year's target as it is",
                                    i.code, i.aggregation));
        else if (in.profile->size() != parts.size())
            checks.fail("profile", fmt::format("Give one share for each of the {} periods, "
                                               "in per cent",
                                               parts.size()));
        else {
            double total = 0;
            for (double w : *in.profile) total += w;
            if (std::any_of(in.profile->begin(), in.profile->end(),
                            [](double w) { return w < 0; }) ||
                std::abs(total - 100) > 0.01)
                checks.fail("profile",
                            fmt::format("The shares must add up to 100 (they add up to {})",
                                        number_text(total)));
        }
    }
    CIVIC_CHECK(checks.result());
    std::vector<TargetRecord> written;
    TargetRecord t;
    t.indicator_id = i.id;
    t.unit_path = i.unit_path;
    t.period = p->to_string();
    t.value = value;
    t.low = band ? low : std::nullopt;
    t.high = band ? high : std::nullopt;
    CIVIC_TRY(auto own, put_target(c, ctx, t));
    written.push_back(own);
    if (p->kind() == kind) return written;
    // A year's target shared out over its quarters or months.
    const Format f = format_of(i);
    const bool shared = i.aggregation == "sum" && !band;
    for (std::size_t n = 0; n < parts.size(); ++n) {
        TargetRecord part = t;
        part.period = parts[n].to_string();
        part.profiled_from = t.period;
        if (shared) {
            const double share =
                in.profile && !in.profile->empty() ? (*in.profile)[n] : 100.0 / parts.size();
            part.value = *value * share / 100;
            part.profile = fmt::format("Profiled from the {} target of {}: {}% of it.", t.period,
                                       format_value(*value, f), number_text(share));
        } else if (band) {
            part.profile = fmt::format("The {} band of {} to {} applies to each period.", t.period,
                                       format_value(*low, f), format_value(*high, f));
        } else {
            part.profile = fmt::format(
                "The {} target of {} applies to each period ({} of "
                "the periods is the year's).",
                t.period, format_value(*value, f), i.aggregation);
        }
        CIVIC_TRY(auto done, put_target(c, ctx, part));
        written.push_back(done);
    }
    return written;
}

}  // namespace civic::indicators
