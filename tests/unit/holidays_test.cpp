// SPDX-License-Identifier: AGPL-3.0-or-later
// The bank holidays of England and Wales and the date of Easter, against tables written out
// by hand: GOV.UK's published list for 2015–2027 and the rules for the years after, and a
// published table of Easter Sundays.

#include "civic/core/holidays.hpp"

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
