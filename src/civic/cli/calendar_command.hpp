// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// civic calendar: holidays, add-working-days, period, timing, meetings.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace civic::cli {

struct CalendarCommand {
    CLI::App* holidays = nullptr;
    CLI::App* add_working_days = nullptr;
    CLI::App* period = nullptr;
    CLI::App* timing = nullptr;
    CLI::App* meetings = nullptr;
    std::vector<CLI::Option*> db_options;  // each subcommand's --db, to tell if one was given
    std::string from, to, date, text, first, time = "10:00";
    int days = 0;
    bool academic = false;
    bool explain = false;
    bool skip_holidays = false;
};

// Adds `civic calendar …` to app; db is the shared --db option's value.
void add_calendar_command(CLI::App& app, CalendarCommand& cmd, std::string& db);

// Runs it when one of its subcommands was given; nullopt otherwise.
std::optional<int> run_calendar_command(const CalendarCommand& cmd, const std::string& db);

}  // namespace civic::cli
