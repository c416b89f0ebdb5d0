// SPDX-License-Identifier: AGPL-3.0-or-later
// fuzz-sources: core/timing.cpp core/period.cpp core/date.cpp
// Any bytes read as a timing phrase: the reader never fails, keeps the words, marks for
// review only what it could not read, and what it reads has dates that hang together.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "civic/core/date.hpp"
#include "civic/core/timing.hpp"

namespace {

void check(const civic::Timing& t, int depth) {
    if (depth > 32 || t.kind_name().empty()) std::abort();
    if (t.for_review != (t.kind == civic::TimingKind::Unknown)) std::abort();
    if (t.start.has_value() != t.end.has_value()) std::abort();
    if (t.start && (*t.start > *t.end || !t.start->ok() || !t.end->ok())) std::abort();
    if (t.kind == civic::TimingKind::Recurrence && t.frequencies.empty()) std::abort();
    if (t.kind == civic::TimingKind::Provisional && t.parts.size() != 1) std::abort();
    const auto due = t.due_by();
    for (const auto after : {civic::make_date(1999, 6, 15), civic::make_date(2000, 3, 31)}) {
        if (const auto next = t.next_occurrence(after); next && *next <= after) std::abort();
    }
    if (due) {
        if (!due->ok()) std::abort();
        if (const auto next = t.next_occurrence(*due); next && *next <= *due) std::abort();
    }
    for (const auto& part : t.parts) check(part, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const civic::Timing t = civic::parse_timing(text);
    if (t.text != text) std::abort();
    check(t, 0);
    return 0;
}
