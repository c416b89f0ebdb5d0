// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Risks' JSON API under /api/v1: the scoring matrix and its preview, the risk appetite,
// registers, risks (with merge and reordering) and the issues log. The routes of risks
// themselves are in api_risks.cpp.

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/risks/service.hpp"

namespace civic::risks {

void register_api(http::Router& router, RisksService& service, const Clock& clock);

// The routes of risks, which register_api adds.
void add_risk_routes(http::Router& router, RisksService& service, const Clock& clock);

}  // namespace civic::risks
