// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The links table under /api/v1/links: list (from or to one record), create, read, archive.

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/kit/links.hpp"

namespace civic::kit {

void register_link_api(http::Router& router, LinkService& links, const Clock& clock);

}  // namespace civic::kit
