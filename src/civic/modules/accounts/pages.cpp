// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/accounts/pages.hpp"

#include <boost/json.hpp>

#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"

namespace civic::accounts {
using http::Method;
using http::Request;
using http::Response;

namespace {

std::string session_cookie(const Request& r, std::string_view value, std::string_view extra) {
    return std::string(k_session_cookie) + "=" + std::string(value) +
           "; Path=/; HttpOnly; SameSite=Lax" + (r.secure ? "; Secure" : "") + std::string(extra);
}

// Only paths inside Civic are followed after sign-in, so the form cannot send people elsewhere.
std::string safe_return_path(std::string_view p) {
    if (p.size() > 1 && p.front() == '/' && p[1] != '/' && p[1] != '\\') return std::string(p);
    return "/";
}

std::string form_value(const std::vector<std::pair<std::string, std::string>>& form,
                       std::string_view name) {
    for (const auto& [k, v] : form)
        if (k == name) return v;
    return {};
}

}  // namespace

http::Authenticator make_authenticator(AccountsService& service, const Clock& clock) {
    return [&service, &clock](Request& r) -> std::optional<Response> {
        if (auto auth = r.header("authorization")) {
            constexpr std::string_view prefix = "Bearer ";
            if (!auth->starts_with(prefix))
                return http::problem_response(
                    r, Error::unauthorized("Send a token as Authorization: Bearer <token>."));
            auto who = service.by_token(std::string(auth->substr(prefix.size())), clock.now());
            if (!who)
                return http::problem_response(
                    r, Error::unauthorized(
                           "The token is not valid. It may have expired or been revoked."));
            r.principal = std::move(who->principal);
            return std::nullopt;
        }
        if (auto cookie = r.cookie(k_session_cookie); cookie && !cookie->empty()) {
            if (auto who = service.by_session(std::string(*cookie), clock.now())) {
                r.principal = std::move(who->principal);
                r.session_csrf = std::move(who->csrf_token);
                r.via_session = true;
            }
        }
        return std::nullopt;
    };
}

void register_pages(http::Router& router, AccountsService& service, const http::PageRenderer& pages,
                    const Clock& clock) {
    router.add(Method::Get, "/sign-in", [&pages](Request& r) {
        boost::json::object view;
        view["return_to"] = safe_return_path(r.query_param("return_to").value_or("/"));
        return pages.page(r, "accounts/sign_in", "Sign in", std::move(view));
    });
    router.add(Method::Post, "/sign-in", [&service, &pages, &clock](Request& r) {
        const auto form = http::parse_form(r.body);
        const std::string username = form_value(form, "username");
        const std::string return_to = safe_return_path(form_value(form, "return_to"));
        auto session =
            service.sign_in(http::context_for(r, clock), username, form_value(form, "password"));
        if (!session) {
            boost::json::object view;
            view["return_to"] = return_to;
            view["username"] = username;
            http::add_form_errors(view, session.error());
            auto res = pages.page(r, "accounts/sign_in", "Error: Sign in", std::move(view),
                                  http::status_for(session.error().kind));
            if (session.error().kind == ErrorKind::TooManyRequests)
                res.set_header("retry-after", "900");
            return res;
        }
        auto res = Response::redirect(return_to);
        res.headers.push_back({"set-cookie", session_cookie(r, session->secret, "")});
        return res;
    });
    // A link or a bookmark to /sign-out gets a button to press: signing out is a POST with the
    // session's CSRF token, so another site cannot sign a user out.
    router.add(Method::Get, "/sign-out", [&pages](Request& r) {
        boost::json::object view;
        view["signed_in"] = r.principal.signed_in();
        view["user_name"] = r.principal.display_name;
        return pages.page(r, "accounts/sign_out",
                          r.principal.signed_in() ? "Sign out" : "You are not signed in",
                          std::move(view));
    });
    router.add(Method::Post, "/sign-out", [&service, &clock](Request& r) {
        if (auto cookie = r.cookie(k_session_cookie))
            service.sign_out(http::context_for(r, clock), std::string(*cookie));
        auto res = Response::redirect("/");
        res.headers.push_back({"set-cookie", session_cookie(r, "", "; Max-Age=0")});
        return res;
    });
}

}  // namespace civic::accounts
