// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The annual complaints performance and service improvement report (Complaint Handling Code
// 8.1) as the API gives it: the complaint types' figures stage by stage (stage 1 of every
// complaint type together, then stage 2), their outcomes and on-time rates, the Ombudsman's
// findings and the compliance with its remedies, the lessons learned, and the self-assessment
// (or, until there is one, the template it starts from). As JSON, and as CSV for a
// spreadsheet: one figure a line.

#include <boost/json/object.hpp>
#include <string>

#include "civic/modules/cases/service.hpp"

namespace civic::cases {

boost::json::object to_json(const ComplaintsReport& r);

// part,measure,value,of,percent: a count has a value; a rate its numerator, denominator and
// percentage.
std::string to_csv(const ComplaintsReport& r);

}  // namespace civic::cases
