// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/date.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace civic {
using namespace std::chrono;

Date make_date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    auto parse = [](std::string_view part, auto& out) {
        auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc{} && p == part.data() + part.size();
    };
    if (!parse(text.substr(0, 4), y) || !parse(text.substr(5, 2), m) ||
        !parse(text.substr(8, 2), d))
        return std::nullopt;
    const Date date = make_date(y, m, d);
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<Date> parse_day_month_year(std::string_view t) {
    const auto slash1 = t.find('/');
    const auto slash2 = slash1 == t.npos ? t.npos : t.find('/', slash1 + 1);
    if (slash2 == t.npos) return std::nullopt;
    const auto part = [](std::string_view s, std::size_t min, std::size_t max, unsigned& out) {
        if (s.size() < min || s.size() > max) return false;
        if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        std::from_chars(s.data(), s.data() + s.size(), out);
        return true;
    };
    unsigned dd = 0, mm = 0, yyyy = 0;
    if (!part(t.substr(0, slash1), 1, 2, dd) ||
        !part(t.substr(slash1 + 1, slash2 - slash1 - 1), 1, 2, mm) ||
        !part(t.substr(slash2 + 1), 4, 4, yyyy))
        return std::nullopt;
    const Date d = make_date(static_cast<int>(yyyy), mm, dd);
    if (!d.ok()) return std::nullopt;
    return d;
}

std::string format_iso_date(const Date& d) {
    return fmt::format("{:04}-{:02}-{:02}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
}

std::string_view month_name(unsigned month) {
    static constexpr std::string_view k_months[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return k_months[(month - 1) % 12];
}

std::string_view weekday_name(weekday w) {
    static constexpr std::string_view k_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};
    return k_days[w.c_encoding()];
}

std::string format_day_month_year(const Date& d) {
    return fmt::format("{} {} {}", unsigned(d.day()), month_name(unsigned(d.month())),
                       int(d.year()));
}

std::string format_long_date(const Date& d) {
    return fmt::format("{} {}", weekday_name(weekday_of(d)), format_day_month_year(d));
}

Date add_days(const Date& d, int n) { return Date{sys_days{d} + days{n}}; }

int days_between(const Date& a, const Date& b) {
    return static_cast<int>((sys_days{b} - sys_days{a}).count());
}

weekday weekday_of(const Date& d) { return weekday{sys_days{d}}; }

Date end_of_month(const Date& d) {
    return Date{year_month_day_last{d.year(), month_day_last{d.month()}}};
}

}  // namespace civic
