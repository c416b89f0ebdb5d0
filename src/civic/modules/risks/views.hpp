// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The JSON of what the risks service's reads answer: a risk with its bands, appetite,
// acceptance and owner; a register with its counts; a risk with everything about it; what a
// change of the matrix would do.

#include <boost/json/object.hpp>

#include "civic/modules/risks/service.hpp"

namespace civic::risks {

boost::json::object to_json(const ScoreView& s);
boost::json::object to_json(const AcceptanceView& a);
boost::json::object to_json(const RiskView& v);
boost::json::object to_json(const RegisterView& v);
boost::json::object to_json(const HistoryPoint& p);
boost::json::object to_json(const RiskDetail& d);
boost::json::object to_json(const MatrixPreview& p);

}  // namespace civic::risks
