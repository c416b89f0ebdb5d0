// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/holidays.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace civic {
using namespace std::chrono;

namespace {

// Floor division, so the computus still gives a Sunday in March or April for years before
// year 0 (C++ division truncates towards zero).
constexpr int floor_div(int a, int b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
constexpr int floor_mod(int a, int b) { return a - floor_div(a, b) * b; }

// The three lists of the Banking and Financial Dealings Act 1971, as bits, so a one-off
// change can say where it applied.
constexpr unsigned k_england_and_wales = 1;
constexpr unsigned k_scotland = 2;
constexpr unsigned k_northern_ireland = 4;
constexpr unsigned k_everywhere = k_england_and_wales | k_scotland | k_northern_ireland;

// The regular holidays on movable dates, so a proclamation can name the one it moves.
enum class Rule { GoodFriday, EasterMonday, EarlyMay, Spring, Summer };

// GOV.UK writes the apostrophe as U+2019 in its published list and feed; Civic keeps that
// spelling so its names match what councils import and link to.
constexpr std::string_view k_new_years_day = "New Year\u2019s Day";
constexpr std::string_view k_second_january = "2nd January";
constexpr std::string_view k_st_andrews_day = "St Andrew\u2019s Day";
constexpr std::string_view k_st_patricks_day = "St Patrick\u2019s Day";
constexpr std::string_view k_battle_of_the_boyne = "Battle of the Boyne (Orangemen\u2019s Day)";
constexpr std::string_view k_substitute_suffix = " (substitute day)";

struct Move {
    int year;
    Rule rule;
    unsigned month, day;
    std::string_view name;  // empty: the holiday keeps its usual name
    unsigned where;
};

// Regular holidays moved by royal proclamation. GOV.UK's lists, which start in 2012, show
// that the moves of 2012, 2020 and 2022 applied in all three. FIXME: that those of 1995 and
// 2002 did too is assumed, unconfirmed: no proclamation text or list for Scotland or
// Northern Ireland in those years was found to check against.
constexpr Move k_moves[] = {
    {1995, Rule::EarlyMay, 5, 8, "Early May bank holiday (VE day)",
     k_everywhere},                                // 50th anniversary of VE Day
    {2002, Rule::Spring, 6, 3, {}, k_everywhere},  // Golden Jubilee weekend
    {2012, Rule::Spring, 6, 4, {}, k_everywhere},  // Diamond Jubilee weekend
    {2020, Rule::EarlyMay, 5, 8, "Early May bank holiday (VE day)",
     k_everywhere},                                // 75th anniversary of VE Day
    {2022, Rule::Spring, 6, 2, {}, k_everywhere},  // Platinum Jubilee weekend
};

struct Extra {
    int year;
    unsigned month, day;
    std::string_view name;
    unsigned where;
};

// Additional bank holidays granted once, by proclamation. Those from 2012 are as GOV.UK
// lists them for each nation. The royal wedding of 2011 was granted for England, Wales and
// Northern Ireland and then, by the Scottish Government's decision of November 2010, for
// Scotland. FIXME: that the royal wedding of 1981, the millennium and the Golden Jubilee
// applied in all three is assumed, unconfirmed, as for the moves above. The World Cup bank
// holiday was proclaimed for Scotland alone in February 2026, to mark the men's team's
// first World Cup finals since 1998.
constexpr Extra k_extras[] = {
    {1981, 7, 29, "Royal wedding", k_everywhere},
    {1999, 12, 31, "Millennium bank holiday", k_everywhere},
    {2002, 6, 4, "Queen\u2019s Golden Jubilee", k_everywhere},
    {2011, 4, 29, "Royal wedding", k_everywhere},
    {2012, 6, 5, "Queen\u2019s Diamond Jubilee", k_everywhere},
    {2022, 6, 3, "Platinum Jubilee bank holiday", k_everywhere},
    {2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II", k_everywhere},
    {2023, 5, 8, "Bank holiday for the coronation of King Charles III", k_everywhere},
    {2026, 6, 15, "World Cup bank holiday", k_scotland},
};

// A holiday on a fixed date. One that gives way keeps its day only if no earlier holiday's
// substitute wants it, and otherwise takes a substitute day itself.
struct Fixed {
    Date date;
    std::string_view name;
    bool gives_way = false;
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

// The regular holiday `rule` of year y where `here` is, moved if a proclamation moved it
// there that year.
Holiday regular(int y, unsigned here, Rule rule, Date usual, std::string_view usual_name) {
    for (const Move& m : k_moves) {
        if (m.year == y && m.rule == rule && (m.where & here) != 0) {
            return {make_date(y, m.month, m.day),
                    std::string(m.name.empty() ? usual_name : m.name)};
        }
    }
    return {usual, std::string(usual_name)};
}

unsigned bit_of(BankHolidays division) {
    switch (division) {
        case BankHolidays::EnglandAndWales:
            return k_england_and_wales;
        case BankHolidays::Scotland:
            return k_scotland;
        case BankHolidays::NorthernIreland:
            return k_northern_ireland;
        case BankHolidays::AnyPartOfUk:
            break;
    }
    return k_everywhere;
}

// The bank holidays of one of the three lists. Before 2012 the proclamations for Scotland
// and Northern Ireland did not always follow the rules applied here: none gave 2nd January a
// substitute in Scotland for 2010 or 2011, so 4 January was not a bank holiday there in
// those years (https://dracos.co.uk/wrote/bad-bank-holidays, from the Scottish Government).
std::vector<Holiday> division_bank_holidays(BankHolidays division, int y) {
    const unsigned here = bit_of(division);
    const bool scotland = here == k_scotland;
    const bool northern_ireland = here == k_northern_ireland;

    const Date easter = easter_sunday(y);
    std::vector<Holiday> out;
    out.push_back(regular(y, here, Rule::GoodFriday, add_days(easter, -2), "Good Friday"));
    // Easter Monday is not a bank holiday in Scotland (Schedule 1, paragraph 2).
    if (!scotland) {
        out.push_back(regular(y, here, Rule::EasterMonday, add_days(easter, 1), "Easter Monday"));
    }
    out.push_back(regular(y, here, Rule::EarlyMay, first_monday(y, 5), "Early May bank holiday"));
    out.push_back(regular(y, here, Rule::Spring, last_monday(y, 5), "Spring bank holiday"));
    // Scotland's summer bank holiday is the first Monday in August (Schedule 1, paragraph 2);
    // elsewhere it is the last.
    out.push_back(regular(y, here, Rule::Summer, scotland ? first_monday(y, 8) : last_monday(y, 8),
                          "Summer bank holiday"));
    for (const Extra& e : k_extras) {
        if (e.year == y && (e.where & here) != 0) {
            out.push_back({make_date(y, e.month, e.day), std::string(e.name)});
        }
    }

    std::vector<Fixed> fixed = {{make_date(y, 1, 1), k_new_years_day}};
    if (scotland) {
        // When New Year's Day is a Sunday, GOV.UK listed Monday 2 January as 2nd January and
        // Tuesday 3 as New Year's Day's substitute in 2012 and 2017 (as the 1971 Act reads),
        // but since 2023 lists Monday as New Year's Day's substitute and Tuesday as 2nd
        // January's. The days off are the same; the names follow GOV.UK's current practice.
        const bool after_new_years_day = y >= 2023 && weekday_of(make_date(y, 1, 1)) == Sunday;
        fixed.push_back({make_date(y, 1, 2), k_second_january, after_new_years_day});
    }
    if (northern_ireland) {
        fixed.push_back({make_date(y, 3, 17), k_st_patricks_day});
        fixed.push_back({make_date(y, 7, 12), k_battle_of_the_boyne});
    }
    // The St Andrew's Day Bank Holiday (Scotland) Act 2007 added 30 November, or the Monday
    // after it when it falls at a weekend, from 2007.
    if (scotland && y >= 2007) fixed.push_back({make_date(y, 11, 30), k_st_andrews_day});
    fixed.push_back({make_date(y, 12, 25), "Christmas Day"});
    fixed.push_back({make_date(y, 12, 26), "Boxing Day"});

    // The fixed-date holidays: those on a weekday keep their day first, then each one at a
    // weekend (or giving way), in date order, takes the next weekday still free. That one
    // rule gives every case the Banking and Financial Dealings Act 1971 and the annual
    // proclamations give:
    // Christmas on a Saturday → Monday 27 and Boxing Day Tuesday 28; Christmas on a Sunday →
    // Boxing Day Monday 26 and Christmas Tuesday 27; Boxing Day on a Saturday → Monday 28;
    // St Patrick's Day, the Boyne or St Andrew's Day at a weekend → the Monday after.
    const auto needs_substitute = [](const Fixed& f) { return f.gives_way || is_weekend(f.date); };
    for (const Fixed& f : fixed) {
        if (!needs_substitute(f)) out.push_back({f.date, std::string(f.name)});
    }
    const auto taken = [&out](const Date& d) {
        return std::any_of(out.begin(), out.end(), [&d](const Holiday& h) { return h.date == d; });
    };
    for (const Fixed& f : fixed) {
        if (!needs_substitute(f)) continue;
        Date substitute = add_days(f.date, 1);
        while (is_weekend(substitute) || taken(substitute)) substitute = add_days(substitute, 1);
        out.push_back({substitute, std::string(f.name) + std::string(k_substitute_suffix)});
    }

    std::sort(out.begin(), out.end(),
              [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
    return out;
}

// "England, Wales and Northern Ireland": the places a set of the three lists covers.
std::string_view places(unsigned where) {
    switch (where) {
        case k_england_and_wales:
            return "England and Wales";
        case k_scotland:
            return "Scotland";
        case k_northern_ireland:
            return "Northern Ireland";
        case k_england_and_wales | k_scotland:
            return "England, Wales and Scotland";
        case k_england_and_wales | k_northern_ireland:
            return "England, Wales and Northern Ireland";
        case k_scotland | k_northern_ireland:
            return "Scotland and Northern Ireland";
        default:
            return "the United Kingdom";
    }
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
    return division_bank_holidays(BankHolidays::EnglandAndWales, y);
}

std::vector<Holiday> scotland_bank_holidays(int y) {
    return division_bank_holidays(BankHolidays::Scotland, y);
}

std::vector<Holiday> northern_ireland_bank_holidays(int y) {
    return division_bank_holidays(BankHolidays::NorthernIreland, y);
}

std::vector<Holiday> uk_bank_holidays(int y) {
    struct Listed {
        Date date;
        unsigned where;
        std::string name;
    };
    std::vector<Listed> listed;
    for (const BankHolidays division :
         {BankHolidays::EnglandAndWales, BankHolidays::Scotland, BankHolidays::NorthernIreland}) {
        for (Holiday& h : division_bank_holidays(division, y)) {
            listed.push_back({h.date, bit_of(division), std::move(h.name)});
        }
    }
    // Stable, so each date's entries stay in the order England and Wales, Scotland, Northern
    // Ireland, and its names come out in that order.
    std::stable_sort(listed.begin(), listed.end(),
                     [](const Listed& a, const Listed& b) { return a.date < b.date; });

    std::vector<Holiday> out;
    for (auto first = listed.begin(); first != listed.end();) {
        const auto last = std::find_if(first, listed.end(),
                                       [&first](const Listed& l) { return l.date != first->date; });
        // Each name on this date with the lists that give it.
        std::vector<std::pair<std::string, unsigned>> names;
        for (auto it = first; it != last; ++it) {
            const auto same = std::find_if(names.begin(), names.end(),
                                           [&it](const auto& n) { return n.first == it->name; });
            if (same == names.end()) {
                names.emplace_back(it->name, it->where);
            } else {
                same->second |= it->where;
            }
        }
        std::string name;
        if (names.size() == 1 && names.front().second == k_everywhere) {
            name = names.front().first;
        } else {
            for (const auto& [holiday, where] : names) {
                if (!name.empty()) name += "; ";
                name += holiday + " in " + std::string(places(where));
            }
        }
        out.push_back({first->date, std::move(name)});
        first = last;
    }
    return out;
}

std::vector<Holiday> bank_holidays(BankHolidays which, int y) {
    if (which == BankHolidays::AnyPartOfUk) return uk_bank_holidays(y);
    return division_bank_holidays(which, y);
}

}  // namespace civic
