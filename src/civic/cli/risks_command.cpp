// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/risks_command.hpp"

#include <fmt/format.h>

#include "civic/cli/civic.hpp"

namespace civic::cli {

void add_risks_command(CLI::App& import_cmd, RisksCommand& cmd,
                       const std::function<void(CLI::App*)>& add_db) {
    cmd.import_risks = import_cmd.add_subcommand(
        "risks",
        "Import a risk register from a spreadsheet (CSV: reference, title, description, owner, "
        "inherent and current likelihood, impact and score, controls, actions, review_date, "
        "...) into a register, after its last risk");
    add_db(cmd.import_risks);
    cmd.import_risks->add_option("file", cmd.file, "The CSV file")->required();
    cmd.import_risks->add_option("--register", cmd.register_id, "The risk register's id")
        ->required();
}

std::optional<int> run_risks_command(const RisksCommand& cmd, const std::string& db) {
    if (!cmd.import_risks->parsed()) return std::nullopt;
    const std::string csv = read_file(cmd.file);
    auto civic = open_civic(db, Create::Never);
    auto done = civic->risks->import_register(cli_context(*civic), cmd.register_id, csv);
    if (!done) return not_imported(cmd.file, done.error());
    fmt::print("Imported {} {} from {}.\n", done->created, done->created == 1 ? "risk" : "risks",
               cmd.file);
    if (!done->owners_to_tidy.empty()) {
        fmt::print(
            "Owners kept as written, matching no one in the organisation register (to tidy):\n");
        for (const auto& o : done->owners_to_tidy) fmt::print("  {}\n", o);
    }
    return k_exit_ok;
}

}  // namespace civic::cli
