// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/router.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "civic/core/utf8.hpp"
#include "civic/http/problem.hpp"

namespace civic::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') {
            ++i;
            continue;
        }
        const auto next = path.find('/', i);
        out.push_back(path.substr(i, next == std::string_view::npos ? path.size() - i : next - i));
        i = next == std::string_view::npos ? path.size() : next;
    }
    return out;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler) {
    add(method, std::move(pattern), {}, std::move(handler));
}

void Router::add(Method method, std::string pattern, std::vector<std::string> query,
                 Handler handler) {
    std::vector<std::string> segments;
    for (auto s : split_path(pattern)) segments.emplace_back(s);
    m_routes.push_back(
        {method, std::move(pattern), std::move(segments), std::move(query), std::move(handler)});
}

std::optional<Error> Router::check_query(const Route& route, const Request& request) {
    const bool strict = route.pattern.starts_with("/api/");
    std::vector<FieldError> errors;
    for (const auto& [name, value] : request.query) {
        const std::string shown = shown_safely(name);
        if (const auto fault = text_fault(name, Lines::One); fault != TextFault::None) {
            errors.push_back(
                {shown, fmt::format("The name of a query parameter {}", describe(fault))});
            continue;
        }
        if (strict &&
            std::find(route.query.begin(), route.query.end(), name) == route.query.end()) {
            std::string known;
            for (const auto& q : route.query) known += (known.empty() ? "" : ", ") + q;
            errors.push_back(
                {shown, route.query.empty()
                            ? fmt::format("{} is not a query parameter Civic knows; this address "
                                          "takes none",
                                          shown)
                            : fmt::format("{} is not a query parameter Civic knows here; this "
                                          "address takes {}",
                                          shown, known)});
            continue;
        }
        if (const auto fault = text_fault(value, Lines::One); fault != TextFault::None)
            errors.push_back({shown, fmt::format("{} {}", shown, describe(fault))});
    }
    if (errors.empty()) return std::nullopt;
    return Error::validation(std::move(errors), "Some query parameters need correcting.");
}

bool Router::match(const Route& route, const std::vector<std::string_view>& path,
                   std::vector<std::pair<std::string, std::string>>& params) {
    params.clear();
    for (std::size_t i = 0; i < route.segments.size(); ++i) {
        const std::string& seg = route.segments[i];
        const bool is_param = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
        if (is_param && seg.ends_with("...}")) {
            std::string rest;
            for (std::size_t j = i; j < path.size(); ++j) {
                if (!rest.empty()) rest.push_back('/');
                rest.append(path[j]);
            }
            if (rest.empty()) return false;
            params.emplace_back(seg.substr(1, seg.size() - 5), std::move(rest));
            return true;
        }
        if (i >= path.size()) return false;
        if (is_param) {
            params.emplace_back(seg.substr(1, seg.size() - 2), std::string(path[i]));
        } else if (seg != path[i]) {
            return false;
        }
    }
    return route.segments.size() == path.size();
}

Response Router::dispatch(Request& request) const {
    const auto path = split_path(request.path);
    std::vector<std::pair<std::string, std::string>> params;
    std::string allow;
    for (const auto& route : m_routes) {
        if (!match(route, path, params)) continue;
        const bool head_as_get = request.method == Method::Head && route.method == Method::Get;
        if (route.method == request.method || head_as_get) {
            if (auto refused = check_query(route, request))
                return problem_response(request, *refused);
            // A path part that is not text cannot name anything Civic holds.
            for (const auto& [name, value] : params)
                if (text_fault(value, Lines::One) != TextFault::None)
                    return problem_response(request,
                                            Error::not_found("There is nothing at this address."));
            request.params = std::move(params);
            return route.handler(request);
        }
        if (allow.find(method_name(route.method)) == std::string::npos) {
            if (!allow.empty()) allow += ", ";
            allow += method_name(route.method);
        }
    }
    if (!allow.empty()) {
        auto r = problem_response(request, Error{ErrorKind::MethodNotAllowed,
                                                 fmt::format("{} is not allowed here; use {}.",
                                                             method_name(request.method), allow),
                                                 {}});
        r.set_header("allow", allow);
        return r;
    }
    return problem_response(request, Error::not_found("There is nothing at this address."));
}

std::vector<RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : m_routes) out.push_back({r.method, r.pattern, r.query});
    return out;
}

}  // namespace civic::http
