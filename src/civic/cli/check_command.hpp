// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// civic check: verifies a database and reports each problem on its own line.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace civic::cli {

struct CheckCommand {
    CLI::App* check = nullptr;
};

// Adds `civic check [--db]` to app; db is the shared --db option's value.
void add_check_command(CLI::App& app, CheckCommand& cmd, std::string& db);

// Runs it when it was given; nullopt otherwise. Exit 0: the database is sound; 1: something
// was found (or the database could not be opened).
std::optional<int> run_check_command(const CheckCommand& cmd, const std::string& db);

}  // namespace civic::cli
