// SPDX-License-Identifier: AGPL-3.0-or-later
// The meeting calendar (a month at a time, grouped by day), a meeting's page (when and where,
// its status, the deadlines in law with how each was counted, the agenda item by item with
// its reports, documents, declarations, minutes, decisions and actions, attendance and
// quorum, and the action log carried to it), and a meeting's minutes as one document.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/governance/pages_support.hpp"

namespace civic::governance::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// "2026-12" → its first day; nullopt unless it is a month written YYYY-MM.
std::optional<Date> month_start(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    return parse_iso_date(std::string(text) + "-01");
}

std::string month_text(const Date& d) { return format_iso_date(d).substr(0, 7); }

std::string month_words(const Date& d) {
    return fmt::format("{} {}", month_name(unsigned(d.month())), int(d.year()));
}

// "Ann, Bob and Cy".
std::string names_text(const std::vector<std::string>& names) {
    std::vector<std::string> shown;
    for (const auto& n : names)
        if (!n.empty()) shown.push_back(n);
    std::string out;
    for (std::size_t i = 0; i < shown.size(); ++i)
        out += (i == 0 ? "" : i + 1 == shown.size() ? " and " : ", ") + shown[i];
    return out;
}

json::object attendee_row(const AttendeeView& a) {
    const Attendee& x = a.attendee;
    return json::object{{"name", a.name},
                        {"href", person_href(x.person_id)},
                        {"capacity", capacity_words(x.capacity)},
                        {"status", attendance_words(x.status)},
                        {"present", x.status == "present"},
                        {"substitute_for", a.substitute_for_name},
                        {"note", x.note}};
}

// What a reader sees of an item: its content, or for an exempt item they are not entitled
// to, the notice and nothing more.
json::object item_json(const ItemView& v, bool can_edit) {
    const AgendaItem& i = v.item;
    json::array documents;
    for (const auto& d : v.documents)
        documents.push_back(json::object{
            {"title", d.title},
            {"kind", capitalised(d.kind)},
            {"url", d.url},
            {"content_html", markdown(d.content, 5)},
            {"exempt", d.exempt_paragraph ? exempt_notice(*d.exempt_paragraph) : std::string()}});
    json::array declarations;
    for (std::size_t n = 0; n < v.declarations.size(); ++n) {
        const Declaration& d = v.declarations[n];
        declarations.push_back(json::object{
            {"name", n < v.declaration_names.size() ? v.declaration_names[n] : std::string()},
            {"kind", capitalised(d.kind)},
            {"nature", d.nature},
            {"action", d.action}});
    }
    json::object o{{"id", i.id},
                   {"anchor", fmt::format("item-{}", i.number)},
                   {"number", i.number},
                   {"title", i.title},
                   {"standard", i.standard.value_or("")},
                   {"supplement", i.supplement},
                   {"key_decision", i.key_decision},
                   {"exempt", v.exempt},
                   {"redacted", v.redacted},
                   {"notice", v.exempt_notice},
                   {"wording", v.exempt_wording},
                   {"exempt_reason", i.exempt_reason},
                   {"purpose", i.purpose},
                   {"report_title", i.report_title},
                   {"report_author", i.report_author},
                   {"summary_html", markdown(i.report_summary, 5)},
                   {"recommendations_html", markdown(i.recommendations, 5)},
                   {"has_report", !i.report_title.empty() || !i.report_summary.empty() ||
                                      !i.recommendations.empty() || !i.report_author.empty()},
                   {"presenters_text", names_text(v.presenter_names)},
                   {"has_presenters", !v.presenter_names.empty()},
                   {"documents", std::move(documents)},
                   {"has_documents", !v.documents.empty()},
                   {"declarations", std::move(declarations)},
                   {"has_declarations", !v.declarations.empty()},
                   {"told_html", markdown(i.minutes_told, 5)},
                   {"questions_html", markdown(i.minutes_questions, 5)},
                   {"has_minutes", !i.minutes_told.empty() || !i.minutes_questions.empty()},
                   {"label", fmt::format("item {}", i.number)}};
    if (can_edit) {
        o["edit_href"] = "/agenda-items/" + i.id + "/edit";
        o["minutes_href"] = "/agenda-items/" + i.id + "/minutes";
    }
    return o;
}

}  // namespace

// ---- The calendar ----

Response Pages::calendar(Request& r) const {
    const Context c = ctx(r);
    const std::string month_param(trim(r.query_param("month").value_or("")));
    const std::string body_id(trim(r.query_param("body_id").value_or("")));
    const auto bodies = body_choices(c, false);

    json::object view;
    view["bodies"] = choices(bodies, body_id);
    view["month"] = month_param;
    Error refused{ErrorKind::Validation, "", {}};
    std::optional<Date> start =
        month_param.empty()
            ? std::optional<Date>(make_date(int(today(c).year()), unsigned(today(c).month()), 1))
            : month_start(month_param);
    if (!start)
        refused.errors.push_back(
            {"month", "Enter the month as YYYY-MM, for example " + month_text(today(c))});
    if (!body_id.empty() && std::none_of(bodies.begin(), bodies.end(),
                                         [&](const auto& b) { return b.first == body_id; }))
        refused.errors.push_back({"body_id", "Choose a body from the list"});
    if (!refused.errors.empty())
        return refused_page(pages, r, "governance/meetings", "Meetings", std::move(view), refused);

    const Date first = *start;
    const Date last = end_of_month(first);
    view["month"] = month_text(first);
    view["month_words"] = month_words(first);
    const std::string filter = body_id.empty() ? "" : "&body_id=" + body_id;
    view["previous_href"] = "/meetings?month=" + month_text(add_days(first, -1)) + filter;
    view["previous_words"] = month_words(add_days(first, -1));
    view["next_href"] = "/meetings?month=" + month_text(add_days(last, 1)) + filter;
    view["next_words"] = month_words(add_days(last, 1));
    view["filtering"] = !body_id.empty();
    for (const auto& [id, name] : bodies)
        if (id == body_id) view["body_name"] = name;

    MeetingQuery q;
    q.from = format_iso_date(first);
    q.to = format_iso_date(last);
    if (!body_id.empty()) q.body_id = body_id;
    auto found = all_meetings(c, q, 1000);
    if (!found) return kit::error_page(pages, r, found.error());
    json::array days;
    std::string current;
    for (const auto& m : *found) {
        if (m.meeting.date != current) {
            current = m.meeting.date;
            days.push_back(json::object{{"id", "day-" + current},
                                        {"date", long_date(current)},
                                        {"meetings", json::array()}});
        }
        days.back().as_object()["meetings"].as_array().push_back(meeting_row(m));
    }
    view["has_meetings"] = !days.empty();
    view["days"] = std::move(days);
    view["count"] = found->size();
    view["plural"] = found->size() != 1;
    return pages.page(r, "governance/meetings", "Meetings in " + month_words(first),
                      std::move(view));
}

// ---- A meeting ----

Response Pages::meeting(Request& r) const {
    const Context c = ctx(r);
    auto found = service.agenda(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const Agenda& a = *found;
    const MeetingView& mv = a.meeting;
    const Meeting& m = mv.meeting;
    const bool can_edit = mv.can_edit && !m.archived_at;

    json::object view;
    json::object about{{"id", m.id},
                       {"title", m.title},
                       {"body", mv.body_name},
                       {"body_href", body_href(m.body_id)},
                       {"date", long_date(m.date)},
                       {"time", time_span(m)},
                       {"venue", m.venue},
                       {"online_url", m.online_url},
                       {"status", meeting_status_tag(m.status)},
                       {"status_reason", m.status_reason},
                       {"cancelled", m.status == "cancelled"},
                       {"private", mv.body_access == "private"},
                       {"published", mv.published},
                       {"published_on", short_date(m.published_at)},
                       {"late_reason", m.late_reason},
                       {"archived", m.archived_at.has_value()},
                       {"minutes_href", meeting_href(m.id) + "/minutes"},
                       {"has_minutes", m.minutes_status != "none"},
                       {"minutes_draft", m.minutes_status == "draft"},
                       {"minutes_approved", m.minutes_status == "approved"},
                       {"minutes_approved_on", short_date(m.minutes_approved_on)}};
    view["meeting"] = std::move(about);
    json::array deadlines;
    for (const auto& d : mv.deadlines) deadlines.push_back(deadline_view(d));
    view["has_deadlines"] = !deadlines.empty();
    view["deadlines"] = std::move(deadlines);
    view["sees_exempt"] = mv.sees_exempt;

    // Decisions and actions by the item that made them.
    std::map<std::string, json::array> decisions_of, actions_of;
    for (const auto& d : a.decisions)
        if (d.decision.item_id) decisions_of[*d.decision.item_id].push_back(decision_row(d));
    for (const auto& x : a.actions)
        if (x.action.item_id) actions_of[*x.action.item_id].push_back(action_row(x));

    // Apologies and declarations, for their standard items.
    json::array apologies;
    for (const auto& at : a.attendance)
        if (at.attendee.status == "apologies") apologies.push_back(attendee_row(at));
    json::array all_declarations;
    for (const auto& item : a.items)
        for (std::size_t n = 0; n < item.declarations.size(); ++n)
            all_declarations.push_back(json::object{
                {"name", n < item.declaration_names.size() ? item.declaration_names[n] : ""},
                {"kind", capitalised(item.declarations[n].kind)},
                {"item", fmt::format("Item {}: {}", item.item.number, item.item.title)},
                {"href", fmt::format("#item-{}", item.item.number)},
                {"nature", item.declarations[n].nature},
                {"action", item.declarations[n].action}});
    json::array log;
    for (const auto& x : a.action_log) {
        auto row = action_row(x);
        row["carried"] = x.carried.empty() ? "" : capitalised(x.carried);
        log.push_back(std::move(row));
    }
    const bool has_log = !log.empty();

    json::array items;
    bool any_exempt = false;
    for (const auto& iv : a.items) {
        auto o = item_json(iv, can_edit);
        any_exempt = any_exempt || iv.exempt;
        const std::string standard = iv.item.standard.value_or("");
        if (auto d = decisions_of.find(iv.item.id); d != decisions_of.end()) {
            o["has_decisions"] = true;
            o["decisions"] = d->second;
        }
        if (auto x = actions_of.find(iv.item.id); x != actions_of.end()) {
            o["has_actions"] = true;
            o["actions"] = x->second;
        }
        if (standard == "apologies") {
            o["is_apologies"] = true;
            o["apologies"] = apologies;
            o["has_apologies"] = !apologies.empty();
        }
        if (standard == "declarations") {
            o["is_declarations"] = true;
            o["all_declarations"] = all_declarations;
            o["has_all_declarations"] = !all_declarations.empty();
        }
        if (standard == "action_log") {
            o["is_action_log"] = true;
            o["log"] = log;
            o["has_log"] = has_log;
        }
        if (standard == "minutes" && a.previous) {
            const Meeting& p = *a.previous;
            json::object prev{{"href", meeting_href(p.id)},
                              {"minutes_href", meeting_href(p.id) + "/minutes"},
                              {"date", long_date(p.date)},
                              {"draft", p.minutes_status == "draft"},
                              {"approved", p.minutes_status == "approved"},
                              {"none", p.minutes_status == "none"},
                              {"approved_on", short_date(p.minutes_approved_on)}};
            // The clerk approves the previous meeting's draft minutes here, once this meeting
            // has taken place.
            if (can_edit && p.minutes_status == "draft" && p.date < m.date &&
                m.date <= format_iso_date(today(c))) {
                prev["approve_action"] = meeting_href(p.id) + "/minutes/approve";
                prev["version"] = p.version;
                prev["at_meeting_id"] = m.id;
            }
            o["is_minutes"] = true;
            o["previous"] = std::move(prev);
        }
        items.push_back(std::move(o));
    }
    view["items"] = std::move(items);
    view["has_items"] = !a.items.empty();
    view["any_exempt"] = any_exempt;

    json::array attendance;
    for (const auto& at : a.attendance) attendance.push_back(attendee_row(at));
    view["has_attendance"] = !attendance.empty();
    view["attendance"] = std::move(attendance);
    view["quorum"] = mv.quorum.sentence;
    view["quorate"] = mv.quorum.met;
    view["quorum_tag"] =
        a.attendance.empty()
            ? json::value(nullptr)
            : json::value(json::object{{"text", mv.quorum.met ? "Quorate" : "Not quorate"},
                                       {"classes", mv.quorum.met ? "govuk-tag govuk-tag--green"
                                                                 : "govuk-tag govuk-tag--red"}});

    json::array corrections;
    for (const auto& x : a.corrections)
        corrections.push_back(json::object{{"text_html", markdown(x.text, 5)},
                                           {"reason", x.reason},
                                           {"on", short_date(x.created_at)}});
    view["has_corrections"] = !corrections.empty();
    view["corrections"] = std::move(corrections);

    if (a.previous)
        view["previous"] = json::object{{"href", meeting_href(a.previous->id)},
                                        {"date", long_date(a.previous->date)}};
    if (a.next)
        view["next"] =
            json::object{{"href", meeting_href(a.next->id)}, {"date", long_date(a.next->date)}};

    view["has_neighbours"] = a.previous.has_value() || a.next.has_value();
    view["can_edit"] = can_edit;
    if (can_edit) {
        view["edit_href"] = meeting_href(m.id) + "/edit";
        view["new_item_href"] = meeting_href(m.id) + "/items/new";
        view["attendance_href"] = meeting_href(m.id) + "/attendance";
        if (!mv.published && m.status != "cancelled")
            view["publish_href"] = meeting_href(m.id) + "/publish";
        if (m.minutes_status == "draft")
            view["approve_href"] = meeting_href(m.id) + "/minutes/approve";
    }
    return pages.page(r, "governance/meeting", fmt::format("{}, {}", m.title, long_date(m.date)),
                      std::move(view));
}

// ---- The minutes ----

Response Pages::minutes(Request& r) const {
    const Context c = ctx(r);
    auto found = service.minutes(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const Minutes& mn = *found;
    const MeetingView& mv = mn.meeting;
    const Meeting& m = mv.meeting;
    const bool can_edit = mv.can_edit && !m.archived_at && m.minutes_status != "approved";

    json::object view;
    view["meeting"] = json::object{{"title", m.title},
                                   {"body", mv.body_name},
                                   {"body_href", body_href(m.body_id)},
                                   {"href", meeting_href(m.id)},
                                   {"date", long_date(m.date)},
                                   {"time", time_span(m)},
                                   {"venue", m.venue},
                                   {"status", meeting_status_tag(m.status)},
                                   {"draft", m.minutes_status == "draft"},
                                   {"none", m.minutes_status == "none"},
                                   {"approved", m.minutes_status == "approved"},
                                   {"approved_on", short_date(m.minutes_approved_on)}};
    if (mn.approved_at)
        view["approved_at"] = json::object{{"href", meeting_href(mn.approved_at->id)},
                                           {"date", long_date(mn.approved_at->date)}};

    // Who was there: members and substitutes, officers and guests; apologies; absent.
    json::array present, officers, apologies, absent;
    for (const auto& a : mn.attendance) {
        auto row = attendee_row(a);
        const auto& x = a.attendee;
        if (x.status == "apologies")
            apologies.push_back(std::move(row));
        else if (x.status == "absent")
            absent.push_back(std::move(row));
        else if (x.capacity == "officer" || x.capacity == "guest")
            officers.push_back(std::move(row));
        else
            present.push_back(std::move(row));
    }
    view["has_present"] = !present.empty();
    view["present"] = std::move(present);
    view["has_officers"] = !officers.empty();
    view["officers"] = std::move(officers);
    view["has_apologies"] = !apologies.empty();
    view["apologies"] = std::move(apologies);
    view["has_absent"] = !absent.empty();
    view["absent"] = std::move(absent);
    view["quorum"] = mv.quorum.sentence;

    json::array items;
    for (const auto& mi : mn.items) {
        auto o = item_json(mi.item, can_edit);
        json::array resolutions;
        for (const auto& d : mi.resolutions) {
            auto row = decision_row(d);
            row["text_html"] = markdown(d.decision.text, 5);
            row["redacted"] = d.redacted;
            resolutions.push_back(std::move(row));
        }
        o["has_resolutions"] = !resolutions.empty();
        o["resolutions"] = std::move(resolutions);
        json::array acts;
        for (const auto& x : mi.actions) acts.push_back(action_row(x));
        o["has_actions"] = !acts.empty();
        o["actions"] = std::move(acts);
        items.push_back(std::move(o));
    }
    view["items"] = std::move(items);

    json::array corrections;
    for (const auto& x : mn.corrections)
        corrections.push_back(json::object{{"text_html", markdown(x.text, 5)},
                                           {"reason", x.reason},
                                           {"on", short_date(x.created_at)}});
    view["has_corrections"] = !corrections.empty();
    view["corrections"] = std::move(corrections);
    view["can_edit"] = can_edit;
    if (mv.can_edit && m.minutes_status == "draft")
        view["approve_href"] = meeting_href(m.id) + "/minutes/approve";
    return pages.page(r, "governance/minutes",
                      fmt::format("Minutes: {}, {}", m.title, long_date(m.date)), std::move(view));
}

}  // namespace civic::governance::pages_detail
