// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A council's casework as its spreadsheet holds it, read from CSV into rows of text and dates,
// with no database: the first step of `civic import cases`. Its first line names the columns
//
//   type,received_on,channel,requester_kind,subject,unit[,reference][,requester_name]
//   [,requester_contact][,on_behalf_of][,councillor][,description][,officer]
//   [,acknowledged_on][,responded_on][,stage][,escalated_on][,closed_on][,outcome]
//   [,resolved_on][,received_at][,priority]
//
// in any order and any case (docs/cases.md, "Importing cases"). Dates are YYYY-MM-DD or
// DD/MM/YYYY. Every problem of the file's shape and of its cells goes into the problems given,
// naming its line and column; the rows are returned all the same, so that the service checks
// each one with the API's rules too and an officer corrects the whole file at once.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/csv.hpp"

namespace civic::cases {

// One line of the file as it gave it. Text is trimmed; a blank or unreadable date is nullopt.
struct ImportRow {
    std::size_t line = 0;  // the physical line the record starts on, the header being line 1
    std::string reference, type, received_at, priority, channel, requester_kind, requester_name,
        requester_contact, on_behalf_of, councillor, subject, description, unit, officer, stage,
        outcome;
    // YYYY-MM-DD (converted from DD/MM/YYYY)
    std::optional<std::string> received_on, acknowledged_on, responded_on, escalated_on, closed_on,
        resolved_on;

    bool operator==(const ImportRow&) const = default;
};

// The columns the first line must name, and those it may.
inline constexpr std::string_view k_import_required[] = {"type",           "received_on", "channel",
                                                         "requester_kind", "subject",     "unit"};
inline constexpr std::string_view k_import_optional[] = {
    "reference",    "requester_name", "requester_contact", "on_behalf_of",
    "councillor",   "description",    "officer",           "acknowledged_on",
    "responded_on", "stage",          "escalated_on",      "closed_on",
    "outcome",      "resolved_on",    "received_at",       "priority"};

// Reads the file (a leading byte-order mark, CRLF or LF, quoted line breaks are all fine):
// every row with the right number of values, in the file's order. When the first line is
// wrong there are none.
std::vector<ImportRow> import_rows(std::string_view csv, ImportProblems& problems);

}  // namespace civic::cases
