// SPDX-License-Identifier: AGPL-3.0-or-later
// The working-hours clock: ICT incidents' targets by priority, counted in the office hours of
// working days.

#include "civic/core/working_hours.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace civic {
namespace {

WallTime at(const char* date, const char* time) {
    return {*parse_iso_date(date), *parse_time_of_day(time)};
}

WorkingHoursClock started(WallTime received, int hours, OfficeHours office = {}) {
    auto clock = WorkingHoursClock::start(WorkingCalendar{}, office, received, hours * 60);
    EXPECT_TRUE(clock.has_value());
    return *std::move(clock);
}

TEST(TimeOfDay, reads_and_writes_the_24_hour_clock) {
    EXPECT_EQ(parse_time_of_day("09:30"), 570);
    EXPECT_EQ(parse_time_of_day("00:00"), 0);
    EXPECT_EQ(parse_time_of_day("23:59"), 1439);
    for (const char* bad : {"24:00", "9:30", "09:60", "0930", "09:3a", "", "09:30 "})
        EXPECT_EQ(parse_time_of_day(bad), std::nullopt) << bad;
    EXPECT_EQ(format_time_of_day(570), "09:30");
    EXPECT_EQ(format_wall_time(at("2026-12-04", "16:00")), "Friday 4 December 2026 at 16:00");
    EXPECT_EQ(working_hours_phrase(60), "1 working hour");
    EXPECT_EQ(working_hours_phrase(90), "1 working hour 30 minutes");
    EXPECT_EQ(working_hours_phrase(45), "45 working minutes");
}

TEST(WorkingHoursClock, counts_only_office_hours_of_working_days) {
    // Thursday 16:00, 4 hours: 1 on Thursday, 3 on Friday.
    EXPECT_EQ(started(at("2026-12-03", "16:00"), 4).due(), at("2026-12-04", "12:00"));
    // Friday 16:00: 1 hour on Friday, then Monday.
    EXPECT_EQ(started(at("2026-12-04", "16:00"), 4).due(), at("2026-12-07", "12:00"));
    // A target reached at closing time is due then, not at the next opening.
    EXPECT_EQ(started(at("2026-12-04", "16:00"), 1).due(), at("2026-12-04", "17:00"));
    // Before opening: from 09:00; after closing or at a weekend: from the next opening.
    EXPECT_EQ(started(at("2026-12-03", "07:15"), 2).due(), at("2026-12-03", "11:00"));
    EXPECT_EQ(started(at("2026-12-03", "18:30"), 2).due(), at("2026-12-04", "11:00"));
    EXPECT_EQ(started(at("2026-12-05", "10:00"), 2).due(), at("2026-12-07", "11:00"));
    // 40 working hours is five full days.
    EXPECT_EQ(started(at("2026-12-07", "09:00"), 40).due(), at("2026-12-11", "17:00"));
}

TEST(WorkingHoursClock, passes_over_bank_holidays) {
    // Christmas Eve 2026 is a Thursday: Christmas Day and Boxing Day (Monday 28 December,
    // substitute) are not worked.
    EXPECT_EQ(started(at("2026-12-24", "15:00"), 4).due(), at("2026-12-29", "11:00"));
    // Maundy Thursday 2027 (25 March) at 16:30, 8 hours: Good Friday and Easter Monday pass.
    EXPECT_EQ(started(at("2027-03-25", "16:30"), 8).due(), at("2027-03-30", "16:30"));
}

TEST(WorkingHoursClock, takes_out_the_working_minutes_a_stop_lasts) {
    WorkingHoursClock clock = started(at("2026-12-07", "09:00"), 4);
    ASSERT_TRUE(clock.stop(at("2026-12-07", "10:00"), "waiting for the user to reply").has_value());
    EXPECT_TRUE(clock.is_stopped());
    EXPECT_EQ(clock.due(), std::nullopt);
    EXPECT_EQ(clock.minutes_used(at("2026-12-07", "15:00")), 60);
    ASSERT_TRUE(clock.restart(at("2026-12-08", "10:00")).has_value());
    // 3 hours left from Tuesday 10:00.
    EXPECT_EQ(clock.due(), at("2026-12-08", "13:00"));
    EXPECT_EQ(clock.remaining(at("2026-12-08", "13:00")), 0);
    EXPECT_EQ(clock.remaining(at("2026-12-08", "14:30")), -90);
    EXPECT_FALSE(clock.stop(at("2026-12-08", "09:00"), "too early").has_value());
}

TEST(WorkingHoursClock, extends_and_explains_itself) {
    WorkingHoursClock clock = started(at("2026-12-04", "16:00"), 4);
    ASSERT_TRUE(clock.extend(120, "a part is on order").has_value());
    EXPECT_EQ(clock.due(), at("2026-12-07", "14:00"));
    const std::vector<std::string> want = {
        "Received Friday 4 December 2026 at 16:00.",
        "Counted in working hours: 09:00 to 17:00 on working days.",
        "4 working hours from then is Monday 7 December 2026 at 12:00.",
        "Skipped: Saturday 5 and Sunday 6 December (weekend).",
        "Extended by 2 working hours: a part is on order.",
        "Due: Monday 7 December 2026 at 14:00.",
    };
    EXPECT_EQ(clock.explanation(), want);

    WorkingHoursClock closed = started(at("2026-12-05", "11:00"), 1);
    EXPECT_EQ(closed.explanation()[2],
              "The office was closed then: the clock started at Monday 7 December 2026 at 09:00.");
}

TEST(WorkingHoursClock, refuses_office_hours_and_targets_that_do_not_hold) {
    EXPECT_FALSE(WorkingHoursClock::start({}, {17 * 60, 9 * 60}, at("2026-12-07", "09:00"), 60));
    EXPECT_FALSE(WorkingHoursClock::start({}, {}, at("2026-12-07", "09:00"), 0));
    EXPECT_FALSE(WorkingHoursClock::start({}, {}, at("2026-12-07", "09:00"), 1001 * 60));
    EXPECT_EQ(check_office_hours({9 * 60, 9 * 60}).error().errors.at(0).field, "closes");
}

}  // namespace
}  // namespace civic
