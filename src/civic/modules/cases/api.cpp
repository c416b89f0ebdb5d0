// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/api.hpp"

#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::cases {
using http::Request;

namespace {

struct CaseTypeQuery {
    bool include_archived = false;
};

CaseTypeInput case_type_input(JsonFields& f) {
    CaseTypeInput in;
    in.code = f.optional_text("code", "Code");
    in.name = f.optional_text("name", "Name");
    in.kind = f.optional_text("kind", "Kind");
    in.calendar = f.optional_text("calendar", "Calendar");
    in.description = f.optional_text("description", "Description", 100000);
    if (const auto* stages = f.raw("stages")) in.stages = *stages;
    in.later_stage_by_another_officer =
        f.optional_boolean("later_stage_by_another_officer", "A later stage by another officer");
    in.retention_years = f.optional_integer("retention_years", "Years personal data is kept");
    return in;
}

}  // namespace

void register_api(http::Router& router, CasesService& s, const Clock& clock) {
    kit::add_resource<CaseTypeInput, CaseType, CaseTypeQuery>(
        router,
        {.base = "/api/v1/case-types",
         .params = {"include_archived"},
         .query = [](const Request& r) -> Result<CaseTypeQuery> {
             CaseTypeQuery q;
             CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
             return q;
         },
         .parse = case_type_input,
         .view = [](const CaseType& t) { return to_json(t); },
         .list_all =
             [&s](const Context& c, const CaseTypeQuery& q) {
                 return s.list_case_types(c, q.include_archived);
             },
         .create = [&s](const Context& c,
                        const CaseTypeInput& in) { return s.create_case_type(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_case_type(c, id); },
         .update = [&s](const Context& c, const std::string& id, const CaseTypeInput& in,
                        std::int64_t v) { return s.update_case_type(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_case_type(c, id, v); }},
        clock);
}

}  // namespace civic::cases
