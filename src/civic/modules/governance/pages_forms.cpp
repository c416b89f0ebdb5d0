// SPDX-License-Identifier: AGPL-3.0-or-later
// The clerk's forms: arrange a meeting and change it, make meetings from a body's schedule,
// add and change an agenda item (with its report, presenters and any exemption under
// Schedule 12A, each paragraph shown in the Act's words), publish the agenda (asking the
// reason for urgency when it is late), take the register, write an item's minutes with its
// resolutions and actions, and approve a meeting's minutes at a later meeting. Each calls the
// same service function as the API; a visitor who is not signed in is sent to sign in, and
// one who may not change the meeting is told there is nothing at the address.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "civic/core/text.hpp"
#include "civic/modules/governance/pages_support.hpp"

namespace civic::governance::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Error nothing_here() { return Error::not_found("There is nothing at this address."); }

// A form page drawn by governance/form.mustache: the fields, and what surrounds them.
using kit::form_page;

// The page errors of a form read before the service saw it, as one refusal.
Error refusal(std::vector<FieldError> errors) { return Error::validation(std::move(errors)); }

Choices status_choices() {
    Choices out;
    for (auto s : k_meeting_statuses) out.emplace_back(std::string(s), capitalised(s));
    return out;
}

// ---- meetings

MeetingInput meeting_input(const kit::Form& f, std::vector<FieldError>& errors) {
    MeetingInput in;
    in.title = field(f, "title");
    in.date = field(f, "date");
    in.start_time = field(f, "start_time");
    in.duration_minutes = form_integer(f, "duration_minutes", "Length in minutes", errors);
    in.venue = field(f, "venue");
    in.online_url = field(f, "online_url");
    in.status = field(f, "status");
    in.status_reason = field(f, "status_reason");
    in.private_notice_on = field(f, "private_notice_on");
    return in;
}

std::vector<Field> meeting_fields(const MeetingInput& in, const kit::Form* sent, bool creating) {
    const auto value = [&](std::string_view name, const std::optional<std::string>& v) {
        if (sent) return kit::form_text(*sent, name);
        return v.value_or("");
    };
    std::vector<Field> f;
    f.push_back({.name = "title",
                 .label = "Title",
                 .hint = "As the agenda is headed; the body's name unless it is a special meeting",
                 .value = value("title", in.title)});
    f.push_back({.name = "date",
                 .label = "Date",
                 .hint = "Written as YYYY-MM-DD, for example 2026-12-08",
                 .value = value("date", in.date),
                 .width = "govuk-input--width-10"});
    f.push_back({.name = "start_time",
                 .label = "Start time",
                 .hint = "On the 24-hour clock, for example 10:00 or 18:30",
                 .value = value("start_time", in.start_time),
                 .width = "govuk-input--width-5"});
    f.push_back({.name = "duration_minutes",
                 .label = "Length in minutes",
                 .value = value("duration_minutes", in.duration_minutes
                                                        ? std::optional<std::string>(
                                                              std::to_string(*in.duration_minutes))
                                                        : std::nullopt),
                 .width = "govuk-input--width-5"});
    f.push_back({.name = "venue",
                 .label = "Venue",
                 .hint = "For example, Committee Room 1, Town Hall",
                 .value = value("venue", in.venue)});
    f.push_back({.name = "online_url",
                 .label = "Online meeting or webcast link (optional)",
                 .value = value("online_url", in.online_url)});
    if (!creating) {
        f.push_back({.name = "status",
                     .label = "Status",
                     .kind = "radios",
                     .value = value("status", in.status),
                     .options = status_choices()});
        f.push_back({.name = "status_reason",
                     .label = "Reason for the change of status (optional)",
                     .hint = "Shown on the meeting's page, for example Cancelled: no business",
                     .kind = "area",
                     .value = value("status_reason", in.status_reason),
                     .rows = 3});
        f.push_back({.name = "private_notice_on",
                     .label = "Notice of a private meeting given on (optional)",
                     .hint = "For an executive meeting with exempt items: the day the 28 clear "
                             "days' notice was published, as YYYY-MM-DD",
                     .value = value("private_notice_on", in.private_notice_on),
                     .width = "govuk-input--width-10"});
    }
    return f;
}

// ---- agenda items

Choices exempt_choices() {
    Choices out{{"", "Not exempt"}};
    for (std::size_t p = 1; p <= std::size(k_schedule_12a); ++p)
        out.emplace_back(std::to_string(p), fmt::format("Paragraph {}", p));
    return out;
}

std::vector<std::string> exempt_hints() {
    std::vector<std::string> out{"The item and its report are published with the agenda"};
    for (auto w : k_schedule_12a) out.emplace_back(w);
    return out;
}

ItemInput item_input(const kit::Form& f, std::vector<FieldError>& errors) {
    ItemInput in;
    in.title = field(f, "title");
    in.purpose = field(f, "purpose");
    in.report_title = field(f, "report_title");
    in.report_author = field(f, "report_author");
    in.report_summary = field(f, "report_summary");
    in.recommendations = field(f, "recommendations");
    in.presenter_ids = form_values(f, "presenter_ids");
    in.key_decision = kit::form_text(f, "key_decision") == "yes";
    const std::string paragraph(trim(kit::form_text(f, "exempt_paragraph")));
    if (paragraph.empty())
        in.exempt_paragraph = std::optional<std::int64_t>();
    else if (auto n = form_integer(f, "exempt_paragraph", "Exempt paragraph", errors))
        in.exempt_paragraph = std::optional<std::int64_t>(*n);
    in.exempt_reason = field(f, "exempt_reason");
    return in;
}

struct ItemValues {
    std::string title, purpose, report_title, report_author, report_summary, recommendations;
    std::vector<std::string> presenters;
    bool key_decision = false;
    std::string exempt_paragraph, exempt_reason;
};

ItemValues item_values(const AgendaItem& i) {
    return ItemValues{i.title,
                      i.purpose,
                      i.report_title,
                      i.report_author,
                      i.report_summary,
                      i.recommendations,
                      i.presenter_ids,
                      i.key_decision,
                      i.exempt_paragraph ? std::to_string(*i.exempt_paragraph) : "",
                      i.exempt_reason};
}

ItemValues item_values(const kit::Form& f) {
    return ItemValues{kit::form_text(f, "title"),
                      kit::form_text(f, "purpose"),
                      kit::form_text(f, "report_title"),
                      kit::form_text(f, "report_author"),
                      kit::form_text(f, "report_summary"),
                      kit::form_text(f, "recommendations"),
                      form_values(f, "presenter_ids"),
                      kit::form_text(f, "key_decision") == "yes",
                      kit::form_text(f, "exempt_paragraph"),
                      kit::form_text(f, "exempt_reason")};
}

constexpr int k_presenters = 3;

std::vector<Field> item_fields(const ItemValues& v, const Choices& people) {
    std::vector<Field> f;
    f.push_back({.name = "title", .label = "Title", .value = v.title});
    f.push_back({.name = "purpose",
                 .label = "Purpose",
                 .hint = "What the meeting is asked to do, for example To note the directorate's "
                         "update and comment on its challenges",
                 .kind = "area",
                 .value = v.purpose,
                 .rows = 3});
    f.push_back(
        {.name = "report_title", .label = "Report title (optional)", .value = v.report_title});
    f.push_back({.name = "report_author",
                 .label = "Report author (optional)",
                 .hint = "Name and post, for example Director of Corporate Support",
                 .value = v.report_author});
    f.push_back({.name = "report_summary",
                 .label = "Summary of the report (optional)",
                 .hint = "Markdown: a blank line between paragraphs, - for a list, **bold**",
                 .kind = "area",
                 .value = v.report_summary,
                 .rows = 8});
    f.push_back({.name = "recommendations",
                 .label = "Recommendations (optional)",
                 .hint = "What the report asks the meeting to agree, one to a line with - before "
                         "each",
                 .kind = "area",
                 .value = v.recommendations,
                 .rows = 5});
    for (int n = 0; n < k_presenters; ++n)
        f.push_back({.name = "presenter_ids",
                     .label = fmt::format("Presenter {} (optional)", n + 1),
                     .hint = n == 0 ? "The officers and members who present the item, from the "
                                      "register. A presenter may read the item if it is exempt"
                                    : "",
                     .kind = "select",
                     .value = n < static_cast<int>(v.presenters.size()) ? v.presenters[n] : "",
                     .id = n == 0 ? "presenter_ids" : fmt::format("presenter_ids-{}", n + 1),
                     .blank = "No one",
                     .options = people});
    f.push_back({.name = "key_decision",
                 .label = "This item asks for a key decision",
                 .hint = "A decision of the executive that must be on the forward plan 28 clear "
                         "days before it is taken",
                 .kind = "checkbox",
                 .value = v.key_decision ? "yes" : ""});
    f.push_back({.name = "exempt_paragraph",
                 .label = "Exempt information",
                 .hint = "Whether the item holds information exempt under Schedule 12A to the "
                         "Local Government Act 1972, and under which paragraph. The public "
                         "agenda names the paragraph and nothing more of the item",
                 .kind = "radios",
                 .value = v.exempt_paragraph,
                 .options = exempt_choices(),
                 .option_hints = exempt_hints()});
    f.push_back({.name = "exempt_reason",
                 .label = "Public-interest reason (for an exempt item)",
                 .hint = "Why the public interest in keeping the information exempt outweighs "
                         "the public interest in disclosing it",
                 .kind = "area",
                 .value = v.exempt_reason,
                 .rows = 3});
    return f;
}

// ---- attendance

struct RegisterRow {
    std::string person_id, name, role, capacity, status, substitute;
};

}  // namespace

// ---- Arrange a meeting ----

Response Pages::new_meeting(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const auto bodies = body_choices(c, true);
    const std::string body_id(trim(r.query_param("body_id").value_or("")));
    if (bodies.empty()) return kit::error_page(pages, r, nothing_here());
    if (!body_id.empty() && std::none_of(bodies.begin(), bodies.end(),
                                         [&](const auto& b) { return b.first == body_id; }))
        return kit::error_page(pages, r, nothing_here());
    MeetingInput in;
    if (!body_id.empty()) {
        if (auto b = service.get_body(c, body_id)) {
            in.title = b->name;
            in.start_time = b->body.schedule_time;
            in.duration_minutes = b->body.duration_minutes;
            in.venue = b->body.venue;
            in.online_url = b->body.online_url;
        }
    }
    std::vector<Field> fields{{.name = "body_id",
                               .label = "Body",
                               .kind = "select",
                               .value = body_id,
                               .blank = "Choose a body",
                               .options = bodies}};
    for (auto& f : meeting_fields(in, nullptr, true)) fields.push_back(std::move(f));
    json::object view{{"intro",
                       "A single meeting, outside the body's schedule or in place of one. The "
                       "agenda starts with the standard items: apologies, declarations of "
                       "interest, the minutes of the previous meeting and the action log."}};
    return form_page(pages, r,
                     {"governance/form", "Arrange a meeting", "/meetings", "Arrange meeting",
                      body_id.empty() ? "/bodies" : body_href(body_id)},
                     fields, std::move(view));
}

Response Pages::create_meeting(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const auto form = http::parse_form(r.body);
    std::vector<FieldError> errors;
    MeetingInput in = meeting_input(form, errors);
    in.body_id = field(form, "body_id");
    Result<Meeting> made = std::unexpected(refusal(errors));
    if (errors.empty()) made = service.create_meeting(c, in);
    if (made) return kit::saved(r, meeting_href(made->id), "Meeting arranged");
    const std::string body_id = kit::form_text(form, "body_id");
    std::vector<Field> fields{{.name = "body_id",
                               .label = "Body",
                               .kind = "select",
                               .value = body_id,
                               .blank = "Choose a body",
                               .options = body_choices(c, true)}};
    for (auto& f : meeting_fields(in, &form, true)) fields.push_back(std::move(f));
    return form_page(
        pages, r,
        {"governance/form", "Arrange a meeting", "/meetings", "Arrange meeting", "/bodies"}, fields,
        json::object{}, &made.error());
}

Response Pages::edit_meeting(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.get_meeting(c, std::string(r.param("id")));
    if (!found || !found->can_edit || found->meeting.archived_at)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const Meeting& m = found->meeting;
    MeetingInput in;
    in.title = m.title;
    in.date = m.date;
    in.start_time = m.start_time;
    in.duration_minutes = m.duration_minutes;
    in.venue = m.venue;
    in.online_url = m.online_url;
    in.status = m.status;
    in.status_reason = m.status_reason;
    in.private_notice_on = m.private_notice_on;
    json::object view{{"caption", found->body_name}, {"version", m.version}};
    return form_page(pages, r,
                     {"governance/form", "Change the meeting", meeting_href(m.id), "Save changes",
                      meeting_href(m.id)},
                     meeting_fields(in, nullptr, false), std::move(view));
}

Response Pages::update_meeting(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const auto form = http::parse_form(r.body);
    std::vector<FieldError> errors;
    const MeetingInput in = meeting_input(form, errors);
    Result<Meeting> changed = std::unexpected(refusal(errors));
    if (errors.empty()) changed = service.update_meeting(c, id, in, kit::form_version(form));
    if (changed) return kit::saved(r, meeting_href(id), "Meeting changed");
    json::object view{{"caption", found->body_name}, {"version", kit::form_text(form, "version")}};
    return form_page(pages, r,
                     {"governance/form", "Change the meeting", meeting_href(id), "Save changes",
                      meeting_href(id)},
                     meeting_fields(in, &form, false), std::move(view), &changed.error());
}

// ---- Meetings from the schedule ----

namespace {

std::vector<Field> generate_fields(const std::string& from, const std::string& to) {
    return {{.name = "from",
             .label = "From",
             .hint = "The first day to make meetings for, as YYYY-MM-DD",
             .value = from,
             .width = "govuk-input--width-10"},
            {.name = "to",
             .label = "To",
             .hint = "The last day, as YYYY-MM-DD; at most three years after the first",
             .value = to,
             .width = "govuk-input--width-10"}};
}

}  // namespace

Response Pages::generate_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.get_body(c, std::string(r.param("id")));
    if (!found || !service.can_edit(c, found->body.unit_path) || found->body.archived_at)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const Date now = today(c);
    json::object view{{"caption", found->name},
                      {"schedule", schedule_words(found->body)},
                      {"no_schedule", !found->body.schedule_rrule.has_value()},
                      {"intro",
                       "Makes a meeting for each date the body's schedule gives between the two "
                       "days, each with the standard items on its agenda. A date that already has "
                       "a meeting is left alone, so this can be run again."}};
    return form_page(
        pages, r,
        {"governance/form", "Make meetings from the schedule",
         body_href(found->body.id) + "/generate", "Make meetings", body_href(found->body.id)},
        generate_fields(format_iso_date(now), format_iso_date(add_days(now, 365))),
        std::move(view));
}

Response Pages::generate(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_body(c, id);
    if (!found || !service.can_edit(c, found->body.unit_path))
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const auto form = http::parse_form(r.body);
    GenerationInput in;
    in.from = field(form, "from");
    in.to = field(form, "to");
    auto made = service.generate_meetings(c, id, in);
    if (made) {
        const auto n = made->created.size();
        std::string message =
            n == 0 ? std::string(
                         "No new meetings: the schedule gives none that are not already "
                         "arranged")
                   : fmt::format("Made {} meeting{} from the schedule", n, n == 1 ? "" : "s");
        if (!made->existing.empty())
            message += fmt::format("; {} date{} already had one", made->existing.size(),
                                   made->existing.size() == 1 ? "" : "s");
        if (!made->on_holidays.empty()) {
            std::vector<std::string> days;
            for (const auto& h : made->on_holidays) {
                // "2026-12-25 (Christmas Day)" → "25 December 2026 (Christmas Day)".
                const auto d = parse_iso_date(std::string_view(h).substr(0, 10));
                days.push_back(d ? format_day_month_year(*d) + h.substr(10) : h);
            }
            std::string list;
            for (std::size_t i = 0; i < days.size(); ++i)
                list += (i == 0 ? "" : i + 1 == days.size() ? " and " : ", ") + days[i];
            message +=
                fmt::format(". Check {}, which fall{} on a bank holiday or closure day: {}",
                            days.size() == 1 ? "one" : "these", days.size() == 1 ? "s" : "", list);
        }
        return kit::saved(r, body_href(id), message);
    }
    json::object view{{"caption", found->name},
                      {"schedule", schedule_words(found->body)},
                      {"no_schedule", !found->body.schedule_rrule.has_value()}};
    return form_page(pages, r,
                     {"governance/form", "Make meetings from the schedule",
                      body_href(id) + "/generate", "Make meetings", body_href(id)},
                     generate_fields(kit::form_text(form, "from"), kit::form_text(form, "to")),
                     std::move(view), &made.error());
}

// ---- Agenda items ----

Response Pages::new_item(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit || found->meeting.archived_at)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    json::object view{
        {"caption", fmt::format("{}, {}", found->meeting.title, long_date(found->meeting.date))}};
    if (found->published)
        view["intro"] =
            "The agenda is published: an item added now is a supplement, numbered after the "
            "others and marked as such.";
    return form_page(pages, r,
                     {"governance/form", "Add an agenda item", meeting_href(id) + "/items",
                      "Add item", meeting_href(id)},
                     item_fields(ItemValues{}, people_choices(c)), std::move(view));
}

Response Pages::create_item(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const auto form = http::parse_form(r.body);
    std::vector<FieldError> errors;
    ItemInput in = item_input(form, errors);
    in.meeting_id = id;
    Result<AgendaItem> made = std::unexpected(refusal(errors));
    if (errors.empty()) made = service.create_item(c, in);
    if (made)
        return kit::saved(r, item_href(id, made->number),
                          fmt::format("Item {} added{}", made->number,
                                      made->supplement ? " as a supplement" : ""));
    json::object view{
        {"caption", fmt::format("{}, {}", found->meeting.title, long_date(found->meeting.date))}};
    return form_page(pages, r,
                     {"governance/form", "Add an agenda item", meeting_href(id) + "/items",
                      "Add item", meeting_href(id)},
                     item_fields(item_values(form), people_choices(c)), std::move(view),
                     &made.error());
}

Response Pages::edit_item(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto item = service.get_item(c, std::string(r.param("id")));
    if (!item) return kit::error_page(pages, r, item.error());
    auto found = service.get_meeting(c, item->item.meeting_id);
    if (!found || !found->can_edit || item->redacted || item->item.archived_at)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const AgendaItem& i = item->item;
    json::object view{{"caption", fmt::format("{}, {}: item {}", found->meeting.title,
                                              long_date(found->meeting.date), i.number)},
                      {"version", i.version}};
    return form_page(pages, r,
                     {"governance/form", "Change the agenda item", "/agenda-items/" + i.id,
                      "Save changes", item_href(i.meeting_id, i.number)},
                     item_fields(item_values(i), people_choices(c)), std::move(view));
}

Response Pages::update_item(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto item = service.get_item(c, id);
    if (!item) return kit::error_page(pages, r, item.error());
    auto found = service.get_meeting(c, item->item.meeting_id);
    if (!found || !found->can_edit)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const auto form = http::parse_form(r.body);
    std::vector<FieldError> errors;
    const ItemInput in = item_input(form, errors);
    Result<AgendaItem> changed = std::unexpected(refusal(errors));
    if (errors.empty()) changed = service.update_item(c, id, in, kit::form_version(form));
    if (changed)
        return kit::saved(r, item_href(changed->meeting_id, changed->number),
                          fmt::format("Item {} changed", changed->number));
    const AgendaItem& i = item->item;
    json::object view{{"caption", fmt::format("{}, {}: item {}", found->meeting.title,
                                              long_date(found->meeting.date), i.number)},
                      {"version", kit::form_text(form, "version")}};
    return form_page(pages, r,
                     {"governance/form", "Change the agenda item", "/agenda-items/" + id,
                      "Save changes", item_href(i.meeting_id, i.number)},
                     item_fields(item_values(form), people_choices(c)), std::move(view),
                     &changed.error());
}

// ---- Publication ----

namespace {

// The publication form's view: the deadline in law with how it was counted, and whether the
// reason for urgency is needed.
json::object publish_view(const MeetingView& v, const Date& today) {
    json::object view{
        {"caption", fmt::format("{}, {}", v.meeting.title, long_date(v.meeting.date))},
        {"version", v.meeting.version}};
    bool late = false;
    for (const auto& d : v.deadlines)
        if (d.name == "agenda_publication") {
            view["deadline"] = deadline_view(d);
            const auto due = parse_iso_date(d.due);
            late = due && today > *due;
        }
    view["late"] = late;
    if (v.published)
        view["intro"] =
            "This agenda is already published on " + short_date(v.meeting.published_at) + ".";
    else if (late)
        view["intro"] =
            "The last day to publish this agenda has passed. It can still be published if the "
            "chair accepts that the business is urgent: give the reason, which is recorded and "
            "shown with the agenda.";
    else
        view["intro"] =
            "Publishing makes the agenda and its reports public (exempt items show only their "
            "notice). Items added afterwards are supplements.";
    return view;
}

std::vector<Field> publish_fields(bool late, const std::string& reason) {
    if (!late) return {};
    return {{.name = "late_reason",
             .label = "Reason for urgency",
             .hint = "Why the item could not wait for the next meeting, as the chair accepted it",
             .kind = "area",
             .value = reason,
             .rows = 4}};
}

}  // namespace

Response Pages::publish_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit || found->meeting.archived_at)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    auto view = publish_view(*found, today(c));
    const bool late = view["late"].as_bool();
    return form_page(pages, r,
                     {"governance/form", "Publish the agenda", meeting_href(id) + "/publish",
                      "Publish agenda", meeting_href(id)},
                     publish_fields(late, ""), std::move(view));
}

Response Pages::publish(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const auto form = http::parse_form(r.body);
    PublicationInput in;
    in.late_reason = field(form, "late_reason");
    auto done = service.publish(c, id, in, kit::form_version(form));
    if (done) return kit::saved(r, meeting_href(id), "Agenda published");
    auto view = publish_view(*found, today(c));
    view["version"] = kit::form_text(form, "version");
    // A refusal that asks for the reason shows the field, whatever the page thought.
    bool late = view["late"].as_bool();
    for (const auto& e : done.error().errors) late = late || e.field == "late_reason";
    view["late"] = late;
    return form_page(pages, r,
                     {"governance/form", "Publish the agenda", meeting_href(id) + "/publish",
                      "Publish agenda", meeting_href(id)},
                     publish_fields(late, kit::form_text(form, "late_reason")), std::move(view),
                     &done.error());
}

// ---- Attendance ----

namespace {

constexpr int k_others = 3;

Choices capacity_choices(bool with_member) {
    Choices out;
    for (auto cap : k_attendance_capacities)
        if (with_member || (cap != "member" && cap != "substitute"))
            out.emplace_back(std::string(cap), capacity_words(cap));
    return out;
}

json::object register_view(const std::vector<RegisterRow>& members,
                           const std::vector<RegisterRow>& others, const Choices& people) {
    json::array rows;
    for (std::size_t n = 0; n < members.size(); ++n) {
        const auto& m = members[n];
        json::array statuses;
        for (auto s : k_attendance_statuses)
            statuses.push_back(json::object{{"value", s},
                                            {"label", attendance_words(s)},
                                            {"id", fmt::format("status-{}-{}", n, s)},
                                            {"checked", m.status == s}});
        statuses.push_back(json::object{{"value", ""},
                                        {"label", "Not recorded"},
                                        {"id", fmt::format("status-{}-none", n)},
                                        {"checked", m.status.empty()}});
        rows.push_back(json::object{{"n", n},
                                    {"person_id", m.person_id},
                                    {"name", m.name},
                                    {"role", m.role},
                                    {"capacity", m.capacity},
                                    {"statuses", std::move(statuses)},
                                    {"may_substitute", m.capacity == "member"},
                                    {"substitutes", choices(people, m.substitute)}});
    }
    json::array extra;
    for (std::size_t n = 0; n < others.size(); ++n)
        extra.push_back(
            json::object{{"n", n},
                         {"number", n + 1},
                         {"people", choices(people, others[n].person_id)},
                         {"capacities", choices(capacity_choices(false), others[n].capacity)}});
    return json::object{{"members", std::move(rows)},
                        {"has_members", !members.empty()},
                        {"others", std::move(extra)}};
}

}  // namespace

Response Pages::attendance_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.agenda(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    const MeetingView& mv = found->meeting;
    if (!mv.can_edit || mv.meeting.archived_at) return kit::error_page(pages, r, nothing_here());
    std::map<std::string, const AttendeeView*> recorded;
    std::map<std::string, std::string> substitute_for;  // member → substitute
    std::set<std::string> members_ids;
    for (const auto& m : found->members) members_ids.insert(m.person_id);
    for (const auto& a : found->attendance) {
        recorded[a.attendee.person_id] = &a;
        if (a.attendee.capacity == "substitute" && a.attendee.substitute_for_person_id)
            substitute_for[*a.attendee.substitute_for_person_id] = a.attendee.person_id;
    }
    std::vector<RegisterRow> members;
    std::set<std::string> shown;
    for (const auto& m : found->members) {
        RegisterRow row{m.person_id,
                        m.name,
                        m.role_text.empty() ? role_words(m.role) : m.role_text,
                        m.role == "officer" ? "officer" : "member",
                        "",
                        ""};
        if (auto it = recorded.find(m.person_id); it != recorded.end())
            row.status = it->second->attendee.status;
        if (auto it = substitute_for.find(m.person_id); it != substitute_for.end()) {
            row.substitute = it->second;
            shown.insert(it->second);
        }
        shown.insert(m.person_id);
        members.push_back(std::move(row));
    }
    std::vector<RegisterRow> others;
    for (const auto& a : found->attendance)
        if (!shown.contains(a.attendee.person_id))
            others.push_back(
                {a.attendee.person_id, a.name, "", a.attendee.capacity, a.attendee.status, ""});
    for (int n = 0; n < k_others; ++n) others.push_back({});
    auto view = register_view(members, others, people_choices(c));
    view["caption"] = fmt::format("{}, {}", mv.meeting.title, long_date(mv.meeting.date));
    view["back_href"] = meeting_href(id);
    view["quorum"] = mv.quorum.sentence;
    return kit::show_form(pages, r,
                          {"governance/attendance_form", "Take attendance",
                           meeting_href(id) + "/attendance", "Save attendance", meeting_href(id)},
                          std::move(view));
}

Response Pages::take_attendance(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const auto form = http::parse_form(r.body);
    std::vector<AttendeeInput> rows;
    std::vector<RegisterRow> members, others;
    for (int n = 0;; ++n) {
        const auto person = field(form, fmt::format("person_id-{}", n));
        if (!person) break;
        RegisterRow row{*person,
                        kit::form_text(form, fmt::format("name-{}", n)),
                        kit::form_text(form, fmt::format("role-{}", n)),
                        kit::form_text(form, fmt::format("capacity-{}", n)),
                        kit::form_text(form, fmt::format("status-{}", n)),
                        std::string(trim(kit::form_text(form, fmt::format("substitute-{}", n))))};
        if (!row.status.empty()) {
            AttendeeInput in;
            in.person_id = row.person_id;
            in.capacity = row.capacity;
            in.status = row.status;
            rows.push_back(std::move(in));
        }
        if (!row.substitute.empty()) {
            AttendeeInput in;
            in.person_id = row.substitute;
            in.capacity = "substitute";
            in.status = "present";
            in.substitute_for_person_id = row.person_id;
            rows.push_back(std::move(in));
        }
        members.push_back(std::move(row));
    }
    for (int n = 0; n < 50; ++n) {
        const auto person = field(form, fmt::format("other-{}", n));
        if (!person) break;
        RegisterRow row{std::string(trim(*person)),
                        "",
                        "",
                        kit::form_text(form, fmt::format("other-capacity-{}", n)),
                        "present",
                        ""};
        if (!row.person_id.empty()) {
            AttendeeInput in;
            in.person_id = row.person_id;
            in.capacity = row.capacity;
            in.status = "present";
            rows.push_back(std::move(in));
        }
        others.push_back(std::move(row));
    }
    auto taken = service.take_register(c, id, rows);
    if (taken) return kit::saved(r, meeting_href(id) + "#attendance", "Attendance recorded");
    auto view = register_view(members, others, people_choices(c));
    view["caption"] = fmt::format("{}, {}", found->meeting.title, long_date(found->meeting.date));
    view["back_href"] = meeting_href(id);
    return kit::show_form(pages, r,
                          {"governance/attendance_form", "Take attendance",
                           meeting_href(id) + "/attendance", "Save attendance", meeting_href(id)},
                          std::move(view), &taken.error());
}

// ---- An item's minutes, resolutions and actions ----

namespace {

struct MinutesValues {
    std::string told, questions;
    std::string title, text, reasons, options, maker, decided_on;
    bool key_decision = false;
    std::string action_text, owner, owner_name, due;
    std::string version;  // the item's, as the refused form was read at
};

std::vector<Field> told_fields(const MinutesValues& v) {
    return {{.name = "minutes_told",
             .label = "What the meeting was told",
             .hint = "Who presented and what they said, in Markdown: a blank line between "
                     "paragraphs, - for a list",
             .kind = "area",
             .value = v.told,
             .rows = 10},
            {.name = "minutes_questions",
             .label = "Questions and discussion",
             .hint = "The questions members asked and the answers given",
             .kind = "area",
             .value = v.questions,
             .rows = 6}};
}

std::vector<Field> resolution_fields(const MinutesValues& v) {
    return {{.name = "title",
             .label = "Title of the decision",
             .hint = "A few words for the decisions register, for example Corporate Support "
                     "directorate update noted",
             .value = v.title,
             .id = "resolution-title"},
            {.name = "text",
             .label = "Resolution",
             .hint = "As minuted, for example Agreed that the update be noted",
             .kind = "area",
             .value = v.text,
             .id = "resolution-text",
             .rows = 4},
            {.name = "reasons",
             .label = "Reasons for the decision (optional)",
             .kind = "area",
             .value = v.reasons,
             .id = "resolution-reasons",
             .rows = 3},
            {.name = "options_considered",
             .label = "Other options considered (optional)",
             .kind = "area",
             .value = v.options,
             .id = "resolution-options_considered",
             .rows = 3},
            {.name = "decision_maker",
             .label = "Decision maker",
             .value = v.maker,
             .id = "resolution-decision_maker"},
            {.name = "decided_on",
             .label = "Date of the decision",
             .hint = "As YYYY-MM-DD",
             .value = v.decided_on,
             .id = "resolution-decided_on",
             .width = "govuk-input--width-10"},
            {.name = "key_decision",
             .label = "This is a key decision",
             .kind = "checkbox",
             .value = v.key_decision ? "yes" : "",
             .id = "resolution-key_decision"}};
}

std::vector<Field> action_fields(const MinutesValues& v, const Choices& people) {
    return {{.name = "text",
             .label = "Action",
             .hint = "What is to be done, for example Bring the updated customer contact figures "
                     "to the next meeting",
             .kind = "area",
             .value = v.action_text,
             .id = "action-text",
             .rows = 3},
            {.name = "owner_person_id",
             .label = "Owner",
             .kind = "select",
             .value = v.owner,
             .id = "action-owner_person_id",
             .blank = "Someone not in the register (name them below)",
             .options = people},
            {.name = "owner_name",
             .label = "Owner's name, if not in the register (optional)",
             .value = v.owner_name,
             .id = "action-owner_name"},
            {.name = "due_date",
             .label = "Due date (optional)",
             .hint = "As YYYY-MM-DD, for example 2026-12-08",
             .value = v.due,
             .id = "action-due_date",
             .width = "govuk-input--width-10"}};
}

// Which of the minutes page's three forms was sent, for its errors.
enum class MinutesForm { None, Told, Resolution, Action };

// Builds the minutes page of an item: its three forms, what is recorded so far, and the
// errors of the form that was refused.
Response minutes_page(const Pages& p, const Request& r, const Context& c, const ItemView& item,
                      const MeetingView& mv, MinutesValues v, MinutesForm sent,
                      const Error* error) {
    const AgendaItem& i = item.item;
    json::object view{
        {"caption", fmt::format("{}, {}", mv.meeting.title, long_date(mv.meeting.date))},
        {"number", i.number},
        {"title", i.title},
        {"item_href", item_href(i.meeting_id, i.number)},
        {"minutes_href", meeting_href(i.meeting_id) + "/minutes"},
        {"version", i.version},
        {"told_action", "/agenda-items/" + i.id + "/minutes"},
        {"resolution_action", "/agenda-items/" + i.id + "/resolutions"},
        {"action_action", "/agenda-items/" + i.id + "/actions"},
        {"exempt", item.exempt},
        {"notice", item.exempt_notice},
        {"locked", mv.meeting.minutes_status == "approved"}};
    if (!v.version.empty()) view["version"] = v.version;
    view["resolution_open"] = error && sent == MinutesForm::Resolution;
    view["action_open"] = error && sent == MinutesForm::Action;
    view["told_html"] = fields_html(told_fields(v), sent == MinutesForm::Told ? error : nullptr);
    view["resolution_html"] =
        fields_html(resolution_fields(v), sent == MinutesForm::Resolution ? error : nullptr);
    view["action_html"] = fields_html(action_fields(v, p.people_choices(c)),
                                      sent == MinutesForm::Action ? error : nullptr);
    // What is recorded so far for the item.
    DecisionQuery dq;
    dq.meeting_id = i.meeting_id;
    dq.limit = 200;
    json::array decisions;
    if (auto found = p.service.list_decisions(c, dq))
        for (const auto& d : found->items)
            if (d.decision.item_id == i.id) decisions.push_back(p.decision_row(d));
    view["has_decisions"] = !decisions.empty();
    view["decisions"] = std::move(decisions);
    ActionQuery aq;
    aq.meeting_id = i.meeting_id;
    json::array acts;
    if (auto found = p.service.list_actions(c, aq))
        for (const auto& a : *found)
            if (a.action.item_id == i.id) acts.push_back(p.action_row(a));
    view["has_actions"] = !acts.empty();
    view["actions"] = std::move(acts);

    const std::string heading = fmt::format("Minutes of item {}", i.number);
    if (!error) return p.pages.page(r, "governance/minutes_form", heading, std::move(view));
    add_errors(view, *error,
               sent == MinutesForm::Resolution ? "resolution-"
               : sent == MinutesForm::Action   ? "action-"
                                               : "");
    return p.pages.page(r, "governance/minutes_form", "Error: " + heading, std::move(view),
                        error->kind == ErrorKind::Conflict ? 409 : 422);
}

// The item a minutes route names, and its meeting, when the caller may write its minutes.
struct ItemHere {
    ItemView item;
    MeetingView meeting;
};

Result<ItemHere> item_here(const Pages& p, const Context& c, const std::string& id) {
    auto item = p.service.get_item(c, id);
    if (!item) return std::unexpected(item.error());
    auto found = p.service.get_meeting(c, item->item.meeting_id);
    if (!found) return std::unexpected(found.error());
    if (!found->can_edit || item->redacted || item->item.archived_at)
        return std::unexpected(nothing_here());
    return ItemHere{std::move(*item), std::move(*found)};
}

MinutesValues defaults(const ItemHere& h) {
    MinutesValues v;
    v.told = h.item.item.minutes_told;
    v.questions = h.item.item.minutes_questions;
    v.maker = h.meeting.body_name;
    v.decided_on = h.meeting.meeting.date;
    v.title = h.item.item.title;
    v.key_decision = h.item.item.key_decision;
    return v;
}

}  // namespace

Response Pages::minutes_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto here = item_here(*this, c, std::string(r.param("id")));
    if (!here) return kit::error_page(pages, r, here.error());
    return minutes_page(*this, r, c, here->item, here->meeting, defaults(*here), MinutesForm::None,
                        nullptr);
}

Response Pages::write_minutes(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto here = item_here(*this, c, id);
    if (!here) return kit::error_page(pages, r, here.error());
    const auto form = http::parse_form(r.body);
    ItemInput in;
    in.minutes_told = field(form, "minutes_told");
    in.minutes_questions = field(form, "minutes_questions");
    auto saved_item = service.update_item(c, id, in, kit::form_version(form));
    if (saved_item)
        return kit::saved(r, "/agenda-items/" + id + "/minutes",
                          fmt::format("Minutes of item {} saved", saved_item->number));
    auto v = defaults(*here);
    v.told = kit::form_text(form, "minutes_told");
    v.questions = kit::form_text(form, "minutes_questions");
    v.version = kit::form_text(form, "version");
    return minutes_page(*this, r, c, here->item, here->meeting, v, MinutesForm::Told,
                        &saved_item.error());
}

Response Pages::add_resolution(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto here = item_here(*this, c, id);
    if (!here) return kit::error_page(pages, r, here.error());
    const auto form = http::parse_form(r.body);
    DecisionInput in;
    in.item_id = id;
    in.title = field(form, "title");
    in.text = field(form, "text");
    in.reasons = field(form, "reasons");
    in.options_considered = field(form, "options_considered");
    in.decision_maker = field(form, "decision_maker");
    in.decided_on = field(form, "decided_on");
    in.key_decision = kit::form_text(form, "key_decision") == "yes";
    auto made = service.create_decision(c, in);
    if (made) return kit::saved(r, "/agenda-items/" + id + "/minutes", "Resolution recorded");
    auto v = defaults(*here);
    v.title = kit::form_text(form, "title");
    v.text = kit::form_text(form, "text");
    v.reasons = kit::form_text(form, "reasons");
    v.options = kit::form_text(form, "options_considered");
    v.maker = kit::form_text(form, "decision_maker");
    v.decided_on = kit::form_text(form, "decided_on");
    v.key_decision = kit::form_text(form, "key_decision") == "yes";
    return minutes_page(*this, r, c, here->item, here->meeting, v, MinutesForm::Resolution,
                        &made.error());
}

Response Pages::add_action(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto here = item_here(*this, c, id);
    if (!here) return kit::error_page(pages, r, here.error());
    const auto form = http::parse_form(r.body);
    ActionInput in;
    in.item_id = id;
    in.text = field(form, "text");
    const std::string owner(trim(kit::form_text(form, "owner_person_id")));
    if (!owner.empty()) in.owner_person_id = owner;
    if (auto name = field(form, "owner_name"); name && !trim(*name).empty()) in.owner_name = name;
    if (auto due = field(form, "due_date"); due && !trim(*due).empty()) in.due_date = due;
    auto made = service.create_action(c, in);
    if (made) return kit::saved(r, "/agenda-items/" + id + "/minutes", "Action recorded");
    auto v = defaults(*here);
    v.action_text = kit::form_text(form, "text");
    v.owner = owner;
    v.owner_name = kit::form_text(form, "owner_name");
    v.due = kit::form_text(form, "due_date");
    return minutes_page(*this, r, c, here->item, here->meeting, v, MinutesForm::Action,
                        &made.error());
}

// ---- Approving the minutes ----

namespace {

// The later meetings of the body at which the minutes may be approved.
Choices later_meetings(const Pages& p, const Context& c, const Meeting& m) {
    MeetingQuery q;
    q.body_id = m.body_id;
    q.from = m.date;
    Choices out;
    if (auto found = p.all_meetings(c, q, 20))
        for (const auto& v : *found)
            if (v.meeting.id != m.id && v.meeting.status != "cancelled" &&
                (v.meeting.date > m.date ||
                 (v.meeting.date == m.date && v.meeting.start_time > m.start_time)))
                out.emplace_back(v.meeting.id, fmt::format("{}, {}", long_date(v.meeting.date),
                                                           v.meeting.start_time));
    return out;
}

}  // namespace

Response Pages::approval_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit || found->meeting.archived_at)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const Meeting& m = found->meeting;
    const auto later = later_meetings(*this, c, m);
    std::string at(trim(r.query_param("at").value_or("")));
    if (at.empty() && !later.empty()) at = later.front().first;
    json::object view{{"caption", fmt::format("{}, {}", m.title, long_date(m.date))},
                      {"version", m.version}};
    view["intro"] = m.minutes_status == "draft"
                        ? "Minutes are approved as a correct record at a later meeting of the "
                          "same body. Once approved they are locked: a later correction is "
                          "recorded beside them, not written over them."
                    : m.minutes_status == "approved"
                        ? "These minutes are already approved."
                        : "There are no minutes to approve yet: write the minutes of the "
                          "meeting's items first.";
    return form_page(
        pages, r,
        {"governance/form", "Approve the minutes", meeting_href(id) + "/minutes/approve",
         "Approve minutes", meeting_href(id) + "/minutes"},
        {{.name = "at_meeting_id",
          .label = "Approved at the meeting on",
          .kind = "radios",
          .value = at,
          .options = later}},
        std::move(view));
}

Response Pages::approve(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_meeting(c, id);
    if (!found || !found->can_edit)
        return kit::error_page(pages, r, found ? nothing_here() : found.error());
    const auto form = http::parse_form(r.body);
    MinutesApprovalInput in;
    in.at_meeting_id = field(form, "at_meeting_id");
    auto done = service.approve_minutes(c, id, in, kit::form_version(form));
    if (done)
        return kit::saved(
            r,
            in.at_meeting_id && !in.at_meeting_id->empty() ? meeting_href(*in.at_meeting_id)
                                                           : meeting_href(id) + "/minutes",
            fmt::format("Minutes of the meeting on {} approved", short_date(found->meeting.date)));
    const Meeting& m = found->meeting;
    json::object view{{"caption", fmt::format("{}, {}", m.title, long_date(m.date))},
                      {"version", kit::form_text(form, "version")}};
    return form_page(
        pages, r,
        {"governance/form", "Approve the minutes", meeting_href(id) + "/minutes/approve",
         "Approve minutes", meeting_href(id) + "/minutes"},
        {{.name = "at_meeting_id",
          .label = "Approved at the meeting on",
          .kind = "radios",
          .value = kit::form_text(form, "at_meeting_id"),
          .options = later_meetings(*this, c, m)}},
        std::move(view), &done.error());
}

}  // namespace civic::governance::pages_detail
