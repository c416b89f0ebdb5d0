// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The rules of a case type: its stages and their targets in working days, checked, written to
// and read from the JSON a case type stores them as, and the case types Civic ships with, each
// following the rule councils work to (docs/cases-rules.md gives the source of every figure).

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/core/holidays.hpp"
#include "civic/modules/cases/clock.hpp"
#include "civic/modules/cases/model.hpp"

namespace civic::cases {

// What kind of case a type is: the kinds Civic knows the law of, and the council's own.
inline constexpr std::string_view k_case_kinds[] = {
    "member enquiry", "complaint", "ombudsman", "foi", "eir", "own"};

// Whose working days a type counts: the council's (England and Wales's bank holidays with the
// council's own days), or, for FOI and EIR requests, any part of the United Kingdom's
// (section 10(6) of the Freedom of Information Act 2000), without the council's closure days.
inline constexpr std::string_view k_calendars[] = {"council", "uk"};

// The most stages, and targets in a stage, a type may have; the longest target.
inline constexpr std::size_t k_max_stages = 6;
inline constexpr std::size_t k_max_targets = 6;
inline constexpr int k_max_working_days = 1000;
inline constexpr std::size_t k_max_priorities = 10;

// Whether the rules hold together: one stage at least; keys that are lower-case words and
// unique (stages in the type, targets in a stage, priorities); labels and names given; each
// target 1 to 1000 working days or working hours, not both; counts_from empty or naming an
// earlier target of its stage; extension limits 0 to 1000; targets by priority naming the
// type's priorities; office hours that open before they close. Errors name the field
// ("stages[1].targets[0].counts_from", "priorities[0].key", "office_hours.closes").
Result<void> check_rules(const ClockRules& rules);

boost::json::value rules_json(const ClockRules& rules);
// The rules as stored or sent; a shape that is not rules is a validation error naming the
// field, as is anything check_rules refuses, checked with the type's priorities and office
// hours.
Result<ClockRules> rules_from_json(const boost::json::value& v, std::string_view field = "stages",
                                   std::vector<Priority> priorities = {},
                                   OfficeHours office_hours = {});
// A type's priorities as stored or sent ([{"key": "p1", "name": "Priority 1: critical"}]);
// checked with the rules.
boost::json::value priorities_json(const std::vector<Priority>& priorities);
Result<std::vector<Priority>> priorities_from_json(const boost::json::value& v);

// A stored case type's rules: its stages with its priorities and office hours (none, for
// rules that do not read: the service checks them before it stores them).
ClockRules stored_rules(const CaseType& t);

// The calendar a type's clock counts on.
BankHolidays bank_holidays_of(std::string_view calendar);

struct CaseTypeDefault {
    std::string code;  // "FOI": the start of each case's reference, FOI-2025-0042
    std::string name;
    std::string kind;      // one of k_case_kinds
    std::string calendar;  // one of k_calendars
    std::string description;
    ClockRules rules;
    // Stage 2 of a complaint is handled by someone other than the officer of stage 1.
    bool later_stage_by_another_officer = false;
    // Years after closure when the requester's personal data is destroyed.
    int retention_years = 6;
};

// The case types a new council starts with: member enquiries, complaints under the
// Ombudsman's Complaint Handling Code, Ombudsman enquiries, FOI and EIR requests, letters,
// print and design jobs, and ICT incidents by priority in working hours.
std::vector<CaseTypeDefault> default_case_types();

}  // namespace civic::cases
