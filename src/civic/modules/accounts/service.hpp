// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Local accounts: argon2id password hashes, sessions kept in the database (so any server
// can serve any user), bearer tokens for scripts (stored as hashes), and roles scoped to
// units (administrator; editor of a unit subtree; viewer).

#include <optional>
#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/accounts/model.hpp"
#include "civic/store/database.hpp"

namespace civic::accounts {

class AccountsService {
public:
    explicit AccountsService(store::Database& db) : m_db(db) {}

    // Adds a user with one role. Only administrators (or the command line) may.
    Result<User> add_user(const Context& ctx, const NewUser& in);
    // Grants another role to an existing user.
    Result<void> grant(const Context& ctx, const std::string& username, Role role,
                       const std::optional<std::string>& unit_id);
    // Links a user to the person they are in the register, or unlinks them (nullopt).
    // Administrators only.
    Result<void> link_person(const Context& ctx, const std::string& username,
                             const std::optional<std::string>& person_id);
    // Makes a bearer token for a user; returns the secret, shown once.
    Result<std::string> create_token(const Context& ctx, const std::string& username,
                                     const std::string& name);
    // Administrators only: every user with their roles, by username.
    Result<std::vector<UserSummary>> list_users(const Context& ctx);
    // Administrators only: every token, newest first (of one user, when username is given).
    Result<std::vector<TokenSummary>> list_tokens(const Context& ctx,
                                                  const std::optional<std::string>& username);
    // Administrators only: ends a token now. The row stays, expired, for the audit trail.
    Result<TokenSummary> revoke_token(const Context& ctx, const std::string& token_id);
    // Checks a username and password; starts a session.
    Result<Session> sign_in(const Context& ctx, const std::string& username,
                            const std::string& password);
    void sign_out(const Context& ctx, const std::string& session_secret);

    std::optional<Authenticated> by_session(const std::string& session_secret, TimePoint now);
    std::optional<Authenticated> by_token(const std::string& token, TimePoint now);

    // True when the database has no users yet.
    bool no_users();

private:
    std::optional<Principal> principal_for(store::Connection& c, const std::string& user_id);
    store::Database& m_db;
};

// argon2id, with the OWASP-recommended cost (19 MiB, 2 passes).
std::string hash_password(const std::string& password);
bool verify_password(const std::string& encoded, const std::string& password);

// The session cookie's name.
inline constexpr std::string_view k_session_cookie = "civic_session";

}  // namespace civic::accounts
