// SPDX-License-Identifier: AGPL-3.0-or-later
// A council's casework imported from its spreadsheet, all or nothing. Each row is drafted as
// POST /api/v1/cases drafts a case (draft_case), and its history is checked step by step as
// the handlers check theirs: the first stage's acknowledgement and response meet their targets
// (met_events), an escalation needs its date and, where the type says so, another officer
// (check_another_officer), and a closure its outcome (check_closure). Only a file with no
// problem at all is written, in the one transaction.
#include <fmt/format.h>

#include <algorithm>
#include <expected>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "civic/core/csv.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/cases/import_rows.hpp"
#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/names.hpp"

namespace civic::cases {
using namespace civic::kit;
using namespace civic::cases::detail;
using store::Connection;

namespace {

// The file's columns for the fields the API's checks name otherwise.
constexpr std::pair<std::string_view, std::string_view> k_columns[] = {
    {"case_type_id", "type"},
    {"unit_id", "unit"},
    {"officer_person_id", "officer"},
    {"requester_person_id", "councillor"}};

std::string column_of(std::string_view field) {
    for (const auto& [api, file] : k_columns)
        if (api == field) return std::string(file);
    return std::string(field);
}

// The problems of one line: each column named once, with the first problem found in it, so a
// cell the file could not give (a date that is not one) is not blamed again for being blank.
class LineProblems {
public:
    LineProblems(ImportProblems& all, std::size_t line, std::set<std::string> blamed)
        : m_all(all), m_line(line), m_blamed(std::move(blamed)) {}

    void add(std::string_view column, std::string message) {
        if (m_blamed.insert(std::string(column)).second)
            m_all.add(m_line, column, std::move(message));
    }
    void add(const std::vector<FieldError>& errors) {
        for (const auto& e : errors) add(column_of(e.field), e.message);
    }

private:
    ImportProblems& m_all;
    std::size_t m_line;
    std::set<std::string> m_blamed;
};

// A unit or person the file names: an id is passed on as it is, for the API's checks; a name
// is looked up in the index. Blank is nullopt, as is a name that finds no one (a problem).
std::optional<std::string> named(
    LineProblems& line, std::string_view column, const std::string& text,
    std::expected<std::string, std::string> (org::NameIndex::*find)(std::string_view) const,
    const org::NameIndex& names) {
    if (text.empty()) return std::nullopt;
    if (is_id(text)) return text;
    auto found = (names.*find)(text);
    if (!found) {
        line.add(column, std::move(found.error()));
        return std::nullopt;
    }
    return *found;
}

CaseInput input_of(const ImportRow& row, LineProblems& line, const org::NameIndex& names) {
    CaseInput in;
    in.case_type_id = row.type;
    in.received_on = row.received_on.value_or("");
    in.channel = row.channel;
    if (!row.received_at.empty()) in.received_at = row.received_at;
    if (!row.priority.empty()) in.priority = row.priority;
    in.requester_kind = row.requester_kind;
    in.requester_person_id =
        named(line, "councillor", row.councillor, &org::NameIndex::councillor, names);
    in.requester_name = row.requester_name;
    in.requester_contact = row.requester_contact;
    in.on_behalf_of = row.on_behalf_of;
    in.subject = row.subject;
    in.description = row.description;
    in.unit_id = named(line, "unit", row.unit, &org::NameIndex::unit, names).value_or("");
    in.officer_person_id = named(line, "officer", row.officer, &org::NameIndex::person, names);
    return in;
}

// The stage a row names, by its key or its name, whatever the capitals.
const Stage* stage_named(const ClockRules& rules, std::string_view text) {
    for (const auto& s : rules.stages)
        if (equal_ignoring_case(s.key, text) || equal_ignoring_case(s.name, text)) return &s;
    return nullptr;
}

std::string stages_in_words(const ClockRules& rules) {
    std::string out;
    for (std::size_t i = 0; i < rules.stages.size(); ++i)
        out += fmt::format("{}{} ({})",
                           i == 0                         ? ""
                           : i + 1 == rules.stages.size() ? " and "
                                                          : ", ",
                           rules.stages[i].key, rules.stages[i].name);
    return out;
}

// The history a row gives, checked as the handlers check each step, in the order the steps
// happened: the first stage's acknowledgement and response, the escalation to the stage
// reached, the closure. Returns the events to write, in order; the case is moved to the stage
// reached and closed, as the row says.
std::vector<CaseEvent> history(Connection& c, Checks& checks, const ImportRow& row,
                               const CaseType& type, const WorkingCalendar& calendar, Case& k,
                               Date today) {
    const ClockRules rules = stored_rules(type);
    std::vector<CaseEvent> events;
    if (rules.stages.empty()) return events;
    const Stage& first = rules.stages.front();
    // Each step is dated, not in the future, and not before the step before it.
    Date last = *parse_iso_date(k.received_on);
    std::string last_words = "the date received";
    const auto step = [&](std::string_view column, std::string_view label,
                          const std::optional<std::string>& v,
                          std::string_view words) -> std::optional<Date> {
        auto d = event_date(checks, column, label, v, last, last_words, today);
        if (d) {
            last = *d;
            last_words = words;
        }
        return d;
    };

    if (row.acknowledged_on) {
        if (first.targets.size() < 2)
            checks.fail(
                "acknowledged_on",
                fmt::format("{} of a {} has no acknowledgement, only {}: give its date as "
                            "responded_on and leave acknowledged_on blank",
                            first.name, type.name,
                            first.targets.empty() ? std::string("no target")
                                                  : "its " + lower_ascii(first.targets[0].label)));
        else if (auto d = step("acknowledged_on", "it was acknowledged", row.acknowledged_on,
                               "the acknowledgement"))
            met_events(type, calendar, k, events, first.targets.front().key, *d, std::nullopt,
                       {today, 24 * 60 - 1});
    }
    if (row.responded_on && !first.targets.empty())
        if (auto d = step("responded_on", "of the response", row.responded_on, "the response"))
            met_events(type, calendar, k, events, first.targets.back().key, *d, std::nullopt,
                       {today, 24 * 60 - 1});

    const Stage* reached = &first;
    if (!row.stage.empty()) {
        reached = stage_named(rules, row.stage);
        if (!reached)
            checks.fail("stage", fmt::format("A {} has no stage \"{}\"; its stages are {}",
                                             type.name, shown_safely(shortened(row.stage, 60)),
                                             stages_in_words(rules)));
    } else if (row.escalated_on && rules.stages.size() > 1) {
        // An escalation with no stage named went to the next one.
        reached = &rules.stages[1];
    }
    if (reached == &first && row.escalated_on) {
        checks.fail("escalated_on",
                    rules.stages.size() > 1
                        ? fmt::format("The case is at {}, its first stage: give the stage it was "
                                      "escalated to ({}), or leave escalated_on blank",
                                      first.name, rules.stages[1].key)
                        : fmt::format("A {} has one stage, so it is never escalated; leave "
                                      "escalated_on blank",
                                      type.name));
    } else if (reached && reached != &first) {
        if (reached != &rules.stages[1]) {
            checks.fail("stage",
                        fmt::format("A case is imported at its first or second stage; import it "
                                    "at {} and escalate it to {} through the API",
                                    rules.stages[1].key, reached->key));
        } else {
            const auto d =
                step("escalated_on", fmt::format("it was escalated to {}", reached->name),
                     row.escalated_on, "the escalation");
            if (type.later_stage_by_another_officer)
                check_another_officer(c, checks, "officer", k.officer_person_id, {}, first.name,
                                      reached->name);
            if (d) {
                k.stage_key = reached->key;
                CaseEvent e = event_of(k, "escalated", *d);
                e.officer_person_id = k.officer_person_id;
                events.push_back(std::move(e));
            }
        }
    }

    if (row.closed_on) {
        const auto d = step("closed_on", "it was closed", row.closed_on, "the closure");
        ClosureInput closure;
        closure.outcome = row.outcome;
        closure.resolved_on = row.resolved_on;
        const auto outcome = check_closure(checks, type, k, closure);
        if (d && outcome) events.push_back(close_case(k, *d, *outcome, closure));
    } else {
        if (!row.outcome.empty())
            checks.fail("outcome",
                        "An outcome is given but no closed_on: give the date the case was closed, "
                        "or leave outcome blank");
        if (row.resolved_on)
            checks.fail("resolved_on",
                        "A case is put right after it is closed: give closed_on and outcome too, "
                        "or leave resolved_on blank");
    }
    return events;
}

// A case of the file, checked, waiting to be written.
struct Drafted {
    std::size_t line = 0;
    Case k;  // numbered when the reference is in Civic's form
    std::vector<CaseEvent> events;
};

// The year and number of a reference in Civic's form ("FOI-2024-0113": code, year, number),
// with its code; nullopt for any other reference ("C/2024/55").
struct CivicForm {
    std::string code;
    std::int64_t year = 0;
    std::int64_t number = 0;
};
std::optional<CivicForm> civic_form(std::string_view reference) {
    const auto dash1 = reference.find('-');
    const auto dash2 = dash1 == reference.npos ? reference.npos : reference.find('-', dash1 + 1);
    if (dash2 == reference.npos) return std::nullopt;
    const std::string_view code = reference.substr(0, dash1);
    const std::string_view year = reference.substr(dash1 + 1, dash2 - dash1 - 1);
    const std::string_view number = reference.substr(dash2 + 1);
    const auto digits = [](std::string_view s, std::size_t max) {
        return !s.empty() && s.size() <= max &&
               std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    };
    if (code.empty() || !std::all_of(code.begin(), code.end(), [](char ch) {
            return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        }))
        return std::nullopt;
    if (year.size() != 4 || !digits(year, 4) || !digits(number, 9)) return std::nullopt;
    return CivicForm{std::string(code), std::stoll(std::string(year)),
                     std::stoll(std::string(number))};
}

// The references of a file: each unique in Civic and in the file; one in Civic's form for its
// row's type keeps that year and number, so that Civic numbers on after it.
class References {
public:
    void check(Connection& c, Checks& checks, const std::string& reference, const CaseType& type,
               std::size_t line, Case& k) {
        checks.text("reference", "The reference", reference, Required::No, 50);
        if (reference.empty() || checks.failed("reference")) return;
        if (!m_seen.emplace(import_key(reference), line).second) {
            checks.fail("reference", fmt::format("The reference {} is used on line {} too",
                                                 reference, m_seen[import_key(reference)]));
            return;
        }
        if (repo::case_by_reference(c, reference)) {
            checks.fail(
                "reference",
                fmt::format("The reference {} is taken by a case already in Civic", reference));
            return;
        }
        const auto form = civic_form(reference);
        if (!form) return;
        if (!equal_ignoring_case(form->code, type.code)) {
            if (const auto other = repo::case_type_by_code(c, form->code))
                checks.fail("reference",
                            fmt::format("{} is written as a reference of a {}; this line's case "
                                        "is a {}, whose references start {}-",
                                        reference, other->name, type.name, type.code));
            return;
        }
        const auto key = std::tuple(type.id, form->year, form->number);
        if (const auto taken = repo::case_by_number(c, type.id, form->year, form->number)) {
            checks.fail("reference", fmt::format("{} has the number of {}, a case already in Civic",
                                                 reference, taken->reference));
            return;
        }
        if (const auto it = m_numbers.find(key); it != m_numbers.end()) {
            checks.fail("reference", fmt::format("{} has the number of the reference on line {}",
                                                 reference, it->second));
            return;
        }
        m_numbers.emplace(key, line);
        auto& highest = m_highest[{type.id, form->year}];
        highest = std::max(highest, form->number);
        k.year = form->year;
        k.number = form->number;
    }

    // The number of a case whose reference is not in Civic's form: the next of its type and
    // year, after those stored and those the file gives.
    std::int64_t next_number(Connection& c, const Case& k) {
        return std::max(repo::next_case_number(c, k.case_type_id, k.year),
                        m_highest[{k.case_type_id, k.year}] + 1);
    }

private:
    std::map<std::string, std::size_t> m_seen;  // import_key(reference) → line
    std::map<std::tuple<std::string, std::int64_t, std::int64_t>, std::size_t> m_numbers;
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> m_highest;
};

}  // namespace

Result<ImportSummary> CasesService::import_cases(const Context& ctx, std::string_view csv) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        ImportProblems problems;
        const auto rows = import_rows(csv, problems);
        // The cells already refused, by line, so that the checks below do not blame them again.
        std::map<std::size_t, std::set<std::string>> refused;
        for (const auto& p : problems.listed()) refused[p.line].insert(p.column);

        const org::NameIndex names(c, ctx.principal);
        const Date today = kit::today(ctx);
        std::map<std::string, WorkingCalendar> calendars;  // by case type id
        References references;
        std::vector<Drafted> drafted;
        for (const auto& row : rows) {
            LineProblems line(problems, row.line, refused[row.line]);
            auto d = draft_case(c, ctx, input_of(row, line, names));
            line.add(d.errors);
            if (!d.type || d.k.received_on.empty()) continue;
            Checks checks;
            references.check(c, checks, row.reference, *d.type, row.line, d.k);
            auto calendar = calendars.find(d.type->id);
            if (calendar == calendars.end())
                calendar = calendars.emplace(d.type->id, calendar_of(c, *d.type)).first;
            auto events = history(c, checks, row, *d.type, calendar->second, d.k, today);
            line.add(checks.errors());
            d.k.reference = row.reference;
            drafted.push_back({row.line, std::move(d.k), std::move(events)});
        }
        if (problems.any()) return std::unexpected(problems.error());

        ImportSummary out;
        for (auto& d : drafted) {
            if (d.k.number == 0) d.k.number = references.next_number(c, d.k);
            if (d.k.reference.empty()) {
                const auto type = repo::find_case_type(c, d.k.case_type_id);
                d.k.reference = case_reference(*type, d.k.year, d.k.number);
            }
            const Case k = insert_record(c, ctx, k_case, repo::cases(), std::move(d.k), "import");
            for (auto& e : d.events) {
                e.case_id = k.id;
                add_event(c, ctx, std::move(e));
            }
            out.cases.push_back({d.line, k.id, k.reference});
        }
        return out;
    });
}

}  // namespace civic::cases
