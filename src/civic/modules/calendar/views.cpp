// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/calendar/views.hpp"

#include <boost/json.hpp>
#include <cctype>

namespace civic::calendar {
namespace json = boost::json;

namespace {

json::value date_or_null(const std::optional<Date>& d) {
    return d ? json::value(format_iso_date(*d)) : json::value(nullptr);
}

json::value period_or_null(const std::optional<Period>& p) {
    return p ? json::value(p->to_string()) : json::value(nullptr);
}

std::string_view reason_name(NonWorkingDay::Reason r) {
    switch (r) {
        case NonWorkingDay::Reason::Weekend:
            return "weekend";
        case NonWorkingDay::Reason::BankHoliday:
            return "bank_holiday";
        case NonWorkingDay::Reason::CouncilDay:
            return "council_day";
    }
    return "weekend";
}

}  // namespace

json::object period_json(const Period& p) {
    json::array children;
    for (const auto& c : p.children()) children.push_back(json::value(c.to_string()));
    return {{"period", p.to_string()},
            {"kind", period_kind_name(p.kind())},
            {"start", format_iso_date(p.start())},
            {"end", format_iso_date(p.end())},
            {"parent", period_or_null(p.parent())},
            {"children", std::move(children)},
            {"previous", period_or_null(p.previous())},
            {"next", period_or_null(p.next())},
            {"same_last_year", period_or_null(p.same_last_year())}};
}

json::object timing_json(const Timing& t, const Date& today) {
    json::array frequencies;
    for (auto f : t.frequencies) frequencies.push_back(json::value(frequency_name(f)));
    json::array parts;
    for (const auto& part : t.parts) parts.push_back(timing_json(part, today));
    return {{"text", t.text},
            {"kind", t.kind_name()},
            {"deadline", t.deadline},
            {"for_review", t.for_review},
            {"date", date_or_null(t.date)},
            {"period", period_or_null(t.period)},
            {"season", t.season ? json::value(season_name(*t.season)) : json::value(nullptr)},
            {"season_year", t.season ? json::value(t.season_year) : json::value(nullptr)},
            {"start", date_or_null(t.start)},
            {"end", date_or_null(t.end)},
            {"frequencies", std::move(frequencies)},
            {"reference", t.reference.empty() ? json::value(nullptr) : json::value(t.reference)},
            {"note", t.note.empty() ? json::value(nullptr) : json::value(t.note)},
            {"parts", std::move(parts)},
            {"due_by", date_or_null(t.due_by())},
            {"next_occurrence", date_or_null(t.next_occurrence(today))}};
}

json::array holidays_json(const std::vector<Holiday>& holidays) {
    json::array out;
    for (const auto& h : holidays)
        out.push_back(json::object{{"date", format_iso_date(h.date)}, {"name", h.name}});
    return out;
}

json::array skipped_json(const std::vector<NonWorkingDay>& days) {
    json::array out;
    for (const auto& d : days)
        out.push_back(json::object{{"date", format_iso_date(d.date)},
                                   {"reason", reason_name(d.reason)},
                                   {"name", d.name}});
    return out;
}

json::array meetings_json(const std::vector<Meeting>& meetings) {
    json::array out;
    for (const auto& m : meetings)
        out.push_back(json::object{
            {"date", format_iso_date(m.occurrence.local_date)},
            {"local", m.occurrence.local},
            {"utc", m.occurrence.utc},
            {"end_utc", m.occurrence.end_utc},
            {"holiday", m.holiday.has_value()},
            {"holiday_name", m.holiday ? json::value(m.holiday->name) : json::value(nullptr)},
            {"moved_from", date_or_null(m.moved_from)}});
    return out;
}

Result<Schedule> schedule_from(std::string_view rule, std::string_view first,
                               std::string_view time) {
    std::vector<FieldError> errors;
    Schedule s;
    // An RRULE has FREQ=; anything else is a phrase a clerk would say.
    auto rrule =
        rule.find("FREQ=") != std::string_view::npos || rule.find("freq=") != std::string_view::npos
            ? normalize_rrule(rule)
            : rrule_from_phrase(rule);
    if (rrule) {
        s.rrule = *rrule;
    } else {
        errors.push_back({"rule", rrule.error()});
    }
    if (auto d = parse_iso_date(first)) {
        s.first_date = *d;
    } else {
        errors.push_back(
            {"first", "Give the first meeting's date as YYYY-MM-DD, for example 2025-04-01"});
    }
    const bool time_ok = time.size() == 5 && time[2] == ':' &&
                         std::isdigit(static_cast<unsigned char>(time[0])) &&
                         std::isdigit(static_cast<unsigned char>(time[1])) &&
                         std::isdigit(static_cast<unsigned char>(time[3])) &&
                         std::isdigit(static_cast<unsigned char>(time[4]));
    if (time_ok) {
        s.hour = (time[0] - '0') * 10 + (time[1] - '0');
        s.minute = (time[3] - '0') * 10 + (time[4] - '0');
    }
    if (!time_ok || s.hour > 23 || s.minute > 59)
        errors.push_back(
            {"time", "Give the time of day as HH:MM on the 24-hour clock, for example 10:00"});
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    return s;
}

}  // namespace civic::calendar
