// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/store/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "civic/core/utf8.hpp"
#include "civic/store/copy.hpp"

namespace civic::store {
namespace {

// Names come from the schema, never from a user, but are quoted all the same.
std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (const char ch : name) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

// The column that names a row in findings: the primary key, else the first column.
std::string key_column(Connection& c, const std::string& table, const std::vector<Column>& cols) {
    const std::string_view sql =
        c.dialect() == Dialect::Sqlite
            ? "SELECT name FROM pragma_table_info(?) WHERE pk = 1"
            : "SELECT kcu.column_name FROM information_schema.table_constraints tc "
              "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = "
              "tc.constraint_name AND kcu.table_schema = tc.table_schema "
              "WHERE tc.table_schema = current_schema() AND tc.table_name = ? AND "
              "tc.constraint_type = 'PRIMARY KEY' ORDER BY kcu.ordinal_position";
    auto key = c.query_one(sql, {std::string_view(table)}, [](const Row& r) { return r.str(0); });
    if (key) return *key;
    return cols.empty() ? std::string() : cols.front().name;
}

bool has_column(const std::vector<Column>& cols, std::string_view name) {
    return std::any_of(cols.begin(), cols.end(),
                       [&](const Column& col) { return col.name == name; });
}

class Checker {
public:
    explicit Checker(Connection& c) : m_c(c), m_tables(list_tables(c)) {
        m_report.tables = static_cast<int>(m_tables.size());
    }

    CheckReport run() {
        check_schema();
        check_integrity();
        check_foreign_keys();
        for (const auto& t : m_tables) check_text(t);
        check_audit_trail();
        return std::move(m_report);
    }

private:
    void find(std::string table, std::string_view row_id, std::string column, std::string problem) {
        m_report.findings.push_back(
            Finding{std::move(table), shown_safely(row_id), std::move(column), std::move(problem)});
    }

    const std::vector<Column>& columns(const std::string& table) {
        auto it = m_columns.find(table);
        if (it == m_columns.end()) it = m_columns.emplace(table, table_columns(m_c, table)).first;
        return it->second;
    }

    void check_schema() {
        const std::string_view sql =
            m_c.dialect() == Dialect::Sqlite
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                  "'schema_migrations'"
                : "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                  "current_schema() AND table_name = 'schema_migrations'";
        if (m_c.query_one(sql, {}, [](const Row& r) { return r.integer(0); }).value_or(0) == 0) {
            find("database", "", "",
                 "has no schema_migrations table: it is not a Civic database, or 'civic init' "
                 "never ran on it");
            return;
        }
        m_report.schema_version = static_cast<int>(
            m_c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {},
                          [](const Row& r) { return r.integer(0); })
                .value_or(0));
    }

    void check_integrity() {
        if (m_c.dialect() == Dialect::Postgres) {
            // PostgreSQL keeps its own pages and offers no cheap check of them from SQL; what
            // Civic can do is read every table, which the text check below does in full.
            m_report.notes.push_back(
                "PostgreSQL keeps its own pages: Civic read every table in full and checked every "
                "reference again (PostgreSQL enforces them too); for a check of the pages "
                "themselves, run pg_amcheck.");
            return;
        }
        m_c.query("PRAGMA integrity_check", {}, [&](const Row& r) {
            const std::string message = r.str(0);
            if (message != "ok")
                find("database", "", "", "fails SQLite's integrity check: " + message);
        });
    }

    void check_foreign_keys() {
        if (m_c.dialect() == Dialect::Sqlite) {
            struct Broken {
                std::string table;
                std::int64_t rowid = 0;
                std::string parent;
                std::int64_t fk = 0;
            };
            const auto broken = m_c.query_all("PRAGMA foreign_key_check", {}, [](const Row& r) {
                return Broken{r.str(0), r.integer(1), r.str(2), r.integer(3)};
            });
            for (const auto& b : broken) {
                const auto column =
                    m_c.query_one("SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE id = ?",
                                  {std::string_view(b.table), b.fk},
                                  [](const Row& r) { return r.str(0); })
                        .value_or("?");
                const std::string key = key_column(m_c, b.table, columns(b.table));
                m_c.query(fmt::format("SELECT {}, {} FROM {} WHERE rowid = ?", quoted(key),
                                      quoted(column), quoted(b.table)),
                          {b.rowid}, [&](const Row& r) {
                              find(b.table, r.text(0), column,
                                   fmt::format("names \"{}\", which is not a row of {}",
                                               shown_safely(r.text(1)), b.parent));
                          });
            }
            return;
        }
        // PostgreSQL enforces them, but a replica session or a restore can switch them off:
        // each single-column reference is looked up again.
        struct Reference {
            std::string table, column, parent, parent_column;
        };
        const auto references = m_c.query_all(
            "SELECT cl.relname, a.attname, pcl.relname, pa.attname FROM pg_constraint con "
            "JOIN pg_class cl ON cl.oid = con.conrelid "
            "JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "JOIN pg_class pcl ON pcl.oid = con.confrelid "
            "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1] "
            "JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[1] "
            "WHERE con.contype = 'f' AND n.nspname = current_schema() AND "
            "array_length(con.conkey, 1) = 1 ORDER BY cl.relname, a.attname",
            {}, [](const Row& r) {
                return Reference{r.str(0), r.str(1), r.str(2), r.str(3)};
            });
        for (const auto& ref : references) {
            const std::string key = key_column(m_c, ref.table, columns(ref.table));
            m_c.query(fmt::format("SELECT c.{0}, c.{1} FROM {2} c WHERE c.{1} IS NOT NULL AND NOT "
                                  "EXISTS (SELECT 1 FROM {3} p WHERE p.{4} = c.{1}) ORDER BY 1",
                                  quoted(key), quoted(ref.column), quoted(ref.table),
                                  quoted(ref.parent), quoted(ref.parent_column)),
                      {}, [&](const Row& r) {
                          find(ref.table, r.text(0), ref.column,
                               fmt::format("names \"{}\", which is not a row of {}",
                                           shown_safely(r.text(1)), ref.parent));
                      });
        }
    }

    // Every text value under the rule for text that comes in, with tabs and line breaks
    // allowed: which columns hold one line is the modules' business, not the store's.
    void check_text(const std::string& table) {
        const auto& cols = columns(table);
        std::vector<std::string> text;
        for (const auto& col : cols)
            if (col.type == ColumnType::Text) text.push_back(col.name);
        if (text.empty()) {
            m_report.rows += m_c.query_one(fmt::format("SELECT count(*) FROM {}", quoted(table)),
                                           {}, [](const Row& r) { return r.integer(0); })
                                 .value_or(0);
            return;
        }
        const std::string key = key_column(m_c, table, cols);
        std::string list = quoted(key);
        for (const auto& name : text) list += ", " + quoted(name);
        m_c.query(fmt::format("SELECT {} FROM {} ORDER BY {}", list, quoted(table), quoted(key)),
                  {}, [&](const Row& r) {
                      ++m_report.rows;
                      for (std::size_t i = 0; i < text.size(); ++i) {
                          const int col = static_cast<int>(i) + 1;
                          if (r.is_null(col)) continue;
                          ++m_report.text_values;
                          const auto fault = text_fault(r.text(col), Lines::Many);
                          if (fault != TextFault::None)
                              find(table, r.text(0), text[i], std::string(describe(fault)));
                      }
                  });
    }

    // The table an audited entity lives in: "unit" in units, "person" in people, "body" in
    // bodies; a table of one row may have the entity's own name ("risk_matrix").
    std::optional<std::string> table_for(const std::string& entity) {
        const bool ies =
            entity.size() > 1 && entity.back() == 'y' &&
            std::string_view("aeiou").find(entity[entity.size() - 2]) == std::string_view::npos;
        std::string name = entity == "person" ? std::string("people")
                           : ies              ? entity.substr(0, entity.size() - 1) + "ies"
                                              : entity + "s";
        if (std::find(m_tables.begin(), m_tables.end(), name) == m_tables.end()) name = entity;
        if (std::find(m_tables.begin(), m_tables.end(), name) == m_tables.end() ||
            !has_column(columns(name), "id"))
            return std::nullopt;
        return name;
    }

    struct Entry {
        std::string id, entity, entity_id, action;
        std::optional<std::int64_t> before, after;
        bool after_has_version = false;
    };

    static std::optional<std::int64_t> version_in(const std::optional<std::string>& json) {
        if (!json) return std::nullopt;
        boost::json::parse_options options;
        options.allow_invalid_utf8 = true;  // bad text is the text check's finding, not this one
        boost::system::error_code ec;
        const auto value = boost::json::parse(*json, ec, {}, options);
        if (ec || !value.is_object()) return std::nullopt;
        const auto* v = value.as_object().if_contains("version");
        if (!v || !v->is_int64()) return std::nullopt;
        return v->as_int64();
    }

    // Records versioned in their audit trail (units, people, posts, memberships, calendar
    // days) carry their version in before_json and after_json: the trail begins with a
    // create at version 1, each entry starts from the version the one before it left and
    // adds one, and the last is the version in the table; a read recorded in the trail is
    // passed over. Users and API tokens are audited without versions: their trail begins with
    // a create and holds no other.
    void check_audit_trail() {
        if (std::find(m_tables.begin(), m_tables.end(), "audit_log") == m_tables.end()) {
            m_report.notes.push_back("This database has no audit trail to check.");
            return;
        }
        std::vector<Entry> group;
        // What the trail says of each record, by table: the last version (or nullopt).
        std::map<std::string, std::map<std::string, std::optional<std::int64_t>>> trails;
        std::set<std::string> tableless;
        const auto finish_group = [&] {
            if (group.empty()) return;
            ++m_report.audited_records;
            const auto table = table_for(group.front().entity);
            if (!table) {
                tableless.insert(group.front().entity);
                group.clear();
                return;
            }
            const std::string& id = group.front().entity_id;
            const auto last = chain(*table, group);
            trails[*table].emplace(id, last);
            group.clear();
        };
        m_c.query(
            "SELECT id, entity, entity_id, action, before_json, after_json FROM audit_log "
            "ORDER BY entity, entity_id, id",
            {}, [&](const Row& r) {
                Entry e{r.str(0), r.str(1), r.str(2), r.str(3), {}, {}, false};
                e.before = version_in(r.optional_text(4));
                e.after = version_in(r.optional_text(5));
                e.after_has_version = e.after.has_value();
                if (!group.empty() &&
                    (group.front().entity != e.entity || group.front().entity_id != e.entity_id))
                    finish_group();
                group.push_back(std::move(e));
            });
        finish_group();
        for (const auto& entity : tableless)
            m_report.notes.push_back(fmt::format(
                "The audit trail's entries for \"{}\" were not compared with a table: there is no "
                "table of that name with an id column.",
                shown_safely(entity)));
        for (const auto& [table, records] : trails) compare_with_table(table, records);
    }

    // Checks one record's entries in order; returns the version the trail ends at, if the
    // record is versioned in it.
    std::optional<std::int64_t> chain(const std::string& table, const std::vector<Entry>& entries) {
        const Entry& first = entries.front();
        const std::string& id = first.entity_id;
        if (first.action != "create")
            find(table, id, "",
                 fmt::format("has an audit trail that begins with {} (entry {}), not with its "
                             "creation",
                             shown_safely(first.action), first.id));
        const bool versioned = first.after_has_version;
        std::optional<std::int64_t> last = first.after;
        if (versioned && first.action == "create" && *first.after != 1)
            find(table, id, "",
                 fmt::format("was created at version {} in the audit trail (entry {}), not at "
                             "version 1",
                             *first.after, first.id));
        for (std::size_t i = 1; i < entries.size(); ++i) {
            const Entry& e = entries[i];
            if (e.action == "create")
                find(table, id, "",
                     fmt::format("is created a second time in the audit trail (entry {})", e.id));
            if (!versioned) continue;
            // A read of a record is in its trail (who read a case's personal data, cases'
            // service_support.cpp), but changes nothing: no version to follow.
            if (e.action == "read") continue;
            if (!e.before || !e.after) {
                find(table, id, "",
                     fmt::format("has an audit entry ({}) without the version before and after it",
                                 e.id));
                last = e.after ? e.after : last;
                continue;
            }
            if (last && *e.before != *last)
                find(table, id, "",
                     fmt::format("has an audit entry ({}) that starts from version {}, but the "
                                 "entry before it left version {}",
                                 e.id, *e.before, *last));
            if (*e.after != *e.before + 1)
                find(table, id, "",
                     fmt::format(
                         "has an audit entry ({}) that goes from version {} to {}, not to {}", e.id,
                         *e.before, *e.after, *e.before + 1));
            last = e.after;
        }
        return versioned ? last : std::nullopt;
    }

    // Every record the trail names is in its table at the version the trail ends at, and
    // every row of an audited table has a trail.
    void compare_with_table(const std::string& table,
                            const std::map<std::string, std::optional<std::int64_t>>& trails) {
        const bool has_version = has_column(columns(table), "version");
        std::unordered_map<std::string, std::int64_t> rows;
        m_c.query(
            fmt::format("SELECT id, {} FROM {}", has_version ? "version" : "0", quoted(table)), {},
            [&](const Row& r) { rows.emplace(r.str(0), r.integer(1)); });
        for (const auto& [id, last] : trails) {
            const auto row = rows.find(id);
            if (row == rows.end()) {
                find(table, id, "", "is in the audit trail but not in the table");
                continue;
            }
            if (last && has_version && row->second != *last)
                find(table, id, "version",
                     fmt::format("is {}, but its audit trail ends at version {}", row->second,
                                 *last));
        }
        std::vector<std::string> untracked;
        for (const auto& [id, version] : rows)
            if (!trails.contains(id)) untracked.push_back(id);
        std::sort(untracked.begin(), untracked.end());
        for (const auto& id : untracked) find(table, id, "", "has no entry in the audit trail");
    }

    Connection& m_c;
    std::vector<std::string> m_tables;
    std::map<std::string, std::vector<Column>> m_columns;
    CheckReport m_report;
};

}  // namespace

std::string Finding::line() const {
    std::string out = table;
    if (!row_id.empty()) out += " " + row_id;
    out += ": ";
    if (!column.empty()) out += column + " ";
    return out + problem;
}

CheckReport check_database(Database& db) {
    if (db.dialect() == Dialect::Sqlite)
        return db.read([](Connection& c) { return Checker(c).run(); });
    // PostgreSQL reads outside a transaction, statement by statement; the check wants one
    // snapshot of every table, and promises to change nothing.
    auto report = db.write([](Connection& c) -> Result<CheckReport> {
        c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        return Checker(c).run();
    });
    return std::move(*report);
}

}  // namespace civic::store
