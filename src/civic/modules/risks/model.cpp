// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/risks/model.hpp"

#include <boost/json.hpp>

#include "civic/modules/kit/record_json.hpp"

namespace civic::risks {
namespace json = boost::json;

namespace {
using kit::opt;
using kit::stamp;
// A JSON array stored as text ([] when it is not one).
json::value stored_array(const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_array()) return json::array{};
    return v;
}
}  // namespace

std::vector<Control> controls_of(const std::string& json_text) {
    std::vector<Control> out;
    const auto v = stored_array(json_text);
    for (const auto& c : v.as_array()) {
        if (!c.is_object()) continue;
        Control control;
        if (auto* d = c.as_object().if_contains("description"); d && d->is_string())
            control.description = std::string(d->as_string());
        if (auto* e = c.as_object().if_contains("effectiveness"); e && e->is_string())
            control.effectiveness = std::string(e->as_string());
        out.push_back(std::move(control));
    }
    return out;
}

std::string controls_to_json(const std::vector<Control>& controls) {
    json::array a;
    for (const auto& c : controls)
        a.push_back(
            json::object{{"description", c.description}, {"effectiveness", c.effectiveness}});
    return json::serialize(a);
}

json::object to_json(const Register& r) {
    json::object o{
        {"id", r.id},     {"unit_id", r.unit_id},         {"kind", r.kind},
        {"name", r.name}, {"description", r.description}, {"parent_id", opt(r.parent_id)}};
    stamp(o, r);
    return o;
}

json::object to_json(const Risk& r) {
    json::object o{{"id", r.id},
                   {"register_id", r.register_id},
                   {"position", r.position},
                   {"reference", r.reference},
                   {"title", r.title},
                   {"description", r.description},
                   {"cause", r.cause},
                   {"event", r.event},
                   {"effect", r.effect},
                   {"category", r.category},
                   {"owner_person_id", opt(r.owner_person_id)},
                   {"owner_text", r.owner_text},
                   {"inherent_likelihood", r.inherent_likelihood},
                   {"inherent_impact", r.inherent_impact},
                   {"current_likelihood", r.current_likelihood},
                   {"current_impact", r.current_impact},
                   {"target_likelihood", opt(r.target_likelihood)},
                   {"target_impact", opt(r.target_impact)},
                   {"response", r.response},
                   {"controls", stored_array(r.controls_json)},
                   {"actions_text", r.actions_text},
                   {"proximity", r.proximity},
                   {"review_frequency_months", r.review_frequency_months},
                   {"next_review_on", r.next_review_on},
                   {"identified_on", r.identified_on},
                   {"status", r.status},
                   {"closed_on", opt(r.closed_on)},
                   {"merged_into_id", opt(r.merged_into_id)},
                   {"closed_reason", r.closed_reason}};
    stamp(o, r);
    return o;
}

json::object to_json(const Review& r) {
    json::object o{{"id", r.id},
                   {"risk_id", r.risk_id},
                   {"reviewed_on", r.reviewed_on},
                   {"reviewer_person_id", opt(r.reviewer_person_id)},
                   {"current_likelihood", r.current_likelihood},
                   {"current_impact", r.current_impact},
                   {"target_likelihood", opt(r.target_likelihood)},
                   {"target_impact", opt(r.target_impact)},
                   {"commentary", r.commentary},
                   {"controls", stored_array(r.controls_json)},
                   {"actions", stored_array(r.actions_json)},
                   {"next_review_on", r.next_review_on}};
    stamp(o, r);
    return o;
}

json::object to_json(const Escalation& e) {
    return json::object{{"id", e.id},
                        {"risk_id", e.risk_id},
                        {"from_register_id", e.from_register_id},
                        {"to_register_id", e.to_register_id},
                        {"direction", e.direction},
                        {"reason", e.reason},
                        {"moved_on", e.moved_on},
                        {"moved_by", e.moved_by},
                        {"created_at", e.created_at}};
}

json::object to_json(const Acceptance& a) {
    json::object o{{"id", a.id},
                   {"risk_id", a.risk_id},
                   {"accepted_by_person_id", opt(a.accepted_by_person_id)},
                   {"accepted_by", a.accepted_by},
                   {"accepted_on", a.accepted_on},
                   {"reason", a.reason},
                   {"until", a.until},
                   {"accepted_score", a.accepted_score},
                   {"appetite", opt(a.appetite)},
                   {"lapsed_on", opt(a.lapsed_on)},
                   {"lapse_reason", a.lapse_reason}};
    stamp(o, a);
    return o;
}

json::object to_json(const Appetite& a) {
    json::object o{{"id", a.id},
                   {"category", a.category},
                   {"unit_id", opt(a.unit_id)},
                   {"max_score", a.max_score},
                   {"note", a.note}};
    stamp(o, a);
    return o;
}

json::object to_json(const Issue& i) {
    json::object o{{"id", i.id},
                   {"register_id", i.register_id},
                   {"reference", i.reference},
                   {"title", i.title},
                   {"description", i.description},
                   {"priority", i.priority},
                   {"owner_person_id", opt(i.owner_person_id)},
                   {"owner_text", i.owner_text},
                   {"risk_id", opt(i.risk_id)},
                   {"raised_on", i.raised_on},
                   {"status", i.status},
                   {"actions_text", i.actions_text},
                   {"resolution", i.resolution},
                   {"resolved_on", opt(i.resolved_on)}};
    stamp(o, i);
    return o;
}

}  // namespace civic::risks
