// SPDX-License-Identifier: AGPL-3.0-or-later
// Entering an indicator's value from its page: a new draft (or a correction of an approved
// value, with its reason), changing a draft, and the workflow's buttons: submit, approve, and
// return with a reason. The forms call the same service functions as the API, and show the
// GOV.UK error summary with each refused field marked.

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/period.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/indicators/pages_support.hpp"
#include "civic/modules/kit/pages.hpp"

namespace civic::indicators::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

std::string number_text(const std::optional<double>& v) {
    if (!v) return "";
    std::string s = fmt::format("{:.6f}", *v);
    while (s.ends_with('0')) s.pop_back();
    if (s.ends_with('.')) s.pop_back();
    return s;
}

// What the form was filled with, as typed.
struct Typed {
    std::string period, value, numerator, denominator, note, commentary, reason;
};

Typed typed_from(const kit::Form& form) {
    return Typed{kit::form_text(form, "period"),    kit::form_text(form, "value"),
                 kit::form_text(form, "numerator"), kit::form_text(form, "denominator"),
                 kit::form_text(form, "note"),      kit::form_text(form, "commentary"),
                 kit::form_text(form, "reason")};
}

Typed typed_from(const Value& v) {
    return Typed{v.period,
                 number_text(v.value),
                 number_text(v.numerator),
                 number_text(v.denominator),
                 v.note,
                 v.commentary,
                 v.reason};
}

// The period a new value is most likely for: the last one of the indicator's frequency that
// has ended.
std::string likely_period(const Indicator& i, const Date& today) {
    if (i.frequency == "quarterly") return last_ended_quarter(today);
    const PeriodKind kind =
        i.frequency == "monthly" ? PeriodKind::Month : PeriodKind::FinancialYear;
    if (i.frequency != "monthly" && i.frequency != "annual") return "";
    auto now = period_containing(today, kind);
    if (!now) return "";
    auto before = now->previous();
    return before ? before->to_string() : "";
}

json::object form_view(const Indicator& i, const Typed& t, bool new_value, bool correction) {
    json::object view{
        {"indicator",
         json::object{{"code", i.code}, {"title", i.title}, {"href", indicator_href(i.id)}}},
        {"period", t.period},
        {"value", t.value},
        {"numerator", t.numerator},
        {"denominator", t.denominator},
        {"note", t.note},
        {"commentary", t.commentary},
        {"reason", t.reason},
        {"new_value", new_value},
        {"correction", correction},
        {"commentary_required", i.commentary_required},
        {"measure", unit_words(i.measure_unit)}};
    if (i.measure_unit == "percentage") view["suffix"] = "%";
    if (i.measure_unit == "money") view["prefix"] = "£";
    if (i.measure_unit == "days") view["suffix"] = "days";
    if (i.measure_unit == "rate-per-1000") view["suffix"] = "per 1,000";
    return view;
}

kit::FormPage new_form(const Indicator& i, bool correction, const std::string& period) {
    return {"indicators/value_form",
            correction ? "Correct the value for " + period : "Enter a value",
            indicator_href(i.id) + "/values", correction ? "Save correction" : "Save as draft",
            indicator_href(i.id)};
}

kit::FormPage edit_form(const Indicator& i, const Value& v) {
    return {"indicators/value_form", "Change the draft value for " + v.period, value_href(v.id),
            "Save changes", indicator_href(i.id)};
}

// Reads the value's fields from a posted form into the service's input; numbers that are
// not numbers are field errors.
ValueInput value_input(const kit::Form& form, std::vector<FieldError>& errors) {
    ValueInput in;
    in.value = form_number(form, "value", "the value", errors);
    in.numerator = form_number(form, "numerator", "the numerator", errors);
    in.denominator = form_number(form, "denominator", "the denominator", errors);
    in.note = kit::form_text(form, "note");
    in.commentary = kit::form_text(form, "commentary");
    const std::string reason = kit::form_text(form, "reason");
    if (!trim(reason).empty()) in.reason = reason;
    return in;
}

}  // namespace

// ---- A new value, or a correction ----

Response Pages::new_value(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = indicator_at(c, r);
    if (!found || found->archived_at || !service.can_enter(c, *found))
        return kit::error_page(
            pages, r, Error::not_found("There is no indicator here you can enter values for."));
    const Indicator& i = *found;
    Typed t;
    bool correction = false;
    if (auto asked = r.query_param("period"); asked && !trim(*asked).empty()) {
        t.period = std::string(trim(*asked));
        // A period with an approved value: the form corrects it, starting from its figures.
        if (auto values = service.list_values(c, i.id, t.period))
            for (const auto& v : *values)
                if (v.status == "approved") {
                    t = typed_from(v);
                    t.reason.clear();
                    correction = true;
                }
    } else {
        t.period = likely_period(i, today(c));
    }
    return kit::show_form(pages, r, new_form(i, correction, t.period),
                          form_view(i, t, true, correction));
}

Response Pages::create_value(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto found = indicator_at(c, r);
    if (!found || found->archived_at || !service.can_enter(c, *found))
        return kit::error_page(
            pages, r, Error::not_found("There is no indicator here you can enter values for."));
    const Indicator& i = *found;
    const kit::Form form = http::parse_form(r.body);
    const Typed t = typed_from(form);
    const bool correction = kit::form_text(form, "correction") == "yes";
    std::vector<FieldError> errors;
    ValueInput in = value_input(form, errors);
    in.indicator_id = i.id;
    in.period = t.period;
    if (!errors.empty()) {
        const Error error = Error::validation(errors);
        return kit::show_form(pages, r, new_form(i, correction, t.period),
                              form_view(i, t, true, correction), &error);
    }
    auto entered = service.enter_value(c, in);
    if (entered)
        return kit::saved(
            r, indicator_href(i.id),
            entered->revision > 1 ? "Correction saved as a draft" : "Value saved as a draft");
    const bool needs_reason =
        correction || std::any_of(entered.error().errors.begin(), entered.error().errors.end(),
                                  [](const FieldError& e) { return e.field == "reason"; });
    return kit::show_form(pages, r, new_form(i, needs_reason, t.period),
                          form_view(i, t, true, needs_reason), &entered.error());
}

// ---- Finding the value a page acts on ----

namespace {

struct ValueHere {
    Value value;
    Indicator indicator;
};
using May = bool (IndicatorService::*)(const Context&, const Indicator&) const;

// The value the address names, and its indicator, as the caller sees them. Nothing when the
// address holds no id Civic could have issued, when either record is not there for the
// caller, when the value is not in `status` (if one is given), or when `may` (if given) says
// the caller may not act on the indicator: each page answers all of these alike.
std::optional<ValueHere> value_here(IndicatorService& service, const Request& r, const Context& c,
                                    std::string_view status = {}, May may = nullptr) {
    const std::string id(r.param("id"));
    if (!is_id(id)) return std::nullopt;
    auto v = service.get_value(c, id);
    if (!v || (!status.empty() && v->status != status)) return std::nullopt;
    auto i = service.get_indicator(c, v->indicator_id);
    if (!i || (may && !(service.*may)(c, *i))) return std::nullopt;
    return ValueHere{std::move(*v), std::move(*i)};
}

}  // namespace

// ---- Changing a draft ----

Response Pages::edit_value(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto here = value_here(service, r, c, "draft", &IndicatorService::can_enter);
    if (!here)
        return kit::error_page(
            pages, r, Error::not_found("There is no draft value here that you can change."));
    const Value* v = &here->value;
    const Indicator* i = &here->indicator;
    auto view = form_view(*i, typed_from(*v), false, v->revision > 1);
    view["version"] = v->version;
    return kit::show_form(pages, r, edit_form(*i, *v), std::move(view));
}

Response Pages::update_value(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto here = value_here(service, r, c, {}, &IndicatorService::can_enter);
    if (!here)
        return kit::error_page(
            pages, r, Error::not_found("There is no draft value here that you can change."));
    const Value* v = &here->value;
    const Indicator* i = &here->indicator;
    const kit::Form form = http::parse_form(r.body);
    Typed t = typed_from(form);
    t.period = v->period;
    const std::int64_t version = kit::form_version(form);
    std::vector<FieldError> errors;
    ValueInput in = value_input(form, errors);
    if (v->revision > 1) in.reason = kit::form_text(form, "reason");
    auto view = form_view(*i, t, false, v->revision > 1);
    view["version"] = version;
    if (!errors.empty()) {
        const Error error = Error::validation(errors);
        return kit::show_form(pages, r, edit_form(*i, *v), std::move(view), &error);
    }
    auto updated = service.update_value(c, v->id, in, version);
    if (updated) return kit::saved(r, indicator_href(i->id), "Draft value saved");
    return kit::show_form(pages, r, edit_form(*i, *v), std::move(view), &updated.error());
}

// ---- The workflow's buttons ----

namespace {

// A workflow step's refusal: a field to correct (a commentary the rating needs) goes back to
// the draft's form with the error marked; anything else is an error page.
Response refused_step(const Pages& p, Request& r, const Context& c, const Value& v,
                      const Indicator& i, const Error& error) {
    if (error.kind == ErrorKind::Validation && v.status == "draft" && p.service.can_enter(c, i)) {
        auto view = form_view(i, typed_from(v), false, v.revision > 1);
        view["version"] = v.version;
        return kit::show_form(p.pages, r, edit_form(i, v), std::move(view), &error);
    }
    return kit::error_page(p.pages, r, error);
}

using Step = Result<Value> (IndicatorService::*)(const Context&, const std::string&, std::int64_t);

// A workflow button (submit, approve): finds the value and its indicator as the caller may
// see them, takes the step at the version the page showed, and goes back to the indicator
// with a banner; a refusal goes where refused_step sends it.
Response take_step(const Pages& p, Request& r, Step step, std::string_view verb,
                   std::string_view done) {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = p.ctx(r);
    auto here = value_here(p.service, r, c);
    if (!here)
        return kit::error_page(
            p.pages, r,
            Error::not_found(fmt::format("There is no value here that you can {}.", verb)));
    const Value* v = &here->value;
    const Indicator* i = &here->indicator;
    const kit::Form form = http::parse_form(r.body);
    auto taken = (p.service.*step)(c, v->id, kit::form_version(form));
    if (taken)
        return kit::saved(r, indicator_href(i->id),
                          fmt::format("The value for {} was {}", v->period, done));
    return refused_step(p, r, c, *v, *i, taken.error());
}

}  // namespace

Response Pages::submit_value(Request& r) const {
    return take_step(*this, r, &IndicatorService::submit_value, "submit", "submitted for approval");
}

Response Pages::approve_value(Request& r) const {
    return take_step(*this, r, &IndicatorService::approve_value, "approve", "approved");
}

namespace {

kit::FormPage return_page(const Value& v) {
    return {"indicators/return_form", "Return the value for " + v.period + " to be changed",
            value_href(v.id) + "/return", "Return value", indicator_href(v.indicator_id)};
}

json::object return_view(const Principal& reader, const Indicator& i, const Value& v,
                         const std::string& reason, std::int64_t version) {
    return json::object{
        {"indicator",
         json::object{{"code", i.code}, {"title", i.title}, {"href", indicator_href(i.id)}}},
        {"period", v.period},
        {"revision", v.revision},
        {"value", figure(v.value, i)},
        {"commentary", v.commentary},
        {"entered_by", user_words(reader, v.entered_by)},
        {"reason", reason},
        {"version", version}};
}

}  // namespace

namespace {

// What the return pages answer when there is nothing here to return.
Error nothing_to_return() {
    return Error::not_found("There is no submitted value here that you can return.");
}

}  // namespace

Response Pages::return_form(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto here = value_here(service, r, c, "submitted", &IndicatorService::can_edit);
    if (!here) return kit::error_page(pages, r, nothing_to_return());
    const Value* v = &here->value;
    const Indicator* i = &here->indicator;
    return kit::show_form(pages, r, return_page(*v),
                          return_view(r.principal, *i, *v, "", v->version));
}

Response Pages::return_value(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    auto here = value_here(service, r, c);
    if (!here) return kit::error_page(pages, r, nothing_to_return());
    const Value* v = &here->value;
    const Indicator* i = &here->indicator;
    const kit::Form form = http::parse_form(r.body);
    const std::string reason = kit::form_text(form, "reason");
    const std::int64_t version = kit::form_version(form);
    auto done = service.return_value(c, v->id, version, reason);
    if (done)
        return kit::saved(r, indicator_href(i->id),
                          fmt::format("The value for {} was returned to be changed", v->period));
    if (done.error().kind == ErrorKind::NotFound)
        return kit::error_page(pages, r, nothing_to_return());
    return kit::show_form(pages, r, return_page(*v),
                          return_view(r.principal, *i, *v, reason, version), &done.error());
}

}  // namespace civic::indicators::pages_detail
