// SPDX-License-Identifier: AGPL-3.0-or-later
// The case pages, for those signed in (casework is not public; a visitor who is not signed in
// is sent to sign in first): the caller's own cases and a unit's queue, sorted by the next due
// date with overdue and due-soon tags; a case's page with its clock, each due date with how it
// was counted, its requester and responses for those handling it (each such read audited),
// and its history; the intake form; and the forms that answer, stop or extend the clock,
// escalate, close and reopen a case. Every page works without JavaScript.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/org/service.hpp"

namespace civic::cases {

void register_pages(http::Router& router, CasesService& service, org::OrgService& org,
                    http::PageRenderer& pages, const Clock& clock);

}  // namespace civic::cases
