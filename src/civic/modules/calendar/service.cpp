// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/calendar/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/calendar/repo.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/store/audit.hpp"

namespace civic::calendar {
using store::Connection;

namespace {

std::string audit_text(const CouncilDay& d) {
    return civic::to_json(boost::json::value(to_json(d)));
}

// The calendar is council-wide: only an administrator changes it (checked first, as a 403).
bool administrator(const Principal& p, const CouncilDay&) { return p.is_administrator(); }

constexpr kit::Entity<CouncilDay> k_day{"calendar_day", repo::find_day, repo::update_day,
                                        audit_text,     administrator,  "calendar day"};

Result<void> require_administrator(const Context& ctx) {
    if (!ctx.principal.signed_in()) return std::unexpected(Error::unauthorized());
    if (!ctx.principal.is_administrator())
        return std::unexpected(
            Error::forbidden("Only an administrator can change the council's calendar."));
    return ok();
}

}  // namespace

std::vector<CouncilDay> CalendarService::list_days(bool include_archived) {
    return m_db.read([&](Connection& c) { return repo::list_days(c, include_archived); });
}

Result<CouncilDay> CalendarService::get_day(const std::string& id) {
    auto day = m_db.read([&](Connection& c) { return repo::find_day(c, id); });
    if (!day) return std::unexpected(Error::not_found("There is no calendar day with this id."));
    return *day;
}

Result<CouncilDay> CalendarService::add_day(const Context& ctx, const CouncilDayInput& in) {
    CIVIC_CHECK(require_administrator(ctx));
    kit::Checks checks;
    const std::string date(trim(in.date.value_or("")));
    const std::string name(trim(in.name.value_or("")));
    const std::string change(trim(in.change.value_or("")));
    if (!parse_iso_date(date))
        checks.fail("date", "Enter a real date written as YYYY-MM-DD, for example 2026-12-29");
    if (const auto fault = in.name ? text_fault(*in.name, Lines::One) : TextFault::None;
        fault != TextFault::None) {
        checks.fail("name", fmt::format("The name of the day {}", describe(fault)));
    } else if (name.empty() || name.size() > 200) {
        checks.fail("name",
                    "Enter a name for the day, such as Council offices closed (up to 200 "
                    "characters)");
    }
    if (std::find(std::begin(k_changes), std::end(k_changes), change) == std::end(k_changes))
        checks.fail("change",
                    "Change must be add (a day the council does not work), remove (a bank "
                    "holiday the council works) or bank holiday (a one-off bank holiday for the "
                    "whole United Kingdom)");
    CIVIC_CHECK(checks.result());
    const Date day = *parse_iso_date(date);
    const CalendarAdjustment adjustment{
        day, name,
        change == "remove" ? CalendarAdjustment::Change::Remove : CalendarAdjustment::Change::Add};
    return m_db.write([&](Connection& c) -> Result<CouncilDay> {
        // Checked against the calendar as stored, inside the write, so two clerks cannot
        // both change one date.
        // A second change on one date is a conflict with the first (409), whatever it is,
        // before the date is checked against the calendar the first change made.
        if (auto existing = repo::find_live_on(c, date))
            return std::unexpected(Error::conflict(
                fmt::format("The calendar already has a change on {}: {}. Archive it first.",
                            format_long_date(day), existing->name)));
        CIVIC_CHECK(calendar_on(c).check_adjustment(adjustment));
        CouncilDay d{new_id(),
                     date,
                     name,
                     change,
                     std::nullopt,
                     1,
                     format_timestamp(ctx.now),
                     format_timestamp(ctx.now)};
        repo::insert_day(c, d);
        store::record_audit(c, ctx, "calendar_day", d.id, "create", std::nullopt, audit_text(d));
        return d;
    });
}

Result<CouncilDay> CalendarService::archive_day(const Context& ctx, const std::string& id,
                                                std::int64_t expected_version) {
    CIVIC_CHECK(require_administrator(ctx));
    return m_db.write([&](Connection& c) {
        return kit::archive_record(c, ctx, k_day, id, expected_version, kit::no_objection);
    });
}

WorkingCalendar CalendarService::working_calendar() {
    return m_db.read([](Connection& c) { return calendar_on(c); });
}

WorkingCalendar CalendarService::calendar_on(Connection& c) {
    std::vector<CalendarAdjustment> adjustments;
    for (const auto& d : repo::list_days(c, false)) {
        if (auto day = parse_iso_date(d.day))
            adjustments.push_back(CalendarAdjustment{*day, d.name,
                                                     d.change == "remove"
                                                         ? CalendarAdjustment::Change::Remove
                                                         : CalendarAdjustment::Change::Add});
    }
    return WorkingCalendar(std::move(adjustments));
}

WorkingCalendar CalendarService::uk_calendar_on(Connection& c) {
    std::vector<CalendarAdjustment> adjustments;
    for (const auto& d : repo::list_days(c, false)) {
        if (d.change != "bank holiday") continue;
        if (auto day = parse_iso_date(d.day))
            adjustments.push_back(
                CalendarAdjustment{*day, d.name, CalendarAdjustment::Change::Add});
    }
    return WorkingCalendar(BankHolidays::AnyPartOfUk, std::move(adjustments));
}

}  // namespace civic::calendar
