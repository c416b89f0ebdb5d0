// SPDX-License-Identifier: AGPL-3.0-or-later
// Attendance, apologies and substitutes, the quorum that follows from them, declarations of
// interest per item, and a meeting's agenda as one page.
//
// The rules of attendance (docs/governance.md, "Bodies and meetings"):
// - One attendance record per person per meeting; a second is refused naming person_id (an
//   archived one is restored instead, as the table holds one row per person).
// - A person attends as a member only when they sit on the body on the meeting's date as its
//   chair, vice-chair, a member or a co-opted member; anyone else is a substitute, an officer
//   or a guest.
// - A substitute names the member they stand in for: a member on that date, not themselves,
//   and not one recorded present; each member has one substitute at most.
// - Attendance and declarations are recorded for a meeting that is not cancelled and whose
//   minutes are not yet approved (after that they are part of the locked record).
// - A declaration names an item of the meeting and a person who attended it or sits on the
//   body on its date, once per item, with one of the kinds of interest in model.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "civic/modules/governance/action_log.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_note = 2000;
constexpr std::size_t k_nature = 2000;
constexpr std::size_t k_action = 500;

// The roles in which a person sits on a body as one of its members, counted for its quorum.
bool sits_as_member(const std::string& role) {
    return role == "chair" || role == "vice-chair" || role == "member" || role == "co-opted";
}

// What the checks need to know of a meeting: its body's name, its date in words, and who sat
// on the body that day, in which role.
struct Setting {
    Meeting meeting;
    std::string body_name;
    std::string date_words;
    std::map<std::string, std::string> roles;  // person → the role they sit in

    Setting(Connection& c, const Meeting& m) : meeting(m) {
        if (auto u = org::repo::find_unit(c, m.body_id)) body_name = u->name;
        const auto date = parse_iso_date(m.date);
        date_words = date ? format_day_month_year(*date) : m.date;
        for (const auto& member : repo::members_on(c, m.body_id, m.date)) {
            const std::string role = member_role(member.role_text);
            auto [it, added] = roles.emplace(member.person_id, role);
            // Someone with two memberships (a member who is also a substitute) sits in the
            // one that makes them a member.
            if (!added && sits_as_member(role)) it->second = role;
        }
    }
    std::optional<std::string> role_of(const std::string& person_id) const {
        auto it = roles.find(person_id);
        if (it == roles.end()) return std::nullopt;
        return it->second;
    }
    bool is_member(const std::string& person_id) const {
        auto r = role_of(person_id);
        return r && sits_as_member(*r);
    }
};

// A meeting whose attendance and declarations may still be written.
Result<void> open_for_record(const Meeting& m) {
    if (m.status == "cancelled")
        return std::unexpected(
            Error::conflict("This meeting was cancelled: no attendance or declarations of "
                            "interest can be recorded for it."));
    if (m.minutes_status == "approved")
        return std::unexpected(Error::conflict(
            "This meeting's minutes are approved and locked: its attendance and declarations "
            "can no longer be changed. Record a correction to the minutes instead."));
    return ok();
}

// One row of an attendance write: the record as it will stand, the stored one it changes
// (live or archived) if any, and the prefix its field errors carry ("rows[2].").
struct Planned {
    Attendee after;
    std::optional<Attendee> before;
    std::string prefix;
};

std::string field_of(const std::string& prefix, std::string_view field) {
    return prefix + std::string(field);
}

// Checks an attendance input and applies it to a (a new record when creating), recording
// each fault under prefix + field.
void apply_attendee_input(Connection& c, Checks& checks, const std::string& prefix,
                          const Setting& s, const AttendeeInput& in, Attendee& a, bool creating) {
    const auto field = [&](std::string_view f) { return field_of(prefix, f); };
    const std::size_t errors_before = checks.errors().size();
    if (!creating && in.person_id && *in.person_id != a.person_id)
        checks.fail(field("person_id"),
                    "An attendance record stays with its person: archive it and add one for the "
                    "other person");
    if (auto capacity = checks.choice(field("capacity"), "Capacity", in.capacity,
                                      k_attendance_capacities, Required::No))
        a.capacity = *capacity;
    if (auto status = checks.choice(field("status"), "Status", in.status, k_attendance_statuses,
                                    Required::No))
        a.status = *status;
    else if (creating && !in.status)
        a.status = "present";
    checks.text(field("note"), "the note", in.note, Required::No, k_note, Lines::Many);
    if (in.note) a.note = trimmed(in.note);
    if (in.substitute_for_person_id) {
        if (in.substitute_for_person_id->empty()) {
            a.substitute_for_person_id.reset();
        } else {
            person_field(c, checks, field("substitute_for_person_id"), "The member substituted for",
                         in.substitute_for_person_id);
            if (!checks.failed(field("substitute_for_person_id")))
                a.substitute_for_person_id = *in.substitute_for_person_id;
        }
    }
    if (checks.errors().size() != errors_before) return;

    const std::string name = person_name(c, a.person_id);
    const auto role = s.role_of(a.person_id);
    const bool member = s.is_member(a.person_id);
    const std::string not_a_member = fmt::format(
        "{} is not a member of {} on {}: record them as a substitute, an officer or "
        "a guest",
        name, s.body_name, s.date_words);
    if (a.capacity.empty()) {
        // A new record's capacity, when not given: a member's is member.
        if (!member) {
            checks.fail(field("capacity"), not_a_member);
            return;
        }
        a.capacity = "member";
    }
    if (a.capacity != "substitute" && a.substitute_for_person_id) {
        if (in.substitute_for_person_id && !in.substitute_for_person_id->empty())
            checks.fail(field("substitute_for_person_id"),
                        fmt::format("Only a substitute stands in for a member: record {} as a "
                                    "substitute, or leave substitute_for_person_id out",
                                    name));
        else
            a.substitute_for_person_id.reset();  // no longer a substitute
    }
    if (a.capacity == "member" && !member) {
        if (role == "substitute")
            checks.fail(field("capacity"),
                        fmt::format("{} is a substitute on {}, not a member: record them as a "
                                    "substitute, naming the member they stand in for",
                                    name, s.body_name));
        else if (role == "officer")
            checks.fail(field("capacity"),
                        fmt::format("{} attends {} as an officer, not a member: record them as "
                                    "an officer",
                                    name, s.body_name));
        else
            checks.fail(field("capacity"), not_a_member);
    }
    if (a.capacity == "substitute") {
        if (member) {
            checks.fail(field("capacity"),
                        fmt::format("{} is a member of {}: record them as a member, not a "
                                    "substitute",
                                    name, s.body_name));
        } else if (!a.substitute_for_person_id) {
            checks.fail(
                field("substitute_for_person_id"),
                fmt::format("Enter the member of {} that {} stands in for", s.body_name, name));
        } else if (*a.substitute_for_person_id == a.person_id) {
            checks.fail(field("substitute_for_person_id"),
                        "A substitute stands in for another member, not for themselves");
        } else if (!s.is_member(*a.substitute_for_person_id)) {
            checks.fail(
                field("substitute_for_person_id"),
                fmt::format("{} is not a member of {} on {}: a substitute stands in for "
                            "one of its members",
                            person_name(c, a.substitute_for_person_id), s.body_name, s.date_words));
        }
    }
}

// Plans one row: checks its person, finds the stored record for them at the meeting, and
// applies the input to it (or to a new record). nullopt when the person is not usable.
std::optional<Planned> plan_row(Connection& c, Checks& checks, const std::string& prefix,
                                const Setting& s, const AttendeeInput& in) {
    const std::string field = field_of(prefix, "person_id");
    if (!in.person_id || in.person_id->empty()) {
        checks.fail(field, "Enter the person whose attendance this is");
        return std::nullopt;
    }
    person_field(c, checks, field, "Person", in.person_id);
    if (checks.failed(field)) return std::nullopt;
    Planned p;
    p.prefix = prefix;
    auto stored = repo::attendees().where(c, "a.meeting_id = ? AND a.person_id = ?",
                                          {s.meeting.id, *in.person_id});
    const bool live = !stored.empty() && !stored.front().archived_at;
    if (!stored.empty()) p.before = stored.front();
    if (live) {
        p.after = *p.before;
    } else {
        p.after.meeting_id = s.meeting.id;
        p.after.body_id = s.meeting.body_id;
        p.after.unit_path = s.meeting.unit_path;
        p.after.person_id = *in.person_id;
    }
    apply_attendee_input(c, checks, prefix, s, in, p.after, !live);
    return p;
}

// The rules between rows: a member with a substitute present is not present as a member, and
// each member has one substitute at most. Faults are recorded on the rows being written.
void check_together(Connection& c, Checks& checks, const Setting& s,
                    const std::vector<Planned>& written) {
    struct Row {
        const Attendee* a;
        const Planned* planned;  // nullptr for a stored row this write leaves alone
    };
    std::vector<Row> rows;
    const auto stored = repo::list_attendees(c, s.meeting.id);
    for (const auto& a : stored) {
        const bool replaced = std::any_of(written.begin(), written.end(), [&](const Planned& p) {
            return p.after.person_id == a.person_id;
        });
        if (!replaced) rows.push_back({&a, nullptr});
    }
    for (const auto& p : written) rows.push_back({&p.after, &p});
    const auto present_substitute_for = [](const Attendee& a, const std::string& member) {
        return a.capacity == "substitute" && a.status == "present" &&
               a.substitute_for_person_id == member;
    };
    for (const auto& sub : rows) {
        if (sub.a->capacity != "substitute" || sub.a->status != "present" ||
            !sub.a->substitute_for_person_id)
            continue;
        const std::string& member = *sub.a->substitute_for_person_id;
        const std::string sub_name = person_name(c, sub.a->person_id);
        const std::string member_name = person_name(c, member);
        for (const auto& other : rows) {
            if (other.a == sub.a) continue;
            if (other.a->person_id == member && other.a->status == "present" &&
                other.a->capacity == "member") {
                if (sub.planned)
                    checks.fail(field_of(sub.planned->prefix, "substitute_for_person_id"),
                                fmt::format("{} is recorded as present: a substitute stands in "
                                            "only for a member who is absent or sent apologies",
                                            member_name));
                else if (other.planned)
                    checks.fail(field_of(other.planned->prefix, "status"),
                                fmt::format("{} stands in for {} at this meeting: change {}'s "
                                            "record before recording {} as present",
                                            sub_name, member_name, sub_name, member_name));
            }
            // Two substitutes for one member: the later-written one is at fault.
            if (present_substitute_for(*other.a, member) && sub.planned &&
                (!other.planned || other.planned < sub.planned))
                checks.fail(field_of(sub.planned->prefix, "substitute_for_person_id"),
                            fmt::format("{} already stands in for {} at this meeting: a member "
                                        "has one substitute",
                                        person_name(c, other.a->person_id), member_name));
        }
    }
}

// Writes the planned rows: new records created, archived ones restored, live ones changed
// (each audited; a row that changes nothing writes nothing).
Result<std::vector<Attendee>> write_rows(Connection& c, const Context& ctx,
                                         const std::vector<Planned>& rows) {
    std::vector<Attendee> out;
    for (const auto& p : rows) {
        if (!p.before) {
            out.push_back(insert_record(c, ctx, k_attendee, repo::attendees(), p.after));
            continue;
        }
        const bool restoring = p.before->archived_at.has_value();
        CIVIC_TRY(auto changed,
                  change_record(c, ctx, k_attendee, p.before->id, p.before->version,
                                restoring ? "restore" : "update", [&](Attendee& r) -> Result<void> {
                                    r.capacity = p.after.capacity;
                                    r.status = p.after.status;
                                    r.substitute_for_person_id = p.after.substitute_for_person_id;
                                    r.note = p.after.note;
                                    r.archived_at.reset();
                                    return ok();
                                }));
        out.push_back(std::move(changed));
    }
    return out;
}

Error no_item() {
    return Error::not_found("There is no agenda item with this id that you can change.");
}

// Checks a declaration's fields and applies them to d; on a create, also that the person
// attended the meeting or sits on the body that day, and has not declared on the item yet.
void apply_declaration_input(Connection& c, Checks& checks, const Setting& s,
                             const DeclarationInput& in, Declaration& d, bool creating) {
    if (creating) {
        if (!in.person_id || in.person_id->empty())
            checks.fail("person_id", "Enter the person declaring the interest");
        else
            person_field(c, checks, "person_id", "Person", in.person_id);
        if (!checks.failed("person_id") && in.person_id) d.person_id = *in.person_id;
    } else if (in.person_id && *in.person_id != d.person_id) {
        checks.fail("person_id",
                    "A declaration stays with the person who made it: archive it and record "
                    "the other person's");
    }
    if (auto kind = checks.choice("kind", "Kind of interest", in.kind, k_declaration_kinds,
                                  creating ? Required::Yes : Required::No))
        d.kind = *kind;
    checks.text("nature", "the nature of the interest", in.nature,
                required_when(creating, in.nature), k_nature, Lines::Many);
    if (in.nature && !checks.failed("nature")) d.nature = trimmed(in.nature);
    checks.text("action", "what the member did", in.action, Required::No, k_action);
    if (in.action) d.action = trimmed(in.action);
    if (!creating || d.person_id.empty()) return;

    const std::string name = person_name(c, d.person_id);
    const auto attended = repo::attendees().where(
        c, "a.meeting_id = ? AND a.person_id = ? AND a.archived_at IS NULL AND a.status = ?",
        {s.meeting.id, d.person_id, std::string("present")});
    if (attended.empty() && !s.roles.contains(d.person_id)) {
        checks.fail("person_id",
                    fmt::format("{} neither attended this meeting nor sits on {} on {}: record "
                                "their attendance first",
                                name, s.body_name, s.date_words));
        return;
    }
    const auto declared = repo::declarations().where(
        c, "d.item_id = ? AND d.person_id = ? AND d.archived_at IS NULL", {d.item_id, d.person_id});
    if (!declared.empty())
        checks.fail("person_id",
                    fmt::format("{} has already declared an interest in this item: change that "
                                "declaration instead",
                                name));
}

}  // namespace

// ---- the agenda as one page

Result<Agenda> GovernanceService::agenda(const Context& ctx, const std::string& meeting_id) {
    return m_db.read([&](Connection& c) -> Result<Agenda> {
        CIVIC_TRY(auto m, readable_meeting(c, ctx, meeting_id));
        const auto body = repo::find_body(c, m.body_id);
        if (!body)
            return std::unexpected(
                Error::not_found("There is no meeting with this id that you can see."));
        const auto rules = rules_on(c, ctx);
        const Date today_date = today(ctx);
        Agenda a;
        a.meeting = meeting_view(c, ctx, *body, m, rules);
        for (const auto& at : repo::list_attendees(c, m.id))
            a.attendance.push_back(attendee_view(c, at));
        a.members = members_of(c, m.body_id, m.date);
        const auto previous = repo::previous_meeting(c, m);
        if (previous && readable_meeting(c, ctx, previous->id)) a.previous = previous;
        if (auto next = repo::next_meeting(c, m); next && readable_meeting(c, ctx, next->id))
            a.next = next;
        // Before publication, a reader who may not see the agenda yet gets the meeting alone.
        if (!may_read_agenda(c, ctx.principal, *body, m)) return a;

        const auto items = repo::list_items(c, m.id);
        for (const auto& item : items)
            a.items.push_back(
                item_view(c, m, item, entitled_to_exempt(c, ctx.principal, m, &item)));

        // The decisions made at it, in the order of the items that made them.
        const auto item_of = [&](const std::optional<std::string>& id) -> const AgendaItem* {
            if (!id) return nullptr;
            auto it = std::find_if(items.begin(), items.end(),
                                   [&](const AgendaItem& i) { return i.id == *id; });
            return it == items.end() ? nullptr : &*it;
        };
        repo::DecisionFilter decided;
        decided.meeting_id = m.id;
        auto decisions = repo::list_decisions(c, decided);
        std::stable_sort(decisions.begin(), decisions.end(),
                         [&](const Decision& x, const Decision& y) {
                             const auto* ix = item_of(x.item_id);
                             const auto* iy = item_of(y.item_id);
                             constexpr auto last = std::numeric_limits<std::int64_t>::max();
                             const auto nx = ix ? ix->number : last;
                             const auto ny = iy ? iy->number : last;
                             return nx != ny ? nx < ny : x.created_at < y.created_at;
                         });
        for (const auto& d : decisions)
            a.decisions.push_back(decision_view(
                c, rules, d, entitled_to_exempt(c, ctx.principal, m, item_of(d.item_id))));

        // The actions it agreed, as the caller may see them (one agreed on an exempt item is
        // hidden from those not entitled), and its action log, by the action log's own rules.
        repo::ActionFilter of_meeting;
        of_meeting.meeting_id = m.id;
        for (const auto& action : repo::list_actions(c, of_meeting)) {
            if (!may_see_action(c, ctx.principal, action)) continue;
            auto v = action_view(c, action, today_date);
            v.carried = "new";
            a.actions.push_back(std::move(v));
        }
        a.action_log = action_log_of(c, ctx, m);
        a.corrections = repo::list_corrections(c, m.id);
        return a;
    });
}

// ---- attendance

Result<std::vector<AttendeeView>> GovernanceService::list_attendees(const Context& ctx,
                                                                    const std::string& meeting_id) {
    return m_db.read([&](Connection& c) -> Result<std::vector<AttendeeView>> {
        CIVIC_TRY(auto m, readable_meeting(c, ctx, meeting_id));
        std::vector<AttendeeView> out;
        for (const auto& a : repo::list_attendees(c, m.id)) out.push_back(attendee_view(c, a));
        return out;
    });
}

Result<Attendee> GovernanceService::get_attendee(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<Attendee> {
        const auto missing =
            Error::not_found("There is no attendance record with this id that you can see.");
        auto a = repo::find_attendee(c, id);
        if (!a || !readable_meeting(c, ctx, a->meeting_id) ||
            (a->archived_at && !covers(ctx.principal, a->unit_path, Access::Read)))
            return std::unexpected(missing);
        return *a;
    });
}

Result<Attendee> GovernanceService::add_attendee(const Context& ctx, const AttendeeInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Attendee> {
        CIVIC_TRY(auto m, changeable_meeting(c, ctx, in.meeting_id.value_or("")));
        CIVIC_CHECK(open_for_record(m));
        const Setting s(c, m);
        Checks checks;
        auto planned = plan_row(c, checks, "", s, in);
        if (planned && planned->before && !planned->before->archived_at) {
            return std::unexpected(Error::validation(
                "person_id", fmt::format("{} is already on this meeting's attendance: change "
                                         "that record instead",
                                         person_name(c, planned->after.person_id))));
        }
        CIVIC_CHECK(checks.result());
        const std::vector<Planned> rows{*planned};
        check_together(c, checks, s, rows);
        CIVIC_CHECK(checks.result());
        CIVIC_TRY(auto written, write_rows(c, ctx, rows));
        return written.front();
    });
}

Result<Attendee> GovernanceService::update_attendee(const Context& ctx, const std::string& id,
                                                    const AttendeeInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_attendee, id, version, "update", [&](Attendee& a) -> Result<void> {
                if (a.archived_at)
                    return std::unexpected(Error::conflict(
                        "This attendance record is archived: add the person's attendance again "
                        "instead."));
                CIVIC_TRY(auto m, changeable_meeting(c, ctx, a.meeting_id));
                CIVIC_CHECK(open_for_record(m));
                const Setting s(c, m);
                Checks checks;
                if (in.meeting_id)
                    checks.fail("meeting_id", "An attendance record stays with its meeting");
                apply_attendee_input(c, checks, "", s, in, a, false);
                CIVIC_CHECK(checks.result());
                check_together(c, checks, s, {Planned{a, a, ""}});
                return checks.result();
            });
    });
}

Result<Attendee> GovernanceService::archive_attendee(const Context& ctx, const std::string& id,
                                                     std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_attendee, id, version,
                              [&](const Attendee& a) -> Result<void> {
                                  auto m = repo::find_meeting(c, a.meeting_id);
                                  if (m && m->minutes_status == "approved")
                                      return open_for_record(*m);
                                  return ok();
                              });
    });
}

Result<std::vector<AttendeeView>> GovernanceService::take_register(
    const Context& ctx, const std::string& meeting_id, const std::vector<AttendeeInput>& rows) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<std::vector<AttendeeView>> {
        CIVIC_TRY(auto m, changeable_meeting(c, ctx, meeting_id));
        CIVIC_CHECK(open_for_record(m));
        if (rows.empty())
            return std::unexpected(Error::validation(
                "rows", "Give at least one row of the register: a person and their status"));
        const Setting s(c, m);
        Checks checks;
        std::vector<Planned> planned;
        std::map<std::string, std::size_t> first_row;  // person → the row that names them
        for (std::size_t n = 0; n < rows.size(); ++n) {
            const std::string prefix = fmt::format("rows[{}].", n);
            if (rows[n].person_id && !rows[n].person_id->empty()) {
                auto [it, added] = first_row.emplace(*rows[n].person_id, n);
                if (!added) {
                    checks.fail(prefix + "person_id",
                                fmt::format("{} is in the register twice, at rows[{}] and "
                                            "rows[{}]: give each person once",
                                            person_name(c, rows[n].person_id), it->second, n));
                    continue;
                }
            }
            if (auto p = plan_row(c, checks, prefix, s, rows[n])) planned.push_back(std::move(*p));
        }
        CIVIC_CHECK(checks.result());
        check_together(c, checks, s, planned);
        CIVIC_CHECK(checks.result());
        CIVIC_CHECK(write_rows(c, ctx, planned));
        std::vector<AttendeeView> out;
        for (const auto& a : repo::list_attendees(c, m.id)) out.push_back(attendee_view(c, a));
        return out;
    });
}

// ---- declarations of interest

Result<Declaration> GovernanceService::get_declaration(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<Declaration> {
        const auto missing =
            Error::not_found("There is no declaration of interest with this id that you can see.");
        auto d = repo::find_declaration(c, id);
        if (!d) return std::unexpected(missing);
        auto m = readable_meeting(c, ctx, d->meeting_id);
        auto body = m ? repo::find_body(c, m->body_id) : std::nullopt;
        if (!body || !may_read_agenda(c, ctx.principal, *body, *m) ||
            (d->archived_at && !covers(ctx.principal, d->unit_path, Access::Read)))
            return std::unexpected(missing);
        return *d;
    });
}

Result<Declaration> GovernanceService::add_declaration(const Context& ctx,
                                                       const DeclarationInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Declaration> {
        if (!in.item_id || in.item_id->empty())
            return std::unexpected(
                Error::validation("item_id", "Enter the agenda item the interest is declared in"));
        auto item =
            named_record(is_id(*in.item_id) ? repo::find_item(c, *in.item_id) : std::nullopt,
                         [&](const AgendaItem& i) { return may_change(ctx.principal, i); });
        if (!item) return std::unexpected(no_item());
        CIVIC_TRY(auto m, changeable_meeting(c, ctx, item->meeting_id));
        CIVIC_CHECK(open_for_record(m));
        const Setting s(c, m);
        Declaration d;
        d.meeting_id = m.id;
        d.item_id = item->id;
        d.body_id = item->body_id;
        d.unit_path = item->unit_path;
        Checks checks;
        apply_declaration_input(c, checks, s, in, d, true);
        CIVIC_CHECK(checks.result());
        return insert_record(c, ctx, k_declaration, repo::declarations(), std::move(d));
    });
}

Result<Declaration> GovernanceService::update_declaration(const Context& ctx, const std::string& id,
                                                          const DeclarationInput& in,
                                                          std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_declaration, id, version, "update", [&](Declaration& d) -> Result<void> {
                if (d.archived_at)
                    return std::unexpected(Error::conflict(
                        "This declaration of interest is archived: record it again instead."));
                CIVIC_TRY(auto m, changeable_meeting(c, ctx, d.meeting_id));
                CIVIC_CHECK(open_for_record(m));
                Checks checks;
                if (in.item_id && *in.item_id != d.item_id)
                    checks.fail("item_id",
                                "A declaration stays with its item: archive it and record one "
                                "on the other item");
                apply_declaration_input(c, checks, Setting(c, m), in, d, false);
                return checks.result();
            });
    });
}

Result<Declaration> GovernanceService::archive_declaration(const Context& ctx,
                                                           const std::string& id,
                                                           std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_declaration, id, version,
                              [&](const Declaration& d) -> Result<void> {
                                  auto m = repo::find_meeting(c, d.meeting_id);
                                  if (m && m->minutes_status == "approved")
                                      return open_for_record(*m);
                                  return ok();
                              });
    });
}

}  // namespace civic::governance
