// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/money.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>

namespace civic {
namespace {

constexpr std::string_view k_pound = "\xC2\xA3";           // £
constexpr std::string_view k_minus_sign = "\xE2\x88\x92";  // − (U+2212), as typeset papers use
constexpr std::string_view k_no_break_space = "\xC2\xA0";  // pasted from word processors
constexpr std::size_t k_longest_input = 100;
constexpr std::string_view k_example = "for example £1,234.56, £26.849M, £500K or (£500)";

std::string_view trim(std::string_view s) {
    for (;;) {
        if (!s.empty() &&
            (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
            s.remove_prefix(1);
        } else if (s.starts_with(k_no_break_space)) {
            s.remove_prefix(k_no_break_space.size());
        } else if (!s.empty() &&
                   (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
            s.remove_suffix(1);
        } else if (s.ends_with(k_no_break_space)) {
            s.remove_suffix(k_no_break_space.size());
        } else {
            return s;
        }
    }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Powers of ten for the decimal exponents a multiplier can need (pence per billion = 10^11).
constexpr std::array<std::int64_t, 12> k_powers = {
    1,       10,       100,       1000,       10000,       100000,
    1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000};

// The power of ten a multiplier word stands for: "k" → 3, "m" → 6, "bn" → 9.
std::optional<int> multiplier_exponent(std::string_view word) {
    std::string lower;
    for (const char c : word) lower += to_lower(c);
    if (lower == "k" || lower == "thousand") return 3;
    if (lower == "m" || lower == "mn" || lower == "million") return 6;
    if (lower == "bn" || lower == "b" || lower == "billion") return 9;
    return std::nullopt;
}

std::string group_thousands(std::uint64_t n) {
    std::string digits = fmt::format("{}", n);
    std::string out;
    const std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, lead);
    for (std::size_t i = lead; i < digits.size(); i += 3) {
        out += ',';
        out.append(digits, i, 3);
    }
    return out;
}

// The magnitude as an unsigned number, so that the most negative amount has one too.
std::uint64_t magnitude(Pence amount) {
    return amount < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(amount)
                      : static_cast<std::uint64_t>(amount);
}

std::string format_full(std::uint64_t pence) {
    std::string out = group_thousands(pence / 100);
    if (pence % 100 != 0) out += fmt::format(".{:02}", pence % 100);
    return out;
}

}  // namespace

std::expected<Pence, std::string> parse_money(std::string_view text) {
    const auto fail = [](std::string_view why) {
        return std::unexpected(fmt::format("{}, {}", why, k_example));
    };
    if (text.size() > k_longest_input) return fail("The amount is too long");
    std::string_view s = trim(text);
    if (s.empty()) return fail("Enter an amount of money");

    bool negative = false;
    bool bracketed = false;
    if (s.front() == '(') {
        if (s.back() != ')') return fail("An opening bracket needs a closing one");
        bracketed = true;
        negative = true;
        s = trim(s.substr(1, s.size() - 2));
    }
    // A sign may stand before or after the pound sign ("-£500", "£-500"), but only once.
    const auto take_sign = [&]() -> std::expected<void, std::string> {
        bool signed_here = false;
        if (s.starts_with('-')) {
            s.remove_prefix(1);
            signed_here = true;
        } else if (s.starts_with(k_minus_sign)) {
            s.remove_prefix(k_minus_sign.size());
            signed_here = true;
        }
        if (!signed_here) return {};
        if (bracketed) {
            return fail("Use brackets or a minus sign for a negative amount, not both");
        }
        if (negative) return fail("The amount has more than one minus sign");
        negative = true;
        s = trim(s);
        if (s.starts_with('-') || s.starts_with(k_minus_sign)) {
            return fail("The amount has more than one minus sign");
        }
        return {};
    };
    if (auto r = take_sign(); !r) return std::unexpected(r.error());
    if (s.starts_with(k_pound)) {
        s.remove_prefix(k_pound.size());
        s = trim(s);
        if (auto r = take_sign(); !r) return std::unexpected(r.error());
    }
    if (s.empty()) return fail("Enter an amount of money");
    if (s.front() == '.') return fail("Write a 0 before the decimal point");
    if (!is_digit(s.front())) return fail("Write the amount as a number");

    // The digits, pounds then fraction, as one whole number: "1,234.56" → 123456, 2 places.
    std::int64_t mantissa = 0;
    std::string fraction;
    std::size_t i = 0;
    std::size_t group = 0;  // digits since the last comma, or since the start
    bool grouped = false;
    bool too_large = false;
    const auto push_digit = [&](char c) {
        if (__builtin_mul_overflow(mantissa, 10, &mantissa) ||
            __builtin_add_overflow(mantissa, c - '0', &mantissa)) {
            too_large = true;
        }
    };
    for (; i < s.size() && (is_digit(s[i]) || s[i] == ','); ++i) {
        if (s[i] == ',') {
            // Commas separate thousands and nothing else, so "12,34" is refused rather
            // than guessed at (it may be a European decimal comma).
            if (group == 0 || group > 3 || (grouped && group != 3)) {
                return fail("Commas must separate thousands, as in £26,849,000");
            }
            grouped = true;
            group = 0;
            continue;
        }
        push_digit(s[i]);
        ++group;
    }
    if (grouped && group != 3) return fail("Commas must separate thousands, as in £26,849,000");
    if (i < s.size() && s[i] == '.') {
        ++i;
        for (; i < s.size() && is_digit(s[i]); ++i) fraction += s[i];
        if (fraction.empty()) return fail("Write digits after the decimal point");
        if (i < s.size() && s[i] == '.') return fail("The amount has more than one decimal point");
        if (i < s.size() && s[i] == ',') return fail("Commas cannot follow the decimal point");
    }
    // Trailing zeros of the fraction do not change the amount: "£1.50" is "£1.5".
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    for (const char c : fraction) push_digit(c);

    std::string_view rest = trim(s.substr(i));
    int exponent = 2;  // pence per pound
    if (!rest.empty()) {
        std::size_t letters = 0;
        while (letters < rest.size() && ((rest[letters] >= 'a' && rest[letters] <= 'z') ||
                                         (rest[letters] >= 'A' && rest[letters] <= 'Z'))) {
            ++letters;
        }
        const auto multiplier = multiplier_exponent(rest.substr(0, letters));
        if (letters == 0 || !multiplier) {
            return fail(
                "After the number Civic understands K (thousand), M (million) or bn "
                "(billion) and nothing else");
        }
        if (letters != rest.size()) return fail("There is more text after the amount");
        exponent += *multiplier;
    }
    if (static_cast<int>(fraction.size()) > exponent) {
        return fail(exponent == 2 ? "An amount has at most two decimal places (pence)"
                                  : "The amount is not a whole number of pence");
    }
    if (too_large ||
        __builtin_mul_overflow(
            mantissa, k_powers[static_cast<std::size_t>(exponent) - fraction.size()], &mantissa)) {
        return fail(fmt::format("The amount is too large; Civic holds amounts up to {}",
                                format_money(std::numeric_limits<Pence>::max(), MoneyStyle::Full)));
    }
    return negative ? -mantissa : mantissa;
}

std::string format_money(Pence amount, MoneyStyle style) {
    const std::string sign = amount < 0 ? "-" : "";
    const std::uint64_t pence = magnitude(amount);
    constexpr std::uint64_t k_thousand_pounds = 100'000;
    if (style == MoneyStyle::Full || pence < k_thousand_pounds) {
        return fmt::format("{}£{}", sign, format_full(pence));
    }
    struct Unit {
        std::uint64_t pence;
        std::string_view suffix;
    };
    static constexpr std::array<Unit, 3> k_units = {
        {{100'000, "K"}, {100'000'000, "M"}, {100'000'000'000, "bn"}}};
    std::size_t u = 0;
    while (u + 1 < k_units.size() && pence >= k_units[u + 1].pence) ++u;
    for (;; ++u) {
        // Thousandths of the unit, rounded half up: 26,849,123 pounds → 26849 thousandths of
        // a million.
        const std::uint64_t step = k_units[u].pence / 1000;
        std::uint64_t thousandths = pence / step;
        if (pence % step >= step / 2) ++thousandths;
        // Rounding may carry into the next unit: £999,999.60 is "£1M", not "£1000K".
        if (thousandths >= 1'000'000 && u + 1 < k_units.size()) continue;
        std::string decimals = fmt::format("{:03}", thousandths % 1000);
        while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
        return fmt::format("{}£{}{}{}{}", sign, group_thousands(thousandths / 1000),
                           decimals.empty() ? "" : ".", decimals, k_units[u].suffix);
    }
}

}  // namespace civic
