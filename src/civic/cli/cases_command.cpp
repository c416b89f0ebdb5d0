// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/cases_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "civic/cli/civic.hpp"

namespace civic::cli {

namespace {

int apply_retention(Civic& civic) {
    auto done = civic.cases->apply_retention(cli_context(civic));
    if (!done) {
        print_errors(done.error());
        return k_exit_failed;
    }
    fmt::print("Removed the personal data of {} closed {}.\n", *done,
               *done == 1 ? "case" : "cases");
    return k_exit_ok;
}

std::string periods(const std::vector<std::string>& list) {
    return list.empty() ? "none" : fmt::format("{}", fmt::join(list, ", "));
}

int feed_indicators(Civic& civic, const std::string& indicator) {
    auto runs = civic.cases->feed_indicators(
        cli_context(civic),
        indicator.empty() ? std::nullopt : std::optional<std::string>(indicator));
    if (!runs) {
        print_errors(runs.error());
        return k_exit_failed;
    }
    bool failed = false;
    for (const auto& run : *runs) {
        fmt::print("{}: entered {}; updated {}; unchanged {}; approved and left alone {}.\n",
                   run.indicator_code.empty() ? run.feed_id : run.indicator_code,
                   periods(run.entered), periods(run.updated), periods(run.unchanged),
                   periods(run.left_approved));
        for (const auto& e : run.errors)
            fmt::print(stderr, "civic: {}: {}\n", run.indicator_code, e);
        failed = failed || !run.errors.empty();
    }
    if (runs->empty())
        fmt::print("{}\n", indicator.empty() ? "No indicator is filled from the cases."
                                             : indicator + " is not filled from the cases.");
    return failed ? k_exit_failed : k_exit_ok;
}

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

void add_cases_command(CLI::App& app, CLI::App& import_cmd, CasesCommand& cmd,
                       const std::function<void(CLI::App*)>& add_db) {
    auto* cases = app.add_subcommand(
        "cases", "Casework: retention of requesters' personal data, and indicators fed from it");
    cases->require_subcommand(1);
    cmd.apply_retention = cases->add_subcommand(
        "apply-retention",
        "Remove the requester's personal data (name, contact, request, responses) from every "
        "case closed longer ago than its type's retention years; the statistics stay");
    add_db(cmd.apply_retention);
    cmd.feed_indicators = cases->add_subcommand(
        "feed-indicators",
        "Enter each completed period's value of every indicator fed from the cases, as a draft "
        "with its numerator and denominator; a changed draft or submitted value is corrected, "
        "an approved one left alone");
    cmd.feed_indicators->add_option("--indicator", cmd.indicator,
                                    "Only this indicator's feed (its code or id)");
    add_db(cmd.feed_indicators);
    cmd.import_cases = import_cmd.add_subcommand(
        "cases",
        "Import cases from a spreadsheet (CSV: type, received_on, channel, requester_kind, "
        "subject, unit, and optionally reference, the requester, officer and the history: "
        "acknowledged_on, responded_on, stage, escalated_on, closed_on, outcome, resolved_on)");
    add_db(cmd.import_cases);
    cmd.import_cases->add_option("file", cmd.file, "The CSV file")->required();
}

std::optional<int> run_cases_command(const CasesCommand& cmd, const std::string& db) {
    if (cmd.import_cases->parsed()) return import_cases(cmd, db);
    if (cmd.apply_retention->parsed()) {
        auto civic = open_civic(db, Create::Never);
        return apply_retention(*civic);
    }
    if (cmd.feed_indicators->parsed()) {
        auto civic = open_civic(db, Create::Never);
        return feed_indicators(*civic, cmd.indicator);
    }
    return std::nullopt;
}

}  // namespace civic::cli
