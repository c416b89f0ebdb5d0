// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The bank holidays of England and Wales, worked out from the rules they follow, so Civic
// knows every year's holidays without waiting for GOV.UK to publish them.

#include <string>
#include <vector>

#include "civic/core/date.hpp"

namespace civic {

// A day off and its name, as GOV.UK writes it ("Good Friday", "Boxing Day (substitute day)").
struct Holiday {
    Date date;
    std::string name;

    friend bool operator==(const Holiday&, const Holiday&) = default;
};

// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus),
// applied proleptically before 1583. Defined for every year std::chrono can hold.
Date easter_sunday(int year);

// The bank holidays of England and Wales in `year`, sorted by date, every one a weekday:
// New Year's Day, Good Friday, Easter Monday, the early May, spring and summer bank
// holidays, Christmas Day and Boxing Day. A fixed-date holiday that falls at a weekend
// gives way to a substitute day, the next weekday not already a bank holiday, named
// "… (substitute day)"; the weekend day itself is not listed, as GOV.UK does not list it.
// One-off changes made by proclamation since 1978 are included (1981, 1995, 1999, 2002,
// 2011, 2012, 2020, 2022, 2023). Exact from 1978, the first year of the early May bank
// holiday; earlier years get today's rules, which were not then in force.
std::vector<Holiday> england_and_wales_bank_holidays(int year);

}  // namespace civic
