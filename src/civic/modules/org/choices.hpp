// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The register as the pages' forms offer it: the people the caller may see, by name, for a
// select. One place for what every module's forms ask (a lead officer, an owner, an officer
// for a case), so each lists the same people in the same order.

#include <string_view>

#include "civic/core/context.hpp"
#include "civic/modules/kit/fields.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::org {

// The live people the caller may see, of one kind ("officer", "councillor"; every kind when
// empty), as {id, name} in alphabetical order (kit::name_less). At most 10,000 are read.
kit::Choices people_choices(OrgService& org, const Context& ctx, std::string_view kind = {});

}  // namespace civic::org
