// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/governance_command.hpp"

#include <fmt/format.h>

#include "civic/cli/civic.hpp"

namespace civic::cli {
namespace {

std::string count(int n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

void add_governance_command(CLI::App& import_cmd, GovernanceCommand& cmd,
                            const std::function<void(CLI::App*)>& add_db) {
    cmd.import_moderngov = import_cmd.add_subcommand(
        "moderngov",
        "Import councillors, their wards, parties and terms from a Modern.gov "
        "GetCouncillorsByWard response (XML) into the council's register; run again, it adds "
        "nothing twice and ends the seats of councillors no longer listed");
    add_db(cmd.import_moderngov);
    cmd.import_moderngov->add_option("file", cmd.file, "The XML file")->required();
}

std::optional<int> run_governance_command(const GovernanceCommand& cmd, const std::string& db) {
    if (!cmd.import_moderngov->parsed()) return std::nullopt;
    const std::string xml = read_file(cmd.file);
    auto civic = open_civic(db, Create::Never);
    auto done = civic->governance->import_moderngov(cli_context(*civic), xml);
    if (!done) {
        fmt::print(stderr, "civic: {} was not imported.\n", cmd.file);
        print_errors(done.error());
        return k_exit_failed;
    }
    fmt::print("Imported {}: {} added and {} changed; {} and {} added; {} added and {} ended.\n",
               cmd.file, count(done->councillors_added, "councillor", "councillors"),
               done->councillors_updated, count(done->wards_added, "ward", "wards"),
               count(done->parties_added, "party", "parties"),
               count(done->memberships_added, "seat", "seats"), done->memberships_ended);
    return k_exit_ok;
}

}  // namespace civic::cli
