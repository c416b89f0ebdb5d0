// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/names.hpp"

#include <fmt/format.h>

#include <climits>

#include "civic/core/csv.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::org {

NameIndex::NameIndex(store::Connection& c, const Principal& who) {
    repo::ListFilter all;
    all.limit = INT_MAX;
    for (const auto& p : repo::list_people(c, all)) {
        if (!may_see(who, p)) continue;
        m_people[import_key(p.name)].push_back(p.id);
        if (p.kind == "councillor") m_councillors[import_key(p.name)].push_back(p.id);
    }
    for (auto& u : repo::live_unit_names(c)) m_units[import_key(u.name)].push_back(std::move(u.id));
}

std::expected<std::string, std::string> NameIndex::person(std::string_view name) const {
    return one(m_people, name, "person", "people", "them");
}

std::expected<std::string, std::string> NameIndex::unit(std::string_view name) const {
    return one(m_units, name, "unit", "units", "it");
}

std::expected<std::string, std::string> NameIndex::councillor(std::string_view name) const {
    return one(m_councillors, name, "councillor", "councillors", "them");
}

std::expected<std::string, std::string> NameIndex::one(const Index& index, std::string_view name,
                                                       std::string_view what, std::string_view many,
                                                       std::string_view pronoun) {
    const auto it = index.find(import_key(name));
    if (it == index.end() || it->second.empty())
        return std::unexpected(fmt::format(
            "There is no {} called \"{}\" in the organisation register; check the spelling, "
            "or add {} first",
            what, shown_safely(trim(name)), pronoun));
    if (it->second.size() > 1)
        return std::unexpected(
            fmt::format("More than one {} is called \"{}\"; give the {} distinct names first", what,
                        shown_safely(trim(name)), many));
    return it->second.front();
}

}  // namespace civic::org
