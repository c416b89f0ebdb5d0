// SPDX-License-Identifier: AGPL-3.0-or-later
// Reading a council's risk register: core/csv.hpp's read_csv_table() checks the file's shape
// (syntax, the columns, each line's length, text that is UTF-8), then each row's numbers and
// date are read here, every problem kept, so an officer corrects the whole file at once.

#include "civic/modules/risks/import_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "civic/core/csv.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"

namespace civic::risks {

namespace {

// How a refused value is shown in a message: short enough to read, safe to echo.
std::string shown(std::string_view text) { return shown_safely(shortened(text, 60)); }

// What a number column holds, in words for its message.
std::string_view advice_for(std::string_view column) {
    if (column.ends_with("likelihood"))
        return "give the likelihood as a number from the matrix, such as 3";
    if (column.ends_with("impact")) return "give the impact as a number from the matrix, such as 3";
    return "give the score as a whole number (likelihood × impact), such as 12, or leave it blank";
}

class RowReader {
public:
    RowReader(const CsvTable& table, const CsvRecord& record, ImportProblems& problems)
        : m_table(table), m_record(record), m_problems(problems) {}

    std::string text(std::string_view column) const { return m_table.text(m_record, column); }

    // A whole number, or nullopt when blank or absent; "high" and "4.5" are problems.
    std::optional<std::int64_t> number(std::string_view column) {
        const auto cell = m_table.get(m_record, column);
        if (!cell) return std::nullopt;
        const std::string_view t = trim(*cell);
        if (t.empty()) return std::nullopt;
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
        if (ec != std::errc() || end != t.data() + t.size()) {
            m_problems.add(
                m_record.line, column,
                fmt::format("\"{}\" is not a whole number; {}", shown(t), advice_for(column)));
            return std::nullopt;
        }
        return value;
    }

    // YYYY-MM-DD, or DD/MM/YYYY as councils write it (D/M/YYYY too), as YYYY-MM-DD.
    std::optional<std::string> date(std::string_view column) {
        return m_table.date(m_record, column, m_problems);
    }

    // The items of a list written "a; b; c", trimmed, blanks left out.
    std::vector<std::string> items(std::string_view column) const {
        std::vector<std::string> out;
        const std::string all = text(column);
        std::size_t from = 0;
        while (from <= all.size()) {
            const std::size_t to = std::min(all.find(';', from), all.size());
            std::string item = cell_text(std::string_view(all).substr(from, to - from));
            if (!item.empty()) out.push_back(std::move(item));
            from = to + 1;
        }
        return out;
    }

private:
    const CsvTable& m_table;
    const CsvRecord& m_record;
    ImportProblems& m_problems;
};

}  // namespace

std::expected<std::vector<ImportRow>, std::vector<ImportLineError>> import_rows(
    std::string_view csv) {
    ImportProblems problems;
    std::vector<std::string_view> required(std::begin(k_import_required),
                                           std::end(k_import_required));
    std::vector<std::string_view> optional(std::begin(k_import_optional),
                                           std::end(k_import_optional));
    const CsvTable table = read_csv_table(csv, {required, optional}, problems);

    std::vector<ImportRow> rows;
    if (table.header_ok) {
        check_repeated_columns(table, problems);
        for (const auto& record : table.rows) {
            RowReader r(table, record, problems);
            ImportRow row;
            row.line = record.line;
            row.reference = r.text("reference");
            row.title = r.text("title");
            row.description = r.text("description");
            row.owner = r.text("owner");
            row.inherent_likelihood = r.number("inherent_likelihood");
            row.inherent_impact = r.number("inherent_impact");
            row.inherent_score = r.number("inherent_score");
            row.current_likelihood = r.number("current_likelihood");
            row.current_impact = r.number("current_impact");
            row.current_score = r.number("current_score");
            row.controls = r.items("controls");
            row.actions = r.text("actions");
            row.review_date = r.date("review_date");
            row.category = r.text("category");
            row.target_likelihood = r.number("target_likelihood");
            row.target_impact = r.number("target_impact");
            row.target_score = r.number("target_score");
            row.response = r.text("response");
            row.status = r.text("status");
            rows.push_back(std::move(row));
        }
    }
    // A file that names the columns and nothing else is most likely the wrong file.
    if (table.header_ok && table.rows.empty() && table.refused.empty())
        problems.add(1, "", "The file names the columns but has no risks under them");
    if (problems.any()) {
        std::vector<ImportLineError> errors;
        for (auto& p : problems.listed())
            errors.push_back({p.line, std::move(p.column), std::move(p.message)});
        return std::unexpected(std::move(errors));
    }
    return rows;
}

std::vector<ImportLineError> check_row_scores(const ImportRow& row, const Matrix& matrix) {
    std::vector<ImportLineError> errors;
    const auto fail = [&](std::string_view column, std::string message) {
        errors.push_back({row.line, std::string(column), std::move(message)});
    };
    const auto matrix_size = fmt::format("{} × {}", matrix.likelihood.size(), matrix.impact.size());
    // A level: given and on the matrix. Returns whether it can be scored.
    const auto level = [&](std::string_view column, std::string_view what,
                           const std::optional<std::int64_t>& value, std::size_t size) {
        const std::string_view a = what == "impact" ? "an" : "a";
        if (!value) {
            fail(column, fmt::format("The {} is blank; give {} {} from 1 to {} on the council's "
                                     "{} matrix",
                                     what, a, what, size, matrix_size));
            return false;
        }
        if (*value < 1 || static_cast<std::size_t>(*value) > size) {
            fail(column, fmt::format("{} is not on the council's {} matrix; give {} {} from 1 "
                                     "to {}",
                                     *value, matrix_size, a, what, size));
            return false;
        }
        return true;
    };
    const auto pair = [&](std::string_view prefix, const std::optional<std::int64_t>& likelihood,
                          const std::optional<std::int64_t>& impact,
                          const std::optional<std::int64_t>& score, bool needed) {
        const std::string l_col = fmt::format("{}_likelihood", prefix);
        const std::string i_col = fmt::format("{}_impact", prefix);
        const std::string s_col = fmt::format("{}_score", prefix);
        if (!needed && !likelihood && !impact) {
            if (score)
                fail(s_col, fmt::format("A {} score is given with no {} likelihood and impact; "
                                        "give both, or leave the score blank",
                                        prefix, prefix));
            return;
        }
        // A target needs both once either is given.
        const bool l_ok = level(l_col, "likelihood", likelihood, matrix.likelihood.size());
        const bool i_ok = level(i_col, "impact", impact, matrix.impact.size());
        if (!l_ok || !i_ok || !score) return;
        const std::int64_t product = *likelihood * *impact;
        if (*score != product)
            fail(s_col, fmt::format("{} is not likelihood {} × impact {} ({})", *score, *likelihood,
                                    *impact, product));
    };
    pair("inherent", row.inherent_likelihood, row.inherent_impact, row.inherent_score, true);
    pair("current", row.current_likelihood, row.current_impact, row.current_score, true);
    pair("target", row.target_likelihood, row.target_impact, row.target_score, false);
    return errors;
}

std::string line_error_text(const ImportLineError& e) {
    if (e.column.empty()) return fmt::format("line {}: {}", e.line, e.message);
    return fmt::format("line {}, column {}: {}", e.line, e.column, e.message);
}

}  // namespace civic::risks
