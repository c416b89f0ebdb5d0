// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// RFC 4180 CSV, read with the line each record starts on, so an import can name the line
// and column of a bad value. Hand-written: Debian's libcsv reports fields but not the
// physical line a record starts on once quoted fields hold line breaks, and it stops at the
// first fault, where an import must report every fault of a file at once.
//
// Every import follows one pattern: read_csv_table() reads the file and checks its header,
// the length of each line and the text of each cell, collecting every problem; the module
// then checks each row with the same rules as its API, adding to the same ImportProblems;
// only when there are none does it write, in one transaction.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/error.hpp"

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

struct CsvParse {
    std::vector<CsvRecord> records;      // the records that could be read
    std::vector<CsvSyntaxError> errors;  // in the order met; their records are left out
};

// Parses the whole text, carrying on past each fault (at the next line) so that every fault
// is found. A leading UTF-8 byte-order mark is skipped; CRLF and LF both end records; blank
// lines are skipped.
CsvParse parse_csv(std::string_view text);

// Writes one field, quoted when it must be.
void append_csv_field(std::string& out, std::string_view field);

// The text of a cell, trimmed, without the apostrophe spreadsheet_safe() puts before = + - @,
// so that Civic's own exports import back.
std::string cell_text(std::string_view cell);

// A cell a spreadsheet would run as a formula (one starting = + - @, a tab or a carriage
// return) made text by a leading apostrophe, for every CSV a person opens in Excel.
std::string spreadsheet_safe(std::string_view text);

// The problems found in a file being imported, each named by its line and, where there is
// one, its column; answered all at once, in line order.
class ImportProblems {
public:
    static constexpr std::size_t k_max_reported = 20;

    // column: the column's name from the first line ("name"), or "" for the whole line.
    void add(std::size_t line, std::string_view column, std::string message);
    bool any() const { return !m_problems.empty(); }
    std::size_t count() const { return m_problems.size(); }
    // True when a problem was found on this line.
    bool on_line(std::size_t line) const;
    // Every problem, in line order (a line's in the order found), for a caller that reports
    // them in its own shape.
    struct Listed {
        std::size_t line = 0;
        std::string column;
        std::string message;
    };
    std::vector<Listed> listed() const;
    // The answer to the import: the first 20 problems in line order, under a heading that
    // says how many there are and that nothing was written.
    Error error() const;

private:
    struct Problem {
        std::size_t line;
        std::size_t order;
        std::string column;
        FieldError error;
    };
    std::vector<Problem> sorted() const;
    std::vector<Problem> m_problems;
};

// The columns an import takes. Multi-line columns may hold line breaks inside quotes.
struct CsvColumns {
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
};

// A CSV file read for an import.
struct CsvTable {
    std::vector<std::string> header;  // the first line's names, trimmed and in lower case
    std::vector<CsvRecord> rows;      // the lines with as many values as the header, all text
    // The lines read but refused (a wrong number of values, or a value that is not text), so
    // that an import does not blame the lines that name them for their faults as well.
    std::vector<CsvRecord> refused;
    // False when the first line is missing or wrong: the rows then cannot be checked.
    bool header_ok = false;

    // The value of a named column in a row, or nullopt when the file has no such column.
    std::optional<std::string> get(const CsvRecord& row, std::string_view column) const;
    // cell_text() of a named column in a row; "" when the file has no such column.
    std::string text(const CsvRecord& row, std::string_view column) const;
    // A date cell as YYYY-MM-DD: written so, or DD/MM/YYYY as councils write it; nullopt when
    // blank or absent. Anything else is a problem named by the row's line and the column.
    std::optional<std::string> date(const CsvRecord& row, std::string_view column,
                                    ImportProblems& problems) const;
};

// Reads the file: every syntax fault, every missing or unknown column, every line of the
// wrong length and every value that is not text (UTF-8 with no control characters) goes into
// problems, and the lines at fault are left out of the table's rows.
CsvTable read_csv_table(std::string_view text, const CsvColumns& columns, ImportProblems& problems);

// A first line that names a column twice would leave one of its values unread: a problem of
// line 1 naming both places.
void check_repeated_columns(const CsvTable& table, ImportProblems& problems);

// A name as imports match it: trimmed, with A-Z in lower case.
std::string import_key(std::string_view name);

}  // namespace civic
