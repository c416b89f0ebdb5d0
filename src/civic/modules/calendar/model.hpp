// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A council's own working-calendar days, on top of the bank holidays of England and Wales.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace civic::calendar {

// "add": a day the council does not work (a closure day);
// "remove": a built-in bank holiday the council works;
// "bank holiday": a one-off bank holiday proclaimed for the whole United Kingdom (a coronation,
// a state funeral), not yet in the built-in rules. The council does not work it, and FOI and
// EIR requests, which count the working days of any part of the UK, leave it out too.
inline constexpr std::string_view k_changes[] = {"add", "remove", "bank holiday"};

struct CouncilDay {
    std::string id;
    std::string day;  // YYYY-MM-DD
    std::string name;
    std::string change;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

boost::json::object to_json(const CouncilDay& d);

}  // namespace civic::calendar
