// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of local accounts: users and their roles, API tokens, sessions and the sign-in
// throttle. Each function runs on a connection inside the caller's read or write; "not
// found" is nullopt, failures throw store errors. Secrets never reach here, only their
// hashes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/principal.hpp"
#include "civic/modules/accounts/model.hpp"
#include "civic/store/database.hpp"

namespace civic::accounts::repo {

// Users.

// True when some user, disabled or not, has this username.
bool username_taken(store::Connection& c, const std::string& username);
// The id of the user with this username, disabled or not.
std::optional<std::string> find_user_id(store::Connection& c, const std::string& username);
// The id of the user with this username, unless they are disabled.
std::optional<std::string> find_enabled_user_id(store::Connection& c, const std::string& username);
// The user with this id, unless they are disabled.
std::optional<User> find_enabled_user(store::Connection& c, const std::string& user_id);

// What sign-in checks a password against.
struct Credentials {
    std::string user_id;
    std::string password_hash;
};
// The id and password hash of the user with this username, unless they are disabled.
std::optional<Credentials> find_credentials(store::Connection& c, const std::string& username);

// A new user, enabled, at version 1.
void insert_user(store::Connection& c, const User& u, const std::string& password_hash,
                 const std::string& created_at);
// True when the database has at least one user.
bool any_users(store::Connection& c);

// A user as listed, with the id their roles are found by.
struct ListedUser {
    std::string id;
    UserSummary summary;  // without grants: list_grants reads them
};
// Every user, by username.
std::vector<ListedUser> list_users(store::Connection& c);

// Roles.

// True when there is a unit with this id, archived or not.
bool unit_exists(store::Connection& c, const std::string& unit_id);
// A live person in the register.
bool person_exists(store::Connection& c, const std::string& person_id);
// Links a user to the person they are in the register (or unlinks, with nullopt).
void set_person(store::Connection& c, const std::string& user_id,
                const std::optional<std::string>& person_id, const std::string& updated_at);
void insert_grant(store::Connection& c, const std::string& id, const std::string& user_id,
                  Role role, const std::optional<std::string>& unit_id,
                  const std::string& created_at);
// A user's roles, in the order they were granted; a role Civic no longer knows is left out.
std::vector<RoleGrant> list_grants(store::Connection& c, const std::string& user_id);

// API tokens.

void insert_token(store::Connection& c, const std::string& id, const std::string& token_hash,
                  const std::string& user_id, const std::string& name,
                  const std::string& created_at);
// The user a token with this hash belongs to, when it has not expired by now.
std::optional<std::string> find_live_token_user(store::Connection& c, const std::string& token_hash,
                                                const std::string& now);
std::optional<TokenSummary> find_token(store::Connection& c, const std::string& token_id);
// Every token, newest first; only one user's when username is not empty.
std::vector<TokenSummary> list_tokens(store::Connection& c, const std::string& username);
// Sets a token's expiry.
void expire_token(store::Connection& c, const std::string& token_id, const std::string& at);

// Sessions.

// A session's user and CSRF token.
struct StoredSession {
    std::string user_id;
    std::string csrf_token;
};
void insert_session(store::Connection& c, const std::string& id_hash, const std::string& user_id,
                    const std::string& csrf_token, const std::string& created_at,
                    const std::string& expires_at);
// The session with this hash, when it has not expired by now.
std::optional<StoredSession> find_live_session(store::Connection& c, const std::string& id_hash,
                                               const std::string& now);
void delete_session(store::Connection& c, const std::string& id_hash);
// Deletes every session that has expired by now.
void delete_expired_sessions(store::Connection& c, const std::string& now);

// The sign-in throttle, keyed by the lower-cased username.

// The wrong passwords counted in a window that opened after window_opened_after; 0 if none.
std::int64_t recent_failures(store::Connection& c, const std::string& key,
                             const std::string& window_opened_after);
// Counts a wrong password: a new window from now when the last one opened before
// window_opened_after, else one more in it.
void count_failure(store::Connection& c, const std::string& key, const std::string& now,
                   const std::string& window_opened_after);
// Forgets the wrong passwords counted for a key.
void clear_failures(store::Connection& c, const std::string& key);

}  // namespace civic::accounts::repo
