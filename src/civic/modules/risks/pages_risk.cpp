// SPDX-License-Identifier: AGPL-3.0-or-later
// A risk's page: what it is (cause, event and effect), who owns it and how it is answered; its
// inherent, current and target scores with their bands, the appetite and whether the risk is
// above it, and any acceptance; its movement on the matrix and its score over time (each
// picture with the same facts in words or a table beside it); its controls, actions and the
// records that mitigate it; its reviews, escalations and acceptances; and the buttons for what
// the reader may do next.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "civic/core/text.hpp"
#include "civic/modules/risks/heatmap.hpp"
#include "civic/modules/risks/pages_support.hpp"

namespace civic::risks::pages_detail {
namespace json = boost::json;
using http::Request;
using http::Response;

namespace {

std::string history_words(std::string_view what) {
    if (what == "de-escalated") return "De-escalated";
    return capitalised(what);
}

// The risks' own actions in a risk's audit history; the kit names the rest.
std::string risk_change_words(std::string_view action) {
    if (action == "correct") return "Scores corrected";
    if (action == "review") return "Reviewed";
    if (action == "escalate") return "Escalated";
    if (action == "de-escalate") return "De-escalated";
    if (action == "merge") return "Merged";
    if (action == "move") return "Moved within the register";
    if (action == "remap") return "Scores mapped onto the new matrix";
    return "";
}

std::string direction_words(std::string_view direction) {
    return direction == "up" ? "Escalated" : "De-escalated";
}

// Text as paragraphs, one for each blank-line-separated block.
json::array paragraphs(std::string_view text) {
    json::array out;
    std::string block;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        const std::string line(trim(
            text.substr(start, end == std::string_view::npos ? text.size() - start : end - start)));
        if (line.empty()) {
            if (!block.empty()) out.push_back(json::value(block));
            block.clear();
        } else {
            block += (block.empty() ? "" : " ") + line;
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    if (!block.empty()) out.push_back(json::value(block));
    return out;
}

}  // namespace

Response Pages::risk(Request& r) const {
    if (!r.principal.signed_in()) return kit::sign_in_first(r);
    const Context c = ctx(r);
    const std::string id(r.param("id"));
    auto found = service.risk_detail(c, id);
    if (!found) return kit::error_page(pages, r, found.error());
    auto m = service.get_matrix(c);
    if (!m) return kit::error_page(pages, r, m.error());
    const RiskDetail& d = *found;
    const RiskView& v = d.view;
    const Risk& x = v.risk;
    const bool open = x.status == "open";
    const bool can_change = v.can_edit && open && !x.archived_at;

    json::object about{
        {"reference", x.reference},
        {"title", x.title},
        {"description", paragraphs(x.description)},
        {"cause", x.cause},
        {"event", x.event},
        {"effect", x.effect},
        {"category", capitalised(x.category)},
        {"owner", v.owner_name},
        {"owner_as_written", !x.owner_person_id && !x.owner_text.empty()},
        {"response", capitalised(x.response)},
        {"proximity", capitalised(x.proximity)},
        {"identified", day(x.identified_on)},
        {"next_review", day(x.next_review_on)},
        {"review_overdue", v.review_overdue},
        {"frequency", x.review_frequency_months == 1
                          ? std::string("Every month")
                          : fmt::format("Every {} months", x.review_frequency_months)},
        {"status", kit::status_tag(x.status)},
        {"closed", x.status != "open"},
        {"register", v.register_name},
        {"register_href", register_href(x.register_id)},
        {"inherent", score_json(v.inherent)},
        {"current", score_json(v.current)},
        {"has_target", v.target.has_value()},
        {"above_appetite", v.above_appetite},
        {"accepted", v.accepted}};
    if (v.target) about["target"] = score_json(*v.target);
    if (v.appetite) {
        about["appetite"] = *v.appetite;
        about["appetite_source"] = v.appetite_source;
    }
    json::object view{{"risk", std::move(about)}};
    if (v.acceptance) {
        const Acceptance& a = v.acceptance->acceptance;
        view["acceptance"] = json::object{
            {"tag", acceptance_tag(v.acceptance->state)},
            {"until", day(a.until)},
            {"on", day(a.accepted_on)},
            {"by", a.accepted_by},
            {"reason", a.reason},
            {"score", a.accepted_score},
            {"state_reason", v.acceptance->state_reason},
            {"show_tag", v.acceptance->state != "active"},
            {"in_force", v.acceptance->state == "active" || v.acceptance->state == "expiring"}};
    }

    // The pictures, each with the same facts beside it.
    view["movement_svg"] = movement_svg(
        *m, x.inherent(), x.current(), x.target(),
        fmt::format("{}: inherent, current and target scores", x.reference), "risk-movement");
    std::vector<ScorePoint> points;
    json::array history;
    for (const auto& h : d.history) {
        json::object row{
            {"on", day(h.on)}, {"what", history_words(h.what)}, {"by", h.by}, {"note", h.note}};
        if (h.current) {
            points.push_back({h.on, h.current->score()});
            row["current"] = score_json(*m, *h.current);
        }
        if (h.target) row["target"] = score_json(*m, *h.target);
        history.push_back(std::move(row));
    }
    view["history_svg"] = score_history_svg(
        points, *m, fmt::format("{}: current score over time", x.reference), "risk-history");
    view["has_history"] = !history.empty();
    view["history"] = std::move(history);

    json::array controls;
    for (const auto& ctl : v.controls)
        controls.push_back(json::object{{"description", ctl.description},
                                        {"tag", effectiveness_tag(ctl.effectiveness)}});
    view["has_controls"] = !controls.empty();
    view["controls"] = std::move(controls);
    view["actions_text"] = paragraphs(x.actions_text);
    view["has_actions_text"] = !x.actions_text.empty();

    json::array mitigating, links;
    for (const auto& l : d.links) {
        json::object row{{"words", kit::link_words(l.link.kind, l.outgoing)},
                         {"label", l.other.label},
                         {"href", l.other.href},
                         {"note", l.link.note}};
        if (l.link.kind == "mitigates") mitigating.push_back(row);
        links.push_back(std::move(row));
    }
    view["has_mitigating"] = !mitigating.empty();
    view["mitigating"] = std::move(mitigating);
    view["has_links"] = !links.empty();
    view["links"] = std::move(links);

    json::array reviews;
    for (const auto& rv : d.reviews) {
        json::object row{
            {"on", day(rv.reviewed_on)},
            {"reviewer", person_name(c, rv.reviewer_person_id)},
            {"current", score_json(*m, Score{rv.current_likelihood, rv.current_impact})},
            {"commentary", rv.commentary}};
        if (rv.target_likelihood && rv.target_impact)
            row["target"] = score_json(*m, Score{*rv.target_likelihood, *rv.target_impact});
        reviews.push_back(std::move(row));
    }
    view["has_reviews"] = !reviews.empty();
    view["reviews"] = std::move(reviews);

    std::map<std::string, std::string> register_names;
    const auto register_name = [&](const std::string& rid) {
        if (auto it = register_names.find(rid); it != register_names.end()) return it->second;
        auto reg = service.get_register(c, rid);
        return register_names[rid] = reg ? reg->reg.name : std::string("A register you cannot see");
    };
    json::array escalations;
    for (const auto& e : d.escalations)
        escalations.push_back(json::object{{"on", day(e.moved_on)},
                                           {"direction", direction_words(e.direction)},
                                           {"from", register_name(e.from_register_id)},
                                           {"from_href", register_href(e.from_register_id)},
                                           {"to", register_name(e.to_register_id)},
                                           {"to_href", register_href(e.to_register_id)},
                                           {"reason", e.reason},
                                           {"by", e.moved_by}});
    view["has_escalations"] = !escalations.empty();
    view["escalations"] = std::move(escalations);

    json::array acceptances;
    for (const auto& a : d.acceptances)
        acceptances.push_back(json::object{
            {"on", day(a.accepted_on)},
            {"until", day(a.until)},
            {"by", a.accepted_by},
            {"score", a.accepted_score},
            {"reason", a.reason},
            {"ended", a.lapsed_on
                          ? fmt::format("Lapsed on {}: {}", day(a.lapsed_on), a.lapse_reason)
                      : a.archived_at ? std::string("Withdrawn")
                                      : std::string()}});
    view["has_acceptances"] = !acceptances.empty();
    view["acceptances"] = std::move(acceptances);

    json::array issues;
    for (const auto& i : d.issues)
        issues.push_back(json::object{{"reference", i.reference},
                                      {"title", i.title},
                                      {"priority", priority_tag(i.priority)},
                                      {"status", kit::status_tag(i.status)}});
    view["has_issues"] = !issues.empty();
    view["issues"] = std::move(issues);

    view["can_change"] = can_change;
    view["can_accept"] = can_change && v.above_appetite;
    view["accept_words"] = v.accepted ? "Renew or withdraw the acceptance" : "Accept the risk";
    view["review_href"] = risk_href(x.id) + "/review";
    view["acceptance_href"] = risk_href(x.id) + "/acceptance";
    view["escalation_href"] = risk_href(x.id) + "/escalation";
    view["edit_href"] = risk_href(x.id) + "/edit";
    for (auto& [k, v] : kit::changes_view(d.changes, risk_change_words)) view[k] = v;
    return pages.page(r, "risks/risk", x.reference + " " + x.title, std::move(view));
}

}  // namespace civic::risks::pages_detail
