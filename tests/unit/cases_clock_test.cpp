// SPDX-License-Identifier: AGPL-3.0-or-later
// A case's clock against dates counted by hand, day by day, with a calendar: complaints,
// member enquiries, letters and FOI requests across Christmas and New Year, Easter, the early
// May bank holiday, a one-off national holiday, and, for FOI, 2 January, St Andrew's Day and
// St Patrick's Day, over several years; stops, fee notices, extensions, escalation, internal
// review, clarification and reopening.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/modules/cases/clock.hpp"

namespace civic::cases {
namespace {

using Kind = ClockEvent::Kind;
using Change = CalendarAdjustment::Change;

Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(Date{});
}

std::string text(const std::optional<Date>& d) { return d ? format_iso_date(*d) : "none"; }

const WorkingCalendar k_council;  // England and Wales's bank holidays
const WorkingCalendar k_uk(BankHolidays::AnyPartOfUk);

// The complaint rules of the Ombudsman's Complaint Handling Code (docs/cases-rules.md).
const ClockRules k_complaint{{
    {"stage1",
     "Stage 1",
     {{"acknowledgement", "Acknowledgement", 5, "", 0},
      {"response", "Response", 10, "acknowledgement", 10}}},
    {"stage2",
     "Stage 2",
     {{"acknowledgement", "Acknowledgement", 5, "", 0},
      {"response", "Final response", 20, "acknowledgement", 20}}},
}};
const ClockRules k_foi{{
    {"response", "Response", {{"response", "Response", 20, "", 20}}},
    {"review", "Internal review", {{"response", "Review response", 20, "", 20}}},
}};
const ClockRules k_member{{
    {"response",
     "Response",
     {{"acknowledgement", "Acknowledgement", 1, "", 0}, {"response", "Response", 10, "", 10}}},
}};
const ClockRules k_letter{{{"reply", "Reply", {{"reply", "Reply", 10, "", 0}}}}};

ClockEvent met(const char* on, const char* target) {
    ClockEvent e;
    e.kind = Kind::Met;
    e.on = iso(on);
    e.target = target;
    return e;
}
ClockEvent event(Kind kind, const char* on) {
    ClockEvent e;
    e.kind = kind;
    e.on = iso(on);
    return e;
}
ClockEvent escalated(const char* on, const char* stage) {
    ClockEvent e = event(Kind::Escalated, on);
    e.stage = stage;
    return e;
}
ClockEvent stopped(const char* on, const char* reason, bool ends_disregarded = false) {
    ClockEvent e = event(Kind::Stopped, on);
    e.reason = reason;
    e.ends_disregarded = ends_disregarded;
    return e;
}
ClockEvent extended(const char* on, const char* target, int days, const char* reason) {
    ClockEvent e = event(Kind::Extended, on);
    e.target = target;
    e.days = days;
    e.reason = reason;
    return e;
}

const TargetState& target(const ClockState& s, std::size_t stage, std::size_t index) {
    return s.stages.at(stage).targets.at(index);
}

// ---- a table of first deadlines across the holidays

struct Row {
    const char* what;
    const ClockRules* rules;
    const WorkingCalendar* calendar;
    const char* received;
    std::size_t target;  // which target of the first stage
    const char* due;
};

TEST(CaseClock, CountsEachFirstDeadlineAcrossTheHolidays) {
    const Row rows[] = {
        // Friday 19 December 2025; Christmas Day and Boxing Day on Thursday and Friday:
        // 22, 23, 24, (25, 26, weekend), 29, 30.
        {"complaint acknowledgement over Christmas", &k_complaint, &k_council, "2025-12-19", 0,
         "2025-12-30"},
        // Thursday 30 April 2026; early May bank holiday Monday 4 May: 1, (4), 5, 6, 7, 8, 11,
        // 12, 13, 14, 15.
        {"member enquiry over the early May bank holiday", &k_member, &k_council, "2026-04-30", 1,
         "2026-05-15"},
        {"member enquiry acknowledged the next working day", &k_member, &k_council, "2026-04-30", 0,
         "2026-05-01"},
        // Tuesday 2 May 2023; the coronation bank holiday, a one-off, Monday 8 May: 3, 4, 5,
        // (8), 9, 10, 11, 12, 15, 16, 17.
        {"letter over the coronation bank holiday", &k_letter, &k_council, "2023-05-02", 0,
         "2023-05-17"},
        // FOI, Monday 15 December 2025: 16–19 (4), 22–24 (7), (25, 26), 29–31 (10), (1 January,
        // and 2 January, a bank holiday in Scotland), 5–9 January (15), 12–16 (20).
        {"FOI over Christmas and 2 January", &k_foi, &k_uk, "2025-12-15", 0, "2026-01-16"},
        // The same request on England and Wales's days alone: 2 January counts, a day earlier.
        {"the same request on England and Wales's days", &k_foi, &k_council, "2025-12-15", 0,
         "2026-01-15"},
        // FOI, Wednesday 1 April 2026; Good Friday 3 April, Easter Monday 6 April: 2, (3, 6),
        // 7–10 (5), 13–17 (10), 20–24 (15), 27–30 (19), 1 May (20).
        {"FOI over Easter", &k_foi, &k_uk, "2026-04-01", 0, "2026-05-01"},
        // FOI, Monday 2 November 2026; St Andrew's Day Monday 30 November: 3–6 (4), 9–13 (9),
        // 16–20 (14), 23–27 (19), (30), 1 December (20).
        {"FOI over St Andrew's Day", &k_foi, &k_uk, "2026-11-02", 0, "2026-12-01"},
        {"the same on England and Wales's days", &k_foi, &k_council, "2026-11-02", 0, "2026-11-30"},
        // FOI, Friday 5 March 2027; St Patrick's Day Wednesday 17 March, Good Friday 26 March,
        // Easter Monday 29 March: 8–12 (5), 15, 16, (17), 18, 19 (9), 22–25 (13), (26, 29),
        // 30, 31, 1, 2 April (17), 5, 6, 7 (20).
        {"FOI over St Patrick's Day and Easter", &k_foi, &k_uk, "2027-03-05", 0, "2027-04-07"},
        // Received on Saturday 10 January 2026: Monday 12 is day 1; 12–16, 19–23, 26–30, 2–6
        // February.
        {"FOI received on a Saturday", &k_foi, &k_uk, "2026-01-10", 0, "2026-02-06"},
    };
    for (const Row& row : rows) {
        const auto s =
            compute_clock(*row.rules, *row.calendar, iso(row.received), {}, iso(row.received));
        EXPECT_EQ(text(target(s, 0, row.target).due), row.due) << row.what;
    }
}

// ---- counting from another target

TEST(CaseClock, CountsAComplaintResponseFromTheAcknowledgementOrProvisionallyFromItsLastDay) {
    // Not yet acknowledged: counted from Tuesday 30 December 2025, the last day for it:
    // 31, (1 January), 2, 5, 6, 7, 8, 9, 12, 13, 14.
    const auto open =
        compute_clock(k_complaint, k_council, iso("2025-12-19"), {}, iso("2025-12-22"));
    const auto& provisional = target(open, 0, 1);
    EXPECT_TRUE(provisional.provisional);
    EXPECT_EQ(text(provisional.due), "2026-01-14");
    EXPECT_EQ(provisional.explanation.front(),
              "Counted for now from Tuesday 30 December 2025, the last day for the "
              "acknowledgement: it will count from the day the acknowledgement is sent.");

    // Acknowledged on Tuesday 23 December: 24, 29, 30, 31, 2, 5, 6, 7, 8, 9.
    const auto acknowledged =
        compute_clock(k_complaint, k_council, iso("2025-12-19"),
                      {met("2025-12-23", "acknowledgement")}, iso("2025-12-23"));
    EXPECT_EQ(target(acknowledged, 0, 0).status, "met");
    const auto& response = target(acknowledged, 0, 1);
    EXPECT_FALSE(response.provisional);
    EXPECT_EQ(text(response.due), "2026-01-09");
    EXPECT_EQ(response.explanation.front(),
              "Counted from the acknowledgement on Tuesday 23 December 2025.");
    EXPECT_EQ(response.explanation.back(), "Due: Friday 9 January 2026.");
}

// ---- extensions, escalation, stage 2

TEST(CaseClock, ExtendsEscalatesAndCountsStageTwoFromItsOwnAcknowledgement) {
    // Received Monday 2 February 2026, acknowledged Wednesday 4: the response is due 10 working
    // days later, Wednesday 18 February; extended by 10, Wednesday 4 March.
    std::vector<ClockEvent> events = {
        met("2026-02-04", "acknowledgement"),
        extended("2026-02-16", "response", 10, "A site visit is needed"),
    };
    auto s = compute_clock(k_complaint, k_council, iso("2026-02-02"), events, iso("2026-02-16"));
    EXPECT_EQ(text(target(s, 0, 1).due), "2026-03-04");
    EXPECT_EQ(target(s, 0, 1).extended_by, 10);

    // Answered Friday 27 February; the complainant asks for stage 2 on Monday 2 March:
    // acknowledgement due 5 working days later, Monday 9 March; acknowledged Wednesday 4,
    // the final response 20 working days after that: 5, 6, 9–13, 16–20, 23–27, 30, 31, 1 April.
    events.push_back(met("2026-02-27", "response"));
    events.push_back(escalated("2026-03-02", "stage2"));
    s = compute_clock(k_complaint, k_council, iso("2026-02-02"), events, iso("2026-03-02"));
    ASSERT_EQ(s.stages.size(), 2u);
    EXPECT_EQ(target(s, 0, 1).status, "met");
    EXPECT_EQ(text(target(s, 1, 0).due), "2026-03-09");
    EXPECT_EQ(target(s, 1, 0).explanation.front(),
              "Counted from the move to stage 2 on Monday 2 March 2026.");
    events.push_back(met("2026-03-04", "acknowledgement"));
    s = compute_clock(k_complaint, k_council, iso("2026-02-02"), events, iso("2026-03-04"));
    EXPECT_EQ(text(target(s, 1, 1).due), "2026-04-01");
    EXPECT_EQ(s.stages[1].started_on, iso("2026-03-02"));
}

TEST(CaseClock, CountsAnFoiInternalReviewAsItsOwnStage) {
    // Answered Friday 16 January 2026; a review asked for on Tuesday 20 January: 20 working
    // days, 21–23 (3), 26–30 (8), 2–6 February (13), 9–13 (18), 16, 17 (20).
    const auto s = compute_clock(k_foi, k_uk, iso("2025-12-15"),
                                 {met("2026-01-16", "response"), escalated("2026-01-20", "review")},
                                 iso("2026-01-20"));
    ASSERT_EQ(s.stages.size(), 2u);
    EXPECT_EQ(target(s, 0, 0).status, "met");
    EXPECT_EQ(s.stages[1].name, "Internal review");
    EXPECT_EQ(text(target(s, 1, 0).due), "2026-02-17");
}

// ---- stopping the clock

TEST(CaseClock, StopsAndRestartsTheClockCountingTheEndDaysOrDisregardingThem) {
    // A member enquiry received Monday 6 January 2025 is due Monday 20 January; waiting for
    // the member from Wednesday 8 to Monday 13 pauses Thursday 9 and Friday 10: Wednesday 22.
    std::vector<ClockEvent> waiting = {stopped("2025-01-08", "Waiting for the member"),
                                       event(Kind::Restarted, "2025-01-13")};
    auto s = compute_clock(k_member, k_council, iso("2025-01-06"), {waiting[0]}, iso("2025-01-09"));
    EXPECT_TRUE(s.stopped);
    EXPECT_EQ(target(s, 0, 1).status, "stopped");
    EXPECT_FALSE(target(s, 0, 1).due.has_value());
    s = compute_clock(k_member, k_council, iso("2025-01-06"), waiting, iso("2025-01-13"));
    EXPECT_FALSE(s.stopped);
    EXPECT_EQ(text(target(s, 0, 1).due), "2025-01-22");

    // An FOI fee notice on the same days: section 10(2) disregards the notice day and the day
    // the fee arrives too (8, 9, 10 and 13 January): Friday 7 February, not Wednesday 5.
    const std::vector<ClockEvent> fee = {stopped("2025-01-08", "Fee notice given", true),
                                         event(Kind::Restarted, "2025-01-13")};
    s = compute_clock(k_foi, k_uk, iso("2025-01-06"), fee, iso("2025-01-13"));
    EXPECT_EQ(text(target(s, 0, 0).due), "2025-02-07");
}

TEST(CaseClock, RestartsFromZeroOnAClarificationOrAReopening) {
    // FOI received Monday 2 March 2026, clarified Tuesday 10 March: day 0 is 10 March. 11–13
    // (3), 16, (17 St Patrick's Day), 18–20 (7), 23–27 (12), 30, 31, 1, 2 April (16), (3 Good
    // Friday, 6 Easter Monday), 7–10 (20).
    auto s = compute_clock(k_foi, k_uk, iso("2026-03-02"), {event(Kind::Clarified, "2026-03-10")},
                           iso("2026-03-10"));
    EXPECT_EQ(text(target(s, 0, 0).due), "2026-04-10");
    EXPECT_EQ(target(s, 0, 0).explanation.front(),
              "Clarification received on Tuesday 10 March 2026: the response counts again from "
              "day 0, as if received then.");

    // A letter answered and reopened: its reply is open again, counted from the reopening.
    // Received Monday 1 June 2026, answered Thursday 4; reopened Monday 22 June: 23–26 (4),
    // 29, 30, 1–3 July (9), 6 (10).
    s = compute_clock(k_letter, k_council, iso("2026-06-01"),
                      {met("2026-06-04", "reply"), event(Kind::Reopened, "2026-06-22")},
                      iso("2026-06-22"));
    EXPECT_EQ(target(s, 0, 0).status, "running");
    EXPECT_FALSE(target(s, 0, 0).met_on.has_value());
    EXPECT_EQ(text(target(s, 0, 0).due), "2026-07-06");
}

// ---- a new bank holiday moves open deadlines, not closed ones

TEST(CaseClock, ANewHolidayMovesAnOpenDeadlineAndLeavesAMetOneAsItWas) {
    // A letter received Monday 1 June 2026 is due Monday 15 June (2–5, 8–12, 15).
    const WorkingCalendar with_holiday(
        {{iso("2026-06-10"), "A one-off national holiday", Change::Add}});
    auto open = compute_clock(k_letter, k_council, iso("2026-06-01"), {}, iso("2026-06-02"));
    EXPECT_EQ(text(target(open, 0, 0).due), "2026-06-15");
    open = compute_clock(k_letter, with_holiday, iso("2026-06-01"), {}, iso("2026-06-02"));
    EXPECT_EQ(text(target(open, 0, 0).due), "2026-06-16");

    // Answered on Thursday 11 June against a due date of Monday 15: it stays so.
    ClockEvent answered = met("2026-06-11", "reply");
    answered.due_when_met = iso("2026-06-15");
    const auto closed =
        compute_clock(k_letter, with_holiday, iso("2026-06-01"), {answered}, iso("2026-06-20"));
    EXPECT_EQ(text(target(closed, 0, 0).due), "2026-06-15");
    EXPECT_EQ(target(closed, 0, 0).status, "met");
}

// ---- where a target stands today

TEST(CaseClock, SaysWhetherATargetIsRunningDueSoonDueTodayOverdueOrMetLate) {
    // The letter of 1 June 2026, due Monday 15 June.
    const auto on = [](const char* today) {
        return target(compute_clock(k_letter, k_council, iso("2026-06-01"), {}, iso(today)), 0, 0);
    };
    EXPECT_EQ(on("2026-06-02").status, "running");
    EXPECT_EQ(on("2026-06-10").status, "due soon");  // 11, 12, 15: three working days left
    EXPECT_EQ(on("2026-06-10").working_days_left, 3);
    EXPECT_EQ(on("2026-06-15").status, "due today");
    EXPECT_EQ(on("2026-06-17").status, "overdue");
    EXPECT_EQ(on("2026-06-17").working_days_left, -2);
    const auto late = compute_clock(k_letter, k_council, iso("2026-06-01"),
                                    {met("2026-06-16", "reply")}, iso("2026-06-20"));
    EXPECT_EQ(target(late, 0, 0).status, "met late");
    EXPECT_EQ(target(late, 0, 0).explanation.back(),
              "Met on Tuesday 16 June 2026, after the due date.");
}

// ---- a date given from outside

TEST(CaseClock, TakesTheOmbudsmansDateInsteadOfTheCountAndJudgesTheReplyByIt) {
    // An Ombudsman's enquiry received Monday 2 March 2026 would be due in 20 working days,
    // Monday 30 March; the Ombudsman's letter asks for a reply by Friday 20 March.
    const ClockRules ombudsman{
        {{"enquiry", "Enquiry", {{"reply", "Reply to the Ombudsman", 20, "", 0}}}}};
    ClockEvent set = event(Kind::Set, "2026-03-03");
    set.target = "reply";
    set.due_on = iso("2026-03-20");
    set.reason = "The Ombudsman's letter of 2 March";
    auto s = compute_clock(ombudsman, k_council, iso("2026-03-02"), {}, iso("2026-03-02"));
    EXPECT_EQ(text(target(s, 0, 0).due), "2026-03-30");
    s = compute_clock(ombudsman, k_council, iso("2026-03-02"), {set}, iso("2026-03-19"));
    EXPECT_EQ(text(target(s, 0, 0).due), "2026-03-20");
    EXPECT_EQ(target(s, 0, 0).status, "due soon");
    EXPECT_EQ(target(s, 0, 0).explanation,
              (std::vector<std::string>{"Counted from receipt on Monday 2 March 2026.",
                                        "Set on Tuesday 3 March 2026 to Friday 20 March 2026: "
                                        "The Ombudsman's letter of 2 March.",
                                        "Due: Friday 20 March 2026."}));
    // Answered on Monday 23 March: late against the Ombudsman's date, though within the count.
    s = compute_clock(ombudsman, k_council, iso("2026-03-02"), {set, met("2026-03-23", "reply")},
                      iso("2026-03-30"));
    EXPECT_EQ(target(s, 0, 0).status, "met late");
}

}  // namespace
}  // namespace civic::cases
