// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/store/copy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "civic/store/migrations.hpp"

namespace civic::store {
namespace {

ColumnType type_from_declaration(std::string decl) {
    std::transform(decl.begin(), decl.end(), decl.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    if (decl.find("bool") != std::string::npos) return ColumnType::Boolean;
    if (decl.find("int") != std::string::npos) return ColumnType::Integer;
    if (decl.find("real") != std::string::npos || decl.find("double") != std::string::npos ||
        decl.find("float") != std::string::npos || decl.find("numeric") != std::string::npos)
        return ColumnType::Real;
    return ColumnType::Text;
}

// Table names come from the schema itself, never from a user, but are checked all the same
// before they are put into SQL.
bool plain_identifier(std::string_view s) {
    return !s.empty() &&
           s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

}  // namespace

std::vector<std::string> list_tables(Connection& c) {
    const std::string_view sql =
        c.dialect() == Dialect::Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
              "AND name <> 'schema_migrations' ORDER BY name"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = "
              "current_schema() "
              "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY "
              "table_name";
    return c.query_all(sql, {}, [](const Row& r) { return r.str(0); });
}

std::vector<Column> table_columns(Connection& c, const std::string& table) {
    const std::string_view sql =
        c.dialect() == Dialect::Sqlite
            ? "SELECT name, type FROM pragma_table_info(?) ORDER BY cid"
            : "SELECT column_name, data_type FROM information_schema.columns "
              "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
    return c.query_all(sql, {std::string_view(table)}, [](const Row& r) {
        return Column{r.str(0), type_from_declaration(r.str(1))};
    });
}

Result<std::vector<TableCopy>> copy_database(Database& from, Database& to) {
    const int from_version = current_schema_version(from), to_version = current_schema_version(to);
    if (from_version != to_version)
        return std::unexpected(Error::conflict(fmt::format(
            "The two databases are at different schema versions ({} and {}); bring both up to date "
            "with 'civic init' first.",
            from_version, to_version)));

    // Read everything from one snapshot of the source, as text.
    struct TableData {
        std::string name;
        std::vector<Column> columns;
        std::vector<std::vector<std::optional<std::string>>> rows;
    };
    std::vector<TableData> tables;
    from.read([&](Connection& c) {
        for (const auto& name : list_tables(c)) {
            if (!plain_identifier(name)) continue;
            TableData t{name, table_columns(c, name), {}};
            std::string cols;
            for (const auto& col : t.columns) cols += (cols.empty() ? "" : ", ") + col.name;
            c.query(fmt::format("SELECT {} FROM {}", cols, name), {}, [&](const Row& r) {
                std::vector<std::optional<std::string>> row;
                for (std::size_t i = 0; i < t.columns.size(); ++i)
                    row.push_back(r.optional_text(static_cast<int>(i)));
                t.rows.push_back(std::move(row));
            });
            tables.push_back(std::move(t));
        }
    });

    return to.write([&](Connection& c) -> Result<std::vector<TableCopy>> {
        // Rows that point at each other (a unit moved under a newer unit) arrive in any order:
        // the foreign keys are checked once, at COMMIT.
        if (c.dialect() == Dialect::Postgres) {
            c.execute("SET CONSTRAINTS ALL DEFERRED");
        } else {
            c.execute("PRAGMA defer_foreign_keys = ON");
        }
        const auto target_tables = list_tables(c);
        std::vector<TableCopy> report;
        for (const auto& t : tables) {
            if (std::find(target_tables.begin(), target_tables.end(), t.name) ==
                target_tables.end())
                return std::unexpected(
                    Error::conflict(fmt::format("The target has no table {}.", t.name)));
            const auto existing = c.query_one(fmt::format("SELECT count(*) FROM {}", t.name), {},
                                              [](const Row& r) { return r.integer(0); });
            if (existing.value_or(0) > 0)
                return std::unexpected(Error::conflict(fmt::format(
                    "The target already has {} rows in {}; copy only into an empty database.",
                    *existing, t.name)));
            const auto target_columns = table_columns(c, t.name);
            std::string cols, marks;
            for (const auto& col : t.columns) {
                cols += (cols.empty() ? "" : ", ") + col.name;
                marks += marks.empty() ? "?" : ", ?";
            }
            const std::string insert =
                fmt::format("INSERT INTO {} ({}) VALUES ({})", t.name, cols, marks);
            std::vector<ColumnType> types;
            for (const auto& col : t.columns) {
                auto it = std::find_if(target_columns.begin(), target_columns.end(),
                                       [&](const Column& tc) { return tc.name == col.name; });
                if (it == target_columns.end())
                    return std::unexpected(Error::conflict(
                        fmt::format("The target's table {} has no column {}.", t.name, col.name)));
                types.push_back(it->type);
            }
            std::vector<Value> params(t.columns.size());
            for (const auto& row : t.rows) {
                for (std::size_t i = 0; i < row.size(); ++i) {
                    if (!row[i]) {
                        params[i] = nullptr;
                        continue;
                    }
                    const std::string& v = *row[i];
                    switch (types[i]) {
                        case ColumnType::Boolean:
                            params[i] = v == "1" || v == "t" || v == "true";
                            break;
                        case ColumnType::Integer: {
                            std::int64_t n = 0;
                            std::from_chars(v.data(), v.data() + v.size(), n);
                            params[i] = n;
                            break;
                        }
                        default:
                            params[i] = std::string_view(v);
                    }
                }
                c.execute(insert, std::span<const Value>(params));
            }
            report.push_back({t.name, static_cast<std::int64_t>(t.rows.size())});
        }
        return report;
    });
}

}  // namespace civic::store
