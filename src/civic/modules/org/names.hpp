// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// People and units as a spreadsheet names them, for an import: an index read once (the live
// people the caller may see, the live units), never a query a line. A name matches whatever
// its capitals; a name that matches none, or more than one, is refused with why.

#include <expected>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/store/database.hpp"

namespace civic::org {

class NameIndex {
public:
    NameIndex(store::Connection& c, const Principal& who);

    // The id of the one person, unit or councillor called name, or a message saying why not.
    std::expected<std::string, std::string> person(std::string_view name) const;
    std::expected<std::string, std::string> unit(std::string_view name) const;
    std::expected<std::string, std::string> councillor(std::string_view name) const;

private:
    using Index = std::unordered_map<std::string, std::vector<std::string>>;
    static std::expected<std::string, std::string> one(const Index& index, std::string_view name,
                                                       std::string_view what, std::string_view many,
                                                       std::string_view pronoun);
    Index m_people, m_units, m_councillors;
};

}  // namespace civic::org
