// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The records of the cases module as stored, and as the API shows them.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace civic::cases {

// A kind of request the council handles, with its stages and targets (rules.hpp).
struct CaseType {
    std::string id;
    std::string code;  // "FOI"
    std::string name;
    std::string kind;      // k_case_kinds
    std::string calendar;  // k_calendars
    std::string description;
    std::string stages_json;  // rules_json() of its ClockRules
    bool later_stage_by_another_officer = false;
    std::int64_t retention_years = 6;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
    std::string unit_path;  // case types are council-wide: always ""
};

boost::json::object to_json(const CaseType& t);

}  // namespace civic::cases
