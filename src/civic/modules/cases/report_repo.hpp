// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of casework's indicator feeds and annual self-assessments.

#include <optional>
#include <string>
#include <vector>

#include "civic/modules/cases/report_model.hpp"
#include "civic/modules/kit/table.hpp"
#include "civic/store/database.hpp"

namespace civic::cases::repo {

const kit::Table<IndicatorFeed>& indicator_feeds();
std::optional<IndicatorFeed> find_feed(store::Connection& c, const std::string& id);
bool update_feed(store::Connection& c, const IndicatorFeed& f, std::int64_t expected_version);
// Feeds, oldest first: live ones, or with the archived too; of one indicator when given.
std::vector<IndicatorFeed> list_feeds(store::Connection& c,
                                      const std::optional<std::string>& indicator_id,
                                      bool include_archived);

const kit::Table<SelfAssessment>& self_assessments();
std::optional<SelfAssessment> find_self_assessment(store::Connection& c, const std::string& id);
bool update_self_assessment(store::Connection& c, const SelfAssessment& s,
                            std::int64_t expected_version);
std::optional<SelfAssessment> self_assessment_for(store::Connection& c, const std::string& year);
// Every year's, the latest year first.
std::vector<SelfAssessment> list_self_assessments(store::Connection& c);

}  // namespace civic::cases::repo
