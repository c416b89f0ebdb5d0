// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// civic cases apply-retention: removes the requester's personal data from every case closed
// longer ago than its type keeps it, leaving what the statistics count.
// civic cases feed-indicators: fills every indicator fed from the cases with each completed
// period's value (a draft, with its numerator and denominator), correcting drafts whose
// figures changed and leaving approved values alone.
// civic import cases FILE.csv: a council's casework from its spreadsheet, all or nothing.

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

namespace civic::cli {

struct CasesCommand {
    CLI::App* apply_retention = nullptr;
    CLI::App* feed_indicators = nullptr;
    std::string indicator;  // feed-indicators --indicator: only this one's feed
    CLI::App* import_cases = nullptr;
    std::string file;
};

// Adds `civic cases …` to app and `civic import cases` to import_cmd; add_db gives each
// subcommand its --db.
void add_cases_command(CLI::App& app, CLI::App& import_cmd, CasesCommand& cmd,
                       const std::function<void(CLI::App*)>& add_db);

// Runs it when one of its subcommands was given; nullopt otherwise.
std::optional<int> run_cases_command(const CasesCommand& cmd, const std::string& db);

}  // namespace civic::cli
