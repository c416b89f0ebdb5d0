// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Indicators under /api/v1: indicators, their values (every revision) and the entry workflow,
// their targets, the assessment of a period, the scorecard, data quality and reminders, and
// the CSV imports.

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/indicators/service.hpp"

namespace civic::indicators {

void register_api(http::Router& router, IndicatorService& service, const Clock& clock);

}  // namespace civic::indicators
