// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Amounts of money in pounds sterling, held as whole pence so that sums are exact.

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace civic {

// An amount in pence; negative for spending cuts, overspends and credits.
using Pence = std::int64_t;

enum class MoneyStyle {
    // Every pound: "£26,849,000", "£1,234.56", "-£500". Pence appear only when the amount
    // is not whole pounds. Parses back to exactly the same amount.
    Full,
    // As council papers write headline figures: "£26.849M", "£1.2M", "£500K", "£500".
    // From £1,000 up, the amount is given in the largest of K (thousand), M (million) and
    // bn (billion) that leaves at least 1 in front of the point, with at most three
    // decimals and no trailing zeros, rounded half away from zero; below £1,000 it is the
    // Full form. When no rounding was needed it parses back to exactly the same amount.
    Short,
};

// Reads an amount as people type it and council papers print it: "£26.849M", "£1.2M",
// "£500K", "£0.5bn", "5m", "£1,234.56", "26,849,000", "-£500", and accountants' brackets
// "(£500)" for a negative. The pound sign is optional; spaces around are ignored. Rejects,
// with a message an officer understands, anything ambiguous or malformed: "£1.2.3",
// "12,34", fractions of a penny ("£1.234", "£1.000000001M") and amounts too large to hold.
std::expected<Pence, std::string> parse_money(std::string_view text);

// The amount as council papers print it; see MoneyStyle.
std::string format_money(Pence amount, MoneyStyle style);

}  // namespace civic
