// SPDX-License-Identifier: AGPL-3.0-or-later
// The risk forms: review a risk (its date, the likelihood and impact now, each labelled and
// described by the council's matrix, an optional new target, the commentary, each control's
// effectiveness and each mitigating action's progress); accept a risk above appetite until a
// date, or withdraw the acceptance in force; escalate a risk to the register above or
// de-escalate it to one below. Each calls the same service function as the API; a visitor
// who is not signed in is sent to sign in, and one who may not change the risk is told there
// is nothing at the address.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <span>

#include "civic/core/date.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/org/choices.hpp"
#include "civic/modules/risks/pages_support.hpp"

namespace civic::risks::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

Error nothing_here() { return Error::not_found("There is nothing at this address."); }

// The message a refused save left for one field, or "".
std::string error_for(const Error* error, std::string_view field) {
    if (!error) return "";
    for (const auto& e : error->errors)
        if (e.field == field) return e.message;
    return "";
}

// A group of radios, one for each level of the matrix ("4 Likely", its descriptor as the
// hint), the first carrying the group's name as its id so the error summary's link lands on
// it, drawn by risks/level_radios. `none` adds a last choice that clears the value.
std::string level_radios(std::string_view name, std::string_view legend, std::string_view hint,
                         const std::vector<Level>& levels, const std::string& chosen,
                         const Error* error, std::string_view none = {}) {
    json::array options;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const std::string value = std::to_string(i + 1);
        options.push_back(
            json::object{{"id", i == 0 ? std::string(name) : fmt::format("{}-{}", name, i + 1)},
                         {"value", value},
                         {"label", fmt::format("{} {}", i + 1, levels[i].label)},
                         {"hint", levels[i].descriptor},
                         {"checked", value == chosen}});
    }
    if (!none.empty())
        options.push_back(json::object{{"id", fmt::format("{}-none", name)},
                                       {"value", "none"},
                                       {"label", none},
                                       {"hint", ""},
                                       {"checked", chosen == "none"}});
    const std::string err = error_for(error, name);
    std::string described = hint.empty() ? "" : std::string(name) + "-hint";
    if (!err.empty()) described += (described.empty() ? "" : " ") + std::string(name) + "-error";
    return http::PageRenderer::render("risks/level_radios",
                                      json::object{{"name", name},
                                                   {"legend", legend},
                                                   {"hint", hint},
                                                   {"error", err},
                                                   {"described", described},
                                                   {"options", std::move(options)}});
}

json::array progress_options(std::string_view chosen) {
    return kit::options(k_action_progress, capitalised, chosen);
}

json::array effectiveness_options(std::string_view chosen) {
    return kit::options(k_effectiveness, capitalised, chosen);
}

// A form's value, or the one given when the form was not sent.
std::string sent_or(const kit::Form* sent, std::string_view name, std::string fallback) {
    return sent ? kit::form_text(*sent, name) : std::move(fallback);
}

}  // namespace

// ---- A review ----

namespace {

// The review form's view: the risk, the matrix's levels and what was sent or is stored.
json::object review_view(const RiskView& v, const Matrix& m,
                         const std::vector<kit::ShownLink>& mitigating, const Date& today,
                         const kit::Form* sent, const Error* error) {
    const Risk& x = v.risk;
    const std::string target_l =
        x.target_likelihood ? std::to_string(*x.target_likelihood) : std::string();
    const std::string target_i = x.target_impact ? std::to_string(*x.target_impact) : std::string();
    json::object view{
        {"caption", x.reference + " " + x.title},
        {"risk_href", risk_href(x.id)},
        {"now", fmt::format("The current score is {} ({} × {}, {})", v.current.score,
                            v.current.pair.likelihood, v.current.pair.impact,
                            v.current.band.empty() ? "no band" : v.current.band)},
        {"reviewed_on", sent_or(sent, "reviewed_on", format_iso_date(today))},
        {"reviewed_on_error", error_for(error, "reviewed_on")},
        {"likelihood_html",
         level_radios(
             "current_likelihood", "Likelihood now",
             fmt::format("It was {} ({})", v.current.pair.likelihood, v.current.likelihood_label),
             m.likelihood, sent_or(sent, "current_likelihood", ""), error)},
        {"impact_html",
         level_radios("current_impact", "Impact now",
                      fmt::format("It was {} ({})", v.current.pair.impact, v.current.impact_label),
                      m.impact, sent_or(sent, "current_impact", ""), error)},
        {"target_likelihood_html",
         level_radios("target_likelihood", "Target likelihood (optional)",
                      "Where the actions should bring the risk", m.likelihood,
                      sent_or(sent, "target_likelihood", target_l), error, "No target")},
        {"target_impact_html",
         level_radios("target_impact", "Target impact (optional)", "", m.impact,
                      sent_or(sent, "target_impact", target_i), error, "No target")},
        {"target_open", !error_for(error, "target_likelihood").empty() ||
                            !error_for(error, "target_impact").empty()},
        {"commentary", sent_or(sent, "commentary", "")},
        {"commentary_error", error_for(error, "commentary")}};
    json::array controls;
    for (std::size_t i = 0; i < v.controls.size(); ++i) {
        const std::string name = fmt::format("controls[{}].effectiveness", i);
        controls.push_back(json::object{
            {"id", name},
            {"name", name},
            {"description", v.controls[i].description},
            {"error", error_for(error, name)},
            {"options", effectiveness_options(sent_or(sent, name, v.controls[i].effectiveness))}});
    }
    view["has_controls"] = !controls.empty();
    view["controls"] = std::move(controls);
    json::array actions;
    for (std::size_t i = 0; i < mitigating.size(); ++i) {
        const std::string progress = fmt::format("actions[{}].progress", i);
        const std::string note = fmt::format("actions[{}].note", i);
        actions.push_back(json::object{{"title", mitigating[i].other.label},
                                       {"title_name", fmt::format("actions[{}].title", i)},
                                       {"progress_id", progress},
                                       {"progress_error", error_for(error, progress)},
                                       {"options", progress_options(sent_or(sent, progress, ""))},
                                       {"note_id", note},
                                       {"note", sent_or(sent, note, "")}});
    }
    view["has_actions"] = !actions.empty();
    view["actions"] = std::move(actions);
    return view;
}

std::vector<kit::ShownLink> mitigating_links(const RiskDetail& d) {
    std::vector<kit::ShownLink> out;
    for (const auto& l : d.links)
        if (l.link.kind == "mitigates") out.push_back(l);
    return out;
}

}  // namespace

Response Pages::review_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.risk_detail(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->view.can_edit || found->view.risk.status != "open")
        return kit::error_page(pages, r, nothing_here());
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    const auto& x = found->view.risk;
    return kit::show_form(
        pages, r,
        {"risks/review_form", "Review the risk", risk_href(x.id) + "/review", "Save the review",
         risk_href(x.id)},
        review_view(found->view, *m, mitigating_links(*found), kit::today(c), nullptr, nullptr));
}

Response Pages::create_review(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.risk_detail(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->view.can_edit) return kit::error_page(pages, r, nothing_here());
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    const auto form = http::parse_form(r.body);
    const auto mitigating = mitigating_links(*found);
    std::vector<FieldError> errors;
    ReviewInput in;
    in.reviewed_on = kit::form_value(form, "reviewed_on");
    in.current_likelihood = form_integer(form, "current_likelihood", "Likelihood now", errors);
    in.current_impact = form_integer(form, "current_impact", "Impact now", errors);
    // "No target" clears the target; a level sets it; nothing sent leaves it as it was.
    const auto target = [&](std::string_view name,
                            std::string_view label) -> std::optional<std::optional<std::int64_t>> {
        const std::string text(trim(kit::form_text(form, name)));
        if (text.empty()) return std::nullopt;
        if (text == "none") return std::optional<std::int64_t>();
        return form_integer(form, name, label, errors);
    };
    in.target_likelihood = target("target_likelihood", "Target likelihood");
    in.target_impact = target("target_impact", "Target impact");
    in.commentary = kit::form_value(form, "commentary");
    std::vector<ControlInput> controls;
    for (std::size_t i = 0; i < found->view.controls.size(); ++i)
        controls.push_back({found->view.controls[i].description,
                            kit::form_value(form, fmt::format("controls[{}].effectiveness", i))});
    if (!controls.empty()) in.controls = std::move(controls);
    std::vector<ReviewInput::ActionState> actions;
    for (std::size_t i = 0; i < mitigating.size(); ++i) {
        const auto progress = kit::form_value(form, fmt::format("actions[{}].progress", i));
        if (!progress || trim(*progress).empty()) continue;
        actions.push_back({mitigating[i].other.label, progress,
                           kit::form_value(form, fmt::format("actions[{}].note", i))});
    }
    if (!actions.empty()) in.actions = std::move(actions);

    Result<Review> saved = std::unexpected(Error::validation(errors));
    if (errors.empty()) saved = service.create_review(c, id, in);
    if (saved) return kit::saved(r, risk_href(id), "Review saved");
    if (saved.error().kind != ErrorKind::Validation && saved.error().kind != ErrorKind::Conflict)
        return kit::error_page(pages, r, saved.error());
    return kit::show_form(
        pages, r,
        {"risks/review_form", "Review the risk", risk_href(id) + "/review", "Save the review",
         risk_href(id)},
        review_view(found->view, *m, mitigating, kit::today(c), &form, &saved.error()),
        &saved.error());
}

// ---- Acceptance ----

namespace {

json::object acceptance_view(const RiskView& v, const kit::Form* sent, const Error* error) {
    const Risk& x = v.risk;
    json::object view{
        {"caption", x.reference + " " + x.title},
        {"risk_href", risk_href(x.id)},
        {"current", score_json(v.current)},
        {"above_appetite", v.above_appetite},
        {"version", sent ? kit::form_text(*sent, "version") : std::to_string(x.version)},
        {"reason", sent_or(sent, "reason", "")},
        {"reason_error", error_for(error, "reason")},
        {"until", sent_or(sent, "until", "")},
        {"until_error", error_for(error, "until")},
        {"withdraw_href", risk_href(x.id) + "/acceptance/withdrawal"}};
    if (v.appetite) {
        view["appetite"] = *v.appetite;
        view["appetite_source"] = v.appetite_source;
    }
    if (v.acceptance && (v.acceptance->state == "active" || v.acceptance->state == "expiring")) {
        const Acceptance& a = v.acceptance->acceptance;
        view["in_force"] = json::object{{"until", day(a.until)},
                                        {"on", day(a.accepted_on)},
                                        {"by", a.accepted_by},
                                        {"reason", a.reason},
                                        {"tag", acceptance_tag(v.acceptance->state)},
                                        {"show_tag", v.acceptance->state != "active"}};
    }
    return view;
}

}  // namespace

Response Pages::acceptance_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.get_risk(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->can_edit || found->risk.status != "open")
        return kit::error_page(pages, r, nothing_here());
    const std::string href = risk_href(found->risk.id);
    return kit::show_form(
        pages, r,
        {"risks/acceptance_form", "Accept the risk", href + "/acceptance", "Accept the risk", href},
        acceptance_view(*found, nullptr, nullptr));
}

Response Pages::accept(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_risk(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->can_edit) return kit::error_page(pages, r, nothing_here());
    const auto form = http::parse_form(r.body);
    AcceptanceInput in;
    in.reason = kit::form_value(form, "reason");
    in.until = kit::form_value(form, "until");
    auto saved = service.accept(c, id, in, kit::form_version(form));
    if (saved) return kit::saved(r, risk_href(id), "Risk accepted until " + day(saved->until));
    if (saved.error().kind != ErrorKind::Validation && saved.error().kind != ErrorKind::Conflict)
        return kit::error_page(pages, r, saved.error());
    return kit::show_form(pages, r,
                          {"risks/acceptance_form", "Accept the risk",
                           risk_href(id) + "/acceptance", "Accept the risk", risk_href(id)},
                          acceptance_view(*found, &form, &saved.error()), &saved.error());
}

Response Pages::withdraw(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_risk(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->can_edit) return kit::error_page(pages, r, nothing_here());
    const auto form = http::parse_form(r.body);
    auto saved = service.withdraw_acceptance(c, id, kit::form_version(form));
    if (saved) return kit::saved(r, risk_href(id), "Acceptance withdrawn");
    if (saved.error().kind != ErrorKind::Conflict) return kit::error_page(pages, r, saved.error());
    return kit::show_form(pages, r,
                          {"risks/acceptance_form", "Accept the risk",
                           risk_href(id) + "/acceptance", "Accept the risk", risk_href(id)},
                          acceptance_view(*found, nullptr, &saved.error()), &saved.error());
}

// ---- Escalation ----

Response Pages::escalation_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.get_risk(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->can_edit || found->risk.status != "open")
        return kit::error_page(pages, r, nothing_here());
    const std::string href = risk_href(found->risk.id);
    auto reg = service.get_register(c, found->risk.register_id);
    if (!reg) return kit::error_page(pages, r, reg.error());
    Choices below;
    for (const auto& ch : reg->children) below.emplace_back(ch.id, ch.name);
    json::object view{
        {"caption", found->risk.reference + " " + found->risk.title},
        {"register", reg->reg.name},
        {"version", std::to_string(found->risk.version)},
        {"has_up", reg->reg.parent_id.has_value()},
        {"up_words", "Escalate to " + reg->parent_name.value_or("the register above")},
        {"has_down", !below.empty()},
        {"can_move", !below.empty() || (reg && reg->reg.parent_id.has_value())},
        {"down_id", reg && reg->reg.parent_id ? "direction-2" : "direction"},
        {"registers", choices(below, "")},
        {"moved_on", format_iso_date(kit::today(c))}};
    return kit::show_form(pages, r,
                          {"risks/escalation_form", "Move the risk to another register",
                           href + "/escalation", "Move the risk", href},
                          std::move(view));
}

Response Pages::escalate(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_risk(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->can_edit) return kit::error_page(pages, r, nothing_here());
    const auto form = http::parse_form(r.body);
    EscalationInput in;
    in.direction = kit::form_value(form, "direction");
    if (in.direction == "down") in.register_id = kit::form_value(form, "register_id");
    in.reason = kit::form_value(form, "reason");
    in.moved_on = kit::form_value(form, "moved_on");
    auto saved = service.escalate(c, id, in, kit::form_version(form));
    if (saved)
        return kit::saved(r, risk_href(id),
                          saved->direction == "up" ? "Risk escalated" : "Risk de-escalated");
    if (saved.error().kind != ErrorKind::Validation && saved.error().kind != ErrorKind::Conflict)
        return kit::error_page(pages, r, saved.error());
    auto reg = service.get_register(c, found->risk.register_id);
    Choices below;
    if (reg)
        for (const auto& ch : reg->children) below.emplace_back(ch.id, ch.name);
    json::object view{
        {"caption", found->risk.reference + " " + found->risk.title},
        {"register", reg ? reg->reg.name : std::string()},
        {"version", kit::form_text(form, "version")},
        {"has_up", reg && reg->reg.parent_id.has_value()},
        {"up_words",
         "Escalate to " + (reg ? reg->parent_name.value_or("the register above") : std::string())},
        {"direction_up", kit::form_text(form, "direction") == "up"},
        {"direction_down", kit::form_text(form, "direction") == "down"},
        {"has_down", !below.empty()},
        {"can_move", !below.empty() || (reg && reg->reg.parent_id.has_value())},
        {"down_id", reg && reg->reg.parent_id ? "direction-2" : "direction"},
        {"registers", choices(below, kit::form_text(form, "register_id"))},
        {"reason", kit::form_text(form, "reason")},
        {"moved_on", kit::form_text(form, "moved_on")}};
    return kit::show_form(pages, r,
                          {"risks/escalation_form", "Move the risk to another register",
                           risk_href(id) + "/escalation", "Move the risk", risk_href(id)},
                          std::move(view), &saved.error());
}

// ---- A risk's own fields ----

namespace {

Choices fixed(std::span<const std::string_view> values) {
    Choices out;
    for (auto v : values) out.emplace_back(std::string(v), capitalised(v));
    return out;
}

Choices level_choices(const std::vector<Level>& levels) {
    Choices out;
    for (std::size_t i = 0; i < levels.size(); ++i)
        out.emplace_back(std::to_string(i + 1), fmt::format("{} {}", i + 1, levels[i].label));
    return out;
}

std::string number_or_blank(const std::optional<std::int64_t>& n) {
    return n ? std::to_string(*n) : std::string();
}

// The risk's fields, filled from what was sent or from the risk as stored.
std::vector<Field> risk_fields(const Risk& x, const Matrix& m, const Choices& people,
                               const kit::Form* sent) {
    const auto value = [&](std::string_view name, std::string stored) {
        return sent ? kit::form_text(*sent, name) : std::move(stored);
    };
    Choices categories = fixed(k_categories);
    for (const auto& cat : m.extra_categories) categories.emplace_back(cat, capitalised(cat));
    Choices frequencies;
    for (auto n : k_review_frequencies)
        frequencies.emplace_back(std::to_string(n), n == 1 ? std::string("Every month")
                                                           : fmt::format("Every {} months", n));
    std::vector<Field> f;
    f.push_back({.name = "reference",
                 .label = "Reference",
                 .value = value("reference", x.reference),
                 .width = "govuk-input--width-10"});
    f.push_back({.name = "title", .label = "Title", .value = value("title", x.title)});
    f.push_back({.name = "description",
                 .label = "Description (optional)",
                 .kind = "area",
                 .value = value("description", x.description)});
    f.push_back({.name = "cause",
                 .label = "Cause",
                 .hint = "Because of …",
                 .kind = "area",
                 .value = value("cause", x.cause)});
    f.push_back({.name = "event",
                 .label = "Event",
                 .hint = "There is a risk that …",
                 .kind = "area",
                 .value = value("event", x.event)});
    f.push_back({.name = "effect",
                 .label = "Effect",
                 .hint = "Which would lead to …",
                 .kind = "area",
                 .value = value("effect", x.effect)});
    f.push_back({.name = "category",
                 .label = "Category",
                 .kind = "select",
                 .value = value("category", x.category),
                 .options = categories});
    f.push_back({.name = "owner_person_id",
                 .label = "Owner",
                 .hint = "A person in the organisation register",
                 .kind = "select",
                 .value = value("owner_person_id", x.owner_person_id.value_or("")),
                 .blank = "Nobody chosen",
                 .options = people});
    f.push_back({.name = "owner",
                 .label = "Or the owner as the register writes it",
                 .hint = "Kept as written, and listed for tidying, when no one has exactly this "
                         "name; leave blank when you chose a person",
                 .value = value("owner", x.owner_person_id ? std::string() : x.owner_text)});
    f.push_back({.name = "inherent_likelihood",
                 .label = "Inherent likelihood",
                 .hint = "Before any control",
                 .kind = "select",
                 .value = value("inherent_likelihood", std::to_string(x.inherent_likelihood)),
                 .options = level_choices(m.likelihood)});
    f.push_back({.name = "inherent_impact",
                 .label = "Inherent impact",
                 .kind = "select",
                 .value = value("inherent_impact", std::to_string(x.inherent_impact)),
                 .options = level_choices(m.impact)});
    f.push_back({.name = "target_likelihood",
                 .label = "Target likelihood",
                 .hint = "Once the actions are done",
                 .kind = "select",
                 .value = value("target_likelihood", number_or_blank(x.target_likelihood)),
                 .blank = "No target",
                 .options = level_choices(m.likelihood)});
    f.push_back({.name = "target_impact",
                 .label = "Target impact",
                 .kind = "select",
                 .value = value("target_impact", number_or_blank(x.target_impact)),
                 .blank = "No target",
                 .options = level_choices(m.impact)});
    f.push_back({.name = "response",
                 .label = "Response",
                 .kind = "select",
                 .value = value("response", x.response),
                 .options = fixed(k_responses)});
    f.push_back({.name = "proximity",
                 .label = "Proximity",
                 .hint = "When the risk could happen",
                 .kind = "select",
                 .value = value("proximity", x.proximity),
                 .blank = "Not said",
                 .options = fixed(k_proximities)});
    f.push_back({.name = "actions_text",
                 .label = "Actions",
                 .hint = "What is being done to bring the risk to its target",
                 .kind = "area",
                 .value = value("actions_text", x.actions_text),
                 .rows = 5});
    f.push_back(
        {.name = "review_frequency_months",
         .label = "Reviewed",
         .kind = "select",
         .value = value("review_frequency_months", std::to_string(x.review_frequency_months)),
         .options = frequencies});
    f.push_back({.name = "next_review_on",
                 .label = "Next review",
                 .hint = "Written as YYYY-MM-DD, for example 2027-03-01",
                 .value = value("next_review_on", x.next_review_on),
                 .width = "govuk-input--width-10"});
    return f;
}

}  // namespace

Choices Pages::people_choices(const Context& c) const { return org::people_choices(org, c); }

Response Pages::edit_risk(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = service.get_risk(c, std::string(r.param("id")));
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->can_edit || found->risk.archived_at)
        return kit::error_page(pages, r, nothing_here());
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    const Risk& x = found->risk;
    json::object view{
        {"caption", found->register_name},
        {"version", std::to_string(x.version)},
        {"fields_html", fields_html(risk_fields(x, *m, people_choices(c), nullptr), nullptr)}};
    return kit::show_form(
        pages, r,
        {"risks/risk_form", "Change the risk", risk_href(x.id), "Save changes", risk_href(x.id)},
        std::move(view));
}

Response Pages::update_risk(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.get_risk(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    if (!found->can_edit) return kit::error_page(pages, r, nothing_here());
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    const auto form = http::parse_form(r.body);
    std::vector<FieldError> errors;
    RiskInput in;
    in.reference = kit::form_value(form, "reference");
    in.title = kit::form_value(form, "title");
    in.description = kit::form_value(form, "description");
    in.cause = kit::form_value(form, "cause");
    in.event = kit::form_value(form, "event");
    in.effect = kit::form_value(form, "effect");
    in.category = kit::form_value(form, "category");
    const std::string person(trim(kit::form_text(form, "owner_person_id")));
    const std::string owner(trim(kit::form_text(form, "owner")));
    if (!person.empty()) {
        in.owner_person_id = person;
        if (!owner.empty()) in.owner = owner;  // both: the service says which to give
    } else {
        in.owner_person_id = std::optional<std::string>();
        in.owner = owner;
    }
    in.inherent_likelihood =
        form_integer(form, "inherent_likelihood", "Inherent likelihood", errors);
    in.inherent_impact = form_integer(form, "inherent_impact", "Inherent impact", errors);
    in.target_likelihood = form_integer(form, "target_likelihood", "Target likelihood", errors);
    in.target_impact = form_integer(form, "target_impact", "Target impact", errors);
    in.response = kit::form_value(form, "response");
    in.proximity = kit::form_value(form, "proximity");
    in.actions_text = kit::form_value(form, "actions_text");
    in.review_frequency_months =
        form_integer(form, "review_frequency_months", "Reviewed every", errors);
    in.next_review_on = kit::form_value(form, "next_review_on");
    Result<Risk> saved = std::unexpected(Error::validation(errors));
    if (errors.empty()) saved = service.update_risk(c, id, in, kit::form_version(form));
    if (saved) return kit::saved(r, risk_href(id), "Risk saved");
    if (saved.error().kind != ErrorKind::Validation && saved.error().kind != ErrorKind::Conflict)
        return kit::error_page(pages, r, saved.error());
    json::object view{
        {"caption", found->register_name},
        {"version", kit::form_text(form, "version")},
        {"fields_html",
         fields_html(risk_fields(found->risk, *m, people_choices(c), &form), &saved.error())}};
    return kit::show_form(
        pages, r,
        {"risks/risk_form", "Change the risk", risk_href(id), "Save changes", risk_href(id)},
        std::move(view), &saved.error());
}

}  // namespace civic::risks::pages_detail
