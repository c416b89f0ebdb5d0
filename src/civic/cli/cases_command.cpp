// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/cases_command.hpp"

#include <fmt/format.h>

#include "civic/cli/civic.hpp"

namespace civic::cli {

void add_cases_command(CLI::App& app, CLI::App& import_cmd, CasesCommand& cmd,
                       const std::function<void(CLI::App*)>& add_db) {
    auto* cases = app.add_subcommand("cases", "Casework: retention of requesters' personal data");
    cases->require_subcommand(1);
    cmd.apply_retention = cases->add_subcommand(
        "apply-retention",
        "Remove the requester's personal data (name, contact, request, responses) from every "
        "case closed longer ago than its type's retention years; the statistics stay");
    add_db(cmd.apply_retention);
    cmd.import_cases = import_cmd.add_subcommand(
        "cases",
        "Import cases from a spreadsheet (CSV: type, received_on, channel, requester_kind, "
        "subject, unit, and optionally reference, the requester, officer and the history: "
        "acknowledged_on, responded_on, stage, escalated_on, closed_on, outcome, resolved_on)");
    add_db(cmd.import_cases);
    cmd.import_cases->add_option("file", cmd.file, "The CSV file")->required();
}

namespace {

int import_cases(const CasesCommand& cmd, const std::string& db) {
    const std::string csv = read_file(cmd.file);
    auto civic = open_civic(db, Create::Never);
    auto done = civic->cases->import_cases(cli_context(*civic), csv);
    if (!done) return not_imported(cmd.file, done.error());
    const auto n = done->cases.size();
    fmt::print("Imported {} {} from {}.\n", n, n == 1 ? "case" : "cases", cmd.file);
    return k_exit_ok;
}

}  // namespace

std::optional<int> run_cases_command(const CasesCommand& cmd, const std::string& db) {
    if (cmd.import_cases->parsed()) return import_cases(cmd, db);
    if (!cmd.apply_retention->parsed()) return std::nullopt;
    auto civic = open_civic(db, Create::Never);
    auto done = civic->cases->apply_retention(cli_context(*civic));
    if (!done) {
        print_errors(done.error());
        return k_exit_failed;
    }
    fmt::print("Removed the personal data of {} closed {}.\n", *done,
               *done == 1 ? "case" : "cases");
    return k_exit_ok;
}

}  // namespace civic::cli
