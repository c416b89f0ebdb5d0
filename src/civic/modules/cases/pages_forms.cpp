// SPDX-License-Identifier: AGPL-3.0-or-later
// The case forms: record a new case (the intake), send a response, stop, restart or extend the
// clock (or record a clarification), escalate to the next stage, close with an outcome, and
// reopen. Each calls the same service function as the API; a refused save shows the form again
// with GOV.UK's error summary (422, or 409 when someone else recorded something first); a
// visitor who is not signed in is sent to sign in, and one who does not handle the case is told
// there is nothing at the address.

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/text.hpp"
#include "civic/modules/cases/pages_support.hpp"
#include "civic/modules/cases/rules.hpp"
#include "civic/modules/kit/checks.hpp"

namespace civic::cases::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Error nothing_here() { return Error::not_found("There is nothing at this address."); }

std::string capital(std::string_view s) { return kit::Checks::capitalise(s); }

Choices fixed(std::span<const std::string_view> values) {
    Choices out;
    for (auto v : values) out.emplace_back(std::string(v), capital(v));
    return out;
}

// A form's value, or the fallback when the form was not sent.
std::string sent_or(const kit::Form* sent, std::string_view name, std::string fallback) {
    return sent ? kit::form_text(*sent, name) : std::move(fallback);
}

std::optional<std::string> field(const kit::Form& form, std::string_view name) {
    return kit::form_value(form, name);
}

// The case as its handler may act on it; nothing here for anyone else.
Result<CaseView> handled(const CasesService& service, const Context& c, const std::string& id) {
    auto found = service.get_case(c, id);
    if (!found) return std::unexpected(found.error());
    if (!found->may_handle) return std::unexpected(nothing_here());
    return found;
}

// The form of one step on a case: it posts to the case's address for the step and cancels back
// to the case.
kit::FormPage step_page(const CaseView& v, std::string heading, std::string_view step,
                        std::string button) {
    const auto href = case_href(v.record.id);
    return {"kit/form", std::move(heading), href + "/" + std::string(step), std::move(button),
            href};
}

json::object about(const CaseView& v) {
    return json::object{{"caption", v.record.reference + " " + v.record.subject},
                        {"version", std::to_string(v.record.version)}};
}

// A step's form shown again after a refused save, with what was sent and the version it was
// read at.
Response refused(const http::PageRenderer& pages, const Request& r, const kit::FormPage& page,
                 const std::vector<Field>& fields, const CaseView& v, const kit::Form& form,
                 const Error& error) {
    auto view = about(v);
    view["version"] = kit::form_text(form, "version");
    return kit::form_page(pages, r, page, fields, std::move(view), &error);
}

// The open targets of the case's current stage, {key, label}.
Choices open_targets(const CaseView& v) {
    Choices out;
    if (v.clock.stages.empty()) return out;
    for (const auto& t : v.clock.stages.back().targets)
        if (!t.met_on) out.emplace_back(t.key, t.label);
    return out;
}

// Whether any target of the case is counted in working hours (its forms ask for times).
bool in_hours(const CaseView& v) {
    for (const auto& s : v.clock.stages)
        for (const auto& t : s.targets)
            if (t.in_hours) return true;
    return false;
}

}  // namespace

// ---- The intake ----

namespace {

std::vector<Field> intake_fields(const Pages& p, const Context& c, const kit::Form* sent) {
    const auto v = [&](std::string_view name, std::string fallback = "") {
        return sent_or(sent, name, std::move(fallback));
    };
    std::vector<Field> f;
    f.push_back({.name = "case_type_id",
                 .label = "Type of case",
                 .kind = "select",
                 .value = v("case_type_id"),
                 .blank = "Choose a type",
                 .options = p.type_choices(c)});
    f.push_back({.name = "received_on",
                 .label = "Date received",
                 .hint = "Written as YYYY-MM-DD. The clock counts from the next working day.",
                 .value = v("received_on", format_iso_date(kit::today(c))),
                 .width = "govuk-input--width-10"});
    if (auto priorities = p.priority_choices(c); !priorities.empty()) {
        f.push_back({.name = "received_at",
                     .label = "Time received (optional)",
                     .hint = "Written as HH:MM, for example 14:30. Needed for a type whose targets "
                             "are counted in working hours, such as an ICT incident; left blank "
                             "for one received today, the time now.",
                     .value = v("received_at"),
                     .width = "govuk-input--width-5"});
        f.push_back({.name = "priority",
                     .label = "Priority",
                     .hint = "For a type with priorities, such as an ICT incident",
                     .kind = "select",
                     .value = v("priority"),
                     .blank = "No priority",
                     .options = std::move(priorities)});
    }
    f.push_back({.name = "channel",
                 .label = "How it came in",
                 .kind = "select",
                 .value = v("channel", "email"),
                 .options = fixed(k_channels)});
    f.push_back({.name = "requester_kind",
                 .label = "Who is asking",
                 .kind = "radios",
                 .value = v("requester_kind"),
                 .options = fixed(k_requester_kinds)});
    f.push_back({.name = "requester_person_id",
                 .label = "The councillor",
                 .hint = "For a councillor's enquiry",
                 .kind = "select",
                 .value = v("requester_person_id"),
                 .blank = "Not a councillor",
                 .options = p.people_choices(c, "councillor")});
    f.push_back({.name = "requester_name",
                 .label = "The requester's name",
                 .hint = "Leave blank for a councillor chosen above",
                 .value = v("requester_name")});
    f.push_back({.name = "requester_contact",
                 .label = "How to reach them (optional)",
                 .hint = "An email address, a telephone number or a postal address",
                 .kind = "area",
                 .value = v("requester_contact"),
                 .rows = 3});
    f.push_back({.name = "on_behalf_of",
                 .label = "The resident the councillor asks for",
                 .hint = "Only when a councillor asks for a resident",
                 .value = v("on_behalf_of")});
    f.push_back({.name = "subject",
                 .label = "Subject",
                 .hint = "A short title everyone who may see the case reads: no names or addresses",
                 .value = v("subject")});
    f.push_back({.name = "description",
                 .label = "The request (optional)",
                 .hint = "In the requester's words. Only those handling the case see it.",
                 .kind = "area",
                 .value = v("description"),
                 .rows = 6});
    f.push_back({.name = "unit_id",
                 .label = "Unit handling it",
                 .kind = "select",
                 .value = v("unit_id"),
                 .blank = "Choose a unit",
                 .options = p.unit_choices(c)});
    f.push_back({.name = "officer_person_id",
                 .label = "Officer (optional)",
                 .kind = "select",
                 .value = v("officer_person_id"),
                 .blank = "Not assigned yet",
                 .options = p.people_choices(c, "officer")});
    return f;
}

const kit::FormPage k_intake{"kit/form", "Record a case", "/cases", "Record the case", "/cases"};

}  // namespace

Response Pages::new_case(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    return kit::form_page(pages, r, k_intake, intake_fields(*this, c, nullptr),
                          json::object{{"intro",
                                        "The clock starts from the date it was received: the "
                                        "next working day is day 1."}});
}

Response Pages::create_case(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const auto form = http::parse_form(r.body);
    CaseInput in;
    in.case_type_id = field(form, "case_type_id");
    in.received_on = field(form, "received_on");
    in.received_at = field(form, "received_at");
    in.priority = field(form, "priority");
    in.channel = field(form, "channel");
    in.requester_kind = field(form, "requester_kind");
    in.requester_person_id = field(form, "requester_person_id");
    in.requester_name = field(form, "requester_name");
    in.requester_contact = field(form, "requester_contact");
    in.on_behalf_of = field(form, "on_behalf_of");
    in.subject = field(form, "subject");
    in.description = field(form, "description");
    in.unit_id = field(form, "unit_id");
    in.officer_person_id = field(form, "officer_person_id");
    auto made = service.create_case(c, in);
    if (!made)
        return kit::form_page(pages, r, k_intake, intake_fields(*this, c, &form), json::object{},
                              &made.error());
    return kit::saved(r, case_href(made->id), fmt::format("Case {} recorded", made->reference));
}

// ---- A response ----

namespace {

std::vector<Field> response_fields(const Pages& p, const Context& c, const CaseView& v,
                                   const kit::Form* sent) {
    const bool complaint = v.type.kind == "complaint";
    std::vector<Field> f;
    f.push_back({.name = "target",
                 .label = "What it is",
                 .kind = "radios",
                 .value = sent_or(sent, "target", ""),
                 .options = open_targets(v)});
    f.push_back({.name = "sent_on",
                 .label = "Date sent",
                 .hint = "Written as YYYY-MM-DD",
                 .value = sent_or(sent, "sent_on", format_iso_date(kit::today(c))),
                 .width = "govuk-input--width-10"});
    if (in_hours(v))
        f.push_back({.name = "sent_at",
                     .label = "Time sent",
                     .hint = "Written as HH:MM. Left blank for one sent today, the time now.",
                     .value = sent_or(sent, "sent_at", ""),
                     .width = "govuk-input--width-5"});
    f.push_back({.name = "body",
                 .label = "What was sent",
                 .hint = complaint
                             ? "A complaint's response must give the Ombudsman's details, for "
                               "example: If you are not satisfied with this response, you can ask "
                               "the Local Government and Social Care Ombudsman to look at your "
                               "complaint: www.lgo.org.uk."
                             : "The letter or email as sent. Markdown is kept as written.",
                 .kind = "area",
                 .value = sent_or(sent, "body", ""),
                 .rows = 10});
    f.push_back(
        {.name = "officer_person_id",
         .label = "Sent by",
         .kind = "select",
         .value = sent_or(sent, "officer_person_id", v.record.officer_person_id.value_or("")),
         .blank = "The case's officer",
         .options = p.people_choices(c, "officer")});
    f.push_back(attachments_field());
    return f;
}

kit::FormPage response_page(const CaseView& v) {
    return step_page(v, "Send a response", "response", "Record the response");
}

}  // namespace

Response Pages::response_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto v = handled(service, c, std::string(r.param("id")));
    if (!v || v->record.status != "open")
        return kit::error_page(pages, r, v ? nothing_here() : v.error());
    return kit::form_page(pages, r, response_page(*v), response_fields(*this, c, *v, nullptr),
                          about(*v));
}

Response Pages::respond(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto v = handled(service, c, id);
    if (!v) return kit::error_page(pages, r, v.error());
    auto posted = http::posted_form(r);
    if (!posted) return kit::error_page(pages, r, Error::bad_request(posted.error()));
    const auto& form = posted->fields;
    ResponseInput in;
    in.target = field(form, "target");
    in.sent_on = field(form, "sent_on");
    in.sent_at = field(form, "sent_at");
    in.body = field(form, "body");
    in.officer_person_id = field(form, "officer_person_id");
    in.attachments = attachment_inputs(posted->files);
    auto done = service.add_response(c, id, in, kit::form_version(form));
    if (!done) {
        return refused(pages, r, response_page(*v), response_fields(*this, c, *v, &form), *v, form,
                       on_attachments_field(done.error()));
    }
    return kit::saved(r, case_href(id), "Response recorded");
}

// ---- The clock ----

namespace {

std::vector<Field> clock_fields(const Context& c, const CaseView& v, const kit::Form* sent) {
    const bool foi = v.type.kind == "foi" || v.type.kind == "eir";
    Choices actions;
    if (v.clock.stopped) {
        actions.emplace_back("restart", "Restart: what we were waiting for has arrived");
    } else {
        actions.emplace_back("stop", "Stop: we are waiting for the requester");
        actions.emplace_back("extend", "Extend a deadline");
        if (v.type.kind == "ombudsman" || v.type.kind == "own")
            actions.emplace_back("set", "Set a deadline to the date a letter gives");
    }
    actions.emplace_back("clarify", "A clarification arrived: start the stage's clock again");
    std::vector<Field> f;
    f.push_back({.name = "action",
                 .label = "What happened",
                 .kind = "radios",
                 .value = sent_or(sent, "action", ""),
                 .options = std::move(actions)});
    f.push_back({.name = "on",
                 .label = "Date",
                 .hint = "Written as YYYY-MM-DD",
                 .value = sent_or(sent, "on", format_iso_date(kit::today(c))),
                 .width = "govuk-input--width-10"});
    if (in_hours(v))
        f.push_back({.name = "at",
                     .label = "Time",
                     .hint = "Written as HH:MM. Left blank for today, the time now.",
                     .value = sent_or(sent, "at", ""),
                     .width = "govuk-input--width-5"});
    f.push_back({.name = "reason",
                 .label = "Reason",
                 .hint = "What we are waiting for, or why more time is needed",
                 .kind = "area",
                 .value = sent_or(sent, "reason", ""),
                 .rows = 3});
    if (foi)
        f.push_back({.name = "fee_notice",
                     .label = "This stop is a fee notice (section 9 of the FOI Act)",
                     .hint = "The day of the notice and the day the fee arrives are not counted",
                     .kind = "checkbox",
                     .value = sent_or(sent, "fee_notice", "")});
    if (!v.clock.stopped) {
        f.push_back({.name = "target",
                     .label = "Deadline to extend or set",
                     .kind = "select",
                     .value = sent_or(sent, "target", ""),
                     .blank = "Choose the deadline",
                     .options = open_targets(v)});
        if (v.type.kind == "ombudsman" || v.type.kind == "own")
            f.push_back({.name = "due_on",
                         .label = "The date it is due (to set a deadline)",
                         .hint = "Written as YYYY-MM-DD, as the Ombudsman's letter gives it",
                         .value = sent_or(sent, "due_on", ""),
                         .width = "govuk-input--width-10"});
        const std::string unit = in_hours(v) ? "hours" : "days";
        f.push_back({.name = unit,
                     .label = "Working " + unit + " to add",
                     .value = sent_or(sent, unit, ""),
                     .width = "govuk-input--width-3"});
        f.push_back({.name = "told_on",
                     .label = "Date the requester was told",
                     .hint = v.type.kind == "complaint"
                                 ? "Needed for a complaint: the Code asks that they are told the "
                                   "reason and the Ombudsman's details"
                                 : "Written as YYYY-MM-DD (optional)",
                     .value = sent_or(sent, "told_on", ""),
                     .width = "govuk-input--width-10"});
    }
    return f;
}

kit::FormPage clock_page(const CaseView& v) {
    return step_page(v, "The clock", "clock", "Record it");
}

}  // namespace

Response Pages::clock_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto v = handled(service, c, std::string(r.param("id")));
    if (!v || v->record.status != "open")
        return kit::error_page(pages, r, v ? nothing_here() : v.error());
    return kit::form_page(pages, r, clock_page(*v), clock_fields(c, *v, nullptr), about(*v));
}

Response Pages::change_clock(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto v = handled(service, c, id);
    if (!v) return kit::error_page(pages, r, v.error());
    const auto form = http::parse_form(r.body);
    ClockInput in;
    in.action = field(form, "action");
    in.on = field(form, "on");
    in.at = field(form, "at");
    in.reason = field(form, "reason");
    in.fee_notice = kit::form_text(form, "fee_notice") == "yes";
    const bool extend = kit::form_text(form, "action") == "extend";
    std::vector<FieldError> errors;
    if (kit::form_text(form, "action") == "set") {
        in.target = field(form, "target");
        in.due_on = field(form, "due_on");
    }
    if (extend) {
        in.target = field(form, "target");
        in.told_on = field(form, "told_on");
        // "days", or "hours" for a case counted in working hours: whichever the form has.
        for (const std::string unit : {"days", "hours"}) {
            const std::string text(trim(kit::form_text(form, unit)));
            if (text.empty()) continue;
            std::optional<std::int64_t> n;
            try {
                std::size_t used = 0;
                const long read = std::stol(text, &used);
                if (used == text.size()) n = read;
            } catch (const std::exception&) {
            }
            if (!n)
                errors.push_back({unit, fmt::format("Working {} to add must be a whole number, "
                                                    "such as 10",
                                                    unit)});
            (unit == "days" ? in.days : in.hours) = n;
        }
    }
    Result<CaseEvent> done = errors.empty()
                                 ? service.change_clock(c, id, in, kit::form_version(form))
                                 : Result<CaseEvent>(std::unexpected(Error::validation(errors)));
    if (!done) {
        return refused(pages, r, clock_page(*v), clock_fields(c, *v, &form), *v, form,
                       done.error());
    }
    const std::string kind = done->kind;
    return kit::saved(r, case_href(id),
                      kind == "stopped"     ? "Clock stopped"
                      : kind == "restarted" ? "Clock restarted"
                      : kind == "clarified" ? "Clarification recorded: the clock starts again"
                      : kind == "set"       ? "Deadline set"
                                            : "Deadline extended");
}

// ---- Escalation ----

namespace {

std::vector<Field> escalation_fields(const Pages& p, const Context& c, const CaseView& v,
                                     const kit::Form* sent) {
    std::vector<Field> f;
    f.push_back({.name = "on",
                 .label = "Date the escalation was asked for",
                 .hint = "Written as YYYY-MM-DD. The next stage's clock counts from it.",
                 .value = sent_or(sent, "on", format_iso_date(kit::today(c))),
                 .width = "govuk-input--width-10"});
    f.push_back({.name = "officer_person_id",
                 .label = "Officer for the next stage",
                 .hint = v.type.later_stage_by_another_officer
                             ? "Someone who did not handle the stage before"
                             : "Leave as it is to keep the case's officer",
                 .kind = "select",
                 .value = sent_or(sent, "officer_person_id", ""),
                 .blank = "Choose an officer",
                 .options = p.people_choices(c, "officer")});
    f.push_back({.name = "reason",
                 .label = "Reason (optional)",
                 .kind = "area",
                 .value = sent_or(sent, "reason", ""),
                 .rows = 3});
    return f;
}

kit::FormPage escalation_page(const CaseView& v) {
    return step_page(v, "Escalate the case", "escalation", "Escalate");
}

}  // namespace

Response Pages::escalation_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto v = handled(service, c, std::string(r.param("id")));
    if (!v || v->next_stage_name.empty())
        return kit::error_page(pages, r, v ? nothing_here() : v.error());
    return kit::form_page(pages, r, escalation_page(*v), escalation_fields(*this, c, *v, nullptr),
                          about(*v));
}

Response Pages::escalate(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto v = handled(service, c, id);
    if (!v) return kit::error_page(pages, r, v.error());
    const auto form = http::parse_form(r.body);
    EscalationInput in;
    in.on = field(form, "on");
    in.reason = field(form, "reason");
    if (const auto who = kit::form_text(form, "officer_person_id"); !who.empty())
        in.officer_person_id = who;
    auto done = service.escalate(c, id, in, kit::form_version(form));
    if (!done) {
        return refused(pages, r, escalation_page(*v), escalation_fields(*this, c, *v, &form), *v,
                       form, done.error());
    }
    return kit::saved(r, case_href(id), "Case escalated");
}

// ---- Closure and reopening ----

namespace {

std::vector<Field> closure_fields(const Context& c, const CaseView& v, const kit::Form* sent) {
    std::vector<Field> f;
    f.push_back({.name = "closed_on",
                 .label = "Date closed",
                 .hint = "Written as YYYY-MM-DD",
                 .value = sent_or(sent, "closed_on", format_iso_date(kit::today(c))),
                 .width = "govuk-input--width-10"});
    f.push_back({.name = "outcome",
                 .label = "Outcome",
                 .kind = "radios",
                 .value = sent_or(sent, "outcome", ""),
                 .options = fixed(outcomes_for(v.type.kind))});
    f.push_back({.name = "resolved_on",
                 .label = "Date it was put right (optional)",
                 .hint = "Closed is not resolved: give this when the problem was put right. It "
                         "can be added later.",
                 .value = sent_or(sent, "resolved_on", ""),
                 .width = "govuk-input--width-10"});
    f.push_back({.name = "remedy",
                 .label = "Remedy (optional)",
                 .kind = "area",
                 .value = sent_or(sent, "remedy", ""),
                 .rows = 3});
    f.push_back({.name = "remedy_due_on",
                 .label = "Remedy to be done by (optional)",
                 .hint = "For an Ombudsman's remedy, its compliance date",
                 .value = sent_or(sent, "remedy_due_on", ""),
                 .width = "govuk-input--width-10"});
    f.push_back({.name = "lessons",
                 .label = "Lessons learned (optional)",
                 .kind = "area",
                 .value = sent_or(sent, "lessons", ""),
                 .rows = 3});
    return f;
}

kit::FormPage closure_page(const CaseView& v) {
    return step_page(v, "Close the case", "closure", "Close the case");
}

std::vector<Field> reopening_fields(const Context& c, const kit::Form* sent) {
    return {{.name = "on",
             .label = "Date reopened",
             .hint = "Written as YYYY-MM-DD. The stage's deadlines count again from it.",
             .value = sent_or(sent, "on", format_iso_date(kit::today(c))),
             .width = "govuk-input--width-10"},
            {.name = "reason",
             .label = "Why it is reopened",
             .kind = "area",
             .value = sent_or(sent, "reason", ""),
             .rows = 3}};
}

kit::FormPage reopening_page(const CaseView& v) {
    return step_page(v, "Reopen the case", "reopening", "Reopen the case");
}

}  // namespace

Response Pages::closure_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto v = handled(service, c, std::string(r.param("id")));
    if (!v || v->record.status != "open")
        return kit::error_page(pages, r, v ? nothing_here() : v.error());
    return kit::form_page(pages, r, closure_page(*v), closure_fields(c, *v, nullptr), about(*v));
}

Response Pages::close(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto v = handled(service, c, id);
    if (!v) return kit::error_page(pages, r, v.error());
    const auto form = http::parse_form(r.body);
    ClosureInput in;
    in.closed_on = field(form, "closed_on");
    in.outcome = field(form, "outcome");
    in.resolved_on = field(form, "resolved_on");
    in.remedy = field(form, "remedy");
    in.remedy_due_on = field(form, "remedy_due_on");
    in.lessons = field(form, "lessons");
    auto done = service.close(c, id, in, kit::form_version(form));
    if (!done) {
        return refused(pages, r, closure_page(*v), closure_fields(c, *v, &form), *v, form,
                       done.error());
    }
    return kit::saved(r, case_href(id), "Case closed");
}

Response Pages::reopening_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto v = handled(service, c, std::string(r.param("id")));
    if (!v || v->record.status != "closed")
        return kit::error_page(pages, r, v ? nothing_here() : v.error());
    return kit::form_page(pages, r, reopening_page(*v), reopening_fields(c, nullptr), about(*v));
}

Response Pages::reopen(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto v = handled(service, c, id);
    if (!v) return kit::error_page(pages, r, v.error());
    const auto form = http::parse_form(r.body);
    ReopeningInput in;
    in.on = field(form, "on");
    in.reason = field(form, "reason");
    auto done = service.reopen(c, id, in, kit::form_version(form));
    if (!done) {
        return refused(pages, r, reopening_page(*v), reopening_fields(c, &form), *v, form,
                       done.error());
    }
    return kit::saved(r, case_href(id), "Case reopened");
}

}  // namespace civic::cases::pages_detail
