// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What the statistics, the indicator feeds and the annual report share: the cases they count,
// read with their events and clocks. Internal to the cases module.

#include <optional>
#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/date.hpp"
#include "civic/modules/cases/model.hpp"
#include "civic/modules/cases/stats.hpp"
#include "civic/store/database.hpp"

namespace civic::cases::detail {

// The live cases of `types` in the unit subtree at `unit_path` (every unit's when nullopt),
// received on or before `received_to` (any day when nullopt), that `reader` may read (every
// one when nullptr: a feed counts the same whoever runs it).
std::vector<Case> cases_counted(store::Connection& c, const std::vector<CaseType>& types,
                                const std::optional<std::string>& unit_path,
                                const std::optional<Date>& received_to, const Principal* reader);

// Their facts: each case's clock as it stands on `today`, counted on its type's calendar.
std::vector<CaseFacts> facts_of_cases(store::Connection& c, const std::vector<CaseType>& types,
                                      const std::vector<Case>& cases, Date today);

// The type named by an id or a code (any case); archived ones too when asked.
std::optional<CaseType> type_named(store::Connection& c, const std::string& id_or_code,
                                   bool include_archived);

}  // namespace civic::cases::detail
