// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/working_days.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "civic/core/text.hpp"

namespace civic {
using namespace std::chrono;

namespace {

// The dates parse_iso_date can read and format_iso_date can write.
bool in_supported_range(const Date& d) {
    return d.ok() && d.year() >= year{0} && d.year() <= year{9999};
}

void require_supported(const Date& d, std::string_view what) {
    if (!in_supported_range(d)) {
        throw std::invalid_argument(fmt::format("{} {} is not a date from 0000-01-01 to 9999-12-31",
                                                what, format_iso_date(d)));
    }
}

bool is_weekend(const Date& d) {
    const weekday w = weekday_of(d);
    return w == Saturday || w == Sunday;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

bool is_blank(std::string_view text) { return std::all_of(text.begin(), text.end(), is_space); }

std::string working_days_phrase(int n) {
    return fmt::format("{} working day{}", n, n == 1 ? "" : "s");
}

// "Saturday 11 January", with the year only when it is not the year the reader already has
// in mind, as a person writing the explanation by hand would.
std::string day_in_context(const Date& d, int context_year) {
    std::string s = fmt::format("{} {} {}", weekday_name(weekday_of(d)), unsigned(d.day()),
                                month_name(unsigned(d.month())));
    if (int(d.year()) != context_year) s += fmt::format(" {}", int(d.year()));
    return s;
}

// "Saturday 11 and Sunday 12 January", or both in full when the month changes between them.
std::string two_days_in_context(const Date& a, const Date& b, int context_year) {
    if (a.year() == b.year() && a.month() == b.month()) {
        return fmt::format("{} {} and {}", weekday_name(weekday_of(a)), unsigned(a.day()),
                           day_in_context(b, context_year));
    }
    return fmt::format("{} and {}", day_in_context(a, context_year),
                       day_in_context(b, context_year));
}

// One "Skipped: …" line per weekend and per holiday.
void append_skipped_lines(std::vector<std::string>& lines,
                          const std::vector<NonWorkingDay>& skipped, int context_year) {
    using Reason = NonWorkingDay::Reason;
    for (std::size_t i = 0; i < skipped.size(); ++i) {
        const NonWorkingDay& day = skipped[i];
        switch (day.reason) {
            case Reason::Weekend:
                if (i + 1 < skipped.size() && skipped[i + 1].reason == Reason::Weekend &&
                    skipped[i + 1].date == add_days(day.date, 1)) {
                    lines.push_back(fmt::format(
                        "Skipped: {} (weekend).",
                        two_days_in_context(day.date, skipped[i + 1].date, context_year)));
                    ++i;
                } else {
                    lines.push_back(fmt::format("Skipped: {} (weekend).",
                                                day_in_context(day.date, context_year)));
                }
                break;
            case Reason::BankHoliday:
                lines.push_back(fmt::format("Skipped: {} ({}).",
                                            day_in_context(day.date, context_year), day.name));
                break;
            case Reason::CouncilDay:
                lines.push_back(fmt::format("Skipped: {} ({}, a council closure day).",
                                            day_in_context(day.date, context_year), day.name));
                break;
        }
    }
}

constexpr auto k_by_date = [](const auto& a, const auto& b) { return a.date < b.date; };
constexpr auto k_date_before = [](const auto& item, const Date& d) { return item.date < d; };

}  // namespace

// Walks dates and answers "why is this not a working day?", building each year's days off
// once instead of once per day.
class WorkingCalendar::Cursor {
public:
    explicit Cursor(const WorkingCalendar& calendar) : m_calendar(calendar) {}

    std::optional<NonWorkingDay> why_not_working(const Date& d) {
        const int y = int(d.year());
        if (!m_year || *m_year != y) {
            m_days_off = m_calendar.days_off_in_year(y);
            m_year = y;
        }
        const auto it = std::lower_bound(m_days_off.begin(), m_days_off.end(), d, k_date_before);
        if (it != m_days_off.end() && it->date == d) return *it;
        if (is_weekend(d)) {
            return NonWorkingDay{d, NonWorkingDay::Reason::Weekend,
                                 std::string(weekday_name(weekday_of(d)))};
        }
        return std::nullopt;
    }

private:
    const WorkingCalendar& m_calendar;
    std::optional<int> m_year;
    std::vector<NonWorkingDay> m_days_off;
};

WorkingCalendar::WorkingCalendar(std::vector<CalendarAdjustment> adjustments)
    : WorkingCalendar(BankHolidays::EnglandAndWales, std::move(adjustments)) {}

WorkingCalendar::WorkingCalendar(BankHolidays bank_holidays,
                                 std::vector<CalendarAdjustment> adjustments)
    : m_bank_holidays(bank_holidays), m_adjustments(std::move(adjustments)) {
    for (const CalendarAdjustment& a : m_adjustments) {
        if (!a.date.ok()) continue;
        if (a.change == CalendarAdjustment::Change::Remove) {
            m_removed.push_back(a.date);
        } else {
            m_added.push_back(
                {a.date, is_blank(a.name) ? std::string("Council closure day") : trimmed(a.name)});
        }
    }
    std::sort(m_removed.begin(), m_removed.end());
    m_removed.erase(std::unique(m_removed.begin(), m_removed.end()), m_removed.end());
    // Stable, so that of several Adds on one date the first given stays.
    std::stable_sort(m_added.begin(), m_added.end(), k_by_date);
    m_added.erase(std::unique(m_added.begin(), m_added.end(),
                              [](const Holiday& a, const Holiday& b) { return a.date == b.date; }),
                  m_added.end());
}

std::vector<NonWorkingDay> WorkingCalendar::days_off_in_year(int y) const {
    std::vector<NonWorkingDay> out;
    for (Holiday& h : civic::bank_holidays(m_bank_holidays, y)) {
        if (!std::binary_search(m_removed.begin(), m_removed.end(), h.date)) {
            out.push_back({h.date, NonWorkingDay::Reason::BankHoliday, std::move(h.name)});
        }
    }
    const std::size_t bank_holidays = out.size();
    const auto first =
        std::lower_bound(m_added.begin(), m_added.end(), make_date(y, 1, 1), k_date_before);
    for (auto it = first; it != m_added.end() && int(it->date.year()) == y; ++it) {
        const auto on_bank_holiday =
            std::any_of(out.begin(), out.begin() + bank_holidays,
                        [&it](const NonWorkingDay& n) { return n.date == it->date; });
        if (!on_bank_holiday)
            out.push_back({it->date, NonWorkingDay::Reason::CouncilDay, it->name});
    }
    std::sort(out.begin(), out.end(), k_by_date);
    return out;
}

Result<void> WorkingCalendar::check_adjustment(const CalendarAdjustment& adjustment) const {
    const Date& d = adjustment.date;
    if (!in_supported_range(d)) {
        return std::unexpected(
            Error::validation("date", "Enter a real date, for example 2025-12-29."));
    }
    if (adjustment.change == CalendarAdjustment::Change::Add) {
        if (is_blank(adjustment.name)) {
            return std::unexpected(
                Error::validation("name",
                                  "Give the day a name, for example \u201cOffice closed between "
                                  "Christmas and New Year\u201d."));
        }
        if (const auto holiday = holiday_on(d)) {
            return std::unexpected(Error::validation(
                "date",
                fmt::format("{} is already a day off: {}.", format_long_date(d), holiday->name)));
        }
        if (is_weekend(d)) {
            return std::unexpected(Error::validation(
                "date", fmt::format("{} is at a weekend, so it is not a working day anyway.",
                                    format_long_date(d))));
        }
        return ok();
    }
    const auto days_off = days_off_in_year(int(d.year()));
    const auto bank_holiday =
        std::find_if(days_off.begin(), days_off.end(), [&d](const NonWorkingDay& n) {
            return n.date == d && n.reason == NonWorkingDay::Reason::BankHoliday;
        });
    if (bank_holiday == days_off.end()) {
        return std::unexpected(Error::validation(
            "date", fmt::format("There is no bank holiday on {} to remove.", format_long_date(d))));
    }
    return ok();
}

std::optional<NonWorkingDay> WorkingCalendar::why_not_working(Date d) const {
    require_supported(d, "date");
    Cursor cursor(*this);
    return cursor.why_not_working(d);
}

bool WorkingCalendar::is_working_day(Date d) const { return !why_not_working(d); }

std::optional<Holiday> WorkingCalendar::holiday_on(Date d) const {
    require_supported(d, "date");
    for (NonWorkingDay& n : days_off_in_year(int(d.year()))) {
        if (n.date == d) return Holiday{n.date, std::move(n.name)};
    }
    return std::nullopt;
}

std::vector<Holiday> WorkingCalendar::holidays(Date from, Date to) const {
    require_supported(from, "from");
    require_supported(to, "to");
    std::vector<Holiday> out;
    for (int y = int(from.year()); y <= int(to.year()); ++y) {
        for (NonWorkingDay& n : days_off_in_year(y)) {
            if (from <= n.date && n.date <= to) out.push_back({n.date, std::move(n.name)});
        }
    }
    return out;
}

std::optional<Date> WorkingCalendar::step(Date from, int n,
                                          std::vector<NonWorkingDay>* skipped) const {
    if (n == 0) return from;
    const int direction = n > 0 ? 1 : -1;
    // long long, so that n = INT_MIN has a magnitude.
    long long remaining = n > 0 ? static_cast<long long>(n) : -static_cast<long long>(n);
    Cursor cursor(*this);
    sys_days day{from};
    while (remaining > 0) {
        day += days{direction};
        const Date d{day};
        if (!in_supported_range(d)) return std::nullopt;
        if (auto why = cursor.why_not_working(d)) {
            if (skipped) skipped->push_back(std::move(*why));
        } else {
            --remaining;
        }
    }
    if (skipped && direction < 0) std::reverse(skipped->begin(), skipped->end());
    return Date{day};
}

int WorkingCalendar::count_between(Date first, Date last,
                                   std::vector<NonWorkingDay>* skipped) const {
    int count = 0;
    if (last < first) return count;
    Cursor cursor(*this);
    for (sys_days day{first}; day <= sys_days{last}; day += days{1}) {
        if (auto why = cursor.why_not_working(Date{day})) {
            if (skipped) skipped->push_back(std::move(*why));
        } else {
            ++count;
        }
    }
    return count;
}

std::optional<Date> WorkingCalendar::try_add_working_days(Date from, int n) const {
    if (!in_supported_range(from)) return std::nullopt;
    return step(from, n, nullptr);
}

Date WorkingCalendar::add_working_days(Date from, int n) const {
    return add_working_days_explained(from, n).date;
}

ExplainedDate WorkingCalendar::add_working_days_explained(Date from, int n) const {
    require_supported(from, "from");
    ExplainedDate out;
    const auto date = step(from, n, &out.skipped);
    if (!date) {
        throw std::out_of_range(
            fmt::format("{} working days from {} falls outside 0000-01-01 to 9999-12-31", n,
                        format_iso_date(from)));
    }
    out.date = *date;
    return out;
}

int WorkingCalendar::count_working_days(Date from, Date to) const {
    return count_working_days_explained(from, to).count;
}

ExplainedCount WorkingCalendar::count_working_days_explained(Date from, Date to) const {
    require_supported(from, "from");
    require_supported(to, "to");
    ExplainedCount out;
    if (to >= from) {
        out.count = count_between(add_days(from, 1), to, &out.skipped);
    } else {
        out.count = -count_between(to, add_days(from, -1), &out.skipped);
    }
    return out;
}

int WorkingCalendar::clear_working_days_between(Date a, Date b) const {
    return clear_working_days_between_explained(a, b).count;
}

ExplainedCount WorkingCalendar::clear_working_days_between_explained(Date a, Date b) const {
    require_supported(a, "date");
    require_supported(b, "date");
    const Date first = std::min(a, b);
    const Date last = std::max(a, b);
    ExplainedCount out;
    if (days_between(first, last) >= 2)
        out.count = count_between(add_days(first, 1), add_days(last, -1), &out.skipped);
    return out;
}

Date WorkingCalendar::last_day_for_clear_working_days(Date meeting, int n) const {
    return last_day_for_clear_working_days_explained(meeting, n).date;
}

ExplainedDate WorkingCalendar::last_day_for_clear_working_days_explained(Date meeting,
                                                                         int n) const {
    require_supported(meeting, "meeting");
    if (n < 0)
        throw std::invalid_argument(
            fmt::format("clear working days must not be negative, not {}", n));
    ExplainedDate out;
    // The n clear days are the n working days just before the meeting; publication has to
    // fall before the earliest of them. The days skipped between that one and the meeting
    // are exactly the non-working days between publication and the meeting.
    const auto nth_before = step(meeting, -n, &out.skipped);
    if (!nth_before || !in_supported_range(add_days(*nth_before, -1))) {
        throw std::out_of_range(
            fmt::format("{} clear working days before {} falls before 0000-01-01", n,
                        format_iso_date(meeting)));
    }
    out.date = add_days(*nth_before, -1);
    return out;
}

// WorkingDayClock

namespace {

using StopEnds = WorkingDayClock::StopEnds;
using Stop = WorkingDayClock::Stop;

// The days a stop takes out of the count, from `first` to `last` (both included; none when
// `last` is before `first`), and every day from `first` on while it is not restarted.
struct Pause {
    Date first;
    std::optional<Date> last;

    bool is_empty() const { return last && *last < first; }
};

Pause pause_of(const Stop& s) {
    if (s.ends == StopEnds::Disregarded) return {s.stopped_on, s.restarted_on};
    Pause p{add_days(s.stopped_on, 1), std::nullopt};
    if (s.restarted_on) p.last = add_days(*s.restarted_on, -1);
    return p;
}

}  // namespace

std::vector<std::string> skipped_day_lines(const std::vector<NonWorkingDay>& skipped,
                                           int context_year) {
    std::vector<std::string> lines;
    append_skipped_lines(lines, skipped, context_year);
    return lines;
}

Result<WorkingDayClock> WorkingDayClock::start(WorkingCalendar calendar, Date received,
                                               int target_working_days) {
    if (!in_supported_range(received)) {
        return std::unexpected(Error::validation(
            "received", "Enter the date the request was received, for example 2025-01-06."));
    }
    if (target_working_days < 1 || target_working_days > 1000) {
        return std::unexpected(Error::validation("target",
                                                 "The target must be a whole number of working "
                                                 "days from 1 to 1000, for example 10 or 20."));
    }
    WorkingDayClock clock(std::move(calendar), received, target_working_days);
    if (!clock.find_due()) {
        return std::unexpected(Error::validation(
            "received",
            fmt::format("{} from {} would fall after 31 December 9999.",
                        working_days_phrase(target_working_days), format_long_date(received))));
    }
    return clock;
}

Result<void> WorkingDayClock::stop(Date on, std::string reason, StopEnds ends) {
    if (is_stopped()) {
        return std::unexpected(Error::conflict(fmt::format(
            "The clock is already stopped (since {}); restart it before stopping it again.",
            format_long_date(m_stops.back().stopped_on))));
    }
    if (!in_supported_range(on)) {
        return std::unexpected(
            Error::validation("date", "Enter the date the clock stops, for example 2025-01-08."));
    }
    if (on < m_received) {
        return std::unexpected(Error::validation(
            "date", fmt::format("The clock cannot stop before the request was received on {}.",
                                format_long_date(m_received))));
    }
    if (!m_stops.empty() && on < *m_stops.back().restarted_on) {
        return std::unexpected(Error::validation(
            "date", fmt::format("The clock cannot stop before it last restarted on {}.",
                                format_long_date(*m_stops.back().restarted_on))));
    }
    if (is_blank(reason)) {
        return std::unexpected(
            Error::validation("reason",
                              "Say why the clock is stopping, for example \u201cwaiting for "
                              "information from the complainant\u201d."));
    }
    m_stops.push_back({on, trimmed(reason), std::nullopt, ends});
    return ok();
}

Result<void> WorkingDayClock::restart(Date on) {
    if (!is_stopped()) {
        return std::unexpected(
            Error::conflict("The clock is not stopped, so it cannot be restarted."));
    }
    if (!in_supported_range(on)) {
        return std::unexpected(Error::validation(
            "date", "Enter the date the clock restarts, for example 2025-01-13."));
    }
    Stop& stop = m_stops.back();
    if (on < stop.stopped_on) {
        return std::unexpected(Error::validation(
            "date", fmt::format("The clock cannot restart before it stopped on {}.",
                                format_long_date(stop.stopped_on))));
    }
    stop.restarted_on = on;
    if (!find_due()) {
        stop.restarted_on.reset();
        return std::unexpected(Error::validation(
            "date", fmt::format("Restarting on {} would put the due date after 31 December 9999.",
                                format_long_date(on))));
    }
    return ok();
}

Result<void> WorkingDayClock::extend(int working_days, std::string reason) {
    std::vector<FieldError> errors;
    const int most = 1000 - m_target;
    if (working_days < 1) {
        errors.push_back({"working_days", "Extend by at least 1 working day, for example 10."});
    } else if (most < 1) {
        errors.push_back({"working_days",
                          "The target is already 1000 working days, the most a clock can run "
                          "to, so it cannot be extended."});
    } else if (working_days > most) {
        errors.push_back({"working_days",
                          fmt::format("Extend by at most {}: the target is {} and cannot pass "
                                      "1000 working days.",
                                      working_days_phrase(most), working_days_phrase(m_target))});
    }
    if (is_blank(reason)) {
        errors.push_back({"reason",
                          "Say why the target is extended, for example \u201cthe investigation "
                          "needs a site visit\u201d."});
    }
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));

    m_target += working_days;
    // While the clock is stopped there is no due date to check; restart checks it.
    if (!is_stopped() && !find_due()) {
        m_target -= working_days;
        return std::unexpected(Error::validation(
            "working_days",
            fmt::format("Extending by {} would put the due date after 31 December 9999.",
                        working_days_phrase(working_days))));
    }
    m_extensions.push_back({working_days, trimmed(reason)});
    return ok();
}

bool WorkingDayClock::is_paused(Date d) const {
    return std::any_of(m_stops.begin(), m_stops.end(), [&d](const Stop& s) {
        const Pause pause = pause_of(s);
        return pause.first <= d && (!pause.last || d <= *pause.last);
    });
}

// Counts the working days run by run: after receipt up to the first pause, then from the
// end of each pause up to the next. Every day up to `counted_up_to` has been counted or
// taken out, so a day two stops take out is taken out once, and a day one stop counts and
// the next takes out (a fee notice given the day a stop restarts) is taken out.
std::optional<Date> WorkingDayClock::find_due() const {
    int remaining = m_target;
    Date counted_up_to = m_received;
    for (const Stop& s : m_stops) {
        const Pause pause = pause_of(s);
        if (pause.is_empty()) continue;
        const Date run_end = add_days(pause.first, -1);
        if (counted_up_to < run_end) {
            const int run = m_calendar.count_working_days(counted_up_to, run_end);
            if (run >= remaining) return m_calendar.try_add_working_days(counted_up_to, remaining);
            remaining -= run;
            counted_up_to = run_end;
        }
        if (!pause.last) return std::nullopt;
        counted_up_to = std::max(counted_up_to, *pause.last);
    }
    return m_calendar.try_add_working_days(counted_up_to, remaining);
}

std::optional<Date> WorkingDayClock::due_date() const { return find_due(); }

int WorkingDayClock::working_days_used(Date today) const {
    require_supported(today, "today");
    if (today <= m_received) return 0;
    int used = 0;
    Date counted_up_to = m_received;
    for (const Stop& s : m_stops) {
        const Pause pause = pause_of(s);
        if (pause.is_empty()) continue;
        const Date run_end = std::min(add_days(pause.first, -1), today);
        if (counted_up_to < run_end) {
            used += m_calendar.count_working_days(counted_up_to, run_end);
            counted_up_to = run_end;
        }
        if (!pause.last || today <= *pause.last) return used;
        counted_up_to = std::max(counted_up_to, *pause.last);
    }
    return used + m_calendar.count_working_days(counted_up_to, today);
}

int WorkingDayClock::remaining(Date today) const { return m_target - working_days_used(today); }

std::vector<std::string> WorkingDayClock::explanation() const {
    std::vector<std::string> lines;
    const int context_year = int(m_received.year());
    lines.push_back(fmt::format("Received {}.", format_long_date(m_received)));

    const ExplainedDate base = m_calendar.add_working_days_explained(m_received, m_base_target);
    lines.push_back(fmt::format("{} from then is {}.", working_days_phrase(m_base_target),
                                format_long_date(base.date)));
    append_skipped_lines(lines, base.skipped, context_year);

    for (const Extension& e : m_extensions) {
        lines.push_back(fmt::format("Extended by {}: {}", working_days_phrase(e.working_days),
                                    as_sentence_end(e.reason)));
    }

    // The last day already counted or taken out, so that a disregarded day is told once.
    Date accounted_up_to = m_received;
    for (const Stop& s : m_stops) {
        const std::string stopped =
            fmt::format("Stopped on {} ({})", format_long_date(s.stopped_on), s.reason);
        const std::string restarted =
            s.restarted_on ? fmt::format("restarted on {}", format_long_date(*s.restarted_on))
                           : "not yet restarted";
        const bool disregarded = s.ends == StopEnds::Disregarded;
        const int used_at_stop = working_days_used(s.stopped_on);
        if (used_at_stop >= m_target) {
            lines.push_back(
                fmt::format("{} and {}: the {} were already used, so the due date does not move.",
                            stopped, restarted, working_days_phrase(m_target)));
        } else if (s.restarted_on && disregarded) {
            const Date& restart_day = *s.restarted_on;
            if (accounted_up_to < s.stopped_on) {
                const int n =
                    m_calendar.count_working_days(add_days(s.stopped_on, -1), restart_day);
                lines.push_back(
                    fmt::format("{} and {}: {} disregarded, {} included.", stopped, restarted,
                                working_days_phrase(n),
                                s.stopped_on == restart_day ? "that day" : "both those days"));
            } else {
                // The stop day never counted: it is the day of receipt, or the day the last
                // stop restarted and took out.
                const int n = m_calendar.count_working_days(accounted_up_to, restart_day);
                lines.push_back(
                    fmt::format("{} and {}: {} disregarded after {}{}.", stopped, restarted,
                                working_days_phrase(n),
                                s.stopped_on == m_received ? "the day of receipt"
                                                           : "the day the last stop restarted",
                                s.stopped_on == restart_day ? "" : ", the restart day included"));
            }
        } else if (s.restarted_on) {
            const int paused = m_calendar.clear_working_days_between(s.stopped_on, *s.restarted_on);
            lines.push_back(fmt::format("{} and {}: {} paused.", stopped, restarted,
                                        working_days_phrase(paused)));
        } else if (disregarded) {
            lines.push_back(fmt::format(
                "{} and {}: {} of {} used; the working days from that day to the day it "
                "restarts are disregarded, both included.",
                stopped, restarted, used_at_stop, working_days_phrase(m_target)));
        } else {
            lines.push_back(fmt::format("{} and {}: {} of {} used.", stopped, restarted,
                                        used_at_stop, working_days_phrase(m_target)));
        }
        if (const Pause pause = pause_of(s); pause.last && !pause.is_empty())
            accounted_up_to = std::max(accounted_up_to, *pause.last);
    }

    const auto due = find_due();
    if (!due) {
        const Stop& last = m_stops.back();
        const int left = m_target - working_days_used(last.stopped_on);
        lines.push_back(fmt::format(
            "Due: not set while the clock is stopped; {} left to run from "
            "the day {} restarts.",
            working_days_phrase(left), last.ends == StopEnds::Disregarded ? "after it" : "it"));
        return lines;
    }
    // The days the pauses and extensions pushed the due date across, other than those inside
    // a pause, which its own line accounts for.
    std::vector<NonWorkingDay> later;
    for (Date d = add_days(base.date, 1); d < *due; d = add_days(d, 1)) {
        if (is_paused(d)) continue;
        if (auto why = m_calendar.why_not_working(d)) later.push_back(std::move(*why));
    }
    append_skipped_lines(lines, later, context_year);
    lines.push_back(fmt::format("Due: {}.", format_long_date(*due)));
    return lines;
}

}  // namespace civic
