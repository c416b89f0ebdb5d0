// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/pages.hpp"

namespace civic::indicators {

void register_pages(http::Router&, IndicatorService&, org::OrgService&, kit::LinkService&,
                    http::PageRenderer&, const Clock&) {}

}  // namespace civic::indicators
