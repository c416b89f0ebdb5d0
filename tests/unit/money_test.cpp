// SPDX-License-Identifier: AGPL-3.0-or-later
// Money: amounts as council papers write them, read into pence and printed back.

#include "civic/core/money.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace civic {
namespace {

constexpr Pence k_most = std::numeric_limits<Pence>::max();
constexpr Pence k_least = std::numeric_limits<Pence>::min();

struct ParseCase {
    std::string text;
    Pence pence;
};

TEST(Money, reads_amounts_as_council_papers_and_officers_write_them) {
    const std::vector<ParseCase> cases = {
        {"£26.849M", 2'684'900'000},
        {"£1.2M", 120'000'000},
        {"£500K", 50'000'000},
        {"£500", 50'000},
        {"26,849,000", 2'684'900'000},
        {"£1,234.56", 123'456},
        {"-£500", -50'000},
        {"(£500)", -50'000},
        {"£0.5bn", 50'000'000'000},
        {"5m", 500'000'000},
        {"  £500  ", 50'000},
        {"\t£1.2M\n", 120'000'000},
        {"£100K", 10'000'000},
        {"£5M", 500'000'000},
        {"£1.50", 150},
        {"£0.01", 1},
        {"£0", 0},
        {"-£0", 0},
        {"500", 50'000},
        {"£1.2 million", 120'000'000},
        {"£3 thousand", 300'000},
        {"£2.5 billion", 250'000'000'000},
        {"£7.5mn", 750'000'000},
        {"£1.2m", 120'000'000},
        {"£500k", 50'000'000},
        {"£0.5BN", 50'000'000'000},
        {"£-500", -50'000},
        {"\xE2\x88\x92£500", -50'000},  // a typeset minus sign, U+2212
        {"( £1.2M )", -120'000'000},
        {"(500)", -50'000},
        {"\xC2\xA0£500\xC2\xA0", 50'000},  // no-break spaces from a word processor
        {"£1.23456789M", 123'456'789},     // eight decimals of a million: whole pence
        {"£1.500000M", 150'000'000},       // trailing zeros change nothing
        {"£0.00001bn", 1'000'000},
        {"£92,233,720,368,547,758.07", k_most},
        {"-£92,233,720,368,547,758.07", -k_most},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const auto parsed = parse_money(c.text);
        ASSERT_TRUE(parsed.has_value()) << parsed.error();
        EXPECT_EQ(*parsed, c.pence);
    }
}

struct RejectCase {
    std::string text;
    std::string error;
};

TEST(Money, rejects_ambiguous_or_malformed_amounts_saying_what_is_wrong) {
    const std::string example = ", for example £1,234.56, £26.849M, £500K or (£500)";
    const std::vector<RejectCase> cases = {
        {"£1.2.3", "The amount has more than one decimal point"},
        {"12,34", "Commas must separate thousands, as in £26,849,000"},
        {"1,2345", "Commas must separate thousands, as in £26,849,000"},
        {"1234,567", "Commas must separate thousands, as in £26,849,000"},
        {"1,,234", "Commas must separate thousands, as in £26,849,000"},
        {"£1.234", "An amount has at most two decimal places (pence)"},
        {"£1.234567891M", "The amount is not a whole number of pence"},
        {"£1.5,000", "Commas cannot follow the decimal point"},
        {"£92,233,720,368,547,758.08",
         "The amount is too large; Civic holds amounts up to £92,233,720,368,547,758.07"},
        {"£100000000000bn",
         "The amount is too large; Civic holds amounts up to £92,233,720,368,547,758.07"},
        {"999999999999999999999999999999",
         "The amount is too large; Civic holds amounts up to £92,233,720,368,547,758.07"},
        {"", "Enter an amount of money"},
        {"   ", "Enter an amount of money"},
        {"£", "Enter an amount of money"},
        {"-", "Enter an amount of money"},
        {"(£500", "An opening bracket needs a closing one"},
        {"(-£500)", "Use brackets or a minus sign for a negative amount, not both"},
        {"--500", "The amount has more than one minus sign"},
        {"-£-500", "The amount has more than one minus sign"},
        {"£500X",
         "After the number Civic understands K (thousand), M (million) or bn (billion) "
         "and nothing else"},
        {"1e5",
         "After the number Civic understands K (thousand), M (million) or bn (billion) "
         "and nothing else"},
        {"£500 (",
         "After the number Civic understands K (thousand), M (million) or bn "
         "(billion) and nothing else"},
        {"£5M2", "There is more text after the amount"},
        {"£500 K extra", "There is more text after the amount"},
        {"$500", "Write the amount as a number"},
        {"five pounds", "Write the amount as a number"},
        {"£.5", "Write a 0 before the decimal point"},
        {"£5.", "Write digits after the decimal point"},
        {std::string(101, '1'), "The amount is too long"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const auto parsed = parse_money(c.text);
        ASSERT_FALSE(parsed.has_value()) << *parsed;
        EXPECT_EQ(parsed.error(), c.error + example);
    }
}

struct FormatCase {
    Pence pence;
    std::string full;
    std::string short_form;
};

TEST(Money, prints_amounts_in_full_and_in_short_as_council_papers_do) {
    const std::vector<FormatCase> cases = {
        {2'684'900'000, "£26,849,000", "£26.849M"},
        {120'000'000, "£1,200,000", "£1.2M"},
        {50'000'000, "£500,000", "£500K"},
        {10'000'000, "£100,000", "£100K"},
        {500'000'000, "£5,000,000", "£5M"},
        {50'000'000'000, "£500,000,000", "£500M"},
        {250'000'000'000, "£2,500,000,000", "£2.5bn"},
        {50'000, "£500", "£500"},
        {123'456, "£1,234.56", "£1.235K"},
        {100'000, "£1,000", "£1K"},
        {99'999, "£999.99", "£999.99"},
        {150, "£1.50", "£1.50"},
        {1, "£0.01", "£0.01"},
        {0, "£0", "£0"},
        {-50'000, "-£500", "-£500"},
        {-120'000'000, "-£1,200,000", "-£1.2M"},
        {2'684'912'300, "£26,849,123", "£26.849M"},  // rounded to three decimals
        {2'684'950'000, "£26,849,500", "£26.85M"},   // half rounds away from zero
        {-2'684'950'000, "-£26,849,500", "-£26.85M"},
        {99'999'960, "£999,999.60", "£1M"},  // the rounding carries into the next unit
        {99'999'999'999, "£999,999,999.99", "£1bn"},
        {k_most, "£92,233,720,368,547,758.07", "£92,233,720.369bn"},
        {k_least, "-£92,233,720,368,547,758.08", "-£92,233,720.369bn"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.pence);
        EXPECT_EQ(format_money(c.pence, MoneyStyle::Full), c.full);
        EXPECT_EQ(format_money(c.pence, MoneyStyle::Short), c.short_form);
    }
}

TEST(Money, reads_back_every_printed_full_amount_and_every_exact_short_one) {
    const std::vector<Pence> amounts = {
        2'684'900'000,  120'000'000,    50'000'000,  50'000,  123'456,
        -50'000,        50'000'000'000, 500'000'000, 0,       1,
        -99'999'960,    100'000,        k_most,      -k_most, 250'000'000'000,
        -2'684'900'000,
    };
    for (const Pence p : amounts) {
        SCOPED_TRACE(p);
        EXPECT_EQ(parse_money(format_money(p, MoneyStyle::Full)), p);
    }
    // Amounts the short form shows without rounding.
    for (const Pence p :
         {Pence{2'684'900'000}, Pence{120'000'000}, Pence{50'000'000}, Pence{50'000},
          Pence{-50'000}, Pence{150}, Pence{50'000'000'000}, Pence{-120'000'000}, Pence{123'000}}) {
        SCOPED_TRACE(p);
        EXPECT_EQ(parse_money(format_money(p, MoneyStyle::Short)), p);
    }
}

TEST(Money, prints_each_example_from_the_papers_the_way_the_papers_print_it) {
    struct Example {
        std::string typed;
        MoneyStyle style;
        std::string printed;
    };
    const std::vector<Example> examples = {
        {"£26.849M", MoneyStyle::Short, "£26.849M"},
        {"£1.2M", MoneyStyle::Short, "£1.2M"},
        {"£500K", MoneyStyle::Short, "£500K"},
        {"£500", MoneyStyle::Short, "£500"},
        {"£500", MoneyStyle::Full, "£500"},
        {"26,849,000", MoneyStyle::Full, "£26,849,000"},
        {"£1,234.56", MoneyStyle::Full, "£1,234.56"},
        {"-£500", MoneyStyle::Full, "-£500"},
        {"(£500)", MoneyStyle::Full, "-£500"},
        {"£0.5bn", MoneyStyle::Short, "£500M"},
        {"5m", MoneyStyle::Short, "£5M"},
        {"5m", MoneyStyle::Full, "£5,000,000"},
    };
    for (const auto& e : examples) {
        SCOPED_TRACE(e.typed);
        const auto parsed = parse_money(e.typed);
        ASSERT_TRUE(parsed.has_value()) << parsed.error();
        EXPECT_EQ(format_money(*parsed, e.style), e.printed);
    }
}

}  // namespace
}  // namespace civic
