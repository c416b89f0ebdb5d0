// SPDX-License-Identifier: AGPL-3.0-or-later
// The SQLite store: migrations, transactions, the audit trail, backups. Real files in a
// temporary folder.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <tuple>

#include "civic/core/ids.hpp"
#include "civic/store/audit.hpp"
#include "civic/store/migrations.hpp"
#include "civic/store/postgres_database.hpp"
#include "civic/store/sqlite_database.hpp"

namespace civic::store {
namespace {

// Each test runs on a new SQLite file and, when the test run has a PostgreSQL server
// (CIVIC_TEST_PG or CIVIC_TEST_PG_FILE), on a new PostgreSQL database too.
std::string pg_server() {
    if (const char* url = std::getenv("CIVIC_TEST_PG"); url && *url) return url;
    if (const char* file = std::getenv("CIVIC_TEST_PG_FILE"); file && *file) {
        std::ifstream in(file);
        std::string url;
        std::getline(in, url);
        return url;
    }
    return {};
}

class StoreTest : public ::testing::TestWithParam<Dialect> {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() / ("civic-store-" + random_token(8));
        std::filesystem::create_directories(m_dir);
        if (GetParam() == Dialect::Postgres) {
            const std::string server = pg_server();
            if (server.empty()) GTEST_SKIP() << "no PostgreSQL server for this run";
            std::string name = "civic_unit_" + sha256_hex(random_token()).substr(0, 16);
            m_admin = open_database(server + "/postgres", OpenOptions{});
            m_admin->read([&](Connection& c) { c.execute_script("CREATE DATABASE " + name); });
            m_pg_name = name;
            m_path = server + "/" + name;
        } else {
            m_path = (m_dir / "civic.db").string();
        }
        m_db = open_database(m_path, OpenOptions{});
        ASSERT_TRUE(apply_migrations(*m_db).has_value());
    }
    void TearDown() override {
        m_db.reset();
        if (m_admin && !m_pg_name.empty())
            m_admin->read([&](Connection& c) {
                c.execute_script("DROP DATABASE IF EXISTS " + m_pg_name + " WITH (FORCE)");
            });
        std::filesystem::remove_all(m_dir);
    }
    std::int64_t count(const std::string& table) {
        return m_db->read([&](Connection& c) {
            return c
                .query_one("SELECT count(*) FROM " + table, {},
                           [](const Row& r) { return r.integer(0); })
                .value_or(-1);
        });
    }
    Result<void> insert_unit(Connection& c, const std::string& id, const std::string& name) {
        c.execute(
            "INSERT INTO units (id, path, name, kind, created_at, updated_at) VALUES (?, ?, ?, "
            "'team', 'x', 'x')",
            {std::string_view(id), std::string_view("/" + id + "/"), std::string_view(name)});
        return ok();
    }

    std::filesystem::path m_dir;
    std::string m_path;
    std::string m_pg_name;
    std::unique_ptr<Database> m_admin;
    std::unique_ptr<Database> m_db;
};

TEST_P(StoreTest, applies_every_migration_once) {
    EXPECT_EQ(current_schema_version(*m_db), latest_schema_version());
    auto again = apply_migrations(*m_db);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(count("schema_migrations"), latest_schema_version());
}

TEST_P(StoreTest, refuses_a_database_newer_than_this_build) {
    ASSERT_TRUE(m_db->write([](Connection& c) -> Result<void> {
        c.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', "
            "'x')");
        return ok();
    }));
    auto r = apply_migrations(*m_db);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_NE(r.error().detail.find("9999"), std::string::npos);
}

TEST_P(StoreTest, commits_a_write_that_succeeds) {
    const std::string id = new_id();
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT Support"); }));
    EXPECT_EQ(count("units"), 1);
}

TEST_P(StoreTest, rolls_back_a_write_that_returns_an_error) {
    auto r = m_db->write([&](Connection& c) -> Result<void> {
        CIVIC_CHECK(insert_unit(c, new_id(), "ICT Support"));
        return std::unexpected(Error::validation("name", "no"));
    });
    EXPECT_FALSE(r.has_value());
    EXPECT_EQ(count("units"), 0);
}

TEST_P(StoreTest, rolls_back_a_write_that_throws) {
    EXPECT_THROW((void)m_db->write([&](Connection& c) -> Result<void> {
        CIVIC_CHECK(insert_unit(c, new_id(), "ICT Support"));
        throw std::runtime_error("disk on fire");
    }),
                 std::runtime_error);
    EXPECT_EQ(count("units"), 0);
}

TEST_P(StoreTest, reports_a_constraint_violation_as_a_constraint_error) {
    const std::string id = new_id();
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT"); }));
    EXPECT_THROW((void)m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT again"); }),
                 ConstraintError);
    EXPECT_EQ(count("units"), 1);
}

// A duplicate is what two requests racing to write the same thing meet: the server answers
// it 409 (WriteConflict), where any other broken constraint is a fault of Civic's own.
TEST_P(StoreTest, reports_a_duplicate_as_a_write_conflict_and_other_violations_not) {
    const std::string id = new_id();
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT"); }));
    EXPECT_THROW((void)m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT again"); }),
                 WriteConflict);
    try {
        (void)m_db->write([&](Connection& c) -> Result<void> {
            const std::string other = new_id();
            c.execute(
                "INSERT INTO units (id, path, name, kind, created_at, updated_at) VALUES (?, ?, "
                "NULL, 'team', 'x', 'x')",
                {std::string_view(other), std::string_view("/" + other + "/")});
            return ok();
        });
        ADD_FAILURE() << "a unit without a name was stored";
    } catch (const ConstraintError& e) {
        EXPECT_EQ(dynamic_cast<const WriteConflict*>(&e), nullptr) << e.what();
    }
    EXPECT_EQ(count("units"), 1);
}

TEST_P(StoreTest, keeps_the_audit_trail_append_only) {
    Context ctx{Principal{"u1", "admin", "Ada", {}}, "req-1", std::chrono::system_clock::now()};
    ASSERT_TRUE(m_db->write([&](Connection& c) -> Result<void> {
        record_audit(c, ctx, "unit", "abc", "create", std::nullopt,
                     std::string(R"({"name":"ICT"})"));
        return ok();
    }));
    EXPECT_THROW((void)m_db->write([](Connection& c) -> Result<void> {
        c.execute("UPDATE audit_log SET actor = 'someone else'");
        return ok();
    }),
                 StoreError);
    EXPECT_THROW((void)m_db->write([](Connection& c) -> Result<void> {
        c.execute("DELETE FROM audit_log");
        return ok();
    }),
                 StoreError);
    const auto entries = m_db->read([](Connection& c) { return read_audit(c, AuditQuery{}); });
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].actor, "admin");
    EXPECT_EQ(entries[0].request_id, "req-1");
    EXPECT_EQ(entries[0].after_json, std::optional<std::string>(R"({"name":"ICT"})"));
}

TEST_P(StoreTest, binds_text_with_quotes_as_data_never_as_sql) {
    const std::string id = new_id();
    const std::string name = "Robert'); DROP TABLE units;--";
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, id, name); }));
    const auto stored = m_db->read([&](Connection& c) {
        return c.query_one("SELECT name FROM units WHERE id = ?", {std::string_view(id)},
                           [](const Row& r) { return r.str(0); });
    });
    EXPECT_EQ(stored, std::optional<std::string>(name));
}

TEST_P(StoreTest, backs_up_to_a_file_that_opens_with_the_same_rows) {
    if (GetParam() != Dialect::Sqlite)
        GTEST_SKIP() << "backup copies SQLite files; PostgreSQL has pg_dump";
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, new_id(), "ICT"); }));
    const std::string copy = (m_dir / "copy.db").string();
    dynamic_cast<SqliteDatabase&>(*m_db).backup_to(copy);
    auto other = open_database(copy, OpenOptions{.create = false});
    const auto n = other->read([](Connection& c) {
        return c.query_one("SELECT count(*) FROM units", {},
                           [](const Row& r) { return r.integer(0); });
    });
    EXPECT_EQ(n, std::optional<std::int64_t>(1));
}

TEST_P(StoreTest, reads_booleans_and_integers_the_same_on_both_backends) {
    const std::string id = new_id();
    ASSERT_TRUE(m_db->write([&](Connection& c) -> Result<void> {
        CIVIC_CHECK(insert_unit(c, id, "ICT"));
        c.execute(
            "INSERT INTO people (id, name, kind, unit_id, published, created_at, updated_at) "
            "VALUES (?, 'Ada', 'officer', ?, ?, 'x', 'x')",
            {std::string_view(new_id()), std::string_view(id), true});
        return ok();
    }));
    const auto row = m_db->read([&](Connection& c) {
        return c.query_one("SELECT published, version, archived_at FROM people WHERE unit_id = ?",
                           {std::string_view(id)}, [](const Row& r) {
                               return std::tuple(r.boolean(0), r.integer(1), r.is_null(2));
                           });
    });
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(*row, std::tuple(true, std::int64_t{1}, true));
}

TEST_P(StoreTest, rewrites_placeholders_but_not_question_marks_in_quoted_text) {
    const auto n = m_db->read([&](Connection& c) {
        return c.query_one("SELECT count(*) FROM units WHERE name <> 'who?' AND id <> ?",
                           {std::string_view("x")}, [](const Row& r) { return r.integer(0); });
    });
    EXPECT_EQ(n, std::optional<std::int64_t>(0));
    EXPECT_EQ(rewrite_placeholders("a = ? AND b = '?' AND c = ?"), "a = $1 AND b = '?' AND c = $2");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& info) {
                             return info.param == Dialect::Sqlite ? std::string("sqlite")
                                                                  : std::string("postgres");
                         });

}  // namespace
}  // namespace civic::store
