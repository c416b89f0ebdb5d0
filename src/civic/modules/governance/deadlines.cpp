// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/deadlines.hpp"

#include <fmt/format.h>

namespace civic::governance {

namespace {

bool working(const DeadlineRules& r) { return r.settings.clear_days != "calendar"; }

std::string day_s(int n, std::string_view noun = "day") {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

// The days left out of a working-day count: each bank holiday and closure day by name, and
// the weekend days as a number.
void passed_over(std::vector<std::string>& lines, const std::vector<NonWorkingDay>& skipped) {
    int weekend = 0;
    for (const auto& d : skipped) {
        if (d.reason == NonWorkingDay::Reason::Weekend) {
            ++weekend;
            continue;
        }
        lines.push_back(
            fmt::format("{} is not a working day ({}).", format_long_date(d.date), d.name));
    }
    if (weekend)
        lines.push_back(fmt::format("{} on the way {} not counted.", day_s(weekend, "weekend day"),
                                    weekend == 1 ? "is" : "are"));
}

// The clear days between a notice and the day it is for, as the council counts them.
int clear_days_between(const DeadlineRules& r, Date notice, Date day) {
    if (working(r)) return r.calendar.clear_working_days_between(notice, day);
    const int n = days_between(notice, day) - 1;
    return n < 0 ? 0 : n;
}

// Whether a notice given on `done` met a deadline of `latest`, as a state and a line.
void judge(Deadline& d, const DeadlineRules& r, Date latest, std::optional<Date> done, Date day,
           std::string_view what, int needed) {
    d.due = format_iso_date(latest);
    if (done) {
        d.done_on = format_iso_date(*done);
        const int clear = clear_days_between(r, *done, day);
        const bool met = *done <= latest;
        d.state = met ? "met" : "late";
        d.lines.push_back(fmt::format("{} on {}, leaving {} clear {}: {}.", what,
                                      format_long_date(*done), clear,
                                      working(r) ? (clear == 1 ? "working day" : "working days")
                                                 : (clear == 1 ? "day" : "days"),
                                      met ? "in time" : fmt::format("fewer than {}", needed)));
    } else {
        d.state = r.today <= latest ? "due" : "overdue";
        d.lines.push_back(d.state == "due"
                              ? fmt::format("Not done yet: due by {}.", format_long_date(latest))
                              : fmt::format("Not done, and the last day for it was {}.",
                                            format_long_date(latest)));
    }
}

}  // namespace

ClearDays latest_for_clear_days(const DeadlineRules& r, Date day, int n, std::string_view what) {
    ClearDays out;
    if (working(r)) {
        const auto e = r.calendar.last_day_for_clear_working_days_explained(day, n);
        out.latest = e.date;
        out.lines.push_back(fmt::format(
            "{} clear working days: neither the day of the notice nor {} counts, and nor do "
            "weekends, bank holidays or the council's closure days.",
            n, what));
        passed_over(out.lines, e.skipped);
        if (!r.calendar.is_working_day(e.date)) {
            Date back = e.date;
            while (!r.calendar.is_working_day(back)) back = add_days(back, -1);
            out.lines.push_back(
                fmt::format("The last day is {}; the last working day on or "
                            "before it is {}.",
                            format_long_date(e.date), format_long_date(back)));
        } else {
            out.lines.push_back(fmt::format("The last day is {}.", format_long_date(e.date)));
        }
    } else {
        out.latest = add_days(day, -(n + 1));
        out.lines.push_back(fmt::format(
            "{} clear days: neither the day of the notice nor {} counts; every other day does, "
            "as the council counts clear days.",
            n, what));
        out.lines.push_back(fmt::format("The last day is {}.", format_long_date(out.latest)));
    }
    return out;
}

Deadline publication_deadline(const DeadlineRules& r, Date meeting, std::optional<Date> published,
                              const std::string& late_reason) {
    const int n = static_cast<int>(r.settings.publication_clear_days);
    Deadline d;
    d.name = "agenda_publication";
    d.label = "Agenda published";
    d.source =
        "Local Government Act 1972, section 100B(3); for the executive, the Local Authorities "
        "(Executive Arrangements) (Meetings and Access to Information) (England) Regulations "
        "2012, regulation 7";
    d.lines.push_back(fmt::format("The meeting is on {}.", format_long_date(meeting)));
    const auto clear = latest_for_clear_days(r, meeting, n, "the day of the meeting");
    d.lines.insert(d.lines.end(), clear.lines.begin(), clear.lines.end());
    judge(d, r, clear.latest, published, meeting, "Published", n);
    if (d.state == "late") {
        d.exception = late_reason;
        d.lines.push_back(late_reason.empty()
                              ? std::string("No reason for urgency is recorded.")
                              : fmt::format("The reason for urgency: {}", late_reason));
    }
    return d;
}

std::vector<Deadline> private_meeting_notices(const DeadlineRules& r, Date meeting,
                                              std::optional<Date> notice,
                                              std::optional<Date> published) {
    const std::string source =
        "The Local Authorities (Executive Arrangements) (Meetings and Access to Information) "
        "(England) Regulations 2012, regulation 5";
    std::vector<Deadline> out;
    {
        const int n = static_cast<int>(r.settings.private_notice_clear_days);
        Deadline d;
        d.name = "private_notice";
        d.label = "Notice of the intention to meet in private";
        d.source = source + "(2)";
        d.lines.push_back(fmt::format(
            "Part of the meeting on {} is to be held in private, to consider exempt information.",
            format_long_date(meeting)));
        const auto clear = latest_for_clear_days(r, meeting, n, "the day of the meeting");
        d.lines.insert(d.lines.end(), clear.lines.begin(), clear.lines.end());
        judge(d, r, clear.latest, notice, meeting, "Given", n);
        out.push_back(std::move(d));
    }
    {
        const int n = static_cast<int>(r.settings.publication_clear_days);
        Deadline d;
        d.name = "private_notice_final";
        d.label = "Second notice of the private meeting, with any representations";
        d.source = source + "(3)";
        const auto clear = latest_for_clear_days(r, meeting, n, "the day of the meeting");
        d.lines = clear.lines;
        judge(d, r, clear.latest, published, meeting, "Given with the agenda", n);
        out.push_back(std::move(d));
    }
    return out;
}

Deadline forward_plan_notice(const DeadlineRules& r, Date decision,
                             std::optional<Date> first_published, const std::string& exception,
                             const std::string& exception_reason) {
    const int n = static_cast<int>(r.settings.forward_plan_clear_days);
    Deadline d;
    d.name = "forward_plan";
    d.label = "Key decision on the forward plan";
    d.source =
        "The Local Authorities (Executive Arrangements) (Meetings and Access to Information) "
        "(England) Regulations 2012, regulation 9";
    d.lines.push_back(
        fmt::format("The decision is to be taken on {}.", format_long_date(decision)));
    const auto clear = latest_for_clear_days(r, decision, n, "the day of the decision");
    d.lines.insert(d.lines.end(), clear.lines.begin(), clear.lines.end());
    judge(d, r, clear.latest, first_published, decision, "First on the forward plan", n);
    if (d.state == "late" || d.state == "overdue" || !exception.empty()) {
        d.exception = exception;
        if (exception == "general_exception") {
            d.source += "; regulation 10 (general exception)";
            d.lines.push_back(
                "Taken under the general exception: the chair of the scrutiny committee told, "
                "and notice published at least 5 clear days before.");
        } else if (exception == "special_urgency") {
            d.source += "; regulation 11 (cases of special urgency)";
            d.lines.push_back(
                "Taken as a case of special urgency: the chair of the scrutiny committee agreed "
                "that it cannot reasonably be deferred.");
        } else {
            d.lines.push_back(
                "Neither the general exception nor special urgency is recorded: the decision "
                "cannot be taken on that day.");
        }
        if (!exception_reason.empty())
            d.lines.push_back(fmt::format("The reason: {}", exception_reason));
    }
    return d;
}

Deadline call_in_window(const DeadlineRules& r, Date published) {
    const int n = static_cast<int>(r.settings.call_in_working_days);
    Deadline d;
    d.name = "call_in";
    d.label = "Call-in";
    d.source = "The council's constitution (call-in of executive decisions)";
    d.lines.push_back(
        fmt::format("The decision was published on {}.", format_long_date(published)));
    const auto last = r.calendar.add_working_days_explained(published, n);
    d.lines.push_back(fmt::format(
        "It may be called in within {} after publication, counting from the day after it.",
        day_s(n, "working day")));
    passed_over(d.lines, last.skipped);
    d.due = format_iso_date(last.date);
    const Date then = r.calendar.add_working_days(last.date, 1);
    d.then = format_iso_date(then);
    d.lines.push_back(
        fmt::format("The last day to call it in is {}.", format_long_date(last.date)));
    d.lines.push_back(fmt::format("Unless it is called in, it can be implemented from {}.",
                                  format_long_date(then)));
    d.state = r.today <= last.date ? "open" : "closed";
    return d;
}

}  // namespace civic::governance
