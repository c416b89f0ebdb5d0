// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/report_model.hpp"

#include <fmt/format.h>

#include "civic/modules/kit/record_json.hpp"

namespace civic::cases {
namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& items) {
    json::array out;
    for (const auto& s : items) out.emplace_back(s);
    return out;
}

// The nine sections of the Complaint Handling Code, as the Ombudsmen's aligned Codes number
// them and councils publish their self-assessments against them.
constexpr std::string_view k_code_sections[] = {
    "Definitions",
    "Exclusions",
    "Accessibility and awareness",
    "Complaint handling staff",
    "The complaint handling process",
    "Complaints stages",
    "Putting things right",
    "Self-assessment, reporting and compliance",
    "Scrutiny and oversight: continuous learning and improvement",
};

}  // namespace

json::object to_json(const IndicatorFeed& f) {
    json::object o{{"id", f.id},
                   {"indicator_id", f.indicator_id},
                   {"case_type_id", f.case_type_id},
                   {"stage", f.stage_key},
                   {"target", f.target_key},
                   {"measure", f.measure},
                   {"unit_id", kit::opt(f.unit_id)}};
    kit::stamp(o, f);
    return o;
}

json::object to_json(const FeedRun& r) {
    return {{"feed_id", r.feed_id},
            {"indicator_code", r.indicator_code},
            {"entered", strings(r.entered)},
            {"updated", strings(r.updated)},
            {"unchanged", strings(r.unchanged)},
            {"left_approved", strings(r.left_approved)},
            {"errors", strings(r.errors)}};
}

json::object to_json(const SelfAssessment& s) {
    return {{"id", s.id},
            {"year", s.year},
            {"body", s.body},
            {"governance_response", s.governance_response},
            {"version", s.version},
            {"created_at", s.created_at},
            {"updated_at", s.updated_at}};
}

std::string self_assessment_template(std::string_view year) {
    std::string out = fmt::format(
        "# Self-assessment against the Complaint Handling Code, {}\n\n"
        "For each section of the Code: whether the council complies (yes, partly or no), the "
        "evidence (the clause of the council's policy, a report, a procedure), and any "
        "commentary, including why a requirement is not met and what is being done.\n",
        year);
    int n = 0;
    for (auto section : k_code_sections)
        out +=
            fmt::format("\n## {}. {}\n\nComplies: \n\nEvidence: \n\nCommentary: \n", ++n, section);
    return out;
}

}  // namespace civic::cases
