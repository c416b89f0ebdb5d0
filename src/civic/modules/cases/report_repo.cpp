// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/report_repo.hpp"

namespace civic::cases::repo {
using store::Connection;

const kit::Table<IndicatorFeed>& indicator_feeds() {
    // A feed's scope is its indicator's unit, read through the indicators module: no path.
    static const kit::Table<IndicatorFeed> t{"case_indicator_feeds",
                                             "f",
                                             "",
                                             nullptr,
                                             {{"id", &IndicatorFeed::id},
                                              {"indicator_id", &IndicatorFeed::indicator_id},
                                              {"case_type_id", &IndicatorFeed::case_type_id},
                                              {"stage_key", &IndicatorFeed::stage_key},
                                              {"target_key", &IndicatorFeed::target_key},
                                              {"measure", &IndicatorFeed::measure},
                                              {"unit_id", &IndicatorFeed::unit_id},
                                              {"archived_at", &IndicatorFeed::archived_at},
                                              {"version", &IndicatorFeed::version},
                                              {"created_at", &IndicatorFeed::created_at},
                                              {"updated_at", &IndicatorFeed::updated_at}}};
    return t;
}

std::optional<IndicatorFeed> find_feed(Connection& c, const std::string& id) {
    return indicator_feeds().find(c, id);
}

bool update_feed(Connection& c, const IndicatorFeed& f, std::int64_t expected_version) {
    return indicator_feeds().update(c, f, expected_version);
}

std::vector<IndicatorFeed> list_feeds(Connection& c, const std::optional<std::string>& indicator_id,
                                      bool include_archived) {
    std::string where = include_archived ? "1 = 1" : "f.archived_at IS NULL";
    std::vector<store::Value> params;
    if (indicator_id) {
        where += " AND f.indicator_id = ?";
        params.emplace_back(std::string_view(*indicator_id));
    }
    where += " ORDER BY f.id";
    return indicator_feeds().where(c, where, params);
}

const kit::Table<SelfAssessment>& self_assessments() {
    // The council's, not a unit's: no path.
    static const kit::Table<SelfAssessment> t{
        "case_self_assessments",
        "s",
        "",
        nullptr,
        {{"id", &SelfAssessment::id},
         {"year", &SelfAssessment::year},
         {"body", &SelfAssessment::body},
         {"governance_response", &SelfAssessment::governance_response},
         {"version", &SelfAssessment::version},
         {"created_at", &SelfAssessment::created_at},
         {"updated_at", &SelfAssessment::updated_at}}};
    return t;
}

std::optional<SelfAssessment> find_self_assessment(Connection& c, const std::string& id) {
    return self_assessments().find(c, id);
}

bool update_self_assessment(Connection& c, const SelfAssessment& s, std::int64_t expected_version) {
    return self_assessments().update(c, s, expected_version);
}

std::optional<SelfAssessment> self_assessment_for(Connection& c, const std::string& year) {
    auto found = self_assessments().where(c, "s.year = ?", {std::string_view(year)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::vector<SelfAssessment> list_self_assessments(Connection& c) {
    return self_assessments().where(c, "1 = 1 ORDER BY s.year DESC", {});
}

}  // namespace civic::cases::repo
