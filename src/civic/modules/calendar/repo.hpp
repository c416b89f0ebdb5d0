// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of the council's calendar days.

#include <optional>
#include <string>
#include <vector>

#include "civic/modules/calendar/model.hpp"
#include "civic/store/database.hpp"

namespace civic::calendar::repo {

std::vector<CouncilDay> list_days(store::Connection& c, bool include_archived);
std::optional<CouncilDay> find_day(store::Connection& c, const std::string& id);
// The live change on a date, if any.
std::optional<CouncilDay> find_live_on(store::Connection& c, const std::string& day);
void insert_day(store::Connection& c, const CouncilDay& d);
bool update_day(store::Connection& c, const CouncilDay& d, std::int64_t expected_version);

}  // namespace civic::calendar::repo
