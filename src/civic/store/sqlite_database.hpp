// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// SQLite in WAL mode: one serialised writer, a pool of readers, and a prepared-statement
// cache on every connection.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "civic/store/database.hpp"

namespace civic::store {

class SqliteConnection;

class SqliteDatabase final : public Database {
public:
    // Opens (and with options.create, creates) the file at path. Throws StoreError.
    static std::unique_ptr<SqliteDatabase> open(const std::string& path,
                                                const OpenOptions& options);
    ~SqliteDatabase() override;

    Dialect dialect() const override { return Dialect::Sqlite; }
    void close() override;
    // Copies the whole database to a new file with SQLite's online backup.
    void backup_to(const std::string& path);

protected:
    void run_read(const std::function<void(Connection&)>& fn) override;
    void run_write(const std::function<bool(Connection&)>& fn) override;

private:
    SqliteDatabase(std::string path, int pool_size);
    std::unique_ptr<SqliteConnection> open_connection(bool create) const;

    std::string m_path;
    int m_pool_size;
    std::mutex m_write_mutex;  // one writer at a time
    std::unique_ptr<SqliteConnection> m_writer;
    std::mutex m_pool_mutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_idle_readers;
    bool m_closed = false;
};

}  // namespace civic::store
