// SPDX-License-Identifier: AGPL-3.0-or-later
// The route that turns a case's lessons learned into an action in a plan:
//
//   POST /api/v1/cases/{id}/lessons-actions   {plan_id, parent_id, ref, kind, title,
//                                              description, lead_person_id, due_date}:
//                                              201 {"item": …, "link": …}
//
// It needs no If-Match: the case itself does not change (the link is a record of its own), so
// its version stays as it was.
#include <boost/json.hpp>

#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/cases/api.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::cases {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

void add_lessons_route(http::Router& router, CasesService& s, const Clock& clock) {
    router.add(
        Method::Post, "/api/v1/cases/{id}/lessons-actions", [&s, &clock](Request& r) -> Response {
            if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
            auto body = http::json_body(r);
            if (!body) return http::problem_response(r, body.error());
            JsonFields f(*body);
            LessonsActionInput in;
            in.plan_id = f.optional_text("plan_id", "Plan");
            in.parent_id = f.optional_text("parent_id", "Parent item");
            in.ref = f.optional_text("ref", "Reference");
            in.kind = f.optional_text("kind", "Kind");
            in.title = f.optional_text("title", "Title");
            in.description = f.optional_text("description", "Description", 20000);
            in.lead_person_id = f.optional_text("lead_person_id", "Lead officer");
            in.due_date = f.optional_text("due_date", "Due date");
            if (auto read = f.finish(); !read) return http::problem_response(r, read.error());
            auto done =
                s.make_lessons_action(http::context_for(r, clock), std::string(r.param("id")), in);
            if (!done) return http::problem_response(r, done.error());
            return http::json_response(201, json::object{{"item", plans::to_json(done->item)},
                                                         {"link", kit::to_json(done->link)}});
        });
}

}  // namespace civic::cases
