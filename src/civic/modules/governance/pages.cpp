// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/pages.hpp"

namespace civic::governance {

void register_pages(http::Router& router, GovernanceService& service, org::OrgService& org,
                    kit::LinkService& links, http::PageRenderer& pages, const Clock& clock) {
    (void)router;
    (void)service;
    (void)org;
    (void)links;
    (void)pages;
    (void)clock;
}

}  // namespace civic::governance
