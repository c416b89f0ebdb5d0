// SPDX-License-Identifier: AGPL-3.0-or-later
// The decisions register: each resolution of a meeting (named by its agenda item) and each
// decision taken outside a meeting (an individual executive member's, named by its body),
// with its decision maker, dates, reasons and options considered; call-in of executive
// decisions within the window the council's constitution sets; and the register as CSV.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "civic/core/csv.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_title = 300;
constexpr std::size_t k_long_text = 100000;

// "Wednesday 31 December 2025" for 2025-12-31.
std::string long_date(const std::string& iso) {
    const auto d = parse_iso_date(iso);
    return d ? format_long_date(*d) : iso;
}

Error no_decision() {
    return Error::not_found("There is no decision with this id that you can see.");
}

// The answer to a change of a decision that is part of approved minutes.
Error locked(const Meeting& m) {
    return Error::conflict(fmt::format(
        "The minutes of the meeting on {} are approved, and this decision is part of them: it "
        "cannot be changed. Record a correction beside the minutes instead: POST "
        "/api/v1/meetings/{}/minutes/corrections.",
        long_date(m.date), m.id));
}

// Whether the caller may see a decision's exempt reasons: as for its item when it was taken
// at a meeting; otherwise administrators, the body's clerks and its members on the day.
bool entitled_to(Connection& c, const Principal& who, const Decision& d) {
    if (d.item_id) {
        const auto item = repo::find_item(c, *d.item_id);
        const auto m = item ? repo::find_meeting(c, item->meeting_id) : std::nullopt;
        if (m) return entitled_to_exempt(c, who, *m, &*item);
    }
    if (!who.signed_in()) return false;
    if (who.is_administrator() || covers(who, d.unit_path, Access::Write)) return true;
    return is_member(c, who, d.body_id, d.decided_on);
}

// Whether the caller may read a decision: one taken at a meeting as the meeting's agenda,
// one outside a meeting as its body; an archived one only those whose role covers it.
bool readable(Connection& c, const Principal& who, const Decision& d) {
    if (d.archived_at && !covers(who, d.unit_path, Access::Read)) return false;
    const auto b = repo::find_body(c, d.body_id);
    if (!b) return false;
    if (d.meeting_id) {
        const auto m = repo::find_meeting(c, *d.meeting_id);
        return m && may_read_agenda(c, who, *b, *m);
    }
    return may_read_body(c, who, *b, d.decided_on);
}

// The fields of a decision a create sets and a change may change, checked and applied to d.
void apply_decision_input(Connection& c, Checks& checks, const DecisionInput& in, Decision& d,
                          bool creating) {
    checks.text("decision_maker", "the decision maker", in.decision_maker,
                in.decision_maker ? Required::Yes : Required::No, k_title);
    if (in.decision_maker && !checks.failed("decision_maker"))
        d.decision_maker = trimmed(in.decision_maker);
    checks.text("title", "the title", in.title,
                required_when(creating && d.title.empty(), in.title), k_title);
    if (in.title && !checks.failed("title")) d.title = trimmed(in.title);
    checks.text("text", "the resolution", in.text, required_when(creating, in.text), k_long_text,
                Lines::Many);
    if (in.text && !checks.failed("text")) d.text = trimmed(in.text);
    checks.text("reasons", "the reasons", in.reasons, Required::No, k_long_text, Lines::Many);
    if (in.reasons) d.reasons = trimmed(in.reasons);
    checks.text("options_considered", "the options considered", in.options_considered, Required::No,
                k_long_text, Lines::Many);
    if (in.options_considered) d.options_considered = trimmed(in.options_considered);
    if (in.key_decision) d.key_decision = *in.key_decision;
    if (in.executive) d.executive = *in.executive;

    if (auto on = date_field(checks, "decided_on", "The date of the decision", in.decided_on)) {
        if (*on)
            d.decided_on = **on;
        else
            checks.fail("decided_on", "Enter the date the decision was taken, as YYYY-MM-DD");
    }
    if (d.decided_on.empty() && !checks.failed("decided_on"))
        checks.fail("decided_on", "Enter the date the decision was taken, as YYYY-MM-DD");
    if (auto on = date_field(checks, "published_on", "The date the decision was published",
                             in.published_on))
        d.published_on = *on;
    if (d.published_on && !d.decided_on.empty() && *d.published_on < d.decided_on &&
        !checks.failed("published_on") && !checks.failed("decided_on"))
        checks.fail("published_on",
                    fmt::format("The decision cannot be published before it was taken, on {}",
                                long_date(d.decided_on)));

    if (in.exempt_paragraph) {
        exempt_fields(checks, in.exempt_paragraph, std::nullopt, false);
        if (!checks.failed("exempt_paragraph")) d.exempt_paragraph = *in.exempt_paragraph;
    }
    if (in.forward_plan_id) {
        const std::string id = trimmed(in.forward_plan_id);
        if (id.empty()) {
            d.forward_plan_id.reset();
        } else {
            auto entry = is_id(id) ? repo::find_entry(c, id) : std::nullopt;
            if (!entry || entry->archived_at)
                checks.fail("forward_plan_id",
                            "Forward plan entry must be an entry on the forward plan");
            else
                d.forward_plan_id = entry->id;
        }
    }
}

// The fields of a decision that are part of the minutes, which approval locks.
bool minuted_fields_differ(const Decision& a, const Decision& b) {
    return a.title != b.title || a.text != b.text || a.reasons != b.reasons ||
           a.options_considered != b.options_considered || a.decision_maker != b.decision_maker ||
           a.decided_on != b.decided_on || a.exempt_paragraph != b.exempt_paragraph;
}

// The meeting a decision was taken at, when it was, and its minutes are approved.
std::optional<Meeting> approved_meeting(Connection& c, const Decision& d) {
    if (!d.meeting_id) return std::nullopt;
    auto m = repo::find_meeting(c, *d.meeting_id);
    if (m && m->minutes_status == "approved") return m;
    return std::nullopt;
}

// The list's filter from the query, its dates checked.
Result<repo::DecisionFilter> filter_of(const DecisionQuery& q) {
    Checks checks;
    const auto from = date_field(checks, "from", "From", q.from);
    const auto to = date_field(checks, "to", "To", q.to);
    CIVIC_CHECK(checks.result());
    repo::DecisionFilter f;
    f.body_id = q.body_id.value_or("");
    f.meeting_id = q.meeting_id.value_or("");
    f.from = from && *from ? **from : "";
    f.to = to && *to ? **to : "";
    f.key_decision = q.key_decision;
    f.call_in_status = q.call_in_status.value_or("");
    f.after = q.cursor.value_or("");
    return f;
}

}  // namespace

Result<Page<DecisionView>> GovernanceService::list_decisions(const Context& ctx,
                                                             const DecisionQuery& q) {
    return m_db.read([&](Connection& c) -> Result<Page<DecisionView>> {
        CIVIC_TRY(auto f, filter_of(q));
        auto page = filtered_page<Decision>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_decisions(c, f);
            },
            [&](const Decision& d) { return readable(c, ctx.principal, d); });
        const auto rules = rules_on(c, ctx);
        Page<DecisionView> out;
        out.next_cursor = page.next_cursor;
        for (const auto& d : page.items)
            out.items.push_back(decision_view(c, rules, d, entitled_to(c, ctx.principal, d)));
        return out;
    });
}

Result<DecisionView> GovernanceService::get_decision(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<DecisionView> {
        const auto d = repo::find_decision(c, id);
        if (!d || !readable(c, ctx.principal, *d)) return std::unexpected(no_decision());
        return decision_view(c, rules_on(c, ctx), *d, entitled_to(c, ctx.principal, *d));
    });
}

Result<Decision> GovernanceService::create_decision(const Context& ctx, const DecisionInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Decision> {
        Checks checks;
        std::optional<AgendaItem> item;
        std::optional<Meeting> meeting;
        std::optional<Body> body;
        const std::string item_id = trimmed(in.item_id);
        const std::string body_id = trimmed(in.body_id);
        if (!item_id.empty()) {
            item = named_record(is_id(item_id) ? repo::find_item(c, item_id) : std::nullopt,
                                [&](const AgendaItem& i) { return may_change(ctx.principal, i); });
            if (item) meeting = repo::find_meeting(c, item->meeting_id);
            if (!item || !meeting || meeting->archived_at) {
                checks.fail("item_id",
                            "Item must be an agenda item of a meeting whose minutes you can write");
                item.reset();
                meeting.reset();
            } else {
                body = repo::find_body(c, item->body_id);
                if (!body_id.empty() && body_id != item->body_id)
                    checks.fail("body_id",
                                "A decision at a meeting is the decision of the meeting's body: "
                                "leave out body_id, or give the item's body");
                if (meeting->status == "cancelled")
                    checks.fail("item_id",
                                fmt::format("The meeting on {} was cancelled: no decision was "
                                            "taken at it",
                                            long_date(meeting->date)));
            }
        } else if (!body_id.empty()) {
            body = named_record(is_id(body_id) ? repo::find_body(c, body_id) : std::nullopt,
                                [&](const Body& b) { return may_change(ctx.principal, b); });
            if (!body) checks.fail("body_id", "Body must be a body whose decisions you can record");
        } else {
            checks.fail("item_id",
                        "Enter the agenda item the decision was taken under (item_id), or, for a "
                        "decision taken outside a meeting, the body it was taken under (body_id)");
        }
        if (meeting && meeting->minutes_status == "approved")
            return std::unexpected(locked(*meeting));

        Decision d;
        if (body) {
            d.body_id = body->id;
            d.unit_path = body->unit_path;
            d.executive = body->executive;
            if (auto u = org::repo::find_unit(c, body->id)) d.decision_maker = u->name;
        }
        if (item && meeting) {
            d.meeting_id = meeting->id;
            d.item_id = item->id;
            d.decided_on = meeting->date;
            d.title = item->title;
            d.key_decision = item->key_decision;
            d.exempt_paragraph = item->exempt_paragraph;
            d.forward_plan_id = item->forward_plan_id;
        }
        if (in.forward_plan_id && !in.key_decision && !trimmed(in.forward_plan_id).empty())
            if (auto e = is_id(*in.forward_plan_id) ? repo::find_entry(c, *in.forward_plan_id)
                                                    : std::nullopt)
                d.key_decision = e->key_decision;
        apply_decision_input(c, checks, in, d, true);
        CIVIC_CHECK(checks.result());
        auto made = insert_record(c, ctx, k_decision, repo::decisions(), std::move(d));
        // A resolution is part of the meeting's minutes: the first makes them a draft.
        if (meeting && meeting->minutes_status == "none") {
            auto drafted = change_record(c, ctx, k_meeting, meeting->id, meeting->version, "update",
                                         [](Meeting& m) -> Result<void> {
                                             m.minutes_status = "draft";
                                             return ok();
                                         });
            if (!drafted) return std::unexpected(drafted.error());
        }
        return made;
    });
}

Result<Decision> GovernanceService::update_decision(const Context& ctx, const std::string& id,
                                                    const DecisionInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_decision, id, version, "update", [&](Decision& d) -> Result<void> {
                if (d.archived_at)
                    return std::unexpected(
                        Error::conflict("This decision is archived: it cannot be changed."));
                const Decision before = d;
                Checks checks;
                if (in.item_id && trimmed(in.item_id) != d.item_id.value_or(""))
                    checks.fail("item_id",
                                "A decision stays with the item it was taken under: archive it "
                                "and record it under the other item instead");
                if (in.body_id && trimmed(in.body_id) != d.body_id)
                    checks.fail("body_id",
                                "A decision stays with its body: archive it and record it under "
                                "the other body instead");
                apply_decision_input(c, checks, in, d, false);
                if (auto m = approved_meeting(c, before); m && minuted_fields_differ(before, d))
                    return std::unexpected(locked(*m));
                return checks.result();
            });
    });
}

Result<Decision> GovernanceService::archive_decision(const Context& ctx, const std::string& id,
                                                     std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return archive_record(c, ctx, k_decision, id, version,
                              [&](const Decision& d) -> Result<void> {
                                  if (auto m = approved_meeting(c, d))
                                      return std::unexpected(locked(*m));
                                  return ok();
                              });
    });
}

Result<Decision> GovernanceService::call_in(const Context& ctx, const std::string& id,
                                            const CallInInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) {
        return change_record(
            c, ctx, k_decision, id, version, "call_in", [&](Decision& d) -> Result<void> {
                if (d.archived_at)
                    return std::unexpected(
                        Error::conflict("This decision is archived: it cannot be called in."));
                Checks checks;
                const auto status =
                    checks.choice("status", "Status", in.status, k_call_in_statuses, Required::Yes);
                std::optional<std::string> on;
                if (auto v = date_field(checks, "on", "The date", in.on)) on = *v;
                CIVIC_CHECK(checks.result());
                const std::string today_text = format_iso_date(today(ctx));
                if (on && *on > today_text)
                    return std::unexpected(Error::validation(
                        "on", fmt::format("The date cannot be after today, {}: record what has "
                                          "happened",
                                          long_date(today_text))));

                if (*status == "called_in") {
                    if (!d.executive)
                        return std::unexpected(Error::conflict(
                            "Only an executive decision can be called in, and this one is not."));
                    if (!d.call_in_status.empty())
                        return std::unexpected(Error::conflict(fmt::format(
                            "This decision was called in on {}; it can be called in only once.",
                            long_date(d.called_in_on.value_or("")))));
                    checks.text("by", "who called it in", in.by, Required::Yes, k_title);
                    checks.text("reason", "the reason for the call-in", in.reason, Required::Yes,
                                k_long_text, Lines::Many);
                    CIVIC_CHECK(checks.result());
                    const std::string published = d.published_on.value_or(d.decided_on);
                    const std::string day = on.value_or(today_text);
                    const auto window =
                        call_in_window(rules_on(c, ctx), parse_iso_date(published).value());
                    if (day > window.due)
                        return std::unexpected(Error::conflict(fmt::format(
                            "The call-in period has ended: the last day to call this decision in "
                            "was {}, and it can be implemented from {}.",
                            long_date(window.due), long_date(window.then.value_or("")))));
                    if (day < published)
                        return std::unexpected(Error::validation(
                            "on",
                            fmt::format("A decision cannot be called in before it is published, "
                                        "on {}",
                                        long_date(published))));
                    d.call_in_status = "called_in";
                    d.called_in_on = day;
                    d.called_in_by = trimmed(in.by);
                    d.call_in_reason = trimmed(in.reason);
                    d.call_in_decided_on.reset();
                    return ok();
                }
                // Upheld or referred back: the outcome of a call-in.
                if (d.call_in_status != "called_in")
                    return std::unexpected(Error::conflict(
                        d.call_in_status.empty()
                            ? std::string("This decision has not been called in: it can be upheld "
                                          "or referred back only after it is.")
                            : fmt::format("The call-in was already decided ({}) on {}.",
                                          d.call_in_status == "upheld" ? "upheld" : "referred back",
                                          long_date(d.call_in_decided_on.value_or("")))));
                if (in.by)
                    checks.fail("by",
                                "Who called the decision in is recorded with the call-in; "
                                "leave it out here");
                if (in.reason)
                    checks.fail("reason",
                                "The reason is recorded with the call-in; leave it out "
                                "here");
                if (!on)
                    checks.fail("on", "Enter the date the call-in was decided, as YYYY-MM-DD");
                else if (d.called_in_on && *on < *d.called_in_on)
                    checks.fail("on", fmt::format("The call-in was decided before it was made, on "
                                                  "{}",
                                                  long_date(*d.called_in_on)));
                CIVIC_CHECK(checks.result());
                d.call_in_status = *status;
                d.call_in_decided_on = on;
                return ok();
            });
    });
}

Result<std::string> GovernanceService::decisions_csv(const Context& ctx, const DecisionQuery& q) {
    return m_db.read([&](Connection& c) -> Result<std::string> {
        CIVIC_TRY(auto f, filter_of(q));
        f.after.clear();
        f.limit = 0;
        const auto rules = rules_on(c, ctx);
        // A UTF-8 byte-order mark, so that Excel reads the file as UTF-8.
        std::string out = "\xEF\xBB\xBF";
        const auto row = [&out](const std::vector<std::string>& fields) {
            for (std::size_t n = 0; n < fields.size(); ++n) {
                if (n) out += ',';
                append_csv_field(out, spreadsheet_safe(fields[n]));
            }
            out += "\r\n";
        };
        row({"id", "decided_on", "published_on", "body", "decision_maker", "title", "resolution",
             "reasons", "options_considered", "key_decision", "executive", "exempt_paragraph",
             "call_in_last_day", "can_be_implemented_from", "call_in_status", "meeting_date",
             "item_number"});
        std::map<std::string, std::optional<Meeting>> meetings;
        for (const auto& d : repo::list_decisions(c, f)) {
            if (!readable(c, ctx.principal, d)) continue;
            const auto v = decision_view(c, rules, d, entitled_to(c, ctx.principal, d));
            std::string meeting_date, item_number;
            if (d.meeting_id) {
                auto it = meetings.find(*d.meeting_id);
                if (it == meetings.end())
                    it =
                        meetings.emplace(*d.meeting_id, repo::find_meeting(c, *d.meeting_id)).first;
                if (it->second) meeting_date = it->second->date;
            }
            if (d.item_id)
                if (auto i = repo::find_item(c, *d.item_id))
                    item_number = std::to_string(i->number);
            row({d.id, d.decided_on, d.published_on.value_or(""), v.body_name, d.decision_maker,
                 d.title, d.text, v.decision.reasons, v.decision.options_considered,
                 d.key_decision ? "yes" : "no", d.executive ? "yes" : "no",
                 d.exempt_paragraph ? std::to_string(*d.exempt_paragraph) : "",
                 v.call_in ? v.call_in->due : "", v.call_in ? v.call_in->then.value_or("") : "",
                 d.call_in_status, meeting_date, item_number});
        }
        return out;
    });
}

}  // namespace civic::governance
