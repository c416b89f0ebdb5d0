// SPDX-License-Identifier: AGPL-3.0-or-later
// The route of the casework import:
//
//   POST /api/v1/cases/import   the file as the body (text/csv), all or nothing:
//                               {"created", "cases": [{"line", "id", "reference"}]}
#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/cases/api.hpp"

namespace civic::cases {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

void add_import_route(http::Router& router, CasesService& s, const Clock& clock) {
    router.add(Method::Post, "/api/v1/cases/import", [&s, &clock](Request& r) -> Response {
        const auto csv = http::csv_body(r);
        if (!csv) return http::problem_response(r, csv.error());
        auto done = s.import_cases(http::context_for(r, clock), *csv);
        if (!done) return http::problem_response(r, done.error());
        json::array cases;
        for (const auto& k : done->cases)
            cases.push_back(json::object{{"line", static_cast<std::int64_t>(k.line)},
                                         {"id", k.id},
                                         {"reference", k.reference}});
        return http::json_response(
            200, json::object{{"created", static_cast<std::int64_t>(done->cases.size())},
                              {"cases", std::move(cases)}});
    });
}

}  // namespace civic::cases
