// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Benchmark datasets as JSON: what the API answers and what the audit trail keeps.

#include <boost/json/object.hpp>

#include "civic/modules/indicators/datasets.hpp"

namespace civic::indicators {

boost::json::object to_json(const Dataset& d);
boost::json::object to_json(const DatasetService::Metric& m);
boost::json::object to_json(const DatasetSummary& s);
// The figures as /api/v1/datasets/{name}/benchmark answers them: polarity, quartile, rank and
// mads_from_median are null when they cannot be worked out (polarity "" is null), and the
// group's figures are there only when a group was asked for. An assessment's benchmark is shown the
// same way.
boost::json::object position_json(const Position& p);

}  // namespace civic::indicators
