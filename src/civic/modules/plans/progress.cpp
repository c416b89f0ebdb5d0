// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/plans/progress.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>

namespace civic::plans {

namespace {

// The statuses a roll-up counts, best first.
constexpr std::array<std::string_view, 4> k_counted = {"complete", "on track", "at risk",
                                                       "off track"};

int severity(std::string_view status) {
    for (std::size_t i = 0; i < k_counted.size(); ++i)
        if (k_counted[i] == status) return static_cast<int>(i);
    return -1;
}

// "1 off track, 2 at risk, 2 on track": worst first, as an officer scans it.
std::string tally(const std::map<int, std::int64_t>& counts) {
    std::vector<std::string> parts;
    for (auto it = counts.rbegin(); it != counts.rend(); ++it)
        parts.push_back(
            fmt::format("{} {}", it->second, k_counted[static_cast<std::size_t>(it->first)]));
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::string sub_items(std::size_t n) {
    return n == 1 ? "1 sub-item" : fmt::format("{} sub-items", n);
}

}  // namespace

bool finished(std::string_view status) {
    return status == "complete" || status == "deferred" || status == "cancelled";
}

Progress progress_of(const std::optional<std::string>& start_date,
                     const std::optional<std::string>& due_date, std::string_view status,
                     std::int64_t percent_complete, const Date& today) {
    Progress p;
    p.start_date = start_date;
    p.due_date = due_date;
    const auto start = start_date ? parse_iso_date(*start_date) : std::nullopt;
    const auto due = due_date ? parse_iso_date(*due_date) : std::nullopt;
    const bool done = finished(status);
    if (due && !done) {
        const int left = days_between(today, *due);
        p.overdue = left < 0;
        p.due_soon = left >= 0 && left <= k_due_soon_days;
    }
    if (!start || !due || days_between(*start, *due) < 0) {
        if (p.overdue)
            p.explanation = fmt::format("It was due on {} and is not finished: overdue.",
                                        format_day_month_year(*due));
        return p;
    }
    const int span = days_between(*start, *due) + 1;
    const int used = std::clamp(days_between(*start, today) + 1, 0, span);
    const std::int64_t expected = static_cast<std::int64_t>(used) * 100 / span;
    p.expected_percent = expected;
    p.behind = !done && percent_complete + k_behind_margin < expected;
    const std::string window =
        fmt::format("from {} to {}", format_day_month_year(*start), format_day_month_year(*due));
    if (done) {
        p.explanation =
            fmt::format("{}% of its time {} has passed; the item is {}.", expected, window, status);
    } else if (p.behind) {
        p.explanation = fmt::format(
            "{}% of its time {} has passed and it is {}% complete: behind by {} points (more "
            "than {} points behind counts as behind).",
            expected, window, percent_complete, expected - percent_complete, k_behind_margin);
    } else {
        p.explanation = fmt::format("{}% of its time {} has passed and it is {}% complete.",
                                    expected, window, percent_complete);
    }
    if (p.overdue) p.explanation += " It is past its due date and not finished: overdue.";
    return p;
}

Rollup roll_up(std::string_view rule, const std::vector<Child>& children) {
    Rollup out;
    if (children.empty()) return out;
    std::map<int, std::int64_t> counts;  // severity -> how many
    std::map<std::string, std::int64_t> left_out;
    std::vector<const Child*> counted;
    for (const auto& c : children) {
        if (severity(c.status) < 0) {
            ++left_out[c.status];
            continue;
        }
        ++counts[severity(c.status)];
        counted.push_back(&c);
    }
    std::string left;
    if (!left_out.empty()) {
        std::vector<std::string> parts;
        for (const auto& [status, n] : left_out) parts.push_back(fmt::format("{} {}", n, status));
        left = fmt::format(" Left out: {}.", fmt::format("{}", fmt::join(parts, ", ")));
    }
    if (counted.empty()) {
        if (left_out.size() == 1 && left_out.begin()->first == "not started") {
            out.status = "not started";
            out.explanation =
                fmt::format("None of its {} has started.", sub_items(children.size()));
        }
        return out;
    }
    if (rule == "majority") {
        int best = -1;
        std::int64_t most = 0;
        for (const auto& [sev, n] : counts)
            if (n >= most) {  // ties go to the worse: later in the map
                most = n;
                best = sev;
            }
        out.status = std::string(k_counted[static_cast<std::size_t>(best)]);
        out.explanation = fmt::format("Most of {} are {} ({}): {}.{}", sub_items(counted.size()),
                                      out.status, most, tally(counts), left);
    } else if (rule == "weighted") {
        std::int64_t total = 0, score = 0;
        for (const Child* c : counted) {
            const std::int64_t w = std::max<std::int64_t>(c->weight, 0);
            total += w;
            score += w * (3 - severity(c->status));
        }
        const double mean = total > 0 ? static_cast<double>(score) / static_cast<double>(total) : 0;
        const bool all_complete = counts.size() == 1 && counts.begin()->first == 0;
        out.status = all_complete   ? "complete"
                     : mean >= 1.5  ? "on track"
                     : mean >= 0.75 ? "at risk"
                                    : "off track";
        out.explanation = fmt::format(
            "Weighted score {:.2f} of 3 from {} (complete 3, on track 2, at risk 1, off track 0, "
            "each times its weight): {}. On track from 1.5, at risk from 0.75.{}",
            mean, sub_items(counted.size()), tally(counts), left);
    } else {
        const int worst = counts.rbegin()->first;
        out.status = std::string(k_counted[static_cast<std::size_t>(worst)]);
        out.explanation =
            fmt::format("Worst of {}: {}.{}", sub_items(counted.size()), tally(counts), left);
    }
    return out;
}

}  // namespace civic::plans
