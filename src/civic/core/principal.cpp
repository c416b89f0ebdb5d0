// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/principal.hpp"

namespace civic {

std::string_view role_name(Role r) {
    switch (r) {
        case Role::Administrator:
            return "administrator";
        case Role::Editor:
            return "editor";
        case Role::Viewer:
            return "viewer";
    }
    return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "administrator") return Role::Administrator;
    if (text == "editor") return Role::Editor;
    if (text == "viewer") return Role::Viewer;
    return std::nullopt;
}

}  // namespace civic
