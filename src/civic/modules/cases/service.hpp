// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The cases module's rules and permissions. So far: the council's case types, read by anyone
// signed in and changed by administrators; a council starts with the defaults of rules.hpp.

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/cases/model.hpp"
#include "civic/store/database.hpp"

namespace civic::cases {

struct CaseTypeInput {
    std::optional<std::string> code, name, kind, calendar, description;
    std::optional<boost::json::value> stages;  // as rules_json() writes them
    std::optional<bool> later_stage_by_another_officer;
    std::optional<std::int64_t> retention_years;
};

class CasesService {
public:
    explicit CasesService(store::Database& db) : m_db(db) {}

    Result<std::vector<CaseType>> list_case_types(const Context& ctx, bool include_archived) const;
    Result<CaseType> get_case_type(const Context& ctx, const std::string& id) const;
    Result<CaseType> create_case_type(const Context& ctx, const CaseTypeInput& in);
    Result<CaseType> update_case_type(const Context& ctx, const std::string& id,
                                      const CaseTypeInput& in, std::int64_t version);
    Result<CaseType> archive_case_type(const Context& ctx, const std::string& id,
                                       std::int64_t version);
    // Gives a council that has no case types the defaults (default_case_types()), each audited;
    // the number made (0 when it has some already).
    Result<int> ensure_default_case_types(const Context& ctx);

private:
    Result<int> seed_defaults(const Context& ctx);

    store::Database& m_db;
};

}  // namespace civic::cases
