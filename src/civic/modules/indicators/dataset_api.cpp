// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/dataset_api.hpp"

namespace civic::indicators {

void register_dataset_api(http::Router&, DatasetService&, const Clock&) {}

}  // namespace civic::indicators
