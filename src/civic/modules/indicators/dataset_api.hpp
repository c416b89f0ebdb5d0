// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Benchmark datasets under /api/v1/datasets: the list, one dataset with its metrics, an
// import, and where an area stands (/api/v1/datasets/{name}/benchmark).

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/indicators/datasets.hpp"

namespace civic::indicators {

void register_dataset_api(http::Router& router, DatasetService& service, const Clock& clock);

}  // namespace civic::indicators
