// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/views.hpp"

#include <boost/json.hpp>

#include "civic/modules/kit/links.hpp"

namespace civic::governance {
namespace json = boost::json;

namespace {
json::value opt(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}
json::array strings(const std::vector<std::string>& items) {
    json::array a;
    for (const auto& i : items) a.push_back(json::value(i));
    return a;
}
template <typename T>
json::array all(const std::vector<T>& items) {
    json::array a;
    for (const auto& i : items) a.push_back(to_json(i));
    return a;
}
json::value meeting_or_null(const std::optional<Meeting>& m) {
    return m ? json::value(governance::to_json(*m)) : json::value(nullptr);
}
}  // namespace

json::object to_json(const MemberView& m) {
    return {{"person_id", m.person_id},     {"name", m.name},
            {"person_kind", m.person_kind}, {"role", m.role},
            {"role_text", m.role_text},     {"start_date", opt(m.start_date)},
            {"end_date", opt(m.end_date)}};
}

json::object to_json(const BodyView& b) {
    auto o = governance::to_json(b.body);
    o["name"] = b.name;
    o["description"] = b.description;
    o["parent_id"] = opt(b.parent_id);
    o["members"] = all(b.members);
    return o;
}

json::object to_json(const GenerationResult& g) {
    return {{"created", all(g.created)},
            {"existing", strings(g.existing)},
            {"on_holidays", strings(g.on_holidays)}};
}

json::object to_json(const Quorum& q) {
    return {{"required", q.required ? json::value(*q.required) : json::value(nullptr)},
            {"present", q.present},
            {"met", q.met},
            {"sentence", q.sentence}};
}

json::object to_json(const MeetingView& m) {
    auto o = governance::to_json(m.meeting);
    o["body_name"] = m.body_name;
    o["body_kind"] = m.body_kind;
    o["body_access"] = m.body_access;
    o["published"] = m.published;
    o["deadlines"] = all(m.deadlines);
    o["quorum"] = to_json(m.quorum);
    o["can_edit"] = m.can_edit;
    o["sees_exempt"] = m.sees_exempt;
    return o;
}

json::object to_json(const AttendeeView& a) {
    auto o = governance::to_json(a.attendee);
    o["name"] = a.name;
    o["substitute_for_name"] = a.substitute_for_name;
    return o;
}

json::object to_json(const ItemView& i) {
    auto o = governance::to_json(i.item);
    o["exempt"] = i.exempt;
    o["redacted"] = i.redacted;
    o["exempt_notice"] = i.exempt_notice;
    o["exempt_wording"] = i.exempt_wording;
    o["presenter_names"] = strings(i.presenter_names);
    o["documents"] = all(i.documents);
    json::array decl;
    for (std::size_t n = 0; n < i.declarations.size(); ++n) {
        auto d = governance::to_json(i.declarations[n]);
        d["name"] = n < i.declaration_names.size() ? i.declaration_names[n] : "";
        decl.push_back(std::move(d));
    }
    o["declarations"] = std::move(decl);
    json::array links;
    for (const auto& l : i.links) links.push_back(kit::to_json(l));
    o["links"] = std::move(links);
    return o;
}

json::object to_json(const DecisionView& d) {
    auto o = governance::to_json(d.decision);
    o["body_name"] = d.body_name;
    o["redacted"] = d.redacted;
    o["call_in"] = d.call_in ? json::value(to_json(*d.call_in)) : json::value(nullptr);
    return o;
}

json::object to_json(const ActionView& a) {
    auto o = governance::to_json(a.action);
    o["owner"] = a.owner;
    o["body_name"] = a.body_name;
    o["meeting_date"] = a.meeting_date;
    o["overdue"] = a.overdue;
    o["carried"] = a.carried;
    return o;
}

json::object to_json(const EntryView& e) {
    auto o = governance::to_json(e.entry);
    o["body_name"] = e.body_name;
    o["lead_member_name"] = e.lead_member_name;
    o["lead_officer_name"] = e.lead_officer_name;
    o["redacted"] = e.redacted;
    o["notice"] = to_json(e.notice);
    return o;
}

json::object to_json(const TopicView& t) {
    auto o = governance::to_json(t.topic);
    o["lead_member_names"] = strings(t.lead_member_names);
    o["meetings"] = all(t.meetings);
    return o;
}

json::object to_json(const Agenda& a) {
    return {{"meeting", to_json(a.meeting)},
            {"items", all(a.items)},
            {"attendance", all(a.attendance)},
            {"members", all(a.members)},
            {"action_log", all(a.action_log)},
            {"decisions", all(a.decisions)},
            {"actions", all(a.actions)},
            {"corrections", all(a.corrections)},
            {"previous", meeting_or_null(a.previous)},
            {"next", meeting_or_null(a.next)}};
}

json::object to_json(const Minutes& m) {
    json::array items;
    for (const auto& i : m.items) {
        auto o = to_json(i.item);
        o["resolutions"] = all(i.resolutions);
        o["actions"] = all(i.actions);
        items.push_back(std::move(o));
    }
    return {{"meeting", to_json(m.meeting)},
            {"attendance", all(m.attendance)},
            {"items", std::move(items)},
            {"corrections", all(m.corrections)},
            {"approved_at", meeting_or_null(m.approved_at)}};
}

json::object to_json(const ModernGovSummary& s) {
    return {{"councillors_added", s.councillors_added},
            {"councillors_updated", s.councillors_updated},
            {"wards_added", s.wards_added},
            {"parties_added", s.parties_added},
            {"memberships_added", s.memberships_added},
            {"memberships_ended", s.memberships_ended}};
}

}  // namespace civic::governance
