// SPDX-License-Identifier: AGPL-3.0-or-later
// The form that makes a case's lessons learned an action in a plan: where it goes (a plan the
// reader may change, at its top level or under one of its items), its reference, title,
// description, lead officer and due date, the title and description already filled from the
// case. It calls the same service function as POST /api/v1/cases/{id}/lessons-actions; a
// refused save shows the form again with GOV.UK's error summary; a case the reader may not see,
// or one without lessons, or a reader with no plan to add to, finds nothing at the address.

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/modules/cases/pages_support.hpp"

namespace civic::cases::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

// A place as the form's select names it: the plan's id, and the item's after a slash.
std::string place_value(const ActionPlace& p) {
    return p.parent_id ? p.plan_id + "/" + *p.parent_id : p.plan_id;
}

Choices place_choices(const std::vector<ActionPlace>& places) {
    Choices out;
    for (const auto& p : places)
        out.emplace_back(place_value(p), p.parent_id ? p.label : p.label + ", at the top level");
    return out;
}

std::vector<Field> lessons_fields(const Pages& p, const Context& c,
                                  const std::vector<ActionPlace>& places,
                                  const LessonsActionInput& draft, const kit::Form* sent) {
    const auto v = [&](std::string_view name, const std::optional<std::string>& fallback) {
        return sent ? kit::form_text(*sent, name) : fallback.value_or("");
    };
    std::vector<Field> f;
    f.push_back({.name = "place",
                 .label = "Where the action goes",
                 .hint = "A plan you may change, at its top level or under one of its items",
                 .kind = "select",
                 .value = v("place", std::nullopt),
                 .blank = "Choose a plan or an item",
                 .options = place_choices(places)});
    f.push_back({.name = "ref",
                 .label = "Reference (optional)",
                 .hint = "Leave blank for the next number in its place, for example 1.3",
                 .value = v("ref", std::nullopt),
                 .width = "govuk-input--width-5"});
    f.push_back({.name = "title", .label = "Title", .value = v("title", draft.title)});
    f.push_back({.name = "description",
                 .label = "Description",
                 .hint = "The lessons learned, as the case records them: say what will change",
                 .kind = "area",
                 .value = v("description", draft.description),
                 .rows = 5});
    f.push_back({.name = "lead_person_id",
                 .label = "Lead officer (optional)",
                 .hint = "Who will see it done",
                 .kind = "select",
                 .value = v("lead_person_id", draft.lead_person_id),
                 .blank = "No lead yet",
                 .options = p.people_choices(c, "officer")});
    f.push_back({.name = "due_date",
                 .label = "Due date (optional)",
                 .hint = "Written as YYYY-MM-DD",
                 .value = v("due_date", std::nullopt),
                 .width = "govuk-input--width-10"});
    return f;
}

kit::FormPage lessons_page(const std::string& id) {
    const auto href = case_href(id);
    return {"kit/form", "Make an action from the lessons", href + "/lessons-action",
            "Make the action", href};
}

// The plan's and the parent's errors belong to the form's one field for both.
Error on_the_form(Error e) {
    for (auto& fe : e.errors)
        if (fe.field == "plan_id" || fe.field == "parent_id") fe.field = "place";
    return e;
}

}  // namespace

Response Pages::lessons_action_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_case(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    auto draft = service.lessons_action_draft(c, id);
    auto places = service.action_places(c, Places::WithTheirItems);
    if (!draft || !places || places->empty())
        return kit::error_page(pages, r, Error::not_found("There is nothing at this address."));
    return kit::form_page(
        pages, r, lessons_page(id), lessons_fields(*this, c, *places, *draft, nullptr),
        json::object{{"caption", found->record.reference + " " + found->record.subject},
                     {"intro",
                      "The action is added to the plan and linked to this case, so each "
                      "shows the other."}});
}

Response Pages::make_lessons_action(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_case(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    const auto form = http::parse_form(r.body);
    LessonsActionInput in;
    const std::string place = kit::form_text(form, "place");
    if (const auto slash = place.find('/'); slash != std::string::npos) {
        in.plan_id = place.substr(0, slash);
        in.parent_id = place.substr(slash + 1);
    } else {
        in.plan_id = place;
    }
    in.ref = kit::form_value(form, "ref");
    in.title = kit::form_value(form, "title");
    in.description = kit::form_value(form, "description");
    if (const auto lead = kit::form_text(form, "lead_person_id"); !lead.empty())
        in.lead_person_id = lead;
    if (const auto due = kit::form_text(form, "due_date"); !due.empty()) in.due_date = due;
    auto done = service.make_lessons_action(c, id, in);
    if (done)
        return kit::saved(
            r, case_href(id),
            fmt::format("Action {} added to the plan and linked to this case", done->item.ref));
    if (done.error().kind != ErrorKind::Validation) return kit::error_page(pages, r, done.error());
    auto draft = service.lessons_action_draft(c, id);
    auto places = service.action_places(c, Places::WithTheirItems);
    if (!draft || !places) return kit::error_page(pages, r, done.error());
    const Error error = on_the_form(done.error());
    return kit::form_page(
        pages, r, lessons_page(id), lessons_fields(*this, c, *places, *draft, &form),
        json::object{{"caption", found->record.reference + " " + found->record.subject}}, &error);
}

}  // namespace civic::cases::pages_detail
