// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/api.hpp"

namespace civic::indicators {

void register_api(http::Router&, IndicatorService&, const Clock&) {}

}  // namespace civic::indicators
