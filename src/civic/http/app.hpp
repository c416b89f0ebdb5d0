// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The pipeline every request goes through, in order: authentication, the CSRF check for
// browser writes, the route table, and the translation of failures (an exception becomes a
// 500 that carries the request id and nothing internal; an unreachable database a 503).

#include <functional>
#include <string>

#include "civic/core/error.hpp"
#include "civic/http/router.hpp"

namespace civic::http {

// Fills Request::principal (and session_csrf / via_session) from the cookie or bearer token.
// Returns an error response to send instead, for example for a revoked token.
using Authenticator = std::function<std::optional<Response>(Request&)>;

class App {
public:
    App() = default;
    Router& router() { return m_router; }
    const Router& router() const { return m_router; }
    void set_authenticator(Authenticator a) { m_authenticate = std::move(a); }
    // Renders an error as a page, for browsers outside /api/.
    void set_error_pages(std::function<Response(const Request&, const Error&)> render) {
        m_error_page = std::move(render);
    }

    Response handle(Request& request) const;

private:
    Response handle_inner(Request& request) const;
    Router m_router;
    Authenticator m_authenticate;
    std::function<Response(const Request&, const Error&)> m_error_page;
};

// The CSRF token a form on this response must carry: the session's when signed in, else the
// visitor's double-submit cookie (set on the response when missing).
std::string csrf_token_for(const Request& request, Response* response_to_set_cookie);

// The name of the cookie that holds a visitor's CSRF token before sign-in.
inline constexpr std::string_view k_csrf_cookie = "civic_csrf";

}  // namespace civic::http
