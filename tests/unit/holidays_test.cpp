// SPDX-License-Identifier: AGPL-3.0-or-later
// The bank holidays of England and Wales, Scotland and Northern Ireland, the days that are
// a bank holiday in any part of the UK, and the date of Easter, against tables written out
// by hand: GOV.UK's published lists (England and Wales 2015–2027 and the rules for the years
// after; Scotland 2012–2028; Northern Ireland 2012–2027), and a published table of Easter
// Sundays.

#include "civic/core/holidays.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "civic/core/date.hpp"

namespace civic {
namespace {

Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(Date{});
}

struct Row {
    const char* date;
    const char* name;
};

// Every bank holiday of England and Wales from 2015 to 2030: 8 a year, 10 in 2022 and 9
// in 2023. Substitute days are named as GOV.UK's page names them.
const Row k_bank_holidays_2015_to_2030[] = {
    // 2015
    {"2015-01-01", "New Year’s Day"},
    {"2015-04-03", "Good Friday"},
    {"2015-04-06", "Easter Monday"},
    {"2015-05-04", "Early May bank holiday"},
    {"2015-05-25", "Spring bank holiday"},
    {"2015-08-31", "Summer bank holiday"},
    {"2015-12-25", "Christmas Day"},
    {"2015-12-28", "Boxing Day (substitute day)"},
    // 2016
    {"2016-01-01", "New Year’s Day"},
    {"2016-03-25", "Good Friday"},
    {"2016-03-28", "Easter Monday"},
    {"2016-05-02", "Early May bank holiday"},
    {"2016-05-30", "Spring bank holiday"},
    {"2016-08-29", "Summer bank holiday"},
    {"2016-12-26", "Boxing Day"},
    {"2016-12-27", "Christmas Day (substitute day)"},
    // 2017
    {"2017-01-02", "New Year’s Day (substitute day)"},
    {"2017-04-14", "Good Friday"},
    {"2017-04-17", "Easter Monday"},
    {"2017-05-01", "Early May bank holiday"},
    {"2017-05-29", "Spring bank holiday"},
    {"2017-08-28", "Summer bank holiday"},
    {"2017-12-25", "Christmas Day"},
    {"2017-12-26", "Boxing Day"},
    // 2018
    {"2018-01-01", "New Year’s Day"},
    {"2018-03-30", "Good Friday"},
    {"2018-04-02", "Easter Monday"},
    {"2018-05-07", "Early May bank holiday"},
    {"2018-05-28", "Spring bank holiday"},
    {"2018-08-27", "Summer bank holiday"},
    {"2018-12-25", "Christmas Day"},
    {"2018-12-26", "Boxing Day"},
    // 2019
    {"2019-01-01", "New Year’s Day"},
    {"2019-04-19", "Good Friday"},
    {"2019-04-22", "Easter Monday"},
    {"2019-05-06", "Early May bank holiday"},
    {"2019-05-27", "Spring bank holiday"},
    {"2019-08-26", "Summer bank holiday"},
    {"2019-12-25", "Christmas Day"},
    {"2019-12-26", "Boxing Day"},
    // 2020
    {"2020-01-01", "New Year’s Day"},
    {"2020-04-10", "Good Friday"},
    {"2020-04-13", "Easter Monday"},
    {"2020-05-08", "Early May bank holiday (VE day)"},
    {"2020-05-25", "Spring bank holiday"},
    {"2020-08-31", "Summer bank holiday"},
    {"2020-12-25", "Christmas Day"},
    {"2020-12-28", "Boxing Day (substitute day)"},
    // 2021
    {"2021-01-01", "New Year’s Day"},
    {"2021-04-02", "Good Friday"},
    {"2021-04-05", "Easter Monday"},
    {"2021-05-03", "Early May bank holiday"},
    {"2021-05-31", "Spring bank holiday"},
    {"2021-08-30", "Summer bank holiday"},
    {"2021-12-27", "Christmas Day (substitute day)"},
    {"2021-12-28", "Boxing Day (substitute day)"},
    // 2022
    {"2022-01-03", "New Year’s Day (substitute day)"},
    {"2022-04-15", "Good Friday"},
    {"2022-04-18", "Easter Monday"},
    {"2022-05-02", "Early May bank holiday"},
    {"2022-06-02", "Spring bank holiday"},
    {"2022-06-03", "Platinum Jubilee bank holiday"},
    {"2022-08-29", "Summer bank holiday"},
    {"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {"2022-12-26", "Boxing Day"},
    {"2022-12-27", "Christmas Day (substitute day)"},
    // 2023
    {"2023-01-02", "New Year’s Day (substitute day)"},
    {"2023-04-07", "Good Friday"},
    {"2023-04-10", "Easter Monday"},
    {"2023-05-01", "Early May bank holiday"},
    {"2023-05-08", "Bank holiday for the coronation of King Charles III"},
    {"2023-05-29", "Spring bank holiday"},
    {"2023-08-28", "Summer bank holiday"},
    {"2023-12-25", "Christmas Day"},
    {"2023-12-26", "Boxing Day"},
    // 2024
    {"2024-01-01", "New Year’s Day"},
    {"2024-03-29", "Good Friday"},
    {"2024-04-01", "Easter Monday"},
    {"2024-05-06", "Early May bank holiday"},
    {"2024-05-27", "Spring bank holiday"},
    {"2024-08-26", "Summer bank holiday"},
    {"2024-12-25", "Christmas Day"},
    {"2024-12-26", "Boxing Day"},
    // 2025
    {"2025-01-01", "New Year’s Day"},
    {"2025-04-18", "Good Friday"},
    {"2025-04-21", "Easter Monday"},
    {"2025-05-05", "Early May bank holiday"},
    {"2025-05-26", "Spring bank holiday"},
    {"2025-08-25", "Summer bank holiday"},
    {"2025-12-25", "Christmas Day"},
    {"2025-12-26", "Boxing Day"},
    // 2026
    {"2026-01-01", "New Year’s Day"},
    {"2026-04-03", "Good Friday"},
    {"2026-04-06", "Easter Monday"},
    {"2026-05-04", "Early May bank holiday"},
    {"2026-05-25", "Spring bank holiday"},
    {"2026-08-31", "Summer bank holiday"},
    {"2026-12-25", "Christmas Day"},
    {"2026-12-28", "Boxing Day (substitute day)"},
    // 2027
    {"2027-01-01", "New Year’s Day"},
    {"2027-03-26", "Good Friday"},
    {"2027-03-29", "Easter Monday"},
    {"2027-05-03", "Early May bank holiday"},
    {"2027-05-31", "Spring bank holiday"},
    {"2027-08-30", "Summer bank holiday"},
    {"2027-12-27", "Christmas Day (substitute day)"},
    {"2027-12-28", "Boxing Day (substitute day)"},
    // 2028
    {"2028-01-03", "New Year’s Day (substitute day)"},
    {"2028-04-14", "Good Friday"},
    {"2028-04-17", "Easter Monday"},
    {"2028-05-01", "Early May bank holiday"},
    {"2028-05-29", "Spring bank holiday"},
    {"2028-08-28", "Summer bank holiday"},
    {"2028-12-25", "Christmas Day"},
    {"2028-12-26", "Boxing Day"},
    // 2029
    {"2029-01-01", "New Year’s Day"},
    {"2029-03-30", "Good Friday"},
    {"2029-04-02", "Easter Monday"},
    {"2029-05-07", "Early May bank holiday"},
    {"2029-05-28", "Spring bank holiday"},
    {"2029-08-27", "Summer bank holiday"},
    {"2029-12-25", "Christmas Day"},
    {"2029-12-26", "Boxing Day"},
    // 2030
    {"2030-01-01", "New Year’s Day"},
    {"2030-04-19", "Good Friday"},
    {"2030-04-22", "Easter Monday"},
    {"2030-05-06", "Early May bank holiday"},
    {"2030-05-27", "Spring bank holiday"},
    {"2030-08-26", "Summer bank holiday"},
    {"2030-12-25", "Christmas Day"},
    {"2030-12-26", "Boxing Day"},
};

TEST(HolidaysOfEnglandAndWales, match_the_published_list_for_every_year_from_2015_to_2030) {
    std::map<int, std::vector<Holiday>> expected;
    for (const Row& row : k_bank_holidays_2015_to_2030) {
        const Date d = iso(row.date);
        expected[int(d.year())].push_back({d, row.name});
    }
    ASSERT_EQ(expected.size(), 16u);
    for (const auto& [year, holidays] : expected) {
        SCOPED_TRACE(year);
        EXPECT_EQ(england_and_wales_bank_holidays(year), holidays);
    }
}

TEST(HolidaysOfEnglandAndWales, the_table_itself_has_131_days_and_none_at_a_weekend) {
    // Guards the hand-written table against a slip of the keyboard.
    EXPECT_EQ(std::size(k_bank_holidays_2015_to_2030), 131u);
    for (const Row& row : k_bank_holidays_2015_to_2030) {
        const auto w = weekday_of(iso(row.date));
        EXPECT_NE(w, std::chrono::Saturday) << row.date;
        EXPECT_NE(w, std::chrono::Sunday) << row.date;
    }
}

TEST(HolidaysOfEnglandAndWales, move_christmas_on_a_saturday_to_monday_and_boxing_day_to_tuesday) {
    // 25 December 2021 and 2027 were and will be Saturdays.
    for (const int year : {2021, 2027}) {
        const auto h = england_and_wales_bank_holidays(year);
        ASSERT_EQ(h.size(), 8u);
        EXPECT_EQ(h[6], (Holiday{make_date(year, 12, 27), "Christmas Day (substitute day)"}));
        EXPECT_EQ(h[7], (Holiday{make_date(year, 12, 28), "Boxing Day (substitute day)"}));
    }
}

TEST(HolidaysOfEnglandAndWales,
     keep_boxing_day_on_monday_and_move_christmas_on_a_sunday_to_tuesday) {
    for (const int year : {2016, 2022, 2033}) {
        const auto h = england_and_wales_bank_holidays(year);
        EXPECT_EQ(h[h.size() - 2], (Holiday{make_date(year, 12, 26), "Boxing Day"}));
        EXPECT_EQ(h[h.size() - 1],
                  (Holiday{make_date(year, 12, 27), "Christmas Day (substitute day)"}));
    }
}

TEST(HolidaysOfEnglandAndWales, move_boxing_day_on_a_saturday_to_monday_28_december) {
    for (const int year : {2015, 2020, 2026}) {
        const auto h = england_and_wales_bank_holidays(year);
        EXPECT_EQ(h[h.size() - 2], (Holiday{make_date(year, 12, 25), "Christmas Day"}));
        EXPECT_EQ(h[h.size() - 1],
                  (Holiday{make_date(year, 12, 28), "Boxing Day (substitute day)"}));
    }
}

TEST(HolidaysOfEnglandAndWales, move_new_years_day_at_a_weekend_to_the_next_monday) {
    EXPECT_EQ(
        england_and_wales_bank_holidays(2022).front(),
        (Holiday{make_date(2022, 1, 3), "New Year\u2019s Day (substitute day)"}));  // a Saturday
    EXPECT_EQ(
        england_and_wales_bank_holidays(2023).front(),
        (Holiday{make_date(2023, 1, 2), "New Year\u2019s Day (substitute day)"}));  // a Sunday
}

TEST(HolidaysOfEnglandAndWales, include_the_one_off_changes_made_before_2015) {
    const auto has = [](int year, const char* date, const char* name) {
        const auto h = england_and_wales_bank_holidays(year);
        return std::find(h.begin(), h.end(), Holiday{iso(date), name}) != h.end();
    };
    const auto has_date = [](int year, const char* date) {
        const auto h = england_and_wales_bank_holidays(year);
        return std::any_of(h.begin(), h.end(),
                           [&](const Holiday& x) { return x.date == iso(date); });
    };
    EXPECT_TRUE(has(1981, "1981-07-29", "Royal wedding"));
    EXPECT_TRUE(has(1995, "1995-05-08", "Early May bank holiday (VE day)"));
    EXPECT_FALSE(has_date(1995, "1995-05-01"));
    EXPECT_TRUE(has(1999, "1999-12-31", "Millennium bank holiday"));
    EXPECT_TRUE(has(2000, "2000-01-03", "New Year\u2019s Day (substitute day)"));
    EXPECT_TRUE(has(2002, "2002-06-03", "Spring bank holiday"));
    EXPECT_TRUE(has(2002, "2002-06-04", "Queen\u2019s Golden Jubilee"));
    EXPECT_FALSE(has_date(2002, "2002-05-27"));
    EXPECT_TRUE(has(2011, "2011-04-29", "Royal wedding"));
    EXPECT_TRUE(has(2012, "2012-06-04", "Spring bank holiday"));
    EXPECT_TRUE(has(2012, "2012-06-05", "Queen\u2019s Diamond Jubilee"));
    EXPECT_FALSE(has_date(2012, "2012-05-28"));
}

TEST(HolidaysOfEnglandAndWales,
     fall_on_distinct_weekdays_in_date_order_every_year_from_1978_to_2200) {
    for (int year = 1978; year <= 2200; ++year) {
        SCOPED_TRACE(year);
        const auto h = england_and_wales_bank_holidays(year);
        EXPECT_GE(h.size(), 8u);
        for (std::size_t i = 0; i < h.size(); ++i) {
            EXPECT_EQ(int(h[i].date.year()), year);
            EXPECT_NE(weekday_of(h[i].date), std::chrono::Saturday);
            EXPECT_NE(weekday_of(h[i].date), std::chrono::Sunday);
            if (i > 0) {
                EXPECT_LT(h[i - 1].date, h[i].date);
            }
        }
    }
}

// Every bank holiday of Scotland from 2012 to 2028, as GOV.UK lists them: the years 2012 to
// 2018 from its list of those years, 2019 to 2028 from bank-holidays.json. 9 a year, 10 in
// 2012, 2023 and 2026 and 11 in 2022.
const Row k_scotland_2012_to_2028[] = {
    // 2012: New Year's Day a Sunday; Monday 2 January keeps its own name (see 2017 and 2023)
    {"2012-01-02", "2nd January"},
    {"2012-01-03", "New Year’s Day (substitute day)"},
    {"2012-04-06", "Good Friday"},
    {"2012-05-07", "Early May bank holiday"},
    {"2012-06-04", "Spring bank holiday"},
    {"2012-06-05", "Queen’s Diamond Jubilee"},
    {"2012-08-06", "Summer bank holiday"},
    {"2012-11-30", "St Andrew’s Day"},
    {"2012-12-25", "Christmas Day"},
    {"2012-12-26", "Boxing Day"},
    // 2013: St Andrew's Day a Saturday
    {"2013-01-01", "New Year’s Day"},
    {"2013-01-02", "2nd January"},
    {"2013-03-29", "Good Friday"},
    {"2013-05-06", "Early May bank holiday"},
    {"2013-05-27", "Spring bank holiday"},
    {"2013-08-05", "Summer bank holiday"},
    {"2013-12-02", "St Andrew’s Day (substitute day)"},
    {"2013-12-25", "Christmas Day"},
    {"2013-12-26", "Boxing Day"},
    // 2014: St Andrew's Day a Sunday
    {"2014-01-01", "New Year’s Day"},
    {"2014-01-02", "2nd January"},
    {"2014-04-18", "Good Friday"},
    {"2014-05-05", "Early May bank holiday"},
    {"2014-05-26", "Spring bank holiday"},
    {"2014-08-04", "Summer bank holiday"},
    {"2014-12-01", "St Andrew’s Day (substitute day)"},
    {"2014-12-25", "Christmas Day"},
    {"2014-12-26", "Boxing Day"},
    // 2015
    {"2015-01-01", "New Year’s Day"},
    {"2015-01-02", "2nd January"},
    {"2015-04-03", "Good Friday"},
    {"2015-05-04", "Early May bank holiday"},
    {"2015-05-25", "Spring bank holiday"},
    {"2015-08-03", "Summer bank holiday"},
    {"2015-11-30", "St Andrew’s Day"},
    {"2015-12-25", "Christmas Day"},
    {"2015-12-28", "Boxing Day (substitute day)"},
    // 2016: 2 January a Saturday
    {"2016-01-01", "New Year’s Day"},
    {"2016-01-04", "2nd January (substitute day)"},
    {"2016-03-25", "Good Friday"},
    {"2016-05-02", "Early May bank holiday"},
    {"2016-05-30", "Spring bank holiday"},
    {"2016-08-01", "Summer bank holiday"},
    {"2016-11-30", "St Andrew’s Day"},
    {"2016-12-26", "Boxing Day"},
    {"2016-12-27", "Christmas Day (substitute day)"},
    // 2017: New Year's Day a Sunday, named as in 2012
    {"2017-01-02", "2nd January"},
    {"2017-01-03", "New Year’s Day (substitute day)"},
    {"2017-04-14", "Good Friday"},
    {"2017-05-01", "Early May bank holiday"},
    {"2017-05-29", "Spring bank holiday"},
    {"2017-08-07", "Summer bank holiday"},
    {"2017-11-30", "St Andrew’s Day"},
    {"2017-12-25", "Christmas Day"},
    {"2017-12-26", "Boxing Day"},
    // 2018
    {"2018-01-01", "New Year’s Day"},
    {"2018-01-02", "2nd January"},
    {"2018-03-30", "Good Friday"},
    {"2018-05-07", "Early May bank holiday"},
    {"2018-05-28", "Spring bank holiday"},
    {"2018-08-06", "Summer bank holiday"},
    {"2018-11-30", "St Andrew’s Day"},
    {"2018-12-25", "Christmas Day"},
    {"2018-12-26", "Boxing Day"},
    // 2019
    {"2019-01-01", "New Year’s Day"},
    {"2019-01-02", "2nd January"},
    {"2019-04-19", "Good Friday"},
    {"2019-05-06", "Early May bank holiday"},
    {"2019-05-27", "Spring bank holiday"},
    {"2019-08-05", "Summer bank holiday"},
    {"2019-12-02", "St Andrew’s Day (substitute day)"},
    {"2019-12-25", "Christmas Day"},
    {"2019-12-26", "Boxing Day"},
    // 2020
    {"2020-01-01", "New Year’s Day"},
    {"2020-01-02", "2nd January"},
    {"2020-04-10", "Good Friday"},
    {"2020-05-08", "Early May bank holiday (VE day)"},
    {"2020-05-25", "Spring bank holiday"},
    {"2020-08-03", "Summer bank holiday"},
    {"2020-11-30", "St Andrew’s Day"},
    {"2020-12-25", "Christmas Day"},
    {"2020-12-28", "Boxing Day (substitute day)"},
    // 2021
    {"2021-01-01", "New Year’s Day"},
    {"2021-01-04", "2nd January (substitute day)"},
    {"2021-04-02", "Good Friday"},
    {"2021-05-03", "Early May bank holiday"},
    {"2021-05-31", "Spring bank holiday"},
    {"2021-08-02", "Summer bank holiday"},
    {"2021-11-30", "St Andrew’s Day"},
    {"2021-12-27", "Christmas Day (substitute day)"},
    {"2021-12-28", "Boxing Day (substitute day)"},
    // 2022: New Year's Day a Saturday
    {"2022-01-03", "New Year’s Day (substitute day)"},
    {"2022-01-04", "2nd January (substitute day)"},
    {"2022-04-15", "Good Friday"},
    {"2022-05-02", "Early May bank holiday"},
    {"2022-06-02", "Spring bank holiday"},
    {"2022-06-03", "Platinum Jubilee bank holiday"},
    {"2022-08-01", "Summer bank holiday"},
    {"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {"2022-11-30", "St Andrew’s Day"},
    {"2022-12-26", "Boxing Day"},
    {"2022-12-27", "Christmas Day (substitute day)"},
    // 2023: New Year's Day a Sunday, named as GOV.UK now names it
    {"2023-01-02", "New Year’s Day (substitute day)"},
    {"2023-01-03", "2nd January (substitute day)"},
    {"2023-04-07", "Good Friday"},
    {"2023-05-01", "Early May bank holiday"},
    {"2023-05-08", "Bank holiday for the coronation of King Charles III"},
    {"2023-05-29", "Spring bank holiday"},
    {"2023-08-07", "Summer bank holiday"},
    {"2023-11-30", "St Andrew’s Day"},
    {"2023-12-25", "Christmas Day"},
    {"2023-12-26", "Boxing Day"},
    // 2024: St Andrew's Day a Saturday
    {"2024-01-01", "New Year’s Day"},
    {"2024-01-02", "2nd January"},
    {"2024-03-29", "Good Friday"},
    {"2024-05-06", "Early May bank holiday"},
    {"2024-05-27", "Spring bank holiday"},
    {"2024-08-05", "Summer bank holiday"},
    {"2024-12-02", "St Andrew’s Day (substitute day)"},
    {"2024-12-25", "Christmas Day"},
    {"2024-12-26", "Boxing Day"},
    // 2025: St Andrew's Day a Sunday
    {"2025-01-01", "New Year’s Day"},
    {"2025-01-02", "2nd January"},
    {"2025-04-18", "Good Friday"},
    {"2025-05-05", "Early May bank holiday"},
    {"2025-05-26", "Spring bank holiday"},
    {"2025-08-04", "Summer bank holiday"},
    {"2025-12-01", "St Andrew’s Day (substitute day)"},
    {"2025-12-25", "Christmas Day"},
    {"2025-12-26", "Boxing Day"},
    // 2026: the World Cup bank holiday; St Andrew's Day a Monday
    {"2026-01-01", "New Year’s Day"},
    {"2026-01-02", "2nd January"},
    {"2026-04-03", "Good Friday"},
    {"2026-05-04", "Early May bank holiday"},
    {"2026-05-25", "Spring bank holiday"},
    {"2026-06-15", "World Cup bank holiday"},
    {"2026-08-03", "Summer bank holiday"},
    {"2026-11-30", "St Andrew’s Day"},
    {"2026-12-25", "Christmas Day"},
    {"2026-12-28", "Boxing Day (substitute day)"},
    // 2027: 2 January a Saturday
    {"2027-01-01", "New Year’s Day"},
    {"2027-01-04", "2nd January (substitute day)"},
    {"2027-03-26", "Good Friday"},
    {"2027-05-03", "Early May bank holiday"},
    {"2027-05-31", "Spring bank holiday"},
    {"2027-08-02", "Summer bank holiday"},
    {"2027-11-30", "St Andrew’s Day"},
    {"2027-12-27", "Christmas Day (substitute day)"},
    {"2027-12-28", "Boxing Day (substitute day)"},
    // 2028: New Year's Day a Saturday
    {"2028-01-03", "New Year’s Day (substitute day)"},
    {"2028-01-04", "2nd January (substitute day)"},
    {"2028-04-14", "Good Friday"},
    {"2028-05-01", "Early May bank holiday"},
    {"2028-05-29", "Spring bank holiday"},
    {"2028-08-07", "Summer bank holiday"},
    {"2028-11-30", "St Andrew’s Day"},
    {"2028-12-25", "Christmas Day"},
    {"2028-12-26", "Boxing Day"},
};

// Every bank holiday of Northern Ireland from 2012 to 2027, as GOV.UK lists them (the same
// sources as Scotland's). 10 a year, 11 in 2012 and 2023 and 12 in 2022.
const Row k_northern_ireland_2012_to_2027[] = {
    // 2012: St Patrick's Day a Saturday
    {"2012-01-02", "New Year’s Day (substitute day)"},
    {"2012-03-19", "St Patrick’s Day (substitute day)"},
    {"2012-04-06", "Good Friday"},
    {"2012-04-09", "Easter Monday"},
    {"2012-05-07", "Early May bank holiday"},
    {"2012-06-04", "Spring bank holiday"},
    {"2012-06-05", "Queen’s Diamond Jubilee"},
    {"2012-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2012-08-27", "Summer bank holiday"},
    {"2012-12-25", "Christmas Day"},
    {"2012-12-26", "Boxing Day"},
    // 2013: St Patrick's Day a Sunday
    {"2013-01-01", "New Year’s Day"},
    {"2013-03-18", "St Patrick’s Day (substitute day)"},
    {"2013-03-29", "Good Friday"},
    {"2013-04-01", "Easter Monday"},
    {"2013-05-06", "Early May bank holiday"},
    {"2013-05-27", "Spring bank holiday"},
    {"2013-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2013-08-26", "Summer bank holiday"},
    {"2013-12-25", "Christmas Day"},
    {"2013-12-26", "Boxing Day"},
    // 2014: the Boyne a Saturday
    {"2014-01-01", "New Year’s Day"},
    {"2014-03-17", "St Patrick’s Day"},
    {"2014-04-18", "Good Friday"},
    {"2014-04-21", "Easter Monday"},
    {"2014-05-05", "Early May bank holiday"},
    {"2014-05-26", "Spring bank holiday"},
    {"2014-07-14", "Battle of the Boyne (Orangemen’s Day) (substitute day)"},
    {"2014-08-25", "Summer bank holiday"},
    {"2014-12-25", "Christmas Day"},
    {"2014-12-26", "Boxing Day"},
    // 2015: the Boyne a Sunday
    {"2015-01-01", "New Year’s Day"},
    {"2015-03-17", "St Patrick’s Day"},
    {"2015-04-03", "Good Friday"},
    {"2015-04-06", "Easter Monday"},
    {"2015-05-04", "Early May bank holiday"},
    {"2015-05-25", "Spring bank holiday"},
    {"2015-07-13", "Battle of the Boyne (Orangemen’s Day) (substitute day)"},
    {"2015-08-31", "Summer bank holiday"},
    {"2015-12-25", "Christmas Day"},
    {"2015-12-28", "Boxing Day (substitute day)"},
    // 2016
    {"2016-01-01", "New Year’s Day"},
    {"2016-03-17", "St Patrick’s Day"},
    {"2016-03-25", "Good Friday"},
    {"2016-03-28", "Easter Monday"},
    {"2016-05-02", "Early May bank holiday"},
    {"2016-05-30", "Spring bank holiday"},
    {"2016-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2016-08-29", "Summer bank holiday"},
    {"2016-12-26", "Boxing Day"},
    {"2016-12-27", "Christmas Day (substitute day)"},
    // 2017
    {"2017-01-02", "New Year’s Day (substitute day)"},
    {"2017-03-17", "St Patrick’s Day"},
    {"2017-04-14", "Good Friday"},
    {"2017-04-17", "Easter Monday"},
    {"2017-05-01", "Early May bank holiday"},
    {"2017-05-29", "Spring bank holiday"},
    {"2017-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2017-08-28", "Summer bank holiday"},
    {"2017-12-25", "Christmas Day"},
    {"2017-12-26", "Boxing Day"},
    // 2018: St Patrick's Day a Saturday
    {"2018-01-01", "New Year’s Day"},
    {"2018-03-19", "St Patrick’s Day (substitute day)"},
    {"2018-03-30", "Good Friday"},
    {"2018-04-02", "Easter Monday"},
    {"2018-05-07", "Early May bank holiday"},
    {"2018-05-28", "Spring bank holiday"},
    {"2018-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2018-08-27", "Summer bank holiday"},
    {"2018-12-25", "Christmas Day"},
    {"2018-12-26", "Boxing Day"},
    // 2019: St Patrick's Day a Sunday
    {"2019-01-01", "New Year’s Day"},
    {"2019-03-18", "St Patrick’s Day (substitute day)"},
    {"2019-04-19", "Good Friday"},
    {"2019-04-22", "Easter Monday"},
    {"2019-05-06", "Early May bank holiday"},
    {"2019-05-27", "Spring bank holiday"},
    {"2019-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2019-08-26", "Summer bank holiday"},
    {"2019-12-25", "Christmas Day"},
    {"2019-12-26", "Boxing Day"},
    // 2020: the Boyne a Sunday
    {"2020-01-01", "New Year’s Day"},
    {"2020-03-17", "St Patrick’s Day"},
    {"2020-04-10", "Good Friday"},
    {"2020-04-13", "Easter Monday"},
    {"2020-05-08", "Early May bank holiday (VE day)"},
    {"2020-05-25", "Spring bank holiday"},
    {"2020-07-13", "Battle of the Boyne (Orangemen’s Day) (substitute day)"},
    {"2020-08-31", "Summer bank holiday"},
    {"2020-12-25", "Christmas Day"},
    {"2020-12-28", "Boxing Day (substitute day)"},
    // 2021
    {"2021-01-01", "New Year’s Day"},
    {"2021-03-17", "St Patrick’s Day"},
    {"2021-04-02", "Good Friday"},
    {"2021-04-05", "Easter Monday"},
    {"2021-05-03", "Early May bank holiday"},
    {"2021-05-31", "Spring bank holiday"},
    {"2021-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2021-08-30", "Summer bank holiday"},
    {"2021-12-27", "Christmas Day (substitute day)"},
    {"2021-12-28", "Boxing Day (substitute day)"},
    // 2022
    {"2022-01-03", "New Year’s Day (substitute day)"},
    {"2022-03-17", "St Patrick’s Day"},
    {"2022-04-15", "Good Friday"},
    {"2022-04-18", "Easter Monday"},
    {"2022-05-02", "Early May bank holiday"},
    {"2022-06-02", "Spring bank holiday"},
    {"2022-06-03", "Platinum Jubilee bank holiday"},
    {"2022-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2022-08-29", "Summer bank holiday"},
    {"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
    {"2022-12-26", "Boxing Day"},
    {"2022-12-27", "Christmas Day (substitute day)"},
    // 2023
    {"2023-01-02", "New Year’s Day (substitute day)"},
    {"2023-03-17", "St Patrick’s Day"},
    {"2023-04-07", "Good Friday"},
    {"2023-04-10", "Easter Monday"},
    {"2023-05-01", "Early May bank holiday"},
    {"2023-05-08", "Bank holiday for the coronation of King Charles III"},
    {"2023-05-29", "Spring bank holiday"},
    {"2023-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2023-08-28", "Summer bank holiday"},
    {"2023-12-25", "Christmas Day"},
    {"2023-12-26", "Boxing Day"},
    // 2024: St Patrick's Day a Sunday
    {"2024-01-01", "New Year’s Day"},
    {"2024-03-18", "St Patrick’s Day (substitute day)"},
    {"2024-03-29", "Good Friday"},
    {"2024-04-01", "Easter Monday"},
    {"2024-05-06", "Early May bank holiday"},
    {"2024-05-27", "Spring bank holiday"},
    {"2024-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2024-08-26", "Summer bank holiday"},
    {"2024-12-25", "Christmas Day"},
    {"2024-12-26", "Boxing Day"},
    // 2025: the Boyne a Saturday
    {"2025-01-01", "New Year’s Day"},
    {"2025-03-17", "St Patrick’s Day"},
    {"2025-04-18", "Good Friday"},
    {"2025-04-21", "Easter Monday"},
    {"2025-05-05", "Early May bank holiday"},
    {"2025-05-26", "Spring bank holiday"},
    {"2025-07-14", "Battle of the Boyne (Orangemen’s Day) (substitute day)"},
    {"2025-08-25", "Summer bank holiday"},
    {"2025-12-25", "Christmas Day"},
    {"2025-12-26", "Boxing Day"},
    // 2026: the Boyne a Sunday
    {"2026-01-01", "New Year’s Day"},
    {"2026-03-17", "St Patrick’s Day"},
    {"2026-04-03", "Good Friday"},
    {"2026-04-06", "Easter Monday"},
    {"2026-05-04", "Early May bank holiday"},
    {"2026-05-25", "Spring bank holiday"},
    {"2026-07-13", "Battle of the Boyne (Orangemen’s Day) (substitute day)"},
    {"2026-08-31", "Summer bank holiday"},
    {"2026-12-25", "Christmas Day"},
    {"2026-12-28", "Boxing Day (substitute day)"},
    // 2027
    {"2027-01-01", "New Year’s Day"},
    {"2027-03-17", "St Patrick’s Day"},
    {"2027-03-26", "Good Friday"},
    {"2027-03-29", "Easter Monday"},
    {"2027-05-03", "Early May bank holiday"},
    {"2027-05-31", "Spring bank holiday"},
    {"2027-07-12", "Battle of the Boyne (Orangemen’s Day)"},
    {"2027-08-30", "Summer bank holiday"},
    {"2027-12-27", "Christmas Day (substitute day)"},
    {"2027-12-28", "Boxing Day (substitute day)"},
};

std::map<int, std::vector<Holiday>> by_year(const Row* first, const Row* last) {
    std::map<int, std::vector<Holiday>> out;
    for (const Row* row = first; row != last; ++row) {
        const Date d = iso(row->date);
        out[int(d.year())].push_back({d, row->name});
    }
    return out;
}

void expect_no_weekends(const Row* first, const Row* last) {
    for (const Row* row = first; row != last; ++row) {
        const auto w = weekday_of(iso(row->date));
        EXPECT_NE(w, std::chrono::Saturday) << row->date;
        EXPECT_NE(w, std::chrono::Sunday) << row->date;
    }
}

TEST(HolidaysOfScotland, match_the_published_list_for_every_year_from_2012_to_2028) {
    const auto expected =
        by_year(std::begin(k_scotland_2012_to_2028), std::end(k_scotland_2012_to_2028));
    ASSERT_EQ(expected.size(), 17u);
    for (const auto& [year, holidays] : expected) {
        SCOPED_TRACE(year);
        EXPECT_EQ(scotland_bank_holidays(year), holidays);
        EXPECT_EQ(bank_holidays(BankHolidays::Scotland, year), holidays);
    }
}

TEST(HolidaysOfScotland, the_table_itself_has_158_days_and_none_at_a_weekend) {
    EXPECT_EQ(std::size(k_scotland_2012_to_2028), 158u);
    expect_no_weekends(std::begin(k_scotland_2012_to_2028), std::end(k_scotland_2012_to_2028));
}

TEST(HolidaysOfScotland, keep_st_andrews_day_on_a_weekday_and_move_it_to_the_monday_after) {
    const auto has = [](int year, const char* date, const char* name) {
        const auto h = scotland_bank_holidays(year);
        return std::find(h.begin(), h.end(), Holiday{iso(date), name}) != h.end();
    };
    EXPECT_TRUE(has(2026, "2026-11-30", "St Andrew\u2019s Day"));                   // a Monday
    EXPECT_TRUE(has(2025, "2025-12-01", "St Andrew\u2019s Day (substitute day)"));  // Sunday 30
    EXPECT_TRUE(has(2030, "2030-12-02", "St Andrew\u2019s Day (substitute day)"));  // Saturday 30
    EXPECT_TRUE(has(2007, "2007-11-30", "St Andrew\u2019s Day"));  // the first, under the 2007 Act
    // Before the Act, 30 November was not a bank holiday.
    const auto h2006 = scotland_bank_holidays(2006);
    EXPECT_TRUE(std::none_of(h2006.begin(), h2006.end(), [](const Holiday& h) {
        return h.date.month() == std::chrono::November || h.date == make_date(2006, 12, 1);
    }));
}

TEST(HolidaysOfScotland, move_2nd_january_at_a_weekend_to_the_next_free_weekday) {
    // 2 January 2027 is a Saturday; 2 January 2028 a Sunday, after New Year's Day's Monday.
    EXPECT_EQ(scotland_bank_holidays(2027)[1],
              (Holiday{make_date(2027, 1, 4), "2nd January (substitute day)"}));
    EXPECT_EQ(scotland_bank_holidays(2028)[1],
              (Holiday{make_date(2028, 1, 4), "2nd January (substitute day)"}));
    // New Year's Day on a Sunday in 2034, named as GOV.UK has named 2023.
    const auto h2034 = scotland_bank_holidays(2034);
    EXPECT_EQ(h2034[0], (Holiday{make_date(2034, 1, 2), "New Year\u2019s Day (substitute day)"}));
    EXPECT_EQ(h2034[1], (Holiday{make_date(2034, 1, 3), "2nd January (substitute day)"}));
}

TEST(HolidaysOfScotland,
     have_no_easter_monday_and_the_summer_holiday_on_the_first_monday_of_august) {
    for (int year = 1978; year <= 2100; ++year) {
        SCOPED_TRACE(year);
        const auto h = scotland_bank_holidays(year);
        const Date easter_monday = add_days(easter_sunday(year), 1);
        EXPECT_TRUE(std::none_of(h.begin(), h.end(),
                                 [&](const Holiday& x) { return x.date == easter_monday; }));
        const auto summer = std::find_if(
            h.begin(), h.end(), [](const Holiday& x) { return x.name == "Summer bank holiday"; });
        ASSERT_NE(summer, h.end());
        EXPECT_EQ(summer->date.month(), std::chrono::August);
        EXPECT_LE(unsigned(summer->date.day()), 7u);
        EXPECT_EQ(weekday_of(summer->date), std::chrono::Monday);
    }
}

TEST(HolidaysOfScotland, include_the_one_off_changes_and_the_world_cup_bank_holiday) {
    const auto has = [](int year, const char* date, const char* name) {
        const auto h = scotland_bank_holidays(year);
        return std::find(h.begin(), h.end(), Holiday{iso(date), name}) != h.end();
    };
    EXPECT_TRUE(has(2011, "2011-04-29", "Royal wedding"));
    EXPECT_TRUE(has(2020, "2020-05-08", "Early May bank holiday (VE day)"));
    EXPECT_TRUE(has(2026, "2026-06-15", "World Cup bank holiday"));
    // Scotland's alone: not in England and Wales's list or Northern Ireland's.
    const auto ew = england_and_wales_bank_holidays(2026);
    const auto ni = northern_ireland_bank_holidays(2026);
    const auto on_15_june = [](const Holiday& x) { return x.date == make_date(2026, 6, 15); };
    EXPECT_TRUE(std::none_of(ew.begin(), ew.end(), on_15_june));
    EXPECT_TRUE(std::none_of(ni.begin(), ni.end(), on_15_june));
}

TEST(HolidaysOfNorthernIreland, match_the_published_list_for_every_year_from_2012_to_2027) {
    const auto expected = by_year(std::begin(k_northern_ireland_2012_to_2027),
                                  std::end(k_northern_ireland_2012_to_2027));
    ASSERT_EQ(expected.size(), 16u);
    for (const auto& [year, holidays] : expected) {
        SCOPED_TRACE(year);
        EXPECT_EQ(northern_ireland_bank_holidays(year), holidays);
        EXPECT_EQ(bank_holidays(BankHolidays::NorthernIreland, year), holidays);
    }
}

TEST(HolidaysOfNorthernIreland, the_table_itself_has_164_days_and_none_at_a_weekend) {
    EXPECT_EQ(std::size(k_northern_ireland_2012_to_2027), 164u);
    expect_no_weekends(std::begin(k_northern_ireland_2012_to_2027),
                       std::end(k_northern_ireland_2012_to_2027));
}

TEST(HolidaysOfNorthernIreland, are_england_and_wales_with_st_patricks_day_and_the_boyne) {
    for (int year = 1978; year <= 2100; ++year) {
        SCOPED_TRACE(year);
        auto ni = northern_ireland_bank_holidays(year);
        ASSERT_EQ(ni.size(), england_and_wales_bank_holidays(year).size() + 2);
        std::erase_if(ni, [](const Holiday& h) {
            return h.name.starts_with("St Patrick\u2019s Day") ||
                   h.name.starts_with("Battle of the Boyne");
        });
        EXPECT_EQ(ni, england_and_wales_bank_holidays(year));
    }
}

TEST(HolidaysOfNorthernIreland, move_st_patricks_day_and_the_boyne_at_a_weekend_to_monday) {
    const auto has = [](int year, const char* date, const char* name) {
        const auto h = northern_ireland_bank_holidays(year);
        return std::find(h.begin(), h.end(), Holiday{iso(date), name}) != h.end();
    };
    EXPECT_TRUE(has(2024, "2024-03-18", "St Patrick\u2019s Day (substitute day)"));  // Sunday 17
    EXPECT_TRUE(has(2029, "2029-03-19", "St Patrick\u2019s Day (substitute day)"));  // Saturday 17
    EXPECT_TRUE(has(2026, "2026-07-13",
                    "Battle of the Boyne (Orangemen\u2019s Day) (substitute day)"));  // Sunday 12
    EXPECT_TRUE(has(2025, "2025-07-14",
                    "Battle of the Boyne (Orangemen\u2019s Day) (substitute day)"));  // Saturday 12
    EXPECT_TRUE(has(2028, "2028-07-12", "Battle of the Boyne (Orangemen\u2019s Day)"));
}

TEST(HolidaysOfEachNation, fall_on_distinct_weekdays_in_date_order_every_year_from_1978_to_2200) {
    for (const BankHolidays which :
         {BankHolidays::Scotland, BankHolidays::NorthernIreland, BankHolidays::AnyPartOfUk}) {
        for (int year = 1978; year <= 2200; ++year) {
            SCOPED_TRACE(fmt::format("{} {}", int(which), year));
            const auto h = bank_holidays(which, year);
            EXPECT_GE(h.size(), 8u);
            for (std::size_t i = 0; i < h.size(); ++i) {
                EXPECT_EQ(int(h[i].date.year()), year);
                EXPECT_NE(weekday_of(h[i].date), std::chrono::Saturday);
                EXPECT_NE(weekday_of(h[i].date), std::chrono::Sunday);
                if (i > 0) {
                    EXPECT_LT(h[i - 1].date, h[i].date);
                }
            }
        }
    }
}

// Any part of the UK

TEST(HolidaysOfTheUk, list_every_nations_days_once_saying_where_each_is_not_uk_wide) {
    EXPECT_EQ(uk_bank_holidays(2025),
              (std::vector<Holiday>{
                  {iso("2025-01-01"), "New Year’s Day"},
                  {iso("2025-01-02"), "2nd January in Scotland"},
                  {iso("2025-03-17"), "St Patrick’s Day in Northern Ireland"},
                  {iso("2025-04-18"), "Good Friday"},
                  {iso("2025-04-21"), "Easter Monday in England, Wales and Northern Ireland"},
                  {iso("2025-05-05"), "Early May bank holiday"},
                  {iso("2025-05-26"), "Spring bank holiday"},
                  {iso("2025-07-14"),
                   "Battle of the Boyne (Orangemen’s Day) (substitute day) in Northern Ireland"},
                  {iso("2025-08-04"), "Summer bank holiday in Scotland"},
                  {iso("2025-08-25"), "Summer bank holiday in England, Wales and Northern Ireland"},
                  {iso("2025-12-01"), "St Andrew’s Day (substitute day) in Scotland"},
                  {iso("2025-12-25"), "Christmas Day"},
                  {iso("2025-12-26"), "Boxing Day"},
              }));
    EXPECT_EQ(bank_holidays(BankHolidays::AnyPartOfUk, 2025), uk_bank_holidays(2025));
}

TEST(HolidaysOfTheUk, name_each_holiday_with_its_places_when_the_nations_name_a_day_differently) {
    // 1 January 2017 was a Sunday: Monday 2 was New Year's Day's substitute in England, Wales
    // and Northern Ireland but 2nd January in Scotland, whose substitute for New Year's Day
    // was Tuesday 3.
    const auto h = uk_bank_holidays(2017);
    EXPECT_EQ(h[0], (Holiday{iso("2017-01-02"),
                             "New Year’s Day (substitute day) in England, Wales and Northern "
                             "Ireland; 2nd January in Scotland"}));
    EXPECT_EQ(h[1], (Holiday{iso("2017-01-03"), "New Year’s Day (substitute day) in Scotland"}));
    // In 2023 every nation named Monday 2 January alike.
    const auto h2023 = uk_bank_holidays(2023);
    EXPECT_EQ(h2023[0], (Holiday{iso("2023-01-02"), "New Year’s Day (substitute day)"}));
    EXPECT_EQ(h2023[1], (Holiday{iso("2023-01-03"), "2nd January (substitute day) in Scotland"}));
}

TEST(HolidaysOfTheUk, hold_every_day_of_every_nation_and_no_other) {
    for (int year = 1978; year <= 2100; ++year) {
        SCOPED_TRACE(year);
        std::vector<Date> dates;
        for (const auto& list :
             {england_and_wales_bank_holidays(year), scotland_bank_holidays(year),
              northern_ireland_bank_holidays(year)}) {
            for (const Holiday& h : list) dates.push_back(h.date);
        }
        std::sort(dates.begin(), dates.end());
        dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
        std::vector<Date> uk;
        for (const Holiday& h : uk_bank_holidays(year)) uk.push_back(h.date);
        EXPECT_EQ(uk, dates);
    }
}

TEST(HolidaysOfTheUk, include_christmas_day_and_good_friday_on_a_weekday_every_year) {
    // Section 10(6) of the Freedom of Information Act 2000 names them beside the bank
    // holidays; the union already holds them, as every nation's list does.
    for (int year = 1978; year <= 2200; ++year) {
        const auto h = uk_bank_holidays(year);
        const auto has_date = [&h](const Date& d) {
            return std::any_of(h.begin(), h.end(), [&d](const Holiday& x) { return x.date == d; });
        };
        EXPECT_TRUE(has_date(add_days(easter_sunday(year), -2))) << year;
        const Date christmas = make_date(year, 12, 25);
        if (weekday_of(christmas) != std::chrono::Saturday &&
            weekday_of(christmas) != std::chrono::Sunday) {
            EXPECT_TRUE(has_date(christmas)) << year;
        }
    }
}

// Easter Sunday from 1950 to 2050, one a year, from the published tables.
const char* const k_easter_sundays_1950_to_2050[] = {
    "1950-04-09", "1951-03-25", "1952-04-13", "1953-04-05", "1954-04-18", "1955-04-10",
    "1956-04-01", "1957-04-21", "1958-04-06", "1959-03-29", "1960-04-17", "1961-04-02",
    "1962-04-22", "1963-04-14", "1964-03-29", "1965-04-18", "1966-04-10", "1967-03-26",
    "1968-04-14", "1969-04-06", "1970-03-29", "1971-04-11", "1972-04-02", "1973-04-22",
    "1974-04-14", "1975-03-30", "1976-04-18", "1977-04-10", "1978-03-26", "1979-04-15",
    "1980-04-06", "1981-04-19", "1982-04-11", "1983-04-03", "1984-04-22", "1985-04-07",
    "1986-03-30", "1987-04-19", "1988-04-03", "1989-03-26", "1990-04-15", "1991-03-31",
    "1992-04-19", "1993-04-11", "1994-04-03", "1995-04-16", "1996-04-07", "1997-03-30",
    "1998-04-12", "1999-04-04", "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20",
    "2004-04-11", "2005-03-27", "2006-04-16", "2007-04-08", "2008-03-23", "2009-04-12",
    "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31", "2014-04-20", "2015-04-05",
    "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04",
    "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
    "2028-04-16", "2029-04-01", "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17",
    "2034-04-09", "2035-03-25", "2036-04-13", "2037-04-05", "2038-04-25", "2039-04-10",
    "2040-04-01", "2041-04-21", "2042-04-06", "2043-03-29", "2044-04-17", "2045-04-09",
    "2046-03-25", "2047-04-14", "2048-04-05", "2049-04-18", "2050-04-10",
};

TEST(EasterSunday, matches_the_published_dates_from_1950_to_2050) {
    ASSERT_EQ(std::size(k_easter_sundays_1950_to_2050), 101u);
    int year = 1950;
    for (const char* expected : k_easter_sundays_1950_to_2050) {
        EXPECT_EQ(format_iso_date(easter_sunday(year)), expected) << year;
        ++year;
    }
}

TEST(EasterSunday, reaches_its_earliest_and_latest_possible_dates) {
    EXPECT_EQ(easter_sunday(1818), make_date(1818, 3, 22));  // earliest: 22 March
    EXPECT_EQ(easter_sunday(2285), make_date(2285, 3, 22));
    EXPECT_EQ(easter_sunday(1886), make_date(1886, 4, 25));  // latest: 25 April
    EXPECT_EQ(easter_sunday(1943), make_date(1943, 4, 25));
    EXPECT_EQ(easter_sunday(2038), make_date(2038, 4, 25));
    EXPECT_EQ(easter_sunday(1583), make_date(1583, 4, 10));  // the first Gregorian Easter in full
}

TEST(EasterSunday, is_a_sunday_between_22_march_and_25_april_for_every_year_from_0_to_9999) {
    for (int year = 0; year <= 9999; ++year) {
        const Date e = easter_sunday(year);
        ASSERT_TRUE(e.ok()) << year;
        ASSERT_EQ(weekday_of(e), std::chrono::Sunday) << year;
        ASSERT_GE(e, make_date(year, 3, 22)) << year;
        ASSERT_LE(e, make_date(year, 4, 25)) << year;
    }
}

}  // namespace
}  // namespace civic
