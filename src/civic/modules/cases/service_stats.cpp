// SPDX-License-Identifier: AGPL-3.0-or-later
// Casework's statistics for a period, the annual complaints report and its self-assessment.
// The statistics count what the cases' clocks and events say (stats.hpp) and read no personal
// data, so retention leaves them as they were.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/period.hpp"
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

namespace detail {

std::vector<Case> cases_counted(Connection& c, const std::vector<CaseType>& types,
                                const std::optional<std::string>& unit_path,
                                const std::optional<Date>& received_to, const Principal* reader) {
    std::vector<Case> out;
    for (const auto& type : types) {
        repo::CaseFilter f;
        f.unit_path = unit_path;
        f.case_type_id = type.id;
        if (received_to) f.received_to = format_iso_date(*received_to);
        for (auto& k : repo::list_cases(c, f))
            if (!reader || may_read(*reader, k)) out.push_back(std::move(k));
    }
    return out;
}

std::vector<CaseFacts> facts_of_cases(Connection& c, const std::vector<CaseType>& types,
                                      const std::vector<Case>& cases, Date today) {
    std::vector<std::string> ids;
    ids.reserve(cases.size());
    for (const auto& k : cases) ids.push_back(k.id);
    std::map<std::string, std::vector<CaseEvent>> events;
    for (auto& e : repo::events_of_cases(c, ids)) events[e.case_id].push_back(std::move(e));
    std::map<std::string, WorkingCalendar> calendars;
    std::vector<CaseFacts> out;
    out.reserve(cases.size());
    for (const auto& k : cases) {
        const auto type = std::find_if(types.begin(), types.end(),
                                       [&](const CaseType& t) { return t.id == k.case_type_id; });
        if (type == types.end()) continue;
        auto calendar = calendars.find(type->id);
        if (calendar == calendars.end())
            calendar = calendars.emplace(type->id, calendar_of(c, *type)).first;
        auto& own = events[k.id];
        auto clock = clock_of(*type, calendar->second, k, own, today);
        out.push_back(facts_of(k, std::move(clock), std::move(own)));
    }
    return out;
}

std::optional<CaseType> type_named(Connection& c, const std::string& id_or_code,
                                   bool include_archived) {
    auto t = is_id(id_or_code) ? repo::find_case_type(c, id_or_code)
                               : repo::case_type_by_code(c, id_or_code);
    if (!t || (t->archived_at && !include_archived)) return std::nullopt;
    return t;
}

}  // namespace detail

namespace {

// A period as a statistic's query names it; `fallback` when not given.
std::optional<Period> period_field(Checks& checks, std::string_view field,
                                   const std::optional<std::string>& v, const Period& fallback) {
    const std::string text = trimmed(v);
    if (text.empty()) return fallback;
    auto p = parse_period(text);
    if (!p) {
        checks.fail(std::string(field), p.error());
        return std::nullopt;
    }
    return *p;
}

// Types with cases, and the live ones: an archived type with no case counted is left out.
std::vector<CaseType> types_shown(std::vector<CaseType> types, const std::vector<Case>& cases) {
    std::set<std::string> used;
    for (const auto& k : cases) used.insert(k.case_type_id);
    std::erase_if(types, [&](const CaseType& t) { return t.archived_at && !used.contains(t.id); });
    return types;
}

constexpr std::string_view k_self_assessments = "the annual self-assessments";

std::string self_assessment_audit(const SelfAssessment& s) {
    return civic::to_json(boost::json::value(to_json(s)));
}

const Entity<SelfAssessment> k_self_assessment{
    "case_self_assessment",
    repo::find_self_assessment,
    repo::update_self_assessment,
    self_assessment_audit,
    [](const Principal& who, const SelfAssessment&) { return who.is_administrator(); },
    "self-assessment"};

constexpr std::size_t k_long_text = 200000;

Result<void> apply_self_assessment(Connection& c, const SelfAssessmentInput& in, SelfAssessment& s,
                                   bool creating) {
    Checks checks;
    if (creating) {
        const std::string text = trimmed(in.year);
        auto p = parse_period(text);
        if (text.empty())
            checks.fail("year",
                        "Give the financial year the self-assessment is for, such as 2025/26");
        else if (!p || p->kind() != PeriodKind::FinancialYear)
            checks.fail("year", "The year must be a financial year such as 2025/26");
        else if (repo::self_assessment_for(c, p->to_string()))
            checks.fail("year",
                        fmt::format("There is a self-assessment for {} already: change that "
                                    "one",
                                    p->to_string()));
        else
            s.year = p->to_string();
    } else if (in.year && trimmed(in.year) != s.year) {
        checks.fail("year", "A self-assessment's year cannot be changed");
    }
    checks.text("body", "The self-assessment", in.body, Required::No, k_long_text, Lines::Many);
    if (in.body && !checks.failed("body")) s.body = trimmed(in.body);
    checks.text("governance_response", "The committee's response", in.governance_response,
                Required::No, k_long_text, Lines::Many);
    if (in.governance_response && !checks.failed("governance_response"))
        s.governance_response = trimmed(in.governance_response);
    if (creating && s.body.empty() && !checks.failed("year"))
        s.body = self_assessment_template(s.year);
    return checks.result();
}

}  // namespace

Result<CaseStatistics> CasesService::statistics(const Context& ctx,
                                                const StatisticsQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    const Date today = kit::today(ctx);
    Checks checks;
    const auto period = period_field(checks, "period", q.period,
                                     *period_containing(today, PeriodKind::FinancialYear));
    return m_db.read([&](Connection& c) -> Result<CaseStatistics> {
        std::vector<CaseType> types;
        if (const auto named = trimmed(q.case_type_id); !named.empty()) {
            if (auto t = type_named(c, named, true))
                types.push_back(*t);
            else
                checks.fail("case_type_id",
                            "Case type must be one of the council's case types: its id or its "
                            "code, such as FOI");
        } else {
            types = repo::list_case_types(c, true);
        }
        std::optional<std::string> unit_path;
        if (const auto unit = trimmed(q.unit_id); !unit.empty()) {
            auto u = is_id(unit) ? org::repo::find_unit(c, unit) : std::nullopt;
            if (!u)
                checks.fail("unit_id", "Unit must be a unit in the organisation register");
            else
                unit_path = u->path;
        }
        const std::string stage = trimmed(q.stage);
        if (!stage.empty() && !checks.failed("case_type_id")) {
            const bool known = std::any_of(types.begin(), types.end(), [&](const CaseType& t) {
                return stage_of(stored_rules(t), stage) != nullptr;
            });
            if (!known)
                checks.fail("stage",
                            types.size() == 1
                                ? fmt::format("{} has no stage \"{}\"", types[0].name, stage)
                                : fmt::format("No case type has a stage \"{}\"", stage));
        }
        CIVIC_CHECK(checks.result());
        const auto cases = cases_counted(c, types, unit_path, period->end(), &ctx.principal);
        types = types_shown(std::move(types), cases);
        return case_statistics(types, facts_of_cases(c, types, cases, today), *period, today,
                               {stage});
    });
}

Result<ComplaintsReport> CasesService::complaints_report(
    const Context& ctx, const std::optional<std::string>& year) const {
    CIVIC_CHECK(require_signed_in(ctx));
    const Date today = kit::today(ctx);
    Checks checks;
    const auto last_year = period_containing(today, PeriodKind::FinancialYear)->previous();
    const auto period = period_field(checks, "year", year, *last_year);
    if (period && period->kind() != PeriodKind::FinancialYear)
        checks.fail("year", "The year must be a financial year such as 2025/26");
    CIVIC_CHECK(checks.result());
    return m_db.read([&](Connection& c) -> Result<ComplaintsReport> {
        std::vector<CaseType> complaint_types, ombudsman_types;
        for (auto& t : repo::list_case_types(c, true)) {
            if (t.kind == "complaint") complaint_types.push_back(t);
            if (t.kind == "ombudsman") ombudsman_types.push_back(t);
        }
        ComplaintsReport out;
        const auto count = [&](std::vector<CaseType> types) {
            const auto cases = cases_counted(c, types, std::nullopt, period->end(), &ctx.principal);
            types = types_shown(std::move(types), cases);
            for (const auto& k : cases) {
                if (k.status != "closed" || k.lessons.empty() || !k.closed_on) continue;
                const auto closed = parse_iso_date(*k.closed_on);
                if (!closed || !period->contains(*closed)) continue;
                const auto type = std::find_if(types.begin(), types.end(), [&](const CaseType& t) {
                    return t.id == k.case_type_id;
                });
                const auto rules = stored_rules(*type);
                const Stage* stage = stage_of(rules, k.stage_key);
                out.lessons.push_back({k.id, k.reference, k.subject, type->code,
                                       stage ? stage->name : k.stage_key, *k.closed_on, k.outcome,
                                       k.lessons});
            }
            return case_statistics(types, facts_of_cases(c, types, cases, today), *period, today);
        };
        out.complaints = count(complaint_types);
        out.ombudsman = count(ombudsman_types);
        std::sort(out.lessons.begin(), out.lessons.end(), [](const Lesson& a, const Lesson& b) {
            return std::tie(a.closed_on, a.reference) < std::tie(b.closed_on, b.reference);
        });
        out.self_assessment = repo::self_assessment_for(c, period->to_string());
        return out;
    });
}

Result<std::vector<SelfAssessment>> CasesService::list_self_assessments(const Context& ctx) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) { return repo::list_self_assessments(c); });
}

Result<SelfAssessment> CasesService::get_self_assessment(const Context& ctx,
                                                         const std::string& id) const {
    CIVIC_CHECK(require_signed_in(ctx));
    auto found = m_db.read([&](Connection& c) {
        return is_id(id) ? repo::find_self_assessment(c, id) : std::nullopt;
    });
    if (!found)
        return std::unexpected(Error::not_found("There is no self-assessment with this id."));
    return *found;
}

Result<SelfAssessment> CasesService::create_self_assessment(const Context& ctx,
                                                            const SelfAssessmentInput& in) {
    CIVIC_CHECK(require_administrator(ctx, k_self_assessments));
    try {
        return m_db.write([&](Connection& c) -> Result<SelfAssessment> {
            SelfAssessment s;
            CIVIC_CHECK(apply_self_assessment(c, in, s, true));
            return insert_record(c, ctx, k_self_assessment, repo::self_assessments(), std::move(s));
        });
    } catch (const store::DuplicateError&) {
        // Another administrator made the year's at the same moment (the unique year).
        return std::unexpected(Error::conflict(
            "A self-assessment for this year was made a moment ago: change that one."));
    }
}

Result<SelfAssessment> CasesService::update_self_assessment(const Context& ctx,
                                                            const std::string& id,
                                                            const SelfAssessmentInput& in,
                                                            std::int64_t version) {
    CIVIC_CHECK(require_administrator(ctx, k_self_assessments));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_self_assessment, id, version, "update",
            [&](SelfAssessment& s) { return apply_self_assessment(c, in, s, false); });
    });
}

}  // namespace civic::cases
