// SPDX-License-Identifier: AGPL-3.0-or-later
// Meetings: the list and calendar, one meeting, and its creation (with the standard items its
// agenda opens with), change (bumping its calendar sequence) and archiving.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_title = 300;

// The fields of a meeting a create sets and a change may change, checked and applied to m.
// Returns whether anything a calendar shows (date, time, length, place, status) changed.
bool apply_meeting_input(Checks& checks, const MeetingInput& in, Meeting& m, bool creating) {
    const Meeting before = m;
    checks.text("title", "the title", in.title, Required::No, k_title);
    if (in.title && !trimmed(in.title).empty()) m.title = trimmed(in.title);
    if (auto d = date_field(checks, "date", "Date", in.date)) {
        if (!*d)
            checks.fail("date", "Enter the date of the meeting, as YYYY-MM-DD");
        else
            m.date = **d;
    } else if (creating && !in.date) {
        checks.fail("date", "Enter the date of the meeting, as YYYY-MM-DD");
    }
    if (auto t = time_field(checks, "start_time", "Start time", in.start_time)) m.start_time = *t;
    if (creating && m.start_time.empty() && !checks.failed("start_time"))
        checks.fail("start_time", "Enter the time the meeting starts, as HH:MM, for example 10:00");
    number_field(checks, "duration_minutes", "Duration in minutes", in.duration_minutes, 1, 1440);
    if (in.duration_minutes && !checks.failed("duration_minutes"))
        m.duration_minutes = *in.duration_minutes;
    checks.text("venue", "the venue", in.venue, Required::No, 500);
    if (in.venue) m.venue = trimmed(in.venue);
    checks.text("online_url", "the online meeting link", in.online_url, Required::No, 2000);
    if (in.online_url) m.online_url = trimmed(in.online_url);
    if (auto status =
            checks.choice("status", "Status", in.status, k_meeting_statuses, Required::No))
        m.status = *status;
    checks.text("status_reason", "the reason", in.status_reason, Required::No, 2000, Lines::Many);
    if (in.status_reason) m.status_reason = trimmed(in.status_reason);
    if (auto notice =
            date_field(checks, "private_notice_on", "The date of the notice of a private meeting",
                       in.private_notice_on))
        m.private_notice_on = *notice;
    return m.date != before.date || m.start_time != before.start_time ||
           m.duration_minutes != before.duration_minutes || m.venue != before.venue ||
           m.online_url != before.online_url || m.status != before.status;
}

}  // namespace

Result<Page<MeetingView>> GovernanceService::list_meetings(const Context& ctx,
                                                           const MeetingQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<MeetingView>> {
        Checks checks;
        const auto from = date_field(checks, "from", "From", q.from);
        const auto to = date_field(checks, "to", "To", q.to);
        CIVIC_CHECK(checks.result());
        const auto rules = rules_on(c, ctx);
        std::optional<std::set<std::string>> of_person;
        if (q.person_id) {
            const auto ids = repo::bodies_of_person(c, *q.person_id, format_iso_date(rules.today));
            of_person.emplace(ids.begin(), ids.end());
        }
        repo::MeetingFilter f;
        f.body_id = q.body_id.value_or("");
        f.from = from && *from ? **from : "";
        f.to = to && *to ? **to : "";
        f.status = q.status.value_or("");
        f.include_archived = q.include_archived;
        f.after = q.cursor.value_or("");
        // The bodies met on the way, once each.
        std::map<std::string, std::optional<Body>> bodies;
        const auto body_of = [&](const std::string& id) -> const std::optional<Body>& {
            auto it = bodies.find(id);
            if (it == bodies.end()) it = bodies.emplace(id, repo::find_body(c, id)).first;
            return it->second;
        };
        auto page = filtered_page<Meeting>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_meetings(c, f);
            },
            [&](const Meeting& m) {
                if (of_person && !of_person->contains(m.body_id)) return false;
                const auto& b = body_of(m.body_id);
                if (!b) return false;
                if (m.archived_at && !covers(ctx.principal, m.unit_path, Access::Read))
                    return false;
                return may_read_body(c, ctx.principal, *b, m.date) ||
                       sees_unpublished(c, ctx.principal, m);
            });
        Page<MeetingView> out;
        out.next_cursor = page.next_cursor;
        for (const auto& m : page.items)
            out.items.push_back(meeting_view(c, ctx, *body_of(m.body_id), m, rules));
        return out;
    });
}

Result<MeetingView> GovernanceService::get_meeting(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<MeetingView> {
        CIVIC_TRY(auto m, readable_meeting(c, ctx, id));
        auto b = repo::find_body(c, m.body_id);
        return meeting_view(c, ctx, *b, m, rules_on(c, ctx));
    });
}

Result<Meeting> GovernanceService::create_meeting(const Context& ctx, const MeetingInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Meeting> {
        Checks checks;
        std::optional<Body> body;
        if (!in.body_id || trimmed(in.body_id).empty()) {
            checks.fail("body_id", "Enter the body the meeting is of");
        } else {
            body = named_record(is_id(*in.body_id) ? repo::find_body(c, *in.body_id) : std::nullopt,
                                [&](const Body& b) { return may_change(ctx.principal, b); });
            if (!body) checks.fail("body_id", "Body must be a body whose meetings you can arrange");
        }
        Meeting m;
        if (body) {
            m.body_id = body->id;
            m.unit_path = body->unit_path;
            if (auto n = repo::find_named_body(c, body->id)) m.title = n->name;
            if (body->schedule_time) m.start_time = *body->schedule_time;
            m.duration_minutes = body->duration_minutes;
            m.venue = body->venue;
            m.online_url = body->online_url;
        }
        apply_meeting_input(checks, in, m, true);
        CIVIC_CHECK(checks.result());
        auto made = insert_record(c, ctx, k_meeting, repo::meetings(), std::move(m));
        add_standard_items(c, ctx, made);
        return made;
    });
}

Result<Meeting> GovernanceService::update_meeting(const Context& ctx, const std::string& id,
                                                  const MeetingInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_meeting, id, version, "update", [&](Meeting& m) -> Result<void> {
                Checks checks;
                if (in.body_id)
                    checks.fail("body_id",
                                "A meeting stays with its body: archive it and arrange one for "
                                "the other body instead");
                const std::string was = m.status;
                const bool shown = apply_meeting_input(checks, in, m, false);
                CIVIC_CHECK(checks.result());
                if (was == "cancelled" && m.status == "held")
                    return std::unexpected(Error::validation(
                        "status", "A cancelled meeting was not held: arrange a new meeting"));
                if (shown) ++m.sequence;
                return ok();
            });
    });
}

Result<Meeting> GovernanceService::archive_meeting(const Context& ctx, const std::string& id,
                                                   std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(
            c, ctx, k_meeting, id, version, [&](const Meeting& m) -> Result<void> {
                if (m.minutes_status == "approved")
                    return std::unexpected(
                        Error::conflict("This meeting's minutes are approved: it is part of the "
                                        "record and cannot be "
                                        "archived. Mark it cancelled or adjourned instead."));
                return ok();
            });
    });
}

}  // namespace civic::governance
