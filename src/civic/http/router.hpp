// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// One route table: each module registers its routes; dispatch matches the path segment by
// segment, fills Request::params, and answers 404 or 405 (with Allow) when nothing fits.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/http/request.hpp"

namespace civic::http {

using Handler = std::function<Response(Request&)>;

struct RouteInfo {
    Method method;
    std::string pattern;
    std::vector<std::string> query;  // the query parameters it understands
};

class Router {
public:
    // pattern: "/api/v1/units/{id}"; a final "{rest...}" takes the rest of the path.
    // query: the query parameters the route understands. A route of the API (its pattern
    // starts /api/) refuses any other with 422 naming it, so a misspelt filter is never
    // silently ignored; pages take any, since browsers and links add their own. On every
    // route each query parameter must be one line of text (core/utf8.hpp), or 422.
    void add(Method method, std::string pattern, Handler handler);
    void add(Method method, std::string pattern, std::vector<std::string> query, Handler handler);
    Response dispatch(Request& request) const;
    std::vector<RouteInfo> routes() const;

private:
    struct Route {
        Method method;
        std::string pattern;
        std::vector<std::string> segments;
        std::vector<std::string> query;
        Handler handler;
    };
    static std::optional<Error> check_query(const Route& route, const Request& request);
    static bool match(const Route& route, const std::vector<std::string_view>& path,
                      std::vector<std::pair<std::string, std::string>>& params);
    std::vector<Route> m_routes;
};

}  // namespace civic::http
