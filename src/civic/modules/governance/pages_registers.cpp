// SPDX-License-Identifier: AGPL-3.0-or-later
// The registers: the action log (by body, owner, status and overdue) with "My actions" and an
// action's page and form; the decisions register (a page at a time, with the same list as
// CSV at the API) and a decision's page with its call-in window; and the forward plan of key
// decisions with each notice's state, and an entry's page.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/governance/pages_support.hpp"

namespace civic::governance::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

constexpr int k_per_page = 50;

Error nothing_here() { return Error::not_found("There is nothing at this address."); }

std::string query_text(const Request& r, std::string_view name) {
    return std::string(trim(r.query_param(name).value_or("")));
}

bool listed_in(const Choices& list, const std::string& v) {
    return v.empty() ||
           std::any_of(list.begin(), list.end(), [&](const auto& c) { return c.first == v; });
}

Choices fixed(std::span<const std::string_view> values, std::string (*words)(std::string_view)) {
    Choices out;
    for (auto v : values) out.emplace_back(std::string(v), words(v));
    return out;
}

std::string plain_capitalised(std::string_view s) { return capitalised(s); }

}  // namespace

// ---- The action log ----

Response Pages::actions(Request& r) const {
    const Context c = ctx(r);
    const std::string body_id = query_text(r, "body_id");
    const std::string owner = query_text(r, "owner");
    const std::string status = query_text(r, "status");
    const bool overdue = query_text(r, "overdue") == "yes";
    const auto bodies = body_choices(c, false);
    const auto people = people_choices(c);
    const auto statuses = fixed(k_action_statuses, plain_capitalised);
    json::object view{
        {"bodies", choices(bodies, body_id)},
        {"owners", choices(people, owner)},
        {"statuses", choices(statuses, status)},
        {"overdue", overdue},
        {"filtering", !body_id.empty() || !owner.empty() || !status.empty() || overdue}};
    Error refused{ErrorKind::Validation, "", {}};
    if (!listed_in(bodies, body_id))
        refused.errors.push_back({"body_id", "Choose a body from the list"});
    if (!listed_in(people, owner))
        refused.errors.push_back({"owner", "Choose an owner from the list"});
    if (!listed_in(statuses, status))
        refused.errors.push_back({"status", "Choose open, done or cancelled"});
    if (!refused.errors.empty())
        return refused_page(pages, r, "governance/actions", "Action log", std::move(view), refused);
    ActionQuery q;
    if (!body_id.empty()) q.body_id = body_id;
    if (!owner.empty()) q.owner_person_id = owner;
    if (!status.empty()) q.status = status;
    q.overdue = overdue;
    auto found = service.list_actions(c, q);
    if (!found) {
        if (found.error().kind == ErrorKind::Validation)
            return refused_page(pages, r, "governance/actions", "Action log", std::move(view),
                                found.error());
        return kit::error_page(pages, r, found.error());
    }
    json::array rows;
    std::size_t late = 0;
    for (const auto& a : *found) {
        late += a.overdue ? 1 : 0;
        rows.push_back(action_row(a));
    }
    view["has_actions"] = !rows.empty();
    view["actions"] = std::move(rows);
    view["count_text"] = fmt::format("{} action{}{}", found->size(), found->size() == 1 ? "" : "s",
                                     late ? fmt::format(", {} overdue", late) : std::string());
    view["signed_in"] = r.principal.signed_in();
    return pages.page(r, "governance/actions", "Action log", std::move(view));
}

Response Pages::my_actions(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    json::object view;
    if (!r.principal.person_id) {
        view["unlinked"] = true;
        return pages.page(r, "governance/my_actions", "My actions", std::move(view));
    }
    auto found = service.my_actions(c);
    if (!found) return kit::error_page(pages, r, found.error());
    json::array open, closed;
    std::vector<const ActionView*> ordered;
    for (const auto& a : *found) ordered.push_back(&a);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto* a, const auto* b) { return a->overdue && !b->overdue; });
    std::size_t late = 0;
    for (const auto* a : ordered) {
        if (a->action.status == "open") {
            late += a->overdue ? 1 : 0;
            open.push_back(action_row(*a));
        } else {
            closed.push_back(action_row(*a));
        }
    }
    view["has_open"] = !open.empty();
    view["open"] = std::move(open);
    view["has_closed"] = !closed.empty();
    view["closed"] = std::move(closed);
    if (late) view["overdue_text"] = fmt::format("{} overdue", late);
    return pages.page(r, "governance/my_actions", "My actions", std::move(view));
}

Response Pages::action(Request& r) const {
    const Context c = ctx(r);
    auto found = service.get_action(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const ActionView& a = *found;
    json::object view{{"action", action_row(a)}};
    auto& row = view["action"].as_object();
    row["agreed_href"] = meeting_href(a.action.meeting_id);
    if (a.action.item_id)
        if (auto item = service.get_item(c, *a.action.item_id)) {
            row["agreed_href"] = item_href(a.action.meeting_id, item->item.number);
            row["item"] = fmt::format("Item {}: {}", item->item.number, item->item.title);
        }
    row["status_words"] = capitalised(a.action.status);
    view["can_edit"] = service.can_edit(c, a.action.unit_path) && !a.action.archived_at;
    view["edit_href"] = action_href(a.action.id) + "/edit";
    return pages.page(r, "governance/action", "Action", std::move(view));
}

namespace {

std::vector<Field> action_edit_fields(const kit::Form& f, const Choices& people) {
    return {{.name = "text",
             .label = "Action",
             .kind = "area",
             .value = kit::form_text(f, "text"),
             .rows = 3},
            {.name = "owner_person_id",
             .label = "Owner",
             .kind = "select",
             .value = kit::form_text(f, "owner_person_id"),
             .blank = "Someone not in the register (name them below)",
             .options = people},
            {.name = "owner_name",
             .label = "Owner's name, if not in the register (optional)",
             .value = kit::form_text(f, "owner_name")},
            {.name = "due_date",
             .label = "Due date (optional)",
             .hint = "As YYYY-MM-DD, for example 2026-12-08",
             .value = kit::form_text(f, "due_date"),
             .width = "govuk-input--width-10"},
            {.name = "status",
             .label = "Status",
             .hint = "An open action is carried forward onto the body's next meeting until it is "
                     "done or cancelled",
             .kind = "radios",
             .value = kit::form_text(f, "status"),
             .options = fixed(k_action_statuses, plain_capitalised)},
            {.name = "closed_on",
             .label = "Closed on (optional)",
             .hint = "For a done or cancelled action, as YYYY-MM-DD",
             .value = kit::form_text(f, "closed_on"),
             .width = "govuk-input--width-10"},
            {.name = "closed_note",
             .label = "What was done (optional)",
             .kind = "area",
             .value = kit::form_text(f, "closed_note"),
             .rows = 3}};
}

}  // namespace

Response Pages::edit_action(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.get_action(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const Action& a = found->action;
    if (!service.can_edit(c, a.unit_path) || a.archived_at)
        return kit::error_page(pages, r, nothing_here());
    const kit::Form current{{"text", a.text},
                            {"owner_person_id", a.owner_person_id.value_or("")},
                            {"owner_name", a.owner_person_id ? "" : a.owner_name},
                            {"due_date", a.due_date.value_or("")},
                            {"status", a.status},
                            {"closed_on", a.closed_on.value_or("")},
                            {"closed_note", a.closed_note}};
    json::object view{
        {"caption", found->body_name},
        {"version", a.version},
        {"fields_html", fields_html(action_edit_fields(current, people_choices(c)), nullptr)}};
    return kit::show_form(pages, r,
                          {"governance/form", "Update the action", action_href(a.id),
                           "Save changes", action_href(a.id)},
                          std::move(view));
}

Response Pages::update_action(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_action(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    if (!service.can_edit(c, found->action.unit_path))
        return kit::error_page(pages, r, nothing_here());
    const auto form = http::parse_form(r.body);
    ActionInput in;
    in.text = field(form, "text");
    in.owner_person_id = field(form, "owner_person_id");
    in.owner_name = field(form, "owner_name");
    in.due_date = field(form, "due_date");
    in.status = field(form, "status");
    in.closed_on = field(form, "closed_on");
    in.closed_note = field(form, "closed_note");
    auto changed = service.update_action(c, id, in, kit::form_version(form));
    if (changed) return kit::saved(r, action_href(id), "Action updated");
    json::object view{{"caption", found->body_name},
                      {"version", kit::form_text(form, "version")},
                      {"fields_html",
                       fields_html(action_edit_fields(form, people_choices(c)), &changed.error())}};
    return kit::show_form(
        pages, r,
        {"governance/form", "Update the action", action_href(id), "Save changes", action_href(id)},
        std::move(view), &changed.error());
}

// ---- The decisions register ----

Response Pages::decisions(Request& r) const {
    const Context c = ctx(r);
    const std::string body_id = query_text(r, "body_id");
    const std::string from = query_text(r, "from");
    const std::string to = query_text(r, "to");
    const std::string key = query_text(r, "key_decision");
    const std::string call_in = query_text(r, "call_in_status");
    const std::string cursor = query_text(r, "cursor");
    const auto bodies = body_choices(c, false);
    const auto call_ins = fixed(k_call_in_statuses, call_in_words);
    const Choices keys{{"yes", "Key decisions only"}, {"no", "Other decisions only"}};
    json::object view{{"bodies", choices(bodies, body_id)},
                      {"from", from},
                      {"to", to},
                      {"keys", choices(keys, key)},
                      {"call_ins", choices(call_ins, call_in)},
                      {"filtering", !body_id.empty() || !from.empty() || !to.empty() ||
                                        !key.empty() || !call_in.empty()}};
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& [name, value] : {std::pair{"body_id", body_id},
                                      {"from", from},
                                      {"to", to},
                                      {"key_decision", key},
                                      {"call_in_status", call_in}})
        if (!value.empty()) fields.emplace_back(name, value);
    std::string csv(k_decisions_csv);
    for (std::size_t i = 0; i < fields.size(); ++i)
        csv += (i == 0 ? "?" : "&") + fields[i].first + "=" + http::url_encode(fields[i].second);
    view["csv_href"] = csv;

    Error refused{ErrorKind::Validation, "", {}};
    if (!listed_in(bodies, body_id))
        refused.errors.push_back({"body_id", "Choose a body from the list"});
    for (const auto& [name, value, label] :
         {std::tuple{"from", from, "From"}, std::tuple{"to", to, "To"}})
        if (!value.empty() && !parse_iso_date(value))
            refused.errors.push_back(
                {name, fmt::format("{} must be a real date written as YYYY-MM-DD, for example "
                                   "2026-03-31",
                                   label)});
    if (!listed_in(keys, key)) refused.errors.push_back({"key_decision", "Choose from the list"});
    if (!listed_in(call_ins, call_in))
        refused.errors.push_back({"call_in_status", "Choose a call-in status from the list"});
    if (!cursor.empty() && !is_id(cursor))
        refused.errors.push_back(
            {"body_id", "The link to this page of decisions is not complete. Search again."});
    if (!refused.errors.empty())
        return refused_page(pages, r, "governance/decisions", "Decisions", std::move(view),
                            refused);

    DecisionQuery q;
    if (!body_id.empty()) q.body_id = body_id;
    if (!from.empty()) q.from = from;
    if (!to.empty()) q.to = to;
    if (!key.empty()) q.key_decision = key == "yes";
    if (!call_in.empty()) q.call_in_status = call_in;
    if (!cursor.empty()) q.cursor = cursor;
    auto found =
        kit::fill_page<DecisionView>(k_per_page, q.cursor, [&](const auto& after, int limit) {
            q.cursor = after;
            q.limit = limit;
            return service.list_decisions(c, q);
        });
    if (!found) {
        if (found.error().kind == ErrorKind::Validation)
            return refused_page(pages, r, "governance/decisions", "Decisions", std::move(view),
                                found.error());
        return kit::error_page(pages, r, found.error());
    }
    json::array rows;
    for (const auto& d : found->items) rows.push_back(decision_row(d));
    view["has_decisions"] = !rows.empty();
    view["decisions"] = std::move(rows);
    if (found->next_cursor)
        view["next_href"] = kit::next_page_href("/decisions", fields, *found->next_cursor);
    return pages.page(r, "governance/decisions", "Decisions", std::move(view));
}

Response Pages::decision(Request& r) const {
    const Context c = ctx(r);
    auto found = service.get_decision(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const DecisionView& d = *found;
    const Decision& x = d.decision;
    json::object view = decision_row(d);
    view["text_html"] = markdown(x.text, 3);
    view["reasons_html"] = markdown(x.reasons, 3);
    view["options_html"] = markdown(x.options_considered, 3);
    view["redacted"] = d.redacted;
    view["notice"] = x.exempt_paragraph ? exempt_notice(*x.exempt_paragraph) : "";
    view["published"] = short_date(x.published_on);
    view["executive"] = x.executive;
    view["call_in_words"] = call_in_words(x.call_in_status);
    view["called_in_on"] = short_date(x.called_in_on);
    view["called_in_by"] = x.called_in_by;
    view["call_in_reason"] = x.call_in_reason;
    view["call_in_decided_on"] = short_date(x.call_in_decided_on);
    if (x.meeting_id) {
        view["meeting_href"] = meeting_href(*x.meeting_id);
        if (auto m = service.get_meeting(c, *x.meeting_id)) {
            view["meeting"] = fmt::format("{}, {}", m->meeting.title, long_date(m->meeting.date));
            if (x.item_id)
                if (auto item = service.get_item(c, *x.item_id)) {
                    view["meeting_href"] = item_href(*x.meeting_id, item->item.number);
                    view["item"] = fmt::format("Item {}: {}", item->item.number, item->item.title);
                }
        }
    }
    if (x.forward_plan_id) {
        if (auto e = service.get_entry(c, *x.forward_plan_id))
            view["entry"] = json::object{{"href", entry_href(e->entry.id)},
                                         {"label", e->entry.reference + " " + e->entry.title}};
    }
    return pages.page(r, "governance/decision", x.title, std::move(view));
}

// ---- The forward plan ----

Response Pages::forward_plan(Request& r) const {
    const Context c = ctx(r);
    const std::string body_id = query_text(r, "body_id");
    const std::string status = query_text(r, "status");
    const auto bodies = body_choices(c, false);
    const auto statuses = fixed(k_forward_plan_statuses, entry_status_words);
    json::object view{{"bodies", choices(bodies, body_id)},
                      {"statuses", choices(statuses, status)},
                      {"filtering", !body_id.empty() || !status.empty()}};
    Error refused{ErrorKind::Validation, "", {}};
    if (!listed_in(bodies, body_id))
        refused.errors.push_back({"body_id", "Choose a body from the list"});
    if (!listed_in(statuses, status))
        refused.errors.push_back({"status", "Choose a status from the list"});
    if (!refused.errors.empty())
        return refused_page(pages, r, "governance/forward_plan", "Forward plan", std::move(view),
                            refused);
    EntryQuery q;
    if (!body_id.empty()) q.body_id = body_id;
    if (!status.empty()) q.status = status;
    auto found = service.list_entries(c, q);
    if (!found) return kit::error_page(pages, r, found.error());
    json::array rows;
    for (const auto& e : *found) {
        const ForwardPlanEntry& x = e.entry;
        rows.push_back(
            json::object{{"href", entry_href(x.id)},
                         {"reference", x.reference},
                         {"title", x.title},
                         {"maker", x.decision_maker},
                         {"body", e.body_name},
                         {"planned", short_date(x.planned_on)},
                         {"first_published", short_date(x.first_published_on)},
                         {"key", x.key_decision},
                         {"exempt", x.exempt_paragraph.has_value()},
                         {"notice", deadline_view(e.notice)},
                         {"exception", x.exception.empty() ? "" : exception_words(x.exception)},
                         {"status", kit::status_tag(entry_status_words(x.status))}});
    }
    view["has_entries"] = !rows.empty();
    view["entries"] = std::move(rows);
    return pages.page(r, "governance/forward_plan", "Forward plan", std::move(view));
}

Response Pages::entry(Request& r) const {
    const Context c = ctx(r);
    auto found = service.get_entry(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    const EntryView& e = *found;
    const ForwardPlanEntry& x = e.entry;
    json::object view{
        {"reference", x.reference},
        {"title", x.title},
        {"summary_html", markdown(x.summary, 3)},
        {"maker", x.decision_maker},
        {"body", e.body_name},
        {"body_href", body_href(x.body_id)},
        {"lead_member", e.lead_member_name},
        {"lead_member_href", x.lead_member_id ? person_href(*x.lead_member_id) : ""},
        {"lead_officer", e.lead_officer_name},
        {"lead_officer_href", x.lead_officer_id ? person_href(*x.lead_officer_id) : ""},
        {"planned", short_date(x.planned_on)},
        {"first_published", short_date(x.first_published_on)},
        {"key", x.key_decision},
        {"redacted", e.redacted},
        {"notice_text", x.exempt_paragraph ? exempt_notice(*x.exempt_paragraph) : ""},
        {"exempt_reason", x.exempt_reason},
        {"exception", x.exception.empty() ? "" : exception_words(x.exception)},
        {"exception_reason", x.exception_reason},
        {"scrutiny_chair", x.scrutiny_chair},
        {"scrutiny_chair_on", short_date(x.scrutiny_chair_on)},
        {"status", kit::status_tag(entry_status_words(x.status))},
        {"notice", deadline_view(e.notice)}};
    if (x.meeting_id)
        if (auto m = service.get_meeting(c, *x.meeting_id))
            view["meeting"] = json::object{
                {"href", meeting_href(m->meeting.id)},
                {"label", fmt::format("{}, {}", m->meeting.title, long_date(m->meeting.date))}};
    if (x.decision_id)
        if (auto d = service.get_decision(c, *x.decision_id))
            view["decision"] =
                json::object{{"href", decision_href(d->decision.id)}, {"label", d->decision.title}};
    return pages.page(r, "governance/entry", x.reference + " " + x.title, std::move(view));
}

}  // namespace civic::governance::pages_detail
