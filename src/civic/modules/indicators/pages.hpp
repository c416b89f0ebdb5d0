// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The indicators pages: the list with its search, an indicator (definition, trend chart with
// its table, rating and why, benchmark position, revisions, linked plan items), the
// data-entry form, a scorecard per period, and data quality. Every page works without
// JavaScript.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::indicators {

void register_pages(http::Router& router, IndicatorService& service, org::OrgService& org,
                    kit::LinkService& links, http::PageRenderer& pages, const Clock& clock);

}  // namespace civic::indicators
