// SPDX-License-Identifier: AGPL-3.0-or-later
// The HTTP layer without sockets: routing, problem JSON, the pipeline's error handling and
// the CSRF check.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/app.hpp"
#include "civic/http/problem.hpp"
#include "civic/http/request.hpp"

namespace civic::http {
namespace {

Request request(Method m, std::string path) {
    Request r;
    r.method = m;
    r.path = path;
    r.target = path;
    r.request_id = "req-42";
    return r;
}

boost::json::object body_of(const Response& r) { return boost::json::parse(r.body).as_object(); }

TEST(Router, fills_named_parameters_and_prefers_the_first_match) {
    Router router;
    router.add(Method::Get, "/units/new", [](Request&) { return Response::text(200, "new"); });
    router.add(Method::Get, "/units/{id}",
               [](Request& r) { return Response::text(200, std::string(r.param("id"))); });
    auto a = request(Method::Get, "/units/new");
    EXPECT_EQ(router.dispatch(a).body, "new");
    auto b = request(Method::Get, "/units/abc");
    EXPECT_EQ(router.dispatch(b).body, "abc");
}

TEST(Router, answers_405_with_allow_when_only_the_method_is_wrong) {
    Router router;
    router.add(Method::Get, "/api/v1/units", [](Request&) { return Response::text(200, ""); });
    router.add(Method::Post, "/api/v1/units", [](Request&) { return Response::text(201, ""); });
    auto r = request(Method::Delete, "/api/v1/units");
    const auto res = router.dispatch(r);
    EXPECT_EQ(res.status, 405);
    EXPECT_EQ(res.header("allow"), std::optional<std::string_view>("GET, POST"));
    EXPECT_EQ(res.header("content-type"),
              std::optional<std::string_view>("application/problem+json"));
}

TEST(Router, answers_404_problem_json_for_an_unknown_path) {
    Router router;
    auto r = request(Method::Get, "/nowhere");
    const auto res = router.dispatch(r);
    EXPECT_EQ(res.status, 404);
    const auto body = body_of(res);
    EXPECT_EQ(body.at("type"), "/problems/not-found");
    EXPECT_EQ(body.at("status"), 404);
    EXPECT_EQ(body.at("request_id"), "req-42");
}

TEST(Router, serves_head_with_the_get_handler) {
    Router router;
    router.add(Method::Get, "/healthz", [](Request&) { return Response::text(200, "ok"); });
    auto r = request(Method::Head, "/healthz");
    EXPECT_EQ(router.dispatch(r).status, 200);
}

TEST(Router, takes_the_rest_of_the_path_for_a_trailing_wildcard) {
    Router router;
    router.add(Method::Get, "/assets/{path...}",
               [](Request& r) { return Response::text(200, std::string(r.param("path"))); });
    auto r = request(Method::Get, "/assets/images/favicon.ico");
    EXPECT_EQ(router.dispatch(r).body, "images/favicon.ico");
}

TEST(Problems, list_each_invalid_field) {
    auto r = request(Method::Post, "/api/v1/units");
    const auto res = problem_response(
        r, Error::validation({{"name", "Enter the unit's name"}, {"kind", "Choose"}}));
    EXPECT_EQ(res.status, 422);
    const auto body = body_of(res);
    EXPECT_EQ(body.at("title"), "Some fields need correcting");
    ASSERT_EQ(body.at("errors").as_array().size(), 2u);
    EXPECT_EQ(body.at("errors").as_array()[0].as_object().at("field"), "name");
}

TEST(App, turns_an_exception_into_a_500_that_carries_the_request_id_and_nothing_internal) {
    App app;
    app.router().add(Method::Get, "/boom", [](Request&) -> Response {
        throw std::runtime_error("secret table name users_x");
    });
    auto r = request(Method::Get, "/boom");
    const auto res = app.handle(r);
    EXPECT_EQ(res.status, 500);
    EXPECT_EQ(res.body.find("users_x"), std::string::npos);
    EXPECT_NE(res.body.find("req-42"), std::string::npos);
}

TEST(App, answers_503_with_retry_after_when_the_database_is_unreachable) {
    App app;
    app.router().add(Method::Get, "/api/v1/units",
                     [](Request&) -> Response { throw ServiceUnavailable("connection refused"); });
    auto r = request(Method::Get, "/api/v1/units");
    const auto res = app.handle(r);
    EXPECT_EQ(res.status, 503);
    EXPECT_EQ(res.header("retry-after"), std::optional<std::string_view>("5"));
    EXPECT_EQ(body_of(res).at("type"), "/problems/unavailable");
}

TEST(App, refuses_a_form_post_without_the_csrf_token) {
    App app;
    app.router().add(Method::Post, "/units",
                     [](Request&) { return Response::redirect("/units/1"); });
    auto r = request(Method::Post, "/units");
    r.headers.push_back({"content-type", "application/x-www-form-urlencoded"});
    r.headers.push_back({"cookie", "civic_csrf=abcdefghijklmnopqrstuvwxyz"});
    r.body = "name=ICT";
    EXPECT_EQ(app.handle(r).status, 403);
    r.body = "name=ICT&csrf_token=abcdefghijklmnopqrstuvwxyz";
    EXPECT_EQ(app.handle(r).status, 303);
}

TEST(App, refuses_a_cookie_session_write_without_the_csrf_header) {
    App app;
    app.set_authenticator([](Request& r) -> std::optional<Response> {
        r.principal.user_id = "u1";
        r.via_session = true;
        r.session_csrf = "session-token-123456789";
        return std::nullopt;
    });
    app.router().add(Method::Post, "/api/v1/units",
                     [](Request&) { return Response::text(201, ""); });
    auto r = request(Method::Post, "/api/v1/units");
    r.headers.push_back({"content-type", "application/json"});
    EXPECT_EQ(app.handle(r).status, 403);
    r.headers.push_back({"x-csrf-token", "session-token-123456789"});
    EXPECT_EQ(app.handle(r).status, 201);
}

TEST(ApiSupport, reads_the_version_from_if_match_or_the_body) {
    const boost::json::object none;
    const boost::json::object seven{{"version", 7}};
    auto r = request(Method::Patch, "/api/v1/units/x");
    r.headers.push_back({"if-match", "W/\"3\""});
    JsonFields from_header(none);
    EXPECT_EQ(change_version(r, from_header).value(), 3);
    auto plain = request(Method::Patch, "/api/v1/units/x");
    JsonFields from_body(seven);
    EXPECT_EQ(change_version(plain, from_body).value(), 7);
    EXPECT_TRUE(from_body.finish().has_value());  // version was read: not an unknown field
    JsonFields neither(none);
    EXPECT_EQ(change_version(plain, neither).error().kind, ErrorKind::PreconditionRequired);
    auto bad = request(Method::Patch, "/api/v1/units/x");
    bad.headers.push_back({"if-match", "\"abc\""});
    JsonFields with_bad(none);
    EXPECT_EQ(change_version(bad, with_bad).error().kind, ErrorKind::BadRequest);
}

TEST(ApiSupport, refuses_a_body_version_that_disagrees_with_if_match) {
    const boost::json::object body{{"version", 999}};
    auto r = request(Method::Patch, "/api/v1/units/x");
    r.headers.push_back({"if-match", "W/\"1\""});
    JsonFields fields(body);
    const auto v = change_version(r, fields);
    ASSERT_FALSE(v.has_value());
    EXPECT_EQ(v.error().kind, ErrorKind::Validation);
    ASSERT_EQ(v.error().errors.size(), 1u);
    EXPECT_EQ(v.error().errors[0].field, "version");
}

TEST(Forms, decode_percent_and_plus) {
    const auto form = parse_form("name=Policy+%26+Research&empty=&flag");
    ASSERT_EQ(form.size(), 3u);
    EXPECT_EQ(form[0].second, "Policy & Research");
    EXPECT_EQ(form[1].second, "");
    EXPECT_EQ(form[2].first, "flag");
}

}  // namespace
}  // namespace civic::http
