// SPDX-License-Identifier: AGPL-3.0-or-later
// Periods: the one parser and printer, dates, and moving between periods.

#include "civic/core/period.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "civic/core/date.hpp"

namespace civic {
namespace {

Period period(std::string_view text, PeriodOptions options = {}) {
    const auto p = parse_period(text, options);
    if (!p) ADD_FAILURE() << text << ": " << p.error();
    return p.value_or(*Period::calendar_year(2000));
}

std::string text_of(const std::optional<Period>& p) { return p ? p->to_string() : "none"; }

std::string texts_of(const std::vector<Period>& ps) {
    std::string out;
    for (const auto& p : ps) out += (out.empty() ? "" : ", ") + p.to_string();
    return out;
}

Date date(std::string_view iso) { return parse_iso_date(iso).value(); }

struct CanonicalCase {
    std::string_view text;
    PeriodKind kind;
    std::string_view kind_name;
    std::string_view start;
    std::string_view end;
};

TEST(Period, reads_every_canonical_form_back_as_written_with_its_first_and_last_day) {
    const CanonicalCase cases[] = {
        {"2025/26", PeriodKind::FinancialYear, "financial_year", "2025-04-01", "2026-03-31"},
        {"1999/00", PeriodKind::FinancialYear, "financial_year", "1999-04-01", "2000-03-31"},
        {"2025/26 Q1", PeriodKind::Quarter, "quarter", "2025-04-01", "2025-06-30"},
        {"2025/26 Q2", PeriodKind::Quarter, "quarter", "2025-07-01", "2025-09-30"},
        {"2025/26 Q3", PeriodKind::Quarter, "quarter", "2025-10-01", "2025-12-31"},
        {"2025/26 Q4", PeriodKind::Quarter, "quarter", "2026-01-01", "2026-03-31"},
        {"2023/24 Q4", PeriodKind::Quarter, "quarter", "2024-01-01", "2024-03-31"},
        {"2025-09", PeriodKind::Month, "month", "2025-09-01", "2025-09-30"},
        {"2024-02", PeriodKind::Month, "month", "2024-02-01", "2024-02-29"},
        {"2025-02", PeriodKind::Month, "month", "2025-02-01", "2025-02-28"},
        {"2025", PeriodKind::CalendarYear, "calendar_year", "2025-01-01", "2025-12-31"},
        {"AY 2025/26", PeriodKind::AcademicYear, "academic_year", "2025-09-01", "2026-08-31"},
        {"2010-14", PeriodKind::Span, "span", "2010-04-01", "2014-03-31"},
        {"2011-31", PeriodKind::Span, "span", "2011-04-01", "2031-03-31"},
        // A span ending in a year that could be read as a month keeps all four digits.
        {"2005-2009", PeriodKind::Span, "span", "2005-04-01", "2009-03-31"},
        {"1996-2000", PeriodKind::Span, "span", "1996-04-01", "2000-03-31"},
        {"0001", PeriodKind::CalendarYear, "calendar_year", "0001-01-01", "0001-12-31"},
        {"9999-12", PeriodKind::Month, "month", "9999-12-01", "9999-12-31"},
        {"9998/99 Q4", PeriodKind::Quarter, "quarter", "9999-01-01", "9999-03-31"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const Period p = period(c.text);
        EXPECT_EQ(p.kind(), c.kind);
        EXPECT_EQ(period_kind_name(p.kind()), c.kind_name);
        EXPECT_EQ(p.to_string(), c.text);
        EXPECT_EQ(format_iso_date(p.start()), c.start);
        EXPECT_EQ(format_iso_date(p.end()), c.end);
    }
}

TEST(Period, reads_every_accepted_alternative_as_its_canonical_form) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        // financial years
        {"2025-26", "2025/26"},
        {"2025/2026", "2025/26"},
        {"2025-2026", "2025/26"},
        {"1999/2000", "1999/00"},
        {"1999-00", "1999/00"},
        {"FY 2025/26", "2025/26"},
        {"fy2025-26", "2025/26"},
        {"Financial Year 2025/26", "2025/26"},
        {"  2025 / 26  ", "2025/26"},
        {"2025\xE2\x80\x93"
         "26",
         "2025/26"},  // an en dash from a word processor
        {"2025\xC2\xA0/\xC2\xA0"
         "26",
         "2025/26"},  // no-break spaces
        // quarters
        {"Q1 2025/26", "2025/26 Q1"},
        {"2025-26 Q1", "2025/26 Q1"},
        {"q1 2025-26", "2025/26 Q1"},
        {"2025/26q1", "2025/26 Q1"},
        {"2025/26 q 1", "2025/26 Q1"},
        {"Quarter 1 2025/26", "2025/26 Q1"},
        {"2025/26 Quarter 4", "2025/26 Q4"},
        {"Q1, 2025/26", "2025/26 Q1"},
        {"FY 2025/26 Q3", "2025/26 Q3"},
        {"Q3 FY2025/26", "2025/26 Q3"},
        {"2025/2026 Q2", "2025/26 Q2"},
        {"2011-12 Q4", "2011/12 Q4"},  // with a quarter, the pair can only be a financial year
        // months
        {"Sep 2025", "2025-09"},
        {"Sept 2025", "2025-09"},
        {"September 2025", "2025-09"},
        {"SEPTEMBER 2025", "2025-09"},
        {"sept. 2025", "2025-09"},
        {"September, 2025", "2025-09"},
        {"2025-9", "2025-09"},
        {"jan 2026", "2026-01"},
        {"Febuary 2024", "2024-02"},
        // calendar years
        {"CY 2025", "2025"},
        {"cy2025", "2025"},
        {"Calendar Year 2025", "2025"},
        {" 2025 ", "2025"},
        // academic years
        {"ay 2025/26", "AY 2025/26"},
        {"AY 2025-26", "AY 2025/26"},
        {"Academic year 2025/2026", "AY 2025/26"},
        // plan periods
        {"2010-2014", "2010-14"},
        {"2010 - 14", "2010-14"},
        {"2098-03", "2098-03"},  // a month, not a span to 2103
    };
    for (const auto& [text, canonical] : cases) {
        SCOPED_TRACE(text);
        EXPECT_EQ(period(text).to_string(), canonical);
    }
}

TEST(Period, reads_a_plain_pair_of_years_as_an_academic_year_only_when_asked) {
    const PeriodOptions academic{YearPair::AcademicYear};
    EXPECT_EQ(period("2025/26").kind(), PeriodKind::FinancialYear);
    EXPECT_EQ(period("2025/26", academic).to_string(), "AY 2025/26");
    EXPECT_EQ(period("2025-26", academic).to_string(), "AY 2025/26");
    EXPECT_EQ(period("2025/2026", academic).to_string(), "AY 2025/26");
    // Words and quarters say what is meant, whatever the option.
    EXPECT_EQ(period("FY 2025/26", academic).to_string(), "2025/26");
    EXPECT_EQ(period("2025/26 Q1", academic).to_string(), "2025/26 Q1");
    EXPECT_EQ(period("AY 2025/26").to_string(), "AY 2025/26");
    EXPECT_EQ(period("2025-09", academic).to_string(), "2025-09");
}

TEST(Period, reads_2011_12_as_december_2011_because_that_is_how_a_month_is_written) {
    EXPECT_EQ(period("2011-12").kind(), PeriodKind::Month);
    EXPECT_EQ(period("2011-12").to_string(), "2011-12");
    EXPECT_EQ(period("2011/12").to_string(), "2011/12");
    EXPECT_EQ(period("2005-09").kind(), PeriodKind::Month);
    EXPECT_EQ(period("2005-2009").kind(), PeriodKind::Span);
}

TEST(Period, round_trips_every_period_of_every_kind_through_the_printer_and_parser) {
    PeriodOptions academic{YearPair::AcademicYear};
    for (int y = 1990; y <= 2110; ++y) {
        std::vector<Period> all{*Period::financial_year(y), *Period::calendar_year(y),
                                *Period::academic_year(y)};
        for (unsigned m = 1; m <= 12; ++m) all.push_back(*Period::month(y, m));
        for (unsigned q = 1; q <= 4; ++q) all.push_back(*Period::quarter(y, q));
        for (int n = 2; n <= 50; ++n) all.push_back(*Period::span(y, y + n));
        for (const auto& p : all) {
            const auto back = parse_period(p.to_string());
            ASSERT_TRUE(back.has_value()) << p.to_string() << ": " << back.error();
            ASSERT_EQ(*back, p) << p.to_string() << " read back as " << back->to_string();
            const auto back_academic = parse_period(p.to_string(), academic);
            ASSERT_TRUE(back_academic.has_value()) << p.to_string();
            if (p.kind() != PeriodKind::FinancialYear) {
                ASSERT_EQ(*back_academic, p) << p.to_string();
            }
        }
    }
}

TEST(Period, rejects_what_is_not_a_period_and_says_what_to_write) {
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"2025/27",
         "\"2025/27\" is not a period Civic knows: a financial year covers two years in a row, as "
         "2025/26; write a "
         "span of years as 2010-14"},
        {"2025/2027",
         "\"2025/2027\" is not a period Civic knows: a financial year covers two years in a row, "
         "as 2025/26; write a "
         "span of years as 2010-14"},
        {"Q5 2025/26",
         "\"Q5 2025/26\" is not a period Civic knows: there is no quarter 5; a financial year has "
         "four, Q1 (April to "
         "June) to Q4 (January to March), as in 2025/26 Q1"},
        {"2025/26 Q0",
         "\"2025/26 Q0\" is not a period Civic knows: there is no quarter 0; a financial year has "
         "four, Q1 (April to "
         "June) to Q4 (January to March), as in 2025/26 Q1"},
        {"2025-13",
         "\"2025-13\" is not a period Civic knows: write a month as 2025-09 (months run from 01 to "
         "12), or a span of "
         "years as 2010-14 (at most 50 years)"},
        {"2025-00",
         "\"2025-00\" is not a period Civic knows: write a month as 2025-09 (months run from 01 to "
         "12), or a span of "
         "years as 2010-14 (at most 50 years)"},
        {"2025-0",
         "\"2025-0\" is not a period Civic knows: months run from 01 (January) to 12 (December), "
         "as in 2025-09"},
        {"0000", "\"0000\" is not a period Civic knows: years run from 0001 to 9999"},
        {"0000/01", "\"0000/01\" is not a period Civic knows: years run from 0001 to 9999"},
        {"9999/00", "\"9999/00\" is not a period Civic knows: years run from 0001 to 9999"},
        {"Q1 2025",
         "\"Q1 2025\" is not a period Civic knows: a quarter belongs to a financial year: write it "
         "as 2025/26 Q1 "
         "(April to June 2025)"},
        {"Q4 2025",
         "\"Q4 2025\" is not a period Civic knows: a quarter belongs to a financial year: write it "
         "as 2025/26 Q4 "
         "(January to March 2026)"},
        {"FY 2025",
         "\"FY 2025\" is not a period Civic knows: write a financial year with both its years, as "
         "2025/26"},
        {"AY 2025",
         "\"AY 2025\" is not a period Civic knows: write an academic year with both its years, as "
         "AY 2025/26"},
        {"AY 2025/27",
         "\"AY 2025/27\" is not a period Civic knows: an academic year covers two years in a row, "
         "as AY 2025/26"},
        {"CY 2025/26",
         "\"CY 2025/26\" is not a period Civic knows: a calendar year is one year, written as "
         "2025"},
        {"AY 2025/26 Q1",
         "\"AY 2025/26 Q1\" is not a period Civic knows: a quarter belongs to a financial year: "
         "write it as 2025/26 Q1"},
        {"2014-2010",
         "\"2014-2010\" is not a period Civic knows: the first year of a span of years comes "
         "before the last, as in "
         "2010-14"},
        {"2010-2070",
         "\"2010-2070\" is not a period Civic knows: write a month as 2025-09 (months run from 01 "
         "to 12), or a span of "
         "years as 2010-14 (at most 50 years)"},
        {"Smarch 2025",
         "\"Smarch 2025\" is not a period Civic knows: write a financial year as 2025/26, a "
         "quarter as 2025/26 Q1, or "
         "a month as 2025-09"},
        {"13/2025",
         "\"13/2025\" is not a period Civic knows: write a financial year as 2025/26, a quarter as "
         "2025/26 Q1, or a "
         "month as 2025-09"},
        {"25/26",
         "\"25/26\" is not a period Civic knows: write a financial year as 2025/26, a quarter as "
         "2025/26 Q1, or a "
         "month as 2025-09"},
        {"2025/26 Q1 draft",
         "\"2025/26 Q1 draft\" is not a period Civic knows: write a financial year as 2025/26, a "
         "quarter as 2025/26 "
         "Q1, or a month as 2025-09"},
        {"  ",
         "No period given: write a financial year as 2025/26, a quarter as 2025/26 Q1, or a month "
         "as 2025-09"},
        {"",
         "No period given: write a financial year as 2025/26, a quarter as 2025/26 Q1, or a month "
         "as 2025-09"},
    };
    for (const auto& [text, message] : cases) {
        SCOPED_TRACE(text);
        const auto p = parse_period(text);
        ASSERT_FALSE(p.has_value()) << p->to_string();
        EXPECT_EQ(p.error(), message);
    }
}

TEST(Period, quotes_only_the_start_of_long_text_in_an_error) {
    const auto p =
        parse_period("The quarter after the one in which the committee first met, more or less");
    ASSERT_FALSE(p.has_value());
    EXPECT_EQ(p.error(),
              "\"The quarter after the one in which the c…\" is not a period Civic knows: write a "
              "financial year as "
              "2025/26, a quarter as 2025/26 Q1, or a month as 2025-09");
}

struct FamilyCase {
    std::string_view period;
    std::string_view parent;
    std::string_view children;
    std::string_view previous;
    std::string_view next;
    std::string_view same_last_year;
};

TEST(Period, knows_its_parent_children_neighbours_and_the_same_period_last_year) {
    const FamilyCase cases[] = {
        {"2025/26", "none", "2025/26 Q1, 2025/26 Q2, 2025/26 Q3, 2025/26 Q4", "2024/25", "2026/27",
         "2024/25"},
        {"1999/00", "none", "1999/00 Q1, 1999/00 Q2, 1999/00 Q3, 1999/00 Q4", "1998/99", "2000/01",
         "1998/99"},
        {"2025/26 Q1", "2025/26", "2025-04, 2025-05, 2025-06", "2024/25 Q4", "2025/26 Q2",
         "2024/25 Q1"},
        {"2025/26 Q3", "2025/26", "2025-10, 2025-11, 2025-12", "2025/26 Q2", "2025/26 Q4",
         "2024/25 Q3"},
        {"2025/26 Q4", "2025/26", "2026-01, 2026-02, 2026-03", "2025/26 Q3", "2026/27 Q1",
         "2024/25 Q4"},
        {"2025-04", "2025/26 Q1", "", "2025-03", "2025-05", "2024-04"},
        {"2025-03", "2024/25 Q4", "", "2025-02", "2025-04", "2024-03"},
        {"2026-01", "2025/26 Q4", "", "2025-12", "2026-02", "2025-01"},
        {"2025-12", "2025/26 Q3", "", "2025-11", "2026-01", "2024-12"},
        {"2025", "none",
         "2025-01, 2025-02, 2025-03, 2025-04, 2025-05, 2025-06, 2025-07, 2025-08, 2025-09, "
         "2025-10, 2025-11, 2025-12",
         "2024", "2026", "2024"},
        {"AY 2025/26", "none",
         "2025-09, 2025-10, 2025-11, 2025-12, 2026-01, 2026-02, 2026-03, 2026-04, 2026-05, "
         "2026-06, 2026-07, 2026-08",
         "AY 2024/25", "AY 2026/27", "AY 2024/25"},
        {"2010-14", "none", "2010/11, 2011/12, 2012/13, 2013/14", "2006-2010", "2014-18",
         "2009-13"},
        {"2005-2009", "none", "2005/06, 2006/07, 2007/08, 2008/09", "2001-2005", "2009-13",
         "2004-2008"},
        // At the edge of the years Civic knows, there is nothing further.
        {"0001-01", "none", "", "none", "0001-02", "none"},
        {"0001-04", "0001/02 Q1", "", "0001-03", "0001-05", "none"},
        // October–December 9999 is a quarter of 9999/00, which would end in the year 10000.
        {"9999-12", "none", "", "9999-11", "none", "9998-12"},
        {"9998/99", "none", "9998/99 Q1, 9998/99 Q2, 9998/99 Q3, 9998/99 Q4", "9997/98", "none",
         "9997/98"},
        {"0001/02 Q1", "0001/02", "0001-04, 0001-05, 0001-06", "none", "0001/02 Q2", "none"},
        {"9950-99", "none", "", "9901-50", "none", "9949-98"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.period);
        const Period p = period(c.period);
        EXPECT_EQ(text_of(p.parent()), c.parent);
        if (p.kind() != PeriodKind::Span || !c.children.empty()) {
            EXPECT_EQ(texts_of(p.children()), c.children);
        }
        EXPECT_EQ(text_of(p.previous()), c.previous);
        EXPECT_EQ(text_of(p.next()), c.next);
        EXPECT_EQ(text_of(p.same_last_year()), c.same_last_year);
    }
}

TEST(Period, children_of_a_period_cover_it_day_for_day) {
    for (const auto text : {"2025/26", "2025/26 Q4", "2025", "AY 2025/26", "2010-14"}) {
        SCOPED_TRACE(text);
        const Period p = period(text);
        const auto children = p.children();
        ASSERT_FALSE(children.empty());
        EXPECT_EQ(children.front().start(), p.start());
        EXPECT_EQ(children.back().end(), p.end());
        for (std::size_t i = 1; i < children.size(); ++i)
            EXPECT_EQ(add_days(children[i - 1].end(), 1), children[i].start());
        // A year's quarters and a quarter's months name it as their parent.
        if (p.kind() == PeriodKind::FinancialYear || p.kind() == PeriodKind::Quarter) {
            for (const auto& c : children) EXPECT_EQ(text_of(c.parent()), p.to_string());
        }
    }
}

TEST(Period, contains_the_days_from_its_start_to_its_end_and_no_others) {
    const Period fy = period("2025/26");
    EXPECT_FALSE(fy.contains(date("2025-03-31")));
    EXPECT_TRUE(fy.contains(date("2025-04-01")));
    EXPECT_TRUE(fy.contains(date("2026-03-31")));
    EXPECT_FALSE(fy.contains(date("2026-04-01")));
    const Period q4 = period("2025/26 Q4");
    EXPECT_TRUE(q4.contains(date("2026-02-15")));
    EXPECT_FALSE(q4.contains(date("2025-12-31")));
    EXPECT_TRUE(period("2024-02").contains(date("2024-02-29")));
}

TEST(Period, finds_the_period_of_each_kind_that_holds_a_date) {
    struct Case {
        std::string_view date;
        PeriodKind kind;
        std::string_view period;
    };
    const Case cases[] = {
        {"2025-03-31", PeriodKind::FinancialYear, "2024/25"},
        {"2025-04-01", PeriodKind::FinancialYear, "2025/26"},
        {"2025-04-01", PeriodKind::Quarter, "2025/26 Q1"},
        {"2025-09-30", PeriodKind::Quarter, "2025/26 Q2"},
        {"2025-10-01", PeriodKind::Quarter, "2025/26 Q3"},
        {"2026-02-15", PeriodKind::Quarter, "2025/26 Q4"},
        {"2025-09-17", PeriodKind::Month, "2025-09"},
        {"2025-12-31", PeriodKind::CalendarYear, "2025"},
        {"2025-08-31", PeriodKind::AcademicYear, "AY 2024/25"},
        {"2025-09-01", PeriodKind::AcademicYear, "AY 2025/26"},
        {"2025-09-01", PeriodKind::Span, "none"},
        {"0001-02-01", PeriodKind::FinancialYear, "none"},
        {"0001-02-01", PeriodKind::Month, "0001-02"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.date);
        EXPECT_EQ(text_of(period_containing(date(c.date), c.kind)), c.period);
    }
}

TEST(Period, sorts_by_start_with_the_longer_period_first) {
    std::vector<Period> ps{period("2025-05"), period("2025/26 Q1"), period("2025-04"),
                           period("2025/26"), period("2024/25 Q4"), period("2025"),
                           period("2010-14"), period("AY 2025/26")};
    std::sort(ps.begin(), ps.end());
    EXPECT_EQ(texts_of(ps),
              "2010-14, 2025, 2024/25 Q4, 2025/26, 2025/26 Q1, 2025-04, 2025-05, AY 2025/26");
    EXPECT_EQ(period("2025/26"), period("2025-26"));
    EXPECT_NE(period("2025/26"), period("AY 2025/26"));
    EXPECT_LT(period("2024/25 Q4"), period("2025/26 Q1"));
}

TEST(Period, refuses_to_make_periods_that_do_not_exist) {
    EXPECT_FALSE(Period::month(2025, 0));
    EXPECT_FALSE(Period::month(2025, 13));
    EXPECT_FALSE(Period::month(0, 1));
    EXPECT_FALSE(Period::month(10000, 1));
    EXPECT_FALSE(Period::quarter(2025, 5));
    EXPECT_FALSE(Period::quarter(9999, 1));
    EXPECT_FALSE(Period::financial_year(0));
    EXPECT_FALSE(Period::academic_year(9999));
    EXPECT_FALSE(Period::calendar_year(0));
    EXPECT_FALSE(Period::span(2010, 2011));
    EXPECT_FALSE(Period::span(2010, 2061));
    EXPECT_TRUE(Period::span(2010, 2060));
    EXPECT_EQ(Period::quarter(2025, 4)->year(), 2025);
    EXPECT_EQ(Period::quarter(2025, 4)->number(), 4u);
    EXPECT_EQ(Period::month(2025, 9)->number(), 9u);
    EXPECT_EQ(Period::financial_year(2025)->number(), 0u);
}

TEST(Period, reads_month_names_and_their_common_abbreviations_in_any_case) {
    EXPECT_EQ(month_from_name("Sept"), 9u);
    EXPECT_EQ(month_from_name("sep"), 9u);
    EXPECT_EQ(month_from_name("SEPTEMBER"), 9u);
    EXPECT_EQ(month_from_name("Jun"), 6u);
    EXPECT_EQ(month_from_name("may"), 5u);
    EXPECT_FALSE(month_from_name("Septem"));
    EXPECT_FALSE(month_from_name(""));
    EXPECT_FALSE(month_from_name("Smarch"));
}

}  // namespace
}  // namespace civic
