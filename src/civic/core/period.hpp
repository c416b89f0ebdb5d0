// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The periods a council plans and reports by: months, quarters of the financial year,
// financial years (1 April – 31 March), calendar years, academic years (1 September –
// 31 August) and multi-year plan periods. One parser and one printer, so whatever text an
// officer types, Civic stores and shows one canonical form:
//
//   month           2025-09      also "Sep 2025", "Sept 2025", "September 2025"
//   quarter         2025/26 Q1   also "Q1 2025/26", "2025-26 Q1", "FY 2025/26 Quarter 1"
//   financial year  2025/26      also "2025-26", "2025/2026", "FY 2025/26"
//   calendar year   2025         also "CY 2025", "calendar year 2025"
//   academic year   AY 2025/26   also "academic year 2025/26", and plain "2025/26" when the
//                                caller asks for academic years (PeriodOptions)
//   plan period     2010-14      also "2010-2014"; see PeriodKind::Span
//
// "2011-12" is December 2011, not the financial year 2011/12: the ISO month is the
// canonical form of a month, so it must read back as the month. Write the year with a
// slash. Years run from 0001 to 9999; a period that would reach past them does not exist.

#include <compare>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/date.hpp"

namespace civic {

enum class PeriodKind {
    Month,
    Quarter,        // a quarter of the financial year: Q1 April–June … Q4 January–March
    FinancialYear,  // 1 April to 31 March
    CalendarYear,
    AcademicYear,  // 1 September to 31 August
    // A plan period of whole financial years, as a council names its plans: "Corporate
    // Plan 2010-14" runs from 1 April 2010 to 31 March 2014, the financial years 2010/11
    // to 2013/14. At least two years (a single one is a financial year) and at most 50.
    Span,
};

// "month", "quarter", "financial_year", "calendar_year", "academic_year", "span".
std::string_view period_kind_name(PeriodKind kind);

// What a plain pair of years such as "2025/26" means: councils mean the financial year,
// schools and education services the academic year.
enum class YearPair { FinancialYear, AcademicYear };

struct PeriodOptions {
    YearPair year_pair = YearPair::FinancialYear;
};

class Period {
public:
    // Each returns nullopt when the period does not exist (month 13, quarter 5) or would
    // reach outside the years 0001–9999.
    static std::optional<Period> month(int year, unsigned month);
    // Quarter q of the financial year that starts on 1 April of first_year.
    static std::optional<Period> quarter(int first_year, unsigned q);
    static std::optional<Period> financial_year(int first_year);
    static std::optional<Period> calendar_year(int year);
    static std::optional<Period> academic_year(int first_year);
    // The financial years first_year/… to (last_year - 1)/last_year: span(2010, 2014) is
    // "2010-14".
    static std::optional<Period> span(int first_year, int last_year);

    PeriodKind kind() const { return m_kind; }
    // The year the period starts in (for a quarter, the first year of its financial year:
    // 2025/26 Q4 has year 2025 although it runs January–March 2026).
    int year() const { return m_year; }
    // The month (1–12) of a month, the quarter (1–4) of a quarter; 0 for the others.
    unsigned number() const { return m_number; }

    // The canonical text, which parse_period reads back as this period.
    std::string to_string() const;

    // The first and last day, both inclusive.
    Date start() const;
    Date end() const;
    bool contains(const Date& d) const;

    // A month's quarter, a quarter's financial year; nullopt for the others.
    std::optional<Period> parent() const;
    // A financial year's quarters, a quarter's months, a calendar or academic year's
    // months, a plan period's financial years; empty for a month. In date order.
    std::vector<Period> children() const;
    // The period of the same kind and length just before (after) this one; nullopt only at
    // the edge of the years Civic knows.
    std::optional<Period> previous() const;
    std::optional<Period> next() const;
    // The same period a year earlier: 2025/26 Q1 → 2024/25 Q1, 2025-09 → 2024-09.
    std::optional<Period> same_last_year() const;

    friend bool operator==(const Period&, const Period&) = default;
    // Date order: by start, then the longer period first (a year before its first
    // quarter, a quarter before its first month), then by kind.
    std::strong_ordering operator<=>(const Period& other) const;

private:
    Period(PeriodKind kind, int year, unsigned number, int last_year)
        : m_kind(kind), m_year(year), m_number(number), m_last_year(last_year) {}

    PeriodKind m_kind;
    int m_year;
    unsigned m_number;  // month or quarter
    int m_last_year;    // a span's last year; 0 for the others
};

// Reads a period written in any of the forms above, forgiving of case and spacing. An
// error names what was expected, in words an officer understands.
std::expected<Period, std::string> parse_period(std::string_view text, PeriodOptions options = {});

// The period of the given kind that holds d; nullopt for PeriodKind::Span (a date does not
// say which plan period is meant) and outside the years Civic knows.
std::optional<Period> period_containing(const Date& d, PeriodKind kind);

// 1–12 for a month's name or its common abbreviation ("Sep", "Sept", "September"), any
// case; nullopt otherwise.
std::optional<unsigned> month_from_name(std::string_view name);

}  // namespace civic
