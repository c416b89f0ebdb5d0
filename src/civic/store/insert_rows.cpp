// SPDX-License-Identifier: AGPL-3.0-or-later
#include <fmt/format.h>

#include <algorithm>

#include "civic/store/database.hpp"

namespace civic::store {

namespace {

// Parameters a statement binds at most: well inside SQLite's 32,766 and PostgreSQL's 65,535.
constexpr std::size_t k_max_params = 4000;

std::string insert_sql(std::string_view table, std::span<const std::string_view> columns,
                       std::size_t rows) {
    std::string sql = fmt::format("INSERT INTO {} (", table);
    for (std::size_t i = 0; i < columns.size(); ++i)
        sql += fmt::format("{}{}", i ? ", " : "", columns[i]);
    sql += ") VALUES ";
    std::string one = "(";
    for (std::size_t i = 0; i < columns.size(); ++i) one += i ? ", ?" : "?";
    one += ")";
    for (std::size_t r = 0; r < rows; ++r) {
        if (r) sql += ", ";
        sql += one;
    }
    return sql;
}

}  // namespace

void insert_rows(Connection& c, std::string_view table, std::span<const std::string_view> columns,
                 std::size_t count,
                 const std::function<void(std::size_t, std::vector<Value>&)>& values_of) {
    if (count == 0 || columns.empty()) return;
    const std::size_t per_statement = std::max<std::size_t>(1, k_max_params / columns.size());
    const std::size_t first_rows = std::min(per_statement, count);
    const std::string full = insert_sql(table, columns, first_rows);
    std::vector<Value> params;
    params.reserve(per_statement * columns.size());
    for (std::size_t start = 0; start < count; start += per_statement) {
        const std::size_t rows = std::min(per_statement, count - start);
        params.clear();
        for (std::size_t r = start; r < start + rows; ++r) {
            const std::size_t before = params.size();
            values_of(r, params);
            if (params.size() - before != columns.size())
                throw StoreError(
                    fmt::format("insert_rows: row {} of {} gave {} values for {} columns", r, table,
                                params.size() - before, columns.size()));
        }
        if (rows == first_rows) {
            c.execute(full, std::span<const Value>(params));
        } else {
            c.execute(insert_sql(table, columns, rows), std::span<const Value>(params));
        }
    }
}

}  // namespace civic::store
