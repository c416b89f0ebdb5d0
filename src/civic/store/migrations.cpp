// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/store/migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "civic/core/clock.hpp"
#include "civic/core/embedded.hpp"

namespace civic::store {

std::vector<Migration> migrations_for(Dialect dialect) {
    const std::string_view own = dialect == Dialect::Sqlite ? ".sqlite.sql" : ".postgres.sql";
    const std::string_view other = dialect == Dialect::Sqlite ? ".postgres.sql" : ".sqlite.sql";
    std::map<int, Migration> by_version;
    for (const auto& f : civic_embedded_migrations()) {
        if (f.path.empty() || f.path.ends_with(other)) continue;
        int version = 0;
        auto [p, ec] = std::from_chars(f.path.data(), f.path.data() + f.path.size(), version);
        if (ec != std::errc{} || *p != '_') continue;
        const bool specific = f.path.ends_with(own);
        std::string name(f.path.substr(static_cast<std::size_t>(p - f.path.data()) + 1));
        name = name.substr(0, name.find('.'));
        auto& m = by_version[version];
        // A dialect's own file replaces the shared one.
        if (m.sql.empty() || specific) m = Migration{version, name, std::string(f.contents)};
    }
    std::vector<Migration> out;
    for (auto& [v, m] : by_version) out.push_back(std::move(m));
    return out;
}

int latest_schema_version() {
    const auto all = migrations_for(Dialect::Sqlite);
    return all.empty() ? 0 : all.back().version;
}

namespace {

// Two servers starting at once on one PostgreSQL take turns: a transaction-scoped advisory
// lock, released at COMMIT or ROLLBACK. SQLite's BEGIN IMMEDIATE already serialises writers.
void lock_migrations(Connection& c) {
    if (c.dialect() == Dialect::Postgres)
        c.query("SELECT pg_advisory_xact_lock(7252019)", {}, [](const Row&) {});
}

void ensure_schema_table(Connection& c) {
    lock_migrations(c);
    c.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)");
}

int max_version(Connection& c) {
    return static_cast<int>(c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                                        {}, [](const Row& r) { return r.integer(0); })
                                .value_or(0));
}

}  // namespace

int current_schema_version(Database& db) {
    auto r = db.write([](Connection& c) -> Result<int> {
        ensure_schema_table(c);
        return max_version(c);
    });
    return r.value_or(0);
}

Result<int> apply_migrations(Database& db) {
    const auto all = migrations_for(db.dialect());
    const int latest = all.empty() ? 0 : all.back().version;
    const int current = current_schema_version(db);
    if (current > latest)
        return std::unexpected(Error::conflict(fmt::format(
            "This database has schema version {}, newer than this Civic build knows ({}). "
            "Upgrade Civic before using this database.",
            current, latest)));
    int applied = 0;
    for (const auto& m : all) {
        auto r = db.write([&](Connection& c) -> Result<bool> {
            lock_migrations(c);
            // Checked again inside the transaction: another server may have applied it.
            if (max_version(c) >= m.version) return false;
            c.execute_script(m.sql);
            const std::string now = format_timestamp(std::chrono::system_clock::now());
            c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                      {std::int64_t{m.version}, std::string_view(m.name), std::string_view(now)});
            return true;
        });
        if (!r) return std::unexpected(r.error());
        if (*r) {
            ++applied;
            spdlog::info("applied migration {} {}", m.version, m.name);
        }
    }
    return applied;
}

}  // namespace civic::store
