// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/service_support.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "civic/core/recurrence.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/calendar/service.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance::detail {
using store::Connection;

namespace {
Error not_found(std::string_view what) {
    return Error::not_found(fmt::format("There is no {} with this id that you can see.", what));
}
}  // namespace

// ---- who may read what

bool is_member(Connection& c, const Principal& who, const std::string& body_id,
               const std::string& date) {
    if (!who.signed_in() || !who.person_id) return false;
    const auto members = repo::members_on(c, body_id, date);
    return std::any_of(members.begin(), members.end(),
                       [&](const repo::Member& m) { return m.person_id == *who.person_id; });
}

bool may_read_body(Connection& c, const Principal& who, const Body& b, const std::string& on) {
    if (b.access == "public") return true;
    if (covers(who, b.unit_path, Access::Read)) return true;
    return is_member(c, who, b.id, on);
}

bool sees_unpublished(Connection& c, const Principal& who, const Meeting& m) {
    return covers(who, m.unit_path, Access::Read) || is_member(c, who, m.body_id, m.date);
}

bool may_read_agenda(Connection& c, const Principal& who, const Body& b, const Meeting& m) {
    if (b.access == "public" && m.published_at) return true;
    return sees_unpublished(c, who, m);
}

bool entitled_to_exempt(Connection& c, const Principal& who, const Meeting& m,
                        const AgendaItem* item) {
    if (!who.signed_in()) return false;
    if (who.is_administrator() || covers(who, m.unit_path, Access::Write)) return true;
    if (is_member(c, who, m.body_id, m.date)) return true;
    return item && who.person_id &&
           std::find(item->presenter_ids.begin(), item->presenter_ids.end(), *who.person_id) !=
               item->presenter_ids.end();
}

Result<Body> readable_body(Connection& c, const Context& ctx, const std::string& id) {
    auto b = repo::find_body(c, id);
    if (!b || !may_read_body(c, ctx.principal, *b, format_iso_date(today(ctx))))
        return std::unexpected(not_found("body"));
    return *b;
}

Result<Meeting> readable_meeting(Connection& c, const Context& ctx, const std::string& id) {
    auto m = repo::find_meeting(c, id);
    if (!m) return std::unexpected(not_found("meeting"));
    auto b = repo::find_body(c, m->body_id);
    if (!b || !(may_read_body(c, ctx.principal, *b, format_iso_date(today(ctx))) ||
                is_member(c, ctx.principal, b->id, m->date)))
        return std::unexpected(not_found("meeting"));
    return *m;
}

Result<Body> changeable_body(Connection& c, const Context& ctx, const std::string& id) {
    auto b = named_record(repo::find_body(c, id),
                          [&](const Body& r) { return may_change(ctx.principal, r); });
    if (!b)
        return std::unexpected(
            Error::not_found("There is no body with this id that you can change."));
    return *b;
}

Result<Meeting> changeable_meeting(Connection& c, const Context& ctx, const std::string& id) {
    auto m = named_record(repo::find_meeting(c, id),
                          [&](const Meeting& r) { return may_change(ctx.principal, r); });
    if (!m)
        return std::unexpected(
            Error::not_found("There is no meeting with this id that you can change."));
    return *m;
}

// ---- views

DeadlineRules rules_on(Connection& c, const Context& ctx) {
    return DeadlineRules{repo::settings(c), calendar::CalendarService::calendar_on(c), today(ctx)};
}

std::vector<Deadline> meeting_deadlines(Connection& c, const DeadlineRules& rules, const Body& body,
                                        const Meeting& m) {
    std::vector<Deadline> out;
    if (body.access != "public" || m.status == "cancelled") return out;
    const auto date = parse_iso_date(m.date);
    if (!date) return out;
    std::optional<Date> published;
    if (m.published_at) published = uk_date_of(*m.published_at);
    out.push_back(publication_deadline(rules, *date, published, m.late_reason));
    if (body.executive) {
        const auto items = repo::list_items(c, m.id);
        const bool private_part = std::any_of(items.begin(), items.end(), [](const AgendaItem& i) {
            return i.exempt_paragraph.has_value();
        });
        if (private_part) {
            std::optional<Date> notice;
            if (m.private_notice_on) notice = parse_iso_date(*m.private_notice_on);
            for (auto& d : private_meeting_notices(rules, *date, notice, published))
                out.push_back(std::move(d));
        }
    }
    return out;
}

Quorum quorum_of(Connection& c, const Body& body, const Meeting& m) {
    Quorum q;
    q.required = body.quorum;
    const auto attendees = repo::list_attendees(c, m.id);
    for (const auto& a : attendees)
        if (a.status == "present" && (a.capacity == "member" || a.capacity == "substitute"))
            ++q.present;
    if (attendees.empty()) {
        q.met = false;
        q.sentence = q.required ? fmt::format("Attendance has not been recorded; the quorum is {}.",
                                              *q.required)
                                : std::string("Attendance has not been recorded.");
        return q;
    }
    const std::string present =
        fmt::format("{} member{} present", q.present, q.present == 1 ? "" : "s");
    if (!q.required) {
        q.met = true;
        q.sentence = fmt::format("{}; the body sets no quorum.", Checks::capitalise(present));
    } else {
        q.met = q.present >= *q.required;
        q.sentence = fmt::format("{}: {}; the quorum is {}.", q.met ? "Quorate" : "Not quorate",
                                 present, *q.required);
    }
    return q;
}

MeetingView meeting_view(Connection& c, const Context& ctx, const Body& body, const Meeting& m,
                         const DeadlineRules& rules) {
    MeetingView v;
    v.meeting = m;
    if (auto u = org::repo::find_unit(c, body.id)) v.body_name = u->name;
    v.body_kind = body.kind;
    v.body_access = body.access;
    v.published = m.published_at.has_value();
    v.deadlines = meeting_deadlines(c, rules, body, m);
    v.quorum = quorum_of(c, body, m);
    v.can_edit = may_change(ctx.principal, m);
    v.sees_exempt = entitled_to_exempt(c, ctx.principal, m, nullptr);
    return v;
}

ItemView item_view(Connection& c, const Meeting& m, const AgendaItem& item, bool entitled) {
    (void)m;
    ItemView v;
    v.item = item;
    v.exempt = item.exempt_paragraph.has_value();
    if (v.exempt) {
        v.exempt_notice = exempt_notice(*item.exempt_paragraph);
        v.exempt_wording = std::string(exempt_wording(*item.exempt_paragraph));
    }
    v.redacted = v.exempt && !entitled;
    if (v.redacted) {
        v.item.purpose.clear();
        v.item.report_summary.clear();
        v.item.recommendations.clear();
        v.item.minutes_told.clear();
        v.item.minutes_questions.clear();
        v.item.exempt_reason.clear();
    }
    for (const auto& p : item.presenter_ids) v.presenter_names.push_back(person_name(c, p));
    for (auto& d : repo::documents().where(
             c, "d.item_id = ? AND d.archived_at IS NULL ORDER BY d.position, d.id", {item.id})) {
        if ((v.redacted || d.exempt_paragraph) && !entitled) continue;
        v.documents.push_back(std::move(d));
    }
    for (auto& d : repo::declarations().where(
             c, "d.item_id = ? AND d.archived_at IS NULL ORDER BY d.id", {item.id})) {
        v.declaration_names.push_back(person_name(c, d.person_id));
        v.declarations.push_back(std::move(d));
    }
    return v;
}

AttendeeView attendee_view(Connection& c, const Attendee& a) {
    return AttendeeView{a, person_name(c, a.person_id), person_name(c, a.substitute_for_person_id)};
}

DecisionView decision_view(Connection& c, const DeadlineRules& rules, const Decision& d,
                           bool entitled) {
    DecisionView v;
    v.decision = d;
    if (auto u = org::repo::find_unit(c, d.body_id)) v.body_name = u->name;
    v.redacted = d.exempt_paragraph.has_value() && !entitled;
    if (v.redacted) {
        v.decision.reasons.clear();
        v.decision.options_considered.clear();
    }
    if (d.executive) {
        const auto published = parse_iso_date(d.published_on ? *d.published_on : d.decided_on);
        if (published) v.call_in = call_in_window(rules, *published);
    }
    return v;
}

ActionView action_view(Connection& c, const Action& a, Date today_date) {
    ActionView v;
    v.action = a;
    v.owner = a.owner_person_id ? person_name(c, a.owner_person_id) : a.owner_name;
    if (v.owner.empty()) v.owner = a.owner_name;
    if (auto u = org::repo::find_unit(c, a.body_id)) v.body_name = u->name;
    if (auto m = repo::find_meeting(c, a.meeting_id)) v.meeting_date = m->date;
    v.overdue = a.status == "open" && a.due_date && *a.due_date < format_iso_date(today_date);
    return v;
}

std::vector<MemberView> members_of(Connection& c, const std::string& body_id,
                                   const std::string& date) {
    std::vector<MemberView> out;
    for (const auto& m : repo::members_on(c, body_id, date))
        out.push_back(MemberView{m.person_id, m.name, m.person_kind, member_role(m.role_text),
                                 m.role_text, m.start_date, m.end_date});
    return out;
}

std::string person_name(Connection& c, const std::optional<std::string>& id) {
    if (!id || id->empty()) return "";
    auto p = org::repo::find_person(c, *id);
    return p ? p->name : "";
}

std::string member_role(std::string_view role_text) {
    std::string r = lower_ascii(trim(role_text));
    std::replace(r.begin(), r.end(), '-', ' ');
    if (r == "chair" || r == "chairman" || r == "chairperson" || r == "chair of the panel")
        return "chair";
    if (r.starts_with("vice chair") || r.starts_with("deputy chair")) return "vice-chair";
    if (r.starts_with("substitute")) return "substitute";
    if (r.starts_with("co opted") || r.starts_with("coopted")) return "co-opted";
    if (r == "officer" || r == "secretary" || r.ends_with(" officer") ||
        r.starts_with("officer in attendance") || r == "clerk")
        return "officer";
    return "member";
}

void add_standard_items(Connection& c, const Context& ctx, const Meeting& m) {
    static constexpr std::string_view titles[] = {"Apologies for absence",
                                                  "Declarations of interest",
                                                  "Minutes of the previous meeting", "Action log"};
    static constexpr std::string_view purposes[] = {
        "To receive apologies for absence and to note any substitutes.",
        "Members to declare any interests in the business on this agenda.",
        "To approve the minutes of the previous meeting as a correct record.",
        "To review progress on the actions agreed at previous meetings."};
    for (std::size_t n = 0; n < std::size(k_standard_items); ++n) {
        AgendaItem item;
        item.meeting_id = m.id;
        item.body_id = m.body_id;
        item.unit_path = m.unit_path;
        item.number = static_cast<std::int64_t>(n + 1);
        item.standard = std::string(k_standard_items[n]);
        item.title = std::string(titles[n]);
        item.purpose = std::string(purposes[n]);
        insert_record(c, ctx, k_item, repo::agenda_items(), std::move(item));
    }
}

// ---- field checks

std::optional<std::string> time_field(Checks& checks, std::string_view field,
                                      std::string_view label, const std::optional<std::string>& v) {
    if (!v) return std::nullopt;
    const std::string t(trim(*v));
    const bool shape = t.size() == 5 && t[2] == ':' &&
                       std::isdigit(static_cast<unsigned char>(t[0])) &&
                       std::isdigit(static_cast<unsigned char>(t[1])) &&
                       std::isdigit(static_cast<unsigned char>(t[3])) &&
                       std::isdigit(static_cast<unsigned char>(t[4]));
    if (!shape || std::stoi(t.substr(0, 2)) > 23 || std::stoi(t.substr(3, 2)) > 59) {
        checks.fail(std::string(field),
                    fmt::format("{} must be a time of day written as HH:MM on the 24-hour clock, "
                                "for example 10:00 or 18:30",
                                label));
        return std::nullopt;
    }
    return t;
}

void exempt_fields(Checks& checks, const std::optional<std::optional<std::int64_t>>& paragraph,
                   const std::optional<std::string>& reason, bool reason_required) {
    if (paragraph && *paragraph && (**paragraph < 1 || **paragraph > 7))
        checks.fail("exempt_paragraph",
                    "Exempt paragraph must be a paragraph of Schedule 12A to the Local "
                    "Government Act 1972, from 1 to 7");
    checks.text("exempt_reason", "the public-interest reason", reason, Required::No, 2000,
                Lines::Many);
    if (reason_required && paragraph && *paragraph && trimmed(reason).empty() &&
        !checks.failed("exempt_paragraph"))
        checks.fail("exempt_reason",
                    "Enter the public-interest reason: why the public interest in keeping the "
                    "information exempt outweighs the public interest in disclosing it");
}

void person_field(Connection& c, Checks& checks, std::string_view field, std::string_view label,
                  const std::optional<std::string>& id) {
    if (!id || id->empty()) return;
    auto p = is_id(*id) ? org::repo::find_person(c, *id) : std::nullopt;
    if (!p || p->archived_at)
        checks.fail(std::string(field),
                    fmt::format("{} must be a person in the organisation register", label));
}

}  // namespace civic::governance::detail
