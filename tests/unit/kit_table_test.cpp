// SPDX-License-Identifier: AGPL-3.0-or-later
// kit::Table: a record described once reads and writes every kind of column the same on
// SQLite and PostgreSQL, joins its unit's path, and refuses an update at a stale version.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "civic/core/ids.hpp"
#include "civic/modules/kit/table.hpp"
#include "civic/store/database.hpp"

namespace civic::kit {
namespace {

struct Thing {
    std::string id;
    std::string unit_id;
    std::string unit_path;
    std::string title;
    std::optional<std::string> note;
    std::int64_t count = 0;
    std::optional<std::int64_t> paragraph;
    bool flag = false;
    std::vector<std::string> tags;
    std::int64_t version = 1;
};

const Table<Thing>& things() {
    static const Table<Thing> t{"things",
                                "t",
                                "JOIN places u ON u.id = t.unit_id",
                                &Thing::unit_path,
                                {{"id", &Thing::id},
                                 {"unit_id", &Thing::unit_id},
                                 {"title", &Thing::title},
                                 {"note", &Thing::note},
                                 {"count", &Thing::count},
                                 {"paragraph", &Thing::paragraph},
                                 {"flag", &Thing::flag},
                                 {"tags", &Thing::tags},
                                 {"version", &Thing::version}}};
    return t;
}

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

class TableTest : public ::testing::TestWithParam<store::Dialect> {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() / ("civic-table-" + random_token(8));
        std::filesystem::create_directories(m_dir);
        std::string path = (m_dir / "t.db").string();
        if (GetParam() == store::Dialect::Postgres) {
            const std::string server = pg_server();
            if (server.empty()) GTEST_SKIP() << "no PostgreSQL server for this run";
            m_pg_name = "civic_table_" + sha256_hex(random_token()).substr(0, 16);
            m_admin = store::open_database(server + "/postgres", store::OpenOptions{});
            m_admin->read(
                [&](store::Connection& c) { c.execute_script("CREATE DATABASE " + m_pg_name); });
            path = server + "/" + m_pg_name;
        }
        m_db = store::open_database(path, store::OpenOptions{});
        auto made = m_db->write([](store::Connection& c) -> Result<void> {
            c.execute_script(
                "CREATE TABLE places (id TEXT PRIMARY KEY, path TEXT NOT NULL);"
                "CREATE TABLE things (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, title TEXT NOT "
                "NULL, note TEXT, count BIGINT NOT NULL, paragraph BIGINT, flag BOOLEAN NOT NULL, "
                "tags TEXT NOT NULL, version BIGINT NOT NULL);"
                "INSERT INTO places VALUES ('p1', '/root/p1/');");
            return ok();
        });
        ASSERT_TRUE(made.has_value());
    }
    void TearDown() override {
        m_db.reset();
        if (m_admin)
            m_admin->read([&](store::Connection& c) {
                c.execute_script("DROP DATABASE IF EXISTS " + m_pg_name + " WITH (FORCE)");
            });
        std::filesystem::remove_all(m_dir);
    }
    std::filesystem::path m_dir;
    std::string m_pg_name;
    std::unique_ptr<store::Database> m_admin, m_db;
};

TEST_P(TableTest, WritesAndReadsEveryKindOfColumnWithItsPath) {
    Thing a{"a", "p1", "", "Award of contract", "a note", 3, 3, true, {"one", "two \"quoted\""}, 1};
    Thing b{"b", "p1", "", "Apologies", std::nullopt, 1, std::nullopt, false, {}, 1};
    auto done = m_db->write([&](store::Connection& c) -> Result<void> {
        things().insert(c, a);
        things().insert(c, b);
        return ok();
    });
    ASSERT_TRUE(done.has_value());
    m_db->read([&](store::Connection& c) {
        auto found = things().find(c, "a");
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(found->unit_path, "/root/p1/");
        EXPECT_EQ(found->title, "Award of contract");
        EXPECT_EQ(found->note, std::optional<std::string>("a note"));
        EXPECT_EQ(found->count, 3);
        EXPECT_EQ(found->paragraph, std::optional<std::int64_t>(3));
        EXPECT_TRUE(found->flag);
        EXPECT_EQ(found->tags, (std::vector<std::string>{"one", "two \"quoted\""}));
        auto other = things().find(c, "b");
        ASSERT_TRUE(other.has_value());
        EXPECT_EQ(other->note, std::nullopt);
        EXPECT_EQ(other->paragraph, std::nullopt);
        EXPECT_FALSE(other->flag);
        EXPECT_TRUE(other->tags.empty());
        EXPECT_FALSE(things().find(c, "missing").has_value());
        const auto listed =
            things().where(c, "t.count >= ? ORDER BY t.count DESC", {std::int64_t{1}});
        ASSERT_EQ(listed.size(), 2u);
        EXPECT_EQ(listed[0].id, "a");
        EXPECT_EQ(listed[1].id, "b");
    });
}

TEST_P(TableTest, UpdatesOnlyAtTheVersionItWasReadAt) {
    Thing a{"a", "p1", "", "Draft", std::nullopt, 0, std::nullopt, false, {}, 1};
    ASSERT_TRUE(m_db->write([&](store::Connection& c) -> Result<void> {
                        things().insert(c, a);
                        return ok();
                    })
                    .has_value());
    Thing changed = a;
    changed.title = "Final";
    changed.paragraph = 7;
    changed.tags = {"x"};
    changed.version = 2;
    m_db->write([&](store::Connection& c) -> Result<void> {
        EXPECT_TRUE(things().update(c, changed, 1));
        // Someone else's change from version 1 finds it at 2 and writes nothing.
        Thing stale = a;
        stale.title = "Stale";
        EXPECT_FALSE(things().update(c, stale, 1));
        return ok();
    });
    m_db->read([&](store::Connection& c) {
        auto found = things().find(c, "a");
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(found->title, "Final");
        EXPECT_EQ(found->paragraph, std::optional<std::int64_t>(7));
        EXPECT_EQ(found->tags, std::vector<std::string>{"x"});
        EXPECT_EQ(found->version, 2);
    });
}

TEST(TableText, ListsAreJsonArraysOfStrings) {
    EXPECT_EQ(text_list_to_json({}), "[]");
    EXPECT_EQ(text_list_to_json({"a", "b"}), R"(["a","b"])");
    EXPECT_EQ(text_list_from_json(R"(["a","b"])"), (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(text_list_from_json("not json").empty());
    EXPECT_TRUE(text_list_from_json(R"({"a":1})").empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, TableTest,
                         ::testing::Values(store::Dialect::Sqlite, store::Dialect::Postgres),
                         [](const auto& info) {
                             return info.param == store::Dialect::Sqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace civic::kit
