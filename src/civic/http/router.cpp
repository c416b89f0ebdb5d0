// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/router.hpp"

#include <fmt/format.h>

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
    std::vector<std::string> segments;
    for (auto s : split_path(pattern)) segments.emplace_back(s);
    m_routes.push_back({method, std::move(pattern), std::move(segments), std::move(handler)});
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
    for (const auto& r : m_routes) out.push_back({r.method, r.pattern});
    return out;
}

}  // namespace civic::http
