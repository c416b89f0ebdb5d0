// SPDX-License-Identifier: AGPL-3.0-or-later
// Reading a council's casework: core/csv.hpp's read_csv_table() checks the file's shape
// (syntax, the columns, each line's length, text that is UTF-8), then each row's dates are
// read here, every problem kept.

#include "civic/modules/cases/import_rows.hpp"

#include <iterator>

namespace civic::cases {

std::vector<ImportRow> import_rows(std::string_view csv, ImportProblems& problems) {
    const std::vector<std::string_view> required(std::begin(k_import_required),
                                                 std::end(k_import_required));
    const std::vector<std::string_view> optional(std::begin(k_import_optional),
                                                 std::end(k_import_optional));
    const CsvTable table = read_csv_table(csv, {required, optional}, problems);
    std::vector<ImportRow> rows;
    if (!table.header_ok) return rows;
    check_repeated_columns(table, problems);
    for (const auto& record : table.rows) {
        const auto text = [&](std::string_view column) { return table.text(record, column); };
        const auto date = [&](std::string_view column) {
            return table.date(record, column, problems);
        };
        ImportRow row;
        row.line = record.line;
        row.reference = text("reference");
        row.type = text("type");
        row.received_on = date("received_on");
        row.received_at = text("received_at");
        row.priority = text("priority");
        row.channel = text("channel");
        row.requester_kind = text("requester_kind");
        row.requester_name = text("requester_name");
        row.requester_contact = text("requester_contact");
        row.on_behalf_of = text("on_behalf_of");
        row.councillor = text("councillor");
        row.subject = text("subject");
        row.description = text("description");
        row.unit = text("unit");
        row.officer = text("officer");
        row.acknowledged_on = date("acknowledged_on");
        row.responded_on = date("responded_on");
        row.stage = text("stage");
        row.escalated_on = date("escalated_on");
        row.closed_on = date("closed_on");
        row.outcome = text("outcome");
        row.resolved_on = date("resolved_on");
        rows.push_back(std::move(row));
    }
    // A file that names the columns and nothing else is most likely the wrong file.
    if (table.rows.empty() && table.refused.empty())
        problems.add(1, "", "The file names the columns but has no cases under them");
    return rows;
}

}  // namespace civic::cases
