// SPDX-License-Identifier: AGPL-3.0-or-later
// The rules of a case type: the defaults hold together and count as the law says; rules go to
// JSON and back unchanged; bad rules are refused naming the field.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "civic/modules/cases/rules.hpp"

namespace civic::cases {
namespace {

std::vector<std::string> fields(const Result<ClockRules>& r) {
    std::vector<std::string> out;
    if (!r)
        for (const auto& e : r.error().errors) out.push_back(e.field);
    return out;
}

const CaseTypeDefault& type(const std::string& code) {
    static const auto types = default_case_types();
    for (const auto& t : types)
        if (t.code == code) return t;
    throw std::out_of_range(code);
}

TEST(CaseRules, TheDefaultsHoldTogetherAndGoToJsonAndBack) {
    const auto types = default_case_types();
    std::vector<std::string> codes;
    for (const auto& t : types) {
        codes.push_back(t.code);
        EXPECT_TRUE(check_rules(t.rules).has_value()) << t.code;
        const auto back = rules_from_json(rules_json(t.rules), "stages", t.rules.priorities,
                                          t.rules.office_hours);
        ASSERT_TRUE(back.has_value()) << t.code;
        EXPECT_EQ(boost::json::serialize(rules_json(*back)),
                  boost::json::serialize(rules_json(t.rules)));
    }
    EXPECT_EQ(codes,
              (std::vector<std::string>{"MEM", "CMP", "OMB", "FOI", "EIR", "LET", "PRT", "ICT"}));
}

TEST(CaseRules, AnIctIncidentsTargetsFollowItsPriorityInWorkingHours) {
    const auto& ict = type("ICT");
    EXPECT_TRUE(counts_hours(ict.rules));
    const auto hours = [&](const char* priority) {
        const auto rules = for_priority(ict.rules, priority);
        const auto& targets = rules.stages.at(0).targets;
        return std::pair{targets.at(0).working_hours, targets.at(1).working_hours};
    };
    EXPECT_EQ(hours("p1"), std::pair(1, 4));
    EXPECT_EQ(hours("p4"), std::pair(8, 40));
    EXPECT_EQ(hours(""), std::pair(4, 24));  // no priority: the targets as set
    // A priority 1 incident logged on Friday 27 November 2026 at 16:00 is fixed by Monday 12:00.
    const auto clock = compute_clock(for_priority(ict.rules, "p1"), WorkingCalendar{},
                                     parse_iso_date("2026-11-27").value(), {},
                                     parse_iso_date("2026-11-27").value(), 16 * 60, 16 * 60 + 30);
    const auto& fix = clock.stages.at(0).targets.at(1);
    EXPECT_EQ(fix.due, parse_iso_date("2026-11-30"));
    EXPECT_EQ(fix.due_at, 12 * 60);
    EXPECT_EQ(fix.status, "running");
    EXPECT_EQ(fix.working_minutes_left, 210);
}

TEST(CaseRules, TheDefaultsCountAsTheRulesSay) {
    // FOI: 20 working days on the UK's bank holidays; a request of Friday 14 November 2025 is
    // due Monday 15 December, St Andrew's Day's substitute (1 December) left out.
    const auto& foi = type("FOI");
    EXPECT_EQ(foi.calendar, "uk");
    const WorkingCalendar uk(bank_holidays_of(foi.calendar));
    const auto d = parse_iso_date("2025-11-14").value();
    const auto s = compute_clock(foi.rules, uk, d, {}, d);
    EXPECT_EQ(format_iso_date(*s.stages[0].targets[0].due), "2025-12-15");
    // A complaint's stage 1 response counts from its acknowledgement, and stage 2 is by
    // another officer.
    const auto& complaint = type("CMP");
    EXPECT_EQ(complaint.rules.stages[0].targets[1].counts_from, "acknowledgement");
    EXPECT_EQ(complaint.rules.stages[0].targets[1].extension_limit, 10);
    EXPECT_TRUE(complaint.later_stage_by_another_officer);
    EXPECT_EQ(bank_holidays_of(complaint.calendar), BankHolidays::EnglandAndWales);
}

TEST(CaseRules, RefusesBadRulesNamingTheField) {
    const auto parse = [](const char* text) { return rules_from_json(boost::json::parse(text)); };
    EXPECT_EQ(fields(parse("{}")), std::vector<std::string>{"stages"});
    EXPECT_EQ(fields(parse("[]")), std::vector<std::string>{"stages"});
    EXPECT_EQ(
        fields(parse(
            R"([{"key": "s1", "name": "One", "targets": [{"key": "r", "label": "R", "working_days": "ten"}]}])")),
        std::vector<std::string>{"stages[0].targets[0].working_days"});
    EXPECT_EQ(
        fields(parse(
            R"([{"key": "s1", "name": "One", "targets": [{"key": "r", "label": "R", "working_days": 0}]}])")),
        std::vector<std::string>{"stages[0].targets[0].working_days"});
    EXPECT_EQ(fields(parse(R"([{"key": "s1", "name": "One", "targets": [
        {"key": "a", "label": "A", "working_days": 5, "counts_from": "b"},
        {"key": "b", "label": "B", "working_days": 5}]}])")),
              std::vector<std::string>{"stages[0].targets[0].counts_from"});
    EXPECT_EQ(fields(parse(R"([{"key": "Stage 1", "name": "", "targets": []},
                                {"key": "s2", "name": "Two", "targets": []},
                                {"key": "s2", "name": "Again", "targets": []}])")),
              (std::vector<std::string>{"stages[0].key", "stages[0].name", "stages[2].key"}));
    EXPECT_EQ(fields(rules_from_json(boost::json::parse("[1]"), "rules")),
              std::vector<std::string>{"rules[0]"});
}

}  // namespace
}  // namespace civic::cases
