// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// civic import risks FILE.csv --register ID: a risk register in the shape councils publish,
// all or nothing, into one of Civic's registers.

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

namespace civic::cli {

struct RisksCommand {
    CLI::App* import_risks = nullptr;
    std::string file;
    std::string register_id;
};

// Adds the subcommand to `civic import`; add_db gives it its --db.
void add_risks_command(CLI::App& import_cmd, RisksCommand& cmd,
                       const std::function<void(CLI::App*)>& add_db);

// Runs it when it was given; nullopt otherwise.
std::optional<int> run_risks_command(const RisksCommand& cmd, const std::string& db);

}  // namespace civic::cli
