// SPDX-License-Identifier: AGPL-3.0-or-later
// fuzz-sources: core/csv.cpp core/date.cpp core/utf8.cpp core/text.cpp
// CSV: any bytes at all parse to an end, carrying on past every fault; records start on
// increasing lines; every field written with append_csv_field reads back as itself; the
// import table accepts only rows of text, and reports its problems in line order.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "civic/core/csv.hpp"
#include "civic/core/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = civic::parse_csv(text);
    std::size_t last = 0;
    for (const auto& r : parsed.records) {
        if (r.fields.empty() || r.line <= last) std::abort();
        last = r.line;
    }
    for (const auto& e : parsed.errors)
        if (e.line == 0 || e.column == 0 || e.message.empty()) std::abort();

    // A field written out reads back as the same one field.
    if (!parsed.records.empty() && !parsed.records.front().fields.empty()) {
        const std::string& field = parsed.records.front().fields.front();
        if (!field.empty()) {
            std::string line;
            civic::append_csv_field(line, field);
            const auto back = civic::parse_csv(line);
            if (!back.errors.empty() || back.records.size() != 1 ||
                back.records[0].fields.size() != 1 || back.records[0].fields[0] != field)
                std::abort();
        }
    }

    civic::ImportProblems problems;
    const auto table = civic::read_csv_table(text, {{"name"}, {"kind"}}, problems);
    for (const auto& row : table.rows) {
        if (row.fields.size() != table.header.size()) std::abort();
        for (const auto& f : row.fields)
            if (civic::text_fault(f, civic::Lines::Many) != civic::TextFault::None) std::abort();
    }
    const auto error = problems.error();
    if (problems.any() && error.errors.empty()) std::abort();
    for (const auto& e : error.errors)
        if (!civic::is_valid_utf8(e.message) || !civic::is_valid_utf8(e.field)) std::abort();
    return 0;
}
