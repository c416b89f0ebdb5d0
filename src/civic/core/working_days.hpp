// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Working days as a council counts them: Monday to Friday, less the bank holidays of
// England and Wales (or of another part of the UK, or of any part of it, as the Freedom of
// Information Act 2000 counts them), less the council's own closure days, plus any bank
// holiday it works. Every calculation can also say which days it skipped and why, so an
// officer can see the rule behind each due date.
//
// Dates are supported from 0000-01-01 to 9999-12-31, the dates parse_iso_date reads.
// Passing any other date, or a calculation that would leave that range, is a bug in the
// caller and throws (std::invalid_argument, std::out_of_range); validate input first.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/error.hpp"
#include "civic/core/holidays.hpp"

namespace civic {

// A council's change to the built-in bank holidays.
struct CalendarAdjustment {
    enum class Change {
        Add,     // a day the council does not work: a closure day, a one-off holiday not yet in the
                 // rules
        Remove,  // a built-in bank holiday the council works
    };
    Date date;
    std::string name;
    Change change = Change::Add;
};

// A day that is not a working day, and why.
struct NonWorkingDay {
    enum class Reason { Weekend, BankHoliday, CouncilDay };
    Date date;
    Reason reason = Reason::Weekend;
    std::string name;  // "Saturday", "Good Friday", or the council's name for its day

    friend bool operator==(const NonWorkingDay&, const NonWorkingDay&) = default;
};

// A date worked out in working days, with the non-working days passed over on the way,
// in date order.
struct ExplainedDate {
    Date date;
    std::vector<NonWorkingDay> skipped;
};

// A number of working days, with the non-working days left out of the count, in date order.
struct ExplainedCount {
    int count = 0;
    std::vector<NonWorkingDay> skipped;
};

// The days a council works. Cheap to copy; holds no cache, so it is safe to share between
// threads.
class WorkingCalendar {
public:
    // The bank holidays of England and Wales and nothing else.
    WorkingCalendar() = default;
    // The bank holidays of England and Wales with the council's changes. Never fails, so a
    // calendar can always be built from stored days; conflicts resolve as follows
    // (check_adjustment reports them before they are stored): a Remove takes away the bank
    // holiday on its date and does nothing where there is none; an Add on a bank holiday
    // that stays is ignored (the bank holiday keeps its GOV.UK name); of several Adds on one
    // date the first counts; an Add with a blank name is called "Council closure day";
    // invalid dates are ignored.
    explicit WorkingCalendar(std::vector<CalendarAdjustment> adjustments);
    // The bank holidays of `bank_holidays` (see holidays.hpp for their names), with the
    // council's changes as above. BankHolidays::AnyPartOfUk gives the working days of the
    // Freedom of Information Act 2000, section 10(6): not a Saturday, a Sunday, Christmas
    // Day, Good Friday or a bank holiday in any part of the United Kingdom.
    explicit WorkingCalendar(BankHolidays bank_holidays,
                             std::vector<CalendarAdjustment> adjustments = {});

    // Whose bank holidays this calendar leaves out.
    BankHolidays bank_holidays() const { return m_bank_holidays; }
    // The changes this calendar was built with, as given.
    const std::vector<CalendarAdjustment>& adjustments() const { return m_adjustments; }

    // Whether `adjustment` may be made to this calendar. The error names the field ("date",
    // "name") and says what is wrong, in words a council officer understands.
    Result<void> check_adjustment(const CalendarAdjustment& adjustment) const;

    bool is_working_day(Date d) const;
    // Why d is not a working day: its bank holiday or council day, else "Saturday" or
    // "Sunday"; nullopt when it is a working day.
    std::optional<NonWorkingDay> why_not_working(Date d) const;
    // The bank holiday or council day on d, if any (a council day counts as a holiday,
    // with its name). A weekend day is not a holiday unless the council added it.
    std::optional<Holiday> holiday_on(Date d) const;
    // The bank holidays and council days from `from` to `to`, both included, in date order,
    // without the bank holidays the council works. Empty when `to` is before `from`.
    std::vector<Holiday> holidays(Date from, Date to) const;

    // The nth working day after `from` (n > 0) or before it (n < 0). `from` itself never
    // counts, whatever day it is, so the answer is always a working day — except for
    // n = 0, which gives `from` unchanged.
    Date add_working_days(Date from, int n) const;
    ExplainedDate add_working_days_explained(Date from, int n) const;
    // As add_working_days, but nullopt instead of throwing when `from` or the answer lies
    // outside 0000-01-01 to 9999-12-31: for callers holding unchecked input.
    std::optional<Date> try_add_working_days(Date from, int n) const;

    // The working days stepped over going from `from` to `to`: excluding `from`, including
    // `to`. Negative when `to` is before `from` (then the working days from `to` up to but
    // not including `from`); 0 when they are the same day. So add_working_days(from,
    // count_working_days(from, to)) == to whenever `to` is a working day.
    int count_working_days(Date from, Date to) const;
    ExplainedCount count_working_days_explained(Date from, Date to) const;

    // Clear working days, as the Local Government Act 1972 counts clear days: the working
    // days strictly between a and b, leaving out both the day of the event (notice,
    // publication, decision) and the day of the meeting or deadline. Never negative; the
    // order of a and b does not matter.
    int clear_working_days_between(Date a, Date b) const;
    ExplainedCount clear_working_days_between_explained(Date a, Date b) const;

    // The latest date on which an agenda may be published and still give n clear working
    // days before `meeting`: the day before the nth working day before the meeting. That
    // date may itself be a weekend or bank holiday, as publication day is never counted;
    // a clerk who publishes only on working days wants the last working day on or before
    // it. n = 0 gives the day before the meeting; n must not be negative.
    Date last_day_for_clear_working_days(Date meeting, int n) const;
    ExplainedDate last_day_for_clear_working_days_explained(Date meeting, int n) const;

private:
    class Cursor;

    std::vector<NonWorkingDay> days_off_in_year(int year) const;
    std::optional<Date> step(Date from, int n, std::vector<NonWorkingDay>* skipped) const;
    int count_between(Date first, Date last, std::vector<NonWorkingDay>* skipped) const;

    BankHolidays m_bank_holidays = BankHolidays::EnglandAndWales;
    std::vector<CalendarAdjustment> m_adjustments;
    std::vector<Holiday> m_added;  // sorted by date, one per date
    std::vector<Date> m_removed;   // sorted
};

// One "Skipped: Saturday 11 and Sunday 12 January (weekend)." line per weekend and per
// holiday of `skipped` (in date order), naming the year only when it is not `context_year`:
// how every Civic clock explains the days it passed over.
std::vector<std::string> skipped_day_lines(const std::vector<NonWorkingDay>& skipped,
                                           int context_year);

// A response target in working days ("reply within 10 working days"), with the clock
// stopped while the council waits for something and restarted when it arrives, and the
// target extended where the rules allow it.
//
// Counting rule. The day the request is received does not count. After that, each working
// day counts, except the working days a stop takes out, which depend on its kind:
// - StopEnds::Counted: the working days strictly between the stop date and its restart
//   date. The clock runs on the day it stops and on the day it restarts, because part of
//   each is spent on the case. So stopped on Wednesday 8 and restarted on Monday 13 January
//   2025 pauses Thursday 9 and Friday 10: 2 working days, and the due date moves by 2.
// - StopEnds::Disregarded: the working days from the stop date to the restart date, both
//   included, as section 10(2) of the Freedom of Information Act 2000 disregards the days
//   from a fees notice to the fee. The same dates take out 8, 9, 10 and 13 January: 4.
// A day that any stop takes out does not count. A stop after the target was reached does
// not move the due date. The due date is the working day on which the target is reached.
// A request received on a Saturday, Sunday or holiday has the next working day as its
// first. A request under the Freedom of Information Act 2000 runs 20 working days on
// WorkingCalendar(BankHolidays::AnyPartOfUk).
class WorkingDayClock {
public:
    // Whether a stop's own first and last days count towards the target.
    enum class StopEnds {
        Counted,      // the stop day and the restart day count (part of each is spent on the
                      // case)
        Disregarded,  // FOIA s10(2): the working days "beginning with the day on which the
                      // fees notice is given … and ending with the day on which the fee is
                      // received" are disregarded, both ends included
    };
    struct Stop {
        Date stopped_on;
        std::string reason;
        std::optional<Date> restarted_on;
        StopEnds ends = StopEnds::Counted;
    };
    struct Extension {
        int working_days;
        std::string reason;
    };

    // A clock started on `received` with a target of 1 to 1000 working days.
    static Result<WorkingDayClock> start(WorkingCalendar calendar, Date received,
                                         int target_working_days);

    // Stops the clock on `on` for `reason` ("waiting for information from the complainant"),
    // taking out the working days `ends` says. Errors: already stopped (Conflict); a date
    // before the request was received or before the last restart, or a blank reason
    // (Validation).
    Result<void> stop(Date on, std::string reason, StopEnds ends = StopEnds::Counted);
    // Restarts the clock on `on`, the day the awaited thing arrived. Errors: not stopped
    // (Conflict); a date before the stop (Validation).
    Result<void> restart(Date on);
    // Adds working days to the target ("an extension of up to 10 working days"), with its
    // reason: the due date becomes the day the extended target is reached, with the same
    // stops. Errors (Validation): fewer than 1 working day, or a target that would pass 1000
    // ("working_days"); a blank reason ("reason"); a due date after 31 December 9999
    // ("working_days"; checked on restart instead while the clock is stopped).
    Result<void> extend(int working_days, std::string reason);

    Date received() const { return m_received; }
    // The target with its extensions.
    int target() const { return m_target; }
    // The target as started.
    int base_target() const { return m_base_target; }
    const std::vector<Stop>& stops() const { return m_stops; }
    const std::vector<Extension>& extensions() const { return m_extensions; }
    bool is_stopped() const { return !m_stops.empty() && !m_stops.back().restarted_on; }

    // The day the target is reached; nullopt while the clock is stopped short of it.
    std::optional<Date> due_date() const;
    // The working days counted from the day after receipt up to and including `today`;
    // 0 on or before the received date; frozen while the clock is stopped.
    int working_days_used(Date today) const;
    // target − used: 0 on the due date, negative (days overdue) after it.
    int remaining(Date today) const;
    // One plain-English line per rule applied, ending with the due date.
    std::vector<std::string> explanation() const;

private:
    WorkingDayClock(WorkingCalendar calendar, Date received, int target)
        : m_calendar(std::move(calendar)),
          m_received(received),
          m_base_target(target),
          m_target(target) {}

    bool is_paused(Date d) const;
    std::optional<Date> find_due() const;

    WorkingCalendar m_calendar;
    Date m_received;
    int m_base_target = 0;
    int m_target = 0;  // m_base_target and the extensions' working days
    std::vector<Stop> m_stops;
    std::vector<Extension> m_extensions;
};

}  // namespace civic
