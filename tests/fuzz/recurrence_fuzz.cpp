// SPDX-License-Identifier: AGPL-3.0-or-later
// fuzz-sources: core/recurrence.cpp core/date.cpp core/text.cpp
// Recurrence: the input as an RRULE (alone and behind a FREQ), expanded over one year
// with a small limit, and as a phrase for rrule_from_phrase. Nothing may crash, hang or
// leak; an expansion gives at most the limit, in order, inside the year; every rule the
// phrase helper writes expands.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "civic/core/date.hpp"
#include "civic/core/recurrence.hpp"

namespace {

constexpr std::size_t k_limit = 50;

// First dates that reach the awkward corners: a leap day, a month end, both clock changes
// and the first year Civic accepts.
civic::Date first_date_for(std::size_t size) {
    static const std::array<civic::Date, 6> k_dates = {
        civic::make_date(2025, 1, 6),   civic::make_date(2024, 2, 29),
        civic::make_date(2025, 1, 31),  civic::make_date(2025, 3, 30),
        civic::make_date(2025, 10, 26), civic::make_date(1970, 1, 1),
    };
    return k_dates[size % k_dates.size()];
}

void check_expansion(const std::string& rrule, std::size_t size, bool must_expand) {
    const civic::Date first = first_date_for(size);
    // 01:30 falls in the spring gap and the autumn overlap; 10:00 is an ordinary meeting.
    const int hour = size % 2 == 0 ? 1 : 10;
    const civic::Schedule schedule{rrule, first, hour, 30, 90, {civic::add_days(first, 7)}};
    const civic::Date to = civic::add_days(first, 365);
    const auto got = civic::expand(schedule, first, to, k_limit);
    if (!got) {
        if (got.error().empty()) std::abort();
        if (must_expand && !got.error().starts_with("The rule never falls on a date")) {
            std::abort();
        }
        return;
    }
    if (got->size() > k_limit) std::abort();
    std::string previous;
    for (const auto& o : *got) {
        if (o.local.size() != 16 || o.utc.size() != 20 || o.end_utc.size() != 20) std::abort();
        if (!(previous < o.utc)) std::abort();  // ISO times in UTC sort as text
        if (o.local_date < first || o.local_date > to) std::abort();
        if (o.local_date == civic::add_days(first, 7)) std::abort();  // the exception
        previous = o.utc;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    check_expansion(text, size, false);
    // Most random text fails at FREQ; behind a valid FREQ the rest reaches the BY parts,
    // the date checks and libical.
    static const std::array<std::string, 4> k_freqs = {"FREQ=DAILY;", "FREQ=WEEKLY;",
                                                       "FREQ=MONTHLY;", "FREQ=YEARLY;"};
    check_expansion(k_freqs[size % k_freqs.size()] + text, size, false);
    (void)civic::normalize_rrule(text);
    const auto rule = civic::rrule_from_phrase(text);
    if (rule) {
        check_expansion(*rule, size, true);
    } else if (rule.error().empty()) {
        std::abort();
    }
    return 0;
}
