// The SQLite store: migrations, transactions, the audit trail, backups. Real files in a
// temporary folder.

#include <gtest/gtest.h>

#include <filesystem>

#include "civic/core/ids.hpp"
#include "civic/store/audit.hpp"
#include "civic/store/migrations.hpp"
#include "civic/store/sqlite_database.hpp"

namespace civic::store {
namespace {

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() / ("civic-store-" + random_token(8));
        std::filesystem::create_directories(m_dir);
        m_path = (m_dir / "civic.db").string();
        m_db = open_database(m_path, OpenOptions{});
        ASSERT_TRUE(apply_migrations(*m_db).has_value());
    }
    void TearDown() override {
        m_db.reset();
        std::filesystem::remove_all(m_dir);
    }
    std::int64_t count(const std::string& table) {
        return m_db->read([&](Connection& c) {
            return c.query_one("SELECT count(*) FROM " + table, {}, [](const Row& r) { return r.integer(0); })
                .value_or(-1);
        });
    }
    Result<void> insert_unit(Connection& c, const std::string& id, const std::string& name) {
        c.execute(
            "INSERT INTO units (id, path, name, kind, created_at, updated_at) VALUES (?, ?, ?, 'team', 'x', 'x')",
            {std::string_view(id), std::string_view("/" + id + "/"), std::string_view(name)});
        return ok();
    }

    std::filesystem::path m_dir;
    std::string m_path;
    std::unique_ptr<Database> m_db;
};

TEST_F(StoreTest, applies_every_migration_once) {
    EXPECT_EQ(current_schema_version(*m_db), latest_schema_version());
    auto again = apply_migrations(*m_db);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, 0);
    EXPECT_EQ(count("schema_migrations"), latest_schema_version());
}

TEST_F(StoreTest, refuses_a_database_newer_than_this_build) {
    ASSERT_TRUE(m_db->write([](Connection& c) -> Result<void> {
        c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')");
        return ok();
    }));
    auto r = apply_migrations(*m_db);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_NE(r.error().detail.find("9999"), std::string::npos);
}

TEST_F(StoreTest, commits_a_write_that_succeeds) {
    const std::string id = new_id();
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT Support"); }));
    EXPECT_EQ(count("units"), 1);
}

TEST_F(StoreTest, rolls_back_a_write_that_returns_an_error) {
    auto r = m_db->write([&](Connection& c) -> Result<void> {
        CIVIC_CHECK(insert_unit(c, new_id(), "ICT Support"));
        return std::unexpected(Error::validation("name", "no"));
    });
    EXPECT_FALSE(r.has_value());
    EXPECT_EQ(count("units"), 0);
}

TEST_F(StoreTest, rolls_back_a_write_that_throws) {
    EXPECT_THROW((void)m_db->write([&](Connection& c) -> Result<void> {
        CIVIC_CHECK(insert_unit(c, new_id(), "ICT Support"));
        throw std::runtime_error("disk on fire");
    }),
                 std::runtime_error);
    EXPECT_EQ(count("units"), 0);
}

TEST_F(StoreTest, reports_a_constraint_violation_as_a_constraint_error) {
    const std::string id = new_id();
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT"); }));
    EXPECT_THROW((void)m_db->write([&](Connection& c) { return insert_unit(c, id, "ICT again"); }),
                 ConstraintError);
    EXPECT_EQ(count("units"), 1);
}

TEST_F(StoreTest, keeps_the_audit_trail_append_only) {
    Context ctx{Principal{"u1", "admin", "Ada", {}}, "req-1", std::chrono::system_clock::now()};
    ASSERT_TRUE(m_db->write([&](Connection& c) -> Result<void> {
        record_audit(c, ctx, "unit", "abc", "create", std::nullopt, std::string(R"({"name":"ICT"})"));
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

TEST_F(StoreTest, binds_text_with_quotes_as_data_never_as_sql) {
    const std::string id = new_id();
    const std::string name = "Robert'); DROP TABLE units;--";
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, id, name); }));
    const auto stored = m_db->read([&](Connection& c) {
        return c.query_one("SELECT name FROM units WHERE id = ?", {std::string_view(id)},
                           [](const Row& r) { return r.str(0); });
    });
    EXPECT_EQ(stored, std::optional<std::string>(name));
}

TEST_F(StoreTest, backs_up_to_a_file_that_opens_with_the_same_rows) {
    ASSERT_TRUE(m_db->write([&](Connection& c) { return insert_unit(c, new_id(), "ICT"); }));
    const std::string copy = (m_dir / "copy.db").string();
    dynamic_cast<SqliteDatabase&>(*m_db).backup_to(copy);
    auto other = open_database(copy, OpenOptions{.create = false});
    const auto n = other->read([](Connection& c) {
        return c.query_one("SELECT count(*) FROM units", {}, [](const Row& r) { return r.integer(0); });
    });
    EXPECT_EQ(n, std::optional<std::int64_t>(1));
}

}  // namespace
}  // namespace civic::store
