// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Verifies a database without changing it: the database's own integrity check, every
// foreign key, every text value of every table (valid UTF-8, no control characters), and
// each audited record's version chain. Tables and columns are read from the schema, so a new
// module's tables are checked without changing this file.

#include <cstdint>
#include <string>
#include <vector>

#include "civic/store/database.hpp"

namespace civic::store {

// One thing wrong, about a table's row and column where it can say which.
struct Finding {
    std::string table;    // "units"; "database" for the database as a whole
    std::string row_id;   // the row's key; "" when the finding is not about one row
    std::string column;   // "" when the finding is not about one column
    std::string problem;  // in words that follow the column's name: "is not UTF-8 text"

    // "units 0190…: name is not UTF-8 text", one line, safe to print.
    std::string line() const;
};

struct CheckReport {
    std::vector<Finding> findings;
    // What the check could not do, or what the database does itself (PostgreSQL keeps its
    // own pages): said to the reader, but not problems.
    std::vector<std::string> notes;
    int schema_version = 0;  // 0: no schema_migrations table, so not a Civic database
    int tables = 0;
    std::int64_t rows = 0;
    std::int64_t text_values = 0;
    std::int64_t audited_records = 0;
};

// Checks the database in one consistent snapshot and writes nothing, on SQLite and
// PostgreSQL. Throws StoreError when the database cannot be read at all.
CheckReport check_database(Database& db);

}  // namespace civic::store
