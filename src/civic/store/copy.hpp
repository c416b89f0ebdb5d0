// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Copies a whole council from one database to another (SQLite to PostgreSQL, or back):
// every table, all or nothing, in one transaction on the target.

#include <cstdint>
#include <string>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/store/database.hpp"

namespace civic::store {

struct TableCopy {
    std::string table;
    std::int64_t rows = 0;
};

// Both databases must be at the same schema version; the target must hold no rows.
// Returns the rows copied per table.
Result<std::vector<TableCopy>> copy_database(Database& from, Database& to);

enum class ColumnType { Text, Integer, Real, Boolean };

struct Column {
    std::string name;
    ColumnType type = ColumnType::Text;
};

// The tables of Civic's schema (all but schema_migrations), in name order.
std::vector<std::string> list_tables(Connection& c);
// A table's columns in their declared order.
std::vector<Column> table_columns(Connection& c, const std::string& table);

}  // namespace civic::store
