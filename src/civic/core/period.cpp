// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/period.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <tuple>

namespace civic {
namespace {

constexpr int k_first_year = 1;
constexpr int k_last_year = 9999;
constexpr int k_longest_span = 50;
// No period is written in more than a few words; longer text is refused before any work.
constexpr std::size_t k_longest_text = 64;

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// The officer's words, quoted back in an error: short, and never cut inside a UTF-8 letter.
std::string quoted(std::string_view text) {
    text = trim(text);
    constexpr std::size_t k_most = 40;
    if (text.size() <= k_most) return fmt::format("\"{}\"", text);
    std::size_t cut = k_most;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return fmt::format("\"{}…\"", text.substr(0, cut));
}

std::string unknown_period(std::string_view text) {
    return fmt::format(
        "{} is not a period Civic knows: write a financial year as 2025/26, a quarter as "
        "2025/26 Q1, or a month as 2025-09",
        quoted(text));
}

std::string not_a_period(std::string_view text, std::string_view why) {
    return fmt::format("{} is not a period Civic knows: {}", quoted(text), why);
}

std::string year_pair(int first_year) {
    return fmt::format("{:04}/{:02}", first_year, (first_year + 1) % 100);
}

struct Token {
    enum class Type { Word, Number, Symbol };
    Type type;
    std::string text;  // lower case
};

// Letters, digits and single symbols; spaces only separate. Dashes and the no-break space
// that word processors put into "2025–26" are read as their plain forms. Anything else
// outside ASCII makes the text unreadable as a period.
std::optional<std::vector<Token>> tokenize(std::string_view text) {
    std::vector<Token> out;
    std::size_t i = 0;
    auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < text.size()) {
        const char c = text[i];
        if (is_space(c)) {
            ++i;
        } else if (is_alpha(c) || is_digit(c)) {
            const bool alpha = is_alpha(c);
            std::size_t j = i;
            while (j < text.size() && (alpha ? is_alpha(text[j]) : is_digit(text[j]))) ++j;
            out.push_back({alpha ? Token::Type::Word : Token::Type::Number,
                           lower_ascii(text.substr(i, j - i))});
            i = j;
        } else if (text.substr(i, 2) == "\xC2\xA0") {
            i += 2;
        } else if (text.substr(i, 3) == "\xE2\x80\x93" || text.substr(i, 3) == "\xE2\x80\x94" ||
                   text.substr(i, 3) == "\xE2\x88\x92") {
            out.push_back({Token::Type::Symbol, "-"});
            i += 3;
        } else if (static_cast<unsigned char>(c) < 0x80) {
            out.push_back({Token::Type::Symbol, std::string(1, c)});
            ++i;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

std::optional<int> number_of(const Token& t) {
    if (t.type != Token::Type::Number || t.text.size() > 4) return std::nullopt;
    int value = 0;
    std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
    return value;
}

bool is_word(const std::vector<Token>& t, std::size_t i, std::string_view w) {
    return i < t.size() && t[i].type == Token::Type::Word && t[i].text == w;
}

bool is_symbol(const std::vector<Token>& t, std::size_t i, std::string_view s) {
    return i < t.size() && t[i].type == Token::Type::Symbol && t[i].text == s;
}

enum class Prefix { None, Financial, Academic, Calendar };

}  // namespace

std::string_view period_kind_name(PeriodKind kind) {
    switch (kind) {
        case PeriodKind::Month:
            return "month";
        case PeriodKind::Quarter:
            return "quarter";
        case PeriodKind::FinancialYear:
            return "financial_year";
        case PeriodKind::CalendarYear:
            return "calendar_year";
        case PeriodKind::AcademicYear:
            return "academic_year";
        case PeriodKind::Span:
            return "span";
    }
    return "unknown";
}

std::optional<Period> Period::month(int year, unsigned month) {
    if (year < k_first_year || year > k_last_year || month < 1 || month > 12) return std::nullopt;
    return Period{PeriodKind::Month, year, month, 0};
}

std::optional<Period> Period::quarter(int first_year, unsigned q) {
    if (first_year < k_first_year || first_year >= k_last_year || q < 1 || q > 4)
        return std::nullopt;
    return Period{PeriodKind::Quarter, first_year, q, 0};
}

std::optional<Period> Period::financial_year(int first_year) {
    if (first_year < k_first_year || first_year >= k_last_year) return std::nullopt;
    return Period{PeriodKind::FinancialYear, first_year, 0, 0};
}

std::optional<Period> Period::calendar_year(int year) {
    if (year < k_first_year || year > k_last_year) return std::nullopt;
    return Period{PeriodKind::CalendarYear, year, 0, 0};
}

std::optional<Period> Period::academic_year(int first_year) {
    if (first_year < k_first_year || first_year >= k_last_year) return std::nullopt;
    return Period{PeriodKind::AcademicYear, first_year, 0, 0};
}

std::optional<Period> Period::span(int first_year, int last_year) {
    if (first_year < k_first_year || last_year > k_last_year) return std::nullopt;
    const int years = last_year - first_year;
    if (years < 2 || years > k_longest_span) return std::nullopt;
    return Period{PeriodKind::Span, first_year, 0, last_year};
}

std::string Period::to_string() const {
    switch (m_kind) {
        case PeriodKind::Month:
            return fmt::format("{:04}-{:02}", m_year, m_number);
        case PeriodKind::Quarter:
            return fmt::format("{} Q{}", year_pair(m_year), m_number);
        case PeriodKind::FinancialYear:
            return year_pair(m_year);
        case PeriodKind::CalendarYear:
            return fmt::format("{:04}", m_year);
        case PeriodKind::AcademicYear:
            return fmt::format("AY {}", year_pair(m_year));
        case PeriodKind::Span: {
            // "2005-09" is September 2005, so a span ending in a year whose last two digits
            // could be a month is written with all four.
            const int tail = m_last_year % 100;
            if (tail <= 12) return fmt::format("{:04}-{:04}", m_year, m_last_year);
            return fmt::format("{:04}-{:02}", m_year, tail);
        }
    }
    return {};
}

Date Period::start() const {
    switch (m_kind) {
        case PeriodKind::Month:
            return make_date(m_year, m_number, 1);
        case PeriodKind::Quarter: {
            const unsigned m = 4 + 3 * (m_number - 1);
            return m > 12 ? make_date(m_year + 1, m - 12, 1) : make_date(m_year, m, 1);
        }
        case PeriodKind::FinancialYear:
        case PeriodKind::Span:
            return make_date(m_year, 4, 1);
        case PeriodKind::CalendarYear:
            return make_date(m_year, 1, 1);
        case PeriodKind::AcademicYear:
            return make_date(m_year, 9, 1);
    }
    return make_date(m_year, 1, 1);
}

Date Period::end() const {
    switch (m_kind) {
        case PeriodKind::Month:
            return end_of_month(start());
        case PeriodKind::Quarter: {
            const Date first = start();
            const unsigned m = unsigned(first.month()) + 2;
            return end_of_month(make_date(int(first.year()), m, 1));
        }
        case PeriodKind::FinancialYear:
            return make_date(m_year + 1, 3, 31);
        case PeriodKind::CalendarYear:
            return make_date(m_year, 12, 31);
        case PeriodKind::AcademicYear:
            return make_date(m_year + 1, 8, 31);
        case PeriodKind::Span:
            return make_date(m_last_year, 3, 31);
    }
    return start();
}

bool Period::contains(const Date& d) const { return start() <= d && d <= end(); }

std::optional<Period> Period::parent() const {
    switch (m_kind) {
        case PeriodKind::Month:
            if (m_number >= 4) return quarter(m_year, (m_number - 4) / 3 + 1);
            return quarter(m_year - 1, 4);
        case PeriodKind::Quarter:
            return financial_year(m_year);
        default:
            return std::nullopt;
    }
}

std::vector<Period> Period::children() const {
    std::vector<Period> out;
    auto months_from = [&](int year, unsigned month, int count) {
        for (int i = 0; i < count; ++i) {
            out.push_back(Period{PeriodKind::Month, year, month, 0});
            if (++month > 12) month = 1, ++year;
        }
    };
    switch (m_kind) {
        case PeriodKind::Month:
            break;
        case PeriodKind::Quarter: {
            const Date first = start();
            months_from(int(first.year()), unsigned(first.month()), 3);
            break;
        }
        case PeriodKind::FinancialYear:
            for (unsigned q = 1; q <= 4; ++q)
                out.push_back(Period{PeriodKind::Quarter, m_year, q, 0});
            break;
        case PeriodKind::CalendarYear:
            months_from(m_year, 1, 12);
            break;
        case PeriodKind::AcademicYear:
            months_from(m_year, 9, 12);
            break;
        case PeriodKind::Span:
            for (int y = m_year; y < m_last_year; ++y)
                out.push_back(Period{PeriodKind::FinancialYear, y, 0, 0});
            break;
    }
    return out;
}

std::optional<Period> Period::previous() const {
    switch (m_kind) {
        case PeriodKind::Month:
            return m_number == 1 ? month(m_year - 1, 12) : month(m_year, m_number - 1);
        case PeriodKind::Quarter:
            return m_number == 1 ? quarter(m_year - 1, 4) : quarter(m_year, m_number - 1);
        case PeriodKind::FinancialYear:
            return financial_year(m_year - 1);
        case PeriodKind::CalendarYear:
            return calendar_year(m_year - 1);
        case PeriodKind::AcademicYear:
            return academic_year(m_year - 1);
        case PeriodKind::Span:
            return span(m_year - (m_last_year - m_year), m_year);
    }
    return std::nullopt;
}

std::optional<Period> Period::next() const {
    switch (m_kind) {
        case PeriodKind::Month:
            return m_number == 12 ? month(m_year + 1, 1) : month(m_year, m_number + 1);
        case PeriodKind::Quarter:
            return m_number == 4 ? quarter(m_year + 1, 1) : quarter(m_year, m_number + 1);
        case PeriodKind::FinancialYear:
            return financial_year(m_year + 1);
        case PeriodKind::CalendarYear:
            return calendar_year(m_year + 1);
        case PeriodKind::AcademicYear:
            return academic_year(m_year + 1);
        case PeriodKind::Span:
            return span(m_last_year, m_last_year + (m_last_year - m_year));
    }
    return std::nullopt;
}

std::optional<Period> Period::same_last_year() const {
    switch (m_kind) {
        case PeriodKind::Month:
            return month(m_year - 1, m_number);
        case PeriodKind::Quarter:
            return quarter(m_year - 1, m_number);
        case PeriodKind::FinancialYear:
            return financial_year(m_year - 1);
        case PeriodKind::CalendarYear:
            return calendar_year(m_year - 1);
        case PeriodKind::AcademicYear:
            return academic_year(m_year - 1);
        case PeriodKind::Span:
            return span(m_year - 1, m_last_year - 1);
    }
    return std::nullopt;
}

std::strong_ordering Period::operator<=>(const Period& other) const {
    if (const auto c = start() <=> other.start(); c != 0) return c;
    if (const auto c = other.end() <=> end(); c != 0) return c;
    // Start, end and kind together fix the period, so this agrees with ==.
    return m_kind <=> other.m_kind;
}

std::optional<unsigned> month_from_name(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, unsigned>, 25> k_names{{
        {"jan", 1},      {"january", 1}, {"feb", 2},       {"february", 2},  {"febuary", 2},
        {"mar", 3},      {"march", 3},   {"apr", 4},       {"april", 4},     {"may", 5},
        {"jun", 6},      {"june", 6},    {"jul", 7},       {"july", 7},      {"aug", 8},
        {"august", 8},   {"sep", 9},     {"sept", 9},      {"september", 9}, {"oct", 10},
        {"october", 10}, {"nov", 11},    {"november", 11}, {"dec", 12},      {"december", 12},
    }};
    if (name.size() > 9) return std::nullopt;
    const std::string lower = lower_ascii(name);
    for (const auto& [n, m] : k_names)
        if (n == lower) return m;
    return std::nullopt;
}

std::expected<Period, std::string> parse_period(std::string_view text, PeriodOptions options) {
    if (trim(text).empty())
        return std::unexpected(std::string(
            "No period given: write a financial year as 2025/26, a quarter as 2025/26 Q1, or a "
            "month as 2025-09"));
    if (text.size() > k_longest_text) return std::unexpected(unknown_period(text));
    auto tokens = tokenize(text);
    if (!tokens) return std::unexpected(unknown_period(text));
    std::vector<Token> t = std::move(*tokens);
    const auto years_out_of_range = [&] {
        return not_a_period(text,
                            fmt::format("years run from {:04} to {}", k_first_year, k_last_year));
    };

    // "Q1" or "Quarter 1", before or after the year.
    std::optional<int> quarter;
    std::string quarter_written;
    auto quarter_at = [&](std::size_t i) {
        return (is_word(t, i, "q") || is_word(t, i, "quarter") || is_word(t, i, "qtr")) &&
               i + 1 < t.size() && t[i + 1].type == Token::Type::Number;
    };
    if (quarter_at(0)) {
        quarter = number_of(t[1]).value_or(0);
        quarter_written = t[1].text;
        t.erase(t.begin(), t.begin() + 2);
    } else if (t.size() >= 2 && quarter_at(t.size() - 2)) {
        quarter = number_of(t.back()).value_or(0);
        quarter_written = t.back().text;
        t.resize(t.size() - 2);
    }

    // "Q1, 2025/26": a comma left behind by the quarter says nothing.
    while (!t.empty() && is_symbol(t, 0, ",")) t.erase(t.begin());
    while (!t.empty() && is_symbol(t, t.size() - 1, ",")) t.pop_back();

    Prefix prefix = Prefix::None;
    const std::array<std::tuple<std::string_view, std::string_view, Prefix>, 3> k_prefixes{{
        {"fy", "financial", Prefix::Financial},
        {"ay", "academic", Prefix::Academic},
        {"cy", "calendar", Prefix::Calendar},
    }};
    for (const auto& [short_form, long_form, p] : k_prefixes) {
        if (is_word(t, 0, short_form)) {
            prefix = p;
            t.erase(t.begin());
            break;
        }
        if (is_word(t, 0, long_form) && is_word(t, 1, "year")) {
            prefix = p;
            t.erase(t.begin(), t.begin() + 2);
            break;
        }
    }

    if (quarter && (*quarter < 1 || *quarter > 4))
        return std::unexpected(not_a_period(
            text, fmt::format(
                      "there is no quarter {}; a financial year has four, Q1 (April to June) to Q4 "
                      "(January to March), as in 2025/26 Q1",
                      quarter_written)));
    if (quarter && prefix != Prefix::None && prefix != Prefix::Financial)
        return std::unexpected(
            not_a_period(text, "a quarter belongs to a financial year: write it as 2025/26 Q1"));

    // A month by name: "Sep 2025", "September, 2025", "Sept. 2025".
    if (!t.empty() && t[0].type == Token::Type::Word) {
        const auto m = month_from_name(t[0].text);
        std::size_t i = 1;
        if (is_symbol(t, i, ".") || is_symbol(t, i, ",")) ++i;
        if (!m || prefix != Prefix::None || quarter || i + 1 != t.size())
            return std::unexpected(unknown_period(text));
        if (t[i].type != Token::Type::Number || t[i].text.size() != 4)
            return std::unexpected(unknown_period(text));
        const auto period = Period::month(*number_of(t[i]), *m);
        if (!period) return std::unexpected(years_out_of_range());
        return *period;
    }

    if (t.empty() || t[0].type != Token::Type::Number || t[0].text.size() != 4)
        return std::unexpected(unknown_period(text));
    const int first = *number_of(t[0]);
    if (first < k_first_year) return std::unexpected(years_out_of_range());

    // One year: "2025", "CY 2025".
    if (t.size() == 1) {
        if (quarter) {
            // "Q1 2025" names a year but not which financial year; offer the one starting in it.
            static constexpr std::array<std::string_view, 4> k_months{
                "April to June", "July to September", "October to December", "January to March"};
            return std::unexpected(not_a_period(
                text,
                fmt::format("a quarter belongs to a financial year: write it as {} Q{} ({} {})",
                            year_pair(first), *quarter, k_months[*quarter - 1],
                            *quarter == 4 ? first + 1 : first)));
        }
        if (prefix == Prefix::Financial)
            return std::unexpected(
                not_a_period(text, fmt::format("write a financial year with both its years, as {}",
                                               year_pair(first))));
        if (prefix == Prefix::Academic)
            return std::unexpected(not_a_period(
                text, fmt::format("write an academic year with both its years, as AY {}",
                                  year_pair(first))));
        return *Period::calendar_year(first);
    }

    if (t.size() != 3 || t[1].type != Token::Type::Symbol ||
        (t[1].text != "/" && t[1].text != "-") || t[2].type != Token::Type::Number)
        return std::unexpected(unknown_period(text));
    const bool dash = t[1].text == "-";
    const std::size_t digits = t[2].text.size();
    if (digits == 3 || digits > 4) return std::unexpected(unknown_period(text));
    const int second = *number_of(t[2]);
    const bool plain = prefix == Prefix::None && !quarter;

    // "2025-09" is a month. It wins over the financial year "2011-12" because it is the
    // canonical form of a month and must read back as one.
    if (dash && plain && digits <= 2 && second >= 1 && second <= 12)
        return *Period::month(first, second);
    if (dash && plain && digits == 1)
        return std::unexpected(
            not_a_period(text, "months run from 01 (January) to 12 (December), as in 2025-09"));

    const bool in_a_row =
        digits == 4 ? second == first + 1 : digits == 2 && second == (first + 1) % 100;
    if (in_a_row) {
        if (first >= k_last_year) return std::unexpected(years_out_of_range());
        if (quarter) return *Period::quarter(first, *quarter);
        switch (prefix) {
            case Prefix::Financial:
                return *Period::financial_year(first);
            case Prefix::Academic:
                return *Period::academic_year(first);
            case Prefix::Calendar:
                return std::unexpected(not_a_period(
                    text, fmt::format("a calendar year is one year, written as {:04}", first)));
            case Prefix::None:
                break;
        }
        return options.year_pair == YearPair::AcademicYear ? *Period::academic_year(first)
                                                           : *Period::financial_year(first);
    }

    // A plan period: "2010-14", "2010-2014".
    if (dash && plain) {
        int last = second;
        if (digits == 2) {
            last = first - first % 100 + second;
            if (last <= first) last += 100;
        }
        if (const auto period = Period::span(first, last)) return *period;
        if (last > k_last_year) return std::unexpected(years_out_of_range());
        if (digits == 4 && last <= first)
            return std::unexpected(not_a_period(
                text, "the first year of a span of years comes before the last, as in 2010-14"));
        return std::unexpected(
            not_a_period(text, fmt::format("write a month as 2025-09 (months run from 01 to 12), "
                                           "or a span of years as 2010-14 "
                                           "(at most {} years)",
                                           k_longest_span)));
    }

    if (prefix == Prefix::Academic)
        return std::unexpected(not_a_period(
            text,
            fmt::format("an academic year covers two years in a row, as AY {}", year_pair(first))));
    return std::unexpected(not_a_period(
        text,
        fmt::format(
            "a financial year covers two years in a row, as {}; write a span of years as 2010-14",
            first < k_last_year ? year_pair(first) : std::string("2025/26"))));
}

std::optional<Period> period_containing(const Date& d, PeriodKind kind) {
    const int y = int(d.year());
    const unsigned m = unsigned(d.month());
    switch (kind) {
        case PeriodKind::Month:
            return Period::month(y, m);
        case PeriodKind::Quarter: {
            const auto month = Period::month(y, m);
            return month ? month->parent() : std::nullopt;
        }
        case PeriodKind::FinancialYear:
            return Period::financial_year(m >= 4 ? y : y - 1);
        case PeriodKind::CalendarYear:
            return Period::calendar_year(y);
        case PeriodKind::AcademicYear:
            return Period::academic_year(m >= 9 ? y : y - 1);
        case PeriodKind::Span:
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace civic
