// SPDX-License-Identifier: AGPL-3.0-or-later
// Timing phrases as councils write them, read into typed values that keep the words.

#include "civic/core/timing.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "civic/core/date.hpp"

namespace civic {
namespace {

std::string iso(const std::optional<Date>& d) { return d ? format_iso_date(*d) : "none"; }

// Every field of a timing in one line, so a table row states the whole expected value:
// kind, "by" for a deadline, date, period, season, first..last day, frequencies, reference,
// (note), and the parts in brackets with their words quoted.
std::string describe(const Timing& t) {
    std::string s(t.kind_name());
    if (t.deadline) s += " by";
    if (t.date) s += " " + format_iso_date(*t.date);
    if (t.period) s += " " + t.period->to_string();
    if (t.season) s += fmt::format(" {} {}", season_name(*t.season), t.season_year);
    if (t.start || t.end) s += fmt::format(" {}..{}", iso(t.start), iso(t.end));
    for (const auto f : t.frequencies) s += fmt::format(" {}", frequency_name(f));
    if (!t.reference.empty()) s += " " + t.reference;
    if (!t.note.empty()) s += " (" + t.note + ")";
    if (t.for_review) s += " for review";
    if (!t.parts.empty()) {
        s += " [";
        for (std::size_t i = 0; i < t.parts.size(); ++i)
            s += fmt::format("{}'{}' {}", i ? ", " : "", t.parts[i].text, describe(t.parts[i]));
        s += "]";
    }
    return s;
}

struct Case {
    std::string_view text;
    std::string_view timing;  // describe() of the result
    std::string_view due_by;
};

void expect_read(const Case& c) {
    SCOPED_TRACE(c.text);
    const Timing t = parse_timing(c.text);
    EXPECT_EQ(t.text, c.text);
    EXPECT_EQ(describe(t), c.timing);
    EXPECT_EQ(iso(t.due_by()), c.due_by);
}

// Every distinct phrase in the Timing column of seed 002 (Chief Executive's Office service
// plan 1999/2000), with the items it appears against. A cell of several paragraphs
// (</p><p>) or lines is several phrases; each is here once.
TEST(Timing, reads_every_phrase_in_the_timing_column_of_seed_002) {
    const Case cases[] = {
        // 1.1, 5.1
        {"by July 1999", "month by 1999-07 1999-07-01..1999-07-31", "1999-07-31"},
        // 1.1, 1.2, 2.1, 2.3, 3.6, 3.9, 3.11, 3.13, 4.1, 4.4, 4.5, 5.1
        {"March 2000", "month 2000-03 2000-03-01..2000-03-31", "2000-03-31"},
        // 1.3
        {"14 July 1999", "date 1999-07-14 1999-07-14..1999-07-14", "1999-07-14"},
        // 1.4, 1.5, 2.2, 2.4, 2.6, 3.2, 3.3, 3.13, 4.1, 4.5, 5.1, 5.3, 6.1, 6.3
        {"Ongoing", "ongoing", "none"},
        // 1.4: a UK day.month.year with a two-digit year
        {"11.09.99", "date 1999-09-11 1999-09-11..1999-09-11", "1999-09-11"},
        // 2.2, 4.5
        {"Quarterly", "recurrence quarterly", "none"},
        // 2.2, 3.2, 3.4, 3.13, 3.15, 4.5, 5.3
        {"July 1999", "month 1999-07 1999-07-01..1999-07-31", "1999-07-31"},
        // 2.3, 3.6, 3.12, 3.14, 4.1
        {"September 1999", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        // 2.4, 3.4, 3.8, 3.10, 4.2, 5.1
        {"Sept 1999", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        // 2.4
        {"Sept 1999 - Feb 2000",
         "range 1999-09-01..2000-02-29 ['Sept 1999' month 1999-09 1999-09-01..1999-09-30, 'Feb "
         "2000' month 2000-02 "
         "2000-02-01..2000-02-29]",
         "2000-02-29"},
        // 2.5, 3.8
        {"Autumn 1999", "season autumn 1999 1999-09-01..1999-11-30", "1999-11-30"},
        // 3.1, 4.2, 4.4, 4.5, 5.1
        {"June 1999", "month 1999-06 1999-06-01..1999-06-30", "1999-06-30"},
        // 3.2
        {"Dec 1999? (to be agreed)",
         "provisional (to be agreed) ['Dec 1999' month 1999-12 1999-12-01..1999-12-31]",
         "1999-12-31"},
        // 3.2: the stray comma is the author's
        {"Sept 1999 then , ongoing",
         "combination ['Sept 1999' month 1999-09 1999-09-01..1999-09-30, 'ongoing' ongoing]",
         "1999-09-30"},
        // 3.5
        {"by Oct 2000", "month by 2000-10 2000-10-01..2000-10-31", "2000-10-31"},
        // 3.7
        {"To be arranged", "not_scheduled", "none"},
        // 3.13, as the reader sees it and as the seed's HTML holds it
        {"Quarterly & annually", "recurrence quarterly annually", "none"},
        {"Quarterly &amp; annually", "recurrence quarterly annually", "none"},
        // 3.15
        {"Oct 1999", "month 1999-10 1999-10-01..1999-10-31", "1999-10-31"},
        // 4.3
        {"Summer 1999", "season summer 1999 1999-06-01..1999-08-31", "1999-08-31"},
        // 4.5, 5.1, 5.2, 5.3
        {"April 1999", "month 1999-04 1999-04-01..1999-04-30", "1999-04-30"},
        // 4.5
        {"February 2000", "month 2000-02 2000-02-01..2000-02-29", "2000-02-29"},
        // 4.5
        {"January 2000", "month 2000-01 2000-01-01..2000-01-31", "2000-01-31"},
        // 5.1, 5.2
        {"Not yet timetabled", "not_scheduled", "none"},
        // 5.1, 5.3
        {"Jan 2000", "month 2000-01 2000-01-01..2000-01-31", "2000-01-31"},
        // 5.1, 5.2
        {"by Dec 1999", "month by 1999-12 1999-12-01..1999-12-31", "1999-12-31"},
        // 5.1
        {"by March 2000", "month by 2000-03 2000-03-01..2000-03-31", "2000-03-31"},
        // 5.1, 5.3
        {"Feb 2000", "month 2000-02 2000-02-01..2000-02-29", "2000-02-29"},
        // 5.1, 5.3
        {"Apr 2000", "month 2000-04 2000-04-01..2000-04-30", "2000-04-30"},
        // 5.2, 5.3
        {"Aug 1999", "month 1999-08 1999-08-01..1999-08-31", "1999-08-31"},
        // 5.2
        {"by Mar 2000", "month by 2000-03 2000-03-01..2000-03-31", "2000-03-31"},
        // 5.3
        {"by Oct 1999", "month by 1999-10 1999-10-01..1999-10-31", "1999-10-31"},
        // 5.3
        {"by Nov 1999", "month by 1999-11 1999-11-01..1999-11-30", "1999-11-30"},
        // 5.3
        {"by Sept 1999", "month by 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        // 5.3
        {"As 7.4", "reference 7.4", "none"},
    };
    for (const auto& c : cases) {
        expect_read(c);
        EXPECT_FALSE(parse_timing(c.text).for_review) << c.text;
    }
}

// Seed 002 also gives timings outside the Timing column: in its notes, its headings and the
// wording of its activities.
TEST(Timing, reads_the_timings_in_the_notes_and_headings_of_seed_002) {
    const Case cases[] = {
        // 3.2 notes: "Action plans to service committees by September 1999"
        {"by September 1999", "month by 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        // 4.2 notes: "Audit commenced March 1999"
        {"March 1999", "month 1999-03 1999-03-01..1999-03-31", "1999-03-31"},
        // 2.5 notes: "Seminar being planned with LGA (date to be arranged)"
        {"(date to be arranged)", "not_scheduled", "none"},
        // 4.4 notes: "Timetable for reviewing impact yet to be established"
        {"yet to be established", "not_scheduled", "none"},
        // 3.5: "rolling programme of reviews to commence April 2000"
        {"to commence April 2000",
         "combination ['April 2000' month 2000-04 2000-04-01..2000-04-30, 'to commence' ongoing]",
         "2000-04-30"},
        // the title, "Service Plan 1999/2000"
        {"1999/2000", "range 1999/00 1999-04-01..2000-03-31", "2000-03-31"},
        // 3.9: "service plans for 2000/2001"
        {"2000/2001", "range 2000/01 2000-04-01..2001-03-31", "2001-03-31"},
        // 2.5: "1998/99 budget referendum"
        {"1998/99", "range 1998/99 1998-04-01..1999-03-31", "1999-03-31"},
        // 1.4 measures: "Publish a record of fund uses and outcomes annually"
        {"annually", "recurrence annually", "none"},
    };
    for (const auto& c : cases) expect_read(c);
}

TEST(Timing, reads_dates_months_seasons_and_periods_however_they_are_written) {
    const Case cases[] = {
        {"11/09/1999", "date 1999-09-11 1999-09-11..1999-09-11", "1999-09-11"},
        {"11-09-99", "date 1999-09-11 1999-09-11..1999-09-11", "1999-09-11"},
        {"1999-09-11", "date 1999-09-11 1999-09-11..1999-09-11", "1999-09-11"},
        // Two-digit years: 50–99 are 19xx, 00–49 are 20xx.
        {"01.02.03", "date 2003-02-01 2003-02-01..2003-02-01", "2003-02-01"},
        {"31/12/49", "date 2049-12-31 2049-12-31..2049-12-31", "2049-12-31"},
        {"1/1/50", "date 1950-01-01 1950-01-01..1950-01-01", "1950-01-01"},
        {"29.02.00", "date 2000-02-29 2000-02-29..2000-02-29", "2000-02-29"},
        {"Wednesday 14th July, 1999", "date 1999-07-14 1999-07-14..1999-07-14", "1999-07-14"},
        {"July 14, 1999", "date 1999-07-14 1999-07-14..1999-07-14", "1999-07-14"},
        {"14 Jul 99", "date 1999-07-14 1999-07-14..1999-07-14", "1999-07-14"},
        {"Sep 1999", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        {"Sept. 1999", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        {"SEPTEMBER 1999", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        {"Sept '99", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        {"Sep-99", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        {"1999-09", "month 1999-09 1999-09-01..1999-09-30", "1999-09-30"},
        {"in March 2000", "month 2000-03 2000-03-01..2000-03-31", "2000-03-31"},
        {"on 14 July 1999", "date 1999-07-14 1999-07-14..1999-07-14", "1999-07-14"},
        {"as at 31 March 2000", "date 2000-03-31 2000-03-31..2000-03-31", "2000-03-31"},
        {"mid-July 1999", "month 1999-07 1999-07-01..1999-07-31 (mid)", "1999-07-31"},
        {"early 2000", "range 2000 2000-01-01..2000-12-31 (early)", "2000-12-31"},
        {"w/c 14 July 1999", "date 1999-07-14 1999-07-14..1999-07-14 (w/c)", "1999-07-14"},
        {"Spring 2000", "season spring 2000 2000-03-01..2000-05-31", "2000-05-31"},
        {"Autumn 99", "season autumn 1999 1999-09-01..1999-11-30", "1999-11-30"},
        // Winter is named by the year its December falls in.
        {"Winter 1999", "season winter 1999 1999-12-01..2000-02-29", "2000-02-29"},
        {"Winter 1999/2000", "season winter 1999 1999-12-01..2000-02-29", "2000-02-29"},
        {"winter 2000-01", "season winter 2000 2000-12-01..2001-02-28", "2001-02-28"},
        {"2025/26 Q3", "range 2025/26 Q3 2025-10-01..2025-12-31", "2025-12-31"},
        {"2000", "range 2000 2000-01-01..2000-12-31", "2000-12-31"},
        {"2010-14", "range 2010-14 2010-04-01..2014-03-31", "2014-03-31"},
        {"AY 1999/00", "range AY 1999/00 1999-09-01..2000-08-31", "2000-08-31"},
    };
    for (const auto& c : cases) expect_read(c);
}

TEST(Timing, reads_deadlines_ranges_and_combinations) {
    const Case cases[] = {
        {"by end of March 2000", "month by 2000-03 2000-03-01..2000-03-31", "2000-03-31"},
        {"by the end of 1999", "range by 1999 1999-01-01..1999-12-31", "1999-12-31"},
        {"no later than 14 July 1999", "date by 1999-07-14 1999-07-14..1999-07-14", "1999-07-14"},
        {"By Autumn 1999", "season by autumn 1999 1999-09-01..1999-11-30", "1999-11-30"},
        {"by 2000/01", "range by 2000/01 2000-04-01..2001-03-31", "2001-03-31"},
        {"Sept 1999 \xE2\x80\x93 Feb 2000",
         "range 1999-09-01..2000-02-29 ['Sept 1999' month 1999-09 1999-09-01..1999-09-30, 'Feb "
         "2000' month 2000-02 "
         "2000-02-01..2000-02-29]",
         "2000-02-29"},
        {"July-Sept 1999",
         "range 1999-07-01..1999-09-30 ['July' month 1999-07 1999-07-01..1999-07-31, 'Sept 1999' "
         "month 1999-09 "
         "1999-09-01..1999-09-30]",
         "1999-09-30"},
        {"Nov - Feb 2000",
         "range 1999-11-01..2000-02-29 ['Nov' month 1999-11 1999-11-01..1999-11-30, 'Feb 2000' "
         "month 2000-02 "
         "2000-02-01..2000-02-29]",
         "2000-02-29"},
        {"1-14 July 1999",
         "range 1999-07-01..1999-07-14 ['1' date 1999-07-01 1999-07-01..1999-07-01, '14 July 1999' "
         "date 1999-07-14 "
         "1999-07-14..1999-07-14]",
         "1999-07-14"},
        {"between June and August 1999",
         "range 1999-06-01..1999-08-31 ['June' month 1999-06 1999-06-01..1999-06-30, 'August 1999' "
         "month 1999-08 "
         "1999-08-01..1999-08-31]",
         "1999-08-31"},
        {"from Sept 1999 to Feb 2000",
         "range 1999-09-01..2000-02-29 ['Sept 1999' month 1999-09 1999-09-01..1999-09-30, 'Feb "
         "2000' month 2000-02 "
         "2000-02-01..2000-02-29]",
         "2000-02-29"},
        {"Summer - Autumn 1999",
         "range 1999-06-01..1999-11-30 ['Summer' season summer 1999 1999-06-01..1999-08-31, "
         "'Autumn 1999' season "
         "autumn 1999 1999-09-01..1999-11-30]",
         "1999-11-30"},
        {"April 1999 then ongoing",
         "combination ['April 1999' month 1999-04 1999-04-01..1999-04-30, 'ongoing' ongoing]",
         "1999-04-30"},
        {"Sept 1999 onwards",
         "combination ['Sept 1999' month 1999-09 1999-09-01..1999-09-30, 'onwards' ongoing]",
         "1999-09-30"},
        {"from April 2000",
         "combination ['April 2000' month 2000-04 2000-04-01..2000-04-30, 'from' ongoing]",
         "2000-04-30"},
        {"April 1999 and ongoing",
         "combination ['April 1999' month 1999-04 1999-04-01..1999-04-30, 'ongoing' ongoing]",
         "1999-04-30"},
        {"April 1999 and quarterly thereafter",
         "combination ['April 1999' month 1999-04 1999-04-01..1999-04-30, 'quarterly' recurrence "
         "quarterly]",
         "1999-04-30"},
        {"by Dec 1999 then March 2000 then ongoing",
         "combination ['by Dec 1999' month by 1999-12 1999-12-01..1999-12-31, 'March 2000' month "
         "2000-03 "
         "2000-03-01..2000-03-31, 'ongoing' ongoing]",
         "2000-03-31"},
        {"Dec 1999? then ongoing",
         "combination ['Dec 1999?' provisional (?) ['Dec 1999' month 1999-12 "
         "1999-12-01..1999-12-31], 'ongoing' "
         "ongoing]",
         "1999-12-31"},
    };
    for (const auto& c : cases) expect_read(c);
}

TEST(Timing, reads_recurrences_open_timings_references_and_doubts) {
    const Case cases[] = {
        {"monthly, quarterly and annually", "recurrence monthly quarterly annually", "none"},
        {"Half-yearly", "recurrence half_yearly", "none"},
        {"six monthly", "recurrence half_yearly", "none"},
        {"Every month", "recurrence monthly", "none"},
        {"weekly", "recurrence weekly", "none"},
        {"Fortnightly", "recurrence fortnightly", "none"},
        {"daily", "recurrence daily", "none"},
        {"Yearly", "recurrence annually", "none"},
        {"on-going", "ongoing", "none"},
        {"On going", "ongoing", "none"},
        {"As required", "ongoing", "none"},
        {"Continuous", "ongoing", "none"},
        {"(Ongoing)", "ongoing", "none"},
        {"TBC", "not_scheduled", "none"},
        {"Date to be agreed", "not_scheduled", "none"},
        {"Not yet scheduled", "not_scheduled", "none"},
        {"N/A", "not_scheduled", "none"},
        {"Not yet timetabled (tbc)", "not_scheduled (tbc)", "none"},
        // A blank cell, and the rules a table's layout leaves in one.
        {"", "not_scheduled", "none"},
        {"  ", "not_scheduled", "none"},
        {"--", "not_scheduled", "none"},
        {"---------", "not_scheduled", "none"},
        {"see item 5.1", "reference 5.1", "none"},
        {"As 3.10a", "reference 3.10a", "none"},
        {"as above", "reference above", "none"},
        {"Dec 1999 tbc", "provisional (tbc) ['Dec 1999' month 1999-12 1999-12-01..1999-12-31]",
         "1999-12-31"},
        {"Dec 1999?", "provisional (?) ['Dec 1999' month 1999-12 1999-12-01..1999-12-31]",
         "1999-12-31"},
        {"provisionally March 2000",
         "provisional (provisionally) ['March 2000' month 2000-03 2000-03-01..2000-03-31]",
         "2000-03-31"},
        {"c. March 2000", "provisional (c.) ['March 2000' month 2000-03 2000-03-01..2000-03-31]",
         "2000-03-31"},
        {"by Dec 1999 (provisional)",
         "provisional (provisional) ['by Dec 1999' month by 1999-12 1999-12-01..1999-12-31]",
         "1999-12-31"},
        {"Quarterly (to be confirmed)",
         "provisional (to be confirmed) ['Quarterly' recurrence quarterly]", "none"},
        {"March 2000 (Cabinet)", "month 2000-03 2000-03-01..2000-03-31 (Cabinet)", "2000-03-31"},
    };
    for (const auto& c : cases) expect_read(c);
}

TEST(Timing, keeps_what_it_cannot_read_as_words_for_a_person_to_review) {
    const std::string long_text(300, 'x');
    const std::string_view cases[] = {
        "July",  // which July?
        "something odd",
        "31.02.99",  // there is no 31 February
        "by Quarterly",
        "?",
        "Q5 2025/26",
        "Sept 1999 then",        // then what?
        "Feb 2000 - Sept 1999",  // ends before it starts
        "Winter 1999/2001",
        "when the Board next meets",
        long_text,
    };
    for (const auto text : cases) {
        SCOPED_TRACE(text);
        const Timing t = parse_timing(text);
        EXPECT_EQ(t.kind, TimingKind::Unknown);
        EXPECT_EQ(t.kind_name(), "unknown");
        EXPECT_TRUE(t.for_review);
        EXPECT_EQ(t.text, text);
        EXPECT_EQ(describe(t), "unknown for review");
        EXPECT_FALSE(t.due_by());
        EXPECT_FALSE(t.next_occurrence(make_date(1999, 6, 15)));
    }
}

TEST(Timing, keeps_the_words_exactly_as_written) {
    const Timing t = parse_timing("  by  JULY\t1999 ");
    EXPECT_EQ(t.text, "  by  JULY\t1999 ");
    EXPECT_EQ(describe(t), "month by 1999-07 1999-07-01..1999-07-31");
    EXPECT_FALSE(t.for_review);
}

TEST(Timing, finds_the_next_time_a_recurrence_is_due) {
    struct Next {
        std::string_view text;
        std::string_view after;
        std::string_view next;
    };
    const Next cases[] = {
        // quarterly: the ends of the financial quarters
        {"Quarterly", "1999-06-15", "1999-06-30"},
        {"Quarterly", "1999-06-30", "1999-09-30"},
        {"Quarterly", "1999-12-31", "2000-03-31"},
        {"Quarterly", "2000-02-10", "2000-03-31"},
        // annually: the end of the financial year
        {"Annually", "1999-06-15", "2000-03-31"},
        {"Annually", "2000-03-30", "2000-03-31"},
        {"Annually", "2000-03-31", "2001-03-31"},
        {"Half-yearly", "1999-06-15", "1999-09-30"},
        {"Half-yearly", "1999-10-01", "2000-03-31"},
        {"Monthly", "1999-06-15", "1999-06-30"},
        {"Monthly", "1999-06-30", "1999-07-31"},
        {"Monthly", "2000-01-31", "2000-02-29"},
        {"Weekly", "1999-06-15", "1999-06-22"},
        {"Weekly", "1999-12-29", "2000-01-05"},
        {"Fortnightly", "1999-06-15", "1999-06-29"},
        {"Daily", "1999-12-31", "2000-01-01"},
        // the earliest of several
        {"Quarterly & annually", "1999-06-15", "1999-06-30"},
        {"Quarterly & annually", "2000-01-01", "2000-03-31"},
        // a recurrence in doubt is still a recurrence
        {"Quarterly (to be confirmed)", "1999-06-15", "1999-06-30"},
        // the quarters count from the end of the part before them
        {"April 1999 then quarterly", "1999-01-01", "1999-06-30"},
        {"April 1999 then quarterly", "1999-08-01", "1999-09-30"},
        {"Sept 1999 then monthly", "1999-01-01", "1999-10-31"},
        // no recurrence, no next time
        {"Ongoing", "1999-06-15", "none"},
        {"March 2000", "1999-06-15", "none"},
        {"Not yet timetabled", "1999-06-15", "none"},
        {"April 1999 then ongoing", "1999-06-15", "none"},
        {"As 7.4", "1999-06-15", "none"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(fmt::format("{} after {}", c.text, c.after));
        EXPECT_EQ(iso(parse_timing(c.text).next_occurrence(*parse_iso_date(c.after))), c.next);
    }
}

TEST(Timing, names_its_kinds_seasons_and_frequencies_in_snake_case) {
    const std::pair<TimingKind, std::string_view> kinds[] = {
        {TimingKind::Date, "date"},
        {TimingKind::Month, "month"},
        {TimingKind::Season, "season"},
        {TimingKind::Range, "range"},
        {TimingKind::Recurrence, "recurrence"},
        {TimingKind::Ongoing, "ongoing"},
        {TimingKind::NotScheduled, "not_scheduled"},
        {TimingKind::Provisional, "provisional"},
        {TimingKind::Reference, "reference"},
        {TimingKind::Combination, "combination"},
        {TimingKind::Unknown, "unknown"},
    };
    for (const auto& [kind, name] : kinds) {
        EXPECT_EQ(timing_kind_name(kind), name);
        Timing t;
        t.kind = kind;
        EXPECT_EQ(t.kind_name(), name);
    }
    EXPECT_EQ(season_name(Season::Spring), "spring");
    EXPECT_EQ(season_name(Season::Summer), "summer");
    EXPECT_EQ(season_name(Season::Autumn), "autumn");
    EXPECT_EQ(season_name(Season::Winter), "winter");
    EXPECT_EQ(frequency_name(Frequency::Daily), "daily");
    EXPECT_EQ(frequency_name(Frequency::Weekly), "weekly");
    EXPECT_EQ(frequency_name(Frequency::Fortnightly), "fortnightly");
    EXPECT_EQ(frequency_name(Frequency::Monthly), "monthly");
    EXPECT_EQ(frequency_name(Frequency::Quarterly), "quarterly");
    EXPECT_EQ(frequency_name(Frequency::HalfYearly), "half_yearly");
    EXPECT_EQ(frequency_name(Frequency::Annually), "annually");
}

}  // namespace
}  // namespace civic
