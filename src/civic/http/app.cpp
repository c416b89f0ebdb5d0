// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/app.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/http/problem.hpp"

namespace civic::http {
namespace {

bool is_unsafe(Method m) {
    return m == Method::Post || m == Method::Put || m == Method::Patch || m == Method::Delete;
}

std::string form_field(const Request& r, std::string_view name) {
    if (const auto form = posted_form(r))
        for (const auto& [k, v] : form->fields)
            if (k == name) return v;
    return {};
}

// A cookie-signed-in request, or any HTML form post, must prove it came from a Civic page.
std::optional<Response> check_csrf(const Request& r) {
    // A bearer token is never sent by a browser on its own, so it needs no CSRF proof.
    if (!is_unsafe(r.method) || r.header("authorization")) return std::nullopt;
    const bool form = r.content_type() == "application/x-www-form-urlencoded" ||
                      r.content_type() == "multipart/form-data";
    if (!r.via_session && !form) return std::nullopt;
    std::string sent(r.header("x-csrf-token").value_or(""));
    if (sent.empty() && form) sent = form_field(r, "csrf_token");
    const std::string expected =
        r.via_session ? r.session_csrf : std::string(r.cookie(k_csrf_cookie).value_or(""));
    if (!expected.empty() && constant_time_equal(sent, expected)) return std::nullopt;
    return problem_response(
        r, Error::forbidden("The form has expired or did not come from Civic. Go back, "
                            "reload the page and try again."));
}

// The detail of a problem JSON body.
std::string problem_detail(std::string_view body) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return {};
    const auto* d = v.as_object().if_contains("detail");
    return d && d->is_string() ? std::string(d->as_string()) : std::string();
}

}  // namespace

std::string csrf_token_for(const Request& request, Response* response) {
    if (request.via_session) return request.session_csrf;
    if (auto c = request.cookie(k_csrf_cookie); c && c->size() >= 20) return std::string(*c);
    std::string token = random_token();
    if (response) {
        response->headers.push_back({"set-cookie", std::string(k_csrf_cookie) + "=" + token +
                                                       "; Path=/; HttpOnly; SameSite=Lax" +
                                                       (request.secure ? "; Secure" : "")});
    }
    return token;
}

Response App::handle(Request& request) const {
    Response response;
    try {
        response = handle_inner(request);
    } catch (const ServiceUnavailable& e) {
        spdlog::error("service unavailable: {}", e.what());
        response = problem_response(
            request, Error{ErrorKind::Unavailable,
                           "Civic cannot reach its database just now. Try again in a minute.",
                           {}});
        response.set_header("retry-after", "5");
    } catch (const WriteConflict& e) {
        spdlog::warn("write conflict: {}", e.what());
        response = problem_response(
            request, Error::conflict("Someone else made the same change at the same moment. "
                                     "Reload to see it, and try again if it is still needed."));
    } catch (const std::exception& e) {
        spdlog::error("unhandled exception: {}", e.what());
        response = problem_response(
            request, Error::internal("Something went wrong on our side. Quote request id " +
                                     request.request_id + " if you report it."));
    }
    // A browser that meets an error outside the API gets a page in words, not problem JSON.
    if (m_error_page && response.status >= 400 && !request.path.starts_with("/api/") &&
        request.wants_html() &&
        response.header("content-type").value_or("") == "application/problem+json") {
        Error error{kind_for_status(response.status), problem_detail(response.body), {}};
        const auto extra_headers = response.headers;
        response = m_error_page(request, error);
        for (const auto& h : extra_headers)
            if (h.name == "allow" || h.name == "retry-after" || h.name == "set-cookie")
                response.headers.push_back(h);
    }
    // Defaults every answer carries.
    if (!response.header("x-content-type-options"))
        response.set_header("x-content-type-options", "nosniff");
    if (!response.header("x-frame-options")) response.set_header("x-frame-options", "DENY");
    if (!response.header("referrer-policy")) response.set_header("referrer-policy", "same-origin");
    if (!response.header("cache-control")) response.set_header("cache-control", "no-store");
    return response;
}

Response App::handle_inner(Request& request) const {
    if (m_authenticate) {
        if (auto refused = m_authenticate(request)) return std::move(*refused);
    }
    if (auto refused = check_csrf(request)) return std::move(*refused);
    return m_router.dispatch(request);
}

}  // namespace civic::http
