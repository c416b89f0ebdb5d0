// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The arithmetic of progress, with no database: an item's expected progress from its start
// and due dates, whether it is overdue or due soon, and a parent's status rolled up from its
// children by the plan's rule. Each answer carries the sentence that says how it was worked
// out, because an officer reading "behind" or "at risk" must be able to check it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/date.hpp"

namespace civic::plans {

// Expected progress: the share of its time an item has used, against how far it is.
struct Progress {
    // The dates the sums use: the item's own, or, without them, its latest measure's due
    // date and the start of the plan's period. nullopt when there is none.
    std::optional<std::string> start_date, due_date;
    // Where those dates came from when they are not the item's own: "Due by its latest
    // measure; started with the plan's period." Empty when they are the item's own.
    std::string dates_from;
    // 0–100: how far through its time the item is today; nullopt without both dates.
    std::optional<std::int64_t> expected_percent;
    // More than k_behind_margin points below what its time used says.
    bool behind = false;
    // Past its due date and not finished (complete, deferred or cancelled).
    bool overdue = false;
    // Due within k_due_soon_days and not finished.
    bool due_soon = false;
    // "40% of the time from 1 April 2025 to 31 March 2026 has passed and the item is 10%
    // complete: behind." Empty when there is nothing to say.
    std::string explanation;
};

// An item is behind when it is more than this many points below its expected progress.
inline constexpr std::int64_t k_behind_margin = 10;
// An unfinished item is due soon when its due date is today or within this many days.
inline constexpr int k_due_soon_days = 30;

// True for the statuses that end an item's work: complete, deferred, cancelled.
bool finished(std::string_view status);

// The start and due dates are those the sums use (see Progress::start_date); the caller
// fills dates_from.
Progress progress_of(const std::optional<std::string>& start_date,
                     const std::optional<std::string>& due_date, std::string_view status,
                     std::int64_t percent_complete, const Date& today);

// One child, as its parent's roll-up reads it.
struct Child {
    std::string status;
    std::int64_t weight = 1;
};

struct Rollup {
    // Empty when the item has no children to roll up (or none counts).
    std::string status;
    // "Worst of 5 sub-items: 1 off track, 2 at risk, 2 on track."
    std::string explanation;
};

// rule: "worst", "majority" or "weighted".
//   worst     the worst status among the children: off track, then at risk, then on track,
//             then complete.
//   majority  the status most children have (ties go to the worse).
//   weighted  each child scores complete 3, on track 2, at risk 1, off track 0, times its
//             weight; the weighted mean 2.5 and above is complete only when all are complete,
//             else on track from 1.5, at risk from 0.75, off track below.
// Children not started, deferred or cancelled are left out (and the explanation says so);
// when every child is not started, the roll-up is "not started". With no children, empty.
Rollup roll_up(std::string_view rule, const std::vector<Child>& children);

}  // namespace civic::plans
