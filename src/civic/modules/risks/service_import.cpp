// SPDX-License-Identifier: AGPL-3.0-or-later
// A register imported from the spreadsheet councils publish, all or nothing, and written out
// again as CSV (which imports back) and as an Excel workbook for a committee's papers.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

#include "civic/core/csv.hpp"
#include "civic/modules/risks/export.hpp"
#include "civic/modules/risks/import_rows.hpp"
#include "civic/modules/risks/service.hpp"
#include "civic/modules/risks/service_support.hpp"

namespace civic::risks {
using namespace detail;
using store::Connection;

namespace {

// The category a row without one is given.
constexpr std::string_view k_default_category = "operational";

// The file's column for a field the service's checks name.
std::string column_of(std::string_view field) {
    if (field == "actions_text") return "actions";
    if (field == "next_review_on") return "review_date";
    if (field == "owner_person_id") return "owner";
    if (field.starts_with("controls")) return "controls";
    return std::string(field);
}

RiskInput input_of(const ImportRow& row, const Register& reg) {
    RiskInput in;
    in.register_id = reg.id;
    in.reference = row.reference;
    in.title = row.title;
    in.description = row.description;
    in.category = row.category.empty() ? std::string(k_default_category) : row.category;
    if (!row.owner.empty()) in.owner = row.owner;
    in.inherent_likelihood = row.inherent_likelihood;
    in.inherent_impact = row.inherent_impact;
    in.inherent_score = row.inherent_score;
    in.current_likelihood = row.current_likelihood;
    in.current_impact = row.current_impact;
    in.current_score = row.current_score;
    if (row.target_likelihood || row.target_impact) {
        in.target_likelihood = row.target_likelihood;
        in.target_impact = row.target_impact;
    }
    in.target_score = row.target_score;
    if (!row.response.empty()) in.response = row.response;
    if (!row.status.empty()) in.status = row.status;
    std::vector<ControlInput> controls;
    for (const auto& text : row.controls) controls.push_back({text, std::nullopt});
    in.controls = std::move(controls);
    if (!row.actions.empty()) in.actions_text = row.actions;
    if (row.review_date) in.next_review_on = row.review_date;
    // identified_on is left out: new_risk makes it today.
    return in;
}

ExportScore export_score(const ScoreView& v) {
    return {v.pair.likelihood, v.pair.impact, v.score, v.band};
}

// The register's live risks as an export shows them, in the council's order.
Result<RegisterExport> register_export(Connection& c, const Context& ctx,
                                       const std::string& register_id) {
    CIVIC_TRY(auto reg, readable_register(c, ctx, register_id));
    Viewer viewer(c, ctx);
    RegisterExport e;
    e.name = reg.name;
    e.matrix = viewer.matrix();
    for (const auto& r : repo::risks_in(c, reg.id)) {
        const auto v = viewer.risk_view(r);
        ExportRow row;
        row.reference = r.reference;
        row.title = r.title;
        row.description = r.description;
        row.owner = v.owner_name;
        row.inherent = export_score(v.inherent);
        row.current = export_score(v.current);
        if (v.target) row.target = export_score(*v.target);
        row.category = r.category;
        row.response = r.response;
        for (const auto& control : v.controls) row.controls.push_back(control.description);
        row.actions = r.actions_text;
        row.next_review_on = r.next_review_on;
        row.status = r.status;
        row.above_appetite = v.above_appetite;
        e.rows.push_back(std::move(row));
    }
    return e;
}

}  // namespace

Result<ImportResult> RisksService::import_register(const Context& ctx,
                                                   const std::string& register_id,
                                                   std::string_view csv) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<ImportResult> {
        // As the kit's change steps answer: a register the caller cannot change is not found.
        CIVIC_TRY(auto reg, readable_register(c, ctx, register_id));
        if (!may_change(ctx.principal, reg))
            return std::unexpected(Error::not_found(
                "There is no risk register with this id that you can import into."));

        ImportProblems problems;
        auto rows = import_rows(csv);
        if (!rows) {
            for (const auto& e : rows.error()) problems.add(e.line, e.column, e.message);
            return std::unexpected(problems.error());
        }
        const Matrix m = repo::matrix(c);
        std::vector<Risk> made;
        std::set<std::string> seen;  // references in the file, lower case
        for (const auto& row : *rows) {
            std::set<std::string> blamed;  // columns with a problem on this line
            for (const auto& e : check_row_scores(row, m)) {
                blamed.insert(e.column);
                problems.add(e.line, e.column, e.message);
            }
            auto risk = new_risk(c, ctx, m, reg, input_of(row, reg));
            if (!risk) {
                for (const auto& fe : risk.error().errors) {
                    const std::string column = column_of(fe.field);
                    // A score is not blamed as well when its likelihood or impact is.
                    if (column.ends_with("_score")) {
                        const std::string pair = column.substr(0, column.size() - 6);
                        if (blamed.contains(pair + "_likelihood") ||
                            blamed.contains(pair + "_impact"))
                            continue;
                    }
                    if (!blamed.insert(column).second) continue;
                    problems.add(row.line, column, fe.message);
                }
            }
            const std::string key = import_key(row.reference);
            if (!key.empty() && !seen.insert(key).second && !blamed.contains("reference"))
                problems.add(row.line, "reference",
                             fmt::format("The reference {} is used on an earlier line of the file",
                                         row.reference));
            if (risk) made.push_back(std::move(*risk));
        }
        if (problems.any()) return std::unexpected(problems.error());

        ImportResult result;
        std::int64_t position = repo::next_position(c, reg.id);
        for (auto& r : made) {
            r.id = new_id();
            r.position = position++;
            Risk risk = insert_record(c, ctx, k_risk, repo::risks(), std::move(r));
            first_assessment(c, ctx, risk, "Imported with the register.");
            if (!risk.owner_person_id && !risk.owner_text.empty() &&
                std::find(result.owners_to_tidy.begin(), result.owners_to_tidy.end(),
                          risk.owner_text) == result.owners_to_tidy.end())
                result.owners_to_tidy.push_back(risk.owner_text);
            ++result.created;
        }
        return result;
    });
}

Result<std::string> RisksService::export_csv(const Context& ctx,
                                             const std::string& register_id) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::string> {
        CIVIC_TRY(auto e, register_export(c, ctx, register_id));
        return register_csv(e);
    });
}

Result<std::string> RisksService::export_xlsx(const Context& ctx,
                                              const std::string& register_id) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<std::string> {
        CIVIC_TRY(auto e, register_export(c, ctx, register_id));
        return register_xlsx(e);
    });
}

}  // namespace civic::risks
