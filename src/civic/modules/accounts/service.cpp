// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/accounts/service.hpp"

#include <argon2.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <stdexcept>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/accounts/repo.hpp"
#include "civic/store/audit.hpp"

namespace civic::accounts {
using store::Connection;

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
    if (in.person_id && !is_id(*in.person_id))
        errors.push_back({"person", "Person must be the id of a person"});
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    const std::string hash = hash_password(in.password);
    return m_db.write([&](Connection& c) -> Result<User> {
        if (repo::username_taken(c, username))
            return std::unexpected(
                Error::conflict(fmt::format("There is already a user called {}.", username)));
        if (in.unit_id && !repo::unit_exists(c, *in.unit_id))
            return std::unexpected(Error::validation("unit", "There is no unit with this id"));
        if (in.person_id && !repo::person_exists(c, *in.person_id))
            return std::unexpected(Error::validation("person", "There is no person with this id"));
        User u{new_id(), username, name, in.person_id};
        const std::string now = format_timestamp(ctx.now);
        repo::insert_user(c, u, hash, now);
        repo::insert_grant(c, new_id(), u.id, in.role, in.unit_id, now);
        boost::json::object after{
            {"id", u.id},
            {"username", u.username},
            {"display_name", u.display_name},
            {"role", role_name(in.role)},
            {"unit_id", in.unit_id ? boost::json::value(*in.unit_id) : nullptr},
            {"person_id", in.person_id ? boost::json::value(*in.person_id) : nullptr}};
        store::record_audit(c, ctx, "user", u.id, "create", std::nullopt, to_json(after));
        return u;
    });
}

Result<void> AccountsService::link_person(const Context& ctx, const std::string& username,
                                          const std::optional<std::string>& person_id) {
    if (!ctx.principal.is_administrator())
        return std::unexpected(
            Error::forbidden("Only an administrator can link a user to a person."));
    return m_db.write([&](Connection& c) -> Result<void> {
        auto user_id = repo::find_user_id(c, username);
        if (!user_id)
            return std::unexpected(Error::not_found("There is no user called " + username + "."));
        if (person_id && (!is_id(*person_id) || !repo::person_exists(c, *person_id)))
            return std::unexpected(Error::validation("person", "There is no person with this id"));
        repo::set_person(c, *user_id, person_id, format_timestamp(ctx.now));
        boost::json::object after{
            {"person_id", person_id ? boost::json::value(*person_id) : nullptr}};
        store::record_audit(c, ctx, "user", *user_id, "link person", std::nullopt, to_json(after));
        return ok();
    });
}

Result<void> AccountsService::grant(const Context& ctx, const std::string& username, Role role,
                                    const std::optional<std::string>& unit_id) {
    if (!ctx.principal.is_administrator())
        return std::unexpected(Error::forbidden("Only an administrator can grant roles."));
    return m_db.write([&](Connection& c) -> Result<void> {
        auto user_id = repo::find_user_id(c, username);
        if (!user_id)
            return std::unexpected(Error::not_found("There is no user called " + username + "."));
        if (unit_id && (!is_id(*unit_id) || !repo::unit_exists(c, *unit_id)))
            return std::unexpected(Error::validation("unit", "There is no unit with this id"));
        repo::insert_grant(c, new_id(), *user_id, role, unit_id, format_timestamp(ctx.now));
        boost::json::object after{{"role", role_name(role)},
                                  {"unit_id", unit_id ? boost::json::value(*unit_id) : nullptr}};
        store::record_audit(c, ctx, "user", *user_id, "grant", std::nullopt, to_json(after));
        return ok();
    });
}

Result<std::string> AccountsService::create_token(const Context& ctx, const std::string& username,
                                                  const std::string& name) {
    return m_db.write([&](Connection& c) -> Result<std::string> {
        auto user_id = repo::find_enabled_user_id(c, username);
        if (!user_id)
            return std::unexpected(Error::not_found("There is no user called " + username + "."));
        const std::string secret = "civic_" + random_token(32);
        const std::string hash = sha256_hex(secret), id = new_id(), now = format_timestamp(ctx.now);
        repo::insert_token(c, id, hash, *user_id, name, now);
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
    const auto failures = m_db.read(
        [&](Connection& c) { return repo::recent_failures(c, key, window_opened_after); });
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
            repo::count_failure(c, key, now, window_opened_after);
            return ok();
        });
    };
    auto user = m_db.read([&](Connection& c) { return repo::find_credentials(c, name); });
    if (!user) {
        // Spend the same time as a real check, so timing does not say which usernames exist.
        static const std::string dummy = hash_password(random_token());
        verify_password(dummy, password);
        record_failure();
        return bad();
    }
    if (!verify_password(user->password_hash, password)) {
        record_failure();
        return bad();
    }
    Session s{random_token(32), random_token(32)};
    const std::string hash = sha256_hex(s.secret), now = format_timestamp(ctx.now),
                      expires = format_timestamp(ctx.now + k_session_lifetime);
    auto written = m_db.write([&](Connection& c) -> Result<void> {
        // Expired sessions go when someone signs in, so the table does not grow for ever.
        repo::delete_expired_sessions(c, now);
        repo::clear_failures(c, key);
        repo::insert_session(c, hash, user->user_id, s.csrf_token, now, expires);
        return ok();
    });
    if (!written) return std::unexpected(written.error());
    spdlog::info("{} signed in", name);
    return s;
}

void AccountsService::sign_out(const Context&, const std::string& session_secret) {
    const std::string hash = sha256_hex(session_secret);
    (void)m_db.write([&](Connection& c) -> Result<void> {
        repo::delete_session(c, hash);
        return ok();
    });
}

std::optional<Principal> AccountsService::principal_for(Connection& c, const std::string& user_id) {
    auto user = repo::find_enabled_user(c, user_id);
    if (!user) return std::nullopt;
    Principal p;
    p.user_id = std::move(user->id);
    p.username = std::move(user->username);
    p.display_name = std::move(user->display_name);
    p.person_id = std::move(user->person_id);
    p.grants = repo::list_grants(c, user_id);
    return p;
}

std::optional<Authenticated> AccountsService::by_session(const std::string& secret, TimePoint now) {
    const std::string hash = sha256_hex(secret), now_text = format_timestamp(now);
    return m_db.read([&](Connection& c) -> std::optional<Authenticated> {
        auto s = repo::find_live_session(c, hash, now_text);
        if (!s) return std::nullopt;
        auto p = principal_for(c, s->user_id);
        if (!p) return std::nullopt;
        return Authenticated{std::move(*p), s->csrf_token};
    });
}

std::optional<Authenticated> AccountsService::by_token(const std::string& token, TimePoint now) {
    const std::string hash = sha256_hex(token), now_text = format_timestamp(now);
    return m_db.read([&](Connection& c) -> std::optional<Authenticated> {
        auto user_id = repo::find_live_token_user(c, hash, now_text);
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

}  // namespace

Result<std::vector<UserSummary>> AccountsService::list_users(const Context& ctx) {
    CIVIC_CHECK(require_administrator(ctx));
    return m_db.read([](Connection& c) {
        std::vector<UserSummary> out;
        for (auto& [id, user] : repo::list_users(c)) {
            user.grants = repo::list_grants(c, id);
            out.push_back(std::move(user));
        }
        return out;
    });
}

Result<std::vector<TokenSummary>> AccountsService::list_tokens(
    const Context& ctx, const std::optional<std::string>& username) {
    CIVIC_CHECK(require_administrator(ctx));
    const std::string who = username.value_or("");
    return m_db.read([&](Connection& c) { return repo::list_tokens(c, who); });
}

Result<TokenSummary> AccountsService::revoke_token(const Context& ctx,
                                                   const std::string& token_id) {
    CIVIC_CHECK(require_administrator(ctx));
    return m_db.write([&](Connection& c) -> Result<TokenSummary> {
        auto token = repo::find_token(c, token_id);
        if (!token) return std::unexpected(Error::not_found("There is no token with this id."));
        const std::string now = format_timestamp(ctx.now);
        if (token->expires_at && *token->expires_at <= now)
            return std::unexpected(
                Error::conflict("This token has already expired or been revoked."));
        repo::expire_token(c, token_id, now);
        store::record_audit(c, ctx, "api_token", token_id, "revoke", std::nullopt,
                            to_json(boost::json::object{{"expires_at", now}}));
        token->expires_at = now;
        return *token;
    });
}

bool AccountsService::no_users() {
    return m_db.read([](Connection& c) { return !repo::any_users(c); });
}

}  // namespace civic::accounts
