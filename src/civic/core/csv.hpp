// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// RFC 4180 CSV, read with the line each record starts on, so an import can name the line
// and column of a bad value. Hand-written: Debian's libcsv reports fields but not the
// physical line a record starts on once quoted fields hold line breaks.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace civic {

struct CsvRecord {
    std::size_t line = 0;  // 1-based physical line the record starts on
    std::vector<std::string> fields;
};

struct CsvSyntaxError {
    std::size_t line = 0;
    std::size_t column = 0;  // 1-based character position within the line
    std::string message;
};

// Parses the whole text. A leading UTF-8 byte-order mark is skipped; CRLF and LF both end
// records; blank lines are skipped.
std::expected<std::vector<CsvRecord>, CsvSyntaxError> parse_csv(std::string_view text);

// Writes one field, quoted when it must be.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace civic
