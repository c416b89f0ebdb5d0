// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/scope.hpp"

#include <fmt/format.h>

#include <string>

namespace civic::kit {

bool covers(const Principal& p, std::string_view path, Access access) {
    for (const auto& g : p.grants) {
        if (access == Access::Write && g.role == Role::Viewer) continue;
        if (g.role == Role::Administrator || !g.unit_id) return true;
        if (!path.empty() && path.find("/" + *g.unit_id + "/") != std::string_view::npos)
            return true;
    }
    return false;
}

bool works_within(const Principal& p, std::string_view path) {
    if (path.empty()) return false;
    for (const auto& g : p.grants)
        if (!g.unit_path.empty() && g.unit_path.starts_with(path)) return true;
    return false;
}

Result<void> require_signed_in(const Context& ctx) {
    if (!ctx.principal.signed_in()) return std::unexpected(Error::unauthorized());
    return ok();
}

Result<void> require_administrator(const Context& ctx, std::string_view what) {
    CIVIC_CHECK(require_signed_in(ctx));
    if (!ctx.principal.is_administrator())
        return std::unexpected(
            Error::forbidden(fmt::format("Only an administrator may change {}.", what)));
    return ok();
}

}  // namespace civic::kit
