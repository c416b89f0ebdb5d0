// SPDX-License-Identifier: AGPL-3.0-or-later
// Calendar feeds: a body's meetings, and the meetings of the bodies a person sits on, as
// iCalendar (RFC 5545) written with libical, for a clerk's or a councillor's calendar program
// to subscribe to.
//
// One VEVENT per meeting the caller may see (a weekly body's feed is one event each week, not a
// repeating event, so that each meeting keeps its own changes and cancellation):
// - UID "<meeting id>@civic": the meeting's id does not change, and the domain is not the
//   server's, so a feed moved to another address updates the same events;
// - SEQUENCE the meeting's sequence, which a change to its date, time, length, place or status
//   bumps; DTSTAMP and LAST-MODIFIED its last change, so that two fetches of an unchanged feed
//   are the same bytes;
// - STATUS CANCELLED for a cancelled meeting and CONFIRMED for every other (a meeting in Civic
//   is arranged, not pencilled in);
// - DTSTART and DTEND on the wall clock in the UK (TZID=Europe/London), with a VTIMEZONE for
//   Europe/London written here from the UK's rules (summer time from 01:00 GMT on the last
//   Sunday of March to 02:00 BST on the last Sunday of October, as since 1996), so the feed
//   needs no time zone database on either side;
// - SUMMARY the meeting's title, DESCRIPTION the body ("Body: Cabinet.") and the reason a
//   meeting was cancelled or rescheduled, LOCATION its venue and online link, URL its page,
//   CLASS PUBLIC or PRIVATE as the body is.
// Nothing of the agenda goes into a feed, so no exempt information can.

#include <fmt/format.h>
#include <libical/ical.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <tuple>

#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::string_view k_zone = "Europe/London";
constexpr std::string_view k_uid_domain = "civic";

struct ComponentFree {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// The UK's time zone as iCalendar describes it, from its rules rather than the system's time
// zone database (which libical would write out with every change since 1847, under a TZID of
// its own).
icalcomponent* london_vtimezone() {
    const auto observance = [](icalcomponent_kind kind, const char* name, int from, int to,
                               const char* start, const char* rule) {
        icalcomponent* o = icalcomponent_new(kind);
        icalcomponent_add_property(o, icalproperty_new_tzname(name));
        icalcomponent_add_property(o, icalproperty_new_tzoffsetfrom(from));
        icalcomponent_add_property(o, icalproperty_new_tzoffsetto(to));
        icalcomponent_add_property(o, icalproperty_new_dtstart(icaltime_from_string(start)));
        icalcomponent_add_property(o, icalproperty_new_rrule(icalrecurrencetype_from_string(rule)));
        return o;
    };
    icalcomponent* zone = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
    icalcomponent_add_property(zone, icalproperty_new_tzid(std::string(k_zone).c_str()));
    icalcomponent_add_component(
        zone, observance(ICAL_XDAYLIGHT_COMPONENT, "BST", 0, 3600, "19700329T010000",
                         "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
    icalcomponent_add_component(
        zone, observance(ICAL_XSTANDARD_COMPONENT, "GMT", 3600, 0, "19701025T020000",
                         "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
    return zone;
}

// A time stamp Civic stores ("2025-11-30T23:46:41.349Z") as a UTC date-time, to the second.
icaltimetype utc_time(std::string_view stamp) {
    if (stamp.size() < 19) return icaltime_null_time();
    const std::string text =
        fmt::format("{}{}{}T{}{}{}Z", stamp.substr(0, 4), stamp.substr(5, 2), stamp.substr(8, 2),
                    stamp.substr(11, 2), stamp.substr(14, 2), stamp.substr(17, 2));
    return icaltime_from_string(text.c_str());
}

// A local wall-clock time in the UK, written with TZID=Europe/London.
icalproperty* local_time(icalproperty* prop, std::chrono::local_seconds t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    icaltimetype v = icaltime_null_time();
    v.year = int(ymd.year());
    v.month = static_cast<int>(unsigned(ymd.month()));
    v.day = static_cast<int>(unsigned(ymd.day()));
    v.hour = static_cast<int>(hms.hours().count());
    v.minute = static_cast<int>(hms.minutes().count());
    v.second = 0;
    v.is_date = 0;
    icalproperty_set_value(prop, icalvalue_new_datetime(v));
    icalproperty_add_parameter(prop, icalparameter_new_tzid(std::string(k_zone).c_str()));
    return prop;
}

// When a meeting starts on the wall clock: its date and HH:MM start time.
std::optional<std::chrono::local_seconds> starts_at(const Meeting& m) {
    using namespace std::chrono;
    const auto date = parse_iso_date(m.date);
    if (!date) return std::nullopt;
    int hour = 0, minute = 0;
    if (m.start_time.size() != 5 ||
        std::sscanf(m.start_time.c_str(), "%2d:%2d", &hour, &minute) != 2)
        return std::nullopt;
    return local_days{*date} + hours{hour} + minutes{minute};
}

std::string describe(const Meeting& m, const std::string& body_name) {
    std::string out = fmt::format("Body: {}.", body_name);
    if (m.status == "cancelled")
        out += m.status_reason.empty()
                   ? std::string(" This meeting is cancelled.")
                   : fmt::format(" This meeting is cancelled: {}", m.status_reason);
    else if (m.status == "rescheduled" && !m.status_reason.empty())
        out += fmt::format(" Rescheduled: {}", m.status_reason);
    return out;
}

icalcomponent* event_of(const Meeting& m, const Body& body, const std::string& body_name,
                        std::string_view base_url) {
    icalcomponent* e = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    const std::string uid = fmt::format("{}@{}", m.id, k_uid_domain);
    icalcomponent_add_property(e, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(e, icalproperty_new_dtstamp(utc_time(m.updated_at)));
    icalcomponent_add_property(e, icalproperty_new_created(utc_time(m.created_at)));
    icalcomponent_add_property(e, icalproperty_new_lastmodified(utc_time(m.updated_at)));
    icalcomponent_add_property(e, icalproperty_new_sequence(static_cast<int>(m.sequence)));
    icalcomponent_add_property(
        e, icalproperty_new_status(m.status == "cancelled" ? ICAL_STATUS_CANCELLED
                                                           : ICAL_STATUS_CONFIRMED));
    if (const auto start = starts_at(m)) {
        icalcomponent_add_property(e, local_time(icalproperty_new(ICAL_DTSTART_PROPERTY), *start));
        icalcomponent_add_property(
            e, local_time(
                   icalproperty_new(ICAL_DTEND_PROPERTY),
                   *start + std::chrono::minutes{std::max<std::int64_t>(1, m.duration_minutes)}));
    } else if (const auto date = parse_iso_date(m.date)) {
        // No time of day: the day itself.
        icaltimetype d = icaltime_null_date();
        d.year = int(date->year());
        d.month = static_cast<int>(unsigned(date->month()));
        d.day = static_cast<int>(unsigned(date->day()));
        icalcomponent_add_property(e, icalproperty_new_dtstart(d));
    }
    const std::string title = m.title.empty() ? body_name : m.title;
    icalcomponent_add_property(e, icalproperty_new_summary(title.c_str()));
    icalcomponent_add_property(e, icalproperty_new_description(describe(m, body_name).c_str()));
    std::string location = m.venue;
    if (!m.online_url.empty())
        location += location.empty() ? m.online_url : fmt::format(" (online: {})", m.online_url);
    if (!location.empty())
        icalcomponent_add_property(e, icalproperty_new_location(location.c_str()));
    if (!base_url.empty()) {
        const std::string url = fmt::format("{}/meetings/{}", base_url, m.id);
        icalcomponent_add_property(e, icalproperty_new_url(url.c_str()));
    }
    icalcomponent_add_property(
        e,
        icalproperty_new_class(body.access == "public" ? ICAL_CLASS_PUBLIC : ICAL_CLASS_PRIVATE));
    return e;
}

struct Listed {
    const Meeting* meeting;
    const Body* body;
    const std::string* body_name;
};

// The calendar: its name, the time zone, and one event per meeting.
std::string calendar_text(const std::string& name, const std::vector<Listed>& meetings,
                          std::string_view base_url) {
    Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Civic//Governance//EN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalcomponent_add_property(cal.get(), icalproperty_new_name(name.c_str()));
    icalproperty* x_name = icalproperty_new_x(name.c_str());
    icalproperty_set_x_name(x_name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), x_name);
    icalproperty* x_zone = icalproperty_new_x(std::string(k_zone).c_str());
    icalproperty_set_x_name(x_zone, "X-WR-TIMEZONE");
    icalcomponent_add_property(cal.get(), x_zone);
    icalcomponent_add_component(cal.get(), london_vtimezone());
    for (const auto& l : meetings)
        icalcomponent_add_component(cal.get(),
                                    event_of(*l.meeting, *l.body, *l.body_name, base_url));
    char* text = icalcomponent_as_ical_string_r(cal.get());
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

// Whether the caller may see a meeting of a body, as the list of meetings decides it.
bool may_see_meeting(Connection& c, const Principal& who, const Body& b, const Meeting& m) {
    return may_read_body(c, who, b, m.date) || sees_unpublished(c, who, m);
}

std::vector<Meeting> meetings_of(Connection& c, const std::string& body_id) {
    repo::MeetingFilter f;
    f.body_id = body_id;
    return repo::list_meetings(c, f);
}

}  // namespace

Result<std::string> GovernanceService::body_calendar(const Context& ctx, const std::string& body_id,
                                                     std::string_view base_url) {
    return m_db.read([&](Connection& c) -> Result<std::string> {
        CIVIC_TRY(const Body body, readable_body(c, ctx, body_id));
        const auto named = repo::find_named_body(c, body.id);
        const std::string name = named ? named->name : std::string();
        const auto meetings = meetings_of(c, body.id);
        std::vector<Listed> shown;
        for (const auto& m : meetings)
            if (may_see_meeting(c, ctx.principal, body, m)) shown.push_back({&m, &body, &name});
        return calendar_text(name, shown, base_url);
    });
}

Result<std::string> GovernanceService::person_calendar(const Context& ctx,
                                                       const std::string& person_id,
                                                       std::string_view base_url) {
    return m_db.read([&](Connection& c) -> Result<std::string> {
        const auto person = is_id(person_id) ? org::repo::find_person(c, person_id) : std::nullopt;
        // A person the caller may see in the register, or the caller's own self.
        const auto own = [&](const org::Person& p) {
            return ctx.principal.person_id && *ctx.principal.person_id == p.id;
        };
        if (!person || person->archived_at ||
            !(org::may_see(ctx.principal, *person) || own(*person)))
            return std::unexpected(
                Error::not_found("There is no person with this id that you can see."));
        // The person's seats on bodies, each with its dates: a meeting is theirs when it falls
        // within one.
        org::repo::ListFilter f;
        f.person_id = person->id;
        f.limit = 500;
        std::map<std::string, std::vector<org::Membership>> seats;  // by body id
        for (;;) {
            auto page = org::repo::list_memberships(c, f);
            const bool more = page.size() == 500;
            if (more) f.after = page.back().id;
            for (auto& m : page) seats[m.unit_id].push_back(std::move(m));
            if (!more) break;
        }
        struct Of {
            Body body;
            std::string name;
            std::vector<Meeting> meetings;
        };
        std::vector<Of> bodies;
        for (const auto& [unit_id, held] : seats) {
            auto named = repo::find_named_body(c, unit_id);
            if (!named || named->body.archived_at) continue;
            Of of{named->body, named->name, {}};
            for (auto& m : meetings_of(c, unit_id)) {
                const bool theirs = std::any_of(held.begin(), held.end(), [&](const auto& s) {
                    return (!s.start_date || *s.start_date <= m.date) &&
                           (!s.end_date || m.date <= *s.end_date);
                });
                if (theirs && may_see_meeting(c, ctx.principal, of.body, m))
                    of.meetings.push_back(std::move(m));
            }
            bodies.push_back(std::move(of));
        }
        std::vector<Listed> shown;
        for (const auto& of : bodies)
            for (const auto& m : of.meetings) shown.push_back({&m, &of.body, &of.name});
        std::sort(shown.begin(), shown.end(), [](const Listed& a, const Listed& b) {
            return std::tie(a.meeting->date, a.meeting->start_time, a.meeting->id) <
                   std::tie(b.meeting->date, b.meeting->start_time, b.meeting->id);
        });
        const std::string name = fmt::format(
            "Meetings of {}{}",
            person->honorific_prefix.empty() ? "" : person->honorific_prefix + " ", person->name);
        return calendar_text(name, shown, base_url);
    });
}

}  // namespace civic::governance
