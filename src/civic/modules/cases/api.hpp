// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The cases module's JSON API under /api/v1. So far the case types:
//
//   /api/v1/case-types        list (include_archived) and create (administrators);
//                             /{id}: read, change and archive (administrators)

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/cases/service.hpp"

namespace civic::cases {

void register_api(http::Router& router, CasesService& service, const Clock& clock);

}  // namespace civic::cases
