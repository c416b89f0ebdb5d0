// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/repo.hpp"

namespace civic::cases::repo {
using store::Connection;

const kit::Table<CaseType>& case_types() {
    // Case types are the council's, not a unit's: no path.
    static const kit::Table<CaseType> t{
        "case_types",
        "t",
        "",
        nullptr,
        {{"id", &CaseType::id},
         {"code", &CaseType::code},
         {"name", &CaseType::name},
         {"kind", &CaseType::kind},
         {"calendar", &CaseType::calendar},
         {"description", &CaseType::description},
         {"stages", &CaseType::stages_json},
         {"later_stage_by_another_officer", &CaseType::later_stage_by_another_officer},
         {"retention_years", &CaseType::retention_years},
         {"archived_at", &CaseType::archived_at},
         {"version", &CaseType::version},
         {"created_at", &CaseType::created_at},
         {"updated_at", &CaseType::updated_at}}};
    return t;
}

std::optional<CaseType> find_case_type(Connection& c, const std::string& id) {
    return case_types().find(c, id);
}

bool update_case_type(Connection& c, const CaseType& t, std::int64_t expected_version) {
    return case_types().update(c, t, expected_version);
}

std::vector<CaseType> list_case_types(Connection& c, bool include_archived) {
    return case_types().where(
        c,
        include_archived ? "1 = 1 ORDER BY t.code, t.id" : "t.archived_at IS NULL ORDER BY t.code",
        {});
}

std::optional<CaseType> case_type_by_code(Connection& c, const std::string& code) {
    auto found =
        case_types().where(c, "t.archived_at IS NULL AND lower(t.code) = lower(?) ORDER BY t.id",
                           {std::string_view(code)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::int64_t count_case_types(Connection& c) {
    return c
        .query_one("SELECT count(*) FROM case_types", {},
                   [](const store::Row& r) { return r.integer(0); })
        .value_or(0);
}

}  // namespace civic::cases::repo
