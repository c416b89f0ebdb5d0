// SPDX-License-Identifier: AGPL-3.0-or-later
// The deadlines in law that governance keeps (deadlines.cpp), counted on the council's working
// calendar against dates worked out by hand with a calendar: every expected date below was
// counted day by day in the comment beside it, not computed. "Clear days" leave out both the
// day of the notice and the day of the meeting or decision; "working" clear days leave out
// weekends, bank holidays and the council's closure days too.
//
// The calendars used, as the bank holidays of England and Wales give them:
//
//   December 2026                 March 2027                    April 2027
//   Mo Tu We Th Fr Sa Su          Mo Tu We Th Fr Sa Su          Mo Tu We Th Fr Sa Su
//       1  2  3  4  5  6           1  2  3  4  5  6  7                    1  2  3  4
//    7  8  9 10 11 12 13           8  9 10 11 12 13 14           5  6  7  8  9 10 11
//   14 15 16 17 18 19 20          15 16 17 18 19 20 21
//   21 22 23 24 25 26 27          22 23 24 25 26 27 28
//   28 29 30 31                   29 30 31
//
//   Friday 25 December 2026: Christmas Day. Saturday 26 December 2026: Boxing Day, on a
//   Saturday, so its substitute is Monday 28 December 2026. Friday 1 January 2027: New Year's
//   Day. Good Friday 26 March 2027, Easter Monday 29 March 2027 (Easter Day 28 March 2027).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/working_days.hpp"
#include "civic/modules/governance/deadlines.hpp"

namespace civic::governance {
namespace {

using Change = CalendarAdjustment::Change;
using Lines = std::vector<std::string>;

Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(Date{});
}

// The council's rules with the default settings (5, 28, 28 and 5 days, clear days counted as
// working days) and the bank holidays alone, on a fixed "today".
DeadlineRules rules_on(const char* today, std::vector<CalendarAdjustment> adjustments = {}) {
    return DeadlineRules{Settings{}, WorkingCalendar(std::move(adjustments)), iso(today)};
}

const std::string k_working_rule =
    "clear working days: neither the day of the notice nor the day of the meeting counts, and "
    "nor do weekends, bank holidays or the council's closure days.";

// ---- the agenda's publication: 5 clear working days before the meeting

// Across Christmas. The meeting is on Tuesday 29 December 2026. Counting back the working
// days before it: Monday 28 (Boxing Day's substitute), Sunday 27, Saturday 26 and Friday 25
// (Christmas Day) are not; Thursday 24 is the 1st, Wednesday 23 the 2nd, Tuesday 22 the 3rd,
// Monday 21 the 4th (Sunday 20 and Saturday 19 passed over), Friday 18 the 5th. The agenda
// must be out the day before the 5th: Thursday 17 December 2026, leaving Friday 18, Monday
// 21, Tuesday 22, Wednesday 23 and Thursday 24 clear. Four weekend days are passed over (19,
// 20, 26, 27) and two bank holidays.
TEST(PublicationDeadline, across_christmas_is_thursday_17_december_for_tuesday_29_december) {
    const auto d =
        publication_deadline(rules_on("2026-12-01"), iso("2026-12-29"), std::nullopt, "");
    EXPECT_EQ(d.name, "agenda_publication");
    EXPECT_EQ(d.label, "Agenda published");
    EXPECT_EQ(d.due, "2026-12-17");
    EXPECT_EQ(d.state, "due");
    EXPECT_EQ(d.done_on, std::nullopt);
    EXPECT_EQ(d.exception, "");
    EXPECT_EQ(d.lines, (Lines{"The meeting is on Tuesday 29 December 2026.", "5 " + k_working_rule,
                              "Friday 25 December 2026 is not a working day (Christmas Day).",
                              "Monday 28 December 2026 is not a working day (Boxing Day "
                              "(substitute day)).",
                              "4 weekend days on the way are not counted.",
                              "The last day is Thursday 17 December 2026.",
                              "Not done yet: due by Thursday 17 December 2026."}));
    EXPECT_NE(d.source.find("section 100B(3)"), std::string::npos) << d.source;
}

// Across Easter. The meeting is on Thursday 1 April 2027, in the week after Easter. Counting
// back: Wednesday 31 March is the 1st working day, Tuesday 30 the 2nd; Monday 29 (Easter
// Monday), Sunday 28, Saturday 27 and Friday 26 (Good Friday) are not; Thursday 25 is the
// 3rd, Wednesday 24 the 4th, Tuesday 23 the 5th. The last day is the day before it: Monday 22
// March 2027, leaving 23, 24, 25, 30 and 31 March clear.
TEST(PublicationDeadline, across_easter_is_monday_22_march_for_thursday_1_april_2027) {
    const auto d =
        publication_deadline(rules_on("2027-03-01"), iso("2027-04-01"), std::nullopt, "");
    EXPECT_EQ(d.due, "2027-03-22");
    EXPECT_EQ(d.lines, (Lines{"The meeting is on Thursday 1 April 2027.", "5 " + k_working_rule,
                              "Friday 26 March 2027 is not a working day (Good Friday).",
                              "Monday 29 March 2027 is not a working day (Easter Monday).",
                              "2 weekend days on the way are not counted.",
                              "The last day is Monday 22 March 2027.",
                              "Not done yet: due by Monday 22 March 2027."}));
}

// A one-off bank holiday the council adds to its calendar (as for a coronation or a state
// funeral, before the rules know of it). The meeting is on Thursday 18 June 2026.
// Without it: Wednesday 17 (1st), Tuesday 16 (2nd), Monday 15 (3rd), Friday 12 (4th),
// Thursday 11 (5th): the last day is Wednesday 10 June 2026.
// With Monday 15 June a holiday: 17 (1st), 16 (2nd), 15, 14 and 13 passed over, 12 (3rd), 11
// (4th), Wednesday 10 (5th): the last day moves a day earlier, to Tuesday 9 June 2026.
TEST(PublicationDeadline, moves_a_day_earlier_for_a_one_off_bank_holiday_in_the_calendar) {
    const auto plain =
        publication_deadline(rules_on("2026-06-01"), iso("2026-06-18"), std::nullopt, "");
    EXPECT_EQ(plain.due, "2026-06-10");
    const auto added = publication_deadline(
        rules_on("2026-06-01", {{iso("2026-06-15"), "One-off bank holiday", Change::Add}}),
        iso("2026-06-18"), std::nullopt, "");
    EXPECT_EQ(added.due, "2026-06-09");
    EXPECT_EQ(
        added.lines,
        (Lines{"The meeting is on Thursday 18 June 2026.", "5 " + k_working_rule,
               "Monday 15 June 2026 is not a working day (One-off bank holiday).",
               "2 weekend days on the way are not counted.", "The last day is Tuesday 9 June 2026.",
               "Not done yet: due by Tuesday 9 June 2026."}));
}

// A Monday meeting: Monday 14 December 2026. Sunday 13 and Saturday 12 passed over, Friday 11
// (1st), Thursday 10 (2nd), Wednesday 9 (3rd), Tuesday 8 (4th), Monday 7 (5th): the last day
// is the day before, Sunday 6 December 2026, which is not a working day, so a clerk who
// publishes on working days has until Friday 4 December 2026.
TEST(PublicationDeadline, says_the_last_working_day_when_the_last_day_is_a_weekend) {
    const auto d =
        publication_deadline(rules_on("2026-12-01"), iso("2026-12-14"), std::nullopt, "");
    EXPECT_EQ(d.due, "2026-12-06");
    EXPECT_EQ(d.lines, (Lines{"The meeting is on Monday 14 December 2026.", "5 " + k_working_rule,
                              "2 weekend days on the way are not counted.",
                              "The last day is Sunday 6 December 2026; the last working day on "
                              "or before it is Friday 4 December 2026.",
                              "Not done yet: due by Sunday 6 December 2026."}));
}

// A council whose constitution counts every day ("calendar"): 5 clear days before Tuesday
// 29 December 2026 are Thursday 24 to Monday 28, so the last day is Wednesday 23 December
// 2026 (29 − 6), Christmas and the weekend counting like any other day.
TEST(PublicationDeadline, counts_every_day_when_the_council_counts_calendar_days) {
    auto rules = rules_on("2026-12-01");
    rules.settings.clear_days = "calendar";
    const auto d = publication_deadline(rules, iso("2026-12-29"), iso("2026-12-23"), "");
    EXPECT_EQ(d.due, "2026-12-23");
    EXPECT_EQ(d.state, "met");
    EXPECT_EQ(d.lines, (Lines{"The meeting is on Tuesday 29 December 2026.",
                              "5 clear days: neither the day of the notice nor the day of the "
                              "meeting counts; every other day does, as the council counts clear "
                              "days.",
                              "The last day is Wednesday 23 December 2026.",
                              "Published on Wednesday 23 December 2026, leaving 5 clear days: in "
                              "time."}));
    // Published a day later, Thursday 24, it leaves 25 to 28: 4 clear days.
    const auto late = publication_deadline(rules, iso("2026-12-29"), iso("2026-12-24"), "");
    EXPECT_EQ(late.state, "late");
    EXPECT_EQ(late.lines.at(3),
              "Published on Thursday 24 December 2026, leaving 4 clear days: fewer than 5.");
}

// The four states for the meeting of Tuesday 29 December 2026 (last day Thursday 17):
// published on Thursday 17 is met (5 clear working days: 18, 21, 22, 23, 24); published on
// Friday 18 is late (4: 21, 22, 23, 24); not published on Thursday 17 is due; not published
// on Friday 18 is overdue.
TEST(PublicationDeadline, is_met_late_due_or_overdue_against_a_fixed_today) {
    const Date meeting = iso("2026-12-29");
    const auto met = publication_deadline(rules_on("2026-12-20"), meeting, iso("2026-12-17"), "");
    EXPECT_EQ(met.state, "met");
    EXPECT_EQ(met.done_on, "2026-12-17");
    EXPECT_EQ(met.exception, "");
    EXPECT_EQ(met.lines.back(),
              "Published on Thursday 17 December 2026, leaving 5 clear working days: in time.");

    const std::string reason = "The tender evaluation finished on 17 December.";
    const auto late =
        publication_deadline(rules_on("2026-12-20"), meeting, iso("2026-12-18"), reason);
    EXPECT_EQ(late.state, "late");
    EXPECT_EQ(late.done_on, "2026-12-18");
    EXPECT_EQ(late.exception, reason);
    const Lines tail(late.lines.end() - 2, late.lines.end());
    EXPECT_EQ(tail, (Lines{"Published on Friday 18 December 2026, leaving 4 clear working days: "
                           "fewer than 5.",
                           "The reason for urgency: " + reason}));

    const auto unexplained =
        publication_deadline(rules_on("2026-12-20"), meeting, iso("2026-12-18"), "");
    EXPECT_EQ(unexplained.exception, "");
    EXPECT_EQ(unexplained.lines.back(), "No reason for urgency is recorded.");

    const auto due = publication_deadline(rules_on("2026-12-17"), meeting, std::nullopt, "");
    EXPECT_EQ(due.state, "due");
    EXPECT_EQ(due.lines.back(), "Not done yet: due by Thursday 17 December 2026.");

    const auto overdue = publication_deadline(rules_on("2026-12-18"), meeting, std::nullopt, "");
    EXPECT_EQ(overdue.state, "overdue");
    EXPECT_EQ(overdue.lines.back(),
              "Not done, and the last day for it was Thursday 17 December 2026.");
}

// ---- a private meeting of the executive: notices 28 and 5 clear working days before

// The meeting is on Tuesday 29 December 2026. The 28 working days before it, counting back
// and passing over 28, 27, 26 and 25 December: December 24, 23, 22, 21 (4), 18, 17, 16, 15,
// 14 (9), 11, 10, 9, 8, 7 (14), 4, 3, 2, 1 (18), November 30 (19), 27, 26, 25, 24, 23 (24),
// 20, 19, 18 (27), Tuesday 17 November (28). The notice must be given the day before:
// Monday 16 November 2026. Weekends passed over: 21–22 and 28–29 November, 5–6, 12–13,
// 19–20 and 26–27 December: 12 days. The second notice, with the agenda, is 5 clear working
// days before: Thursday 17 December 2026, as for publication.
TEST(PrivateMeetingNotices, are_monday_16_november_and_thursday_17_december_for_29_december) {
    const auto notices = private_meeting_notices(rules_on("2026-12-20"), iso("2026-12-29"),
                                                 iso("2026-11-16"), iso("2026-12-17"));
    ASSERT_EQ(notices.size(), 2u);
    const auto& first = notices[0];
    EXPECT_EQ(first.name, "private_notice");
    EXPECT_EQ(first.due, "2026-11-16");
    EXPECT_EQ(first.state, "met");
    EXPECT_NE(first.source.find("regulation 5(2)"), std::string::npos) << first.source;
    EXPECT_EQ(first.lines,
              (Lines{"Part of the meeting on Tuesday 29 December 2026 is to be held in private, to "
                     "consider exempt information.",
                     "28 " + k_working_rule,
                     "Friday 25 December 2026 is not a working day (Christmas Day).",
                     "Monday 28 December 2026 is not a working day (Boxing Day (substitute day)).",
                     "12 weekend days on the way are not counted.",
                     "The last day is Monday 16 November 2026.",
                     "Given on Monday 16 November 2026, leaving 28 clear working days: in time."}));
    const auto& second = notices[1];
    EXPECT_EQ(second.name, "private_notice_final");
    EXPECT_EQ(second.due, "2026-12-17");
    EXPECT_EQ(second.state, "met");
    EXPECT_NE(second.source.find("regulation 5(3)"), std::string::npos) << second.source;
    EXPECT_EQ(second.lines.back(),
              "Given with the agenda on Thursday 17 December 2026, leaving 5 "
              "clear working days: in time.");
}

// A day late, Tuesday 17 November leaves 27 clear working days (18 November to 24 December,
// less 25 to 28 December); the agenda not yet out on Friday 18 December is overdue.
TEST(PrivateMeetingNotices, are_late_a_day_after_and_overdue_when_not_given) {
    const auto notices = private_meeting_notices(rules_on("2026-12-18"), iso("2026-12-29"),
                                                 iso("2026-11-17"), std::nullopt);
    EXPECT_EQ(notices[0].state, "late");
    EXPECT_EQ(notices[0].lines.back(),
              "Given on Tuesday 17 November 2026, leaving 27 clear working days: fewer than 28.");
    EXPECT_EQ(notices[1].state, "overdue");
}

// ---- a key decision on the forward plan: 28 clear working days before it is taken

// The decision is to be taken on Thursday 1 April 2027, after Easter. Counting back the
// working days: 31 and 30 March (2); Easter Monday 29, 28, 27 and Good Friday 26 passed over;
// 25, 24, 23, 22 (6); 19, 18, 17, 16, 15 (11); 12, 11, 10, 9, 8 (16); 5, 4, 3, 2, 1 March
// (21); 26, 25, 24, 23, 22 February (26); 19 (27), Thursday 18 February (28). The last day
// for the plan is the day before: Wednesday 17 February 2027. Weekends passed over: 20–21
// and 27–28 February, 6–7, 13–14, 20–21 and 27–28 March: 12 days.
TEST(ForwardPlanNotice, is_wednesday_17_february_for_a_decision_on_thursday_1_april_2027) {
    const auto d =
        forward_plan_notice(rules_on("2027-03-01"), iso("2027-04-01"), iso("2027-02-17"), "", "");
    EXPECT_EQ(d.name, "forward_plan");
    EXPECT_EQ(d.due, "2027-02-17");
    EXPECT_EQ(d.state, "met");
    EXPECT_EQ(d.exception, "");
    EXPECT_EQ(d.lines,
              (Lines{"The decision is to be taken on Thursday 1 April 2027.",
                     "28 clear working days: neither the day of the notice nor the day of the "
                     "decision counts, and nor do weekends, bank holidays or the council's closure "
                     "days.",
                     "Friday 26 March 2027 is not a working day (Good Friday).",
                     "Monday 29 March 2027 is not a working day (Easter Monday).",
                     "12 weekend days on the way are not counted.",
                     "The last day is Wednesday 17 February 2027.",
                     "First on the forward plan on Wednesday 17 February 2027, leaving 28 clear "
                     "working days: in time."}));
    EXPECT_EQ(d.source.find("regulation 10"), std::string::npos) << d.source;
}

// First on the plan on Monday 1 March 2027: the clear working days to Thursday 1 April are
// 2–5 March (4), 8–12 (5), 15–19 (5), 22–25 (4) and 30–31 (2) = 20, fewer than 28. Without an
// exception the decision cannot be taken that day; with the general exception (or special
// urgency) it can, and the exception, its regulation and the reason are shown.
TEST(ForwardPlanNotice, is_late_without_an_exception_and_records_the_exception_used) {
    const auto rules = rules_on("2027-03-01");
    const auto none = forward_plan_notice(rules, iso("2027-04-01"), iso("2027-03-01"), "", "");
    EXPECT_EQ(none.state, "late");
    EXPECT_EQ(none.exception, "");
    const Lines none_tail(none.lines.end() - 2, none.lines.end());
    EXPECT_EQ(none_tail,
              (Lines{"First on the forward plan on Monday 1 March 2027, leaving 20 clear "
                     "working days: fewer than 28.",
                     "Neither the general exception nor special urgency is recorded: "
                     "the decision cannot be taken on that day."}));

    const auto general =
        forward_plan_notice(rules, iso("2027-04-01"), iso("2027-03-01"), "general_exception",
                            "The grant offer expires on 2 April.");
    EXPECT_EQ(general.state, "late");
    EXPECT_EQ(general.exception, "general_exception");
    EXPECT_NE(general.source.find("; regulation 10 (general exception)"), std::string::npos);
    const Lines general_tail(general.lines.end() - 2, general.lines.end());
    EXPECT_EQ(general_tail, (Lines{"Taken under the general exception: the chair of the scrutiny "
                                   "committee told, and notice published at least 5 clear days "
                                   "before.",
                                   "The reason: The grant offer expires on 2 April."}));

    // Never on the plan, and 17 February has passed by 1 March: overdue, under special urgency.
    const auto urgent =
        forward_plan_notice(rules, iso("2027-04-01"), std::nullopt, "special_urgency", "");
    EXPECT_EQ(urgent.state, "overdue");
    EXPECT_EQ(urgent.exception, "special_urgency");
    EXPECT_NE(urgent.source.find("; regulation 11 (cases of special urgency)"), std::string::npos);
    EXPECT_EQ(urgent.lines.back(),
              "Taken as a case of special urgency: the chair of the scrutiny "
              "committee agreed that it cannot reasonably be deferred.");
}

// ---- call-in: 5 working days after publication, counting from the day after it

// Published on Thursday 17 December 2026: Friday 18 (1), Monday 21 (2, Saturday 19 and Sunday
// 20 passed over), Tuesday 22 (3), Wednesday 23 (4), Thursday 24 (5). The window closes on
// Thursday 24 December 2026. The next working day after it: Friday 25 (Christmas Day),
// Saturday 26, Sunday 27 and Monday 28 (Boxing Day's substitute) are not, so the decision can
// be implemented from Tuesday 29 December 2026.
TEST(CallInWindow, across_christmas_closes_24_december_and_implements_29_december) {
    const auto open = call_in_window(rules_on("2026-12-24"), iso("2026-12-17"));
    EXPECT_EQ(open.name, "call_in");
    EXPECT_EQ(open.due, "2026-12-24");
    EXPECT_EQ(open.then, "2026-12-29");
    EXPECT_EQ(open.state, "open");
    EXPECT_EQ(open.lines,
              (Lines{"The decision was published on Thursday 17 December 2026.",
                     "It may be called in within 5 working days after publication, counting from "
                     "the day after it.",
                     "2 weekend days on the way are not counted.",
                     "The last day to call it in is Thursday 24 December 2026.",
                     "Unless it is called in, it can be implemented from Tuesday 29 December "
                     "2026."}));
    EXPECT_EQ(call_in_window(rules_on("2026-12-29"), iso("2026-12-17")).state, "closed");
}

// Published on Tuesday 22 December 2026: Wednesday 23 (1), Thursday 24 (2); 25, 26, 27 and 28
// passed over; Tuesday 29 (3), Wednesday 30 (4), Thursday 31 (5). Implemented from the next
// working day: Friday 1 January 2027 is New Year's Day and 2–3 January a weekend, so Monday 4
// January 2027.
TEST(CallInWindow, published_just_before_christmas_runs_into_the_new_year) {
    const auto d = call_in_window(rules_on("2026-12-22"), iso("2026-12-22"));
    EXPECT_EQ(d.due, "2026-12-31");
    EXPECT_EQ(d.then, "2027-01-04");
    EXPECT_EQ(d.lines.at(2), "Friday 25 December 2026 is not a working day (Christmas Day).");
    EXPECT_EQ(d.lines.at(3),
              "Monday 28 December 2026 is not a working day (Boxing Day (substitute day)).");
    EXPECT_EQ(d.lines.at(4), "2 weekend days on the way are not counted.");
}

// Published on Wednesday 24 March 2027: Thursday 25 (1); Good Friday 26, 27, 28 and Easter
// Monday 29 passed over; Tuesday 30 (2), Wednesday 31 (3), Thursday 1 April (4), Friday 2
// April (5). The window closes on Friday 2 April 2027; after the weekend of 3–4 April the
// decision can be implemented from Monday 5 April 2027.
TEST(CallInWindow, across_easter_closes_2_april_and_implements_5_april_2027) {
    const auto d = call_in_window(rules_on("2027-04-05"), iso("2027-03-24"));
    EXPECT_EQ(d.due, "2027-04-02");
    EXPECT_EQ(d.then, "2027-04-05");
    EXPECT_EQ(d.state, "closed");
    EXPECT_EQ(d.lines,
              (Lines{"The decision was published on Wednesday 24 March 2027.",
                     "It may be called in within 5 working days after publication, counting from "
                     "the day after it.",
                     "Friday 26 March 2027 is not a working day (Good Friday).",
                     "Monday 29 March 2027 is not a working day (Easter Monday).",
                     "2 weekend days on the way are not counted.",
                     "The last day to call it in is Friday 2 April 2027.",
                     "Unless it is called in, it can be implemented from Monday 5 April 2027."}));
}

// A council that allows 3 working days: published Thursday 17 December 2026, the window is
// Friday 18, Monday 21, Tuesday 22, and the decision can be implemented on Wednesday 23.
TEST(CallInWindow, follows_the_councils_own_number_of_days) {
    auto rules = rules_on("2026-12-17");
    rules.settings.call_in_working_days = 3;
    const auto d = call_in_window(rules, iso("2026-12-17"));
    EXPECT_EQ(d.due, "2026-12-22");
    EXPECT_EQ(d.then, "2026-12-23");
    EXPECT_EQ(d.lines.at(1),
              "It may be called in within 3 working days after publication, counting from the day "
              "after it.");
}

}  // namespace
}  // namespace civic::governance
