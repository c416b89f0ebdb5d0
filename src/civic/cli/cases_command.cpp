// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/cases_command.hpp"

#include <fmt/format.h>

#include "civic/cli/civic.hpp"

namespace civic::cli {

void add_cases_command(CLI::App& app, CasesCommand& cmd,
                       const std::function<void(CLI::App*)>& add_db) {
    auto* cases = app.add_subcommand("cases", "Casework: retention of requesters' personal data");
    cases->require_subcommand(1);
    cmd.apply_retention = cases->add_subcommand(
        "apply-retention",
        "Remove the requester's personal data (name, contact, request, responses) from every "
        "case closed longer ago than its type's retention years; the statistics stay");
    add_db(cmd.apply_retention);
}

std::optional<int> run_cases_command(const CasesCommand& cmd, const std::string& db) {
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
