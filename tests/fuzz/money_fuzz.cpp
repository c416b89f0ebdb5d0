// SPDX-License-Identifier: AGPL-3.0-or-later
// fuzz-sources: core/money.cpp core/date.cpp
// Money: any text parse_money accepts prints in both styles; the Full form reads back to
// exactly the same amount and the Short form to within its rounding. Any amount at all
// (the input's first eight bytes) prints in Full form and reads back unchanged.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string_view>

#include "civic/core/money.hpp"

namespace {

using civic::MoneyStyle;
using civic::Pence;

std::uint64_t magnitude(Pence p) {
    return p < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(p) : static_cast<std::uint64_t>(p);
}

void check_round_trip(Pence amount) {
    const auto full = civic::parse_money(civic::format_money(amount, MoneyStyle::Full));
    if (!full || *full != amount) std::abort();

    const auto short_form = civic::parse_money(civic::format_money(amount, MoneyStyle::Short));
    if (!short_form) {
        // Only the very largest amounts round up past what a Pence holds.
        if (magnitude(amount) <= std::uint64_t(std::numeric_limits<Pence>::max()) - 100'000'000) {
            std::abort();
        }
        return;
    }
    // Short rounds to a thousandth of K, M or bn, the largest not above the amount (or the
    // next one up after a carry): at most half a step, under 1/1999 of the amount.
    const std::uint64_t difference = magnitude(*short_form - amount);
    if (magnitude(amount) < 100'000 ? difference != 0 : difference > magnitude(amount) / 1999 + 1) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = civic::parse_money(text);
    if (parsed) {
        check_round_trip(*parsed);
    } else if (parsed.error().empty()) {
        std::abort();  // every refusal says why
    }
    if (size >= sizeof(Pence)) {
        Pence amount = 0;
        std::memcpy(&amount, data, sizeof amount);
        // The most negative amount has no positive twin, so parse_money cannot read it back.
        if (amount != std::numeric_limits<Pence>::min()) check_round_trip(amount);
    }
    return 0;
}
