// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/link_api.hpp"

namespace civic::kit {

void register_link_api(http::Router&, LinkService&, const Clock&) {}

}  // namespace civic::kit
