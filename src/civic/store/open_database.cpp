// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/store/database.hpp"
#include "civic/store/postgres_database.hpp"
#include "civic/store/sqlite_database.hpp"

namespace civic::store {

bool is_postgres_url(std::string_view location) {
    return location.starts_with("postgres://") || location.starts_with("postgresql://");
}

std::unique_ptr<Database> open_database(const std::string& location, const OpenOptions& options) {
    if (is_postgres_url(location)) return PostgresDatabase::open(location, options);
    return SqliteDatabase::open(location, options);
}

}  // namespace civic::store
