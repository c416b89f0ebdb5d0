// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/risks/views.hpp"

#include <boost/json.hpp>

namespace civic::risks {
namespace json = boost::json;

namespace {
json::value opt_score(const std::optional<Score>& s) {
    if (!s) return nullptr;
    return json::object{
        {"likelihood", s->likelihood}, {"impact", s->impact}, {"score", s->score()}};
}
json::value score(const Score& s) { return opt_score(s); }
}  // namespace

json::object to_json(const ScoreView& s) {
    return {{"likelihood", s.pair.likelihood},
            {"impact", s.pair.impact},
            {"score", s.score},
            {"band", s.band},
            {"colour", s.colour},
            {"likelihood_label", s.likelihood_label},
            {"impact_label", s.impact_label}};
}

json::object to_json(const AcceptanceView& a) {
    json::object o = to_json(a.acceptance);
    o["state"] = a.state;
    o["state_reason"] = a.state_reason;
    return o;
}

json::object to_json(const RiskView& v) {
    json::object o = to_json(v.risk);
    o["register_name"] = v.register_name;
    o["owner_name"] = v.owner_name;
    o["inherent"] = to_json(v.inherent);
    o["current"] = to_json(v.current);
    o["target"] = v.target ? json::value(to_json(*v.target)) : json::value(nullptr);
    o["appetite"] = v.appetite ? json::value(*v.appetite) : json::value(nullptr);
    o["appetite_source"] = v.appetite_source;
    o["above_appetite"] = v.above_appetite;
    o["acceptance"] = v.acceptance ? json::value(to_json(*v.acceptance)) : json::value(nullptr);
    o["accepted"] = v.accepted;
    o["review_overdue"] = v.review_overdue;
    o["can_edit"] = v.can_edit;
    return o;
}

json::object to_json(const RegisterView& v) {
    json::object o = to_json(v.reg);
    o["unit_name"] = v.unit_name;
    o["parent_name"] = v.parent_name ? json::value(*v.parent_name) : json::value(nullptr);
    json::array children;
    for (const auto& c : v.children)
        children.push_back(json::object{{"id", c.id}, {"name", c.name}, {"kind", c.kind}});
    o["children"] = std::move(children);
    o["open_risks"] = v.open_risks;
    o["above_appetite"] = v.above_appetite;
    o["reviews_overdue"] = v.reviews_overdue;
    o["can_edit"] = v.can_edit;
    return o;
}

json::object to_json(const HistoryPoint& p) {
    return {{"on", p.on},
            {"what", p.what},
            {"current", opt_score(p.current)},
            {"target", opt_score(p.target)},
            {"by", p.by},
            {"note", p.note}};
}

json::object to_json(const RiskDetail& d) {
    json::object o = to_json(d.view);
    const auto list = [](const auto& records) {
        json::array a;
        for (const auto& r : records) a.push_back(to_json(r));
        return a;
    };
    o["reviews"] = list(d.reviews);
    o["escalations"] = list(d.escalations);
    o["acceptances"] = list(d.acceptances);
    o["history"] = list(d.history);
    o["links"] = list(d.links);
    o["issues"] = list(d.issues);
    return o;
}

json::object to_json(const MatrixPreview& p) {
    json::array rule;
    for (const auto& line : p.rule) rule.push_back(json::string(line));
    json::array risks;
    for (const auto& m : p.risks)
        risks.push_back(json::object{{"risk_id", m.risk_id},
                                     {"reference", m.reference},
                                     {"title", m.title},
                                     {"register_name", m.register_name},
                                     {"inherent_before", score(m.inherent_before)},
                                     {"inherent_after", score(m.inherent_after)},
                                     {"current_before", score(m.current_before)},
                                     {"current_after", score(m.current_after)},
                                     {"target_before", opt_score(m.target_before)},
                                     {"target_after", opt_score(m.target_after)}});
    json::array appetites;
    for (const auto& a : p.appetites)
        appetites.push_back(json::object{{"appetite_id", a.appetite_id},
                                         {"category", a.category},
                                         {"unit_name", a.unit_name},
                                         {"before", a.before},
                                         {"after", a.after}});
    return {{"proposed", to_json(p.proposed)},
            {"rule", std::move(rule)},
            {"risks", std::move(risks)},
            {"appetites", std::move(appetites)},
            {"needs_confirmation", p.needs_confirmation}};
}

}  // namespace civic::risks
