// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Timing as councils write it in service and improvement plans: "by July 1999",
// "14 July 1999", "11.09.99", "Sept 1999 - Feb 2000", "Autumn 1999", "Quarterly & annually",
// "Ongoing", "Not yet timetabled", "Dec 1999? (to be agreed)", "As 7.4",
// "April 1999 then ongoing". Reading it never fails: what Civic cannot understand is kept
// as text and marked for a person to review, because an officer who writes the way
// councils write has made no mistake.
//
// Conventions:
//   - Dates written with numbers are UK day.month.year ("11.09.99" is 11 September 1999),
//     with ".", "/" or "-" between; a two-digit year 50–99 is 19xx, 00–49 is 20xx.
//   - Seasons are the UK meteorological ones: spring March–May, summer June–August, autumn
//     September–November, winter December–February. "Winter 1999" is the winter that
//     starts in December 1999; "Winter 1999/2000" says the same.
//   - A council period ("1999/2000", "2025/26 Q3", "2000") is read by parse_period and
//     becomes a range over that period.
//   - Empty text, or only dashes (a blank cell), is not_scheduled: nobody has set a time.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/date.hpp"
#include "civic/core/period.hpp"

namespace civic {

enum class TimingKind {
    Date,          // one day: "14 July 1999", "11.09.99"
    Month,         // one month: "March 2000", "by Sept 1999"
    Season,        // "Autumn 1999"
    Range,         // "Sept 1999 - Feb 2000", or one council period: "1999/2000"
    Recurrence,    // "Quarterly", "Quarterly & annually"
    Ongoing,       // "Ongoing", "As required"
    NotScheduled,  // "Not yet timetabled", "To be arranged", a blank cell
    Provisional,   // a timing in doubt: "Dec 1999? (to be agreed)"
    Reference,     // the timing of another item: "As 7.4"
    Combination,   // one timing after another: "April 1999 then ongoing"
    Unknown,       // words Civic cannot read; for_review is set
};

enum class Season { Spring, Summer, Autumn, Winter };

enum class Frequency { Daily, Weekly, Fortnightly, Monthly, Quarterly, HalfYearly, Annually };

// snake_case names, as the JSON API writes them: "not_scheduled", "autumn", "half_yearly".
std::string_view timing_kind_name(TimingKind kind);
std::string_view season_name(Season season);
std::string_view frequency_name(Frequency frequency);

// One timing phrase, read. Plain fields only, so it maps directly onto JSON; each field says
// which kinds fill it, and is empty (nullopt, 0, "", {}) for the others.
struct Timing {
    TimingKind kind = TimingKind::Unknown;
    // The words as written. For the timing parse_timing returns, exactly its input; for a
    // part, its share of the words without the punctuation at its edges (line breaks read
    // as spaces, "&amp;" as "&").
    std::string text;
    // Written "by …" (or "end of …", "no later than …"): due on or before the end of the
    // time named rather than during it. Set on the timing that carried the words, so
    // "by Dec 1999?" is a provisional whose part has the deadline.
    bool deadline = false;
    // True only when kind is unknown: a person should read the words.
    bool for_review = false;

    // date: the day.
    std::optional<civic::Date> date;
    // month: the month (a Period of kind month). range: the council period the words named
    // when they named one ("1999/2000" → the financial year), nullopt for a range written
    // with two ends.
    std::optional<Period> period;
    // season: which one, and the year it is named by (Winter 1999 runs December 1999 to
    // February 2000, so season_year is 1999).
    std::optional<civic::Season> season;
    int season_year = 0;
    // date, month, season, range: the first and last day the timing covers, inclusive.
    std::optional<civic::Date> start;
    std::optional<civic::Date> end;

    // recurrence: how often, in the order written ("Quarterly & annually" → quarterly,
    // annually); never empty for a recurrence.
    std::vector<Frequency> frequencies;
    // reference: the ref of the item whose timing this one follows, as written ("7.4"), or
    // "above" / "below".
    std::string reference;
    // provisional: the words of doubt ("to be agreed", "?", "tbc"). Any other kind: words
    // that qualify the timing without changing its dates ("mid", "early", "Cabinet" from
    // "March 2000 (Cabinet)"), joined by "; ". Often empty.
    std::string note;
    // range written with two ends: [from, to], each a date, month, season or period range.
    // provisional: [the timing in doubt]. combination: the timings in the order written.
    std::vector<Timing> parts;

    // The snake_case kind: "date", "not_scheduled", …
    std::string_view kind_name() const;
    // The last day by which it is due: a date itself, the last day of a month, season or
    // range; for provisional, that of the timing in doubt; for a combination, the latest
    // among its parts ("April 1999 then ongoing" → 30 April 1999). nullopt for ongoing,
    // recurrence, not scheduled, reference and unknown.
    std::optional<civic::Date> due_by() const;
    // For a recurrence, the first due day strictly after `after`: quarterly → the next end of
    // a financial quarter (30 June, 30 September, 31 December, 31 March); half-yearly → next
    // 30 September or 31 March; annually → next 31 March; monthly → next month end; weekly,
    // fortnightly, daily → 7, 14, 1 days on. With several frequencies, the earliest. A
    // provisional follows its part; a combination its first recurrence, counted from the
    // end of the parts before it. nullopt otherwise.
    std::optional<civic::Date> next_occurrence(const civic::Date& after) const;
};

// Reads one timing phrase (a timing cell holding several lines or paragraphs is several
// phrases). Never fails: words it cannot read come back as kind unknown with for_review.
Timing parse_timing(std::string_view text);

}  // namespace civic
