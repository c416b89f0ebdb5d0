// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The store interface every module writes its SQL against. Two backends implement it:
// SQLite (embedded default) and PostgreSQL. SQL uses '?' placeholders; where the dialects
// differ, the difference lives here, not in the modules.

#include <cstdint>
#include <expected>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "civic/core/error.hpp"

namespace civic::store {

enum class Dialect { Sqlite, Postgres };

// A bound parameter. Text is a view: it must outlive the call that binds it.
using Value = std::variant<std::nullptr_t, std::int64_t, double, bool, std::string_view>;

inline Value nullable(const std::optional<std::string>& s) {
    return s ? Value(std::string_view(*s)) : Value(nullptr);
}

// One row of a result, valid only inside the callback that receives it.
class Row {
public:
    virtual ~Row() = default;
    virtual bool is_null(int col) const = 0;
    virtual std::string_view text(int col) const = 0;  // "" for NULL
    virtual std::int64_t integer(int col) const = 0;   // 0 for NULL
    virtual double real(int col) const = 0;
    virtual bool boolean(int col) const = 0;
    std::string str(int col) const { return std::string(text(col)); }
    std::optional<std::string> optional_text(int col) const {
        if (is_null(col)) return std::nullopt;
        return std::string(text(col));
    }
};

using RowCallback = std::function<void(const Row&)>;

// Infrastructure failures: they end the operation and become 500 (or 503).
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
// The database cannot be reached or is locked past its timeout: 503.
class UnavailableError : public ServiceUnavailable {
public:
    using ServiceUnavailable::ServiceUnavailable;
};
// A UNIQUE, FOREIGN KEY, CHECK or NOT NULL constraint refused a write.
class ConstraintError : public StoreError {
public:
    using StoreError::StoreError;
};
// A UNIQUE (or primary key) constraint refused a write: another request has just written
// the same thing. 409, not 500 (see WriteConflict).
class DuplicateError : public ConstraintError, public WriteConflict {
public:
    using ConstraintError::ConstraintError;
    const char* what() const noexcept override { return ConstraintError::what(); }
};

class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;
    // Runs one statement, calling on_row for each row it returns.
    virtual void query(std::string_view sql, std::span<const Value> params,
                       const RowCallback& on_row) = 0;
    // Runs one statement; returns the number of rows it changed.
    virtual std::int64_t execute(std::string_view sql, std::span<const Value> params) = 0;
    // Runs several statements with no parameters (migrations).
    virtual void execute_script(std::string_view sql) = 0;

    void query(std::string_view sql, std::initializer_list<Value> params,
               const RowCallback& on_row) {
        query(sql, std::span<const Value>(params.begin(), params.size()), on_row);
    }
    std::int64_t execute(std::string_view sql, std::initializer_list<Value> params = {}) {
        return execute(sql, std::span<const Value>(params.begin(), params.size()));
    }

    // The first row mapped by map, or nullopt when there is none.
    template <typename Map>
    auto query_one(std::string_view sql, std::span<const Value> params, Map&& map)
        -> std::optional<std::invoke_result_t<Map, const Row&>> {
        std::optional<std::invoke_result_t<Map, const Row&>> out;
        query(sql, params, [&](const Row& r) {
            if (!out) out.emplace(map(r));
        });
        return out;
    }
    template <typename Map>
    auto query_one(std::string_view sql, std::initializer_list<Value> params, Map&& map) {
        return query_one(sql, std::span<const Value>(params.begin(), params.size()),
                         std::forward<Map>(map));
    }
    // Every row mapped by map.
    template <typename Map>
    auto query_all(std::string_view sql, std::span<const Value> params, Map&& map)
        -> std::vector<std::invoke_result_t<Map, const Row&>> {
        std::vector<std::invoke_result_t<Map, const Row&>> out;
        query(sql, params, [&](const Row& r) { out.push_back(map(r)); });
        return out;
    }
    template <typename Map>
    auto query_all(std::string_view sql, std::initializer_list<Value> params, Map&& map) {
        return query_all(sql, std::span<const Value>(params.begin(), params.size()),
                         std::forward<Map>(map));
    }
};

// Inserts `count` rows into a table, several rows a statement, on a connection inside the
// caller's write: far fewer round trips than one statement a row, on either database.
// values_of(i, out) appends row i's values, one for each column, in the columns' order; the
// text they point at must live until the call returns.
void insert_rows(Connection& c, std::string_view table, std::span<const std::string_view> columns,
                 std::size_t count,
                 const std::function<void(std::size_t, std::vector<Value>&)>& values_of);

template <typename T>
struct is_expected : std::false_type {};
template <typename T, typename E>
struct is_expected<std::expected<T, E>> : std::true_type {};

class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;
    // Closes every connection; later calls throw.
    virtual void close() = 0;

    // Runs fn on a connection that sees one consistent snapshot.
    template <typename F>
    auto read(F&& fn) -> std::invoke_result_t<F, Connection&> {
        using R = std::invoke_result_t<F, Connection&>;
        if constexpr (std::is_void_v<R>) {
            run_read([&](Connection& c) { fn(c); });
        } else {
            std::optional<R> out;
            run_read([&](Connection& c) { out.emplace(fn(c)); });
            return std::move(*out);
        }
    }

    // Runs fn in one write transaction. fn returns a std::expected: the transaction commits
    // when it holds a value and rolls back when it holds an error or fn throws.
    template <typename F>
    auto write(F&& fn) -> std::invoke_result_t<F, Connection&> {
        using R = std::invoke_result_t<F, Connection&>;
        static_assert(is_expected<R>::value, "write() needs a function returning a Result");
        std::optional<R> out;
        run_write([&](Connection& c) {
            out.emplace(fn(c));
            return out->has_value();
        });
        return std::move(*out);
    }

protected:
    virtual void run_read(const std::function<void(Connection&)>& fn) = 0;
    // Commits when fn returns true.
    virtual void run_write(const std::function<bool(Connection&)>& fn) = 0;
};

struct OpenOptions {
    // Creates the database file when it is missing (SQLite).
    bool create = true;
    // Readers kept open at most (SQLite) / pool size (PostgreSQL).
    int pool_size = 8;
};

// True for a postgres:// or postgresql:// location.
bool is_postgres_url(std::string_view location);

// Opens a database by its location: a file path for SQLite, or postgres://… for PostgreSQL.
// Throws StoreError when it cannot.
std::unique_ptr<Database> open_database(const std::string& location, const OpenOptions& options);

}  // namespace civic::store
