// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The scope rule every module's writes and reads follow. Every record belongs to a unit, and
// a unit's place in the tree is its path ("/root/…/id/"); a role covers one unit's subtree or
// the whole council.
//
// A write may only name records the caller may see and, where the write changes them, write.
// A named record that does not exist, is archived, or lies outside the caller's scope is
// answered the same way, so a write cannot learn what its caller may not see.

#include <optional>
#include <string_view>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"

namespace civic::kit {

enum class Access { Read, Write };

// True when one of the caller's grants covers a unit path ("" covers only council-wide
// grants). Viewers read; editors and administrators read and write.
bool covers(const Principal& p, std::string_view path, Access access);

// True when one of the caller's grants, of any role, is for the unit at `path` or a unit below
// it: the caller works within that unit. A module lets such callers read what a unit keeps for
// everyone beneath it (the corporate risk register, which directorates escalate to).
bool works_within(const Principal& p, std::string_view path);

// 401 for an anonymous caller.
Result<void> require_signed_in(const Context& ctx);
// 401 for an anonymous caller, 403 "Only an administrator may change {what}." for anyone
// else who is not an administrator: for what is the council's, not a unit's.
Result<void> require_administrator(const Context& ctx, std::string_view what);

// A record a write names, as the write may use it: the record when it exists, is live and
// `may_use` says the caller may use it; nullopt otherwise, alike for every reason.
template <typename Record, typename MayUse>
std::optional<Record> named_record(std::optional<Record> found, MayUse&& may_use) {
    if (!found || found->archived_at || !may_use(*found)) return std::nullopt;
    return found;
}

}  // namespace civic::kit
