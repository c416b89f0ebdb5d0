// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/recurrence.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <libical/ical.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include "civic/core/text.hpp"

namespace civic {
namespace {
using namespace std::chrono;

constexpr int k_earliest_year = 1970;
constexpr int k_latest_year = 2200;
constexpr std::size_t k_longest_rule = 500;
constexpr std::size_t k_longest_phrase = 200;
// Libical holds each BY list in a fixed array and refuses a rule whose list overflows it
// (13 months, 31 days of the month); Civic's limits sit inside those, so that the refusal
// can say what is wrong.
constexpr std::size_t k_longest_list = 100;
constexpr std::size_t k_most_months = 12;
constexpr std::size_t k_most_month_days = 31;
// Civic's rules give at most one meeting a day, so 1970–2200 holds fewer than 85,000 of
// them; more steps than this means something is wrong, and expansion stops.
constexpr long k_most_steps = 100'000;
constexpr std::string_view k_supported_parts =
    "FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS and WKST";
constexpr std::array<std::string_view, 7> k_weekdays = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    for (;;) {
        const std::size_t at = s.find(separator);
        parts.push_back(s.substr(0, at));
        if (at == std::string_view::npos) return parts;
        s.remove_prefix(at + 1);
    }
}

// A whole number with an optional sign and at most four digits, so it fits every field.
std::optional<int> parse_small_int(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), is_digit)) {
        return std::nullopt;
    }
    int value = 0;
    std::from_chars(s.data(), s.data() + s.size(), value);
    return negative ? -value : value;
}

// Parts of a list ("1,2,3") as numbers within [low, high], zero excluded; nullopt if any
// is not.
std::optional<std::vector<int>> parse_int_list(std::string_view list, int low, int high,
                                               std::size_t most = k_longest_list) {
    std::vector<int> values;
    const auto items = split(list, ',');
    if (items.size() > most) return std::nullopt;
    for (const auto item : items) {
        const auto v = parse_small_int(item);
        if (!v || *v == 0 || *v < low || *v > high) return std::nullopt;
        values.push_back(*v);
    }
    return values;
}

int days_in_month_at_most(int month) {
    static constexpr std::array<int, 12> k_days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return k_days[static_cast<std::size_t>(month - 1)];
}

// The most dates one period of a rule can give (a month for FREQ=MONTHLY, and so on),
// from the sizes of its BY lists; an upper bound, which is all BYSETPOS needs.
std::size_t most_dates_per_period(std::string_view freq, std::size_t months, std::size_t month_days,
                                  std::size_t positioned_days, std::size_t unpositioned_days) {
    const bool has_day = positioned_days + unpositioned_days > 0;
    if (freq == "DAILY") return 1;
    if (freq == "WEEKLY")
        return unpositioned_days > 0 ? std::min<std::size_t>(unpositioned_days, 7) : 1;
    if (freq == "MONTHLY") {
        if (month_days > 0) return month_days;
        return has_day ? std::min<std::size_t>(positioned_days + 5 * unpositioned_days, 31) : 1;
    }
    // YEARLY: per month when BYMONTH is given, otherwise across the whole year.
    const std::size_t per_year =
        month_days > 0 ? month_days * (months > 0 ? months : 12)
        : has_day      ? (months > 0 ? months * (positioned_days + 5 * unpositioned_days)
                                     : positioned_days + 53 * unpositioned_days)
        : months > 0   ? months
                       : 1;
    return std::min<std::size_t>(per_year, 366);
}

std::string_view period_name(std::string_view freq) {
    return freq == "DAILY"     ? "day"
           : freq == "WEEKLY"  ? "week"
           : freq == "MONTHLY" ? "month"
                               : "year";
}

// One item of BYDAY: "-1TH" is place -1, weekday 3.
struct DayRule {
    int place;    // 1 the first, -1 the last, 0 every one
    int weekday;  // into k_weekdays: 0 Monday … 6 Sunday
};

// Whether some month (for FREQ=YEARLY, some year) has a date that meets all the BY parts,
// and as many of them as the smallest BYSETPOS asks for. Libical answers this itself only
// by searching thousands of years ahead, for a second or more per rule (as for
// FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=5MO, which never happens); this looks at 2001–2028, which
// hold every layout a year can have (each weekday for 1 January, leap or not), so a rule
// that finds no date there finds none in any year. It is a check, not an expansion: it
// ignores INTERVAL and the first date, so it can only say yes too often, never no.
bool falls_on_some_date(std::string_view freq, const std::set<int>& months,
                        const std::set<int>& month_days, const std::vector<DayRule>& days,
                        int fewest_set_position) {
    const bool by_year = freq == "YEARLY";
    const bool places_in_year = by_year && months.empty();
    const bool by_period = by_year || freq == "MONTHLY";
    const int need = by_period ? std::max(1, fewest_set_position) : 1;
    for (int y = 2001; y <= 2028; ++y) {
        const int days_in_year = year{y}.is_leap() ? 366 : 365;
        int in_year = 0;
        int day_of_year = 0;
        for (unsigned m = 1; m <= 12; ++m) {
            const year_month_day_last last{year{y}, month_day_last{month{m}}};
            const int days_in_month = static_cast<int>(unsigned(last.day()));
            const int first_weekday =
                static_cast<int>((weekday{sys_days{year{y} / month{m} / 1}}.c_encoding() + 6) % 7);
            int in_month = 0;
            for (int d = 1; d <= days_in_month; ++d) {
                ++day_of_year;
                if (!months.empty() && !months.contains(static_cast<int>(m))) continue;
                if (!month_days.empty() && !month_days.contains(d) &&
                    !month_days.contains(d - days_in_month - 1)) {
                    continue;
                }
                const int wd = (first_weekday + d - 1) % 7;
                const int at = places_in_year ? day_of_year : d;
                const int length = places_in_year ? days_in_year : days_in_month;
                const bool day_ok =
                    days.empty() || std::any_of(days.begin(), days.end(), [&](const DayRule& r) {
                        return r.weekday == wd && (r.place == 0 || r.place == (at - 1) / 7 + 1 ||
                                                   r.place == -((length - at) / 7 + 1));
                    });
                if (!day_ok) continue;
                ++in_month;
                ++in_year;
            }
            if (!by_year && in_month >= need) return true;
        }
        if (by_year && in_year >= need) return true;
    }
    return false;
}

// A rule Civic has read and checked, ready for libical.
struct CheckedRule {
    std::string text;  // upper case, parts in the order given, list items once each
};

// Libical reads almost anything and then, for some rules, loops for minutes inside one
// call (FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30 never returns) or hands back garbage dates
// (BYMONTH=5L without RSCALE). So Civic reads the rule itself first, strictly, and passes
// libical only the parts meeting schedules need, with values in range.
std::expected<CheckedRule, std::string> check_rule(std::string_view text) {
    const auto fail = [](std::string why) { return std::unexpected(std::move(why)); };
    text = trim(text);
    if (text.empty()) return fail("Enter a recurrence rule, for example FREQ=WEEKLY;BYDAY=TU");
    if (text.size() > k_longest_rule) {
        return fail(
            fmt::format("The recurrence rule is longer than {} characters", k_longest_rule));
    }
    std::string rule;
    for (const char c : text) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) ||
                             c == ';' || c == '=' || c == ',' || c == '+' || c == '-' || c == ':';
        if (!allowed) {
            return fail(
                "A recurrence rule has only letters, digits and the signs ; = , + -, for "
                "example FREQ=WEEKLY;BYDAY=TU");
        }
        rule += to_upper(c);
    }
    if (rule.starts_with("RRULE:")) rule.erase(0, 6);
    if (rule.find(':') != std::string::npos) {
        return fail("A recurrence rule has only letters, digits and the signs ; = , + -");
    }

    std::set<std::string> seen;
    std::vector<std::string> normalized_parts;
    std::string freq;
    bool has_count = false;
    bool has_until = false;
    bool has_by_part = false;
    bool has_month_day = false;
    std::set<int> months;
    std::set<int> month_days;
    std::set<std::string> positioned_days;    // "1WE", "-1TH"
    std::set<std::string> unpositioned_days;  // "TU"
    std::vector<int> set_positions;
    std::vector<DayRule> day_rules;
    int largest_position = 0;
    for (const auto part : split(rule, ';')) {
        const std::size_t eq = part.find('=');
        if (part.empty()) return fail("The recurrence rule has an empty part between semicolons");
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == part.size()) {
            return fail(
                fmt::format("Each part of a recurrence rule is NAME=VALUE, as in "
                            "FREQ=WEEKLY; \"{}\" is not",
                            part.substr(0, 40)));
        }
        const std::string name{part.substr(0, eq)};
        const std::string_view value = part.substr(eq + 1);
        // Lists are written back in one spelling, each item once: libical gives a date
        // twice for FREQ=WEEKLY;BYDAY=WE,WE (and counts both towards COUNT).
        std::vector<std::string> items_once;
        const auto add_once = [&](std::string item) {
            if (std::find(items_once.begin(), items_once.end(), item) == items_once.end()) {
                items_once.push_back(std::move(item));
            }
        };
        if (!seen.insert(name).second) {
            return fail(fmt::format("The recurrence rule gives {} more than once", name));
        }
        if (name == "FREQ") {
            if (value == "SECONDLY" || value == "MINUTELY" || value == "HOURLY") {
                return fail(
                    "Civic schedules meetings on days: FREQ must be DAILY, WEEKLY, MONTHLY or "
                    "YEARLY, and the time of day comes from the schedule's start time");
            }
            if (value != "DAILY" && value != "WEEKLY" && value != "MONTHLY" && value != "YEARLY") {
                return fail("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
            }
            freq = std::string{value};
        } else if (name == "INTERVAL") {
            if (!std::all_of(value.begin(), value.end(), is_digit) ||
                !parse_int_list(value, 1, 1000)) {
                return fail("INTERVAL must be a whole number from 1 to 1000");
            }
        } else if (name == "COUNT") {
            const auto all_digits = std::all_of(value.begin(), value.end(), is_digit);
            if (!all_digits || !parse_int_list(value, 1, 9999)) {
                return fail("COUNT must be a whole number from 1 to 9999");
            }
            has_count = true;
        } else if (name == "UNTIL") {
            // YYYYMMDD, or YYYYMMDDTHHMMSS with an optional Z for UTC.
            const bool shape_ok =
                (value.size() == 8 && std::all_of(value.begin(), value.end(), is_digit)) ||
                ((value.size() == 15 || (value.size() == 16 && value[15] == 'Z')) &&
                 value[8] == 'T' && std::all_of(value.begin(), value.begin() + 8, is_digit) &&
                 std::all_of(value.begin() + 9, value.begin() + 15, is_digit));
            const auto number = [&](std::size_t at, std::size_t n) {
                return shape_ok ? *parse_small_int(value.substr(at, n)) : 0;
            };
            const Date date = make_date(number(0, 4), static_cast<unsigned>(number(4, 2)),
                                        static_cast<unsigned>(number(6, 2)));
            const bool time_ok = value.size() == 8 || (shape_ok && number(9, 2) < 24 &&
                                                       number(11, 2) < 60 && number(13, 2) < 60);
            if (!shape_ok || !date.ok() || !time_ok) {
                return fail(
                    "UNTIL must be a date such as 20251231, or a time such as "
                    "20251231T235959Z");
            }
            has_until = true;
        } else if (name == "BYDAY") {
            const auto items = split(value, ',');
            if (items.size() > k_longest_list) return fail("BYDAY lists too many days");
            for (const auto item : items) {
                const bool day_ok =
                    item.size() >= 2 && std::find(k_weekdays.begin(), k_weekdays.end(),
                                                  item.substr(item.size() - 2)) != k_weekdays.end();
                const std::string_view position = item.substr(0, item.size() - 2);
                const auto n = position.empty() ? std::optional<int>{0} : parse_small_int(position);
                if (!day_ok || !n || (!position.empty() && (*n == 0 || *n < -53 || *n > 53))) {
                    return fail(
                        "BYDAY lists days as MO, TU, WE, TH, FR, SA and SU, each perhaps with "
                        "its place in the month, as in 1WE (the first Wednesday) or -1TH (the "
                        "last Thursday)");
                }
                std::string spelled = *n != 0
                                          ? fmt::format("{}{}", *n, item.substr(item.size() - 2))
                                          : std::string{item.substr(item.size() - 2)};
                (*n != 0 ? positioned_days : unpositioned_days).insert(spelled);
                add_once(std::move(spelled));
                const auto weekday =
                    std::find(k_weekdays.begin(), k_weekdays.end(), item.substr(item.size() - 2)) -
                    k_weekdays.begin();
                day_rules.push_back({*n, static_cast<int>(weekday)});
                largest_position = std::max(largest_position, std::abs(*n));
            }
            has_by_part = true;
        } else if (name == "BYMONTHDAY") {
            const auto days = parse_int_list(value, -31, 31, k_most_month_days);
            if (!days) {
                return fail(
                    "BYMONTHDAY lists up to 31 days of the month, each 1 to 31 or -1 to -31");
            }
            month_days.insert(days->begin(), days->end());
            for (const int d : *days) add_once(fmt::format("{}", d));
            has_month_day = true;
            has_by_part = true;
        } else if (name == "BYMONTH") {
            const auto list = parse_int_list(value, 1, 12, k_most_months);
            if (!list) return fail("BYMONTH lists up to 12 months as numbers from 1 to 12");
            months.insert(list->begin(), list->end());
            for (const int m : *list) add_once(fmt::format("{}", m));
            has_by_part = true;
        } else if (name == "BYSETPOS") {
            const auto list = parse_int_list(value, -366, 366);
            if (!list) return fail("BYSETPOS lists up to 100 places, each 1 to 366 or -1 to -366");
            set_positions = *list;
            for (const int p : *list) add_once(fmt::format("{}", p));
        } else if (name == "WKST") {
            if (std::find(k_weekdays.begin(), k_weekdays.end(), value) == k_weekdays.end()) {
                return fail("WKST must be a day: MO, TU, WE, TH, FR, SA or SU");
            }
        } else if (name == "BYHOUR" || name == "BYMINUTE" || name == "BYSECOND") {
            return fail(
                fmt::format("Civic does not use {} in a recurrence rule: the time of day "
                            "comes from the schedule's start time",
                            name));
        } else {
            return fail(fmt::format("Civic does not support {} in a recurrence rule; it reads {}",
                                    name.substr(0, 40), k_supported_parts));
        }
        normalized_parts.push_back(
            fmt::format("{}={}", name,
                        items_once.empty() ? std::string{value}
                                           : fmt::format("{}", fmt::join(items_once, ","))));
    }
    if (freq.empty()) return fail("A recurrence rule must start with FREQ, as in FREQ=WEEKLY");
    if (has_count && has_until) return fail("A recurrence rule may give COUNT or UNTIL, not both");
    if (!set_positions.empty() && !has_by_part) {
        return fail("BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH to choose from");
    }
    if (!positioned_days.empty() && freq != "MONTHLY" && freq != "YEARLY") {
        return fail("A day with its place, such as 1WE, needs FREQ=MONTHLY or FREQ=YEARLY");
    }
    // With BYMONTH, a yearly rule's places count within the month too (RFC 5545 3.3.10).
    if ((freq == "MONTHLY" || (freq == "YEARLY" && !months.empty())) && largest_position > 5) {
        return fail("A month has at most five of each weekday, so BYDAY places run from -5 to 5");
    }
    if (has_month_day && freq == "WEEKLY")
        return fail("BYMONTHDAY cannot be used with FREQ=WEEKLY");
    // A day of the month that no listed month has (the 30th of February) would leave libical
    // searching for centuries.
    if (has_month_day) {
        const std::set<int> all_months = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        const std::set<int>& in = months.empty() ? all_months : months;
        const bool some_day_exists = std::any_of(in.begin(), in.end(), [&](int m) {
            return std::any_of(month_days.begin(), month_days.end(),
                               [&](int d) { return std::abs(d) <= days_in_month_at_most(m); });
        });
        if (!some_day_exists) {
            return fail("The rule never falls on a date: no month it names has that day");
        }
    }
    // BYSETPOS picks the nth of the dates each period gives; asking for more than a period
    // can hold (the 40th Monday of a month) also leaves libical searching for centuries.
    if (!set_positions.empty()) {
        const auto most = static_cast<int>(
            most_dates_per_period(freq, months.size(), month_days.size(), positioned_days.size(),
                                  unpositioned_days.size()));
        for (const int p : set_positions) {
            if (std::abs(p) > most) {
                return fail(fmt::format(
                    "BYSETPOS={} asks for more dates than the rule gives in a {} (at most {})", p,
                    period_name(freq), most));
            }
        }
    }
    int fewest_set_position = 0;
    for (const int p : set_positions) {
        if (fewest_set_position == 0 || std::abs(p) < fewest_set_position) {
            fewest_set_position = std::abs(p);
        }
    }
    if (!falls_on_some_date(freq, months, month_days, day_rules, fewest_set_position)) {
        return fail("The rule never falls on a date: its parts cannot all be met");
    }
    return CheckedRule{fmt::format("{}", fmt::join(normalized_parts, ";"))};
}

// Wall-clock time in the UK, and the instant it names.
struct Moment {
    local_seconds wall;
    sys_seconds utc;
};

// libical fills its time zones lazily and shares them between threads, so all use of them
// from Civic goes through one lock.
std::mutex& zone_mutex() {
    static std::mutex m;
    return m;
}

icaltimetype to_icaltime(seconds since_epoch, const icaltimezone* zone) {
    const auto day = floor<days>(since_epoch);
    const year_month_day ymd{sys_days{day}};
    const hh_mm_ss hms{since_epoch - day};
    icaltimetype t = icaltime_null_time();
    t.year = int(ymd.year());
    t.month = static_cast<int>(unsigned(ymd.month()));
    t.day = static_cast<int>(unsigned(ymd.day()));
    t.hour = static_cast<int>(hms.hours().count());
    t.minute = static_cast<int>(hms.minutes().count());
    t.second = static_cast<int>(hms.seconds().count());
    t.is_date = 0;
    t.zone = zone;
    return t;
}

// The UK's offset from UTC at an instant, from the system's time zone database through
// libical (g++ 12's standard library has no std::chrono::locate_zone).
std::expected<seconds, std::string> london_offset_at(sys_seconds utc) {
    const std::lock_guard lock(zone_mutex());
    icaltimezone* london = icaltimezone_get_builtin_timezone("Europe/London");
    if (london == nullptr) {
        return std::unexpected(
            "Civic cannot find the Europe/London time zone; the tzdata package provides it");
    }
    icaltimetype t = to_icaltime(utc.time_since_epoch(), icaltimezone_get_utc_timezone());
    int is_daylight = 0;
    return seconds{icaltimezone_get_utc_offset_of_utc_time(london, &t, &is_daylight)};
}

// When a wall-clock time in the UK happens, as RFC 5545 (3.3.5) reads local times: a time
// that happens twice (the autumn change) is the first of the two, in BST; a time the spring
// change skips is read with the offset before the gap, so 01:30 is 01:30 UTC, 02:30 BST.
std::expected<Moment, std::string> london_moment(local_seconds wall) {
    const sys_seconds as_if_utc{wall.time_since_epoch()};
    // The UK's clock changes are months apart, so the offsets a day either side are the
    // only two this time can have.
    const auto before = london_offset_at(as_if_utc - days{1});
    const auto after = london_offset_at(as_if_utc + days{1});
    if (!before) return std::unexpected(before.error());
    if (!after) return std::unexpected(after.error());
    std::optional<sys_seconds> first;
    for (const seconds offset : {*before, *after}) {
        const sys_seconds candidate = as_if_utc - offset;
        const auto actual = london_offset_at(candidate);
        if (!actual) return std::unexpected(actual.error());
        if (*actual == offset && (!first || candidate < *first)) first = candidate;
    }
    const sys_seconds utc = first.value_or(as_if_utc - *before);
    const auto offset = london_offset_at(utc);
    if (!offset) return std::unexpected(offset.error());
    return Moment{local_seconds{(utc + *offset).time_since_epoch()}, utc};
}

std::string format_utc(sys_seconds t) {
    const auto day = floor<days>(t);
    const hh_mm_ss hms{t - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_iso_date(year_month_day{day}),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

local_seconds local_time(const Date& d, int hour, int minute, int second = 0) {
    return local_days{d} + hours{hour} + minutes{minute} + seconds{second};
}

icaltimetype floating(local_seconds wall) { return to_icaltime(wall.time_since_epoch(), nullptr); }

bool in_civic_years(const Date& d) {
    return d.ok() && int(d.year()) >= k_earliest_year && int(d.year()) <= k_latest_year;
}

struct IteratorFree {
    void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
using IteratorPtr = std::unique_ptr<icalrecur_iterator, IteratorFree>;

}  // namespace

std::expected<std::string, std::string> normalize_rrule(std::string_view rrule) {
    auto checked = check_rule(rrule);
    if (!checked) return std::unexpected(checked.error());
    return std::move(checked->text);
}

std::expected<std::vector<Occurrence>, std::string> expand(const Schedule& schedule, Date from,
                                                           Date to, std::size_t limit) {
    const auto fail = [](std::string why) { return std::unexpected(std::move(why)); };
    const auto rule = check_rule(schedule.rrule);
    if (!rule) return std::unexpected(rule.error());
    const auto years = fmt::format("from {} to {}", k_earliest_year, k_latest_year);
    if (!in_civic_years(schedule.first_date)) {
        return fail(fmt::format("The first date must be a real date {}", years));
    }
    if (!in_civic_years(from) || !in_civic_years(to)) {
        return fail(fmt::format("The dates to list meetings between must be real dates {}", years));
    }
    if (to < from) return fail("The end date must be on or after the start date");
    if (schedule.hour < 0 || schedule.hour > 23 || schedule.minute < 0 || schedule.minute > 59) {
        return fail("The start time must be a time of day, from 00:00 to 23:59");
    }
    if (schedule.duration_minutes < 1 || schedule.duration_minutes > 24 * 60) {
        return fail("A meeting lasts from 1 minute to 24 hours (1440 minutes)");
    }
    std::vector<Occurrence> occurrences;
    if (limit == 0) return occurrences;

    icalrecurrencetype recurrence = icalrecurrencetype_from_string(rule->text.c_str());
    if (recurrence.rscale != nullptr) {
        // check_rule refuses RSCALE, so libical allocated this only if the two disagree.
        icalmemory_free_buffer(recurrence.rscale);
        return fail("Civic uses the Gregorian calendar only");
    }
    if (recurrence.freq == ICAL_NO_RECURRENCE) {
        return fail(fmt::format("The recurrence rule could not be read (libical: {})",
                                icalerror_strerror(icalerrno)));
    }
    // Libical compares UNTIL with the floating local times it generates field by field, so
    // UNTIL is made a local time here: a date means the end of that day (RFC 5545 makes
    // UNTIL inclusive), a UTC time becomes UK time. It is also pulled in to the end of `to`,
    // so that a rule that rarely or never matches stops searching there.
    const local_seconds horizon = local_time(to, 23, 59, 59);
    local_seconds until = horizon;
    if (!icaltime_is_null_time(recurrence.until)) {
        const icaltimetype u = recurrence.until;
        const Date d =
            make_date(u.year, static_cast<unsigned>(u.month), static_cast<unsigned>(u.day));
        if (u.is_date) {
            until = local_time(d, 23, 59, 59);
        } else if (icaltime_is_utc(u)) {
            // Held within a few days of the years asked about: an UNTIL before the first
            // date or after `to` means the same, and libical's time zone then never has to
            // cover year 1 or 9999.
            const sys_seconds earliest{
                (local_time(schedule.first_date, 0, 0) - days{2}).time_since_epoch()};
            const sys_seconds latest{(horizon + days{2}).time_since_epoch()};
            const sys_seconds utc = std::clamp(
                sys_seconds{local_time(d, u.hour, u.minute, u.second).time_since_epoch()}, earliest,
                latest);
            const auto offset = london_offset_at(utc);
            if (!offset) return std::unexpected(offset.error());
            until = local_seconds{(utc + *offset).time_since_epoch()};
        } else {
            until = local_time(d, u.hour, u.minute, u.second);
        }
        until = std::min(until, horizon);
    }
    recurrence.until = floating(until);

    const IteratorPtr iterator{icalrecur_iterator_new(
        recurrence, floating(local_time(schedule.first_date, schedule.hour, schedule.minute)))};
    if (!iterator) return fail("The rule never falls on a date: its parts cannot all be met");

    const std::set<Date> exceptions(schedule.exceptions.begin(), schedule.exceptions.end());
    std::optional<local_seconds> previous;
    for (long step = 0;; ++step) {
        if (step == k_most_steps) {
            return fail("The rule gives too many dates to list; narrow the rule or the dates");
        }
        const icaltimetype t = icalrecur_iterator_next(iterator.get());
        if (icaltime_is_null_time(t)) break;
        const Date date =
            make_date(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
        if (!date.ok() || t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59) {
            return fail("The rule gave a date Civic cannot read");
        }
        if (date > to) break;
        // Libical's dates come in order; one that is not later than the last is a repeat.
        const local_seconds scheduled = local_time(date, t.hour, t.minute);
        if (previous && scheduled <= *previous) continue;
        previous = scheduled;
        if (date < from || exceptions.contains(date)) continue;
        const auto moment = london_moment(scheduled);
        if (!moment) return std::unexpected(moment.error());
        const auto wall_day = floor<days>(moment->wall);
        const hh_mm_ss wall_time{moment->wall - wall_day};
        Occurrence o;
        o.local_date = year_month_day{wall_day};
        o.hour = static_cast<int>(wall_time.hours().count());
        o.minute = static_cast<int>(wall_time.minutes().count());
        o.local = fmt::format("{}T{:02}:{:02}", format_iso_date(o.local_date), o.hour, o.minute);
        o.utc = format_utc(moment->utc);
        o.end_utc = format_utc(moment->utc + minutes{schedule.duration_minutes});
        occurrences.push_back(std::move(o));
        if (occurrences.size() >= limit) break;
    }
    return occurrences;
}

// ---- Phrases ------------------------------------------------------------------------------

namespace {

// "Tuesday", "Tuesdays" or "Tue" → 1, the index into k_weekdays.
std::optional<int> weekday_index(std::string_view w) {
    struct Name {
        std::string_view word;
        int index;
    };
    static constexpr std::array<Name, 25> k_names = {{
        {"monday", 0},    {"mondays", 0},  {"mon", 0},       {"tuesday", 1},    {"tuesdays", 1},
        {"tue", 1},       {"tues", 1},     {"wednesday", 2}, {"wednesdays", 2}, {"wed", 2},
        {"weds", 2},      {"thursday", 3}, {"thursdays", 3}, {"thu", 3},        {"thur", 3},
        {"thurs", 3},     {"friday", 4},   {"fridays", 4},   {"fri", 4},        {"saturday", 5},
        {"saturdays", 5}, {"sat", 5},      {"sunday", 6},    {"sundays", 6},    {"sun", 6},
    }};
    for (const auto& n : k_names) {
        if (n.word == w) return n.index;
    }
    return std::nullopt;
}

std::optional<int> month_number(std::string_view w) {
    static constexpr std::array<std::string_view, 12> k_full = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (std::size_t i = 0; i < k_full.size(); ++i) {
        if (w == k_full[i] ||
            (w.size() >= 3 && k_full[i].starts_with(w) && (w.size() == 3 || w == "sept"))) {
            return static_cast<int>(i) + 1;
        }
    }
    return std::nullopt;
}

// "first" → 1, "2nd" → 2, "last" → -1, "15th" → 15 (for days of the month).
std::optional<int> ordinal(std::string_view w) {
    static constexpr std::array<std::string_view, 5> k_words = {"first", "second", "third",
                                                                "fourth", "fifth"};
    for (std::size_t i = 0; i < k_words.size(); ++i) {
        if (w == k_words[i]) return static_cast<int>(i) + 1;
    }
    if (w == "last") return -1;
    if (w.size() < 3 || w.size() > 4) return std::nullopt;
    const std::string_view digits = w.substr(0, w.size() - 2);
    const std::string_view suffix = w.substr(w.size() - 2);
    const auto n = parse_small_int(digits);
    if (!n || !is_digit(digits.front()) || *n < 1 || *n > 31) return std::nullopt;
    const int last_two = *n % 100;
    const int last = *n % 10;
    const std::string_view expected = (last_two >= 11 && last_two <= 13) ? "th"
                                      : last == 1                        ? "st"
                                      : last == 2                        ? "nd"
                                      : last == 3                        ? "rd"
                                                                         : "th";
    if (suffix != expected) return std::nullopt;
    return *n;
}

// "two" → 2, "3" → 3: how many weeks or months apart.
std::optional<int> count_word(std::string_view w) {
    static constexpr std::array<std::string_view, 12> k_words = {"one",  "two", "three",  "four",
                                                                 "five", "six", "seven",  "eight",
                                                                 "nine", "ten", "eleven", "twelve"};
    for (std::size_t i = 0; i < k_words.size(); ++i) {
        if (w == k_words[i]) return static_cast<int>(i) + 1;
    }
    if (w.empty() || w.size() > 2 || !std::all_of(w.begin(), w.end(), is_digit)) {
        return std::nullopt;
    }
    const int n = *parse_small_int(w);
    return n >= 1 ? std::optional<int>{n} : std::nullopt;
}

constexpr std::string_view k_phrase_help =
    "Civic understands phrases such as \"every Tuesday\", \"weekly on Monday\", \"every "
    "Monday and Thursday\", \"fortnightly on Tuesday\", \"every 3 weeks on Friday\", \"the "
    "first Wednesday of each month\", \"the last Thursday of the month\", \"the 15th of each "
    "month\", \"monthly except August\", \"daily\", \"every weekday\", \"weekly\", "
    "\"fortnightly\", \"monthly\", \"quarterly\" and \"annually\" (the last six on the day of "
    "the schedule's first date)";

// Reads a phrase word by word. Each rule method consumes words and records the rule.
class PhraseReader {
public:
    explicit PhraseReader(std::vector<std::string> words) : m_words(std::move(words)) {}

    std::expected<std::string, std::string> read() {
        if (m_words.empty())
            return std::unexpected(fmt::format("Enter a schedule. {}", k_phrase_help));
        if (auto r = read_frequency(); !r) return std::unexpected(r.error());
        if (accept("except")) {
            accept("in");
            if (m_freq == "YEARLY") {
                return std::unexpected(fmt::format(
                    "\"except\" needs a schedule that repeats within a year. {}", k_phrase_help));
            }
            if (auto r = read_months(); !r) return std::unexpected(r.error());
        }
        if (m_at != m_words.size()) return error_at("Civic did not expect");
        return rule();
    }

private:
    std::expected<void, std::string> read_frequency() {
        if (accept("every") || accept("each")) {
            if (accept("other")) {
                m_interval = 2;
                return read_unit_or_days();
            }
            if (const auto n = peek_count(); n && !peek_is_ordinal()) {
                ++m_at;
                m_interval = *n;
                return read_unit_or_days();
            }
            return read_unit_or_days();
        }
        if (accept("daily")) return set("DAILY");
        if (accept("weekly")) return read_on_days("WEEKLY");
        if (accept("fortnightly")) {
            m_interval = 2;
            return read_on_days("WEEKLY");
        }
        if (accept("monthly")) return read_on_month_day("MONTHLY");
        if (accept("quarterly")) {
            m_interval = 3;
            return read_on_month_day("MONTHLY");
        }
        if (accept("annually") || accept("yearly")) return set("YEARLY");
        // Both words mean "twice a ..." to some people and "every other ..." to others.
        if (peek() == "biweekly" || peek() == "bi-weekly") {
            return std::unexpected(fmt::format(
                "\"{}\" can mean twice a week or every other week; write \"fortnightly\" or "
                "name the days, as in \"every Monday and Thursday\"",
                peek()));
        }
        if (peek() == "bimonthly" || peek() == "bi-monthly") {
            return std::unexpected(fmt::format(
                "\"{}\" can mean twice a month or every other month; write \"every other "
                "month\" or name the days, as in \"the first and third Wednesday of each "
                "month\"",
                peek()));
        }
        accept("on");
        accept("the");
        if (peek_is_ordinal()) return read_month_days_of_the_month();
        // "Tuesdays", "Monday and Thursday": the days themselves, every week.
        if (weekday_index(peek())) {
            m_freq = "WEEKLY";
            return read_days();
        }
        return error_at("Civic did not expect");
    }

    // After "every", "every other" or "every 3": a unit ("week", "months") or days.
    std::expected<void, std::string> read_unit_or_days() {
        const std::string word = peek();
        if (word == "day" || word == "days") {
            ++m_at;
            return set("DAILY");
        }
        if (word == "weekday" || word == "weekdays" ||
            (word == "working" && peek(1).starts_with("day"))) {
            m_at += word == "working" ? 2 : 1;
            m_freq = "WEEKLY";
            if (m_interval != 1) return error_at("Civic did not expect");
            m_days = {"MO", "TU", "WE", "TH", "FR"};
            return {};
        }
        if (word == "week" || word == "weeks") {
            ++m_at;
            return read_on_days("WEEKLY");
        }
        if (word == "month" || word == "months") {
            ++m_at;
            return read_on_month_day("MONTHLY");
        }
        if (word == "year" || word == "years") {
            ++m_at;
            return set("YEARLY");
        }
        if (weekday_index(word)) {
            m_freq = "WEEKLY";
            return read_days();
        }
        return error_at("Civic did not expect");
    }

    // "weekly", or "weekly on Monday [and Thursday]".
    std::expected<void, std::string> read_on_days(std::string_view freq) {
        m_freq = freq;
        if (!accept("on")) return {};
        return read_days();
    }

    // "monthly", "monthly on the first Wednesday", "monthly on the 15th".
    std::expected<void, std::string> read_on_month_day(std::string_view freq) {
        m_freq = freq;
        if (!accept("on")) return {};
        accept("the");
        return read_positions();
    }

    // "the first [and third] Wednesday of each month", "the 15th of the month".
    std::expected<void, std::string> read_month_days_of_the_month() {
        m_freq = "MONTHLY";
        if (auto r = read_positions(); !r) return r;
        if (!(accept("of") || accept("in"))) return error_at("Civic expected \"of each month\" at");
        if (!(accept("each") || accept("every") || accept("the"))) {
            return error_at("Civic expected \"of each month\" at");
        }
        if (!accept("month")) return error_at("Civic expected \"of each month\" at");
        return {};
    }

    // Ordinals then a weekday ("first and third Wednesday" → 1WE,3WE) or days of the month
    // ("15th", "last day" → 15, -1).
    std::expected<void, std::string> read_positions() {
        std::vector<int> positions;
        while (const auto n = peek_is_ordinal() ? ordinal(peek()) : std::nullopt) {
            positions.push_back(*n);
            ++m_at;
            accept("and");
        }
        if (positions.empty()) return error_at("Civic expected \"first\", \"last\" or \"15th\" at");
        if (const auto day = weekday_index(peek())) {
            if (std::any_of(positions.begin(), positions.end(), [](int p) { return p > 5; })) {
                return std::unexpected(fmt::format(
                    "A month has at most five of each weekday: first to fifth, or last. {}",
                    k_phrase_help));
            }
            ++m_at;
            for (const int p : positions) {
                add(m_days, fmt::format("{}{}", p, k_weekdays[static_cast<std::size_t>(*day)]));
            }
            return {};
        }
        accept("day");
        for (const int p : positions) add(m_month_days, fmt::format("{}", p));
        return {};
    }

    // "Monday", "Monday and Thursday", "Monday Wednesday and Friday".
    std::expected<void, std::string> read_days() {
        bool any = false;
        for (;;) {
            const auto day = weekday_index(peek());
            if (!day) break;
            ++m_at;
            any = true;
            add(m_days, std::string{k_weekdays[static_cast<std::size_t>(*day)]});
            accept("and");
        }
        if (!any) return error_at("Civic expected a day of the week at");
        return {};
    }

    // "August", "August and December", "July August and December".
    std::expected<void, std::string> read_months() {
        bool any = false;
        for (;;) {
            const auto month = month_number(peek());
            if (!month) break;
            ++m_at;
            any = true;
            m_excluded_months.insert(*month);
            accept("and");
        }
        if (!any) return error_at("Civic expected a month at");
        if (m_excluded_months.size() == 12) {
            return std::unexpected("A schedule cannot leave out every month");
        }
        return {};
    }

    std::expected<void, std::string> set(std::string_view freq) {
        m_freq = freq;
        return {};
    }

    std::string rule() const {
        std::string r = "FREQ=" + m_freq;
        if (m_interval != 1) r += fmt::format(";INTERVAL={}", m_interval);
        if (!m_excluded_months.empty()) {
            r += ";BYMONTH=";
            bool first = true;
            for (int m = 1; m <= 12; ++m) {
                if (m_excluded_months.contains(m)) continue;
                r += fmt::format("{}{}", first ? "" : ",", m);
                first = false;
            }
        }
        if (!m_month_days.empty()) r += ";BYMONTHDAY=" + join(m_month_days);
        if (!m_days.empty()) r += ";BYDAY=" + join(m_days);
        return r;
    }

    static std::string join(const std::vector<std::string>& items) {
        std::string out;
        for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
        return out;
    }

    static void add(std::vector<std::string>& list, std::string item) {
        if (std::find(list.begin(), list.end(), item) == list.end())
            list.push_back(std::move(item));
    }

    std::string peek(std::size_t ahead = 0) const {
        return m_at + ahead < m_words.size() ? m_words[m_at + ahead] : std::string{};
    }
    bool peek_is_ordinal() const { return ordinal(peek()).has_value(); }
    std::optional<int> peek_count() const { return count_word(peek()); }

    bool accept(std::string_view word) {
        if (peek() != word) return false;
        ++m_at;
        return true;
    }

    // The unexpected word is quoted only when it is plain text, so the message stays
    // readable whatever was typed.
    std::unexpected<std::string> error_at(std::string_view what) const {
        const std::string word = peek();
        const bool printable =
            !word.empty() && word.size() <= 30 &&
            std::all_of(word.begin(), word.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
        std::string found = word.empty() ? std::string{"the end of the phrase"}
                            : printable  ? fmt::format("\"{}\"", word)
                                         : std::string{"this word"};
        return std::unexpected(fmt::format("{} {}. {}", what, found, k_phrase_help));
    }

    std::vector<std::string> m_words;
    std::size_t m_at = 0;
    std::string m_freq;
    int m_interval = 1;
    std::vector<std::string> m_days;        // BYDAY items: "TU", "1WE", "-1TH"
    std::vector<std::string> m_month_days;  // BYMONTHDAY items: "15", "-1"
    std::set<int> m_excluded_months;
};

}  // namespace

std::expected<std::string, std::string> rrule_from_phrase(std::string_view phrase) {
    if (phrase.size() > k_longest_phrase) {
        return std::unexpected(fmt::format("A schedule is at most {} characters. {}",
                                           k_longest_phrase, k_phrase_help));
    }
    // Words in lower case; commas and a closing full stop are only punctuation.
    std::vector<std::string> words;
    std::string word;
    for (const char c : trim(phrase)) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
            if (!word.empty()) words.push_back(std::exchange(word, {}));
        } else {
            word += to_lower(c);
        }
    }
    if (!word.empty()) words.push_back(word);
    if (!words.empty() && words.back().ends_with('.')) {
        words.back().pop_back();
        if (words.back().empty()) words.pop_back();
    }
    return PhraseReader{std::move(words)}.read();
}

Date uk_date(TimePoint t) {
    const auto utc = floor<seconds>(t);
    const seconds offset = london_offset_at(utc).value_or(seconds{0});
    return year_month_day{floor<days>(utc + offset)};
}

WallTime uk_wall_time(TimePoint t) {
    const auto utc = floor<seconds>(t);
    const auto local = utc + london_offset_at(utc).value_or(seconds{0});
    const auto day = floor<days>(local);
    return {year_month_day{day}, static_cast<int>(floor<minutes>(local - day).count())};
}

std::optional<Date> uk_date_of(std::string_view stored) {
    const auto date = parse_iso_date(stored.substr(0, std::min<std::size_t>(stored.size(), 10)));
    if (!date) return std::nullopt;
    if (stored.size() == 10) return date;
    // "THH:MM:SS", then fractions and the zone, which Civic always writes as Z.
    int hour = 0, minute = 0, second = 0;
    const auto two = [&](std::size_t at, int& out) {
        if (stored.size() < at + 2) return false;
        const auto r = std::from_chars(stored.data() + at, stored.data() + at + 2, out);
        return r.ec == std::errc{} && r.ptr == stored.data() + at + 2;
    };
    if (stored.size() < 19 || stored[10] != 'T' || stored[13] != ':' || stored[16] != ':' ||
        !two(11, hour) || !two(14, minute) || !two(17, second) || hour > 23 || minute > 59 ||
        second > 60 || stored.back() != 'Z') {
        return std::nullopt;
    }
    return uk_date(sys_days{*date} + hours{hour} + minutes{minute} + seconds{second});
}

std::string uk_iso_date_of(std::string_view stored) {
    if (const auto d = uk_date_of(stored)) return format_iso_date(*d);
    return std::string(stored.substr(0, std::min<std::size_t>(stored.size(), 10)));
}

}  // namespace civic
