// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/accounts/service.hpp"

#include <argon2.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <stdexcept>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/store/audit.hpp"

namespace civic::accounts {
using store::Connection;
using store::Row;

namespace {

constexpr std::uint32_t k_time_cost = 2;
constexpr std::uint32_t k_memory_kib = 19 * 1024;
constexpr std::uint32_t k_parallelism = 1;
constexpr auto k_session_lifetime = std::chrono::hours(12);
// Five wrong passwords for one username within 15 minutes lock it for the rest of the window.
constexpr std::int64_t k_max_failures = 5;
constexpr auto k_throttle_window = std::chrono::minutes(15);

std::string throttle_key(std::string_view username) {
    std::string key(username);
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return key;
}

bool valid_username(std::string_view s) {
    return !s.empty() && s.size() <= 64 &&
           s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-@") ==
               std::string_view::npos;
}

}  // namespace

std::string hash_password(const std::string& password) {
    std::array<unsigned char, 16> salt{};
    const std::string salt_text = random_token(16);
    std::copy_n(salt_text.begin(), salt.size(), salt.begin());
    std::array<char, 128> encoded{};
    const int rc = argon2id_hash_encoded(k_time_cost, k_memory_kib, k_parallelism, password.data(),
                                         password.size(), salt.data(), salt.size(), 32,
                                         encoded.data(), encoded.size());
    if (rc != ARGON2_OK)
        throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
    return encoded.data();
}

bool verify_password(const std::string& encoded, const std::string& password) {
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Result<User> AccountsService::add_user(const Context& ctx, const NewUser& in) {
    if (!ctx.principal.is_administrator())
        return std::unexpected(Error::forbidden("Only an administrator can add users."));
    std::vector<FieldError> errors;
    const std::string username(trim(in.username));
    if (!valid_username(username))
        errors.push_back({"username",
                          "Username must be 1 to 64 characters: lower-case letters, digits, '.', "
                          "'_', '-' or '@'"});
    const std::string name(trim(in.display_name));
    if (name.empty() || name.size() > 200)
        errors.push_back({"name", "Enter the user's name (up to 200 characters)"});
    if (in.password.size() < 10 || in.password.size() > 1000)
        errors.push_back({"password", "Password must be at least 10 characters"});
    if (in.unit_id && !is_id(*in.unit_id))
        errors.push_back({"unit", "Unit must be the id of a unit"});
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    const std::string hash = hash_password(in.password);
    return m_db.write([&](Connection& c) -> Result<User> {
        const bool taken =
            c.query_one("SELECT 1 FROM users WHERE username = ?", {std::string_view(username)},
                        [](const Row&) { return true; })
                .has_value();
        if (taken)
            return std::unexpected(
                Error::conflict(fmt::format("There is already a user called {}.", username)));
        if (in.unit_id &&
            !c.query_one("SELECT 1 FROM units WHERE id = ?", {std::string_view(*in.unit_id)},
                         [](const Row&) { return true; }))
            return std::unexpected(Error::validation("unit", "There is no unit with this id"));
        User u{new_id(), username, name};
        const std::string now = format_timestamp(ctx.now);
        c.execute(
            "INSERT INTO users (id, username, display_name, password_hash, disabled, version, "
            "created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
            {std::string_view(u.id), std::string_view(u.username), std::string_view(u.display_name),
             std::string_view(hash), false, std::string_view(now), std::string_view(now)});
        const std::string role_id = new_id();
        c.execute(
            "INSERT INTO user_roles (id, user_id, role, unit_id, created_at) VALUES (?, ?, ?, ?, "
            "?)",
            {std::string_view(role_id), std::string_view(u.id), role_name(in.role),
             store::nullable(in.unit_id), std::string_view(now)});
        boost::json::object after{
            {"id", u.id},
            {"username", u.username},
            {"display_name", u.display_name},
            {"role", role_name(in.role)},
            {"unit_id", in.unit_id ? boost::json::value(*in.unit_id) : nullptr}};
        store::record_audit(c, ctx, "user", u.id, "create", std::nullopt, to_json(after));
        return u;
    });
}

Result<void> AccountsService::grant(const Context& ctx, const std::string& username, Role role,
                                    const std::optional<std::string>& unit_id) {
    if (!ctx.principal.is_administrator())
        return std::unexpected(Error::forbidden("Only an administrator can grant roles."));
    return m_db.write([&](Connection& c) -> Result<void> {
        auto user_id =
            c.query_one("SELECT id FROM users WHERE username = ?", {std::string_view(username)},
                        [](const Row& r) { return r.str(0); });
        if (!user_id)
            return std::unexpected(Error::not_found("There is no user called " + username + "."));
        if (unit_id && (!is_id(*unit_id) || !c.query_one("SELECT 1 FROM units WHERE id = ?",
                                                         {std::string_view(*unit_id)},
                                                         [](const Row&) { return true; })))
            return std::unexpected(Error::validation("unit", "There is no unit with this id"));
        const std::string role_id = new_id(), now = format_timestamp(ctx.now);
        c.execute(
            "INSERT INTO user_roles (id, user_id, role, unit_id, created_at) VALUES (?, ?, ?, ?, "
            "?)",
            {std::string_view(role_id), std::string_view(*user_id), role_name(role),
             store::nullable(unit_id), std::string_view(now)});
        boost::json::object after{{"role", role_name(role)},
                                  {"unit_id", unit_id ? boost::json::value(*unit_id) : nullptr}};
        store::record_audit(c, ctx, "user", *user_id, "grant", std::nullopt, to_json(after));
        return ok();
    });
}

Result<std::string> AccountsService::create_token(const Context& ctx, const std::string& username,
                                                  const std::string& name) {
    return m_db.write([&](Connection& c) -> Result<std::string> {
        auto user_id =
            c.query_one("SELECT id FROM users WHERE username = ? AND NOT disabled",
                        {std::string_view(username)}, [](const Row& r) { return r.str(0); });
        if (!user_id)
            return std::unexpected(Error::not_found("There is no user called " + username + "."));
        const std::string secret = "civic_" + random_token(32);
        const std::string hash = sha256_hex(secret), id = new_id(), now = format_timestamp(ctx.now);
        c.execute(
            "INSERT INTO api_tokens (id, token_hash, user_id, name, created_at) VALUES (?, ?, ?, "
            "?, ?)",
            {std::string_view(id), std::string_view(hash), std::string_view(*user_id),
             std::string_view(name), std::string_view(now)});
        store::record_audit(c, ctx, "api_token", id, "create", std::nullopt,
                            to_json(boost::json::object{{"user_id", *user_id}, {"name", name}}));
        return secret;
    });
}

Result<Session> AccountsService::sign_in(const Context& ctx, const std::string& username,
                                         const std::string& password) {
    const auto bad = [] {
        return std::unexpected(Error::validation(
            "username", "Enter a correct username and password; both are case-sensitive"));
    };
    const std::string name(trim(username));
    if (name.empty() || password.empty()) return bad();
    const std::string key = throttle_key(name);
    const std::string window_opened_after = format_timestamp(ctx.now - k_throttle_window);
    const auto failures = m_db.read([&](Connection& c) {
        return c
            .query_one(
                "SELECT failures FROM sign_in_throttle WHERE username = ? AND window_start > ?",
                {std::string_view(key), std::string_view(window_opened_after)},
                [](const Row& r) { return r.integer(0); })
            .value_or(0);
    });
    if (failures >= k_max_failures)
        return std::unexpected(
            Error{ErrorKind::TooManyRequests,
                  "There have been too many wrong passwords for this username. "
                  "Wait 15 minutes and try again, or ask an administrator to help.",
                  {}});
    // Counts a failure: a new window when the last one has closed, else one more in it.
    const auto record_failure = [&] {
        const std::string now = format_timestamp(ctx.now);
        (void)m_db.write([&](Connection& c) -> Result<void> {
            c.execute(
                "INSERT INTO sign_in_throttle (username, window_start, failures) VALUES (?, ?, 1) "
                "ON CONFLICT (username) DO UPDATE SET "
                "failures = CASE WHEN sign_in_throttle.window_start > ? THEN "
                "sign_in_throttle.failures + 1 ELSE 1 END, "
                "window_start = CASE WHEN sign_in_throttle.window_start > ? THEN "
                "sign_in_throttle.window_start "
                "ELSE excluded.window_start END",
                {std::string_view(key), std::string_view(now),
                 std::string_view(window_opened_after), std::string_view(window_opened_after)});
            return ok();
        });
    };
    struct Row_ {
        std::string id, hash;
    };
    auto user = m_db.read([&](Connection& c) {
        return c.query_one(
            "SELECT id, password_hash FROM users WHERE username = ? AND NOT disabled",
            {std::string_view(name)}, [](const Row& r) {
                return Row_{r.str(0), r.str(1)};
            });
    });
    if (!user) {
        // Spend the same time as a real check, so timing does not say which usernames exist.
        static const std::string dummy = hash_password(random_token());
        verify_password(dummy, password);
        record_failure();
        return bad();
    }
    if (!verify_password(user->hash, password)) {
        record_failure();
        return bad();
    }
    Session s{random_token(32), random_token(32)};
    const std::string hash = sha256_hex(s.secret), now = format_timestamp(ctx.now),
                      expires = format_timestamp(ctx.now + k_session_lifetime);
    auto written = m_db.write([&](Connection& c) -> Result<void> {
        // Expired sessions go when someone signs in, so the table does not grow for ever.
        c.execute("DELETE FROM sessions WHERE expires_at <= ?", {std::string_view(now)});
        c.execute("DELETE FROM sign_in_throttle WHERE username = ?", {std::string_view(key)});
        c.execute(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES "
            "(?, ?, ?, ?, ?)",
            {std::string_view(hash), std::string_view(user->id), std::string_view(s.csrf_token),
             std::string_view(now), std::string_view(expires)});
        return ok();
    });
    if (!written) return std::unexpected(written.error());
    spdlog::info("{} signed in", name);
    return s;
}

void AccountsService::sign_out(const Context&, const std::string& session_secret) {
    const std::string hash = sha256_hex(session_secret);
    (void)m_db.write([&](Connection& c) -> Result<void> {
        c.execute("DELETE FROM sessions WHERE id_hash = ?", {std::string_view(hash)});
        return ok();
    });
}

std::optional<Principal> AccountsService::principal_for(Connection& c, const std::string& user_id) {
    auto p =
        c.query_one("SELECT id, username, display_name FROM users WHERE id = ? AND NOT disabled",
                    {std::string_view(user_id)}, [](const Row& r) {
                        Principal p;
                        p.user_id = r.str(0);
                        p.username = r.str(1);
                        p.display_name = r.str(2);
                        return p;
                    });
    if (!p) return std::nullopt;
    c.query("SELECT role, unit_id FROM user_roles WHERE user_id = ? ORDER BY id",
            {std::string_view(user_id)}, [&](const Row& r) {
                if (auto role = parse_role(r.text(0)))
                    p->grants.push_back({*role, r.optional_text(1)});
            });
    return p;
}

std::optional<Authenticated> AccountsService::by_session(const std::string& secret, TimePoint now) {
    const std::string hash = sha256_hex(secret), now_text = format_timestamp(now);
    return m_db.read([&](Connection& c) -> std::optional<Authenticated> {
        struct S {
            std::string user_id, csrf;
        };
        auto s = c.query_one(
            "SELECT user_id, csrf_token FROM sessions WHERE id_hash = ? AND expires_at > ?",
            {std::string_view(hash), std::string_view(now_text)}, [](const Row& r) {
                return S{r.str(0), r.str(1)};
            });
        if (!s) return std::nullopt;
        auto p = principal_for(c, s->user_id);
        if (!p) return std::nullopt;
        return Authenticated{std::move(*p), s->csrf};
    });
}

std::optional<Authenticated> AccountsService::by_token(const std::string& token, TimePoint now) {
    const std::string hash = sha256_hex(token), now_text = format_timestamp(now);
    return m_db.read([&](Connection& c) -> std::optional<Authenticated> {
        auto user_id = c.query_one(
            "SELECT user_id FROM api_tokens WHERE token_hash = ? AND (expires_at IS NULL OR "
            "expires_at > ?)",
            {std::string_view(hash), std::string_view(now_text)},
            [](const Row& r) { return r.str(0); });
        if (!user_id) return std::nullopt;
        auto p = principal_for(c, *user_id);
        if (!p) return std::nullopt;
        return Authenticated{std::move(*p), {}};
    });
}

namespace {

Result<void> require_administrator(const Context& ctx) {
    if (!ctx.principal.is_administrator())
        return std::unexpected(Error::forbidden("Only an administrator can do that."));
    return ok();
}

TokenSummary token_from(const Row& r) {
    return TokenSummary{r.str(0), r.str(1), r.str(2), r.str(3), r.optional_text(4)};
}

}  // namespace

Result<std::vector<UserSummary>> AccountsService::list_users(const Context& ctx) {
    CIVIC_CHECK(require_administrator(ctx));
    return m_db.read([](Connection& c) {
        auto users = c.query_all(
            "SELECT id, username, display_name, disabled FROM users ORDER BY username", {},
            [](const Row& r) {
                return std::pair(r.str(0), UserSummary{r.str(1), r.str(2), r.boolean(3), {}});
            });
        std::vector<UserSummary> out;
        for (auto& [id, user] : users) {
            c.query("SELECT role, unit_id FROM user_roles WHERE user_id = ? ORDER BY id",
                    {std::string_view(id)}, [&](const Row& r) {
                        if (auto role = parse_role(r.text(0)))
                            user.grants.push_back({*role, r.optional_text(1)});
                    });
            out.push_back(std::move(user));
        }
        return out;
    });
}

Result<std::vector<TokenSummary>> AccountsService::list_tokens(
    const Context& ctx, const std::optional<std::string>& username) {
    CIVIC_CHECK(require_administrator(ctx));
    const std::string who = username.value_or("");
    return m_db.read([&](Connection& c) {
        return c.query_all(
            "SELECT t.id, u.username, t.name, t.created_at, t.expires_at FROM api_tokens t "
            "JOIN users u ON u.id = t.user_id WHERE (? = '' OR u.username = ?) ORDER BY t.id DESC",
            {std::string_view(who), std::string_view(who)}, token_from);
    });
}

Result<TokenSummary> AccountsService::revoke_token(const Context& ctx,
                                                   const std::string& token_id) {
    CIVIC_CHECK(require_administrator(ctx));
    return m_db.write([&](Connection& c) -> Result<TokenSummary> {
        static constexpr std::string_view k_select =
            "SELECT t.id, u.username, t.name, t.created_at, t.expires_at FROM api_tokens t "
            "JOIN users u ON u.id = t.user_id WHERE t.id = ?";
        auto token = c.query_one(k_select, {std::string_view(token_id)}, token_from);
        if (!token) return std::unexpected(Error::not_found("There is no token with this id."));
        const std::string now = format_timestamp(ctx.now);
        if (token->expires_at && *token->expires_at <= now)
            return std::unexpected(
                Error::conflict("This token has already expired or been revoked."));
        c.execute("UPDATE api_tokens SET expires_at = ? WHERE id = ?",
                  {std::string_view(now), std::string_view(token_id)});
        store::record_audit(c, ctx, "api_token", token_id, "revoke", std::nullopt,
                            to_json(boost::json::object{{"expires_at", now}}));
        token->expires_at = now;
        return *token;
    });
}

bool AccountsService::no_users() {
    return m_db.read([](Connection& c) {
        return !c.query_one("SELECT 1 FROM users LIMIT 1", {}, [](const Row&) {
                     return true;
                 }).has_value();
    });
}

}  // namespace civic::accounts
