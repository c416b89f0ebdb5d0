// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of a register's import and exports:
//
//   POST /api/v1/risk-registers/{id}/import       the file as the body (text/csv), all or
//                                                  nothing: {"created", "owners_to_tidy"}
//   GET  /api/v1/risk-registers/{id}/export.csv   the register's risks in its order, as CSV
//   GET  /api/v1/risk-registers/{id}/export.xlsx  the same as an Excel workbook
#include <fmt/format.h>

#include <boost/json.hpp>
#include <cctype>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/risks/api.hpp"

namespace civic::risks {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// A file name from the register's name: letters and digits kept (lower case), every run of
// anything else one hyphen; "risk-register" when nothing is left.
std::string file_name(std::string_view name) {
    std::string out;
    for (const unsigned char ch : name) {
        if (std::isalnum(ch) && ch < 0x80)
            out += static_cast<char>(std::tolower(ch));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "risk-register" : out;
}

Response download(const Request& r, RisksService& s, const Clock& clock, bool xlsx) {
    const auto ctx = http::context_for(r, clock);
    const std::string id(r.param("id"));
    auto reg = s.get_register(ctx, id);
    if (!reg) return http::problem_response(r, reg.error());
    auto body = xlsx ? s.export_xlsx(ctx, id) : s.export_csv(ctx, id);
    if (!body) return http::problem_response(r, body.error());
    auto out = Response::text(200, std::move(*body));
    out.set_header("content-type",
                   xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : "text/csv; charset=utf-8");
    out.set_header("content-disposition",
                   fmt::format("attachment; filename=\"{}.{}\"", file_name(reg->reg.name),
                               xlsx ? "xlsx" : "csv"));
    return out;
}

}  // namespace

void add_import_routes(http::Router& router, RisksService& s, const Clock& clock) {
    router.add(
        Method::Post, "/api/v1/risk-registers/{id}/import", [&s, &clock](Request& r) -> Response {
            const auto csv = http::csv_body(r);
            if (!csv) return http::problem_response(r, csv.error());
            auto done =
                s.import_register(http::context_for(r, clock), std::string(r.param("id")), *csv);
            if (!done) return http::problem_response(r, done.error());
            json::array owners;
            for (const auto& o : done->owners_to_tidy) owners.emplace_back(o);
            return http::json_response(
                200, json::object{{"created", static_cast<std::int64_t>(done->created)},
                                  {"owners_to_tidy", std::move(owners)}});
        });
    router.add(Method::Get, "/api/v1/risk-registers/{id}/export.csv",
               [&s, &clock](Request& r) { return download(r, s, clock, false); });
    router.add(Method::Get, "/api/v1/risk-registers/{id}/export.xlsx",
               [&s, &clock](Request& r) { return download(r, s, clock, true); });
}

}  // namespace civic::risks
