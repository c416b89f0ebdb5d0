// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/complaints_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "civic/core/csv.hpp"
#include "civic/modules/kit/record_json.hpp"

namespace civic::cases {
namespace json = boost::json;

namespace {

// One stage of every complaint type together: stage 1 of each, then stage 2 of each.
struct StageSummary {
    std::string name;
    std::int64_t reached = 0, closed = 0, extensions = 0, extension_days = 0;
    std::vector<std::pair<std::string, std::int64_t>> outcomes;
    std::vector<TargetStats> targets;  // by key, as the first type labels them

    // Upheld or partly upheld, of the complaints decided (withdrawn ones were not).
    Ratio upheld() const {
        Ratio r;
        for (const auto& [name, n] : outcomes) {
            if (name == "withdrawn") continue;
            r.denominator += n;
            if (name == "upheld" || name == "partly upheld") r.numerator += n;
        }
        return r;
    }
    // The stage's last target: its response.
    Ratio answered_on_time() const { return targets.empty() ? Ratio{} : targets.back().on_time(); }
};

void add_outcomes(std::vector<std::pair<std::string, std::int64_t>>& to,
                  const std::vector<std::pair<std::string, std::int64_t>>& from) {
    for (const auto& [name, n] : from) {
        auto it =
            std::find_if(to.begin(), to.end(), [&](const auto& o) { return o.first == name; });
        if (it == to.end())
            to.emplace_back(name, n);
        else
            it->second += n;
    }
}

std::vector<StageSummary> stages_of(const CaseStatistics& s) {
    std::vector<StageSummary> out;
    for (const auto& t : s.types)
        for (std::size_t i = 0; i < t.stages.size(); ++i) {
            const StageStats& stage = t.stages[i];
            if (out.size() <= i) out.push_back(StageSummary{stage.name});
            StageSummary& sum = out[i];
            sum.reached += stage.reached;
            sum.closed += stage.closed;
            add_outcomes(sum.outcomes, stage.outcomes);
            for (const auto& target : stage.targets) {
                sum.extensions += target.extensions;
                sum.extension_days += target.extension_days;
                auto it = std::find_if(sum.targets.begin(), sum.targets.end(),
                                       [&](const TargetStats& x) { return x.key == target.key; });
                if (it == sum.targets.end()) {
                    sum.targets.push_back(target);
                    continue;
                }
                it->met_on_time += target.met_on_time;
                it->met_late += target.met_late;
                it->overdue += target.overdue;
                it->not_yet_due += target.not_yet_due;
                it->lapsed += target.lapsed;
                it->extensions += target.extensions;
                it->extension_days += target.extension_days;
            }
        }
    return out;
}

RemedyStats remedies_of(const CaseStatistics& s) {
    RemedyStats r;
    for (const auto& t : s.types) {
        r.due += t.remedies.due;
        r.complied_on_time += t.remedies.complied_on_time;
        r.complied_late += t.remedies.complied_late;
        r.not_complied += t.remedies.not_complied;
        r.not_yet_due += t.remedies.not_yet_due;
    }
    return r;
}

json::array types_json(const CaseStatistics& s) {
    json::array out;
    for (const auto& t : s.types)
        out.push_back(
            json::object{{"id", t.type.id}, {"code", t.type.code}, {"name", t.type.name}});
    return out;
}

std::string percent_text(const Ratio& r) {
    const auto p = r.percent();
    return p ? fmt::format("{:.1f}", std::round(*p * 10) / 10) : "";
}

}  // namespace

json::object to_json(const ComplaintsReport& r) {
    const auto& s = r.complaints;
    const auto stages = stages_of(s);
    json::array stage_rows;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const auto& st = stages[i];
        json::array targets;
        for (const auto& t : st.targets) targets.push_back(to_json(t));
        stage_rows.push_back(json::object{
            {"number", static_cast<std::int64_t>(i + 1)},
            {"name", st.name},
            {"received", st.reached},
            {"closed", st.closed},
            {"outcomes", outcomes_json(st.outcomes)},
            {"upheld", to_json(st.upheld())},
            {"answered_on_time", to_json(st.answered_on_time())},
            {"extensions", json::object{{"count", st.extensions}, {"days", st.extension_days}}},
            {"targets", std::move(targets)}});
    }
    const std::int64_t first = stages.empty() ? 0 : stages[0].reached;
    const std::int64_t second = stages.size() < 2 ? 0 : stages[1].reached;
    json::object complaints{{"case_types", types_json(s)},
                            {"received", s.received},
                            {"closed", s.closed},
                            {"escalated", second},
                            {"escalation_rate", to_json(Ratio{second, first})},
                            {"stages", std::move(stage_rows)},
                            {"remedies", to_json(remedies_of(s))}};
    auto ombudsman = to_json(r.ombudsman.ombudsman);
    ombudsman["case_types"] = types_json(r.ombudsman);
    json::array lessons;
    for (const auto& l : r.lessons)
        lessons.push_back(json::object{{"case_id", l.case_id},
                                       {"reference", l.reference},
                                       {"subject", l.subject},
                                       {"case_type", l.type_code},
                                       {"stage", l.stage_name},
                                       {"closed_on", l.closed_on},
                                       {"outcome", l.outcome},
                                       {"lessons", l.lessons}});
    json::object out{
        {"year", s.period},
        {"from", format_iso_date(s.from)},
        {"to", format_iso_date(s.to)},
        {"as_of", format_iso_date(s.as_of)},
        {"complaints", std::move(complaints)},
        {"ombudsman", std::move(ombudsman)},
        {"lessons", std::move(lessons)},
        {"self_assessment",
         r.self_assessment ? json::value(to_json(*r.self_assessment)) : json::value(nullptr)}};
    if (!r.self_assessment) out["self_assessment_template"] = self_assessment_template(s.period);
    return out;
}

std::string to_csv(const ComplaintsReport& r) {
    const auto& s = r.complaints;
    std::string out = "part,measure,value,of,percent\n";
    const auto line = [&](std::string_view part, std::string_view measure, std::int64_t value,
                          std::optional<std::int64_t> of = std::nullopt) {
        append_csv_field(out, spreadsheet_safe(part));
        out += ',';
        append_csv_field(out, spreadsheet_safe(measure));
        out += fmt::format(",{},{},{}\n", value, of ? fmt::format("{}", *of) : "",
                           of ? percent_text(Ratio{value, *of}) : "");
    };
    const auto rate = [&](std::string_view part, std::string_view measure, const Ratio& ratio) {
        line(part, measure, ratio.numerator, ratio.denominator);
    };
    const std::string year = "Complaints " + s.period;
    line(year, "Received", s.received);
    line(year, "Closed", s.closed);
    const auto stages = stages_of(s);
    for (const auto& st : stages) {
        line(st.name, "Received", st.reached);
        line(st.name, "Closed", st.closed);
        for (const auto& [name, n] : st.outcomes) line(st.name, "Outcome: " + name, n);
        rate(st.name, "Upheld or partly upheld, of those decided", st.upheld());
        for (const auto& t : st.targets) rate(st.name, t.label + " on time", t.on_time());
        line(st.name, "Extensions", st.extensions);
        line(st.name, "Working days of extensions", st.extension_days);
    }
    if (stages.size() >= 2)
        rate(year, "Escalated to " + stages[1].name, Ratio{stages[1].reached, stages[0].reached});
    const auto remedies = remedies_of(s);
    rate(year, "Remedies complied with on time", remedies.compliance());
    const auto& o = r.ombudsman.ombudsman;
    const std::string omb = "Ombudsman " + s.period;
    line(omb, "Enquiries received", o.enquiries);
    line(omb, "Decisions", o.decisions);
    line(omb, "Upheld", o.upheld);
    line(omb, "Maladministration found", o.maladministration);
    line(omb, "Injustice found", o.injustice);
    line(omb, "Local settlements", o.local_settlements);
    line(omb, "Remedies agreed", o.remedies_agreed);
    line(omb, "Not upheld", o.not_upheld);
    line(omb, "Closed after initial enquiries", o.closed_after_initial_enquiries);
    rate(omb, "Remedies complied with on time", o.remedies.compliance());
    line(omb, "Remedies complied with late", o.remedies.complied_late);
    line(omb, "Remedies not complied with", o.remedies.not_complied);
    line(year, "Cases closed with lessons learned", static_cast<std::int64_t>(r.lessons.size()));
    return out;
}

}  // namespace civic::cases
