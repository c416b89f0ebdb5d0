// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The plain data of local accounts: users, their roles, API tokens and sessions, as the
// service takes and returns them and as the repository reads them.

#include <optional>
#include <string>
#include <vector>

#include "civic/core/principal.hpp"

namespace civic::accounts {

struct NewUser {
    std::string username;
    std::string display_name;
    std::string password;
    Role role = Role::Viewer;
    std::optional<std::string> unit_id;    // the subtree the role covers; none: the whole council
    std::optional<std::string> person_id;  // the person in the register this user is
};

struct User {
    std::string id;
    std::string username;
    std::string display_name;
    std::optional<std::string> person_id;
};

// A user as an administrator lists them.
struct UserSummary {
    std::string username;
    std::string display_name;
    bool disabled = false;
    std::vector<RoleGrant> grants;
};

// An API token as listed: never its secret, which only its holder has.
struct TokenSummary {
    std::string id;
    std::string username;
    std::string name;
    std::string created_at;
    std::optional<std::string> expires_at;
};

struct Session {
    std::string secret;  // goes in the cookie; only its hash is stored
    std::string csrf_token;
};

struct Authenticated {
    Principal principal;
    std::string csrf_token;  // sessions only
};

}  // namespace civic::accounts
