// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of the cases module.

#include <optional>
#include <string>
#include <vector>

#include "civic/modules/cases/model.hpp"
#include "civic/modules/kit/table.hpp"
#include "civic/store/database.hpp"

namespace civic::cases::repo {

const kit::Table<CaseType>& case_types();
std::optional<CaseType> find_case_type(store::Connection& c, const std::string& id);
bool update_case_type(store::Connection& c, const CaseType& t, std::int64_t expected_version);
// Live types, by code; with archived ones too when asked.
std::vector<CaseType> list_case_types(store::Connection& c, bool include_archived);
// The live type with this code, whatever its case ("foi" finds FOI).
std::optional<CaseType> case_type_by_code(store::Connection& c, const std::string& code);
std::int64_t count_case_types(store::Connection& c);

}  // namespace civic::cases::repo
