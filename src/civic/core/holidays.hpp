// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The bank holidays of England and Wales, of Scotland and of Northern Ireland, worked out from
// the rules they follow, so Civic knows every year's holidays without waiting for GOV.UK to
// publish them; and the days that are a bank holiday in any part of the United Kingdom, which
// the Freedom of Information Act 2000 leaves out of its working days.

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

// Whose bank holidays: one of the three lists the Banking and Financial Dealings Act 1971
// keeps (England and Wales share one), or every day on any of them.
enum class BankHolidays {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
    // A bank holiday in any part of the United Kingdom, as section 10(6) of the Freedom of
    // Information Act 2000 counts working days.
    AnyPartOfUk,
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

// The bank holidays of Scotland in `year`, sorted by date, every one a weekday: New Year's
// Day, 2nd January, Good Friday, the early May and spring bank holidays, the summer bank
// holiday on the first Monday in August, St Andrew's Day (30 November, from 2007), Christmas
// Day and Boxing Day; no Easter Monday. Substitute days as for England and Wales, and the
// one-off changes that applied in Scotland, with the World Cup bank holiday of 2026. Matches
// GOV.UK's list from 2012, the first year it publishes; earlier years get the rules and the
// one-offs, which the proclamations of those years did not always follow exactly.
std::vector<Holiday> scotland_bank_holidays(int year);

// The bank holidays of Northern Ireland in `year`, sorted by date, every one a weekday:
// England and Wales's, with St Patrick's Day (17 March) and the Battle of the Boyne
// (12 July), each with a substitute day when it falls at a weekend. Matches GOV.UK's list
// from 2012; earlier years as for Scotland.
std::vector<Holiday> northern_ireland_bank_holidays(int year);

// Every day in `year` that is a bank holiday in at least one part of the United Kingdom,
// once each, sorted by date. A day that is the same holiday everywhere keeps its name
// ("Good Friday"); any other says where it is which holiday, in the order England and
// Wales, Scotland, Northern Ireland: "Easter Monday in England, Wales and Northern Ireland",
// "St Andrew’s Day (substitute day) in Scotland", and where the nations name one day
// differently, each name with its places, joined by "; ".
std::vector<Holiday> uk_bank_holidays(int year);

// The bank holidays of `which` in `year`: one of the four functions above.
std::vector<Holiday> bank_holidays(BankHolidays which, int year);

}  // namespace civic
