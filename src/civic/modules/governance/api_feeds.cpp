// SPDX-License-Identifier: AGPL-3.0-or-later
// The calendar feeds and the Modern.gov import.

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/governance/api.hpp"
#include "civic/modules/governance/views.hpp"

namespace civic::governance {
using http::Method;
using http::Request;
using http::Response;

namespace {

// POST /api/v1/moderngov/councillors: the GetCouncillorsByWard response as the body.
Response import_councillors(const Request& r, GovernanceService& s, const Clock& clock) {
    if (const auto type = r.content_type(); type != "application/xml" && type != "text/xml")
        return http::problem_response(
            r, Error{ErrorKind::UnsupportedMediaType,
                     "Send the Modern.gov response as the body, with Content-Type: "
                     "application/xml (or text/xml).",
                     {}});
    auto done = s.import_moderngov(http::context_for(r, clock), r.body);
    if (!done) return http::problem_response(r, done.error());
    return http::json_response(200, to_json(*done));
}

}  // namespace

void add_feed_routes(http::Router& router, GovernanceService& service, const Clock& clock) {
    router.add(Method::Post, "/api/v1/moderngov/councillors",
               [&service, &clock](Request& r) { return import_councillors(r, service, clock); });
}

}  // namespace civic::governance
