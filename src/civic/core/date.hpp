// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Calendar dates, as councils use them: no time of day, no time zone.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace civic {

using Date = std::chrono::year_month_day;

// "2025-04-01" → a date; nullopt unless it is a real date written YYYY-MM-DD.
std::optional<Date> parse_iso_date(std::string_view text);
// "31/03/2026" (or "1/4/2026") → a date, as councils write dates in spreadsheets; nullopt
// unless it is a real date written DD/MM/YYYY.
std::optional<Date> parse_day_month_year(std::string_view text);
// A date as YYYY-MM-DD.
std::string format_iso_date(const Date& d);
// "1 April 2025", as GOV.UK writes a date.
std::string format_day_month_year(const Date& d);
// "Tuesday 1 April 2025", as council papers write a date in full.
std::string format_long_date(const Date& d);
// "January" … "December" for 1 … 12.
std::string_view month_name(unsigned month);
// "Sunday" … "Saturday".
std::string_view weekday_name(std::chrono::weekday w);
// d moved by n days (n may be negative).
Date add_days(const Date& d, int n);
// The number of days from a to b (negative when b is before a).
int days_between(const Date& a, const Date& b);
std::chrono::weekday weekday_of(const Date& d);
// The last day of d's month.
Date end_of_month(const Date& d);
Date make_date(int y, unsigned m, unsigned d);

}  // namespace civic
