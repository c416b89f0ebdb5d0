// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/accounts/repo.hpp"

namespace civic::accounts::repo {
using store::Connection;
using store::Row;

namespace {

constexpr std::string_view k_select_tokens =
    "SELECT t.id, u.username, t.name, t.created_at, t.expires_at FROM api_tokens t "
    "JOIN users u ON u.id = t.user_id";

TokenSummary token_from(const Row& r) {
    return TokenSummary{r.str(0), r.str(1), r.str(2), r.str(3), r.optional_text(4)};
}

}  // namespace

bool username_taken(Connection& c, const std::string& username) {
    return c
        .query_one("SELECT 1 FROM users WHERE username = ?", {std::string_view(username)},
                   [](const Row&) { return true; })
        .has_value();
}

std::optional<std::string> find_user_id(Connection& c, const std::string& username) {
    return c.query_one("SELECT id FROM users WHERE username = ?", {std::string_view(username)},
                       [](const Row& r) { return r.str(0); });
}

std::optional<std::string> find_enabled_user_id(Connection& c, const std::string& username) {
    return c.query_one("SELECT id FROM users WHERE username = ? AND NOT disabled",
                       {std::string_view(username)}, [](const Row& r) { return r.str(0); });
}

std::optional<User> find_enabled_user(Connection& c, const std::string& user_id) {
    return c.query_one(
        "SELECT id, username, display_name, person_id FROM users WHERE id = ? AND NOT disabled",
        {std::string_view(user_id)}, [](const Row& r) {
            return User{r.str(0), r.str(1), r.str(2), r.optional_text(3)};
        });
}

std::optional<Credentials> find_credentials(Connection& c, const std::string& username) {
    return c.query_one("SELECT id, password_hash FROM users WHERE username = ? AND NOT disabled",
                       {std::string_view(username)}, [](const Row& r) {
                           return Credentials{r.str(0), r.str(1)};
                       });
}

void insert_user(Connection& c, const User& u, const std::string& password_hash,
                 const std::string& created_at) {
    c.execute(
        "INSERT INTO users (id, username, display_name, password_hash, disabled, version, "
        "created_at, updated_at, person_id) "
        "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
        {std::string_view(u.id), std::string_view(u.username), std::string_view(u.display_name),
         std::string_view(password_hash), false, std::string_view(created_at),
         std::string_view(created_at), store::nullable(u.person_id)});
}

bool person_exists(Connection& c, const std::string& person_id) {
    return c
        .query_one("SELECT 1 FROM people WHERE id = ? AND archived_at IS NULL",
                   {std::string_view(person_id)}, [](const Row&) { return true; })
        .has_value();
}

void set_person(Connection& c, const std::string& user_id,
                const std::optional<std::string>& person_id, const std::string& updated_at) {
    c.execute(
        "UPDATE users SET person_id = ?, updated_at = ? WHERE id = ?",
        {store::nullable(person_id), std::string_view(updated_at), std::string_view(user_id)});
}

bool any_users(Connection& c) {
    return c.query_one("SELECT 1 FROM users LIMIT 1", {}, [](const Row&) { return true; })
        .has_value();
}

std::vector<ListedUser> list_users(Connection& c) {
    return c.query_all(
        "SELECT id, username, display_name, disabled FROM users ORDER BY username", {},
        [](const Row& r) {
            return ListedUser{r.str(0), UserSummary{r.str(1), r.str(2), r.boolean(3), {}}};
        });
}

bool unit_exists(Connection& c, const std::string& unit_id) {
    return c
        .query_one("SELECT 1 FROM units WHERE id = ?", {std::string_view(unit_id)},
                   [](const Row&) { return true; })
        .has_value();
}

void insert_grant(Connection& c, const std::string& id, const std::string& user_id, Role role,
                  const std::optional<std::string>& unit_id, const std::string& created_at) {
    c.execute(
        "INSERT INTO user_roles (id, user_id, role, unit_id, created_at) VALUES (?, ?, ?, ?, "
        "?)",
        {std::string_view(id), std::string_view(user_id), role_name(role), store::nullable(unit_id),
         std::string_view(created_at)});
}

std::vector<RoleGrant> list_grants(Connection& c, const std::string& user_id) {
    std::vector<RoleGrant> grants;
    c.query(
        "SELECT r.role, r.unit_id, u.path FROM user_roles r LEFT JOIN units u ON u.id = r.unit_id "
        "WHERE r.user_id = ? ORDER BY r.id",
        {std::string_view(user_id)}, [&](const Row& r) {
            if (auto role = parse_role(r.text(0)))
                grants.push_back({*role, r.optional_text(1), r.optional_text(2).value_or("")});
        });
    return grants;
}

void insert_token(Connection& c, const std::string& id, const std::string& token_hash,
                  const std::string& user_id, const std::string& name,
                  const std::string& created_at) {
    c.execute(
        "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES (?, ?, ?, "
        "?, ?)",
        {std::string_view(id), std::string_view(token_hash), std::string_view(user_id),
         std::string_view(name), std::string_view(created_at)});
}

std::optional<std::string> find_live_token_user(Connection& c, const std::string& token_hash,
                                                const std::string& now) {
    return c.query_one(
        "SELECT user_id FROM api_tokens WHERE token_hash = ? AND (expires_at IS NULL OR "
        "expires_at > ?)",
        {std::string_view(token_hash), std::string_view(now)},
        [](const Row& r) { return r.str(0); });
}

std::optional<TokenSummary> find_token(Connection& c, const std::string& token_id) {
    static const std::string sql = std::string(k_select_tokens) + " WHERE t.id = ?";
    return c.query_one(sql, {std::string_view(token_id)}, token_from);
}

std::vector<TokenSummary> list_tokens(Connection& c, const std::string& username) {
    static const std::string sql =
        std::string(k_select_tokens) + " WHERE (? = '' OR u.username = ?) ORDER BY t.id DESC";
    return c.query_all(sql, {std::string_view(username), std::string_view(username)}, token_from);
}

void expire_token(Connection& c, const std::string& token_id, const std::string& at) {
    c.execute("UPDATE api_tokens SET expires_at = ? WHERE id = ?",
              {std::string_view(at), std::string_view(token_id)});
}

void insert_session(Connection& c, const std::string& id_hash, const std::string& user_id,
                    const std::string& csrf_token, const std::string& created_at,
                    const std::string& expires_at) {
    c.execute(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES "
        "(?, ?, ?, ?, ?)",
        {std::string_view(id_hash), std::string_view(user_id), std::string_view(csrf_token),
         std::string_view(created_at), std::string_view(expires_at)});
}

std::optional<StoredSession> find_live_session(Connection& c, const std::string& id_hash,
                                               const std::string& now) {
    return c.query_one(
        "SELECT user_id, csrf_token FROM sessions WHERE id_hash = ? AND expires_at > ?",
        {std::string_view(id_hash), std::string_view(now)}, [](const Row& r) {
            return StoredSession{r.str(0), r.str(1)};
        });
}

void delete_session(Connection& c, const std::string& id_hash) {
    c.execute("DELETE FROM sessions WHERE id_hash = ?", {std::string_view(id_hash)});
}

void delete_expired_sessions(Connection& c, const std::string& now) {
    c.execute("DELETE FROM sessions WHERE expires_at <= ?", {std::string_view(now)});
}

std::int64_t recent_failures(Connection& c, const std::string& key,
                             const std::string& window_opened_after) {
    return c
        .query_one("SELECT failures FROM sign_in_throttle WHERE username = ? AND window_start > ?",
                   {std::string_view(key), std::string_view(window_opened_after)},
                   [](const Row& r) { return r.integer(0); })
        .value_or(0);
}

void count_failure(Connection& c, const std::string& key, const std::string& now,
                   const std::string& window_opened_after) {
    c.execute(
        "INSERT INTO sign_in_throttle (username, window_start, failures) VALUES (?, ?, 1) "
        "ON CONFLICT (username) DO UPDATE SET "
        "failures = CASE WHEN sign_in_throttle.window_start > ? THEN "
        "sign_in_throttle.failures + 1 ELSE 1 END, "
        "window_start = CASE WHEN sign_in_throttle.window_start > ? THEN "
        "sign_in_throttle.window_start "
        "ELSE excluded.window_start END",
        {std::string_view(key), std::string_view(now), std::string_view(window_opened_after),
         std::string_view(window_opened_after)});
}

void clear_failures(Connection& c, const std::string& key) {
    c.execute("DELETE FROM sign_in_throttle WHERE username = ?", {std::string_view(key)});
}

}  // namespace civic::accounts::repo
