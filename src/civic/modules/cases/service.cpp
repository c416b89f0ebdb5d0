// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/service.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/rules.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"

namespace civic::cases {
using namespace civic::kit;
using store::Connection;

namespace {

constexpr std::string_view k_what = "the council's case types";

bool administers(const Principal& who, const CaseType&) { return who.is_administrator(); }

std::string audit_text(const CaseType& t) {
    return civic::to_json(boost::json::value(cases::to_json(t)));
}

const Entity<CaseType> k_case_type{"case_type", repo::find_case_type, repo::update_case_type,
                                   audit_text,  administers,          "case type"};

// A code is 1 to 10 capital letters or digits, starting with a letter: FOI, CMP, MEM2.
bool is_code(std::string_view s) {
    if (s.empty() || s.size() > 10 || s.front() < 'A' || s.front() > 'Z') return false;
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

// The fields of a case type, checked and applied; the checks name each field.
Result<void> apply_input(Connection& c, const CaseTypeInput& in, CaseType& t, bool creating) {
    Checks checks;
    if (in.code || creating) {
        std::string code(trim(in.code.value_or("")));
        for (char& ch : code)
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        if (code.empty())
            checks.fail("code", "Give the case type a code, for example FOI");
        else if (!is_code(code))
            checks.fail("code",
                        "A code is 1 to 10 letters or digits, starting with a letter, "
                        "for example FOI or CMP2");
        else if (auto other = repo::case_type_by_code(c, code); other && other->id != t.id)
            checks.fail("code",
                        fmt::format("The case type {} already has the code {}", other->name, code));
        else
            t.code = code;
    }
    checks.text("name", "Name", in.name, required_when(creating, in.name), 120);
    if (in.name && !checks.failed("name")) t.name = trim(*in.name);
    if (auto kind = checks.choice("kind", "Kind", in.kind, k_case_kinds,
                                  creating ? Required::Yes : Required::No))
        t.kind = *kind;
    if (auto calendar =
            checks.choice("calendar", "Calendar", in.calendar, k_calendars, Required::No))
        t.calendar = *calendar;
    else if (creating && !in.calendar)
        t.calendar = t.kind == "foi" || t.kind == "eir" ? "uk" : "council";
    checks.text("description", "Description", in.description, Required::No, 2000, Lines::Many);
    if (in.description && !checks.failed("description")) t.description = trim(*in.description);
    // The stages are checked with the priorities and office hours they will count by: those
    // sent, else the type's own.
    const ClockRules current = creating ? ClockRules{} : stored_rules(t);
    std::vector<Priority> priorities = current.priorities;
    OfficeHours hours = current.office_hours;
    bool rules_ok = true;
    if (in.priorities) {
        if (auto read = priorities_from_json(*in.priorities)) {
            priorities = std::move(*read);
        } else {
            rules_ok = false;
            for (const auto& e : read.error().errors) checks.fail(e.field, e.message);
        }
    }
    if (in.office_hours) {
        const auto* o = in.office_hours->if_object();
        const auto time = [&](std::string_view key, int& out) {
            const auto* v = o ? o->if_contains(key) : nullptr;
            if (!v) return;
            const auto minute =
                v->is_string() ? parse_time_of_day(v->as_string()) : std::optional<int>();
            if (minute)
                out = *minute;
            else {
                rules_ok = false;
                checks.fail(fmt::format("office_hours.{}", key),
                            "Give the time as HH:MM on the 24-hour clock, for example 09:00");
            }
        };
        if (!o) {
            rules_ok = false;
            checks.fail("office_hours",
                        "Give the office hours as {\"opens\": \"09:00\", "
                        "\"closes\": \"17:00\"}");
        }
        time("opens", hours.opens);
        time("closes", hours.closes);
    }
    if (!in.stages && creating) {
        checks.fail("stages", "Give the case type its stages, each with its targets");
    } else if (rules_ok) {
        boost::json::value stages = in.stages ? *in.stages : rules_json(current);
        if (auto rules = rules_from_json(stages, "stages", priorities, hours); !rules) {
            for (const auto& e : rules.error().errors) checks.fail(e.field, e.message);
        } else {
            t.stages_json = civic::to_json(rules_json(*rules));
            t.priorities_json = civic::to_json(priorities_json(rules->priorities));
            t.office_opens = format_time_of_day(rules->office_hours.opens);
            t.office_closes = format_time_of_day(rules->office_hours.closes);
        }
    }
    if (in.later_stage_by_another_officer)
        t.later_stage_by_another_officer = *in.later_stage_by_another_officer;
    if (in.retention_years) {
        if (*in.retention_years < 1 || *in.retention_years > 100)
            checks.fail("retention_years",
                        "Keep personal data for 1 to 100 years after a case closes");
        else
            t.retention_years = *in.retention_years;
    }
    return checks.result();
}

}  // namespace

Result<std::vector<CaseType>> CasesService::list_case_types(const Context& ctx,
                                                            bool include_archived) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) { return repo::list_case_types(c, include_archived); });
}

Result<CaseType> CasesService::get_case_type(const Context& ctx, const std::string& id) const {
    CIVIC_CHECK(require_signed_in(ctx));
    auto found = m_db.read(
        [&](Connection& c) { return is_id(id) ? repo::find_case_type(c, id) : std::nullopt; });
    if (!found) return std::unexpected(Error::not_found("There is no case type with this id."));
    return *found;
}

Result<CaseType> CasesService::create_case_type(const Context& ctx, const CaseTypeInput& in) {
    CIVIC_CHECK(require_administrator(ctx, k_what));
    return m_db.write([&](Connection& c) -> Result<CaseType> {
        CaseType t;
        CIVIC_CHECK(apply_input(c, in, t, true));
        return insert_record(c, ctx, k_case_type, repo::case_types(), std::move(t));
    });
}

Result<CaseType> CasesService::update_case_type(const Context& ctx, const std::string& id,
                                                const CaseTypeInput& in, std::int64_t version) {
    CIVIC_CHECK(require_administrator(ctx, k_what));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_case_type, id, version, "update",
                             [&](CaseType& t) { return apply_input(c, in, t, false); });
    });
}

Result<CaseType> CasesService::archive_case_type(const Context& ctx, const std::string& id,
                                                 std::int64_t version) {
    CIVIC_CHECK(require_administrator(ctx, k_what));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_case_type, id, version, no_objection);
    });
}

Result<int> CasesService::ensure_default_case_types(const Context& ctx) {
    // Two servers starting on one new database: the second finds the codes taken (the unique
    // index of live codes) and leaves the first's.
    try {
        return seed_defaults(ctx);
    } catch (const store::DuplicateError&) {
        return 0;
    }
}

Result<int> CasesService::seed_defaults(const Context& ctx) {
    return m_db.write([&](Connection& c) -> Result<int> {
        if (repo::count_case_types(c) > 0) return 0;
        int made = 0;
        for (const auto& d : default_case_types()) {
            CaseType t;
            t.code = d.code;
            t.name = d.name;
            t.kind = d.kind;
            t.calendar = d.calendar;
            t.description = d.description;
            t.stages_json = civic::to_json(rules_json(d.rules));
            t.priorities_json = civic::to_json(priorities_json(d.rules.priorities));
            t.office_opens = format_time_of_day(d.rules.office_hours.opens);
            t.office_closes = format_time_of_day(d.rules.office_hours.closes);
            t.later_stage_by_another_officer = d.later_stage_by_another_officer;
            t.retention_years = d.retention_years;
            insert_record(c, ctx, k_case_type, repo::case_types(), std::move(t));
            ++made;
        }
        return made;
    });
}

}  // namespace civic::cases
