// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// PostgreSQL through libpq: a pool of connections with health checks and reconnection,
// '?' placeholders rewritten to $1…$n, and a prepared-statement cache per connection.
// While the server cannot be reached, every call throws UnavailableError (a 503), quickly.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "civic/store/database.hpp"

namespace civic::store {

class PgConnection;

class PostgresDatabase final : public Database {
public:
    // Opens a pool on url (postgres://user@host:port/dbname). Connects once to check that the
    // server answers; throws UnavailableError when it does not.
    static std::unique_ptr<PostgresDatabase> open(const std::string& url,
                                                  const OpenOptions& options);
    ~PostgresDatabase() override;

    Dialect dialect() const override { return Dialect::Postgres; }
    void close() override;

protected:
    // Reads run without an explicit transaction: each statement sees the data committed when
    // it starts (READ COMMITTED), which saves two round trips on the hot read path.
    void run_read(const std::function<void(Connection&)>& fn) override;
    void run_write(const std::function<bool(Connection&)>& fn) override;

private:
    PostgresDatabase(std::string url, int pool_size);
    std::unique_ptr<PgConnection> acquire();
    void release(std::unique_ptr<PgConnection> conn);

    std::string m_url;
    int m_pool_size;
    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<PgConnection>> m_idle;
    int m_open = 0;  // connections checked out or idle
    bool m_closed = false;
};

// Rewrites '?' placeholders to $1…$n, leaving quoted text alone.
std::string rewrite_placeholders(std::string_view sql);

}  // namespace civic::store
