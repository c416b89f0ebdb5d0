// SPDX-License-Identifier: AGPL-3.0-or-later
// A register as CSV and as an Excel workbook. The workbook is written by libxlsxwriter
// (Debian's libxlsxwriter-dev), which in bookworm's 1.1.4 writes only to a file: the file goes
// in a directory of its own under the system's temporary directory, is read back and the
// directory removed, whatever happens.

#include "civic/modules/risks/export.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "civic/core/csv.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/risks/heatmap.hpp"

namespace civic::risks {

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += "; ";
        out += item;
    }
    return out;
}

std::string number_text(std::int64_t n) { return fmt::format("{}", n); }

// One row's cells in k_export_columns' order; numbers as text, a missing target blank.
std::vector<std::string> cells_of(const ExportRow& r) {
    const auto target = [&](std::int64_t ExportScore::*field) {
        return r.target ? number_text((*r.target).*field) : std::string();
    };
    return {r.reference,
            r.title,
            r.description,
            r.owner,
            number_text(r.inherent.likelihood),
            number_text(r.inherent.impact),
            number_text(r.inherent.score),
            number_text(r.current.likelihood),
            number_text(r.current.impact),
            number_text(r.current.score),
            joined(r.controls),
            r.actions,
            r.next_review_on,
            r.category,
            target(&ExportScore::likelihood),
            target(&ExportScore::impact),
            target(&ExportScore::score),
            r.current.band,
            r.response,
            r.status,
            r.above_appetite ? "yes" : "no"};
}

constexpr std::size_t k_columns = std::size(k_export_columns);
// The columns the workbook writes as numbers.
bool numeric_column(std::size_t i) {
    const std::string_view name = k_export_columns[i];
    return name.ends_with("_likelihood") || name.ends_with("_impact") || name.ends_with("_score");
}
// Each column's width in characters, in k_export_columns' order, for its values; a column is
// made wider still when its name needs it (column_width()).
constexpr double k_widths[k_columns] = {11, 40, 60, 24, 10, 10, 10, 10, 10, 10, 60,
                                        60, 12, 18, 10, 10, 10, 13, 12, 10, 15};
double column_width(std::size_t i) {
    return std::max(k_widths[i], static_cast<double>(k_export_columns[i].size()) + 2);
}
// The long-text columns, wrapped.
bool wrapped_column(std::size_t i) {
    const std::string_view name = k_export_columns[i];
    return name == "title" || name == "description" || name == "controls" || name == "actions";
}

// A row's height in points for its wrapped text: Excel and LibreOffice keep a written file's
// row heights rather than fit them to wrapped text, so the lines are counted here (a line per
// width's worth of characters, less two for the words that wrap early), up to Excel's most.
double row_height(const std::vector<std::string>& cells) {
    constexpr double k_line = 15;  // points, for Excel's default 11-point font
    constexpr double k_most = 409;
    std::size_t lines = 1;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (!wrapped_column(c)) continue;
        const auto per_line = static_cast<std::size_t>(std::max(1.0, k_widths[c] - 2));
        std::size_t cell_lines = 0, characters = 0;
        const auto end_line = [&] {
            cell_lines += std::max<std::size_t>(1, (characters + per_line - 1) / per_line);
            characters = 0;
        };
        for (const char ch : cells[c]) {
            if (ch == '\n') end_line();
            // Count characters, not the bytes after a UTF-8 sequence's first.
            else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80)
                ++characters;
        }
        end_line();
        lines = std::max(lines, cell_lines);
    }
    return std::min(k_most, k_line * static_cast<double>(lines));
}

// Excel holds at most 32,767 characters in a cell; a longer text is cut, never refused.
constexpr std::size_t k_cell_max_bytes = 32000;

// A directory of one's own under the temporary directory, removed when this goes.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "civic-xlsx-XXXXXX");
        if (mkdtemp(pattern.data())) m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        if (!m_path.empty()) std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace

std::string register_csv(const RegisterExport& e) {
    std::string out = "\xEF\xBB\xBF";
    const auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out.push_back(',');
            append_csv_field(out, spreadsheet_safe(cells[i]));
        }
        out += "\r\n";
    };
    line(std::vector<std::string>(std::begin(k_export_columns), std::end(k_export_columns)));
    for (const auto& r : e.rows) line(cells_of(r));
    return out;
}

std::string sheet_name(std::string_view name) {
    // Each character Excel refuses (and each control character) becomes a space, runs of
    // spaces one space, then the first 31 characters are kept.
    std::string cleaned;
    const std::string safe = shown_safely(name);
    for (const char c : safe) {
        const bool refused = std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
                             (static_cast<unsigned char>(c) < 0x20);
        const char kept = refused ? ' ' : c;
        if (kept == ' ' && (cleaned.empty() || cleaned.back() == ' ')) continue;
        cleaned.push_back(kept);
    }
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < cleaned.size() && characters < 31;) {
        const auto c = static_cast<unsigned char>(cleaned[i]);
        const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        out.append(cleaned, i, length);
        i += length;
        ++characters;
    }
    while (!out.empty() && (out.front() == '\'' || out.front() == ' ')) out.erase(0, 1);
    while (!out.empty() && (out.back() == '\'' || out.back() == ' ')) out.pop_back();
    return out.empty() ? std::string("Risks") : out;
}

std::uint32_t band_rgb(std::string_view colour) {
    // The heat map's paint, so a band is the same colour on the page and in the workbook.
    const std::string_view fill = band_paint(colour).fill;  // "#ca3535"
    std::uint32_t rgb = 0xFFFFFF;
    if (fill.size() == 7) std::from_chars(fill.data() + 1, fill.data() + fill.size(), rgb, 16);
    return rgb;
}

Result<std::string> register_xlsx(const RegisterExport& e) {
    const TempDir dir;
    if (dir.path().empty())
        return std::unexpected(Error::internal(
            "The workbook could not be written: no temporary directory could be made"));
    const std::string file = (dir.path() / "register.xlsx").string();
    std::string tmpdir = dir.path().string();
    lxw_workbook_options options{};
    options.tmpdir = tmpdir.data();
    lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
    if (!book)
        return std::unexpected(
            Error::internal("The workbook could not be written: libxlsxwriter could not start it"));
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name(e.name).c_str());
    if (!sheet) {
        workbook_close(book);
        return std::unexpected(Error::internal(
            fmt::format("The workbook could not be written: the sheet name \"{}\" was refused",
                        sheet_name(e.name))));
    }

    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* text = workbook_add_format(book);
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* number = workbook_add_format(book);
    format_set_align(number, LXW_ALIGN_CENTER);
    format_set_align(number, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* wrapped = workbook_add_format(book);
    format_set_text_wrap(wrapped);
    format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
    // A format for each band colour a current score is filled with, made once.
    std::map<std::string, lxw_format*> fills;
    const auto fill_of = [&](std::int64_t score) -> lxw_format* {
        const Band* band = e.matrix.band_of(score);
        if (!band) return number;
        auto& f = fills[band->colour];
        if (!f) {
            f = workbook_add_format(book);
            format_set_align(f, LXW_ALIGN_CENTER);
            format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
            format_set_pattern(f, LXW_PATTERN_SOLID);
            const std::uint32_t rgb = band_rgb(band->colour);
            format_set_bg_color(f, rgb);
            // The text colour the heat map uses on that fill (white on the dark ones).
            if (band_paint(band->colour).text == "#ffffff")
                format_set_font_color(f, LXW_COLOR_WHITE);
        }
        return f;
    };

    for (std::size_t c = 0; c < k_columns; ++c) {
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             column_width(c),
                             numeric_column(c)   ? number
                             : wrapped_column(c) ? wrapped
                                                 : text);
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c),
                               std::string(k_export_columns[c]).c_str(), header);
    }
    worksheet_freeze_panes(sheet, 1, 0);

    lxw_row_t row_number = 1;
    for (const auto& r : e.rows) {
        const auto cells = cells_of(r);
        worksheet_set_row(sheet, row_number, row_height(cells), nullptr);
        for (std::size_t c = 0; c < k_columns; ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            const std::string& cell = cells[c];
            if (cell.empty()) continue;
            lxw_format* format = numeric_column(c) ? number : wrapped_column(c) ? wrapped : text;
            if (numeric_column(c)) {
                const bool current_score = k_export_columns[c] == "current_score";
                worksheet_write_number(sheet, row_number, col, std::stod(cell),
                                       current_score ? fill_of(r.current.score) : format);
            } else {
                // write_string never makes a formula, so the text needs no apostrophe here.
                worksheet_write_string(sheet, row_number, col,
                                       shortened(cell, k_cell_max_bytes).c_str(), format);
            }
        }
        ++row_number;
    }
    if (!e.rows.empty())
        worksheet_autofilter(sheet, 0, 0, row_number - 1, static_cast<lxw_col_t>(k_columns - 1));

    if (const lxw_error err = workbook_close(book); err != LXW_NO_ERROR)
        return std::unexpected(Error::internal(
            fmt::format("The workbook could not be written: {}", lxw_strerror(err))));
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in)
        return std::unexpected(Error::internal("The workbook was written but could not be read"));
    return bytes.str();
}

}  // namespace civic::risks
