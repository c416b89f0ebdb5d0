// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The governance pages: bodies and their members, the meeting calendar, a meeting's page
// (agenda, attendance, minutes, decisions, actions, documents), the clerk's forms (arrange a
// meeting, build its agenda, publish it, take attendance, write and approve the minutes), the
// action log, the decisions register and the forward plan. Every page works without
// JavaScript.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::governance {

void register_pages(http::Router& router, GovernanceService& service, org::OrgService& org,
                    kit::LinkService& links, http::PageRenderer& pages, const Clock& clock);

}  // namespace civic::governance
