// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A risk register in the shape councils publish, read from CSV into rows of text and whole
// numbers, with no database and no matrix: the first step of the import. Its first line names
// the columns
//
//   reference,title,description,owner,inherent_likelihood,inherent_impact,inherent_score,
//   current_likelihood,current_impact,current_score[,controls][,actions][,review_date]
//
// in any order and any case; Civic's own export adds category, target_likelihood,
// target_impact, target_score, current_band, response, status and above_appetite, which are
// read too, so that an export imports back. Every problem of the file is found and returned
// together, each naming its line and column; there is no partial result.
//
// What needs the council's matrix (the levels in range, each score equal to likelihood ×
// impact) is check_row_scores(), which the service runs on each row before it writes.
//
// The errors are service.hpp's ImportLineError, so the service passes them on as they are.

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/risks/matrix.hpp"
#include "civic/modules/risks/service.hpp"

namespace civic::risks {

// One line of a register as the file gave it. Text is trimmed; a blank number is nullopt.
struct ImportRow {
    std::size_t line = 0;  // the physical line the record starts on, the header being line 1
    std::string reference, title, description, owner;
    std::optional<std::int64_t> inherent_likelihood, inherent_impact, inherent_score;
    std::optional<std::int64_t> current_likelihood, current_impact, current_score;
    std::vector<std::string> controls;       // the "controls" cell split on ";", blanks left out
    std::string actions;                     // kept as written, line breaks and all
    std::optional<std::string> review_date;  // YYYY-MM-DD (converted from DD/MM/YYYY)
    // The columns Civic's export adds ("" or nullopt when absent or blank). current_band and
    // above_appetite follow from the scores and the appetite, so they are read and ignored.
    std::string category, response, status;
    std::optional<std::int64_t> target_likelihood, target_impact, target_score;

    bool operator==(const ImportRow&) const = default;
};

// The columns the first line must name, and those it may.
inline constexpr std::string_view k_import_required[] = {
    "reference",           "title",           "description",    "owner",
    "inherent_likelihood", "inherent_impact", "inherent_score", "current_likelihood",
    "current_impact",      "current_score"};
inline constexpr std::string_view k_import_optional[] = {
    "controls",     "actions",      "review_date", "category", "target_likelihood", "target_impact",
    "target_score", "current_band", "response",    "status",   "above_appetite"};

// Reads the file (a leading byte-order mark, CRLF or LF, quoted line breaks are all fine).
// Either every row, in the file's order, or every problem found, in line order.
std::expected<std::vector<ImportRow>, std::vector<ImportLineError>> import_rows(
    std::string_view csv);

// The checks of a row that need the matrix: each likelihood and impact given and on the
// matrix, and each score given equal to its likelihood × impact (the target's only when the
// row has one). Errors name the row's line and the column.
std::vector<ImportLineError> check_row_scores(const ImportRow& row, const Matrix& matrix);

// "line 7, column current_impact: "H" is not a whole number; …", as an officer reads it.
std::string line_error_text(const ImportLineError& e);

}  // namespace civic::risks
