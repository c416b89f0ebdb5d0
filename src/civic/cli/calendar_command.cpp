// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/calendar_command.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <optional>

#include "civic/cli/civic.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/calendar/views.hpp"

namespace civic::cli {
namespace {

// The council's own days live in its database; without one, the bank holidays alone.
WorkingCalendar calendar_for(const std::string& db) {
    if (!store::is_postgres_url(db) && !std::filesystem::exists(db)) return WorkingCalendar();
    return open_civic(db, Create::Never)->calendar->working_calendar();
}

std::optional<Date> date_arg(const std::string& text, std::string_view what) {
    auto d = parse_iso_date(text);
    if (!d)
        fmt::print(stderr,
                   "civic: {} must be a real date written as YYYY-MM-DD, for example 2025-04-01\n",
                   what);
    return d;
}

}  // namespace

void add_calendar_command(CLI::App& app, CalendarCommand& cmd, std::string& db) {
    auto* calendar =
        app.add_subcommand("calendar", "Bank holidays, working days, periods and timing phrases");
    calendar->require_subcommand(1);
    const std::string db_help =
        "The database whose own calendar days count (default var/civic.db); without one, the bank "
        "holidays alone";

    cmd.holidays = calendar->add_subcommand(
        "holidays", "List the non-working days between two dates, one a line");
    cmd.holidays->add_option("--from", cmd.from, "The first date, YYYY-MM-DD")->required();
    cmd.holidays->add_option("--to", cmd.to, "The last date, YYYY-MM-DD")->required();
    cmd.holidays->add_option("--db", db, db_help);

    cmd.add_working_days =
        calendar->add_subcommand("add-working-days", "The date N working days after DATE");
    cmd.add_working_days
        ->add_option("date", cmd.date, "The start date, YYYY-MM-DD (it does not count)")
        ->required();
    cmd.add_working_days->add_option("n", cmd.days, "Working days to add (negative: go back)")
        ->required()
        ->check(CLI::Range(-3650, 3650));
    cmd.add_working_days->add_flag("--explain", cmd.explain, "Also list each day skipped and why");
    cmd.add_working_days->add_option("--db", db, db_help);

    cmd.period = calendar->add_subcommand(
        "period", "Read a period (2025/26, 2025/26 Q1, Sep 2025) and print it as JSON");
    cmd.period->add_option("text", cmd.text, "The period")->required();
    cmd.period->add_flag("--academic", cmd.academic, "Read a plain 2025/26 as an academic year");

    cmd.timing = calendar->add_subcommand(
        "timing", "Read a timing phrase (Autumn 1999, by July 1999) and print it as JSON");
    cmd.timing->add_option("text", cmd.text, "The phrase")->required();

    cmd.meetings = calendar->add_subcommand(
        "meetings", "List the meetings of a schedule between two dates, in UK time and UTC");
    cmd.meetings
        ->add_option("rule", cmd.text,
                     "\"every Tuesday\", \"the first Wednesday of each month\", or an RRULE")
        ->required();
    cmd.meetings->add_option("--first", cmd.first, "The first meeting's date, YYYY-MM-DD")
        ->required();
    cmd.meetings->add_option("--time", cmd.time, "The local time of day, HH:MM (default 10:00)");
    cmd.meetings->add_option("--from", cmd.from, "The first date to list, YYYY-MM-DD")->required();
    cmd.meetings->add_option("--to", cmd.to, "The last date to list, YYYY-MM-DD")->required();
}

std::optional<int> run_calendar_command(const CalendarCommand& cmd, const std::string& db) {
    if (cmd.holidays->parsed()) {
        auto from = date_arg(cmd.from, "--from");
        auto to = date_arg(cmd.to, "--to");
        if (!from || !to) return k_exit_usage;
        if (days_between(*from, *to) < 0) {
            fmt::print(stderr, "civic: --to must be the same as or after --from\n");
            return k_exit_usage;
        }
        for (const auto& h : calendar_for(db).holidays(*from, *to))
            fmt::print("{}\t{}\n", format_iso_date(h.date), h.name);
        return k_exit_ok;
    }
    if (cmd.add_working_days->parsed()) {
        auto from = date_arg(cmd.date, "DATE");
        if (!from) return k_exit_usage;
        const auto calendar = calendar_for(db);
        if (!calendar.try_add_working_days(*from, cmd.days)) {
            fmt::print(stderr, "civic: the answer would fall outside the years 0000 to 9999\n");
            return k_exit_usage;
        }
        const auto result = calendar.add_working_days_explained(*from, cmd.days);
        fmt::print("{}\n", format_iso_date(result.date));
        if (cmd.explain)
            for (const auto& d : result.skipped)
                fmt::print("skipped\t{}\t{}\n", format_iso_date(d.date), d.name);
        return k_exit_ok;
    }
    if (cmd.period->parsed()) {
        PeriodOptions options;
        if (cmd.academic) options.year_pair = YearPair::AcademicYear;
        auto p = parse_period(cmd.text, options);
        if (!p) {
            fmt::print(stderr, "civic: {}\n", p.error());
            return k_exit_failed;
        }
        auto body = calendar::period_json(*p);
        body["text"] = cmd.text;
        fmt::print("{}\n", civic::to_json(body));
        return k_exit_ok;
    }
    if (cmd.timing->parsed()) {
        const Date today = *parse_iso_date(format_date(std::chrono::system_clock::now()));
        fmt::print("{}\n", civic::to_json(calendar::timing_json(parse_timing(cmd.text), today)));
        return k_exit_ok;
    }
    if (cmd.meetings->parsed()) {
        auto schedule = calendar::schedule_from(cmd.text, cmd.first, cmd.time);
        auto from = date_arg(cmd.from, "--from");
        auto to = date_arg(cmd.to, "--to");
        if (!schedule) {
            for (const auto& e : schedule.error().errors)
                fmt::print(stderr, "civic: {}: {}\n", e.field, e.message);
            return k_exit_usage;
        }
        if (!from || !to) return k_exit_usage;
        auto found = expand(*schedule, *from, *to, 1000);
        if (!found) {
            fmt::print(stderr, "civic: {}\n", found.error());
            return k_exit_failed;
        }
        for (const auto& m : *found) fmt::print("{}\t{}\n", m.local, m.utc);
        return k_exit_ok;
    }
    return std::nullopt;
}

}  // namespace civic::cli
