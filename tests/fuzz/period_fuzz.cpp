// SPDX-License-Identifier: AGPL-3.0-or-later
// fuzz-sources: core/period.cpp core/date.cpp
// Any bytes read as a period: the parser must answer a period or a message, and a period
// must print as text that reads back as the same period, with dates that hang together.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "civic/core/date.hpp"
#include "civic/core/period.hpp"

namespace {

using civic::Period;

void check(const Period& p) {
    if (civic::parse_period(p.to_string()) != p) std::abort();
    if (p.start() > p.end() || !p.start().ok() || !p.end().ok()) std::abort();
    if (!p.contains(p.start()) || !p.contains(p.end())) std::abort();
    if (const auto parent = p.parent();
        parent && (!parent->contains(p.start()) || !parent->contains(p.end())))
        std::abort();
    const auto children = p.children();
    if (!children.empty() &&
        (children.front().start() != p.start() || children.back().end() != p.end()))
        std::abort();
    if (const auto before = p.previous(); before && civic::add_days(before->end(), 1) != p.start())
        std::abort();
    if (const auto after = p.next(); after && civic::add_days(p.end(), 1) != after->start())
        std::abort();
    if (const auto last_year = p.same_last_year(); last_year && last_year->kind() != p.kind())
        std::abort();
    if (p.kind() != civic::PeriodKind::Span && civic::period_containing(p.start(), p.kind()) != p)
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto year_pair : {civic::YearPair::FinancialYear, civic::YearPair::AcademicYear}) {
        const auto p = civic::parse_period(text, {year_pair});
        if (!p) {
            if (p.error().empty()) std::abort();
            continue;
        }
        check(*p);
    }
    return 0;
}
