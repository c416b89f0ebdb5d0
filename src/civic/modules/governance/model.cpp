// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/model.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/modules/kit/record_json.hpp"

namespace civic::governance {
namespace json = boost::json;

namespace {
using kit::opt;
using kit::stamp;
json::array list(const std::vector<std::string>& items) {
    json::array a;
    for (const auto& i : items) a.push_back(json::value(i));
    return a;
}
}  // namespace

std::string_view exempt_wording(std::int64_t paragraph) {
    if (paragraph < 1 || paragraph > static_cast<std::int64_t>(std::size(k_schedule_12a)))
        return {};
    return k_schedule_12a[paragraph - 1];
}

std::string exempt_notice(std::int64_t paragraph) {
    return fmt::format("Exempt under paragraph {} of Schedule 12A to the Local Government Act 1972",
                       paragraph);
}

json::object to_json(const Body& b) {
    json::object o{{"id", b.id},
                   {"kind", b.kind},
                   {"access", b.access},
                   {"executive", b.executive},
                   {"terms_of_reference", b.terms_of_reference},
                   {"quorum", opt(b.quorum)},
                   {"schedule_rrule", opt(b.schedule_rrule)},
                   {"schedule_first_date", opt(b.schedule_first_date)},
                   {"schedule_time", opt(b.schedule_time)},
                   {"duration_minutes", b.duration_minutes},
                   {"venue", b.venue},
                   {"online_url", b.online_url}};
    stamp(o, b);
    return o;
}

json::object to_json(const Meeting& m) {
    json::object o{{"id", m.id},
                   {"body_id", m.body_id},
                   {"title", m.title},
                   {"date", m.date},
                   {"start_time", m.start_time},
                   {"duration_minutes", m.duration_minutes},
                   {"venue", m.venue},
                   {"online_url", m.online_url},
                   {"status", m.status},
                   {"status_reason", m.status_reason},
                   {"schedule_date", opt(m.schedule_date)},
                   {"sequence", m.sequence},
                   {"published_at", opt(m.published_at)},
                   {"late_reason", m.late_reason},
                   {"private_notice_on", opt(m.private_notice_on)},
                   {"minutes_status", m.minutes_status},
                   {"minutes_approved_at_meeting_id", opt(m.minutes_approved_at_meeting_id)},
                   {"minutes_approved_on", opt(m.minutes_approved_on)}};
    stamp(o, m);
    return o;
}

json::object to_json(const Attendee& a) {
    json::object o{{"id", a.id},
                   {"meeting_id", a.meeting_id},
                   {"body_id", a.body_id},
                   {"person_id", a.person_id},
                   {"capacity", a.capacity},
                   {"status", a.status},
                   {"substitute_for_person_id", opt(a.substitute_for_person_id)},
                   {"note", a.note}};
    stamp(o, a);
    return o;
}

json::object to_json(const AgendaItem& i) {
    json::object o{{"id", i.id},
                   {"meeting_id", i.meeting_id},
                   {"body_id", i.body_id},
                   {"number", i.number},
                   {"standard", opt(i.standard)},
                   {"title", i.title},
                   {"purpose", i.purpose},
                   {"report_title", i.report_title},
                   {"report_author", i.report_author},
                   {"report_summary", i.report_summary},
                   {"recommendations", i.recommendations},
                   {"presenter_ids", list(i.presenter_ids)},
                   {"supplement", i.supplement},
                   {"exempt_paragraph", opt(i.exempt_paragraph)},
                   {"exempt_reason", i.exempt_reason},
                   {"key_decision", i.key_decision},
                   {"forward_plan_id", opt(i.forward_plan_id)},
                   {"topic_id", opt(i.topic_id)},
                   {"minutes_told", i.minutes_told},
                   {"minutes_questions", i.minutes_questions}};
    stamp(o, i);
    return o;
}

json::object to_json(const Document& d) {
    json::object o{{"id", d.id},
                   {"item_id", d.item_id},
                   {"meeting_id", d.meeting_id},
                   {"body_id", d.body_id},
                   {"position", d.position},
                   {"kind", d.kind},
                   {"title", d.title},
                   {"content", d.content},
                   {"url", d.url},
                   {"exempt_paragraph", opt(d.exempt_paragraph)},
                   {"exempt_reason", d.exempt_reason}};
    stamp(o, d);
    return o;
}

json::object to_json(const Declaration& d) {
    json::object o{{"id", d.id},           {"meeting_id", d.meeting_id}, {"item_id", d.item_id},
                   {"body_id", d.body_id}, {"person_id", d.person_id},   {"kind", d.kind},
                   {"nature", d.nature},   {"action", d.action}};
    stamp(o, d);
    return o;
}

json::object to_json(const Correction& c) {
    json::object o{{"id", c.id},
                   {"meeting_id", c.meeting_id},
                   {"item_id", opt(c.item_id)},
                   {"body_id", c.body_id},
                   {"text", c.text},
                   {"reason", c.reason},
                   {"agreed_at_meeting_id", opt(c.agreed_at_meeting_id)},
                   {"recorded_by", c.recorded_by}};
    stamp(o, c);
    return o;
}

json::object to_json(const Decision& d) {
    json::object o{{"id", d.id},
                   {"body_id", d.body_id},
                   {"decision_maker", d.decision_maker},
                   {"meeting_id", opt(d.meeting_id)},
                   {"item_id", opt(d.item_id)},
                   {"decided_on", d.decided_on},
                   {"published_on", opt(d.published_on)},
                   {"title", d.title},
                   {"text", d.text},
                   {"reasons", d.reasons},
                   {"options_considered", d.options_considered},
                   {"key_decision", d.key_decision},
                   {"executive", d.executive},
                   {"forward_plan_id", opt(d.forward_plan_id)},
                   {"exempt_paragraph", opt(d.exempt_paragraph)},
                   {"call_in_status", d.call_in_status},
                   {"called_in_on", opt(d.called_in_on)},
                   {"called_in_by", d.called_in_by},
                   {"call_in_reason", d.call_in_reason},
                   {"call_in_decided_on", opt(d.call_in_decided_on)}};
    stamp(o, d);
    return o;
}

json::object to_json(const Action& a) {
    json::object o{{"id", a.id},
                   {"body_id", a.body_id},
                   {"meeting_id", a.meeting_id},
                   {"item_id", opt(a.item_id)},
                   {"text", a.text},
                   {"owner_person_id", opt(a.owner_person_id)},
                   {"owner_name", a.owner_name},
                   {"due_date", opt(a.due_date)},
                   {"status", a.status},
                   {"closed_on", opt(a.closed_on)},
                   {"closed_note", a.closed_note}};
    stamp(o, a);
    return o;
}

json::object to_json(const ForwardPlanEntry& e) {
    json::object o{{"id", e.id},
                   {"body_id", e.body_id},
                   {"reference", e.reference},
                   {"title", e.title},
                   {"summary", e.summary},
                   {"decision_maker", e.decision_maker},
                   {"lead_member_id", opt(e.lead_member_id)},
                   {"lead_officer_id", opt(e.lead_officer_id)},
                   {"planned_on", opt(e.planned_on)},
                   {"meeting_id", opt(e.meeting_id)},
                   {"first_published_on", opt(e.first_published_on)},
                   {"key_decision", e.key_decision},
                   {"exempt_paragraph", opt(e.exempt_paragraph)},
                   {"exempt_reason", e.exempt_reason},
                   {"exception", e.exception},
                   {"exception_reason", e.exception_reason},
                   {"scrutiny_chair", e.scrutiny_chair},
                   {"scrutiny_chair_on", opt(e.scrutiny_chair_on)},
                   {"status", e.status},
                   {"decision_id", opt(e.decision_id)}};
    stamp(o, e);
    return o;
}

json::object to_json(const Topic& t) {
    json::object o{{"id", t.id},
                   {"body_id", t.body_id},
                   {"title", t.title},
                   {"description", t.description},
                   {"lead_member_ids", list(t.lead_member_ids)},
                   {"meeting_ids", list(t.meeting_ids)},
                   {"status", t.status}};
    stamp(o, t);
    return o;
}

json::object to_json(const Settings& s) {
    return {{"id", s.id},
            {"publication_clear_days", s.publication_clear_days},
            {"forward_plan_clear_days", s.forward_plan_clear_days},
            {"private_notice_clear_days", s.private_notice_clear_days},
            {"call_in_working_days", s.call_in_working_days},
            {"clear_days", s.clear_days},
            {"version", s.version},
            {"created_at", s.created_at},
            {"updated_at", s.updated_at}};
}

json::object to_json(const Deadline& d) {
    json::array lines;
    for (const auto& l : d.lines) lines.push_back(json::value(l));
    return {{"name", d.name},
            {"label", d.label},
            {"source", d.source},
            {"due", d.due},
            {"done_on", opt(d.done_on)},
            {"state", d.state},
            {"exception", d.exception},
            {"then", opt(d.then)},
            {"lines", std::move(lines)}};
}

}  // namespace civic::governance
