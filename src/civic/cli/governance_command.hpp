// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// civic import moderngov FILE.xml: councillors, wards, parties and terms from a Modern.gov
// GetCouncillorsByWard response into the organisation register.

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

namespace civic::cli {

struct GovernanceCommand {
    CLI::App* import_moderngov = nullptr;
    std::string file;
};

// Adds the subcommand to `civic import`; add_db gives it its --db.
void add_governance_command(CLI::App& import_cmd, GovernanceCommand& cmd,
                            const std::function<void(CLI::App*)>& add_db);

// Runs it when it was given; nullopt otherwise.
std::optional<int> run_governance_command(const GovernanceCommand& cmd, const std::string& db);

}  // namespace civic::cli
