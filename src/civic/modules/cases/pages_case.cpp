// SPDX-License-Identifier: AGPL-3.0-or-later
// A case's page: what it is, who has it and where it stands; its clock, stage by stage, each
// target's due date with the lines that counted it; for those handling it, the requester and
// what was sent (each read audited); what happened, in order; and the buttons for what the
// reader may do next.

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/markdown.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/cases/pages_support.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/checks.hpp"

namespace civic::cases::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

std::string capital(std::string_view s) { return kit::Checks::capitalise(s); }

// "Priority 1: critical (a service is down)", or "" for a case without a priority.
std::string priority_name(const CaseView& v) {
    if (v.record.priority.empty()) return "";
    for (const auto& p : stored_rules(v.type).priorities)
        if (p.key == v.record.priority) return p.name;
    return v.record.priority;
}

// What an event says in the case's history.
std::string event_words(const CaseEvent& e, const CaseView& v) {
    const auto label = [&](std::string_view stage, std::string_view target) -> std::string {
        for (const auto& s : v.clock.stages)
            if (s.key == stage)
                for (const auto& t : s.targets)
                    if (t.key == target) return t.label;
        return std::string(target);
    };
    if (e.kind == "met") return label(e.stage_key, e.target_key) + " sent";
    if (e.kind == "stopped")
        return e.ends_disregarded ? "Clock stopped: fee notice" : "Clock stopped";
    if (e.kind == "restarted") return "Clock restarted";
    if (e.kind == "clarified") return "Clarification received: the clock starts again";
    if (e.kind == "extended")
        return fmt::format("{} extended by {} working day{}", label(e.stage_key, e.target_key),
                           e.days, e.days == 1 ? "" : "s");
    if (e.kind == "escalated") {
        for (const auto& s : v.clock.stages)
            if (s.key == e.stage_key) return "Escalated to " + s.name;
        return "Escalated";
    }
    if (e.kind == "set")
        return fmt::format("{} due {}, as set from outside", label(e.stage_key, e.target_key),
                           e.due_on ? day(e.due_on) : std::string());
    if (e.kind == "reopened") return "Reopened";
    if (e.kind == "transferred") return "Transferred";
    if (e.kind == "closed") return "Closed";
    return capital(e.kind);
}

json::array paragraphs_html(std::string_view text) {
    json::array out;
    if (!trim(text).empty()) out.emplace_back(markdown_to_html(text, 3));
    return out;
}

}  // namespace

Response Pages::case_page(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_case(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    const CaseView& v = *found;
    const Case& k = v.record;
    const bool open = k.status == "open";

    json::object about{{"reference", k.reference},
                       {"subject", k.subject},
                       {"type", v.type.name},
                       {"received", day(std::optional<std::string>(k.received_on)) +
                                        (k.received_at ? " at " + *k.received_at : "")},
                       {"priority", priority_name(v)},
                       {"channel", capital(k.channel)},
                       {"requester_kind", capital(k.requester_kind)},
                       {"unit", v.unit_name},
                       {"officer", v.officer_name.empty() ? "Not assigned" : v.officer_name},
                       {"stage", v.stage_name},
                       {"status", open ? kit::status_tag("open") : kit::status_tag("closed")},
                       {"closed", !open},
                       {"closed_on", day(k.closed_on)},
                       {"outcome", capital(k.outcome)},
                       {"resolved_on", k.resolved_on ? day(k.resolved_on) : "Not recorded"},
                       {"remedy", k.remedy},
                       {"remedy_due_on", day(k.remedy_due_on)},
                       {"lessons", k.lessons},
                       {"destroyed_on", day(k.personal_data_destroyed_on)}};
    json::object view{{"case", std::move(about)}, {"may_handle", v.may_handle}, {"open", open}};

    // The clock, the current stage first.
    json::array stages;
    for (auto s = v.clock.stages.rbegin(); s != v.clock.stages.rend(); ++s) {
        json::array targets;
        for (const auto& t : s->targets) {
            json::array lines;
            for (const auto& l : t.explanation) lines.emplace_back(l);
            std::string due = t.due ? day(t.due) : std::string("Clock stopped");
            if (t.due && t.due_at) due += " at " + format_time_of_day(*t.due_at);
            const int amount = t.in_hours ? t.working_hours : t.working_days;
            const int total = amount + t.extended_by;
            const std::string unit =
                fmt::format("working {}{}", t.in_hours ? "hour" : "day", total == 1 ? "" : "s");
            targets.push_back(json::object{
                {"id", fmt::format("target-{}-{}", s->key, t.key)},
                {"label", t.label},
                {"label_lower", lower_ascii(t.label)},
                {"days", t.extended_by ? fmt::format("{} + {} {}", amount, t.extended_by, unit)
                                       : fmt::format("{} {}", amount, unit)},
                {"due", due},
                {"met_on", day(t.met_on)},
                {"tag", due_tag(t.status)},
                {"provisional", t.provisional},
                {"lines", std::move(lines)}});
        }
        stages.push_back(json::object{{"name", s->name},
                                      {"started", day(s->started_on)},
                                      {"current", s == v.clock.stages.rbegin()},
                                      {"targets", std::move(targets)}});
    }
    view["stages"] = std::move(stages);
    view["stopped"] = v.clock.stopped;

    const std::string& next_stage = v.next_stage_name;
    view["next_stage"] = next_stage;
    view["can_escalate"] = v.may_handle && !next_stage.empty();
    view["href"] = case_href(k.id);

    // For those handling it: the requester and what was sent, each read audited.
    if (v.may_handle) {
        if (auto who = service.requester(c, id)) {
            const Case& p = who->record;
            view["requester"] = json::object{
                {"name", who->requester_person_name.empty() ? p.requester_name
                                                            : who->requester_person_name},
                {"contact", p.requester_contact},
                {"on_behalf_of", p.on_behalf_of},
                {"request_html", paragraphs_html(p.description)},
                {"destroyed", p.personal_data_destroyed_on.has_value()}};
        }
        json::array sent;
        if (auto responses = service.responses(c, id))
            for (const auto& x : *responses) {
                std::string label = x.target_key;
                for (const auto& s : v.clock.stages)
                    if (s.key == x.stage_key)
                        for (const auto& t : s.targets)
                            if (t.key == x.target_key) label = t.label;
                sent.push_back(json::object{{"label", label},
                                            {"sent_on", day(std::optional<std::string>(x.sent_on))},
                                            {"body_html", markdown_to_html(x.body, 3)},
                                            {"has_attachments", !x.attachments.empty()},
                                            {"attachments", attachment_links(x.attachments)}});
            }
        view["has_responses"] = !sent.empty();
        view["responses"] = std::move(sent);
    }

    json::array events;
    for (const auto& e : v.events)
        events.push_back(json::object{{"on", day(std::optional<std::string>(e.on_date))},
                                      {"what", event_words(e, v)},
                                      {"reason", e.reason},
                                      {"by", e.recorded_by}});
    // The lessons can become an action in a plan the reader may change.
    if (!trim(k.lessons).empty())
        if (auto places = service.action_places(c, Places::PlansOnly); places && !places->empty())
            view["lessons_action_href"] = case_href(k.id) + "/lessons-action";
    view["has_links"] = !v.links.empty();
    view["links"] = kit::link_rows(v.links);
    view["has_events"] = !events.empty();
    view["events"] = std::move(events);
    return pages.page(r, "cases/case", k.reference + " " + k.subject, std::move(view));
}

}  // namespace civic::cases::pages_detail
