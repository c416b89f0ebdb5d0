// SPDX-License-Identifier: AGPL-3.0-or-later
// The forward plan of key decisions and the scrutiny work programme.
//
// A forward plan entry is a decision an executive body means to take, on a date or at a
// meeting. Each is shown with its notice worked out: 28 clear days on the published plan
// before the decision (SI 2012/2089 regulation 9), or the general exception (regulation 10) or
// special urgency (regulation 11) recorded. A key decision whose notice was short cannot be
// marked taken until one of the two is recorded. The forward plan of a public body is
// published, so anyone may read it; an entry exempt under Schedule 12A shows its title and the
// public notice of its exemption in place of its summary to those not entitled (administrators,
// the body's editors and members, and its lead member and officer).
//
// A scrutiny panel's work programme is a list of topics, each with its lead members (members
// of the panel when they are named) and the panel's meetings it comes to.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_reference = 50;
constexpr std::size_t k_title = 300;
constexpr std::size_t k_long_text = 20000;
constexpr std::size_t k_max_list = 50;

std::string long_date(const std::string& iso) {
    const auto d = parse_iso_date(iso);
    return d ? format_long_date(*d) : iso;
}

std::string body_name(Connection& c, const std::string& body_id) {
    auto u = org::repo::find_unit(c, body_id);
    return u ? u->name : "";
}

// ---- the forward plan

// The day the decision is to be taken: its meeting's date when it names one, else planned_on.
std::optional<Date> decision_date(Connection& c, const ForwardPlanEntry& e) {
    if (e.meeting_id)
        if (auto m = repo::find_meeting(c, *e.meeting_id); m && !m->archived_at)
            return parse_iso_date(m->date);
    if (e.planned_on) return parse_iso_date(*e.planned_on);
    return std::nullopt;
}

Deadline notice_of(Connection& c, const DeadlineRules& rules, const ForwardPlanEntry& e) {
    const auto day = decision_date(c, e);
    if (!day) {
        Deadline d;
        d.name = "forward_plan";
        d.label = "Key decision on the forward plan";
        d.source =
            "The Local Authorities (Executive Arrangements) (Meetings and Access to Information) "
            "(England) Regulations 2012, regulation 9";
        d.state = "due";
        d.lines.push_back("No date is set for the decision, so its notice cannot be counted.");
        return d;
    }
    std::optional<Date> published;
    if (e.first_published_on) published = parse_iso_date(*e.first_published_on);
    auto d = forward_plan_notice(rules, *day, published, e.exception, e.exception_reason);
    if (!e.key_decision)
        d.lines.push_back(
            "This is not a key decision: regulation 9 does not require the notice, which is "
            "shown as good practice.");
    return d;
}

// Whether the caller may see an exempt entry's summary.
bool entitled_to_entry(Connection& c, const Principal& who, const ForwardPlanEntry& e,
                       const std::string& on) {
    if (!who.signed_in()) return false;
    if (who.is_administrator() || covers(who, e.unit_path, Access::Write)) return true;
    if (who.person_id && (e.lead_member_id == who.person_id || e.lead_officer_id == who.person_id))
        return true;
    return is_member(c, who, e.body_id, on);
}

bool may_read_entry(Connection& c, const Principal& who, const ForwardPlanEntry& e,
                    const std::string& on) {
    if (e.archived_at && !covers(who, e.unit_path, Access::Read)) return false;
    auto b = repo::find_body(c, e.body_id);
    return b && may_read_body(c, who, *b, on);
}

EntryView entry_view(Connection& c, const Context& ctx, const DeadlineRules& rules,
                     const ForwardPlanEntry& e) {
    EntryView v;
    v.entry = e;
    v.body_name = body_name(c, e.body_id);
    v.lead_member_name = person_name(c, e.lead_member_id);
    v.lead_officer_name = person_name(c, e.lead_officer_id);
    v.notice = notice_of(c, rules, e);
    if (e.exempt_paragraph &&
        !entitled_to_entry(c, ctx.principal, e, format_iso_date(rules.today))) {
        // What councils publish of an exempt entry: its title, and the notice in place of the
        // summary.
        v.redacted = true;
        v.entry.summary = exempt_notice(*e.exempt_paragraph);
        v.entry.exempt_reason.clear();
    }
    return v;
}

// A body a forward plan entry may name: live, executive, and one whose forward plan the
// caller may change.
std::optional<Body> executive_body(Connection& c, const Context& ctx, const std::string& id) {
    return named_record(is_id(id) ? repo::find_body(c, id) : std::nullopt,
                        [&](const Body& b) { return b.executive && may_change(ctx.principal, b); });
}

// The fields of an entry a create sets and a change may change, checked and applied to e.
void apply_entry_input(Connection& c, const Context& ctx, Checks& checks, const EntryInput& in,
                       ForwardPlanEntry& e, bool creating) {
    if (in.body_id || creating) {
        if (trimmed(in.body_id).empty()) {
            checks.fail("body_id", "Enter the executive body that takes the decision");
        } else if (auto b = executive_body(c, ctx, trimmed(in.body_id))) {
            e.body_id = b->id;
            e.unit_path = b->unit_path;
        } else {
            checks.fail("body_id",
                        "Body must be an executive body (the cabinet, or a body marked executive) "
                        "whose forward plan you can change");
        }
    }
    checks.text("reference", "the reference", in.reference, required_when(creating, in.reference),
                k_reference);
    if (in.reference && !checks.failed("reference")) e.reference = trimmed(in.reference);
    checks.text("title", "the title", in.title, required_when(creating, in.title), k_title);
    if (in.title && !checks.failed("title")) e.title = trimmed(in.title);
    checks.text("summary", "the summary", in.summary, Required::No, k_long_text, Lines::Many);
    if (in.summary && !checks.failed("summary")) e.summary = trimmed(in.summary);
    checks.text("decision_maker", "who takes the decision", in.decision_maker,
                required_when(creating, in.decision_maker), k_title);
    if (in.decision_maker && !checks.failed("decision_maker"))
        e.decision_maker = trimmed(in.decision_maker);

    const auto person = [&](std::string_view field, std::string_view label,
                            const std::optional<std::string>& v, std::optional<std::string>& to) {
        if (!v) return;
        if (trimmed(v).empty()) {
            to.reset();
            return;
        }
        person_field(c, checks, field, label, v);
        if (!checks.failed(field)) to = trimmed(v);
    };
    person("lead_member_id", "Lead member", in.lead_member_id, e.lead_member_id);
    person("lead_officer_id", "Lead officer", in.lead_officer_id, e.lead_officer_id);

    if (auto d = date_field(checks, "planned_on", "Planned on", in.planned_on)) e.planned_on = *d;
    if (in.meeting_id) {
        if (trimmed(in.meeting_id).empty()) {
            e.meeting_id.reset();
        } else {
            auto m = named_record(is_id(trimmed(in.meeting_id))
                                      ? repo::find_meeting(c, trimmed(in.meeting_id))
                                      : std::nullopt,
                                  [](const Meeting&) { return true; });
            if (!m || checks.failed("body_id") || m->body_id != e.body_id)
                checks.fail("meeting_id",
                            "Meeting must be a meeting of the body that takes the decision");
            else
                e.meeting_id = m->id;
        }
    } else if (in.body_id && e.meeting_id && !checks.failed("body_id")) {
        // A move to another body leaves the old body's meeting behind.
        auto m = repo::find_meeting(c, *e.meeting_id);
        if (m && m->body_id != e.body_id)
            checks.fail("meeting_id",
                        "Meeting must be a meeting of the body that takes the decision: name one "
                        "of the new body's meetings, or none");
    }
    if (!checks.failed("planned_on") && !checks.failed("meeting_id")) {
        if (!e.planned_on && !e.meeting_id) {
            checks.fail("planned_on",
                        "Enter when the decision is to be taken: the date (planned_on), or the "
                        "meeting that takes it (meeting_id)");
        } else if (e.planned_on && e.meeting_id && (in.planned_on || in.meeting_id)) {
            // Checked when either is set: a meeting moved since leaves planned_on behind, and
            // the meeting's date wins.
            auto m = repo::find_meeting(c, *e.meeting_id);
            if (m && m->date != *e.planned_on)
                checks.fail("planned_on",
                            fmt::format("Planned on must be the date of the meeting that takes the "
                                        "decision, {}, or left blank",
                                        long_date(m->date)));
        }
    }
    if (auto d =
            date_field(checks, "first_published_on", "First published on", in.first_published_on))
        e.first_published_on = *d;
    if (in.key_decision) e.key_decision = *in.key_decision;

    // The reason may be stored already: it is required of the entry, not of this request.
    exempt_fields(checks, in.exempt_paragraph, in.exempt_reason, false);
    if (in.exempt_paragraph && !checks.failed("exempt_paragraph")) {
        e.exempt_paragraph = *in.exempt_paragraph;
        if (!e.exempt_paragraph) e.exempt_reason.clear();
    }
    if (in.exempt_reason && !checks.failed("exempt_reason"))
        e.exempt_reason = trimmed(in.exempt_reason);
    if (e.exempt_paragraph && e.exempt_reason.empty() && !checks.failed("exempt_paragraph") &&
        !checks.failed("exempt_reason"))
        checks.fail("exempt_reason",
                    "Enter the public-interest reason: why the public interest in keeping the "
                    "information exempt outweighs the public interest in disclosing it");

    // The exception: general exception or special urgency, or none ("").
    if (in.exception) {
        if (trimmed(in.exception).empty()) {
            e.exception.clear();
        } else if (auto x = checks.choice("exception", "Exception", in.exception,
                                          k_forward_plan_exceptions, Required::No)) {
            e.exception = *x;
        }
    }
    checks.text("exception_reason", "the reason for the exception", in.exception_reason,
                Required::No, k_long_text, Lines::Many);
    if (in.exception_reason && !checks.failed("exception_reason"))
        e.exception_reason = trimmed(in.exception_reason);
    checks.text("scrutiny_chair", "the chair of the scrutiny committee", in.scrutiny_chair,
                Required::No, k_title);
    if (in.scrutiny_chair && !checks.failed("scrutiny_chair"))
        e.scrutiny_chair = trimmed(in.scrutiny_chair);
    if (auto d = date_field(checks, "scrutiny_chair_on", "The date the scrutiny chair was told",
                            in.scrutiny_chair_on))
        e.scrutiny_chair_on = *d;
    if (!checks.failed("exception")) {
        if (e.exception.empty()) {
            // Without an exception there is nothing to give a reason for.
            if (in.exception_reason && !trimmed(in.exception_reason).empty())
                checks.fail("exception_reason",
                            "Choose the exception (general_exception or special_urgency) the "
                            "reason is for");
        } else {
            if (e.exception_reason.empty() && !checks.failed("exception_reason"))
                checks.fail("exception_reason",
                            e.exception == "general_exception"
                                ? "Enter why the decision cannot wait for 28 clear days' notice "
                                  "(the general exception's notice must say so)"
                                : "Enter why the decision is urgent and cannot reasonably be "
                                  "deferred");
            if (e.exception == "special_urgency") {
                if (e.scrutiny_chair.empty() && !checks.failed("scrutiny_chair"))
                    checks.fail("scrutiny_chair",
                                "Enter the chair of the scrutiny committee who agreed that the "
                                "decision is urgent and cannot reasonably be deferred");
                if (!e.scrutiny_chair_on && !checks.failed("scrutiny_chair_on"))
                    checks.fail("scrutiny_chair_on",
                                "Enter the date the chair of the scrutiny committee agreed, as "
                                "YYYY-MM-DD");
            }
        }
    }

    if (auto s =
            checks.choice("status", "Status", in.status, k_forward_plan_statuses, Required::No))
        e.status = *s;
    if (in.decision_id) {
        if (trimmed(in.decision_id).empty()) {
            e.decision_id.reset();
        } else {
            auto d = named_record(is_id(trimmed(in.decision_id))
                                      ? repo::find_decision(c, trimmed(in.decision_id))
                                      : std::nullopt,
                                  [&](const Decision& r) { return may_change(ctx.principal, r); });
            if (!d)
                checks.fail("decision_id", "Decision must be a decision in the register");
            else
                e.decision_id = d->id;
        }
    }
    if (checks.failed("status")) return;
    if (e.decision_id && e.status != "taken" && !checks.failed("decision_id"))
        checks.fail("decision_id",
                    "Only a decision that is taken has a decision: set the status to taken, or "
                    "leave decision_id blank");

    // A key decision is taken only with 28 clear days' notice, or under an exception.
    if (e.status == "taken" && e.key_decision && e.exception.empty() && !checks.any()) {
        const auto notice = notice_of(c, rules_on(c, ctx), e);
        if (notice.state != "met" && !notice.due.empty()) {
            const std::string last = long_date(notice.due);
            checks.fail(
                "exception",
                e.first_published_on
                    ? fmt::format("This key decision was first on the forward plan on {}, after "
                                  "{}, the last day for {} clear days' notice: record the general "
                                  "exception or special urgency before marking it taken",
                                  long_date(*e.first_published_on), last,
                                  repo::settings(c).forward_plan_clear_days)
                    : fmt::format(
                          "This key decision has not been on the forward plan, and the last "
                          "day for {} clear days' notice was {}: record the general "
                          "exception or special urgency before marking it taken",
                          repo::settings(c).forward_plan_clear_days, last));
        }
    }
}

// Another entry's reference is this one's: 409, naming the field.
Result<void> unique_reference(Connection& c, const ForwardPlanEntry& e) {
    auto other = repo::find_entry_by_reference(c, e.reference);
    if (!other || other->id == e.id) return ok();
    return std::unexpected(Error{
        ErrorKind::Conflict,
        fmt::format("There is already a forward plan entry with the reference {}: give this "
                    "one a reference of its own.",
                    e.reference),
        {{"reference",
          fmt::format("The reference {} is already used by \"{}\"", e.reference, other->title)}}});
}

// ---- the work programme

TopicView topic_view(Connection& c, const Topic& t) {
    TopicView v;
    v.topic = t;
    for (const auto& p : t.lead_member_ids) v.lead_member_names.push_back(person_name(c, p));
    for (const auto& id : t.meeting_ids)
        if (auto m = repo::find_meeting(c, id); m && !m->archived_at) v.meetings.push_back(*m);
    std::stable_sort(v.meetings.begin(), v.meetings.end(), [](const Meeting& x, const Meeting& y) {
        return std::tie(x.date, x.start_time) < std::tie(y.date, y.start_time);
    });
    return v;
}

// The fields of a topic a create sets and a change may change, checked and applied to t.
void apply_topic_input(Connection& c, const Context& ctx, Checks& checks, const TopicInput& in,
                       Topic& t, bool creating) {
    checks.text("title", "the topic's title", in.title, required_when(creating, in.title), k_title);
    if (in.title && !checks.failed("title")) t.title = trimmed(in.title);
    checks.text("description", "the description", in.description, Required::No, k_long_text,
                Lines::Many);
    if (in.description && !checks.failed("description")) t.description = trimmed(in.description);
    if (auto s = checks.choice("status", "Status", in.status, k_topic_statuses, Required::No))
        t.status = *s;

    if (in.lead_member_ids) {
        const std::string on = format_iso_date(today(ctx));
        std::set<std::string> members;
        for (const auto& m : repo::members_on(c, t.body_id, on)) members.insert(m.person_id);
        std::vector<std::string> ids;
        std::vector<std::string> not_people, not_members;
        for (const auto& raw : *in.lead_member_ids) {
            const std::string id(trim(raw));
            if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
            auto p = is_id(id) ? org::repo::find_person(c, id) : std::nullopt;
            if (!p || p->archived_at)
                not_people.push_back(id);
            else if (!members.contains(id))
                not_members.push_back(p->name);
            ids.push_back(id);
        }
        if (ids.size() > k_max_list)
            checks.fail("lead_member_ids",
                        fmt::format("A topic can have at most {} lead members", k_max_list));
        else if (!not_people.empty())
            checks.fail(
                "lead_member_ids",
                fmt::format("Each lead member must be a person in the organisation "
                            "register: {} {} not",
                            fmt::join(not_people, ", "), not_people.size() == 1 ? "is" : "are"));
        else if (!not_members.empty())
            checks.fail("lead_member_ids",
                        fmt::format("Lead members must be members of the panel today ({}): {} {} "
                                    "not",
                                    long_date(on), fmt::join(not_members, ", "),
                                    not_members.size() == 1 ? "is" : "are"));
        else
            t.lead_member_ids = std::move(ids);
    }

    if (in.meeting_ids) {
        std::vector<Meeting> meetings;
        std::vector<std::string> wrong;
        for (const auto& raw : *in.meeting_ids) {
            const std::string id(trim(raw));
            if (std::any_of(meetings.begin(), meetings.end(),
                            [&](const Meeting& m) { return m.id == id; }))
                continue;
            auto m = is_id(id) ? repo::find_meeting(c, id) : std::nullopt;
            if (!m || m->archived_at || m->body_id != t.body_id)
                wrong.push_back(id);
            else
                meetings.push_back(*m);
        }
        if (meetings.size() > k_max_list)
            checks.fail("meeting_ids",
                        fmt::format("A topic can come to at most {} meetings", k_max_list));
        else if (!wrong.empty())
            checks.fail("meeting_ids",
                        fmt::format("Each meeting must be a meeting of this panel: {} {} not",
                                    fmt::join(wrong, ", "), wrong.size() == 1 ? "is" : "are"));
        else {
            // Kept in date order, as the programme reads.
            std::stable_sort(
                meetings.begin(), meetings.end(), [](const Meeting& x, const Meeting& y) {
                    return std::tie(x.date, x.start_time) < std::tie(y.date, y.start_time);
                });
            t.meeting_ids.clear();
            for (const auto& m : meetings) t.meeting_ids.push_back(m.id);
        }
    }
}

}  // namespace

// ---- the forward plan

Result<std::vector<EntryView>> GovernanceService::list_entries(const Context& ctx,
                                                               const EntryQuery& q) {
    return m_db.read([&](Connection& c) -> Result<std::vector<EntryView>> {
        Checks checks;
        checks.choice("status", "Status", q.status, k_forward_plan_statuses, Required::No);
        CIVIC_CHECK(checks.result());
        const auto rules = rules_on(c, ctx);
        const std::string on = format_iso_date(rules.today);
        repo::EntryFilter f;
        f.body_id = q.body_id.value_or("");
        f.status = q.status.value_or("");
        f.include_archived = q.include_archived;
        std::vector<EntryView> out;
        for (const auto& e : repo::list_entries(c, f))
            if (may_read_entry(c, ctx.principal, e, on))
                out.push_back(entry_view(c, ctx, rules, e));
        return out;
    });
}

Result<EntryView> GovernanceService::get_entry(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<EntryView> {
        const auto rules = rules_on(c, ctx);
        auto e = repo::find_entry(c, id);
        if (!e || !may_read_entry(c, ctx.principal, *e, format_iso_date(rules.today)))
            return std::unexpected(
                Error::not_found("There is no forward plan entry with this id that you can see."));
        return entry_view(c, ctx, rules, *e);
    });
}

Result<ForwardPlanEntry> GovernanceService::create_entry(const Context& ctx, const EntryInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<ForwardPlanEntry> {
        Checks checks;
        ForwardPlanEntry e;
        apply_entry_input(c, ctx, checks, in, e, true);
        CIVIC_CHECK(checks.result());
        CIVIC_CHECK(unique_reference(c, e));
        return insert_record(c, ctx, k_entry, repo::forward_plan(), std::move(e));
    });
}

Result<ForwardPlanEntry> GovernanceService::update_entry(const Context& ctx, const std::string& id,
                                                         const EntryInput& in,
                                                         std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_entry, id, version, "update",
                             [&](ForwardPlanEntry& e) -> Result<void> {
                                 Checks checks;
                                 apply_entry_input(c, ctx, checks, in, e, false);
                                 CIVIC_CHECK(checks.result());
                                 return unique_reference(c, e);
                             });
    });
}

Result<ForwardPlanEntry> GovernanceService::archive_entry(const Context& ctx, const std::string& id,
                                                          std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write(
        [&](Connection& c) { return archive_record(c, ctx, k_entry, id, version, no_objection); });
}

// ---- the work programme

Result<std::vector<TopicView>> GovernanceService::list_topics(const Context& ctx,
                                                              const std::string& body_id) {
    return m_db.read([&](Connection& c) -> Result<std::vector<TopicView>> {
        CIVIC_TRY(const auto body, readable_body(c, ctx, body_id));
        std::vector<TopicView> out;
        for (const auto& t : repo::list_topics(c, body.id, false)) out.push_back(topic_view(c, t));
        return out;
    });
}

Result<TopicView> GovernanceService::get_topic(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<TopicView> {
        auto t = repo::find_topic(c, id);
        const auto none = [] {
            return std::unexpected(Error::not_found(
                "There is no work programme topic with this id that you can see."));
        };
        if (!t || (t->archived_at && !covers(ctx.principal, t->unit_path, Access::Read)))
            return none();
        auto b = repo::find_body(c, t->body_id);
        if (!b || !may_read_body(c, ctx.principal, *b, format_iso_date(today(ctx)))) return none();
        return topic_view(c, *t);
    });
}

Result<Topic> GovernanceService::create_topic(const Context& ctx, const TopicInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Topic> {
        CIVIC_TRY(const auto body, changeable_body(c, ctx, in.body_id.value_or("")));
        Checks checks;
        if (body.kind != "scrutiny")
            checks.fail("body_id",
                        fmt::format("A work programme is a scrutiny panel's, and this body is of "
                                    "the kind {}",
                                    body.kind));
        Topic t;
        t.body_id = body.id;
        t.unit_path = body.unit_path;
        apply_topic_input(c, ctx, checks, in, t, true);
        CIVIC_CHECK(checks.result());
        return insert_record(c, ctx, k_topic, repo::topics(), std::move(t));
    });
}

Result<Topic> GovernanceService::update_topic(const Context& ctx, const std::string& id,
                                              const TopicInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(c, ctx, k_topic, id, version, "update", [&](Topic& t) -> Result<void> {
            Checks checks;
            if (in.body_id && trimmed(in.body_id) != t.body_id)
                checks.fail("body_id",
                            "A topic stays on its panel's work programme: archive it and add it "
                            "to the other panel's instead");
            apply_topic_input(c, ctx, checks, in, t, false);
            return checks.result();
        });
    });
}

Result<Topic> GovernanceService::archive_topic(const Context& ctx, const std::string& id,
                                               std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write(
        [&](Connection& c) { return archive_record(c, ctx, k_topic, id, version, no_objection); });
}

}  // namespace civic::governance
