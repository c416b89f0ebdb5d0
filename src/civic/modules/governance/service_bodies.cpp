// SPDX-License-Identifier: AGPL-3.0-or-later
// The council's governance settings, its bodies, and the meetings their schedules make.
#include <fmt/format.h>

#include <algorithm>

#include "civic/core/recurrence.hpp"
#include "civic/modules/calendar/meetings.hpp"
#include "civic/modules/calendar/service.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_long_text = 100000;

// A body's schedule as core/recurrence reads it, when it has one.
std::optional<Schedule> schedule_of(const Body& b) {
    if (!b.schedule_rrule || !b.schedule_first_date || !b.schedule_time) return std::nullopt;
    const auto first = parse_iso_date(*b.schedule_first_date);
    if (!first) return std::nullopt;
    Schedule s;
    s.rrule = *b.schedule_rrule;
    s.first_date = *first;
    s.hour = std::stoi(b.schedule_time->substr(0, 2));
    s.minute = std::stoi(b.schedule_time->substr(3, 2));
    s.duration_minutes = static_cast<int>(b.duration_minutes);
    return s;
}

// The fields of a body a create sets and a change may change, checked and applied to b.
Result<void> apply_body_input(Checks& checks, const BodyInput& in, Body& b, bool creating) {
    if (auto kind = checks.choice("kind", "Kind", in.kind, k_body_kinds,
                                  creating ? Required::Yes : Required::No))
        b.kind = *kind;
    if (auto access = checks.choice("access", "Access", in.access, k_body_access, Required::No))
        b.access = *access;
    else if (creating && in.kind && !checks.failed("kind"))
        b.access = b.kind == "officer_group" ? "private" : "public";
    if (in.executive)
        b.executive = *in.executive;
    else if (creating && !checks.failed("kind"))
        b.executive = b.kind == "cabinet";
    checks.text("terms_of_reference", "the terms of reference", in.terms_of_reference, Required::No,
                k_long_text, Lines::Many);
    if (in.terms_of_reference) b.terms_of_reference = trimmed(in.terms_of_reference);
    if (in.quorum) {
        if (*in.quorum && (**in.quorum < 1 || **in.quorum > 500))
            checks.fail("quorum", "Quorum must be a whole number of members from 1 to 500");
        else
            b.quorum = *in.quorum;
    }
    number_field(checks, "duration_minutes", "Duration in minutes", in.duration_minutes, 1, 1440);
    if (in.duration_minutes && !checks.failed("duration_minutes"))
        b.duration_minutes = *in.duration_minutes;
    checks.text("venue", "the venue", in.venue, Required::No, 500);
    if (in.venue) b.venue = trimmed(in.venue);
    checks.text("online_url", "the online meeting link", in.online_url, Required::No, 2000);
    if (in.online_url) b.online_url = trimmed(in.online_url);

    // The schedule: a phrase or an RRULE, a first date and a time, all or none.
    if (in.schedule_phrase && in.schedule_rrule)
        checks.fail("schedule_phrase", "Give the schedule as a phrase or as an RRULE, not both");
    if (in.schedule_phrase && !checks.failed("schedule_phrase")) {
        checks.text("schedule_phrase", "the schedule", in.schedule_phrase, Required::No, 200);
        const std::string phrase = trimmed(in.schedule_phrase);
        if (phrase.empty()) {
            b.schedule_rrule.reset();
        } else if (!checks.failed("schedule_phrase")) {
            auto rule = rrule_from_phrase(phrase);
            if (rule)
                b.schedule_rrule = *rule;
            else
                checks.fail("schedule_phrase", rule.error());
        }
    }
    if (in.schedule_rrule) {
        checks.text("schedule_rrule", "the schedule's RRULE", in.schedule_rrule, Required::No, 500);
        const std::string text = trimmed(in.schedule_rrule);
        if (text.empty()) {
            b.schedule_rrule.reset();
        } else if (!checks.failed("schedule_rrule")) {
            auto rule = normalize_rrule(text);
            if (rule)
                b.schedule_rrule = *rule;
            else
                checks.fail("schedule_rrule", rule.error());
        }
    }
    if (auto first = date_field(checks, "schedule_first_date", "The schedule's first date",
                                in.schedule_first_date))
        b.schedule_first_date = *first;
    if (in.schedule_time) {
        if (trimmed(in.schedule_time).empty())
            b.schedule_time.reset();
        else if (auto t =
                     time_field(checks, "schedule_time", "The schedule's time", in.schedule_time))
            b.schedule_time = *t;
    }
    if (checks.any()) return ok();
    if (b.schedule_rrule) {
        if (!b.schedule_first_date)
            checks.fail("schedule_first_date",
                        "Enter the date of the schedule's first meeting, as YYYY-MM-DD");
        if (!b.schedule_time)
            checks.fail("schedule_time",
                        "Enter the time the meetings start, as HH:MM, for example 10:00");
        if (auto s = schedule_of(b)) {
            auto tried = expand(*s, s->first_date, add_days(s->first_date, 400), 1);
            if (!tried)
                checks.fail(in.schedule_phrase ? "schedule_phrase" : "schedule_rrule",
                            tried.error());
        }
    }
    return ok();
}

BodyView body_view(Connection& c, const repo::NamedBody& n, const std::string& on) {
    return BodyView{n.body, n.name, n.description, n.parent_id, members_of(c, n.body.id, on)};
}

}  // namespace

// ---- settings

Result<Settings> GovernanceService::get_settings(const Context&) {
    return m_db.read([](Connection& c) { return repo::settings(c); });
}

Result<Settings> GovernanceService::update_settings(const Context& ctx, const SettingsInput& in,
                                                    std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    if (!ctx.principal.is_administrator())
        return std::unexpected(Error::forbidden(
            "Only an administrator may change the council's governance settings."));
    const auto change = [&](Settings& s) -> Result<void> {
        Checks checks;
        number_field(checks, "publication_clear_days", "Clear days before a meeting",
                     in.publication_clear_days, 0, 60);
        number_field(checks, "forward_plan_clear_days",
                     "Clear days a key decision is on the forward plan", in.forward_plan_clear_days,
                     0, 120);
        number_field(checks, "private_notice_clear_days", "Clear days' notice of a private meeting",
                     in.private_notice_clear_days, 0, 120);
        number_field(checks, "call_in_working_days", "Working days for call-in",
                     in.call_in_working_days, 0, 30);
        const auto counting =
            checks.choice("clear_days", "Clear days", in.clear_days, k_clear_days, Required::No);
        CIVIC_CHECK(checks.result());
        if (in.publication_clear_days) s.publication_clear_days = *in.publication_clear_days;
        if (in.forward_plan_clear_days) s.forward_plan_clear_days = *in.forward_plan_clear_days;
        if (in.private_notice_clear_days)
            s.private_notice_clear_days = *in.private_notice_clear_days;
        if (in.call_in_working_days) s.call_in_working_days = *in.call_in_working_days;
        if (counting) s.clear_days = *counting;
        return ok();
    };
    return m_db.write([&](Connection& c) -> Result<Settings> {
        Settings current = repo::settings(c);
        // The first change stores the defaults as version 1, then changes them.
        if (current.id.empty())
            current = insert_record(c, ctx, k_settings, repo::settings_table(), current);
        return change_record(c, ctx, k_settings, current.id, version, "update", change);
    });
}

// ---- bodies

Result<std::vector<BodyView>> GovernanceService::list_bodies(const Context& ctx,
                                                             const BodyQuery& q) {
    return m_db.read([&](Connection& c) -> Result<std::vector<BodyView>> {
        const std::string on = format_iso_date(today(ctx));
        std::vector<BodyView> out;
        for (const auto& n : repo::list_bodies(c, q.include_archived)) {
            if (q.kind && n.body.kind != *q.kind) continue;
            if (!may_read_body(c, ctx.principal, n.body, on)) continue;
            if (n.body.archived_at && !covers(ctx.principal, n.body.unit_path, Access::Read))
                continue;
            out.push_back(body_view(c, n, on));
        }
        return out;
    });
}

Result<BodyView> GovernanceService::get_body(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<BodyView> {
        CIVIC_TRY(auto b, readable_body(c, ctx, id));
        auto n = repo::find_named_body(c, b.id);
        if (!n) return std::unexpected(Error::not_found("There is no body with this id."));
        return body_view(c, *n, format_iso_date(today(ctx)));
    });
}

Result<Body> GovernanceService::create_body(const Context& ctx, const BodyInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Body> {
        Checks checks;
        Body b;
        if (in.unit_id && (in.name || in.parent_id || in.description))
            checks.fail("unit_id",
                        "Name the unit the body is, or give the name (and parent) of a new one, "
                        "not both");
        if (!in.unit_id && !in.name)
            checks.fail("name",
                        "Enter the body's name (or give unit_id, the unit of kind body it is)");
        CIVIC_CHECK(apply_body_input(checks, in, b, true));
        std::optional<org::Unit> unit;
        if (in.unit_id && !checks.failed("unit_id")) {
            unit = named_record(
                is_id(*in.unit_id) ? org::repo::find_unit(c, *in.unit_id) : std::nullopt,
                [&](const org::Unit& u) { return covers(ctx.principal, u.path, Access::Write); });
            if (!unit)
                checks.fail("unit_id", "Unit must be a unit in the register that you can change");
            else if (unit->kind != "body")
                checks.fail("unit_id", fmt::format("Unit must be of kind body; {} is a {}",
                                                   unit->name, unit->kind));
            else if (repo::find_body(c, unit->id))
                return std::unexpected(
                    Error::conflict(fmt::format("{} is already a body.", unit->name)));
        }
        CIVIC_CHECK(checks.result());
        if (!unit) {
            org::UnitInput u;
            u.name = in.name;
            u.kind = "body";
            u.parent_id = in.parent_id;
            u.description = in.description;
            CIVIC_TRY(auto made, m_org.create_unit_on(c, ctx, u));
            unit = made;
        }
        b.id = unit->id;
        b.unit_path = unit->path;
        return insert_record(c, ctx, k_body, repo::bodies(), std::move(b));
    });
}

Result<Body> GovernanceService::update_body(const Context& ctx, const std::string& id,
                                            const BodyInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_body, id, version, "update", [&](Body& b) -> Result<void> {
            Checks checks;
            for (const auto& [field, sent] : {std::pair{"unit_id", in.unit_id.has_value()},
                                              std::pair{"parent_id", in.parent_id.has_value()},
                                              std::pair{"name", in.name.has_value()},
                                              std::pair{"description", in.description.has_value()}})
                if (sent)
                    checks.fail(field,
                                "A body's name, description and place in the tree are its "
                                "unit's: change them on the unit (PATCH /api/v1/units/{id})");
            CIVIC_CHECK(apply_body_input(checks, in, b, false));
            return checks.result();
        });
    });
}

Result<Body> GovernanceService::archive_body(const Context& ctx, const std::string& id,
                                             std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write(
        [&](Connection& c) { return archive_record(c, ctx, k_body, id, version, no_objection); });
}

Result<GenerationResult> GovernanceService::generate_meetings(const Context& ctx,
                                                              const std::string& body_id,
                                                              const GenerationInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<GenerationResult> {
        CIVIC_TRY(auto body, changeable_body(c, ctx, body_id));
        Checks checks;
        const auto from_text = date_field(checks, "from", "From", in.from);
        const auto to_text = date_field(checks, "to", "To", in.to);
        CIVIC_CHECK(checks.result());
        const Date from = from_text && *from_text ? *parse_iso_date(**from_text) : today(ctx);
        const Date to = to_text && *to_text ? *parse_iso_date(**to_text) : add_days(from, 365);
        if (to < from)
            return std::unexpected(Error::validation("to", "To must not be before From"));
        if (days_between(from, to) > 3 * 366)
            return std::unexpected(
                Error::validation("to", "Make meetings for three years at most at a time"));
        const auto schedule = schedule_of(body);
        if (!schedule)
            return std::unexpected(Error::validation(
                "schedule_rrule",
                "This body has no schedule: set its schedule (schedule_phrase or schedule_rrule, "
                "schedule_first_date and schedule_time) first"));
        const auto calendar = calendar::CalendarService::calendar_on(c);
        auto found =
            calendar::meetings_between(*schedule, from, to, calendar, calendar::OnHoliday::Mark);
        if (!found) return std::unexpected(Error::validation("schedule_rrule", found.error()));
        const auto named = repo::find_named_body(c, body.id);
        GenerationResult out;
        for (const auto& occurrence : *found) {
            const std::string date = format_iso_date(occurrence.occurrence.local_date);
            const auto existing =
                repo::meetings().where(c, "m.body_id = ? AND m.schedule_date = ?", {body.id, date});
            if (!existing.empty()) {
                out.existing.push_back(date);
                continue;
            }
            if (occurrence.holiday)
                out.on_holidays.push_back(fmt::format("{} ({})", date, occurrence.holiday->name));
            Meeting m;
            m.body_id = body.id;
            m.unit_path = body.unit_path;
            m.title = named ? named->name : "Meeting";
            m.date = date;
            m.start_time = fmt::format("{:02}:{:02}", occurrence.occurrence.hour,
                                       occurrence.occurrence.minute);
            m.duration_minutes = body.duration_minutes;
            m.venue = body.venue;
            m.online_url = body.online_url;
            m.schedule_date = date;
            auto made = insert_record(c, ctx, k_meeting, repo::meetings(), std::move(m));
            add_standard_items(c, ctx, made);
            out.created.push_back(std::move(made));
        }
        return out;
    });
}

}  // namespace civic::governance
