// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A risk register written out for a committee's papers or a spreadsheet: as CSV (the columns
// import_rows() reads first, so an export imports back, then what Civic adds) and as an Excel
// workbook. Pure: the service fills the rows from what the reader may see, in the register's
// order, and these only write them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/modules/risks/matrix.hpp"

namespace civic::risks {

struct ExportScore {
    std::int64_t likelihood = 0, impact = 0, score = 0;
    std::string band;  // the band's name on the matrix ("" outside every band)
};

// One risk as an export shows it.
struct ExportRow {
    std::string reference, title, description;
    std::string owner;  // the person's name, or the owner as the council wrote it
    ExportScore inherent, current;
    std::optional<ExportScore> target;
    std::string category, response;
    std::vector<std::string> controls;  // written "a; b; c"
    std::string actions;
    std::string next_review_on;  // YYYY-MM-DD, or ""
    std::string status;
    bool above_appetite = false;
};

struct RegisterExport {
    std::string name;  // the register's name: the workbook's sheet
    Matrix matrix;     // the bands' colours
    std::vector<ExportRow> rows;
};

// The columns, in order: import_rows()'s first, then what Civic adds.
inline constexpr std::string_view k_export_columns[] = {
    "reference",           "title",           "description",       "owner",
    "inherent_likelihood", "inherent_impact", "inherent_score",    "current_likelihood",
    "current_impact",      "current_score",   "controls",          "actions",
    "review_date",         "category",        "target_likelihood", "target_impact",
    "target_score",        "current_band",    "response",          "status",
    "above_appetite"};

// UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends, and every text
// cell that a spreadsheet would run as a formula made text (spreadsheet_safe()).
std::string register_csv(const RegisterExport& e);

// An .xlsx workbook: one sheet named after the register, a bold first row that stays in view,
// columns wide enough to read, scores as numbers, each current score filled with its band's
// colour. Fails only when the workbook cannot be written (a full disk).
Result<std::string> register_xlsx(const RegisterExport& e);

// The register's name as Excel allows a sheet's: at most 31 characters, none of []:*?/\,
// not starting or ending with an apostrophe; "Risks" when nothing is left.
std::string sheet_name(std::string_view name);

// A band's colour (matrix.hpp's k_band_colours) as the RGB the heat map paints it with
// (heatmap.hpp's band_paint), so a band looks the same on the page and in the workbook.
std::uint32_t band_rgb(std::string_view colour);

}  // namespace civic::risks
