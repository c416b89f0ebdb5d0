// SPDX-License-Identifier: AGPL-3.0-or-later
// CSV imports of units and people, in the pattern every import follows (core/csv.hpp): read
// the whole file and report every problem at once, by line and column; check each row with
// the same rules as the API; write nothing unless there is no problem at all, and then write
// everything in one transaction, several rows a statement.
//
// Names are matched from an index read once (every live unit's name, and the units of the
// lines above), so the time an import takes grows with the file and the register once each,
// not with their product.

#include <map>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "civic/core/csv.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/org/service_support.hpp"

namespace civic::org {
using namespace detail;
using store::Connection;

namespace {

// The units a file's lines may name: those already in Civic and those made by lines above.
class UnitNames {
public:
    explicit UnitNames(Connection& c) {
        for (auto& u : repo::live_unit_names(c))
            m_ids[import_key(u.name)].push_back(std::move(u.id));
    }

    void add_made(const Unit& u) {
        m_ids[import_key(u.name)].push_back(u.id);
        m_made.emplace(u.id, u);
    }
    // A line that failed: lines below that name it are not told it does not exist.
    void add_failed(std::string_view name) { m_failed.insert(import_key(name)); }
    bool failed(std::string_view name) const { return m_failed.contains(import_key(name)); }

    // The one unit called name, or why not.
    Result<std::string> find(std::string_view name) const {
        const auto it = m_ids.find(import_key(name));
        if (it == m_ids.end() || it->second.empty())
            return std::unexpected(Error::validation(
                "",
                fmt::format("There is no unit called \"{}\"; add it first or check the spelling",
                            trim(name))));
        if (it->second.size() > 1)
            return std::unexpected(Error::validation(
                "", fmt::format("More than one unit is called \"{}\"; give units distinct names",
                                trim(name))));
        return it->second.front();
    }

    // A unit made by a line of the file, when id is one.
    std::optional<Unit> made(const std::string& id) const {
        const auto it = m_made.find(id);
        if (it == m_made.end()) return std::nullopt;
        return it->second;
    }

private:
    std::unordered_map<std::string, std::vector<std::string>> m_ids;
    std::unordered_map<std::string, Unit> m_made;
    std::unordered_set<std::string> m_failed;
};

using Columns = std::map<std::string, std::string, std::less<>>;

// Adds a row's field errors to the problems, naming each field by its column. A field whose
// fault has been reported already (skip) is left out.
void add_row_errors(ImportProblems& problems, std::size_t line, const Error& e,
                    const Columns& columns, std::string_view skip = {}) {
    if (e.errors.empty()) {
        problems.add(line, "", e.detail);
        return;
    }
    for (const auto& fe : e.errors) {
        if (!skip.empty() && fe.field == skip) continue;
        const auto it = columns.find(fe.field);
        problems.add(line, it == columns.end() ? fe.field : it->second, fe.message);
    }
}

std::vector<store::AuditedRecord> audited(const auto& records) {
    std::vector<store::AuditedRecord> out;
    out.reserve(records.size());
    for (const auto& r : records) out.push_back({r.id, audit_text(r)});
    return out;
}

}  // namespace

Result<ImportSummary> OrgService::import_units(const Context& ctx, std::string_view csv) {
    CIVIC_CHECK(require_signed_in(ctx));
    ImportProblems problems;
    const CsvTable t = read_csv_table(csv, {{"name", "kind"}, {"parent", "description"}}, problems);
    const Columns columns{{"name", "name"},
                          {"kind", "kind"},
                          {"parent_id", "parent"},
                          {"description", "description"}};
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        UnitNames names(c);
        const auto unit_by_id = [&](const std::string& id) {
            if (auto u = names.made(id)) return u;
            return repo::find_unit(c, id);
        };
        for (const auto& row : t.refused)
            if (auto name = t.get(row, "name")) names.add_failed(*name);
        std::vector<Unit> units;
        // Without a usable first line the rows cannot be read; the header's problems say why.
        const std::span<const CsvRecord> rows =
            t.header_ok ? std::span<const CsvRecord>(t.rows) : std::span<const CsvRecord>();
        for (const auto& row : rows) {
            UnitInput in{t.get(row, "name"), t.get(row, "kind"), std::nullopt,
                         t.get(row, "description")};
            // The parent named on this line, found by name; a fault here is reported once,
            // and the line's other fields are still checked.
            bool parent_found = true;
            if (auto parent = t.get(row, "parent"); parent && !trim(*parent).empty()) {
                if (auto id = names.find(*parent)) {
                    in.parent_id = *id;
                } else {
                    parent_found = false;
                    if (!names.failed(*parent))
                        problems.add(row.line, "parent", id.error().errors.front().message);
                }
            }
            auto unit = new_unit(ctx, in, unit_by_id);
            if (!unit)
                add_row_errors(problems, row.line, unit.error(), columns,
                               parent_found ? "" : "parent_id");
            if (!unit || !parent_found) {
                names.add_failed(in.name.value_or(""));
                continue;
            }
            names.add_made(*unit);
            units.push_back(std::move(*unit));
        }
        if (problems.any()) return std::unexpected(problems.error());
        repo::insert_units(c, units);
        store::record_audits(c, ctx, "unit", "create", audited(units));
        return ImportSummary{static_cast<int>(units.size())};
    });
}

Result<ImportSummary> OrgService::import_people(const Context& ctx, std::string_view csv) {
    CIVIC_CHECK(require_signed_in(ctx));
    ImportProblems problems;
    const CsvTable t = read_csv_table(
        csv,
        {{"name", "kind"}, {"unit", "honorific_prefix", "published", "email", "phone", "summary"}},
        problems);
    const Columns columns{{"name", "name"},           {"kind", "kind"},
                          {"unit_id", "unit"},        {"honorific_prefix", "honorific_prefix"},
                          {"published", "published"}, {"email", "email"},
                          {"phone", "phone"},         {"summary", "summary"}};
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        const UnitNames names(c);
        const auto unit_by_id = [&](const std::string& id) { return repo::find_unit(c, id); };
        std::vector<Person> people;
        // Without a usable first line the rows cannot be read; the header's problems say why.
        const std::span<const CsvRecord> rows =
            t.header_ok ? std::span<const CsvRecord>(t.rows) : std::span<const CsvRecord>();
        for (const auto& row : rows) {
            PersonInput in;
            in.name = t.get(row, "name");
            in.kind = t.get(row, "kind");
            in.honorific_prefix = t.get(row, "honorific_prefix");
            in.email = t.get(row, "email");
            in.phone = t.get(row, "phone");
            in.summary = t.get(row, "summary");
            bool row_ok = true;
            if (auto pub = t.get(row, "published"); pub && !trim(*pub).empty()) {
                const std::string v = import_key(*pub);
                if (v == "yes" || v == "true" || v == "y" || v == "1") {
                    in.published = true;
                } else if (v == "no" || v == "false" || v == "n" || v == "0") {
                    in.published = false;
                } else {
                    problems.add(row.line, "published", "Published must be yes or no");
                    row_ok = false;
                }
            }
            bool unit_found = true;
            if (auto unit = t.get(row, "unit"); unit && !trim(*unit).empty()) {
                if (auto id = names.find(*unit)) {
                    in.unit_id = *id;
                } else {
                    problems.add(row.line, "unit", id.error().errors.front().message);
                    unit_found = false;
                }
            }
            auto person = new_person(ctx, in, unit_by_id);
            if (!person)
                add_row_errors(problems, row.line, person.error(), columns,
                               unit_found ? "" : "unit_id");
            if (person && row_ok && unit_found) people.push_back(std::move(*person));
        }
        if (problems.any()) return std::unexpected(problems.error());
        repo::insert_people(c, people);
        store::record_audits(c, ctx, "person", "create", audited(people));
        return ImportSummary{static_cast<int>(people.size())};
    });
}

}  // namespace civic::org
