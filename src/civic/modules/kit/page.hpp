// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// One page of a list, and how a list whose rows the caller's scope filters one by one is
// paged: every module's lists answer {"items": […], "next_cursor": …}, with the id of the last
// row scanned as the cursor (ids are UUIDv7, so they sort by creation).

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace civic::kit {

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> next_cursor;
};

// Runs a list query that the caller's scope filters row by row: asks fetch for limit + 1
// rows, keeps the visible ones among the first `limit`, and sets the cursor from the rows
// scanned. So a page can hold fewer than `limit` items and still have a next one.
template <typename T, typename Fetch, typename Visible>
Page<T> filtered_page(int limit, Fetch&& fetch, Visible&& visible) {
    auto rows = fetch(limit + 1);
    Page<T> page;
    const bool more = static_cast<int>(rows.size()) > limit;
    if (more) {
        rows.resize(static_cast<std::size_t>(limit));
        if (!rows.empty()) page.next_cursor = rows.back().id;
    }
    for (auto& r : rows)
        if (visible(r)) page.items.push_back(std::move(r));
    return page;
}

}  // namespace civic::kit
