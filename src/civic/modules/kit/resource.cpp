// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/resource.hpp"

#include "civic/core/ids.hpp"

namespace civic::kit {

http::Response record_response(int status, boost::json::object body, std::int64_t version) {
    auto res = http::json_response(status, body);
    res.set_header("etag", http::etag_for(version));
    return res;
}

std::optional<http::Response> reject_bad_id(const http::Request& r) {
    if (is_id(r.param("id"))) return std::nullopt;
    return http::problem_response(r, Error::not_found("There is no record with this id."));
}

}  // namespace civic::kit
