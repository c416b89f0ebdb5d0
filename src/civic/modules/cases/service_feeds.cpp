// SPDX-License-Identifier: AGPL-3.0-or-later
// Indicator feeds: an on-time percentage or a volume of the cases, entered as an indicator's
// value for every completed period, with its numerator and denominator, so nobody retypes it.
// The values go through IndicatorService, so they are checked, audited and approved as any
// other; an approved value is never touched.
#include <fmt/format.h>

#include <algorithm>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/period.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/report_repo.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/cases/stats_load.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::cases {
using namespace civic::kit;
using namespace civic::cases::detail;
using store::Connection;
namespace json = boost::json;

namespace {

std::string feed_audit(const IndicatorFeed& f) { return civic::to_json(json::value(to_json(f))); }

// Who may change a feed is checked against its indicator before the change steps run.
const Entity<IndicatorFeed> k_feed{"case_indicator_feed",
                                   repo::find_feed,
                                   repo::update_feed,
                                   feed_audit,
                                   [](const Principal&, const IndicatorFeed&) { return true; },
                                   "indicator feed"};

// The kind of period an indicator's values are entered for; nullopt for a multi-year one.
std::optional<PeriodKind> period_kind_of(std::string_view frequency) {
    if (frequency == "monthly") return PeriodKind::Month;
    if (frequency == "quarterly") return PeriodKind::Quarter;
    if (frequency == "annual") return PeriodKind::FinancialYear;
    return std::nullopt;
}

std::string keys_of(const Stage& stage) {
    std::string out;
    for (const auto& t : stage.targets) out += (out.empty() ? "" : ", ") + t.key;
    return out;
}

std::string keys_of(const ClockRules& rules) {
    std::string out;
    for (const auto& s : rules.stages) out += (out.empty() ? "" : ", ") + s.key;
    return out;
}

// One period's figures for the indicator, and the note that says where they came from.
struct Figures {
    std::int64_t numerator = 0, denominator = 0;  // on time; the number itself for a volume
    std::string note;
};

std::optional<Figures> figures_of(const IndicatorFeed& f, const CaseType& type,
                                  const CaseStatistics& stats, const std::string& unit_name) {
    if (stats.types.empty()) return std::nullopt;
    const TypeStats& t = stats.types.front();
    const auto stage = std::find_if(t.stages.begin(), t.stages.end(),
                                    [&](const StageStats& s) { return s.key == f.stage_key; });
    if (stage == t.stages.end()) return std::nullopt;
    const std::string scope = unit_name.empty() ? "" : fmt::format(" (cases of {})", unit_name);
    Figures out;
    if (f.measure == "volume") {
        out.numerator = stage->reached;
        out.note = stage == t.stages.begin()
                       ? fmt::format("From casework: {} {} cases received in {}{}.", out.numerator,
                                     type.code, stats.period, scope)
                       : fmt::format("From casework: {} {} cases reached {} in {}{}.",
                                     out.numerator, type.code, stage->name, stats.period, scope);
        return out;
    }
    const auto target = std::find_if(stage->targets.begin(), stage->targets.end(),
                                     [&](const TargetStats& x) { return x.key == f.target_key; });
    if (target == stage->targets.end()) return std::nullopt;
    const Ratio r = target->on_time();
    if (r.denominator == 0) return std::nullopt;
    out.numerator = r.numerator;
    out.denominator = r.denominator;
    // "response", "final response at Stage 2": a later stage is named unless its label does.
    std::string what = lower_ascii(target->label);
    if (stage != t.stages.begin() && what.find(lower_ascii(stage->name)) == std::string::npos)
        what += fmt::format(" at {}", stage->name);
    out.note =
        fmt::format("From casework: {} of {} {} cases whose {} was due in {} met it on time{}.",
                    r.numerator, r.denominator, type.code, what, stats.period, scope);
    return out;
}

bool same_figures(const indicators::Value& v, const IndicatorFeed& f, const Figures& x) {
    if (f.measure == "volume")
        return v.value == static_cast<double>(x.numerator) && !v.numerator && !v.denominator;
    return !v.value && v.numerator == static_cast<double>(x.numerator) &&
           v.denominator == static_cast<double>(x.denominator);
}

indicators::ValueInput value_input(const indicators::Indicator& i, const std::string& period,
                                   const IndicatorFeed& f, const Figures& x) {
    indicators::ValueInput in;
    in.indicator_id = i.id;
    in.period = period;
    in.note = x.note;
    if (f.measure == "volume") {
        in.value = std::optional<double>(static_cast<double>(x.numerator));
        in.numerator = std::optional<double>();
        in.denominator = std::optional<double>();
    } else {
        in.value = std::optional<double>();
        in.numerator = std::optional<double>(static_cast<double>(x.numerator));
        in.denominator = std::optional<double>(static_cast<double>(x.denominator));
    }
    return in;
}

std::string error_text(const Error& e) {
    std::string out = e.detail;
    for (const auto& fe : e.errors) out += fmt::format(" {}: {}", fe.field, fe.message);
    return out;
}

}  // namespace

json::object to_json(const FeedView& v) {
    auto o = to_json(v.feed);
    o["indicator_code"] = v.indicator_code;
    o["case_type_code"] = v.case_type_code;
    if (v.run) o["run"] = to_json(*v.run);
    return o;
}

Result<std::vector<FeedView>> CasesService::list_feeds(const Context& ctx,
                                                       const FeedQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    std::optional<std::string> indicator_id;
    if (const auto named = trimmed(q.indicator_id); !named.empty()) {
        auto i = m_indicators.find_indicator(ctx, named);
        if (!i) return std::vector<FeedView>{};
        indicator_id = i->id;
    }
    auto views = m_db.read([&](Connection& c) {
        std::vector<FeedView> out;
        for (auto& f : repo::list_feeds(c, indicator_id, q.include_archived)) {
            auto t = repo::find_case_type(c, f.case_type_id);
            out.push_back({std::move(f), "", t ? t->code : "", std::nullopt});
        }
        return out;
    });
    for (auto& v : views)
        if (auto i = m_indicators.get_indicator(ctx, v.feed.indicator_id))
            v.indicator_code = i->code;
    return views;
}

Result<FeedView> CasesService::get_feed(const Context& ctx, const std::string& id) const {
    CIVIC_CHECK(require_signed_in(ctx));
    auto found = m_db.read([&](Connection& c) -> std::optional<FeedView> {
        auto f = is_id(id) ? repo::find_feed(c, id) : std::nullopt;
        if (!f) return std::nullopt;
        auto t = repo::find_case_type(c, f->case_type_id);
        return FeedView{*f, "", t ? t->code : "", std::nullopt};
    });
    if (!found)
        return std::unexpected(Error::not_found("There is no indicator feed with this id."));
    if (auto i = m_indicators.get_indicator(ctx, found->feed.indicator_id))
        found->indicator_code = i->code;
    return *found;
}

Result<FeedView> CasesService::create_feed(const Context& ctx, const FeedInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    Checks checks;
    // The indicator is the indicators module's: read and checked before the feed's write.
    std::optional<indicators::Indicator> indicator;
    if (const auto named = trimmed(in.indicator_id); named.empty()) {
        checks.fail("indicator_id", "Choose the indicator the feed fills: its id or its code");
    } else if (auto i = m_indicators.find_indicator(ctx, named);
               !i || !m_indicators.can_edit(ctx, *i)) {
        checks.fail("indicator_id", "Indicator must be a live indicator that you may change");
    } else {
        indicator = *i;
    }
    std::string measure = "on time";
    if (in.measure)
        if (auto m =
                checks.choice("measure", "Measure", in.measure, k_feed_measures, Required::Yes))
            measure = *m;
    if (indicator && !checks.failed("measure")) {
        if (!period_kind_of(indicator->frequency))
            checks.fail("indicator_id",
                        fmt::format("A feed fills monthly, quarterly or annual values; {} is {}",
                                    indicator->code, indicator->frequency));
        else if (measure == "on time" && indicator->measure_unit != "percentage")
            checks.fail("measure", fmt::format("An on-time feed fills a percentage indicator; {} "
                                               "is measured as a {}",
                                               indicator->code, indicator->measure_unit));
        else if (measure == "volume" && indicator->measure_unit != "number")
            checks.fail("measure", fmt::format("A volume fills an indicator measured as a number; "
                                               "{} is measured as a {}",
                                               indicator->code, indicator->measure_unit));
    }
    std::optional<IndicatorFeed> made;
    try {
        auto written = m_db.write([&](Connection& c) -> Result<IndicatorFeed> {
            IndicatorFeed f;
            f.measure = measure;
            if (indicator) f.indicator_id = indicator->id;
            std::optional<CaseType> type;
            if (const auto named = trimmed(in.case_type_id); named.empty())
                checks.fail("case_type_id", "Choose the case type whose cases fill the indicator");
            else if (type = type_named(c, named, false); !type)
                checks.fail("case_type_id",
                            "Case type must be one of the council's case types: its id or its "
                            "code, such as FOI");
            if (type) {
                f.case_type_id = type->id;
                const auto rules = stored_rules(*type);
                const std::string stage_key = trimmed(in.stage);
                const Stage* stage = stage_key.empty()
                                         ? (rules.stages.empty() ? nullptr : &rules.stages.front())
                                         : stage_of(rules, stage_key);
                if (!stage)
                    checks.fail("stage", fmt::format("{} has no stage \"{}\": it has {}",
                                                     type->name, stage_key, keys_of(rules)));
                const std::string target_key = trimmed(in.target);
                if (stage) {
                    f.stage_key = stage->key;
                    if (measure == "volume") {
                        if (!target_key.empty())
                            checks.fail("target",
                                        "A volume counts the cases that reach a stage: give no "
                                        "target");
                    } else if (target_key.empty() && !stage->targets.empty()) {
                        f.target_key = stage->targets.back().key;
                    } else if (std::none_of(stage->targets.begin(), stage->targets.end(),
                                            [&](const Target& t) { return t.key == target_key; })) {
                        checks.fail("target",
                                    fmt::format("{} has no target \"{}\": it has {}", stage->name,
                                                target_key, keys_of(*stage)));
                    } else {
                        f.target_key = target_key;
                    }
                }
            }
            // The feed counts the same whoever runs it, so its maker must read every case it
            // counts.
            if (const auto unit = trimmed(in.unit_id); !unit.empty()) {
                auto u = is_id(unit) ? org::repo::find_unit(c, unit) : std::nullopt;
                if (!u || u->archived_at || !covers(ctx.principal, u->path, Access::Read))
                    checks.fail("unit_id", "Unit must be a unit whose cases you may read");
                else
                    f.unit_id = u->id;
            } else if (!covers(ctx.principal, "", Access::Read)) {
                checks.fail("unit_id",
                            "Choose the unit whose cases fill the indicator: only those who may "
                            "read every unit's cases may feed an indicator from them all");
            }
            if (indicator && !checks.failed("indicator_id") &&
                !repo::list_feeds(c, indicator->id, false).empty())
                checks.fail("indicator_id",
                            fmt::format("{} is filled by a feed already: archive that one first",
                                        indicator->code));
            CIVIC_CHECK(checks.result());
            return insert_record(c, ctx, k_feed, repo::indicator_feeds(), std::move(f));
        });
        if (!written) return std::unexpected(written.error());
        made = *written;
    } catch (const store::DuplicateError&) {
        return std::unexpected(Error::conflict(
            "This indicator was given a feed a moment ago: archive that one first."));
    }
    FeedView view{*made, indicator->code, "", std::nullopt};
    m_db.read([&](Connection& c) {
        if (auto t = repo::find_case_type(c, made->case_type_id)) view.case_type_code = t->code;
    });
    // The new feed fills its indicator at once, as its maker, who may change the indicator.
    auto run = run_feed(ctx, *made);
    view.run =
        run ? *run : FeedRun{made->id, indicator->code, {}, {}, {}, {}, {error_text(run.error())}};
    return view;
}

Result<FeedView> CasesService::archive_feed(const Context& ctx, const std::string& id,
                                            std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    const Error not_yours =
        Error::not_found("There is no indicator feed with this id that you can change.");
    auto found =
        m_db.read([&](Connection& c) { return is_id(id) ? repo::find_feed(c, id) : std::nullopt; });
    if (!found) return std::unexpected(not_yours);
    // Whoever may change the indicator; an administrator also when it has been archived.
    auto indicator = m_indicators.get_indicator(ctx, found->indicator_id);
    if (!indicator || !(m_indicators.can_edit(ctx, *indicator) || ctx.principal.is_administrator()))
        return std::unexpected(not_yours);
    return m_db.write([&](Connection& c) -> Result<FeedView> {
        CIVIC_TRY(auto f, archive_record(c, ctx, k_feed, found->id, version, no_objection));
        auto t = repo::find_case_type(c, f.case_type_id);
        return FeedView{std::move(f), indicator->code, t ? t->code : "", std::nullopt};
    });
}

Result<FeedRun> CasesService::run_feed(const Context& ctx, const IndicatorFeed& f) {
    CIVIC_TRY(auto indicator, m_indicators.get_indicator(ctx, f.indicator_id));
    FeedRun run{f.id, indicator.code, {}, {}, {}, {}, {}};
    const auto kind = period_kind_of(indicator.frequency);
    if (indicator.archived_at || !kind) {
        run.errors.push_back(
            fmt::format("{} is {}: a feed fills only a live monthly, quarterly or "
                        "annual indicator.",
                        indicator.code, indicator.archived_at ? "archived" : indicator.frequency));
        return run;
    }
    const Date today = kit::today(ctx);
    // Every case the feed counts, read once, with its clock as it stands today.
    struct Counted {
        CaseType type;
        std::string unit_name;
        std::vector<CaseFacts> facts;
        std::optional<Date> first;
    };
    auto counted = m_db.read([&](Connection& c) -> std::optional<Counted> {
        auto type = repo::find_case_type(c, f.case_type_id);
        if (!type) return std::nullopt;
        Counted out{*type, "", {}, std::nullopt};
        std::optional<std::string> unit_path;
        if (f.unit_id) {
            auto u = org::repo::find_unit(c, *f.unit_id);
            if (!u) return std::nullopt;
            unit_path = u->path;
            out.unit_name = u->name;
        }
        const auto cases = cases_counted(c, {out.type}, unit_path, std::nullopt, nullptr);
        out.facts = facts_of_cases(c, {out.type}, cases, today);
        for (const auto& k : out.facts)
            if (!out.first || k.received_on < *out.first) out.first = k.received_on;
        return out;
    });
    if (!counted) return std::unexpected(Error::not_found("The feed's case type or unit is gone."));
    if (!counted->first) return run;
    // Every period of the indicator's kind from the first case's, up to the last one over.
    for (auto p = period_containing(*counted->first, *kind); p && p->end() < today; p = p->next()) {
        const std::string period = p->to_string();
        const auto stats = case_statistics({counted->type}, counted->facts, *p, today);
        const auto figures = figures_of(f, counted->type, stats, counted->unit_name);
        if (!figures) continue;  // nothing was due in it
        const auto failed = [&](const Error& e) {
            run.errors.push_back(fmt::format("{}: {}", period, error_text(e)));
        };
        auto revisions = m_indicators.list_values(ctx, indicator.id, period);
        if (!revisions) {
            failed(revisions.error());
            continue;
        }
        auto in = value_input(indicator, period, f, *figures);
        if (revisions->empty()) {
            if (auto done = m_indicators.enter_value(ctx, in); !done)
                failed(done.error());
            else
                run.entered.push_back(period);
            continue;
        }
        const indicators::Value& latest = revisions->back();
        const bool same = same_figures(latest, f, *figures);
        if (latest.status == "approved" || latest.status == "superseded") {
            (same ? run.unchanged : run.left_approved).push_back(period);
            continue;
        }
        if (same) {
            run.unchanged.push_back(period);
            continue;
        }
        // A submitted value whose figures changed goes back to draft to be corrected, and is
        // submitted again by whoever submits the indicator's values.
        std::int64_t version = latest.version;
        if (latest.status == "submitted") {
            auto back = m_indicators.return_value(
                ctx, latest.id, latest.version,
                "The figures from casework changed after it was submitted; they are corrected.");
            if (!back) {
                failed(back.error());
                continue;
            }
            version = back->version;
        }
        in.indicator_id.reset();
        if (auto done = m_indicators.update_value(ctx, latest.id, in, version); !done)
            failed(done.error());
        else
            run.updated.push_back(period);
    }
    return run;
}

Result<std::vector<FeedRun>> CasesService::feed_indicators(
    const Context& ctx, const std::optional<std::string>& indicator) {
    CIVIC_CHECK(require_signed_in(ctx));
    std::optional<std::string> indicator_id;
    if (const auto named = trimmed(indicator); !named.empty()) {
        CIVIC_TRY(auto i, m_indicators.find_indicator(ctx, named));
        indicator_id = i.id;
    }
    const auto feeds =
        m_db.read([&](Connection& c) { return repo::list_feeds(c, indicator_id, false); });
    std::vector<FeedRun> out;
    for (const auto& f : feeds) {
        auto run = run_feed(ctx, f);
        out.push_back(run ? *run : FeedRun{f.id, "", {}, {}, {}, {}, {error_text(run.error())}});
    }
    return out;
}

}  // namespace civic::cases
