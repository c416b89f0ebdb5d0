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
// The routes of reviews, escalation, acceptance, the heat map and the movement report
// (api_reviews.cpp), which register_api adds.
void add_review_routes(http::Router& router, RisksService& service, const Clock& clock);
// A register's import (CSV) and exports (CSV and XLSX), in api_import.cpp.
void add_import_routes(http::Router& router, RisksService& service, const Clock& clock);

}  // namespace civic::risks
