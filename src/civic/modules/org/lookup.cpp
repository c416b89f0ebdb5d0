// SPDX-License-Identifier: AGPL-3.0-or-later
// Finding a unit the way a person names it: by its id, or by its exact name.

#include <fmt/format.h>

#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::org {
using store::Connection;

Result<Unit> OrgService::find_unit_by_id_or_name(const Context&, std::string_view id_or_name) {
    const std::string text(trim(id_or_name));
    if (const auto fault = text_fault(text, Lines::One); fault != TextFault::None)
        return std::unexpected(
            Error::validation("unit", fmt::format("The unit {}", describe(fault))));
    if (text.empty())
        return std::unexpected(Error::validation("unit", "Give the unit's exact name or its id"));
    // The tree of units is published: anyone may look a unit up.
    return m_db.read([&](Connection& c) -> Result<Unit> {
        if (is_id(text)) {
            if (auto unit = repo::find_unit(c, text)) return *unit;
            return std::unexpected(Error::validation("unit", "There is no unit with this id"));
        }
        const auto units = repo::find_units_by_name(c, text);
        if (units.size() == 1) return units.front();
        if (units.empty())
            return std::unexpected(Error::validation(
                "unit", fmt::format("There is no unit called \"{}\"; give its exact name (capital "
                                    "letters do not matter) or its id",
                                    text)));
        std::string which;
        for (const auto& u : units) {
            const auto parent = u.parent_id ? repo::find_unit(c, *u.parent_id) : std::nullopt;
            which += fmt::format(
                "{}{} ({}, {})", which.empty() ? "" : ", ", u.id, u.kind,
                parent ? "under " + shown_safely(parent->name) : std::string("at the top"));
        }
        return std::unexpected(Error::validation(
            "unit", fmt::format("{} units are called \"{}\"; give the id of the one you mean: {}",
                                units.size(), text, which)));
    });
}

}  // namespace civic::org
