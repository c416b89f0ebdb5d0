// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The risk pages, for those signed in (risk registers are not public; a visitor who is not
// signed in is sent to sign in first): the registers as a tree with the reviews overdue and
// the acceptances to renew, a register's risks in the council's order or by score, a risk's
// page (its scores, movement, score history, controls, reviews, escalations and links), the
// review, acceptance and escalation forms, the heat map with its table, the movement report,
// the issues log, the scoring matrix and the home page's "Risk reviews due".
//
// /risks lists the registers; with likelihood and impact in its query (a heat map cell:
// /risks?likelihood=4&impact=5&view=current&register_id=…) it lists the risks on that cell
// instead. Every page works without JavaScript.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/risks/service.hpp"

namespace civic::risks {

void register_pages(http::Router& router, RisksService& service, org::OrgService& org,
                    http::PageRenderer& pages, const Clock& clock);

}  // namespace civic::risks
