// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/cli/check_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "civic/cli/civic.hpp"
#include "civic/store/check.hpp"

namespace civic::cli {
namespace {

std::string plural(std::int64_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// SQLite would turn any other file into a database as it opened it; the check changes nothing.
bool is_sqlite_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    return in &&
           std::string_view(header, sizeof header) == std::string_view("SQLite format 3\0", 16);
}

}  // namespace

void add_check_command(CLI::App& app, CheckCommand& cmd, std::string& db) {
    cmd.check = app.add_subcommand(
        "check",
        "Check a database and report each problem: integrity, foreign keys, text that is not "
        "UTF-8 or holds control characters, and the audit trail's versions. Changes nothing");
    cmd.check->add_option("--db", db,
                          "The database: an SQLite file (default var/civic.db) or "
                          "postgres://user@host:port/name; $CIVIC_DB sets the default");
}

std::optional<int> run_check_command(const CheckCommand& cmd, const std::string& db) {
    if (!cmd.check->parsed()) return std::nullopt;
    if (!store::is_postgres_url(db)) {
        if (!std::filesystem::exists(db)) {
            fmt::print(stderr, "civic: There is no database at {}.\n", db);
            return k_exit_failed;
        }
        if (!is_sqlite_file(db)) {
            fmt::print(stderr, "civic: {} is not an SQLite database.\n", db);
            return k_exit_failed;
        }
    }
    // Opened as it is, without open_civic(): a check applies no migrations.
    store::OpenOptions options;
    options.create = false;
    options.pool_size = 1;
    auto database = store::open_database(db, options);
    const auto report = store::check_database(*database);
    database->close();

    for (const auto& f : report.findings) fmt::print("{}\n", f.line());
    for (const auto& note : report.notes) fmt::print("{}\n", note);
    const auto found = static_cast<std::int64_t>(report.findings.size());
    fmt::print("Checked integrity, foreign keys, {} in {} of {}, and the audit trails of {}: {}.\n",
               plural(report.text_values, "text value", "text values"),
               plural(report.rows, "row", "rows"), plural(report.tables, "table", "tables"),
               plural(report.audited_records, "record", "records"),
               found == 0 ? std::string("no problems found")
                          : plural(found, "problem", "problems") + " found");
    return found == 0 ? k_exit_ok : k_exit_failed;
}

}  // namespace civic::cli
