// SPDX-License-Identifier: AGPL-3.0-or-later
// The calendar feeds and the Modern.gov import.

#include <fmt/format.h>

#include <algorithm>

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

// The server's address as the caller reached it, for the meeting pages' URLs in a feed:
// https when served over TLS (or behind a proxy trusted to say so), and the Host the caller
// sent. A Host that is not a plain host name and port gives no address, and the feed then
// leaves URL out rather than write a broken one.
std::string base_url(const Request& r) {
    const auto host = r.header("host");
    if (!host || host->empty() || host->size() > 255) return {};
    const bool plain = std::all_of(host->begin(), host->end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '.' || ch == '-' || ch == ':' || ch == '[' || ch == ']';
    });
    if (!plain) return {};
    return fmt::format("{}://{}", r.secure ? "https" : "http", *host);
}

Response calendar_response(const Request& r, const Result<std::string>& ics) {
    if (!ics) return http::problem_response(r, ics.error());
    Response out;
    out.status = 200;
    out.body = *ics;
    out.set_header("content-type", "text/calendar; charset=utf-8");
    return out;
}

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
    router.add(Method::Get, "/api/v1/bodies/{id}/calendar.ics", [&service, &clock](Request& r) {
        return calendar_response(r, service.body_calendar(http::context_for(r, clock),
                                                          std::string(r.param("id")), base_url(r)));
    });
    router.add(Method::Get, "/api/v1/people/{id}/calendar.ics", [&service, &clock](Request& r) {
        return calendar_response(
            r, service.person_calendar(http::context_for(r, clock), std::string(r.param("id")),
                                       base_url(r)));
    });
    router.add(Method::Post, "/api/v1/moderngov/councillors",
               [&service, &clock](Request& r) { return import_councillors(r, service, clock); });
}

}  // namespace civic::governance
