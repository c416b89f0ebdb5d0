// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/calendar/api.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/calendar/views.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::calendar {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// The widest span one request may ask about: a century is more than any council needs.
constexpr int k_max_days = 36600;
constexpr int k_max_working_days = 3650;

Result<Date> date_param(const Request& r, std::string_view name) {
    const auto v = r.query_param(name);
    if (!v || v->empty())
        return std::unexpected(Error::validation(
            std::string(name), fmt::format("Give {} as a date, for example 2025-04-01", name)));
    if (auto d = parse_iso_date(*v)) return *d;
    return std::unexpected(Error::validation(
        std::string(name),
        fmt::format("{} must be a real date written as YYYY-MM-DD, for example 2025-04-01", name)));
}

Result<int> int_param(const Request& r, std::string_view name, int min, int max) {
    const auto v = r.query_param(name).value_or("");
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || n < min || n > max)
        return std::unexpected(Error::validation(
            std::string(name),
            fmt::format("{} must be a whole number from {} to {}", name, min, max)));
    return n;
}

Response holidays(const Request& r, CalendarService& service) {
    auto from = date_param(r, "from");
    auto to = date_param(r, "to");
    std::vector<FieldError> errors;
    if (!from) errors.push_back(from.error().errors.front());
    if (!to) errors.push_back(to.error().errors.front());
    if (from && to && days_between(*from, *to) < 0)
        errors.push_back({"to", "to must be the same as or after from"});
    if (from && to && days_between(*from, *to) > k_max_days)
        errors.push_back({"to", "Ask for at most 100 years at a time"});
    if (!errors.empty()) return http::problem_response(r, Error::validation(std::move(errors)));
    const auto calendar = service.working_calendar();
    return http::json_response(
        200, json::object{{"from", format_iso_date(*from)},
                          {"to", format_iso_date(*to)},
                          {"holidays", holidays_json(calendar.holidays(*from, *to))}});
}

Response working_days(const Request& r, CalendarService& service) {
    auto from = date_param(r, "from");
    if (!from) return http::problem_response(r, from.error());
    const bool has_add = r.query_param("add").has_value(), has_to = r.query_param("to").has_value();
    if (has_add && has_to)
        return http::problem_response(
            r, Error::validation(
                   "add", "Give either add (a number of working days) or to (a date), not both"));
    if (!has_add && !has_to)
        return http::problem_response(
            r, Error::validation("add",
                                 "Give add (a number of working days to add) or to (a date to "
                                 "count the working days up to)"));
    const auto calendar = service.working_calendar();
    if (has_add) {
        auto n = int_param(r, "add", -k_max_working_days, k_max_working_days);
        if (!n) return http::problem_response(r, n.error());
        if (!calendar.try_add_working_days(*from, *n))
            return http::problem_response(
                r,
                Error::validation("add", "The answer would fall outside the years 0000 to 9999"));
        const auto result = calendar.add_working_days_explained(*from, *n);
        return http::json_response(200, json::object{{"from", format_iso_date(*from)},
                                                     {"add", *n},
                                                     {"date", format_iso_date(result.date)},
                                                     {"skipped", skipped_json(result.skipped)}});
    }
    auto to = date_param(r, "to");
    if (!to) return http::problem_response(r, to.error());
    if (std::abs(days_between(*from, *to)) > k_max_days)
        return http::problem_response(
            r, Error::validation("to", "Ask for at most 100 years at a time"));
    auto clear_param = http::bool_query_param(r, "clear", false);
    if (!clear_param) return http::problem_response(r, clear_param.error());
    const bool clear = *clear_param;
    const auto result = clear ? calendar.clear_working_days_between_explained(*from, *to)
                              : calendar.count_working_days_explained(*from, *to);
    return http::json_response(200, json::object{{"from", format_iso_date(*from)},
                                                 {"to", format_iso_date(*to)},
                                                 {"clear", clear},
                                                 {"working_days", result.count},
                                                 {"skipped", skipped_json(result.skipped)}});
}

Response period(const Request& r) {
    PeriodOptions options;
    auto academic = http::bool_query_param(r, "academic", false);
    if (!academic) return http::problem_response(r, academic.error());
    if (*academic) options.year_pair = YearPair::AcademicYear;
    const std::string_view text = r.param("text");
    auto p = parse_period(text, options);
    if (!p) return http::problem_response(r, Error::validation("text", p.error()));
    auto body = period_json(*p);
    body["text"] = text;
    return http::json_response(200, body);
}

Response timing(const Request& r, const Clock& clock) {
    const auto text = r.query_param("text");
    if (!text)
        return http::problem_response(
            r,
            Error::validation("text", "Give the timing to read in text, for example Autumn 1999"));
    if (text->size() > 500)
        return http::problem_response(
            r, Error::validation("text", "text must be 500 characters or fewer"));
    Date after = uk_date(clock.now());
    if (r.query_param("after")) {
        auto a = date_param(r, "after");
        if (!a) return http::problem_response(r, a.error());
        after = *a;
    }
    return http::json_response(200, timing_json(parse_timing(*text), after));
}

// A body's meetings between two dates: from a rule ("every Tuesday", or an RRULE), the first
// meeting's date and its local time; each marked when it falls on a bank holiday or one of
// the council's closure days, and moved to the next working day with skip_holidays=true.
Response meetings(const Request& r, CalendarService& service) {
    auto schedule =
        schedule_from(r.query_param("rule").value_or(""), r.query_param("first").value_or(""),
                      r.query_param("time").value_or(""));
    if (!schedule) return http::problem_response(r, schedule.error());
    auto from = date_param(r, "from");
    if (!from) return http::problem_response(r, from.error());
    auto to = date_param(r, "to");
    if (!to) return http::problem_response(r, to.error());
    if (days_between(*from, *to) > k_max_days)
        return http::problem_response(
            r, Error::validation("to", "Ask for at most 100 years at a time"));
    auto skip = http::bool_query_param(r, "skip_holidays", false);
    if (!skip) return http::problem_response(r, skip.error());
    auto found = meetings_between(*schedule, *from, *to, service.working_calendar(),
                                  *skip ? OnHoliday::MoveNext : OnHoliday::Mark, 1000);
    if (!found) return http::problem_response(r, Error::validation("rule", found.error()));
    return http::json_response(200, json::object{{"rule", schedule->rrule},
                                                 {"time_zone", "Europe/London"},
                                                 {"meetings", meetings_json(*found)}});
}

}  // namespace

void register_api(http::Router& router, CalendarService& service, const Clock& clock) {
    router.add(Method::Get, "/api/v1/calendar/holidays", {"from", "to"},
               [&service](Request& r) { return holidays(r, service); });
    router.add(Method::Get, "/api/v1/calendar/working-days", {"from", "add", "to", "clear"},
               [&service](Request& r) { return working_days(r, service); });
    // {text...}: a financial year has a slash in it ("2025/26"), sent as it is or as %2F.
    router.add(Method::Get, "/api/v1/calendar/periods/{text...}", {"academic"},
               [](Request& r) { return period(r); });
    router.add(Method::Get, "/api/v1/calendar/meetings",
               {"rule", "first", "time", "from", "to", "skip_holidays"},
               [&service](Request& r) { return meetings(r, service); });
    router.add(Method::Get, "/api/v1/calendar/timing", {"text", "after"},
               [&clock](Request& r) { return timing(r, clock); });

    router.add(Method::Get, "/api/v1/calendar/days", {"include_archived"}, [&service](Request& r) {
        auto archived = http::bool_query_param(r, "include_archived", false);
        if (!archived) return http::problem_response(r, archived.error());
        json::array items;
        for (const auto& d : service.list_days(*archived)) items.push_back(to_json(d));
        return http::json_response(200, json::object{{"items", std::move(items)}});
    });
    // Adding, reading and archiving a day are a resource's routes; the list above is not
    // paged (a council has a handful of days a year).
    kit::add_resource<CouncilDayInput, CouncilDay, kit::NoQuery>(
        router,
        {.base = "/api/v1/calendar/days",
         .parse =
             [](JsonFields& f) {
                 return CouncilDayInput{f.optional_text("date", "Date"),
                                        f.optional_text("name", "Name", 100000),
                                        f.optional_text("change", "Change")};
             },
         .view = [](const CouncilDay& d) { return to_json(d); },
         .create = [&service](const Context& c,
                              const CouncilDayInput& in) { return service.add_day(c, in); },
         .get = [&service](const Context&, const std::string& id) { return service.get_day(id); },
         .archive = [&service](const Context& c, const std::string& id,
                               std::int64_t v) { return service.archive_day(c, id, v); }},
        clock);
}

}  // namespace civic::calendar
