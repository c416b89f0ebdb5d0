// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Indicators' answers as JSON: an assessment with its rating, directions and benchmark, the
// scorecard, data quality, reminders, a deadline and an import's summary.

#include <boost/json/object.hpp>

#include "civic/modules/indicators/datasets.hpp"
#include "civic/modules/indicators/rating.hpp"
#include "civic/modules/indicators/service.hpp"

namespace civic::indicators {

boost::json::object to_json(const Rating& r);
boost::json::object to_json(const Direction& d);
boost::json::object to_json(const Aggregate& a);
boost::json::object to_json(const Assessment& a);
boost::json::object to_json(const Scorecard& s);
boost::json::object to_json(const LateValue& v);
boost::json::object to_json(const DataQuality& d);
boost::json::object to_json(const Reminder& r);
boost::json::object to_json(const ExplainedDeadline& d);
boost::json::object to_json(const ImportSummary& s);

}  // namespace civic::indicators
