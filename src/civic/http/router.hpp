// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// One route table: each module registers its routes; dispatch matches the path segment by
// segment, fills Request::params, and answers 404 or 405 (with Allow) when nothing fits.

#include <functional>
#include <string>
#include <vector>

#include "civic/http/request.hpp"

namespace civic::http {

using Handler = std::function<Response(Request&)>;

struct RouteInfo {
    Method method;
    std::string pattern;
};

class Router {
public:
    // pattern: "/api/v1/units/{id}"; a final "{rest...}" takes the rest of the path.
    void add(Method method, std::string pattern, Handler handler);
    Response dispatch(Request& request) const;
    std::vector<RouteInfo> routes() const;

private:
    struct Route {
        Method method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };
    static bool match(const Route& route, const std::vector<std::string_view>& path,
                      std::vector<std::pair<std::string, std::string>>& params);
    std::vector<Route> m_routes;
};

}  // namespace civic::http
