// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Who is asking: the signed-in user and the roles they hold, each scoped to a unit subtree.
// Services decide what a principal may do; the API and the pages only pass it along.

#include <optional>
#include <string>
#include <vector>

namespace civic {

enum class Role { Administrator, Editor, Viewer };

struct RoleGrant {
    Role role = Role::Viewer;
    std::optional<std::string> unit_id;  // nullopt: the whole council
    std::string unit_path;               // that unit's place in the tree ("/…/id/"), when read
};

struct Principal {
    std::string user_id;  // empty for an anonymous visitor
    std::string username;
    std::string display_name;
    std::vector<RoleGrant> grants;
    // The person in the organisation register this user is, when an administrator has said.
    std::optional<std::string> person_id;

    bool signed_in() const { return !user_id.empty(); }
    bool is_administrator() const {
        for (const auto& g : grants)
            if (g.role == Role::Administrator) return true;
        return false;
    }
    // The name written into the audit trail.
    std::string actor() const { return signed_in() ? username : std::string("anonymous"); }

    static Principal anonymous() { return {}; }
};

std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view text);

}  // namespace civic
