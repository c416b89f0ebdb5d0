// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The organisation register's JSON API under /api/v1: units, people, posts, memberships and
// the Popolo export. Handlers parse, call the service, and answer.

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::org {

void register_api(http::Router& router, OrgService& service, const Clock& clock);

}  // namespace civic::org
