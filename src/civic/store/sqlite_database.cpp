// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/store/sqlite_database.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace civic::store {
namespace {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view what) {
    const std::string msg =
        fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    const int primary = rc & 0xff;
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
        throw DuplicateError(msg);
    if (primary == SQLITE_CONSTRAINT) throw ConstraintError(msg);
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) throw UnavailableError(msg);
    throw StoreError(msg);
}

class SqliteRow final : public Row {
public:
    explicit SqliteRow(sqlite3_stmt* s) : m_stmt(s) {}
    bool is_null(int col) const override { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::string_view text(int col) const override {
        const auto* p = sqlite3_column_text(m_stmt, col);
        if (!p) return {};
        return {reinterpret_cast<const char*>(p),
                static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))};
    }
    std::int64_t integer(int col) const override { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const override { return sqlite3_column_double(m_stmt, col); }
    bool boolean(int col) const override { return sqlite3_column_int64(m_stmt, col) != 0; }

private:
    sqlite3_stmt* m_stmt;
};

}  // namespace

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : m_db(db) {}
    ~SqliteConnection() override {
        for (auto& [sql, stmt] : m_cache) sqlite3_finalize(stmt);
        sqlite3_close_v2(m_db);
    }
    Dialect dialect() const override { return Dialect::Sqlite; }

    void query(std::string_view sql, std::span<const Value> params,
               const RowCallback& on_row) override {
        sqlite3_stmt* stmt = prepare(sql, params);
        const SqliteRow row(stmt);
        StatementReset reset{stmt};
        while (true) {
            const int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) throw_sqlite(m_db, rc, "query failed");
            on_row(row);
        }
    }

    std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
        sqlite3_stmt* stmt = prepare(sql, params);
        StatementReset reset{stmt};
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) throw_sqlite(m_db, rc, "statement failed");
        return sqlite3_changes64(m_db);
    }

    void execute_script(std::string_view sql) override {
        const std::string text(sql);
        char* err = nullptr;
        const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            const std::string msg = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            throw StoreError("script failed: " + msg);
        }
    }

    // Runs a statement without parameters through the statement cache (BEGIN, COMMIT, PRAGMA).
    void simple(const char* sql) { execute(sql, std::span<const Value>()); }

    sqlite3* handle() const { return m_db; }

private:
    struct StatementReset {
        sqlite3_stmt* stmt;
        ~StatementReset() {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
        }
    };

    sqlite3_stmt* prepare(std::string_view sql, std::span<const Value> params) {
        sqlite3_stmt* stmt = nullptr;
        if (auto it = m_cache.find(sql); it != m_cache.end()) {
            stmt = it->second;
        } else {
            const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
            if (rc != SQLITE_OK) throw_sqlite(m_db, rc, fmt::format("cannot prepare [{}]", sql));
            m_cache.emplace(std::string(sql), stmt);
        }
        if (sqlite3_bind_parameter_count(stmt) != static_cast<int>(params.size()))
            throw StoreError(fmt::format("[{}] takes {} parameters, given {}", sql,
                                         sqlite3_bind_parameter_count(stmt), params.size()));
        int i = 1;
        for (const auto& p : params) {
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::nullptr_t>(p)) {
                rc = sqlite3_bind_null(stmt, i);
            } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
                rc = sqlite3_bind_int64(stmt, i, *n);
            } else if (const auto* d = std::get_if<double>(&p)) {
                rc = sqlite3_bind_double(stmt, i, *d);
            } else if (const auto* b = std::get_if<bool>(&p)) {
                rc = sqlite3_bind_int(stmt, i, *b ? 1 : 0);
            } else {
                // Bound without a copy: the text outlives the call (store::Value's rule), and
                // StatementReset clears every binding before the call returns.
                const auto& s = std::get<std::string_view>(p);
                rc = sqlite3_bind_text64(stmt, i, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
            }
            if (rc != SQLITE_OK) throw_sqlite(m_db, rc, "cannot bind parameter");
            ++i;
        }
        return stmt;
    }

    sqlite3* m_db;
    std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> m_cache;
};

SqliteDatabase::SqliteDatabase(std::string path, int pool_size)
    : m_path(std::move(path)), m_pool_size(pool_size) {}

SqliteDatabase::~SqliteDatabase() { close(); }

std::unique_ptr<SqliteConnection> SqliteDatabase::open_connection(bool create) const {
    sqlite3* db = nullptr;
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    const int rc = sqlite3_open_v2(m_path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string msg = fmt::format("cannot open database {}: {}", m_path,
                                            db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        throw StoreError(msg);
    }
    auto conn = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, 5000);
    conn->simple("PRAGMA foreign_keys = ON");
    return conn;
}

std::unique_ptr<SqliteDatabase> SqliteDatabase::open(const std::string& path,
                                                     const OpenOptions& options) {
    std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(path, std::max(1, options.pool_size)));
    db->m_writer = db->open_connection(options.create);
    // WAL lets readers run beside the one writer; FULL sync so an acknowledged write survives
    // a power cut, not only a crash.
    db->m_writer->simple("PRAGMA journal_mode = WAL");
    db->m_writer->simple("PRAGMA synchronous = FULL");
    // The one writer carries whole imports in one transaction: a page cache of 64 MiB keeps
    // their index pages in memory instead of spilling and rewriting them (the default, 2 MiB,
    // wrote each page of a 20,000-unit import to the WAL about ten times).
    db->m_writer->simple("PRAGMA cache_size = -65536");
    return db;
}

void SqliteDatabase::close() {
    std::scoped_lock lock(m_write_mutex, m_pool_mutex);
    m_idle_readers.clear();
    m_writer.reset();
    m_closed = true;
}

void SqliteDatabase::run_read(const std::function<void(Connection&)>& fn) {
    std::unique_ptr<SqliteConnection> conn;
    {
        std::scoped_lock lock(m_pool_mutex);
        if (m_closed) throw UnavailableError("the database is closed");
        if (!m_idle_readers.empty()) {
            conn = std::move(m_idle_readers.back());
            m_idle_readers.pop_back();
        }
    }
    if (!conn) conn = open_connection(false);
    conn->simple("BEGIN");
    try {
        fn(*conn);
        conn->simple("COMMIT");
    } catch (...) {
        sqlite3_exec(conn->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    std::scoped_lock lock(m_pool_mutex);
    if (!m_closed && static_cast<int>(m_idle_readers.size()) < m_pool_size)
        m_idle_readers.push_back(std::move(conn));
}

void SqliteDatabase::run_write(const std::function<bool(Connection&)>& fn) {
    std::scoped_lock lock(m_write_mutex);
    if (m_closed || !m_writer) throw UnavailableError("the database is closed");
    m_writer->simple("BEGIN IMMEDIATE");
    bool commit = false;
    try {
        commit = fn(*m_writer);
    } catch (...) {
        sqlite3_exec(m_writer->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    try {
        m_writer->simple(commit ? "COMMIT" : "ROLLBACK");
    } catch (...) {
        // A failed COMMIT leaves the transaction open; close it so the next writer starts clean.
        sqlite3_exec(m_writer->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void SqliteDatabase::backup_to(const std::string& path) {
    sqlite3* dest = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_close_v2(dest);
        throw StoreError(fmt::format("cannot create backup file {}", path));
    }
    std::scoped_lock lock(m_write_mutex);
    if (!m_writer) {
        sqlite3_close_v2(dest);
        throw UnavailableError("the database is closed");
    }
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", m_writer->handle(), "main");
    if (!b) {
        const std::string msg = sqlite3_errmsg(dest);
        sqlite3_close_v2(dest);
        throw StoreError("cannot start backup: " + msg);
    }
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        const std::string msg = sqlite3_errmsg(dest);
        sqlite3_close_v2(dest);
        throw StoreError("backup failed: " + msg);
    }
    sqlite3_close_v2(dest);
}

}  // namespace civic::store
