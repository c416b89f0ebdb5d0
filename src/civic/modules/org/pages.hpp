// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The organisation register's web pages: the unit tree, a unit, a person, and the forms to
// create and edit them. They call the same service functions as the API.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::org {

void register_pages(http::Router& router, OrgService& service, http::PageRenderer& pages,
                    const Clock& clock);

}  // namespace civic::org
