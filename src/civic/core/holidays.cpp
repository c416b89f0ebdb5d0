// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/holidays.hpp"

#include <algorithm>
#include <string_view>

namespace civic {
using namespace std::chrono;

namespace {

// Floor division, so the computus still gives a Sunday in March or April for years before
// year 0 (C++ division truncates towards zero).
constexpr int floor_div(int a, int b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
constexpr int floor_mod(int a, int b) { return a - floor_div(a, b) * b; }

// The regular holidays on movable dates, so a proclamation can name the one it moves.
enum class Rule { GoodFriday, EasterMonday, EarlyMay, Spring, Summer };

// GOV.UK writes the apostrophe as U+2019 in its published list and feed; Civic keeps that
// spelling so its names match what councils import and link to.
constexpr std::string_view k_new_years_day = "New Year\u2019s Day";
constexpr std::string_view k_substitute_suffix = " (substitute day)";

struct Move {
    int year;
    Rule rule;
    unsigned month, day;
    std::string_view name;  // empty: the holiday keeps its usual name
};

// Regular holidays moved by royal proclamation.
constexpr Move k_moves[] = {
    {1995, Rule::EarlyMay, 5, 8, "Early May bank holiday (VE day)"},  // 50th anniversary of VE Day
    {2002, Rule::Spring, 6, 3, {}},                                   // Golden Jubilee weekend
    {2012, Rule::Spring, 6, 4, {}},                                   // Diamond Jubilee weekend
    {2020, Rule::EarlyMay, 5, 8, "Early May bank holiday (VE day)"},  // 75th anniversary of VE Day
    {2022, Rule::Spring, 6, 2, {}},                                   // Platinum Jubilee weekend
};

struct Extra {
    int year;
    unsigned month, day;
    std::string_view name;
};

// Additional bank holidays granted once, by proclamation.
constexpr Extra k_extras[] = {
    {1981, 7, 29, "Royal wedding"},
    {1999, 12, 31, "Millennium bank holiday"},
    {2002, 6, 4, "Queen\u2019s Golden Jubilee"},
    {2011, 4, 29, "Royal wedding"},
    {2012, 6, 5, "Queen\u2019s Diamond Jubilee"},
    {2022, 6, 3, "Platinum Jubilee bank holiday"},
    {2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {2023, 5, 8, "Bank holiday for the coronation of King Charles III"},
};

bool is_weekend(const Date& d) {
    const weekday w = weekday_of(d);
    return w == Saturday || w == Sunday;
}

Date first_monday(int y, unsigned m) {
    return Date{sys_days{year_month_weekday{year{y}, month{m}, Monday[1]}}};
}

Date last_monday(int y, unsigned m) {
    return Date{sys_days{year_month_weekday_last{year{y}, month{m}, weekday_last{Monday}}}};
}

// The regular holiday `rule` of year y, moved if a proclamation moved it that year.
Holiday regular(int y, Rule rule, Date usual, std::string_view usual_name) {
    for (const Move& m : k_moves) {
        if (m.year == y && m.rule == rule) {
            return {make_date(y, m.month, m.day),
                    std::string(m.name.empty() ? usual_name : m.name)};
        }
    }
    return {usual, std::string(usual_name)};
}

}  // namespace

Date easter_sunday(int y) {
    const int a = floor_mod(y, 19);
    const int b = floor_div(y, 100);
    const int c = floor_mod(y, 100);
    const int d = floor_div(b, 4);
    const int e = floor_mod(b, 4);
    const int f = floor_div(b + 8, 25);
    const int g = floor_div(b - f + 1, 3);
    const int h = floor_mod(19 * a + b - d - g + 15, 30);
    const int i = floor_div(c, 4);
    const int k = floor_mod(c, 4);
    const int l = floor_mod(32 + 2 * e + 2 * i - h - k, 7);
    const int m = floor_div(a + 11 * h + 22 * l, 451);
    const int n = h + l - 7 * m + 114;
    return make_date(y, static_cast<unsigned>(n / 31), static_cast<unsigned>(n % 31 + 1));
}

std::vector<Holiday> england_and_wales_bank_holidays(int y) {
    const Date easter = easter_sunday(y);
    std::vector<Holiday> out = {
        regular(y, Rule::GoodFriday, add_days(easter, -2), "Good Friday"),
        regular(y, Rule::EasterMonday, add_days(easter, 1), "Easter Monday"),
        regular(y, Rule::EarlyMay, first_monday(y, 5), "Early May bank holiday"),
        regular(y, Rule::Spring, last_monday(y, 5), "Spring bank holiday"),
        regular(y, Rule::Summer, last_monday(y, 8), "Summer bank holiday"),
    };
    for (const Extra& e : k_extras) {
        if (e.year == y) out.push_back({make_date(y, e.month, e.day), std::string(e.name)});
    }

    // The fixed-date holidays: those on a weekday keep their day first, then each one at a
    // weekend, in date order, takes the next weekday still free. That one rule gives every
    // case the Banking and Financial Dealings Act 1971 and the annual proclamations give:
    // Christmas on a Saturday → Monday 27 and Boxing Day Tuesday 28; Christmas on a Sunday →
    // Boxing Day Monday 26 and Christmas Tuesday 27; Boxing Day on a Saturday → Monday 28.
    const Holiday fixed[] = {
        {make_date(y, 1, 1), std::string(k_new_years_day)},
        {make_date(y, 12, 25), "Christmas Day"},
        {make_date(y, 12, 26), "Boxing Day"},
    };
    for (const Holiday& h : fixed) {
        if (!is_weekend(h.date)) out.push_back(h);
    }
    const auto taken = [&out](const Date& d) {
        return std::any_of(out.begin(), out.end(), [&d](const Holiday& h) { return h.date == d; });
    };
    for (const Holiday& h : fixed) {
        if (!is_weekend(h.date)) continue;
        Date substitute = add_days(h.date, 1);
        while (is_weekend(substitute) || taken(substitute)) substitute = add_days(substitute, 1);
        out.push_back({substitute, h.name + std::string(k_substitute_suffix)});
    }

    std::sort(out.begin(), out.end(),
              [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return out;
}

}  // namespace civic
