// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of reviews, escalation, acceptance, the heat map and the movement report:
//
//   /api/v1/risks/{id}/reviews            a risk's reviews, newest first, and a new one
//   /api/v1/risk-reviews/{id}             one review (kept as written: no change, no archive)
//   /api/v1/risk-reviews/overdue          open risks whose review date has passed, by owner
//   /api/v1/risks/{id}/escalations        where a risk has moved, oldest first
//   /api/v1/risks/{id}/escalation         POST: move it up (or down) a register, If-Match
//   /api/v1/risks/{id}/acceptance         POST: accept it above appetite until a date, If-Match
//   /api/v1/risks/{id}/acceptance/withdrawal  POST: withdraw the acceptance, If-Match
//   /api/v1/risk-acceptances/due          lapsed acceptances and those ending soon (?within_days)
//   /api/v1/risk-heat-map                 counts per cell (?view, register_id, category)
//   /api/v1/risk-movement                 what rose, fell, appeared, closed or moved (?from, to)
#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/resource.hpp"
#include "civic/modules/risks/api.hpp"
#include "civic/modules/risks/views.hpp"

namespace civic::risks {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t k_text = 20000;

struct ReviewPost {
    std::string risk_id;
    ReviewInput in;
};

// A list of objects sent as a JSON array, each read by `read`; a field error names the
// field when it is not an array of objects.
template <typename T, typename Read>
std::optional<std::vector<T>> object_list(JsonFields& f, std::string_view name,
                                          std::string_view words, Read&& read) {
    const json::value* v = f.raw(name);
    if (!v) return std::nullopt;
    if (v->is_null()) return std::vector<T>{};
    if (!v->is_array()) {
        f.fail(std::string(name), fmt::format("{} must be a list", words));
        return std::nullopt;
    }
    std::vector<T> out;
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
        const auto& item = v->as_array()[i];
        if (!item.is_object()) {
            f.fail(fmt::format("{}[{}]", name, i),
                   fmt::format("Each of the {} must be an object", words));
            continue;
        }
        JsonFields inner(item.as_object());
        out.push_back(read(inner));
        if (auto done = inner.finish(); !done)
            for (const auto& e : done.error().errors)
                f.fail(fmt::format("{}[{}].{}", name, i, e.field), e.message);
    }
    return out;
}

ReviewPost review_input(JsonFields& f) {
    ReviewPost p;
    auto& in = p.in;
    in.reviewed_on = f.optional_text("reviewed_on", "Reviewed on");
    if (auto who = f.optional_text("reviewer_person_id", "Reviewer"))
        in.reviewer_person_id = who->empty() ? std::optional<std::string>() : *who;
    in.current_likelihood = f.optional_integer("current_likelihood", "Current likelihood");
    in.current_impact = f.optional_integer("current_impact", "Current impact");
    in.target_likelihood = f.optional_nullable_integer("target_likelihood", "Target likelihood");
    in.target_impact = f.optional_nullable_integer("target_impact", "Target impact");
    in.commentary = f.optional_text("commentary", "Commentary", k_text);
    in.controls = object_list<ControlInput>(f, "controls", "controls", [](JsonFields& c) {
        ControlInput ci;
        ci.description = c.optional_text("description", "Description", k_text);
        ci.effectiveness = c.optional_text("effectiveness", "Effectiveness");
        return ci;
    });
    in.actions = object_list<ReviewInput::ActionState>(f, "actions", "actions", [](JsonFields& a) {
        ReviewInput::ActionState s;
        s.title = a.optional_text("title", "Title", k_text);
        s.progress = a.optional_text("progress", "Progress");
        s.note = a.optional_text("note", "Note", k_text);
        return s;
    });
    return p;
}

json::object movement_json(const Movement& m) {
    const auto rows = [](const std::vector<MovementRow>& rs) {
        json::array out;
        for (const auto& row : rs) {
            const auto score = [](const std::optional<Score>& s) -> json::value {
                if (!s) return nullptr;
                return json::object{
                    {"likelihood", s->likelihood}, {"impact", s->impact}, {"score", s->score()}};
            };
            out.push_back(json::object{{"risk_id", row.risk_id},
                                       {"reference", row.reference},
                                       {"title", row.title},
                                       {"register_name", row.register_name},
                                       {"before", score(row.before)},
                                       {"after", score(row.after)},
                                       {"movement", row.movement},
                                       {"note", row.note}});
        }
        return out;
    };
    return {{"from", m.from},
            {"to", m.to},
            {"rose", rows(m.rose)},
            {"fell", rows(m.fell)},
            {"appeared", rows(m.appeared)},
            {"closed", rows(m.closed)},
            {"escalated", rows(m.escalated)},
            {"unchanged", rows(m.unchanged)}};
}

json::object heat_map_json(const HeatMap& h) {
    json::array cells;
    for (std::size_t l = h.counts.size(); l-- > 0;)
        for (std::size_t i = 0; i < h.counts[l].size(); ++i) {
            const auto score = static_cast<std::int64_t>((l + 1) * (i + 1));
            const Band* band = h.matrix.band_of(score);
            cells.push_back(json::object{{"likelihood", static_cast<std::int64_t>(l + 1)},
                                         {"impact", static_cast<std::int64_t>(i + 1)},
                                         {"score", score},
                                         {"band", band ? band->name : ""},
                                         {"colour", band ? band->colour : ""},
                                         {"count", h.counts[l][i]}});
        }
    return {{"view", h.view},
            {"size", h.matrix.size()},
            {"total", h.total},
            {"cells", std::move(cells)}};
}

}  // namespace

void add_review_routes(http::Router& router, RisksService& s, const Clock& clock) {
    // Fixed paths before the patterns they would otherwise match.
    router.add(Method::Get, "/api/v1/risk-reviews/overdue", {"register_id", "owner_person_id"},
               [&s, &clock](Request& r) -> Response {
                   RiskQuery q;
                   if (auto v = http::id_query_param(r, "register_id"); !v)
                       return http::problem_response(r, v.error());
                   else
                       q.register_id = *v;
                   if (auto v = http::id_query_param(r, "owner_person_id"); !v)
                       return http::problem_response(r, v.error());
                   else
                       q.owner_person_id = *v;
                   auto found = s.overdue_reviews(http::context_for(r, clock), q);
                   if (!found) return http::problem_response(r, found.error());
                   json::array items;
                   for (const auto& o : *found) {
                       items.push_back(json::object{{"risk", to_json(o.view)},
                                                    {"days_overdue", o.days_overdue}});
                   }
                   return http::json_response(200, json::object{{"items", std::move(items)}});
               });

    kit::add_resource<ReviewPost, Review, std::string>(
        router,
        {.base = "/api/v1/risk-reviews",
         .collection = "/api/v1/risks/{id}/reviews",
         .query = kit::parent_of,
         .parse = review_input,
         .parent = [](ReviewPost& p, const std::string& risk_id) { p.risk_id = risk_id; },
         .view = [](const Review& v) { return to_json(v); },
         .list_all = [&s](const Context& c,
                          const std::string& risk_id) { return s.list_reviews(c, risk_id); },
         .create = [&s](const Context& c,
                        const ReviewPost& p) { return s.create_review(c, p.risk_id, p.in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_review(c, id); }},
        clock);

    router.add(Method::Get, "/api/v1/risks/{id}/escalations", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto moves = s.list_escalations(http::context_for(r, clock), std::string(r.param("id")));
        if (!moves) return http::problem_response(r, moves.error());
        json::array items;
        for (const auto& e : *moves) items.push_back(to_json(e));
        return http::json_response(200, json::object{{"items", std::move(items)}});
    });
    router.add(Method::Post, "/api/v1/risks/{id}/escalation", [&s, &clock](Request& r) {
        return kit::versioned_post<EscalationInput>(
            r, clock,
            [](JsonFields& f) {
                EscalationInput in;
                in.direction = f.optional_text("direction", "Direction");
                in.register_id = f.optional_text("register_id", "Register");
                in.reason = f.optional_text("reason", "Reason", k_text);
                in.moved_on = f.optional_text("moved_on", "Moved on");
                return in;
            },
            [&](const Context& c, const std::string& id, const EscalationInput& in,
                std::int64_t v) -> Response {
                auto e = s.escalate(c, id, in, v);
                if (!e) return http::problem_response(r, e.error());
                return http::json_response(201, to_json(*e));
            });
    });

    router.add(Method::Post, "/api/v1/risks/{id}/acceptance", [&s, &clock](Request& r) {
        return kit::versioned_post<AcceptanceInput>(
            r, clock,
            [](JsonFields& f) {
                AcceptanceInput in;
                in.reason = f.optional_text("reason", "Reason", k_text);
                in.until = f.optional_text("until", "Until");
                in.accepted_on = f.optional_text("accepted_on", "Accepted on");
                if (auto who = f.optional_text("accepted_by_person_id", "Accepted by"))
                    in.accepted_by_person_id = who->empty() ? std::optional<std::string>() : *who;
                return in;
            },
            [&](const Context& c, const std::string& id, const AcceptanceInput& in,
                std::int64_t v) -> Response {
                auto a = s.accept(c, id, in, v);
                if (!a) return http::problem_response(r, a.error());
                return kit::record_response(201, to_json(*a), a->version);
            });
    });
    router.add(Method::Post, "/api/v1/risks/{id}/acceptance/withdrawal",
               [&s, &clock](Request& r) -> Response {
                   if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
                   auto version = http::state_change_version(r);
                   if (!version) return http::problem_response(r, version.error());
                   auto a = s.withdraw_acceptance(http::context_for(r, clock),
                                                  std::string(r.param("id")), *version);
                   if (!a) return http::problem_response(r, a.error());
                   return kit::record_response(200, to_json(*a), a->version);
               });
    router.add(Method::Get, "/api/v1/risk-acceptances/due", {"within_days"},
               [&s, &clock](Request& r) -> Response {
                   auto days =
                       http::integer_query_param(r, "within_days", "Days ahead", 0, 366, 30);
                   if (!days) return http::problem_response(r, days.error());
                   auto due = s.acceptances_to_renew(http::context_for(r, clock), *days);
                   if (!due) return http::problem_response(r, due.error());
                   json::array items;
                   for (const auto& a : *due) items.push_back(to_json(a));
                   return http::json_response(200, json::object{{"items", std::move(items)}});
               });

    router.add(Method::Get, "/api/v1/risk-heat-map", {"view", "register_id", "category"},
               [&s, &clock](Request& r) -> Response {
                   RiskQuery q;
                   q.view = http::text_query_param(r, "view").value_or("current");
                   if (auto v = http::id_query_param(r, "register_id"); !v)
                       return http::problem_response(r, v.error());
                   else
                       q.register_id = *v;
                   q.category = http::text_query_param(r, "category");
                   auto h = s.heat_map(http::context_for(r, clock), q);
                   if (!h) return http::problem_response(r, h.error());
                   return http::json_response(200, heat_map_json(*h));
               });
    router.add(Method::Get, "/api/v1/risk-movement", {"register_id", "from", "to"},
               [&s, &clock](Request& r) -> Response {
                   MovementQuery q;
                   if (auto v = http::id_query_param(r, "register_id"); !v)
                       return http::problem_response(r, v.error());
                   else
                       q.register_id = *v;
                   q.from = http::text_query_param(r, "from");
                   q.to = http::text_query_param(r, "to");
                   auto m = s.movement(http::context_for(r, clock), q);
                   if (!m) return http::problem_response(r, m.error());
                   return http::json_response(200, movement_json(*m));
               });
}

}  // namespace civic::risks
