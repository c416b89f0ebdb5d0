// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/csv.hpp"

namespace civic {

std::expected<std::vector<CsvRecord>, CsvSyntaxError> parse_csv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::vector<CsvRecord> records;
    std::size_t i = 0, line = 1, line_start = 0;
    while (i < text.size()) {
        CsvRecord record;
        record.line = line;
        bool record_done = false;
        while (!record_done) {
            std::string field;
            if (i < text.size() && text[i] == '"') {
                const std::size_t open_line = line, open_col = i - line_start + 1;
                ++i;
                while (true) {
                    if (i >= text.size())
                        return std::unexpected(CsvSyntaxError{
                            open_line, open_col, "a quoted value is never closed with a \""});
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (c == '\n') {
                        ++line;
                        line_start = i + 1;
                    }
                    field.push_back(c);
                    ++i;
                }
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                    return std::unexpected(CsvSyntaxError{
                        line, i - line_start + 1,
                        "text follows a closing quote; write \"\" for a quote inside a value"});
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (text[i] == '"')
                        return std::unexpected(CsvSyntaxError{
                            line, i - line_start + 1,
                            "a quote inside an unquoted value; put the whole value in quotes"});
                    field.push_back(text[i++]);
                }
            }
            record.fields.push_back(std::move(field));
            if (i >= text.size()) {
                record_done = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') ++i;
                if (i < text.size() && text[i] == '\n') ++i;
                ++line;
                line_start = i;
                record_done = true;
            }
        }
        const bool blank = record.fields.size() == 1 && record.fields[0].empty();
        if (!blank) records.push_back(std::move(record));
    }
    return records;
}

void append_csv_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
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

}  // namespace civic
