// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/calendar_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "civic/cli/civic.hpp"
#include "civic/core/json.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/calendar/meetings.hpp"
#include "civic/modules/calendar/views.hpp"

namespace civic::cli {
namespace {

// The council's own days live in its database. A database named with --db or $CIVIC_DB must
// be there: an officer who names one expects its closure days to count, and a typing mistake
// must not quietly leave them out. Only the default, var/civic.db, may be missing: then the
// bank holidays count alone, as on a machine with no council yet.
std::optional<WorkingCalendar> calendar_for(const CalendarCommand& cmd, const std::string& db) {
    if (store::is_postgres_url(db) || std::filesystem::exists(db))
        return open_civic(db, Create::Never)->calendar->working_calendar();
    const bool by_option = std::any_of(cmd.db_options.begin(), cmd.db_options.end(),
                                       [](const CLI::Option* o) { return o->count() > 0; });
    const char* env = std::getenv("CIVIC_DB");
    if (!by_option && !(env && *env)) return WorkingCalendar();
    fmt::print(stderr,
               "civic: There is no database at {}, so the council's own closure days cannot be "
               "counted. {}\n",
               db,
               by_option ? "Check --db, or leave it out to count the bank holidays alone."
                         : "Check $CIVIC_DB, or unset it to count the bank holidays alone.");
    return std::nullopt;
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
        "The database whose own closure days count (default var/civic.db, or $CIVIC_DB). A "
        "database named here must exist; when the default is missing, the bank holidays count "
        "alone";

    cmd.holidays = calendar->add_subcommand(
        "holidays", "List the non-working days between two dates, one a line");
    cmd.holidays->add_option("--from", cmd.from, "The first date, YYYY-MM-DD")->required();
    cmd.holidays->add_option("--to", cmd.to, "The last date, YYYY-MM-DD")->required();
    cmd.db_options.push_back(cmd.holidays->add_option("--db", db, db_help));

    cmd.add_working_days =
        calendar->add_subcommand("add-working-days", "The date N working days after DATE");
    cmd.add_working_days
        ->add_option("date", cmd.date, "The start date, YYYY-MM-DD (it does not count)")
        ->required();
    cmd.add_working_days->add_option("n", cmd.days, "Working days to add (negative: go back)")
        ->required()
        ->check(CLI::Range(-3650, 3650));
    cmd.add_working_days->add_flag("--explain", cmd.explain, "Also list each day skipped and why");
    cmd.db_options.push_back(cmd.add_working_days->add_option("--db", db, db_help));

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
    cmd.meetings->add_flag("--skip-holidays", cmd.skip_holidays,
                           "Move a meeting that falls on a bank holiday or closure day to the next "
                           "working day");
    cmd.db_options.push_back(cmd.meetings->add_option("--db", db, db_help));
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
        const auto calendar = calendar_for(cmd, db);
        if (!calendar) return k_exit_failed;
        for (const auto& h : calendar->holidays(*from, *to))
            fmt::print("{}\t{}\n", format_iso_date(h.date), h.name);
        return k_exit_ok;
    }
    if (cmd.add_working_days->parsed()) {
        auto from = date_arg(cmd.date, "DATE");
        if (!from) return k_exit_usage;
        const auto calendar = calendar_for(cmd, db);
        if (!calendar) return k_exit_failed;
        if (!calendar->try_add_working_days(*from, cmd.days)) {
            fmt::print(stderr, "civic: the answer would fall outside the years 0000 to 9999\n");
            return k_exit_usage;
        }
        const auto result = calendar->add_working_days_explained(*from, cmd.days);
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
        const Date today = civic::uk_date(std::chrono::system_clock::now());
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
        const auto calendar = calendar_for(cmd, db);
        if (!calendar) return k_exit_failed;
        auto found = calendar::meetings_between(
            *schedule, *from, *to, *calendar,
            cmd.skip_holidays ? calendar::OnHoliday::MoveNext : calendar::OnHoliday::Mark, 1000);
        if (!found) {
            fmt::print(stderr, "civic: {}\n", found.error());
            return k_exit_failed;
        }
        // local<TAB>UTC, and a third column for a meeting the schedule puts on a holiday.
        for (const auto& m : *found) {
            std::string note;
            if (m.moved_from) {
                note = fmt::format("\tmoved from {} ({})", format_long_date(*m.moved_from),
                                   shown_safely(m.holiday->name));
            } else if (m.holiday) {
                note = fmt::format("\ton a holiday: {}", shown_safely(m.holiday->name));
            }
            fmt::print("{}\t{}{}\n", m.occurrence.local, m.occurrence.utc, note);
        }
        return k_exit_ok;
    }
    return std::nullopt;
}

}  // namespace civic::cli
