// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Numbered migrations compiled into the binary (src/civic/store/migrations/NNNN_name.sql,
// with NNNN_name.sqlite.sql or NNNN_name.postgres.sql where the dialects truly differ).

#include <string>
#include <string_view>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/store/database.hpp"

namespace civic::store {

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;  // for the database's dialect
};

// The migrations for one dialect, in order.
std::vector<Migration> migrations_for(Dialect dialect);

// The highest migration this build knows.
int latest_schema_version();

// The version the database is at (0 for a new, empty database).
int current_schema_version(Database& db);

// Applies every migration the database lacks, each in its own transaction. Refuses, with a
// Conflict error, a database whose schema is newer than this build.
Result<int> apply_migrations(Database& db);

}  // namespace civic::store
