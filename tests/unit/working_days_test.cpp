// SPDX-License-Identifier: AGPL-3.0-or-later
// Working days, clear days and response clocks, against dates worked out by hand with a
// calendar: every expected value below was counted day by day, not computed.

#include "civic/core/working_days.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <climits>
#include <stdexcept>
#include <string>
#include <vector>

#include "civic/core/date.hpp"

namespace civic {
namespace {

using Reason = NonWorkingDay::Reason;
using Change = CalendarAdjustment::Change;

Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(Date{});
}

const WorkingCalendar k_calendar;

// The office closes between Christmas and New Year, as many councils' do.
WorkingCalendar with_christmas_closure_2025() {
    const char* const name = "Office closed between Christmas and New Year";
    return WorkingCalendar({{iso("2025-12-29"), name, Change::Add},
                            {iso("2025-12-30"), name, Change::Add},
                            {iso("2025-12-31"), name, Change::Add}});
}

// add_working_days

struct AddRow {
    const char* from;
    int n;
    const char* expected;
    const char* why;
};

const AddRow k_add_rows[] = {
    {"2024-12-20", 10, "2025-01-08", "across Christmas Day, Boxing Day and New Year's Day"},
    {"2025-04-15", 10, "2025-05-01", "across Good Friday and Easter Monday"},
    {"2022-05-27", 10, "2022-06-14", "across the Platinum Jubilee; Monday 30 May 2022 was worked"},
    {"2021-12-24", 5, "2022-01-05",
     "across both Christmas substitute days and New Year's substitute"},
    {"2020-12-24", 3, "2020-12-31", "across Boxing Day's substitute, Monday 28 December"},
    {"2022-12-23", 2, "2022-12-29", "across Boxing Day and Christmas Day's substitute"},
    {"2023-05-05", 1, "2023-05-09", "across the coronation bank holiday"},
    {"2020-05-01", 5, "2020-05-11", "across VE Day, Friday 8 May; Monday 4 May 2020 was worked"},
    {"2022-09-16", 1, "2022-09-20", "across the State Funeral"},
    {"2027-12-24", 1, "2027-12-29", "Christmas on a Saturday"},
    {"2026-12-24", 1, "2026-12-29", "Boxing Day on a Saturday"},
    {"2028-12-22", 2, "2028-12-28", "Christmas on a Monday: no substitute days"},
    {"2016-12-23", 1, "2016-12-28", "Christmas on a Sunday"},
    {"2015-12-24", 1, "2015-12-29", "Boxing Day on a Saturday"},
    {"2029-12-24", 3, "2029-12-31", "into the last day of the year"},
    {"2025-01-06", 5, "2025-01-13", "one plain week"},
    {"2025-01-06", 10, "2025-01-20", "two plain weeks"},
    {"2024-02-28", 2, "2024-03-01", "across 29 February"},
    {"2025-01-11", 0, "2025-01-11", "n = 0 gives from itself, even a Saturday"},
    {"2025-01-11", 1, "2025-01-13", "from a Saturday, the first working day is Monday"},
    {"2025-12-25", 1, "2025-12-29", "from a bank holiday, which itself never counts"},
    {"2025-01-08", -10, "2024-12-20", "backwards across New Year and Christmas"},
    {"2025-05-01", -10, "2025-04-15", "backwards across Easter"},
    {"2022-06-14", -10, "2022-05-27", "backwards across the Platinum Jubilee"},
    {"2025-04-22", -1, "2025-04-17", "the working day before Easter Tuesday is Maundy Thursday"},
    {"2025-01-12", -1, "2025-01-10", "from a Sunday back to Friday"},
};

TEST(WorkingDays, add_the_way_a_council_officer_counts_them_on_a_calendar) {
    for (const AddRow& row : k_add_rows) {
        SCOPED_TRACE(fmt::format("{} {:+} ({})", row.from, row.n, row.why));
        EXPECT_EQ(format_iso_date(k_calendar.add_working_days(iso(row.from), row.n)), row.expected);
    }
}

TEST(WorkingDays, name_every_day_skipped_on_the_way_in_date_order) {
    const ExplainedDate forwards = k_calendar.add_working_days_explained(iso("2025-04-15"), 10);
    EXPECT_EQ(forwards.date, iso("2025-05-01"));
    EXPECT_EQ(forwards.skipped, (std::vector<NonWorkingDay>{
                                    {iso("2025-04-18"), Reason::BankHoliday, "Good Friday"},
                                    {iso("2025-04-19"), Reason::Weekend, "Saturday"},
                                    {iso("2025-04-20"), Reason::Weekend, "Sunday"},
                                    {iso("2025-04-21"), Reason::BankHoliday, "Easter Monday"},
                                    {iso("2025-04-26"), Reason::Weekend, "Saturday"},
                                    {iso("2025-04-27"), Reason::Weekend, "Sunday"},
                                }));

    const ExplainedDate backwards = k_calendar.add_working_days_explained(iso("2025-04-22"), -1);
    EXPECT_EQ(backwards.date, iso("2025-04-17"));
    EXPECT_EQ(backwards.skipped, (std::vector<NonWorkingDay>{
                                     {iso("2025-04-18"), Reason::BankHoliday, "Good Friday"},
                                     {iso("2025-04-19"), Reason::Weekend, "Saturday"},
                                     {iso("2025-04-20"), Reason::Weekend, "Sunday"},
                                     {iso("2025-04-21"), Reason::BankHoliday, "Easter Monday"},
                                 }));

    EXPECT_TRUE(k_calendar.add_working_days_explained(iso("2025-01-11"), 0).skipped.empty());
}

TEST(WorkingDays, land_on_a_working_day_and_count_back_to_the_start_for_every_n) {
    // The invariant that ties add and count together, over three years of starting days.
    for (Date from = iso("2024-01-01"); from <= iso("2026-12-31"); from = add_days(from, 1)) {
        for (int n = -25; n <= 25; ++n) {
            const Date to = k_calendar.add_working_days(from, n);
            ASSERT_EQ(k_calendar.count_working_days(from, to), n)
                << format_iso_date(from) << " " << n;
            if (n != 0) {
                ASSERT_TRUE(k_calendar.is_working_day(to)) << format_iso_date(from) << " " << n;
            }
        }
    }
}

TEST(WorkingDays, reject_dates_outside_the_calendar_as_a_bug_in_the_caller) {
    EXPECT_THROW(k_calendar.add_working_days(
                     Date{std::chrono::year{2025}, std::chrono::February, std::chrono::day{30}}, 1),
                 std::invalid_argument);
    EXPECT_THROW(k_calendar.add_working_days(iso("9999-12-31"), 1), std::out_of_range);
    EXPECT_THROW(k_calendar.add_working_days(iso("2025-01-06"), INT_MAX), std::out_of_range);
    EXPECT_THROW(k_calendar.add_working_days(iso("2025-01-06"), INT_MIN), std::out_of_range);
    EXPECT_EQ(k_calendar.try_add_working_days(iso("9999-12-31"), 1), std::nullopt);
    EXPECT_EQ(k_calendar.try_add_working_days(make_date(10000, 1, 1), 0), std::nullopt);
    EXPECT_EQ(k_calendar.try_add_working_days(iso("2025-01-06"), 10), iso("2025-01-20"));
    EXPECT_THROW(k_calendar.last_day_for_clear_working_days(iso("2025-03-12"), -1),
                 std::invalid_argument);
}

// count_working_days

struct CountRow {
    const char* from;
    const char* to;
    int expected;
    const char* why;
};

const CountRow k_count_rows[] = {
    {"2024-12-20", "2025-01-08", 10, "across Christmas and New Year"},
    {"2025-04-15", "2025-05-01", 10, "across Easter"},
    {"2022-05-27", "2022-06-14", 10, "across the Platinum Jubilee"},
    {"2025-01-06", "2025-01-06", 0, "the same day"},
    {"2025-01-10", "2025-01-13", 1, "Friday to Monday"},
    {"2025-01-10", "2025-01-12", 0, "Friday to Sunday"},
    {"2025-01-11", "2025-01-13", 1, "Saturday to Monday"},
    {"2025-04-17", "2025-04-22", 1, "Maundy Thursday to Easter Tuesday"},
    {"2025-12-24", "2025-12-27", 0, "Christmas Eve to the Saturday after Boxing Day"},
    {"2024-12-31", "2025-12-31", 253, "all of 2025: 261 weekdays less 8 bank holidays"},
    {"2021-12-31", "2022-12-31", 250, "all of 2022: 260 weekdays less 10 bank holidays"},
    {"2022-12-31", "2023-12-31", 251, "all of 2023: 260 weekdays less 9 bank holidays"},
    {"2023-12-31", "2024-12-31", 254, "all of 2024, a leap year: 262 weekdays less 8"},
    {"2025-01-08", "2024-12-20", -10, "backwards across New Year and Christmas"},
    {"2025-01-11", "2025-01-06", -5, "backwards from a Saturday: Monday to Friday count"},
};

TEST(WorkingDays, count_after_the_start_up_to_and_including_the_end) {
    for (const CountRow& row : k_count_rows) {
        SCOPED_TRACE(fmt::format("{} to {} ({})", row.from, row.to, row.why));
        EXPECT_EQ(k_calendar.count_working_days(iso(row.from), iso(row.to)), row.expected);
    }
}

TEST(WorkingDays, count_names_the_days_it_left_out) {
    const ExplainedCount c =
        k_calendar.count_working_days_explained(iso("2024-12-20"), iso("2025-01-08"));
    EXPECT_EQ(c.count, 10);
    EXPECT_EQ(c.skipped, (std::vector<NonWorkingDay>{
                             {iso("2024-12-21"), Reason::Weekend, "Saturday"},
                             {iso("2024-12-22"), Reason::Weekend, "Sunday"},
                             {iso("2024-12-25"), Reason::BankHoliday, "Christmas Day"},
                             {iso("2024-12-26"), Reason::BankHoliday, "Boxing Day"},
                             {iso("2024-12-28"), Reason::Weekend, "Saturday"},
                             {iso("2024-12-29"), Reason::Weekend, "Sunday"},
                             {iso("2025-01-01"), Reason::BankHoliday, "New Year\u2019s Day"},
                             {iso("2025-01-04"), Reason::Weekend, "Saturday"},
                             {iso("2025-01-05"), Reason::Weekend, "Sunday"},
                         }));
}

// Clear days

struct ClearRow {
    const char* a;
    const char* b;
    int expected;
    const char* why;
};

const ClearRow k_clear_rows[] = {
    {"2025-01-06", "2025-01-13", 4, "Monday to Monday: Tuesday to Friday"},
    {"2025-03-04", "2025-03-12", 5,
     "an agenda published Tuesday for a meeting a week on Wednesday"},
    {"2025-03-12", "2025-03-04", 5, "the order does not matter"},
    {"2025-04-17", "2025-04-23", 1, "across Easter only Tuesday 22 April is clear"},
    {"2025-01-06", "2025-01-06", 0, "the same day"},
    {"2025-01-06", "2025-01-07", 0, "the next day"},
    {"2024-12-20", "2025-01-03", 6, "across Christmas and New Year"},
    {"2025-05-02", "2025-05-13", 5, "a call-in period across the early May bank holiday"},
    {"2022-05-27", "2022-06-07", 4, "across the Platinum Jubilee"},
};

TEST(ClearDays, leave_out_the_day_of_the_event_and_the_day_of_the_meeting) {
    for (const ClearRow& row : k_clear_rows) {
        SCOPED_TRACE(fmt::format("{} and {} ({})", row.a, row.b, row.why));
        EXPECT_EQ(k_calendar.clear_working_days_between(iso(row.a), iso(row.b)), row.expected);
    }
}

TEST(ClearDays, name_the_days_between_that_do_not_count) {
    const ExplainedCount c =
        k_calendar.clear_working_days_between_explained(iso("2025-04-17"), iso("2025-04-23"));
    EXPECT_EQ(c.count, 1);
    EXPECT_EQ(c.skipped, (std::vector<NonWorkingDay>{
                             {iso("2025-04-18"), Reason::BankHoliday, "Good Friday"},
                             {iso("2025-04-19"), Reason::Weekend, "Saturday"},
                             {iso("2025-04-20"), Reason::Weekend, "Sunday"},
                             {iso("2025-04-21"), Reason::BankHoliday, "Easter Monday"},
                         }));
}

struct LastDayRow {
    const char* meeting;
    int clear_days;
    const char* expected;
    const char* why;
};

const LastDayRow k_last_day_rows[] = {
    {"2025-03-12", 5, "2025-03-04", "Wednesday meeting: publish by Tuesday of the week before"},
    {"2025-03-17", 5, "2025-03-09", "Monday meeting: the latest date is a Sunday"},
    {"2025-04-24", 5, "2025-04-14", "after Easter, Good Friday and Easter Monday do not count"},
    {"2025-01-09", 5, "2025-01-01", "the latest date is New Year's Day, itself never counted"},
    {"2024-12-31", 5, "2024-12-19", "across Christmas"},
    {"2022-06-09", 5, "2022-05-30", "across the Platinum Jubilee"},
    {"2025-03-12", 0, "2025-03-11", "no clear days: the day before"},
};

TEST(ClearDays, give_the_latest_day_to_publish_an_agenda) {
    for (const LastDayRow& row : k_last_day_rows) {
        SCOPED_TRACE(
            fmt::format("{} with {} clear days ({})", row.meeting, row.clear_days, row.why));
        const Date meeting = iso(row.meeting);
        const Date last = k_calendar.last_day_for_clear_working_days(meeting, row.clear_days);
        EXPECT_EQ(format_iso_date(last), row.expected);
        // Publishing on that day gives exactly enough clear days; a day later, one too few.
        EXPECT_EQ(k_calendar.clear_working_days_between(last, meeting), row.clear_days);
        if (row.clear_days > 0) {
            EXPECT_EQ(k_calendar.clear_working_days_between(add_days(last, 1), meeting),
                      row.clear_days - 1);
        }
    }
}

TEST(ClearDays, explain_the_latest_day_with_the_days_that_do_not_count) {
    const ExplainedDate e =
        k_calendar.last_day_for_clear_working_days_explained(iso("2025-03-17"), 5);
    EXPECT_EQ(e.date, iso("2025-03-09"));
    EXPECT_EQ(e.skipped, (std::vector<NonWorkingDay>{
                             {iso("2025-03-15"), Reason::Weekend, "Saturday"},
                             {iso("2025-03-16"), Reason::Weekend, "Sunday"},
                         }));
}

// The calendar and the council's own days

TEST(WorkingCalendar, says_whether_a_day_is_worked_and_why_not) {
    EXPECT_TRUE(k_calendar.is_working_day(iso("2025-04-22")));
    EXPECT_FALSE(k_calendar.is_working_day(iso("2025-04-18")));
    EXPECT_FALSE(k_calendar.is_working_day(iso("2025-01-11")));
    EXPECT_TRUE(
        k_calendar.is_working_day(iso("2022-05-30")));  // spring bank holiday moved that year
    EXPECT_TRUE(k_calendar.is_working_day(iso("2020-05-04")));  // early May moved to VE Day
    EXPECT_EQ(k_calendar.why_not_working(iso("2025-04-18")),
              (NonWorkingDay{iso("2025-04-18"), Reason::BankHoliday, "Good Friday"}));
    EXPECT_EQ(k_calendar.why_not_working(iso("2025-01-12")),
              (NonWorkingDay{iso("2025-01-12"), Reason::Weekend, "Sunday"}));
    EXPECT_EQ(k_calendar.why_not_working(iso("2025-04-22")), std::nullopt);
}

TEST(WorkingCalendar, finds_the_holiday_on_a_day_but_not_the_weekend_a_substitute_replaces) {
    EXPECT_EQ(k_calendar.holiday_on(iso("2025-12-25")),
              (Holiday{iso("2025-12-25"), "Christmas Day"}));
    EXPECT_EQ(k_calendar.holiday_on(iso("2021-12-27")),
              (Holiday{iso("2021-12-27"), "Christmas Day (substitute day)"}));
    EXPECT_EQ(k_calendar.holiday_on(iso("2021-12-25")), std::nullopt);  // a Saturday
    EXPECT_EQ(k_calendar.holiday_on(iso("2025-01-07")), std::nullopt);
}

TEST(WorkingCalendar, lists_holidays_in_a_range_including_both_ends) {
    EXPECT_EQ(k_calendar.holidays(iso("2025-12-25"), iso("2026-01-01")),
              (std::vector<Holiday>{{iso("2025-12-25"), "Christmas Day"},
                                    {iso("2025-12-26"), "Boxing Day"},
                                    {iso("2026-01-01"), "New Year\u2019s Day"}}));
    EXPECT_TRUE(k_calendar.holidays(iso("2026-01-02"), iso("2026-04-02")).empty());
    EXPECT_TRUE(k_calendar.holidays(iso("2026-01-01"), iso("2025-12-25")).empty());
}

TEST(WorkingCalendar, adds_a_council_closure_to_the_holidays_in_date_order) {
    const WorkingCalendar calendar = with_christmas_closure_2025();
    const char* const closure = "Office closed between Christmas and New Year";
    EXPECT_EQ(calendar.holidays(iso("2025-12-01"), iso("2026-01-31")),
              (std::vector<Holiday>{{iso("2025-12-25"), "Christmas Day"},
                                    {iso("2025-12-26"), "Boxing Day"},
                                    {iso("2025-12-29"), closure},
                                    {iso("2025-12-30"), closure},
                                    {iso("2025-12-31"), closure},
                                    {iso("2026-01-01"), "New Year\u2019s Day"}}));
    EXPECT_EQ(calendar.holiday_on(iso("2025-12-30")), (Holiday{iso("2025-12-30"), closure}));
    EXPECT_FALSE(calendar.is_working_day(iso("2025-12-31")));

    const ExplainedDate e = calendar.add_working_days_explained(iso("2025-12-24"), 1);
    EXPECT_EQ(e.date, iso("2026-01-02"));
    EXPECT_EQ(e.skipped, (std::vector<NonWorkingDay>{
                             {iso("2025-12-25"), Reason::BankHoliday, "Christmas Day"},
                             {iso("2025-12-26"), Reason::BankHoliday, "Boxing Day"},
                             {iso("2025-12-27"), Reason::Weekend, "Saturday"},
                             {iso("2025-12-28"), Reason::Weekend, "Sunday"},
                             {iso("2025-12-29"), Reason::CouncilDay, closure},
                             {iso("2025-12-30"), Reason::CouncilDay, closure},
                             {iso("2025-12-31"), Reason::CouncilDay, closure},
                             {iso("2026-01-01"), Reason::BankHoliday, "New Year\u2019s Day"},
                         }));
    // Without the closure, the same sum lands before New Year.
    EXPECT_EQ(k_calendar.add_working_days(iso("2025-12-24"), 1), iso("2025-12-29"));
}

TEST(WorkingCalendar, works_a_bank_holiday_the_council_removes) {
    const WorkingCalendar calendar(
        {{iso("2025-05-05"), "Offices open for the count", Change::Remove}});
    EXPECT_TRUE(calendar.is_working_day(iso("2025-05-05")));
    EXPECT_EQ(calendar.holiday_on(iso("2025-05-05")), std::nullopt);
    EXPECT_EQ(calendar.holidays(iso("2025-05-01"), iso("2025-05-31")),
              (std::vector<Holiday>{{iso("2025-05-26"), "Spring bank holiday"}}));
    EXPECT_EQ(calendar.add_working_days(iso("2025-05-02"), 1), iso("2025-05-05"));
    EXPECT_EQ(k_calendar.add_working_days(iso("2025-05-02"), 1), iso("2025-05-06"));
}

TEST(WorkingCalendar, adds_a_one_off_holiday_not_yet_in_the_rules) {
    const WorkingCalendar calendar(
        {{iso("2030-06-14"), "Bank holiday by proclamation", Change::Add}});
    EXPECT_EQ(calendar.holiday_on(iso("2030-06-14")),
              (Holiday{iso("2030-06-14"), "Bank holiday by proclamation"}));
    EXPECT_EQ(calendar.add_working_days(iso("2030-06-13"), 1), iso("2030-06-17"));
    EXPECT_EQ(calendar.count_working_days(iso("2030-06-10"), iso("2030-06-17")), 4);
}

TEST(WorkingCalendar, moves_a_bank_holiday_by_removing_one_day_and_adding_another) {
    // How a council would have entered the 2020 VE Day move before the rules knew of it,
    // shown on 2026 with a made-up move from Monday 4 to Friday 8 May.
    const WorkingCalendar calendar(
        {{iso("2026-05-04"), "", Change::Remove},
         {iso("2026-05-08"), "Early May bank holiday (moved)", Change::Add}});
    EXPECT_TRUE(calendar.is_working_day(iso("2026-05-04")));
    EXPECT_EQ(calendar.holidays(iso("2026-05-01"), iso("2026-05-10")),
              (std::vector<Holiday>{{iso("2026-05-08"), "Early May bank holiday (moved)"}}));
}

TEST(WorkingCalendar, resolves_conflicting_changes_without_failing) {
    const WorkingCalendar calendar({
        {iso("2025-12-25"), "Christmas closure", Change::Add},  // already a bank holiday
        {iso("2025-03-04"), "Not a holiday", Change::Remove},   // nothing to remove
        {iso("2025-12-29"), "First name", Change::Add},
        {iso("2025-12-29"), "Second name", Change::Add},
        {iso("2025-12-30"), "   ", Change::Add},
        {iso("2025-12-26"), "", Change::Remove},
        {iso("2025-12-26"), "Staff day", Change::Add},  // replaces Boxing Day's name
    });
    EXPECT_EQ(calendar.holiday_on(iso("2025-12-25")),
              (Holiday{iso("2025-12-25"), "Christmas Day"}));
    EXPECT_TRUE(calendar.is_working_day(iso("2025-03-04")));
    EXPECT_EQ(calendar.holiday_on(iso("2025-12-29")), (Holiday{iso("2025-12-29"), "First name"}));
    EXPECT_EQ(calendar.holiday_on(iso("2025-12-30")),
              (Holiday{iso("2025-12-30"), "Council closure day"}));
    EXPECT_EQ(calendar.why_not_working(iso("2025-12-26")),
              (NonWorkingDay{iso("2025-12-26"), Reason::CouncilDay, "Staff day"}));
    EXPECT_EQ(calendar.adjustments().size(), 7u);
}

void expect_field_error(const Result<void>& r, const std::string& field,
                        const std::string& message) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Validation);
    ASSERT_EQ(r.error().errors.size(), 1u);
    EXPECT_EQ(r.error().errors[0].field, field);
    EXPECT_EQ(r.error().errors[0].message, message);
}

TEST(WorkingCalendar, checks_a_council_change_before_it_is_stored) {
    const WorkingCalendar calendar = with_christmas_closure_2025();
    EXPECT_TRUE(
        calendar.check_adjustment({iso("2026-12-29"), "Office closed", Change::Add}).has_value());
    EXPECT_TRUE(calendar.check_adjustment({iso("2025-05-05"), "", Change::Remove}).has_value());

    expect_field_error(
        calendar.check_adjustment({iso("2025-04-18"), "Easter closure", Change::Add}), "date",
        "Friday 18 April 2025 is already a day off: Good Friday.");
    expect_field_error(calendar.check_adjustment({iso("2025-12-29"), "Closed", Change::Add}),
                       "date",
                       "Monday 29 December 2025 is already a day off: Office closed between "
                       "Christmas and New Year.");
    expect_field_error(
        calendar.check_adjustment({iso("2025-12-27"), "Closed", Change::Add}), "date",
        "Saturday 27 December 2025 is at a weekend, so it is not a working day anyway.");
    expect_field_error(calendar.check_adjustment({iso("2026-12-29"), " ", Change::Add}), "name",
                       "Give the day a name, for example \u201cOffice closed between Christmas and "
                       "New Year\u201d.");
    expect_field_error(calendar.check_adjustment({iso("2025-03-04"), "", Change::Remove}), "date",
                       "There is no bank holiday on Tuesday 4 March 2025 to remove.");
    expect_field_error(calendar.check_adjustment({iso("2025-12-30"), "", Change::Remove}), "date",
                       "There is no bank holiday on Tuesday 30 December 2025 to remove.");
    expect_field_error(calendar.check_adjustment({Date{std::chrono::year{2025},
                                                       std::chrono::February, std::chrono::day{30}},
                                                  "Closed", Change::Add}),
                       "date", "Enter a real date, for example 2025-12-29.");
}

// The response clock

WorkingDayClock started(const char* received, int target,
                        const WorkingCalendar& calendar = k_calendar) {
    auto clock = WorkingDayClock::start(calendar, iso(received), target);
    EXPECT_TRUE(clock.has_value());
    return *std::move(clock);
}

TEST(WorkingDayClock, is_due_the_target_number_of_working_days_after_receipt) {
    const WorkingDayClock clock = started("2025-01-06", 10);
    EXPECT_EQ(clock.due_date(), iso("2025-01-20"));
    EXPECT_FALSE(clock.is_stopped());
    EXPECT_EQ(clock.working_days_used(iso("2025-01-03")), 0);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-06")), 0);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-07")), 1);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-12")), 4);
    EXPECT_EQ(clock.remaining(iso("2025-01-20")), 0);
    EXPECT_EQ(clock.remaining(iso("2025-01-22")), -2);
}

TEST(WorkingDayClock, moves_the_due_date_by_the_working_days_strictly_between_stop_and_restart) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "waiting for information from the complainant").has_value());
    EXPECT_TRUE(clock.is_stopped());
    EXPECT_EQ(clock.due_date(), std::nullopt);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-08")), 2);  // the stop day counts
    EXPECT_EQ(clock.working_days_used(iso("2025-01-10")), 2);
    EXPECT_EQ(clock.remaining(iso("2025-01-30")), 8);

    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    EXPECT_FALSE(clock.is_stopped());
    EXPECT_EQ(clock.due_date(), iso("2025-01-22"));  // Thursday 9 and Friday 10 paused
    EXPECT_EQ(clock.working_days_used(iso("2025-01-10")), 2);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-13")), 3);  // the restart day counts
    EXPECT_EQ(clock.remaining(iso("2025-01-22")), 0);
    EXPECT_EQ(clock.remaining(iso("2025-01-24")), -2);
    ASSERT_EQ(clock.stops().size(), 1u);
    EXPECT_EQ(clock.stops()[0].reason, "waiting for information from the complainant");
}

TEST(WorkingDayClock, pauses_nothing_when_restarted_the_day_it_stopped_or_over_a_weekend) {
    WorkingDayClock same_day = started("2025-01-06", 10);
    ASSERT_TRUE(same_day.stop(iso("2025-01-08"), "a quick call").has_value());
    ASSERT_TRUE(same_day.restart(iso("2025-01-08")).has_value());
    EXPECT_EQ(same_day.due_date(), iso("2025-01-20"));
    EXPECT_EQ(same_day.working_days_used(iso("2025-01-08")), 2);

    WorkingDayClock weekend = started("2025-01-06", 10);
    ASSERT_TRUE(weekend.stop(iso("2025-01-10"), "waiting for a reply").has_value());
    ASSERT_TRUE(weekend.restart(iso("2025-01-13")).has_value());
    EXPECT_EQ(weekend.due_date(), iso("2025-01-20"));
}

TEST(WorkingDayClock, may_stop_on_the_day_of_receipt) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-06"), "waiting for the complainant\u2019s address").has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-08")).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-01-21"));  // Tuesday 7 paused
}

TEST(WorkingDayClock, stops_twice_across_christmas) {
    WorkingDayClock clock = started("2024-12-16", 10);
    EXPECT_EQ(clock.due_date(), iso("2025-01-02"));
    ASSERT_TRUE(clock.stop(iso("2024-12-18"), "waiting for the complainant\u2019s photographs")
                    .has_value());
    ASSERT_TRUE(clock.restart(iso("2024-12-20")).has_value());
    ASSERT_TRUE(
        clock.stop(iso("2024-12-30"), "waiting for the housing team\u2019s records").has_value());
    EXPECT_EQ(clock.working_days_used(iso("2025-01-03")), 7);
    ASSERT_TRUE(clock.restart(iso("2025-01-06")).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-01-08"));
    EXPECT_EQ(clock.working_days_used(iso("2024-12-19")), 2);
    EXPECT_EQ(clock.working_days_used(iso("2024-12-20")), 3);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-06")), 8);
    EXPECT_EQ(clock.remaining(iso("2025-01-08")), 0);
}

TEST(WorkingDayClock, does_not_move_the_due_date_for_a_stop_after_the_target_was_reached) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(clock.stop(iso("2025-01-22"), "waiting for the ombudsman\u2019s view").has_value());
    EXPECT_TRUE(clock.is_stopped());
    EXPECT_EQ(clock.due_date(), iso("2025-01-20"));
    ASSERT_TRUE(clock.restart(iso("2025-01-27")).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-01-20"));
    EXPECT_EQ(clock.remaining(iso("2025-01-27")),
              -3);  // 21, 22 and 27 January count; 23, 24 paused
}

TEST(WorkingDayClock, counts_a_council_closure_as_a_day_that_does_not_count) {
    const WorkingDayClock clock = started("2025-12-15", 10, with_christmas_closure_2025());
    EXPECT_EQ(clock.due_date(), iso("2026-01-06"));
    EXPECT_EQ(started("2025-12-15", 10).due_date(), iso("2025-12-31"));
}

TEST(WorkingDayClock, refuses_to_stop_twice) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(clock.stop(iso("2025-01-08"), "waiting for information").has_value());
    const auto r = clock.stop(iso("2025-01-09"), "waiting again");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(r.error().detail,
              "The clock is already stopped (since Wednesday 8 January 2025); restart it before "
              "stopping it again.");
    EXPECT_EQ(clock.stops().size(), 1u);
}

TEST(WorkingDayClock, refuses_to_restart_a_clock_that_is_running) {
    WorkingDayClock clock = started("2025-01-06", 10);
    const auto r = clock.restart(iso("2025-01-08"));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Conflict);
    EXPECT_EQ(r.error().detail, "The clock is not stopped, so it cannot be restarted.");
}

TEST(WorkingDayClock, refuses_a_stop_before_the_request_was_received) {
    WorkingDayClock clock = started("2025-01-06", 10);
    expect_field_error(
        clock.stop(iso("2025-01-03"), "waiting for information"), "date",
        "The clock cannot stop before the request was received on Monday 6 January 2025.");
    EXPECT_FALSE(clock.is_stopped());
}

TEST(WorkingDayClock, refuses_a_restart_before_the_stop_and_a_stop_before_the_last_restart) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(clock.stop(iso("2025-01-08"), "waiting for information").has_value());
    expect_field_error(clock.restart(iso("2025-01-07")), "date",
                       "The clock cannot restart before it stopped on Wednesday 8 January 2025.");
    EXPECT_TRUE(clock.is_stopped());
    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    expect_field_error(clock.stop(iso("2025-01-10"), "waiting again"), "date",
                       "The clock cannot stop before it last restarted on Monday 13 January 2025.");
}

TEST(WorkingDayClock, refuses_a_stop_without_a_reason) {
    WorkingDayClock clock = started("2025-01-06", 10);
    expect_field_error(clock.stop(iso("2025-01-08"), "  "), "reason",
                       "Say why the clock is stopping, for example \u201cwaiting for information "
                       "from the complainant\u201d.");
}

TEST(WorkingDayClock, refuses_a_target_out_of_range_and_a_date_past_the_calendar) {
    const auto zero = WorkingDayClock::start(k_calendar, iso("2025-01-06"), 0);
    ASSERT_FALSE(zero.has_value());
    ASSERT_EQ(zero.error().errors.size(), 1u);
    EXPECT_EQ(zero.error().errors[0].field, "target");
    EXPECT_EQ(
        zero.error().errors[0].message,
        "The target must be a whole number of working days from 1 to 1000, for example 10 or 20.");
    EXPECT_FALSE(WorkingDayClock::start(k_calendar, iso("2025-01-06"), 1001).has_value());
    EXPECT_TRUE(WorkingDayClock::start(k_calendar, iso("2025-01-06"), 1000).has_value());

    const auto late = WorkingDayClock::start(k_calendar, iso("9999-12-20"), 10);
    ASSERT_FALSE(late.has_value());
    EXPECT_EQ(late.error().errors[0].field, "received");
    EXPECT_EQ(late.error().errors[0].message,
              "10 working days from Monday 20 December 9999 would fall after 31 December 9999.");
}

// Freedom of Information requests: section 10(6) of the Freedom of Information Act 2000
// leaves out Saturdays, Sundays, Christmas Day, Good Friday and any day that is a bank
// holiday in any part of the United Kingdom.

const WorkingCalendar k_any_part_of_uk(BankHolidays::AnyPartOfUk);

struct FoiRow {
    const char* received;
    const char* due;                    // the 20th working day, any part of the UK
    const char* due_england_and_wales;  // the same sum on England and Wales's holidays
    const char* why;
};

// Each counted by hand on a calendar; day 1 is the first working day after receipt.
const FoiRow k_foi_rows[] = {
    {"2025-11-14", "2025-12-15", "2025-12-12",
     "Friday 14 November 2025. Days 1-5 are 17-21 November, 6-10 are 24-28 November. Monday "
     "1 December is St Andrew's Day's substitute in Scotland, so it does not count; days "
     "11-14 are 2-5 December, 15-19 are 8-12 December, and day 20 is Monday 15 December. "
     "On England and Wales's holidays 1 December is day 11 and day 20 is Friday 12 December"},
    {"2025-12-15", "2026-01-16", "2026-01-15",
     "Monday 15 December 2025. Days 1-4 are 16-19 December, 5-7 are 22-24 December; 25 and "
     "26 December are Christmas Day and Boxing Day; days 8-10 are 29-31 December; 1 January "
     "is New Year's Day and Friday 2 January is 2nd January in Scotland; days 11-15 are 5-9 "
     "January and 16-20 are 12-16 January. England and Wales count 2 January as day 11"},
    {"2026-03-16", "2026-04-16", "2026-04-15",
     "Monday 16 March 2026. Tuesday 17 March is St Patrick's Day in Northern Ireland; days "
     "1-3 are 18-20 March, 4-8 are 23-27 March, 9-12 are 30 March to 2 April; Good Friday "
     "3 April and Easter Monday 6 April (England, Wales and Northern Ireland) do not count; "
     "days 13-16 are 7-10 April and 17-20 are 13-16 April"},
    {"2024-03-15", "2024-04-17", "2024-04-16",
     "Friday 15 March 2024. St Patrick's Day was a Sunday, so Monday 18 March is its "
     "substitute; days 1-4 are 19-22 March, 5-8 are 25-28 March; Good Friday 29 March and "
     "Easter Monday 1 April do not count; days 9-12 are 2-5 April, 13-17 are 8-12 April and "
     "18-20 are 15-17 April"},
    {"2025-07-11", "2025-08-12", "2025-08-08",
     "Friday 11 July 2025. The Boyne was a Saturday, so Monday 14 July is its substitute in "
     "Northern Ireland; days 1-4 are 15-18 July, 5-9 are 21-25 July, 10-14 are 28 July to 1 "
     "August; Monday 4 August is Scotland's summer bank holiday; days 15-18 are 5-8 August and "
     "19-20 are 11-12 August. England and Wales count 14 July and 4 August"},
    {"2026-06-05", "2026-07-06", "2026-07-03",
     "Friday 5 June 2026. Days 1-5 are 8-12 June; Monday 15 June is Scotland's World Cup bank "
     "holiday; days 6-9 are 16-19 June, 10-14 are 22-26 June, 15-19 are 29 June to 3 July and "
     "day 20 is Monday 6 July"},
};

TEST(FreedomOfInformation, is_due_on_the_20th_working_day_of_any_part_of_the_uk) {
    for (const FoiRow& row : k_foi_rows) {
        SCOPED_TRACE(row.why);
        const auto clock = WorkingDayClock::start(k_any_part_of_uk, iso(row.received), 20);
        ASSERT_TRUE(clock.has_value());
        EXPECT_EQ(clock->due_date(), iso(row.due));
        EXPECT_EQ(clock->remaining(iso(row.due)), 0);
        EXPECT_EQ(k_any_part_of_uk.add_working_days(iso(row.received), 20), iso(row.due));
        EXPECT_EQ(k_calendar.add_working_days(iso(row.received), 20),
                  iso(row.due_england_and_wales));
    }
}

TEST(FreedomOfInformation, counts_from_the_monday_after_a_request_received_on_a_saturday) {
    const auto clock = WorkingDayClock::start(k_any_part_of_uk, iso("2025-11-08"), 20);
    ASSERT_TRUE(clock.has_value());
    EXPECT_EQ(clock->working_days_used(iso("2025-11-08")), 0);
    EXPECT_EQ(clock->working_days_used(iso("2025-11-09")), 0);
    EXPECT_EQ(clock->working_days_used(iso("2025-11-10")), 1);  // Monday is day 1
    // Days 1-15 are 10-28 November, 1 December is St Andrew's Day's substitute, days 16-19
    // are 2-5 December and day 20 is Monday 8 December.
    EXPECT_EQ(clock->due_date(), iso("2025-12-08"));

    // The Saturday before St Andrew's Day's substitute: day 1 is Tuesday 2 December.
    const auto before_st_andrews = WorkingDayClock::start(k_any_part_of_uk, iso("2025-11-29"), 20);
    ASSERT_TRUE(before_st_andrews.has_value());
    EXPECT_EQ(before_st_andrews->working_days_used(iso("2025-12-01")), 0);
    EXPECT_EQ(before_st_andrews->working_days_used(iso("2025-12-02")), 1);
}

TEST(FreedomOfInformation, names_each_day_off_with_where_it_is_a_bank_holiday) {
    EXPECT_EQ(k_any_part_of_uk.bank_holidays(), BankHolidays::AnyPartOfUk);
    EXPECT_EQ(k_any_part_of_uk.why_not_working(iso("2025-12-01")),
              (NonWorkingDay{iso("2025-12-01"), Reason::BankHoliday,
                             "St Andrew\u2019s Day (substitute day) in Scotland"}));
    EXPECT_EQ(k_any_part_of_uk.why_not_working(iso("2025-04-21")),
              (NonWorkingDay{iso("2025-04-21"), Reason::BankHoliday,
                             "Easter Monday in England, Wales and Northern Ireland"}));
    EXPECT_EQ(k_any_part_of_uk.why_not_working(iso("2025-04-18")),
              (NonWorkingDay{iso("2025-04-18"), Reason::BankHoliday, "Good Friday"}));
    EXPECT_EQ(k_any_part_of_uk.holidays(iso("2025-12-25"), iso("2026-01-05")),
              (std::vector<Holiday>{{iso("2025-12-25"), "Christmas Day"},
                                    {iso("2025-12-26"), "Boxing Day"},
                                    {iso("2026-01-01"), "New Year\u2019s Day"},
                                    {iso("2026-01-02"), "2nd January in Scotland"}}));
    EXPECT_EQ(k_any_part_of_uk.holiday_on(iso("2026-06-15")),
              (Holiday{iso("2026-06-15"), "World Cup bank holiday in Scotland"}));
    // England and Wales's calendar works those days.
    EXPECT_TRUE(k_calendar.is_working_day(iso("2025-12-01")));
    EXPECT_TRUE(k_calendar.is_working_day(iso("2026-01-02")));

    const ExplainedCount c =
        k_any_part_of_uk.count_working_days_explained(iso("2025-03-14"), iso("2025-03-18"));
    EXPECT_EQ(c.count, 1);
    EXPECT_EQ(
        c.skipped,
        (std::vector<NonWorkingDay>{
            {iso("2025-03-15"), Reason::Weekend, "Saturday"},
            {iso("2025-03-16"), Reason::Weekend, "Sunday"},
            {iso("2025-03-17"), Reason::BankHoliday, "St Patrick\u2019s Day in Northern Ireland"},
        }));
}

TEST(FreedomOfInformation, explains_the_due_date_with_the_bank_holiday_of_another_nation) {
    const auto clock = WorkingDayClock::start(k_any_part_of_uk, iso("2025-11-28"), 2);
    ASSERT_TRUE(clock.has_value());
    EXPECT_EQ(clock->explanation(),
              (std::vector<std::string>{
                  "Received Friday 28 November 2025.",
                  "2 working days from then is Wednesday 3 December 2025.",
                  "Skipped: Saturday 29 and Sunday 30 November (weekend).",
                  "Skipped: Monday 1 December (St Andrew\u2019s Day (substitute day) in "
                  "Scotland).",
                  "Due: Wednesday 3 December 2025.",
              }));
}

TEST(FreedomOfInformation, keeps_a_councils_own_days_on_top_of_the_uk_wide_holidays) {
    const WorkingCalendar calendar(BankHolidays::AnyPartOfUk,
                                   {{iso("2025-12-29"), "Office closed", Change::Add},
                                    {iso("2025-12-01"), "", Change::Remove}});
    EXPECT_EQ(calendar.bank_holidays(), BankHolidays::AnyPartOfUk);
    EXPECT_EQ(calendar.holidays(iso("2025-11-28"), iso("2025-12-31")),
              (std::vector<Holiday>{{iso("2025-12-25"), "Christmas Day"},
                                    {iso("2025-12-26"), "Boxing Day"},
                                    {iso("2025-12-29"), "Office closed"}}));
    EXPECT_EQ(calendar.why_not_working(iso("2025-12-29")),
              (NonWorkingDay{iso("2025-12-29"), Reason::CouncilDay, "Office closed"}));
    EXPECT_TRUE(calendar.is_working_day(iso("2025-12-01")));
    expect_field_error(calendar.check_adjustment({iso("2026-01-02"), "Closed", Change::Add}),
                       "date",
                       "Friday 2 January 2026 is already a day off: 2nd January in Scotland.");
    EXPECT_TRUE(calendar.check_adjustment({iso("2026-01-02"), "", Change::Remove}).has_value());
    // The council's days count against a clock on this calendar: 20 working days from
    // Monday 15 December 2025 now pass over 29 December too.
    const auto clock = WorkingDayClock::start(calendar, iso("2025-12-15"), 20);
    ASSERT_TRUE(clock.has_value());
    EXPECT_EQ(clock->due_date(), iso("2026-01-19"));
}

TEST(WorkingCalendar, keeps_england_and_wales_as_the_default_and_can_use_another_nation) {
    EXPECT_EQ(k_calendar.bank_holidays(), BankHolidays::EnglandAndWales);
    EXPECT_EQ(with_christmas_closure_2025().bank_holidays(), BankHolidays::EnglandAndWales);
    const WorkingCalendar scotland(BankHolidays::Scotland);
    EXPECT_FALSE(scotland.is_working_day(iso("2025-08-04")));  // Scotland's summer holiday
    EXPECT_TRUE(scotland.is_working_day(iso("2025-08-25")));
    EXPECT_TRUE(scotland.is_working_day(iso("2025-04-21")));  // no Easter Monday
    const WorkingCalendar northern_ireland(BankHolidays::NorthernIreland);
    EXPECT_EQ(northern_ireland.holiday_on(iso("2025-07-14")),
              (Holiday{iso("2025-07-14"),
                       "Battle of the Boyne (Orangemen\u2019s Day) (substitute day)"}));
    EXPECT_TRUE(northern_ireland.is_working_day(iso("2025-12-01")));
}

TEST(FreedomOfInformation, lands_on_a_working_day_and_counts_back_to_the_start_for_every_n) {
    // From June 2025 to July 2026: St Andrew's Day, 2nd January, St Patrick's Day, Easter,
    // the World Cup bank holiday and the Boyne.
    for (Date from = iso("2025-06-01"); from <= iso("2026-07-31"); from = add_days(from, 1)) {
        for (int n = -25; n <= 25; ++n) {
            const Date to = k_any_part_of_uk.add_working_days(from, n);
            ASSERT_EQ(k_any_part_of_uk.count_working_days(from, to), n)
                << format_iso_date(from) << " " << n;
            if (n != 0) {
                ASSERT_TRUE(k_any_part_of_uk.is_working_day(to))
                    << format_iso_date(from) << " " << n;
            }
        }
    }
}

// Stops whose own days do not count, and extensions. Section 10(2) of the Freedom of
// Information Act 2000 disregards "the working days in the period beginning with the day on
// which the fees notice is given to the applicant and ending with the day on which the fee
// is received by the authority".

using StopEnds = WorkingDayClock::StopEnds;

TEST(ClockFeeNotice, disregards_the_day_of_the_notice_and_the_day_of_the_fee_as_the_act_says) {
    // Received Monday 6 January 2025: day 1 is Tuesday 7. The notice goes on Wednesday 8 and
    // the fee arrives on Monday 13, so 8, 9, 10 and 13 January are disregarded. Days 2-5 are
    // 14-17 January, 6-10 are 20-24, 11-15 are 27-31 and 16-20 are 3-7 February.
    for (const WorkingCalendar& calendar : {k_any_part_of_uk, k_calendar}) {
        WorkingDayClock clock = started("2025-01-06", 20, calendar);
        ASSERT_TRUE(
            clock.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
        EXPECT_EQ(clock.stops()[0].ends, StopEnds::Disregarded);
        EXPECT_EQ(clock.working_days_used(iso("2025-01-07")), 1);
        EXPECT_EQ(clock.working_days_used(iso("2025-01-08")), 1);  // the notice day does not count
        ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
        EXPECT_EQ(clock.due_date(), iso("2025-02-07"));
        EXPECT_EQ(clock.working_days_used(iso("2025-01-10")), 1);
        EXPECT_EQ(clock.working_days_used(iso("2025-01-13")), 1);  // nor the day of the fee
        EXPECT_EQ(clock.working_days_used(iso("2025-01-14")), 2);
        EXPECT_EQ(clock.remaining(iso("2025-02-06")), 1);
        EXPECT_EQ(clock.remaining(iso("2025-02-07")), 0);
        EXPECT_EQ(clock.remaining(iso("2025-02-10")), -1);
    }
}

TEST(ClockFeeNotice, would_be_due_two_days_earlier_if_the_stop_and_restart_days_counted) {
    // The same dates as a stop whose ends count: only Thursday 9 and Friday 10 are paused.
    // Days 1-2 are 7-8 January, 3 is Monday 13, 4-7 are 14-17, 8-12 are 20-24, 13-17 are
    // 27-31 and 18-20 are 3-5 February.
    WorkingDayClock clock = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(clock.stop(iso("2025-01-08"), "fee notice given").has_value());
    EXPECT_EQ(clock.stops()[0].ends, StopEnds::Counted);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-08")), 2);
    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    EXPECT_EQ(clock.working_days_used(iso("2025-01-13")), 3);
    EXPECT_EQ(clock.due_date(), iso("2025-02-05"));
}

TEST(ClockFeeNotice, given_on_the_day_of_receipt_leaves_day_0_uncounted_and_disregards_the_rest) {
    // Notice on Monday 6 January, the day of receipt, and fee on Wednesday 8: 7 and 8 are
    // disregarded, so day 1 is Thursday 9. Days 2 is Friday 10, 3-7 are 13-17, 8-12 are
    // 20-24, 13-17 are 27-31 and 18-20 are 3-5 February.
    WorkingDayClock clock = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-06"), "fee notice given", StopEnds::Disregarded).has_value());
    EXPECT_EQ(clock.working_days_used(iso("2025-01-07")), 0);
    ASSERT_TRUE(clock.restart(iso("2025-01-08")).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-02-05"));
    EXPECT_EQ(clock.working_days_used(iso("2025-01-06")), 0);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-08")), 0);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-09")), 1);
    EXPECT_EQ(clock.remaining(iso("2025-02-05")), 0);

    // Notice and fee both on the day of receipt: nothing that would have counted is lost,
    // and the 20th working day is Monday 3 February, as with no notice at all.
    WorkingDayClock same_day = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        same_day.stop(iso("2025-01-06"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(same_day.restart(iso("2025-01-06")).has_value());
    EXPECT_EQ(same_day.due_date(), iso("2025-02-03"));
    EXPECT_EQ(same_day.working_days_used(iso("2025-01-07")), 1);
}

TEST(ClockFeeNotice, disregards_the_one_day_when_the_fee_arrives_the_day_the_notice_is_given) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-08")).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-01-21"));  // one day later than Monday 20
    EXPECT_EQ(clock.working_days_used(iso("2025-01-08")), 1);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-09")), 2);
}

TEST(ClockFeeNotice, not_yet_paid_has_no_due_date_and_freezes_the_days_used_before_the_notice) {
    WorkingDayClock clock = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    EXPECT_TRUE(clock.is_stopped());
    EXPECT_EQ(clock.due_date(), std::nullopt);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-08")), 1);
    EXPECT_EQ(clock.working_days_used(iso("2025-01-20")), 1);
    EXPECT_EQ(clock.remaining(iso("2025-04-08")), 19);
}

TEST(ClockFeeNotice, takes_out_only_the_working_days_when_its_ends_are_not_working_days) {
    // Stopped on Saturday 11 and restarted on Sunday 19 January: 13-17 January are out,
    // whichever kind of stop it is. Days 1-4 are 7-10 January, 5-9 are 20-24 and day 10 is
    // Monday 27.
    for (const StopEnds ends : {StopEnds::Disregarded, StopEnds::Counted}) {
        WorkingDayClock clock = started("2025-01-06", 10);
        ASSERT_TRUE(clock.stop(iso("2025-01-11"), "waiting for the fee", ends).has_value());
        ASSERT_TRUE(clock.restart(iso("2025-01-19")).has_value());
        EXPECT_EQ(clock.due_date(), iso("2025-01-27"));
        EXPECT_EQ(clock.working_days_used(iso("2025-01-17")), 4);
        EXPECT_EQ(clock.working_days_used(iso("2025-01-20")), 5);
    }

    // Notice on Good Friday 18 April 2025 and fee on Easter Monday 21 April: no working day
    // lies between, so nothing moves. Days 1-3 are 15-17 April, 4-7 are 22-25 and 8-10 are
    // 28-30 April.
    WorkingDayClock easter = started("2025-04-14", 10);
    ASSERT_TRUE(
        easter.stop(iso("2025-04-18"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(easter.restart(iso("2025-04-21")).has_value());
    EXPECT_EQ(easter.due_date(), iso("2025-04-30"));
    EXPECT_EQ(easter.working_days_used(iso("2025-04-21")), 3);
    EXPECT_EQ(easter.working_days_used(iso("2025-04-22")), 4);
}

TEST(ClockFeeNotice, does_not_move_the_due_date_once_the_target_was_reached) {
    // Due Monday 20 January. A notice on Wednesday 22 paid on Friday 24 leaves it there;
    // Tuesday 21 and Monday 27 count, so on the 27th the clock is 2 days over.
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-22"), "fee notice given", StopEnds::Disregarded).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-01-20"));
    ASSERT_TRUE(clock.restart(iso("2025-01-24")).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-01-20"));
    EXPECT_EQ(clock.remaining(iso("2025-01-24")), -1);
    EXPECT_EQ(clock.remaining(iso("2025-01-27")), -2);

    // A notice given on the due date itself takes that day out, so the 10th working day
    // becomes Tuesday 21; a stop whose ends count leaves the due date where it was.
    WorkingDayClock on_the_day = started("2025-01-06", 10);
    ASSERT_TRUE(
        on_the_day.stop(iso("2025-01-20"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(on_the_day.restart(iso("2025-01-20")).has_value());
    EXPECT_EQ(on_the_day.due_date(), iso("2025-01-21"));
    WorkingDayClock counted = started("2025-01-06", 10);
    ASSERT_TRUE(counted.stop(iso("2025-01-20"), "waiting for the fee").has_value());
    ASSERT_TRUE(counted.restart(iso("2025-01-20")).has_value());
    EXPECT_EQ(counted.due_date(), iso("2025-01-20"));
}

TEST(ClockFeeNotice, takes_out_a_day_once_when_a_notice_is_given_the_day_a_stop_restarts) {
    // Two notices back to back: 8-10 and 13 January, then 13 (already out) and 14. Five
    // working days disregarded: day 1 is Tuesday 7, 2-4 are 15-17 January, 5-9 are 20-24,
    // 10-14 are 27-31, 15-19 are 3-7 February and day 20 is Monday 10 February.
    WorkingDayClock twice = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        twice.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(twice.restart(iso("2025-01-13")).has_value());
    ASSERT_TRUE(twice.stop(iso("2025-01-13"), "second fee notice given", StopEnds::Disregarded)
                    .has_value());
    ASSERT_TRUE(twice.restart(iso("2025-01-14")).has_value());
    EXPECT_EQ(twice.due_date(), iso("2025-02-10"));
    EXPECT_EQ(twice.working_days_used(iso("2025-01-14")), 1);
    EXPECT_EQ(twice.working_days_used(iso("2025-01-15")), 2);

    // A stop whose restart day counts, then a notice that same Monday: the notice wins, so
    // 9, 10 and 13 are out and 8 counts. Days 1-2 are 7-8 January, 3-6 are 14-17, 7-11 are
    // 20-24, 12-16 are 27-31 and 17-20 are 3-6 February.
    WorkingDayClock mixed = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(mixed.stop(iso("2025-01-08"), "waiting for the scope of the request").has_value());
    ASSERT_TRUE(mixed.restart(iso("2025-01-13")).has_value());
    ASSERT_TRUE(
        mixed.stop(iso("2025-01-13"), "fee notice given", StopEnds::Disregarded).has_value());
    EXPECT_EQ(mixed.working_days_used(iso("2025-01-13")), 2);
    ASSERT_TRUE(mixed.restart(iso("2025-01-13")).has_value());
    EXPECT_EQ(mixed.due_date(), iso("2025-02-06"));
    EXPECT_EQ(mixed.working_days_used(iso("2025-01-13")), 2);
    EXPECT_EQ(mixed.working_days_used(iso("2025-01-14")), 3);

    // The same on a stop day: stopped and restarted on Wednesday 8, then a notice that day.
    WorkingDayClock same_day = started("2025-01-06", 10);
    ASSERT_TRUE(same_day.stop(iso("2025-01-08"), "a quick call").has_value());
    ASSERT_TRUE(same_day.restart(iso("2025-01-08")).has_value());
    ASSERT_TRUE(
        same_day.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(same_day.restart(iso("2025-01-08")).has_value());
    EXPECT_EQ(same_day.due_date(), iso("2025-01-21"));
    EXPECT_EQ(same_day.working_days_used(iso("2025-01-08")), 1);
}

TEST(ClockFeeNotice, counts_as_a_day_by_day_count_would_for_every_pair_of_stops) {
    // Around Easter 2025 (Good Friday 18 April, Easter Monday 21 April): every pair of stops
    // of either kind, each up to 3 days long, against the rule stated plainly: a working day
    // after receipt counts unless a stop takes it out.
    const Date received = iso("2025-04-14");
    const auto takes_out = [](const WorkingDayClock::Stop& s, Date d) {
        if (s.ends == StopEnds::Disregarded) return s.stopped_on <= d && d <= *s.restarted_on;
        return s.stopped_on < d && d < *s.restarted_on;
    };
    for (const StopEnds first_ends : {StopEnds::Counted, StopEnds::Disregarded}) {
        for (const StopEnds second_ends : {StopEnds::Counted, StopEnds::Disregarded}) {
            for (int a = 0; a < 4; ++a) {
                for (int b = 0; b < 4; ++b) {
                    for (int c = 0; c < 3; ++c) {
                        for (int d = 0; d < 4; ++d) {
                            WorkingDayClock clock = started("2025-04-14", 5);
                            const Date s1 = add_days(received, a);
                            const Date r1 = add_days(s1, b);
                            const Date s2 = add_days(r1, c);
                            const Date r2 = add_days(s2, d);
                            ASSERT_TRUE(clock.stop(s1, "first", first_ends).has_value());
                            ASSERT_TRUE(clock.restart(r1).has_value());
                            ASSERT_TRUE(clock.stop(s2, "second", second_ends).has_value());
                            ASSERT_TRUE(clock.restart(r2).has_value());
                            int used = 0;
                            std::optional<Date> due;
                            for (Date day = add_days(received, 1); day <= iso("2025-05-16");
                                 day = add_days(day, 1)) {
                                if (k_calendar.is_working_day(day) &&
                                    !takes_out(clock.stops()[0], day) &&
                                    !takes_out(clock.stops()[1], day))
                                    ++used;
                                if (!due && used == 5) due = day;
                                ASSERT_EQ(clock.working_days_used(day), used)
                                    << format_iso_date(day) << " " << a << b << c << d;
                            }
                            ASSERT_EQ(clock.due_date(), due) << a << b << c << d;
                        }
                    }
                }
            }
        }
    }
}

TEST(ClockExtension, moves_the_due_date_on_by_the_extensions_working_days) {
    // Due Monday 20 January; 10 more working days are 21-24 and 27-31 January and Monday
    // 3 February.
    WorkingDayClock clock = started("2025-01-06", 10);
    EXPECT_EQ(clock.due_date(), iso("2025-01-20"));
    ASSERT_TRUE(clock.extend(10, "  the investigation needs a site visit ").has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-02-03"));
    EXPECT_EQ(clock.target(), 20);
    EXPECT_EQ(clock.base_target(), 10);
    ASSERT_EQ(clock.extensions().size(), 1u);
    EXPECT_EQ(clock.extensions()[0].working_days, 10);
    EXPECT_EQ(clock.extensions()[0].reason, "the investigation needs a site visit");
    EXPECT_EQ(clock.remaining(iso("2025-01-20")), 10);
    EXPECT_EQ(clock.remaining(iso("2025-02-03")), 0);

    ASSERT_TRUE(clock.extend(2, "the complainant asked for a meeting").has_value());
    EXPECT_EQ(clock.target(), 22);
    EXPECT_EQ(clock.base_target(), 10);
    EXPECT_EQ(clock.extensions().size(), 2u);
    EXPECT_EQ(clock.due_date(), iso("2025-02-05"));
}

TEST(ClockExtension, counts_on_with_the_same_stops) {
    // Stopped Wednesday 8 to Monday 13 January: due Wednesday 22. Five more working days are
    // 23, 24 and 27-29 January.
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(clock.stop(iso("2025-01-08"), "waiting for information").has_value());
    ASSERT_TRUE(clock.extend(5, "the investigation needs a site visit").has_value());
    EXPECT_EQ(clock.due_date(), std::nullopt);
    EXPECT_EQ(clock.remaining(iso("2025-01-10")), 13);
    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    EXPECT_EQ(clock.due_date(), iso("2025-01-29"));

    // A stop after the first target was reached moves the extended one: 21 and 22 January
    // count, 23 and 24 are paused, 27 counts (13) and 28-31 January and Monday 3 February are
    // days 14-18, Tuesday 4 day 19 and Wednesday 5 day 20.
    WorkingDayClock late = started("2025-01-06", 10);
    ASSERT_TRUE(late.stop(iso("2025-01-22"), "waiting for the ombudsman\u2019s view").has_value());
    ASSERT_TRUE(late.restart(iso("2025-01-27")).has_value());
    EXPECT_EQ(late.due_date(), iso("2025-01-20"));
    ASSERT_TRUE(late.extend(10, "the investigation needs a site visit").has_value());
    EXPECT_EQ(late.due_date(), iso("2025-02-05"));
}

TEST(ClockExtension, refuses_no_days_a_target_past_1000_and_a_blank_reason) {
    WorkingDayClock clock = started("2025-01-06", 10);
    expect_field_error(clock.extend(0, "a site visit"), "working_days",
                       "Extend by at least 1 working day, for example 10.");
    expect_field_error(clock.extend(-5, "a site visit"), "working_days",
                       "Extend by at least 1 working day, for example 10.");
    expect_field_error(
        clock.extend(991, "a site visit"), "working_days",
        "Extend by at most 990 working days: the target is 10 working days and cannot pass "
        "1000 working days.");
    expect_field_error(clock.extend(10, " \t"), "reason",
                       "Say why the target is extended, for example \u201cthe investigation "
                       "needs a site visit\u201d.");

    const auto both = clock.extend(0, "");
    ASSERT_FALSE(both.has_value());
    EXPECT_EQ(both.error().kind, ErrorKind::Validation);
    ASSERT_EQ(both.error().errors.size(), 2u);
    EXPECT_EQ(both.error().errors[0].field, "working_days");
    EXPECT_EQ(both.error().errors[1].field, "reason");

    EXPECT_EQ(clock.target(), 10);
    EXPECT_TRUE(clock.extensions().empty());
    EXPECT_EQ(clock.due_date(), iso("2025-01-20"));

    ASSERT_TRUE(clock.extend(990, "a very long inquiry").has_value());
    EXPECT_EQ(clock.target(), 1000);
    expect_field_error(clock.extend(1, "a site visit"), "working_days",
                       "The target is already 1000 working days, the most a clock can run to, "
                       "so it cannot be extended.");
    EXPECT_EQ(clock.extensions().size(), 1u);

    // Monday 13 December 9999 plus 10 working days is Wednesday 29 December, as Christmas
    // falls on the Saturday and its substitute days are 27 and 28 December; 5 more would
    // leave the calendar, 2 more reach Friday 31 December.
    WorkingDayClock late = started("9999-12-13", 10);
    EXPECT_EQ(late.due_date(), iso("9999-12-29"));
    expect_field_error(late.extend(5, "a site visit"), "working_days",
                       "Extending by 5 working days would put the due date after 31 December "
                       "9999.");
    EXPECT_EQ(late.target(), 10);
    EXPECT_TRUE(late.extensions().empty());
    ASSERT_TRUE(late.extend(2, "a site visit").has_value());
    EXPECT_EQ(late.due_date(), iso("9999-12-31"));
}

// The explanation an officer reads

TEST(ClockExplanation, says_which_rule_produced_the_due_date) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "waiting for information from the complainant").has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    EXPECT_EQ(clock.explanation(),
              (std::vector<std::string>{
                  "Received Monday 6 January 2025.",
                  "10 working days from then is Monday 20 January 2025.",
                  "Skipped: Saturday 11 and Sunday 12 January (weekend).",
                  "Skipped: Saturday 18 and Sunday 19 January (weekend).",
                  "Stopped on Wednesday 8 January 2025 (waiting for information from the "
                  "complainant) and "
                  "restarted on Monday 13 January 2025: 2 working days paused.",
                  "Due: Wednesday 22 January 2025.",
              }));
}

TEST(ClockExplanation, names_each_bank_holiday_and_gives_the_year_only_when_it_changes) {
    WorkingDayClock clock = started("2024-12-16", 10);
    ASSERT_TRUE(clock.stop(iso("2024-12-18"), "waiting for the complainant\u2019s photographs")
                    .has_value());
    ASSERT_TRUE(clock.restart(iso("2024-12-20")).has_value());
    ASSERT_TRUE(
        clock.stop(iso("2024-12-30"), "waiting for the housing team\u2019s records").has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-06")).has_value());
    EXPECT_EQ(
        clock.explanation(),
        (std::vector<std::string>{
            "Received Monday 16 December 2024.",
            "10 working days from then is Thursday 2 January 2025.",
            "Skipped: Saturday 21 and Sunday 22 December (weekend).",
            "Skipped: Wednesday 25 December (Christmas Day).",
            "Skipped: Thursday 26 December (Boxing Day).",
            "Skipped: Saturday 28 and Sunday 29 December (weekend).",
            "Skipped: Wednesday 1 January 2025 (New Year\u2019s Day).",
            "Stopped on Wednesday 18 December 2024 (waiting for the complainant\u2019s "
            "photographs) and "
            "restarted on Friday 20 December 2024: 1 working day paused.",
            "Stopped on Monday 30 December 2024 (waiting for the housing team\u2019s records) and "
            "restarted on Monday 6 January 2025: 3 working days paused.",
            "Due: Wednesday 8 January 2025.",
        }));
}

TEST(ClockExplanation, lists_the_weekend_a_pause_pushes_the_due_date_across) {
    WorkingDayClock clock = started("2025-02-28", 5);
    ASSERT_TRUE(
        clock.stop(iso("2025-03-04"), "waiting for information from the complainant").has_value());
    ASSERT_TRUE(clock.restart(iso("2025-03-06")).has_value());
    EXPECT_EQ(
        clock.explanation(),
        (std::vector<std::string>{
            "Received Friday 28 February 2025.",
            "5 working days from then is Friday 7 March 2025.",
            "Skipped: Saturday 1 and Sunday 2 March (weekend).",
            "Stopped on Tuesday 4 March 2025 (waiting for information from the complainant) and "
            "restarted on Thursday 6 March 2025: 1 working day paused.",
            "Skipped: Saturday 8 and Sunday 9 March (weekend).",
            "Due: Monday 10 March 2025.",
        }));
}

TEST(ClockExplanation, says_the_due_date_waits_while_the_clock_is_stopped) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "waiting for information from the complainant").has_value());
    EXPECT_EQ(clock.explanation(), (std::vector<std::string>{
                                       "Received Monday 6 January 2025.",
                                       "10 working days from then is Monday 20 January 2025.",
                                       "Skipped: Saturday 11 and Sunday 12 January (weekend).",
                                       "Skipped: Saturday 18 and Sunday 19 January (weekend).",
                                       "Stopped on Wednesday 8 January 2025 (waiting for "
                                       "information from the complainant) and "
                                       "not yet restarted: 2 of 10 working days used.",
                                       "Due: not set while the clock is stopped; 8 working days "
                                       "left to run from the day it restarts.",
                                   }));
}

TEST(ClockExplanation, says_a_stop_after_the_target_does_not_move_the_due_date) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(clock.stop(iso("2025-01-22"), "waiting for the ombudsman\u2019s view").has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-27")).has_value());
    const auto lines = clock.explanation();
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_EQ(lines[4],
              "Stopped on Wednesday 22 January 2025 (waiting for the ombudsman\u2019s view) and "
              "restarted on "
              "Monday 27 January 2025: the 10 working days were already used, so the due date does "
              "not move.");
    EXPECT_EQ(lines[5], "Due: Monday 20 January 2025.");
}

TEST(ClockExplanation, names_a_council_closure_day) {
    const WorkingDayClock clock = started("2025-12-22", 3, with_christmas_closure_2025());
    EXPECT_EQ(clock.explanation(), (std::vector<std::string>{
                                       "Received Monday 22 December 2025.",
                                       "3 working days from then is Friday 2 January 2026.",
                                       "Skipped: Thursday 25 December (Christmas Day).",
                                       "Skipped: Friday 26 December (Boxing Day).",
                                       "Skipped: Saturday 27 and Sunday 28 December (weekend).",
                                       "Skipped: Monday 29 December (Office closed between "
                                       "Christmas and New Year, a council closure day).",
                                       "Skipped: Tuesday 30 December (Office closed between "
                                       "Christmas and New Year, a council closure day).",
                                       "Skipped: Wednesday 31 December (Office closed between "
                                       "Christmas and New Year, a council closure day).",
                                       "Skipped: Thursday 1 January 2026 (New Year\u2019s Day).",
                                       "Due: Friday 2 January 2026.",
                                   }));
}

TEST(ClockExplanation, says_which_working_days_a_fee_notice_disregards) {
    WorkingDayClock clock = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    EXPECT_EQ(clock.explanation(),
              (std::vector<std::string>{
                  "Received Monday 6 January 2025.",
                  "20 working days from then is Monday 3 February 2025.",
                  "Skipped: Saturday 11 and Sunday 12 January (weekend).",
                  "Skipped: Saturday 18 and Sunday 19 January (weekend).",
                  "Skipped: Saturday 25 and Sunday 26 January (weekend).",
                  "Skipped: Saturday 1 and Sunday 2 February (weekend).",
                  "Stopped on Wednesday 8 January 2025 (fee notice given) and restarted on "
                  "Monday 13 January 2025: 4 working days disregarded, both those days included.",
                  "Due: Friday 7 February 2025.",
              }));
}

TEST(ClockExplanation, says_when_a_fee_notice_is_given_on_the_day_of_receipt_or_paid_that_day) {
    WorkingDayClock on_receipt = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        on_receipt.stop(iso("2025-01-06"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(on_receipt.restart(iso("2025-01-08")).has_value());
    auto lines = on_receipt.explanation();
    ASSERT_EQ(lines.size(), 8u);
    EXPECT_EQ(lines[6],
              "Stopped on Monday 6 January 2025 (fee notice given) and restarted on Wednesday 8 "
              "January 2025: 2 working days disregarded after the day of receipt, the restart day "
              "included.");
    EXPECT_EQ(lines[7], "Due: Wednesday 5 February 2025.");

    WorkingDayClock same_day = started("2025-01-06", 10);
    ASSERT_TRUE(
        same_day.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(same_day.restart(iso("2025-01-08")).has_value());
    lines = same_day.explanation();
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_EQ(lines[4],
              "Stopped on Wednesday 8 January 2025 (fee notice given) and restarted on Wednesday "
              "8 January 2025: 1 working day disregarded, that day included.");
    EXPECT_EQ(lines[5], "Due: Tuesday 21 January 2025.");
}

TEST(ClockExplanation, says_a_day_two_notices_share_is_disregarded_once) {
    WorkingDayClock clock = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    ASSERT_TRUE(clock.stop(iso("2025-01-13"), "second fee notice given", StopEnds::Disregarded)
                    .has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-14")).has_value());
    const auto lines = clock.explanation();
    ASSERT_EQ(lines.size(), 10u);
    EXPECT_EQ(lines[7],
              "Stopped on Monday 13 January 2025 (second fee notice given) and restarted on "
              "Tuesday 14 January 2025: 1 working day disregarded after the day the last stop "
              "restarted, the restart day included.");
    EXPECT_EQ(lines[8], "Skipped: Saturday 8 and Sunday 9 February (weekend).");
    EXPECT_EQ(lines[9], "Due: Monday 10 February 2025.");
}

TEST(ClockExplanation, says_a_fee_notice_not_yet_paid_holds_the_due_date) {
    WorkingDayClock clock = started("2025-01-06", 20, k_any_part_of_uk);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "fee notice given", StopEnds::Disregarded).has_value());
    const auto lines = clock.explanation();
    ASSERT_EQ(lines.size(), 8u);
    EXPECT_EQ(lines[6],
              "Stopped on Wednesday 8 January 2025 (fee notice given) and not yet restarted: 1 "
              "of 20 working days used; the working days from that day to the day it restarts "
              "are disregarded, both included.");
    EXPECT_EQ(lines[7],
              "Due: not set while the clock is stopped; 19 working days left to run from the day "
              "after it restarts.");
}

TEST(ClockExplanation, says_a_fee_notice_after_the_target_does_not_move_the_due_date) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-22"), "fee notice given", StopEnds::Disregarded).has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-24")).has_value());
    const auto lines = clock.explanation();
    ASSERT_EQ(lines.size(), 6u);
    EXPECT_EQ(lines[4],
              "Stopped on Wednesday 22 January 2025 (fee notice given) and restarted on Friday "
              "24 January 2025: the 10 working days were already used, so the due date does not "
              "move.");
    EXPECT_EQ(lines[5], "Due: Monday 20 January 2025.");
}

TEST(ClockExplanation, gives_each_extension_a_line_and_the_weekends_it_crosses) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(clock.extend(10, "the investigation needs a site visit").has_value());
    ASSERT_TRUE(clock.extend(1, "the housing team\u2019s records are late.").has_value());
    EXPECT_EQ(clock.explanation(),
              (std::vector<std::string>{
                  "Received Monday 6 January 2025.",
                  "10 working days from then is Monday 20 January 2025.",
                  "Skipped: Saturday 11 and Sunday 12 January (weekend).",
                  "Skipped: Saturday 18 and Sunday 19 January (weekend).",
                  "Extended by 10 working days: the investigation needs a site visit.",
                  "Extended by 1 working day: the housing team\u2019s records are late.",
                  "Skipped: Saturday 25 and Sunday 26 January (weekend).",
                  "Skipped: Saturday 1 and Sunday 2 February (weekend).",
                  "Due: Tuesday 4 February 2025.",
              }));
}

TEST(ClockExplanation, tells_an_extension_before_the_stops_it_counts_on_with) {
    WorkingDayClock clock = started("2025-01-06", 10);
    ASSERT_TRUE(
        clock.stop(iso("2025-01-08"), "waiting for information from the complainant").has_value());
    ASSERT_TRUE(clock.restart(iso("2025-01-13")).has_value());
    ASSERT_TRUE(clock.extend(5, "the investigation needs a site visit").has_value());
    EXPECT_EQ(clock.explanation(),
              (std::vector<std::string>{
                  "Received Monday 6 January 2025.",
                  "10 working days from then is Monday 20 January 2025.",
                  "Skipped: Saturday 11 and Sunday 12 January (weekend).",
                  "Skipped: Saturday 18 and Sunday 19 January (weekend).",
                  "Extended by 5 working days: the investigation needs a site visit.",
                  "Stopped on Wednesday 8 January 2025 (waiting for information from the "
                  "complainant) and restarted on Monday 13 January 2025: 2 working days paused.",
                  "Skipped: Saturday 25 and Sunday 26 January (weekend).",
                  "Due: Wednesday 29 January 2025.",
              }));
}

}  // namespace
}  // namespace civic
