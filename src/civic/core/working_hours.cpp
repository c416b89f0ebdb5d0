// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/working_hours.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "civic/core/text.hpp"

namespace civic {
namespace {

constexpr int k_minutes_in_day = 24 * 60;
constexpr int k_max_target_minutes = 1000 * 60;
// The most days a clock walks looking for its due time: far beyond any target of 1000 working
// hours, so only a calendar with no working days at all reaches it.
constexpr int k_max_days_walked = 366 * 50;

// The moment `minutes` working minutes after `from` are counted; nullopt past the dates
// supported or when no working day comes.
std::optional<WallTime> advance(const WorkingCalendar& calendar, const OfficeHours& hours,
                                WallTime from, int minutes) {
    Date d = from.date;
    int lo = std::max(from.minute, hours.opens);
    for (int i = 0; i < k_max_days_walked; ++i) {
        if (calendar.is_working_day(d) && lo < hours.closes) {
            const int avail = hours.closes - lo;
            if (avail >= minutes) return WallTime{d, lo + minutes};
            minutes -= avail;
        }
        if (d == make_date(9999, 12, 31)) return std::nullopt;
        d = add_days(d, 1);
        lo = hours.opens;
    }
    return std::nullopt;
}

}  // namespace

std::optional<int> parse_time_of_day(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int h = (text[0] - '0') * 10 + (text[1] - '0');
    const int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::string format_time_of_day(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::string format_wall_time(const WallTime& t) {
    return fmt::format("{} at {}", format_long_date(t.date), format_time_of_day(t.minute));
}

Result<void> check_office_hours(const OfficeHours& hours) {
    if (hours.opens < 0 || hours.opens >= k_minutes_in_day)
        return std::unexpected(
            Error::validation("opens", "Give the time the office opens, for example 09:00"));
    if (hours.closes <= hours.opens || hours.closes > k_minutes_in_day)
        return std::unexpected(Error::validation(
            "closes", "Give the time the office closes, after it opens, for example 17:00"));
    return ok();
}

std::string working_hours_phrase(int minutes) {
    const int h = minutes / 60, m = minutes % 60;
    if (m == 0) return fmt::format("{} working hour{}", h, h == 1 ? "" : "s");
    if (h == 0) return fmt::format("{} working minute{}", m, m == 1 ? "" : "s");
    return fmt::format("{} working hour{} {} minute{}", h, h == 1 ? "" : "s", m, m == 1 ? "" : "s");
}

Result<WorkingHoursClock> WorkingHoursClock::start(WorkingCalendar calendar, OfficeHours hours,
                                                   WallTime received, int target_minutes) {
    if (auto checked = check_office_hours(hours); !checked) return std::unexpected(checked.error());
    if (target_minutes < 1 || target_minutes > k_max_target_minutes)
        return std::unexpected(Error::validation(
            "target",
            "The target must be from 1 minute to 1000 working hours, for example 4 "
            "working hours"));
    if (received.minute < 0 || received.minute >= k_minutes_in_day)
        return std::unexpected(Error::validation("received", "Give the time it was received"));
    return WorkingHoursClock(std::move(calendar), hours, received, target_minutes);
}

Result<void> WorkingHoursClock::stop(WallTime at, std::string reason) {
    if (is_stopped()) return std::unexpected(Error::conflict("The clock is already stopped."));
    if (at < m_received)
        return std::unexpected(
            Error::validation("at", "The clock cannot stop before the request was received"));
    if (!m_stops.empty() && at < *m_stops.back().restarted_at)
        return std::unexpected(
            Error::validation("at", "The clock cannot stop before it last restarted"));
    if (trim(reason).empty())
        return std::unexpected(Error::validation("reason", "Say why the clock stops"));
    m_stops.push_back({at, std::move(reason), std::nullopt});
    return ok();
}

Result<void> WorkingHoursClock::restart(WallTime at) {
    if (!is_stopped()) return std::unexpected(Error::conflict("The clock is not stopped."));
    if (at < m_stops.back().stopped_at)
        return std::unexpected(
            Error::validation("at", "The clock cannot restart before it stopped"));
    m_stops.back().restarted_at = at;
    return ok();
}

Result<void> WorkingHoursClock::extend(int minutes, std::string reason) {
    if (minutes < 1 || m_target + minutes > k_max_target_minutes)
        return std::unexpected(Error::validation(
            "working_hours", "An extension adds working hours, up to 1000 in all"));
    if (trim(reason).empty())
        return std::unexpected(Error::validation("reason", "Say why the target is extended"));
    m_target += minutes;
    m_extensions.push_back({minutes, std::move(reason)});
    return ok();
}

WallTime WorkingHoursClock::started() const {
    if (m_calendar.is_working_day(m_received.date) && m_received.minute < m_hours.closes)
        return {m_received.date, std::max(m_received.minute, m_hours.opens)};
    return {m_calendar.add_working_days(m_received.date, 1), m_hours.opens};
}

int WorkingHoursClock::working_minutes(const WorkingCalendar& calendar, const OfficeHours& hours,
                                       WallTime from, WallTime to) {
    if (!(from < to)) return 0;
    int total = 0;
    for (Date d = from.date; d <= to.date; d = add_days(d, 1)) {
        if (!calendar.is_working_day(d)) continue;
        const int lo = std::max(hours.opens, d == from.date ? from.minute : 0);
        const int hi = std::min(hours.closes, d == to.date ? to.minute : k_minutes_in_day);
        if (hi > lo) total += hi - lo;
    }
    return total;
}

int WorkingHoursClock::stopped_minutes(WallTime until) const {
    int total = 0;
    for (const Stop& s : m_stops) {
        if (!(s.stopped_at < until)) break;
        const WallTime end = s.restarted_at && *s.restarted_at < until ? *s.restarted_at : until;
        total += working_minutes(m_calendar, m_hours, s.stopped_at, end);
    }
    return total;
}

int WorkingHoursClock::minutes_used(WallTime now) const {
    return working_minutes(m_calendar, m_hours, m_received, now) - stopped_minutes(now);
}

std::optional<WallTime> WorkingHoursClock::due() const {
    int left = m_target;
    WallTime cursor = m_received;
    for (const Stop& s : m_stops) {
        const int run = working_minutes(m_calendar, m_hours, cursor, s.stopped_at);
        if (run >= left) return advance(m_calendar, m_hours, cursor, left);
        left -= run;
        if (!s.restarted_at) return std::nullopt;
        cursor = *s.restarted_at;
    }
    return advance(m_calendar, m_hours, cursor, left);
}

std::vector<std::string> WorkingHoursClock::explanation() const {
    std::vector<std::string> lines;
    const int context_year = int(m_received.date.year());
    lines.push_back(fmt::format("Received {}.", format_wall_time(m_received)));
    lines.push_back(fmt::format("Counted in working hours: {} to {} on working days.",
                                format_time_of_day(m_hours.opens),
                                format_time_of_day(m_hours.closes)));
    const WallTime begun = started();
    if (begun != m_received)
        lines.push_back(fmt::format("The office was closed then: the clock started at {}.",
                                    format_wall_time(begun)));

    const auto base = advance(m_calendar, m_hours, begun, m_base_target);
    if (base) {
        lines.push_back(fmt::format("{} from then is {}.", working_hours_phrase(m_base_target),
                                    format_wall_time(*base)));
        std::vector<NonWorkingDay> skipped;
        for (Date d = add_days(begun.date, 1); d < base->date; d = add_days(d, 1))
            if (auto why = m_calendar.why_not_working(d)) skipped.push_back(std::move(*why));
        for (auto& l : skipped_day_lines(skipped, context_year)) lines.push_back(std::move(l));
    }
    for (const Extension& e : m_extensions)
        lines.push_back(fmt::format("Extended by {}: {}", working_hours_phrase(e.minutes),
                                    as_sentence_end(e.reason)));
    for (const Stop& s : m_stops) {
        const std::string stopped =
            fmt::format("Stopped at {} ({})", format_wall_time(s.stopped_at), s.reason);
        const int used = minutes_used(s.stopped_at);
        if (used >= m_target) {
            lines.push_back(
                fmt::format("{}: the target was already reached, so the due time does "
                            "not move.",
                            stopped));
        } else if (s.restarted_at) {
            lines.push_back(fmt::format("{} and restarted at {}: {} not counted.", stopped,
                                        format_wall_time(*s.restarted_at),
                                        working_hours_phrase(working_minutes(
                                            m_calendar, m_hours, s.stopped_at, *s.restarted_at))));
        } else {
            lines.push_back(fmt::format("{} and not yet restarted: {} of {} used.", stopped,
                                        working_hours_phrase(used),
                                        working_hours_phrase(m_target)));
        }
    }
    const auto when = due();
    if (!when) {
        lines.push_back(fmt::format(
            "Due: not set while the clock is stopped; {} left to run from the moment it "
            "restarts.",
            working_hours_phrase(m_target - minutes_used(m_stops.back().stopped_at))));
        return lines;
    }
    if (base && base->date < when->date) {
        // The days the stops and extensions pushed the due time across, outside the stops.
        std::vector<NonWorkingDay> later;
        for (Date d = add_days(base->date, 1); d < when->date; d = add_days(d, 1)) {
            const bool in_stop = std::any_of(m_stops.begin(), m_stops.end(), [&](const Stop& s) {
                return s.stopped_at.date < d && (!s.restarted_at || d < s.restarted_at->date);
            });
            if (in_stop) continue;
            if (auto why = m_calendar.why_not_working(d)) later.push_back(std::move(*why));
        }
        for (auto& l : skipped_day_lines(later, context_year)) lines.push_back(std::move(l));
    }
    lines.push_back(fmt::format("Due: {}.", format_wall_time(*when)));
    return lines;
}

}  // namespace civic
