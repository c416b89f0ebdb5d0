// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/org/choices.hpp"

#include <algorithm>
#include <string>

#include "civic/modules/kit/pages.hpp"

namespace civic::org {

kit::Choices people_choices(OrgService& org, const Context& ctx, std::string_view kind) {
    kit::Choices people;
    ListQuery q;
    if (!kind.empty()) q.kind = std::string(kind);
    q.limit = 200;
    for (int read = 0; read < 50; ++read) {
        auto page = org.list_people(ctx, q);
        if (!page) break;
        for (const auto& p : page->items) people.emplace_back(p.person.id, p.person.name);
        if (!page->next_cursor) break;
        q.cursor = page->next_cursor;
    }
    std::sort(people.begin(), people.end(),
              [](const auto& a, const auto& b) { return kit::name_less(a.second, b.second); });
    return people;
}

}  // namespace civic::org
