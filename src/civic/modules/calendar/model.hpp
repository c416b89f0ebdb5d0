// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A council's own working-calendar days, on top of the bank holidays of England and Wales.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace civic::calendar {

// "add": a day the council does not work (a closure day, a one-off holiday);
// "remove": a built-in bank holiday the council works.
inline constexpr std::string_view k_changes[] = {"add", "remove"};

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
