// SPDX-License-Identifier: AGPL-3.0-or-later
// The action log: actions agreed at meetings, each with its owner, due date and status, carried
// from meeting to meeting until closed; a meeting's action-log item; and a person's own
// actions.
//
// Who sees an action: whoever may read the agenda of the meeting that agreed it
// (detail::may_read_agenda). An action agreed on an exempt item (Schedule 12A) is left out
// altogether for those not entitled to the item's exempt information, as the item's minutes
// are: its words would say what the exempt report was about. Its owner always sees it, in
// their own actions and by its id, since they were given it to do. An archived action is seen
// only by those whose role covers its body.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "civic/modules/governance/action_log.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_action_text = 5000;
constexpr std::size_t k_owner_name = 300;
constexpr std::string_view k_carried = "carried forward";
constexpr std::string_view k_closed_since = "closed since the last meeting";

Error no_action() { return Error::not_found("There is no action with this id that you can see."); }

// Decides who sees which action, looking each meeting, body and item up once however many
// actions name it.
class ActionReader {
public:
    ActionReader(Connection& c, const Principal& who) : m_c(c), m_who(who) {}

    bool sees(const Action& a) {
        if (a.archived_at && !covers(m_who, a.unit_path, Access::Read)) return false;
        if (owns(a)) return true;
        const auto& m = meeting(a.meeting_id);
        if (!m) return false;
        if (m->archived_at && !covers(m_who, m->unit_path, Access::Read)) return false;
        const auto& b = body(m->body_id);
        if (!b || !may_read_agenda(m_c, m_who, *b, *m)) return false;
        if (a.item_id) {
            const auto& i = item(*a.item_id);
            if (i && i->exempt_paragraph && !entitled_to_exempt(m_c, m_who, *m, &*i)) return false;
        }
        return true;
    }

    bool owns(const Action& a) const {
        return m_who.signed_in() && m_who.person_id && a.owner_person_id == m_who.person_id;
    }

    const std::optional<Meeting>& meeting(const std::string& id) {
        auto it = m_meetings.find(id);
        if (it == m_meetings.end()) it = m_meetings.emplace(id, repo::find_meeting(m_c, id)).first;
        return it->second;
    }

private:
    const std::optional<Body>& body(const std::string& id) {
        auto it = m_bodies.find(id);
        if (it == m_bodies.end()) it = m_bodies.emplace(id, repo::find_body(m_c, id)).first;
        return it->second;
    }
    const std::optional<AgendaItem>& item(const std::string& id) {
        auto it = m_items.find(id);
        if (it == m_items.end()) it = m_items.emplace(id, repo::find_item(m_c, id)).first;
        return it->second;
    }

    Connection& m_c;
    const Principal& m_who;
    std::map<std::string, std::optional<Meeting>> m_meetings;
    std::map<std::string, std::optional<Body>> m_bodies;
    std::map<std::string, std::optional<AgendaItem>> m_items;
};

// The fields of an action a create sets and a change may change, checked and applied to a.
// agreed_on is the date of the meeting that agreed it ("" when that is not yet known, on a
// create whose item is at fault).
void apply_action_input(Connection& c, const Context& ctx, Checks& checks, const ActionInput& in,
                        Action& a, const std::string& agreed_on, bool creating) {
    const std::string today_text = format_iso_date(today(ctx));
    const auto long_date = [](const std::string& iso) {
        const auto d = parse_iso_date(iso);
        return d ? format_long_date(*d) : iso;
    };

    checks.text("text", "what the action is", in.text, required_when(creating, in.text),
                k_action_text, Lines::Many);
    if (in.text && !checks.failed("text")) a.text = trimmed(in.text);

    if (in.owner_person_id) {
        if (trimmed(in.owner_person_id).empty()) {
            a.owner_person_id.reset();
        } else {
            person_field(c, checks, "owner_person_id", "Owner", in.owner_person_id);
            if (!checks.failed("owner_person_id")) a.owner_person_id = trimmed(in.owner_person_id);
        }
    }
    checks.text("owner_name", "the owner's name", in.owner_name, Required::No, k_owner_name);
    if (in.owner_name && !checks.failed("owner_name")) a.owner_name = trimmed(in.owner_name);
    if (!a.owner_person_id && a.owner_name.empty() && !checks.failed("owner_person_id") &&
        !checks.failed("owner_name"))
        checks.fail("owner_person_id",
                    "Enter who owns the action: a person in the organisation register "
                    "(owner_person_id), or their name as the minutes give it (owner_name)");

    if (auto due = date_field(checks, "due_date", "Due date", in.due_date)) a.due_date = *due;
    if (in.due_date && !checks.failed("due_date") && a.due_date && !agreed_on.empty() &&
        *a.due_date < agreed_on)
        checks.fail("due_date",
                    fmt::format("Due date must be on or after the day the action was agreed, {}",
                                long_date(agreed_on)));

    const auto status =
        checks.choice("status", "Status", in.status, k_action_statuses, Required::No);
    if (status) a.status = *status;
    const auto closed_on = date_field(checks, "closed_on", "Closed on", in.closed_on);
    checks.text("closed_note", "the closing note", in.closed_note, Required::No, k_action_text,
                Lines::Many);
    if (checks.failed("status")) return;
    if (a.status == "open") {
        // Reopened, or still open: an open action has no closing date or note.
        if (closed_on && *closed_on)
            checks.fail("closed_on",
                        "An open action has no closed date: set the status to done or cancelled "
                        "to close it");
        if (in.closed_note && !trimmed(in.closed_note).empty())
            checks.fail("closed_note",
                        "An open action has no closing note: set the status to done or "
                        "cancelled to close it");
        a.closed_on.reset();
        a.closed_note.clear();
        return;
    }
    if (closed_on && *closed_on) a.closed_on = **closed_on;
    if (!a.closed_on) a.closed_on = today_text;
    if (in.closed_note && !checks.failed("closed_note")) a.closed_note = trimmed(in.closed_note);
    if (checks.failed("closed_on")) return;
    if (*a.closed_on > today_text)
        checks.fail("closed_on",
                    fmt::format("Closed on cannot be after today, {}", long_date(today_text)));
    else if (!agreed_on.empty() && *a.closed_on < agreed_on)
        checks.fail("closed_on",
                    fmt::format("Closed on must be on or after the day the action was agreed, {}",
                                long_date(agreed_on)));
}

// Open actions first; then by due date (those with none last), the order they were agreed in
// (meeting date) and created.
void order_own_actions(std::vector<ActionView>& views) {
    std::stable_sort(views.begin(), views.end(), [](const ActionView& x, const ActionView& y) {
        const bool xo = x.action.status == "open", yo = y.action.status == "open";
        if (xo != yo) return xo;
        const std::string xd = x.action.due_date.value_or("9999-12-31");
        const std::string yd = y.action.due_date.value_or("9999-12-31");
        if (xd != yd) return xd < yd;
        if (x.meeting_date != y.meeting_date) return x.meeting_date < y.meeting_date;
        return x.action.created_at < y.action.created_at;
    });
}

}  // namespace

Result<std::vector<ActionView>> GovernanceService::list_actions(const Context& ctx,
                                                                const ActionQuery& q) {
    return m_db.read([&](Connection& c) -> Result<std::vector<ActionView>> {
        Checks checks;
        checks.choice("status", "Status", q.status, k_action_statuses, Required::No);
        CIVIC_CHECK(checks.result());
        repo::ActionFilter f;
        f.body_id = q.body_id.value_or("");
        f.meeting_id = q.meeting_id.value_or("");
        f.owner_person_id = q.owner_person_id.value_or("");
        f.status = q.overdue ? "open" : q.status.value_or("");
        if (q.overdue && q.status && *q.status != "open") return std::vector<ActionView>{};
        const Date on = today(ctx);
        ActionReader reader(c, ctx.principal);
        std::vector<ActionView> out;
        for (const auto& a : repo::list_actions(c, f)) {
            if (!reader.sees(a)) continue;
            auto v = action_view(c, a, on);
            if (q.overdue && !v.overdue) continue;
            out.push_back(std::move(v));
        }
        return out;
    });
}

Result<ActionView> GovernanceService::get_action(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<ActionView> {
        auto a = repo::find_action(c, id);
        ActionReader reader(c, ctx.principal);
        if (!a || !reader.sees(*a)) return std::unexpected(no_action());
        return action_view(c, *a, today(ctx));
    });
}

Result<Action> GovernanceService::create_action(const Context& ctx, const ActionInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Action> {
        Checks checks;
        std::optional<Meeting> meeting;
        Action a;
        if (!in.item_id || trimmed(in.item_id).empty()) {
            checks.fail("item_id", "Enter the agenda item at which the action was agreed");
        } else {
            const auto item = named_record(
                is_id(trimmed(in.item_id)) ? repo::find_item(c, trimmed(in.item_id)) : std::nullopt,
                [&](const AgendaItem& i) { return may_change(ctx.principal, i); });
            if (item)
                meeting =
                    named_record(repo::find_meeting(c, item->meeting_id),
                                 [&](const Meeting& m) { return may_change(ctx.principal, m); });
            if (!item || !meeting) {
                checks.fail(
                    "item_id",
                    "Item must be an agenda item of a meeting whose actions you can record");
            } else if (meeting->status == "cancelled") {
                checks.fail("item_id",
                            "The meeting was cancelled, so it agreed no actions: record the action "
                            "at the meeting that agreed it");
                meeting.reset();
            } else {
                a.item_id = item->id;
                a.meeting_id = meeting->id;
                a.body_id = meeting->body_id;
                a.unit_path = meeting->unit_path;
            }
        }
        a.status = "open";
        apply_action_input(c, ctx, checks, in, a, meeting ? meeting->date : "", true);
        CIVIC_CHECK(checks.result());
        return insert_record(c, ctx, k_action, repo::actions(), std::move(a));
    });
}

Result<Action> GovernanceService::update_action(const Context& ctx, const std::string& id,
                                                const ActionInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_action, id, version, "update", [&](Action& a) -> Result<void> {
                Checks checks;
                if (in.item_id && trimmed(in.item_id) != a.item_id.value_or(""))
                    checks.fail(
                        "item_id",
                        "An action stays with the item that agreed it: archive it and record "
                        "it at the other item instead");
                const auto m = repo::find_meeting(c, a.meeting_id);
                apply_action_input(c, ctx, checks, in, a, m ? m->date : "", false);
                return checks.result();
            });
    });
}

Result<Action> GovernanceService::archive_action(const Context& ctx, const std::string& id,
                                                 std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write(
        [&](Connection& c) { return archive_record(c, ctx, k_action, id, version, no_objection); });
}

Result<std::vector<ActionView>> GovernanceService::action_log(const Context& ctx,
                                                              const std::string& meeting_id) {
    return m_db.read([&](Connection& c) -> Result<std::vector<ActionView>> {
        CIVIC_TRY(const auto meeting, readable_meeting(c, ctx, meeting_id));
        return action_log_of(c, ctx, meeting);
    });
}

Result<std::vector<ActionView>> GovernanceService::my_actions(const Context& ctx) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::vector<ActionView>> {
        std::vector<ActionView> out;
        if (!ctx.principal.person_id) return out;
        repo::ActionFilter f;
        f.owner_person_id = *ctx.principal.person_id;
        const Date on = today(ctx);
        for (const auto& a : repo::list_actions(c, f)) out.push_back(action_view(c, a, on));
        order_own_actions(out);
        return out;
    });
}

namespace detail {

bool may_see_action(Connection& c, const Principal& who, const Action& a) {
    return ActionReader(c, who).sees(a);
}

std::vector<ActionView> action_log_of(Connection& c, const Context& ctx, const Meeting& meeting) {
    // The body's previous meeting (not cancelled): what was closed after it and by this one's
    // date is reported here once, as "closed since the last meeting".
    const auto previous = repo::previous_meeting(c, meeting);
    const Date on = today(ctx);
    ActionReader reader(c, ctx.principal);
    repo::ActionFilter f;
    f.body_id = meeting.body_id;
    std::vector<ActionView> carried, closed;
    for (const auto& a : repo::list_actions(c, f)) {
        // Agreed at an earlier meeting of the body: the meeting's own actions are new, and
        // appear on the next one's log.
        const auto& agreed = reader.meeting(a.meeting_id);
        if (!agreed || agreed->archived_at || agreed->id == meeting.id) continue;
        const bool earlier =
            agreed->date < meeting.date ||
            (agreed->date == meeting.date && agreed->start_time < meeting.start_time);
        if (!earlier) continue;
        // Open on the meeting's date: still open, or closed only after that day.
        const bool open_then = a.status == "open" || !a.closed_on || *a.closed_on > meeting.date;
        const bool closed_since = !open_then && (!previous || *a.closed_on > previous->date) &&
                                  *a.closed_on <= meeting.date;
        if (!open_then && !closed_since) continue;
        if (!reader.sees(a)) continue;
        auto v = action_view(c, a, on);
        v.carried = std::string(open_then ? k_carried : k_closed_since);
        (open_then ? carried : closed).push_back(std::move(v));
    }
    for (auto& v : closed) carried.push_back(std::move(v));
    return carried;
}

}  // namespace detail

}  // namespace civic::governance
