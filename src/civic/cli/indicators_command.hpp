// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// civic import indicators | values | dataset, and civic export indicators | values.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace civic::cli {

struct IndicatorsCommand {
    CLI::App* import_indicators = nullptr;
    CLI::App* import_values = nullptr;
    CLI::App* import_dataset = nullptr;
    CLI::App* export_indicators = nullptr;
    CLI::App* export_values = nullptr;
    std::string file, name, values, groups, metrics, neighbours, title, source, indicator, output;
};

// Adds the subcommands to `civic import` and `civic export`; add_db gives each its --db.
void add_indicators_command(CLI::App& import_cmd, CLI::App& export_cmd, IndicatorsCommand& cmd,
                            const std::function<void(CLI::App*)>& add_db);

// Runs one when it was given; nullopt otherwise.
std::optional<int> run_indicators_command(const IndicatorsCommand& cmd, const std::string& db);

}  // namespace civic::cli
