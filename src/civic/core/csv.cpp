// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/csv.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "civic/core/date.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"

namespace civic {
namespace {

// Where a parse carries on after a fault: the start of the line after `from`'s line.
std::size_t next_line_start(std::string_view text, std::size_t from) {
    const auto nl = text.find('\n', from);
    return nl == std::string_view::npos ? text.size() : nl + 1;
}

}  // namespace

CsvParse parse_csv(std::string_view text) {
    CsvParse out;
    std::size_t i = 0, line = 1, line_start = 0;
    if (text.starts_with("\xEF\xBB\xBF")) i = line_start = 3;
    // Abandons the record being read: records the fault and carries on at the next line.
    const auto fault = [&](std::size_t at_line, std::size_t at_col, std::size_t resume_from,
                           std::string message) {
        out.errors.push_back({at_line, at_col, std::move(message)});
        i = next_line_start(text, resume_from);
        line = at_line + 1;
        line_start = i;
    };
    while (i < text.size()) {
        CsvRecord record;
        record.line = line;
        bool done = false, bad = false;
        while (!done && !bad) {
            std::string field;
            if (i < text.size() && text[i] == '"') {
                const std::size_t open_at = i, open_line = line, open_col = i - line_start + 1;
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\n') {
                        ++line;
                        line_start = i + 1;
                    }
                    field.push_back(c);
                    ++i;
                }
                if (!closed) {
                    fault(open_line, open_col, open_at, "a quoted value is never closed with a \"");
                    bad = true;
                    break;
                }
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    fault(line, i - line_start + 1, i,
                          "text follows a closing quote; write \"\" for a quote inside a value");
                    bad = true;
                    break;
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (text[i] == '"') {
                        fault(line, i - line_start + 1, i,
                              "a quote inside an unquoted value; put the whole value in quotes");
                        bad = true;
                        break;
                    }
                    field.push_back(text[i++]);
                }
                if (bad) break;
            }
            record.fields.push_back(std::move(field));
            if (i >= text.size()) {
                done = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                line_start = i;
                done = true;
            }
        }
        if (bad) continue;
        const bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (!blank) out.records.push_back(std::move(record));
    }
    return out;
}

void append_csv_field(std::string& out, std::string_view field) {
    // A leading byte-order mark is quoted, or a reader would take it for the file's own.
    if (field.find_first_of(",\"\r\n") == std::string_view::npos &&
        !field.starts_with("\xEF\xBB\xBF")) {
        out.append(field);
        return;
    }
    out.push_back('"');
    for (char c : field) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

std::string spreadsheet_safe(std::string_view text) {
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        return "'" + std::string(text);
    return std::string(text);
}

void ImportProblems::add(std::size_t line, std::string_view column, std::string message) {
    std::string where = column.empty() ? fmt::format("line {}", line)
                                       : fmt::format("line {}, column {}", line, column);
    m_problems.push_back(
        {line, m_problems.size(), std::string(column), {std::move(where), std::move(message)}});
}

std::vector<ImportProblems::Problem> ImportProblems::sorted() const {
    auto sorted = m_problems;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    return sorted;
}

std::vector<ImportProblems::Listed> ImportProblems::listed() const {
    std::vector<Listed> out;
    for (const auto& p : sorted()) out.push_back({p.line, p.column, p.error.message});
    return out;
}

bool ImportProblems::on_line(std::size_t line) const {
    return std::any_of(m_problems.begin(), m_problems.end(),
                       [&](const Problem& p) { return p.line == line; });
}

Error ImportProblems::error() const {
    auto sorted = this->sorted();
    const std::size_t n = sorted.size();
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < n && i < k_max_reported; ++i)
        errors.push_back(std::move(sorted[i].error));
    std::string heading =
        fmt::format("The file was not imported: {} problem{} found, and nothing was written.", n,
                    n == 1 ? "" : "s");
    if (n > k_max_reported)
        heading +=
            fmt::format(" The first {} are listed; correct them and try again.", k_max_reported);
    return Error::validation(std::move(errors), std::move(heading));
}

std::optional<std::string> CsvTable::get(const CsvRecord& row, std::string_view column) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == column) return i < row.fields.size() ? row.fields[i] : std::string();
    return std::nullopt;
}

std::string cell_text(std::string_view cell) {
    std::string_view t = trim(cell);
    if (t.size() >= 2 && t.front() == '\'' && std::string_view("=+-@").find(t[1]) != t.npos)
        t.remove_prefix(1);
    return std::string(t);
}

std::string CsvTable::text(const CsvRecord& row, std::string_view column) const {
    const auto cell = get(row, column);
    return cell ? cell_text(*cell) : std::string();
}

std::optional<std::string> CsvTable::date(const CsvRecord& row, std::string_view column,
                                          ImportProblems& problems) const {
    const auto cell = get(row, column);
    if (!cell) return std::nullopt;
    const std::string_view t = trim(*cell);
    if (t.empty()) return std::nullopt;
    if (const auto d = parse_iso_date(t)) return format_iso_date(*d);
    if (const auto d = parse_day_month_year(t)) return format_iso_date(*d);
    problems.add(row.line, column,
                 fmt::format("\"{}\" is not a date; write it as YYYY-MM-DD, such as 2026-03-31, "
                             "or DD/MM/YYYY, such as 31/03/2026",
                             shown_safely(shortened(t, 60))));
    return std::nullopt;
}

void check_repeated_columns(const CsvTable& table, ImportProblems& problems) {
    // The columns are named on line 1 (unless blank lines come first, which no spreadsheet
    // writes).
    for (std::size_t i = 0; i < table.header.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (table.header[i] == table.header[j] && !table.header[i].empty()) {
                problems.add(
                    1, fmt::format("{}", i + 1),
                    fmt::format("The column \"{}\" is named twice, as columns {} and {}; "
                                "keep one",
                                shown_safely(shortened(table.header[i], 60)), j + 1, i + 1));
                break;
            }
}

std::string import_key(std::string_view name) {
    std::string out(trim(name));
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

CsvTable read_csv_table(std::string_view text, const CsvColumns& columns,
                        ImportProblems& problems) {
    CsvTable table;
    auto parsed = parse_csv(text);
    for (const auto& e : parsed.errors)
        problems.add(
            e.line, "",
            fmt::format("The file is not valid CSV at character {}: {}", e.column, e.message));
    // A value that is not text: the usual cause is a spreadsheet saved in another encoding.
    const auto text_problem = [](TextFault fault) {
        if (fault == TextFault::NotUtf8)
            return std::string("This is not UTF-8 text; in Excel choose Save As › CSV UTF-8");
        return fmt::format("This {}", describe(fault));
    };
    // A fault before the first record read is a fault in the line that names the columns.
    if (!parsed.errors.empty() &&
        (parsed.records.empty() || parsed.errors.front().line <= parsed.records.front().line))
        return table;
    if (parsed.records.empty()) {
        problems.add(1, "", "The file is empty; the first line must name the columns");
        return table;
    }
    const auto& first = parsed.records.front();
    const std::size_t header_line = first.line;
    bool header_text_ok = true;
    for (std::size_t i = 0; i < first.fields.size(); ++i) {
        if (const auto fault = text_fault(first.fields[i], Lines::One); fault != TextFault::None) {
            problems.add(header_line, fmt::format("{}", i + 1), text_problem(fault));
            header_text_ok = false;
        }
        table.header.push_back(import_key(first.fields[i]));
    }
    bool header_ok = header_text_ok;
    for (auto col : columns.required) {
        if (std::find(table.header.begin(), table.header.end(), col) == table.header.end()) {
            problems.add(header_line, "",
                         fmt::format("The column \"{}\" is missing from the first line", col));
            header_ok = false;
        }
    }
    for (std::size_t i = 0; i < table.header.size() && header_text_ok; ++i) {
        const auto& h = table.header[i];
        const bool known = std::find(columns.required.begin(), columns.required.end(), h) !=
                               columns.required.end() ||
                           std::find(columns.optional.begin(), columns.optional.end(), h) !=
                               columns.optional.end();
        if (!known) {
            problems.add(header_line, fmt::format("{}", i + 1),
                         fmt::format("\"{}\" is not a column Civic knows here", shown_safely(h)));
            header_ok = false;
        }
    }
    table.header_ok = header_ok;
    for (std::size_t r = 1; r < parsed.records.size(); ++r) {
        auto& row = parsed.records[r];
        if (row.fields.size() != table.header.size()) {
            problems.add(row.line, "",
                         fmt::format("This line has {} value{} but the first line names {} "
                                     "column{}",
                                     row.fields.size(), row.fields.size() == 1 ? "" : "s",
                                     table.header.size(), table.header.size() == 1 ? "" : "s"));
            table.refused.push_back(std::move(row));
            continue;
        }
        bool row_ok = true;
        for (std::size_t i = 0; i < row.fields.size(); ++i) {
            if (const auto fault = text_fault(row.fields[i], Lines::Many);
                fault != TextFault::None) {
                problems.add(row.line, header_text_ok ? table.header[i] : fmt::format("{}", i + 1),
                             text_problem(fault));
                row_ok = false;
            }
        }
        (row_ok ? table.rows : table.refused).push_back(std::move(row));
    }
    return table;
}

}  // namespace civic
