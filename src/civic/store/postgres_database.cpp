// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/store/postgres_database.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <unordered_map>

namespace civic::store {
namespace {

constexpr Oid k_unknown_oid = 0;  // let the server infer: text, a date, a boolean from '1'
constexpr Oid k_int8_oid = 20;
constexpr Oid k_bool_oid = 16;
constexpr Oid k_float8_oid = 701;
constexpr auto k_acquire_timeout = std::chrono::seconds(5);

struct ResultFree {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultFree>;

class PgRow final : public Row {
public:
    PgRow(PGresult* r, int row) : m_result(r), m_row(row) {}
    bool is_null(int col) const override { return PQgetisnull(m_result, m_row, col) != 0; }
    std::string_view text(int col) const override {
        return {PQgetvalue(m_result, m_row, col),
                static_cast<std::size_t>(PQgetlength(m_result, m_row, col))};
    }
    std::int64_t integer(int col) const override {
        const auto t = text(col);
        std::int64_t n = 0;
        std::from_chars(t.data(), t.data() + t.size(), n);
        return n;
    }
    double real(int col) const override {
        return std::strtod(PQgetvalue(m_result, m_row, col), nullptr);
    }
    bool boolean(int col) const override {
        const auto t = text(col);
        return t == "t" || t == "true" || t == "1";
    }

private:
    PGresult* m_result;
    int m_row;
};

}  // namespace

std::string rewrite_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    char quote = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
            out.push_back(c);
        } else if (c == '\'' || c == '"') {
            quote = c;
            out.push_back(c);
        } else if (c == '?') {
            fmt::format_to(std::back_inserter(out), "${}", ++n);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

class PgConnection final : public Connection {
public:
    explicit PgConnection(PGconn* conn) : m_conn(conn) {}
    ~PgConnection() override { PQfinish(m_conn); }
    Dialect dialect() const override { return Dialect::Postgres; }

    bool healthy() const { return !m_broken && PQstatus(m_conn) == CONNECTION_OK; }

    void query(std::string_view sql, std::span<const Value> params,
               const RowCallback& on_row) override {
        ResultPtr r = run(sql, params);
        const int rows = PQntuples(r.get());
        for (int i = 0; i < rows; ++i) on_row(PgRow(r.get(), i));
    }

    std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
        ResultPtr r = run(sql, params);
        const char* n = PQcmdTuples(r.get());
        return n && *n ? std::strtoll(n, nullptr, 10) : 0;
    }

    void execute_script(std::string_view sql) override {
        const std::string text(sql);
        ResultPtr r(PQexec(m_conn, text.c_str()));
        check(r.get(), "script failed");
    }

    // Runs a statement with no parameters and no result (BEGIN, COMMIT, ROLLBACK).
    void simple(const char* sql) {
        ResultPtr r(PQexec(m_conn, sql));
        check(r.get(), sql);
    }

private:
    ResultPtr run(std::string_view sql, std::span<const Value> params) {
        // Strings and nulls go untyped so the server infers their type from the statement;
        // numbers and booleans say what they are (a bare int8 would not match substr()).
        std::string key(sql);
        key.push_back('\x1f');
        std::vector<Oid> types;
        std::vector<std::string> texts;
        std::vector<const char*> values;
        types.reserve(params.size());
        texts.reserve(params.size());
        for (const auto& p : params) {
            if (std::holds_alternative<std::nullptr_t>(p)) {
                types.push_back(k_unknown_oid);
                texts.emplace_back();
                key.push_back('u');
            } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
                types.push_back(k_int8_oid);
                texts.push_back(std::to_string(*n));
                key.push_back('i');
            } else if (const auto* d = std::get_if<double>(&p)) {
                types.push_back(k_float8_oid);
                texts.push_back(fmt::format("{}", *d));
                key.push_back('d');
            } else if (const auto* b = std::get_if<bool>(&p)) {
                types.push_back(k_bool_oid);
                texts.emplace_back(*b ? "t" : "f");
                key.push_back('b');
            } else {
                types.push_back(k_unknown_oid);
                texts.emplace_back(std::get<std::string_view>(p));
                key.push_back('u');
            }
        }
        for (std::size_t i = 0; i < params.size(); ++i)
            values.push_back(std::holds_alternative<std::nullptr_t>(params[i]) ? nullptr
                                                                               : texts[i].c_str());

        auto it = m_statements.find(key);
        if (it == m_statements.end()) {
            const std::string name = fmt::format("civic_{}", m_statements.size() + 1);
            const std::string rewritten = rewrite_placeholders(sql);
            ResultPtr prep(PQprepare(m_conn, name.c_str(), rewritten.c_str(),
                                     static_cast<int>(types.size()), types.data()));
            check(prep.get(), fmt::format("cannot prepare [{}]", sql));
            it = m_statements.emplace(std::move(key), name).first;
        }
        ResultPtr r(PQexecPrepared(m_conn, it->second.c_str(), static_cast<int>(values.size()),
                                   values.data(), nullptr, nullptr, 0));
        check(r.get(), "statement failed");
        return r;
    }

    void check(PGresult* r, std::string_view what) {
        const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        const std::string sqlstate = state ? state : "";
        std::string message =
            fmt::format("{}: {}", what, r ? PQresultErrorMessage(r) : PQerrorMessage(m_conn));
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        // Lost connections, a server shutting down or starting up: the database is unavailable.
        if (PQstatus(m_conn) != CONNECTION_OK || sqlstate.starts_with("08") ||
            sqlstate.starts_with("57P")) {
            m_broken = true;
            throw UnavailableError(message);
        }
        if (sqlstate == "23505") throw DuplicateError(message);  // unique_violation
        if (sqlstate.starts_with("23")) throw ConstraintError(message);
        throw StoreError(message);
    }

    PGconn* m_conn;
    bool m_broken = false;
    std::unordered_map<std::string, std::string> m_statements;
};

namespace {

std::unique_ptr<PgConnection> connect(const std::string& url) {
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {url.c_str(), "3", "civic", nullptr};
    PGconn* conn = PQconnectdbParams(keys, values, 1);
    if (!conn) throw UnavailableError("cannot allocate a PostgreSQL connection");
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn);
        PQfinish(conn);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        throw UnavailableError("cannot reach PostgreSQL: " + message);
    }
    // Notices ("relation already exists, skipping") go to the debug log, not to stderr.
    PQsetNoticeProcessor(
        conn, [](void*, const char* message) { spdlog::debug("postgres: {}", message); }, nullptr);
    return std::make_unique<PgConnection>(conn);
}

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url, int pool_size)
    : m_url(std::move(url)), m_pool_size(pool_size) {}

PostgresDatabase::~PostgresDatabase() { close(); }

std::unique_ptr<PostgresDatabase> PostgresDatabase::open(const std::string& url,
                                                         const OpenOptions& options) {
    std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(url, std::max(1, options.pool_size)));
    db->release(db->acquire());
    return db;
}

void PostgresDatabase::close() {
    std::scoped_lock lock(m_mutex);
    m_closed = true;
    m_open -= static_cast<int>(m_idle.size());
    m_idle.clear();
    m_returned.notify_all();
}

std::unique_ptr<PgConnection> PostgresDatabase::acquire() {
    std::unique_lock lock(m_mutex);
    const auto deadline = std::chrono::steady_clock::now() + k_acquire_timeout;
    while (true) {
        if (m_closed) throw UnavailableError("the database is closed");
        while (!m_idle.empty()) {
            auto conn = std::move(m_idle.back());
            m_idle.pop_back();
            if (conn->healthy()) return conn;
            --m_open;  // a connection the server dropped: discard it and try the next
        }
        if (m_open < m_pool_size) {
            ++m_open;
            lock.unlock();
            try {
                return connect(m_url);
            } catch (...) {
                lock.lock();
                --m_open;
                m_returned.notify_one();
                throw;
            }
        }
        if (m_returned.wait_until(lock, deadline) == std::cv_status::timeout)
            throw UnavailableError("every PostgreSQL connection stayed busy for 5 seconds");
    }
}

void PostgresDatabase::release(std::unique_ptr<PgConnection> conn) {
    if (!conn) return;
    std::scoped_lock lock(m_mutex);
    if (conn && conn->healthy() && !m_closed) {
        m_idle.push_back(std::move(conn));
    } else {
        --m_open;
        // One dead connection usually means the server restarted: the idle ones are dead too.
        m_open -= static_cast<int>(m_idle.size());
        m_idle.clear();
    }
    m_returned.notify_all();
}

void PostgresDatabase::run_read(const std::function<void(Connection&)>& fn) {
    auto conn = acquire();
    try {
        fn(*conn);
    } catch (const UnavailableError&) {
        // A pooled connection that the server dropped (it restarted): reads are safe to run
        // again, once, on a new connection.
        const bool stale = !conn->healthy();
        release(std::move(conn));
        if (!stale) throw;
        conn = acquire();
        try {
            fn(*conn);
        } catch (...) {
            release(std::move(conn));
            throw;
        }
    } catch (...) {
        release(std::move(conn));
        throw;
    }
    release(std::move(conn));
}

void PostgresDatabase::run_write(const std::function<bool(Connection&)>& fn) {
    auto conn = acquire();
    try {
        try {
            conn->simple("BEGIN");
        } catch (const UnavailableError&) {
            // Nothing was written yet: a stale pooled connection gets one retry on a new one.
            release(std::move(conn));
            conn = acquire();
            conn->simple("BEGIN");
        }
        const bool commit = fn(*conn);
        conn->simple(commit ? "COMMIT" : "ROLLBACK");
    } catch (...) {
        if (conn && conn->healthy()) {
            try {
                conn->simple("ROLLBACK");
            } catch (...) {
            }
        }
        release(std::move(conn));
        throw;
    }
    release(std::move(conn));
}

}  // namespace civic::store
