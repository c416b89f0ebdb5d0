// SPDX-License-Identifier: AGPL-3.0-or-later
// Casework's statistics for a period, from clocks written out by hand (so what is tested is
// the counting, not the clock): a target counts in the period its due date falls in; met on
// time, late, overdue while its stage ran, lapsed when the stage ended first, not yet due;
// stages reached; closures counted once a stage with the last outcome; extensions and stops;
// the Ombudsman's findings and the compliance with its remedies.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "civic/core/json.hpp"
#include "civic/modules/cases/rules.hpp"
#include "civic/modules/cases/stats.hpp"

namespace civic::cases {
namespace {

Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(Date{});
}

const Date k_today = iso("2026-12-01");

CaseType type_of(const char* id, const char* code, const char* kind, const ClockRules& rules) {
    CaseType t;
    t.id = id;
    t.code = code;
    t.name = code;
    t.kind = kind;
    t.stages_json = civic::to_json(rules_json(rules));
    return t;
}

const ClockRules k_complaint_rules{{
    {"stage1",
     "Stage 1",
     {{"acknowledgement", "Acknowledgement", 5, "", 0},
      {"response", "Stage 1 response", 10, "acknowledgement", 10}}},
    {"stage2",
     "Stage 2",
     {{"acknowledgement", "Acknowledgement", 5, "", 0},
      {"response", "Final response", 20, "acknowledgement", 20}}},
}};
const ClockRules k_foi_rules{{{"response", "Response", {{"response", "Response", 20, "", 20}}}}};
const ClockRules k_ombudsman_rules{{{"enquiry", "Enquiry", {{"reply", "Reply", 20, "", 0}}}}};

const CaseType k_complaint = type_of("t-cmp", "CMP", "complaint", k_complaint_rules);
const CaseType k_foi = type_of("t-foi", "FOI", "foi", k_foi_rules);
const CaseType k_ombudsman = type_of("t-omb", "OMB", "ombudsman", k_ombudsman_rules);

TargetState target(const char* key, const char* due, const char* met = nullptr) {
    TargetState t;
    t.key = key;
    t.due = iso(due);
    if (met) t.met_on = iso(met);
    return t;
}

CaseEvent event(const char* kind, const char* on, const char* stage, const char* target = "",
                std::int64_t days = 0, const char* reason = "") {
    CaseEvent e;
    e.kind = kind;
    e.on_date = on;
    e.stage_key = stage;
    e.target_key = target;
    e.days = days;
    e.reason = reason;
    return e;
}

// An FOI request received on `received` whose response was due on `due` (met on `met`).
CaseFacts foi(const char* received, const char* due, const char* met = nullptr,
              const char* closed = nullptr) {
    CaseFacts k;
    k.case_type_id = k_foi.id;
    k.status = closed ? "closed" : "open";
    k.received_on = iso(received);
    if (closed) k.closed_on = iso(closed);
    k.clock.stages.push_back(
        {"response", "Response", iso(received), {target("response", due, met)}});
    return k;
}

Period period(const char* text) { return *parse_period(text); }

const TargetStats& foi_response(const CaseStatistics& s) {
    return s.types.at(0).stages.at(0).targets.at(0);
}

TEST(CaseStatistics, counts_a_target_in_the_period_its_due_date_falls_in) {
    const std::vector<CaseFacts> cases{
        foi("2025-04-01", "2025-05-01", "2025-04-30"),           // on time
        foi("2025-04-01", "2025-05-01", "2025-05-01"),           // on time: on the day
        foi("2025-04-02", "2025-05-02", "2025-05-06"),           // late
        foi("2025-05-30", "2025-06-30"),                         // overdue: never answered
        foi("2025-05-29", "2025-06-27", nullptr, "2025-06-10"),  // closed before it was due
        foi("2025-06-02", "2025-07-01", "2025-06-20"),           // due in Q2: not counted
        foi("2025-03-03", "2025-04-01", "2025-04-01"),           // received in Q4, due in Q1
    };
    const auto s = case_statistics({k_foi}, cases, period("2025/26 Q1"), k_today);
    EXPECT_EQ(s.period, "2025/26 Q1");
    EXPECT_EQ(s.received, 6);
    const auto& t = foi_response(s);
    EXPECT_EQ(t.met_on_time, 3);
    EXPECT_EQ(t.met_late, 1);
    EXPECT_EQ(t.overdue, 1);
    EXPECT_EQ(t.lapsed, 1);
    EXPECT_EQ(t.not_yet_due, 0);
    EXPECT_EQ(t.on_time().numerator, 3);
    EXPECT_EQ(t.on_time().denominator, 5);
    EXPECT_DOUBLE_EQ(*t.on_time().percent(), 60.0);
    // The year holds every quarter's.
    const auto year = case_statistics({k_foi}, cases, period("2025/26"), k_today);
    EXPECT_EQ(foi_response(year).on_time().numerator, 4);
    EXPECT_EQ(foi_response(year).on_time().denominator, 6);
}

TEST(CaseStatistics, counts_a_target_due_today_or_later_as_not_yet_due) {
    const std::vector<CaseFacts> cases{foi("2026-11-02", "2026-12-01"),
                                       foi("2026-11-03", "2026-12-02"),
                                       foi("2026-11-04", "2026-12-03", "2026-11-30")};
    const auto s = case_statistics({k_foi}, cases, period("Dec 2026"), k_today);
    const auto& t = foi_response(s);
    EXPECT_EQ(t.not_yet_due, 2);
    EXPECT_EQ(t.met_on_time, 1);
    EXPECT_EQ(t.on_time().denominator, 1);
    EXPECT_EQ(s.received, 0);
}

TEST(CaseStatistics, leaves_out_a_stopped_target_which_has_no_due_date) {
    auto k = foi("2025-04-01", "2025-05-01");
    k.clock.stages[0].targets[0].due.reset();
    k.clock.stages[0].targets[0].stopped = true;
    k.events.push_back(event("stopped", "2025-04-10", "response"));
    k.events.back().ends_disregarded = true;
    const auto s = case_statistics({k_foi}, {k}, period("2025/26 Q1"), k_today);
    EXPECT_EQ(foi_response(s).on_time().denominator, 0);
    EXPECT_FALSE(foi_response(s).on_time().percent().has_value());
    EXPECT_EQ(s.types[0].stops, 1);
    EXPECT_EQ(s.types[0].fee_notices, 1);
    EXPECT_EQ(s.types[0].stages[0].stops, 1);
}

// A complaint answered late at stage 1 (extended by 10 days), escalated, and closed at stage 2.
CaseFacts complaint() {
    CaseFacts k;
    k.case_type_id = k_complaint.id;
    k.status = "closed";
    k.received_on = iso("2025-04-07");
    k.closed_on = iso("2025-06-20");
    k.clock.stages.push_back({"stage1",
                              "Stage 1",
                              iso("2025-04-07"),
                              {target("acknowledgement", "2025-04-14", "2025-04-09"),
                               target("response", "2025-05-08", "2025-05-12")}});
    // Stage 2: acknowledged late; its final response, due in Q2, never sent before closure.
    k.clock.stages.push_back({"stage2",
                              "Stage 2",
                              iso("2025-05-19"),
                              {target("acknowledgement", "2025-05-27", "2025-05-28"),
                               target("response", "2025-07-16")}});
    k.events = {event("met", "2025-04-09", "stage1", "acknowledgement"),
                event("extended", "2025-04-20", "stage1", "response", 10),
                event("met", "2025-05-12", "stage1", "response"),
                event("closed", "2025-05-12", "stage1", "", 0, "not upheld"),
                event("escalated", "2025-05-19", "stage2"),
                event("met", "2025-05-28", "stage2", "acknowledgement"),
                event("closed", "2025-06-01", "stage2", "", 0, "upheld"),
                event("reopened", "2025-06-05", "stage2"),
                event("closed", "2025-06-20", "stage2", "", 0, "partly upheld")};
    return k;
}

TEST(CaseStatistics, counts_stages_reached_closures_outcomes_and_extensions) {
    const auto s = case_statistics({k_complaint}, {complaint()}, period("2025/26 Q1"), k_today);
    const auto& t = s.types.at(0);
    EXPECT_EQ(t.received, 1);
    EXPECT_EQ(t.closed, 1);
    EXPECT_EQ(t.extensions, 1);
    EXPECT_EQ(t.extension_days, 10);
    ASSERT_EQ(t.stages.size(), 2u);
    const auto& one = t.stages[0];
    const auto& two = t.stages[1];
    EXPECT_EQ(one.reached, 1);
    EXPECT_EQ(two.reached, 1);
    EXPECT_EQ(one.closed, 1);
    EXPECT_EQ(two.closed, 1);
    EXPECT_EQ(one.targets[0].met_on_time, 1);
    EXPECT_EQ(one.targets[1].met_late, 1);
    EXPECT_EQ(one.targets[1].extensions, 1);
    EXPECT_EQ(one.targets[1].extension_days, 10);
    EXPECT_EQ(two.targets[0].met_late, 1);
    EXPECT_EQ(two.targets[1].lapsed, 0);  // due in Q2
    // Every outcome of the kind is listed; stage 2's last closure counts, once.
    const std::vector<std::pair<std::string, std::int64_t>> stage2{
        {"upheld", 0}, {"partly upheld", 1}, {"not upheld", 0}, {"withdrawn", 0}};
    EXPECT_EQ(two.outcomes, stage2);
    const std::vector<std::pair<std::string, std::int64_t>> all{
        {"upheld", 0}, {"partly upheld", 1}, {"not upheld", 1}, {"withdrawn", 0}};
    EXPECT_EQ(t.outcomes, all);
    // The final response's due date falls in Q2; the case closed before it: lapsed.
    const auto q2 = case_statistics({k_complaint}, {complaint()}, period("2025/26 Q2"), k_today);
    EXPECT_EQ(q2.types[0].stages[1].targets[1].lapsed, 1);
    EXPECT_EQ(q2.types[0].stages[1].targets[1].on_time().denominator, 0);
    EXPECT_EQ(q2.types[0].received, 0);
    // One stage only.
    const auto only =
        case_statistics({k_complaint}, {complaint()}, period("2025/26 Q1"), k_today, {"stage2"});
    ASSERT_EQ(only.types[0].stages.size(), 1u);
    EXPECT_EQ(only.types[0].stages[0].key, "stage2");
}

TEST(CaseStatistics, counts_a_target_overdue_when_its_stage_moved_on_after_its_due_date) {
    auto late = complaint();
    late.clock.stages[0].targets[1].met_on.reset();  // stage 1 never answered; escalated after
    auto early = late;
    early.clock.stages[1].started_on = iso("2025-05-02");  // escalated before it was due
    const auto s = case_statistics({k_complaint}, {late, early}, period("2025/26 Q1"), k_today);
    EXPECT_EQ(s.types[0].stages[0].targets[1].overdue, 1);
    EXPECT_EQ(s.types[0].stages[0].targets[1].lapsed, 1);
}

TEST(CaseStatistics, counts_the_ombudsmans_findings_and_the_compliance_with_its_remedies) {
    const auto omb = [](const char* outcome, const char* closed, const char* due,
                        const char* resolved) {
        CaseFacts k;
        k.case_type_id = k_ombudsman.id;
        k.status = "closed";
        k.received_on = iso("2025-04-01");
        k.closed_on = iso(closed);
        if (due) k.remedy_due_on = iso(due);
        if (resolved) k.resolved_on = iso(resolved);
        k.clock.stages.push_back({"enquiry", "Enquiry", iso("2025-04-01"), {}});
        k.events = {event("closed", closed, "enquiry", "", 0, outcome)};
        return k;
    };
    const std::vector<CaseFacts> cases{
        omb("upheld: maladministration and injustice", "2025-06-01", "2025-08-01", "2025-07-30"),
        omb("upheld: maladministration", "2025-07-01", "2025-09-01", "2025-09-05"),
        omb("local settlement", "2025-08-01", "2025-10-01", nullptr),
        omb("not upheld", "2025-09-01", nullptr, nullptr),
        omb("upheld: maladministration and injustice", "2026-03-01", "2027-01-31", nullptr),
    };
    const auto s = case_statistics({k_foi, k_ombudsman}, cases, period("2025/26"), k_today);
    const auto& o = s.ombudsman;
    EXPECT_EQ(o.enquiries, 5);
    EXPECT_EQ(o.decisions, 5);
    EXPECT_EQ(o.upheld, 3);
    EXPECT_EQ(o.maladministration, 3);
    EXPECT_EQ(o.injustice, 2);
    EXPECT_EQ(o.local_settlements, 1);
    EXPECT_EQ(o.not_upheld, 1);
    EXPECT_EQ(o.remedies.due, 3);  // the fifth is due in 2026/27
    EXPECT_EQ(o.remedies.complied_on_time, 1);
    EXPECT_EQ(o.remedies.complied_late, 1);
    EXPECT_EQ(o.remedies.not_complied, 1);
    EXPECT_EQ(o.remedies.compliance().numerator, 1);
    EXPECT_EQ(o.remedies.compliance().denominator, 3);
    EXPECT_EQ(s.remedies.due, 3);
    const auto next = case_statistics({k_ombudsman}, cases, period("2026/27"), k_today);
    EXPECT_EQ(next.ombudsman.remedies.not_yet_due, 1);
    EXPECT_EQ(next.ombudsman.decisions, 0);
}

TEST(CaseStatistics, gives_each_ratio_with_its_percentage_to_one_decimal_place_in_json) {
    const Ratio r{2, 3};
    EXPECT_NEAR(*r.percent(), 66.6667, 0.001);
    const auto j = to_json(r);
    EXPECT_EQ(j.at("numerator").as_int64(), 2);
    EXPECT_EQ(j.at("denominator").as_int64(), 3);
    EXPECT_DOUBLE_EQ(j.at("percent").as_double(), 66.7);
    EXPECT_TRUE(to_json(Ratio{0, 0}).at("percent").is_null());
}

}  // namespace
}  // namespace civic::cases
