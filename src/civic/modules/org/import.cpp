// SPDX-License-Identifier: AGPL-3.0-or-later
// CSV imports of units and people: one transaction for the whole file, so one bad row
// rejects the file and nothing is written. Each row goes through the same rules as the API.

#include <map>

#include "civic/core/csv.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/org/service_support.hpp"

namespace civic::org {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_max_reported = 20;

struct Table {
    std::vector<std::string> header;
    std::vector<CsvRecord> rows;

    std::optional<std::string> get(const CsvRecord& r, std::string_view column) const {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == column) return i < r.fields.size() ? r.fields[i] : std::string();
        return std::nullopt;
    }
};

// Reads the CSV and checks its header: every required column present, none unknown.
Result<Table> read_table(std::string_view csv, const std::vector<std::string_view>& required,
                         const std::vector<std::string_view>& optional) {
    auto parsed = parse_csv(csv);
    if (!parsed)
        return std::unexpected(Error::validation(
            fmt::format("line {}, column {}", parsed.error().line, parsed.error().column),
            "The file is not valid CSV: " + parsed.error().message));
    if (parsed->empty())
        return std::unexpected(
            Error::validation("line 1", "The file is empty; the first line must name the columns"));
    Table t;
    // Column names are matched without regard to case or surrounding spaces.
    for (auto& h : parsed->front().fields) {
        std::string name(trim(h));
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        t.header.push_back(std::move(name));
    }
    std::vector<FieldError> errors;
    for (auto col : required)
        if (std::find(t.header.begin(), t.header.end(), col) == t.header.end())
            errors.push_back(
                {"line 1", fmt::format("The column \"{}\" is missing from the first line", col)});
    for (std::size_t i = 0; i < t.header.size(); ++i) {
        const auto& h = t.header[i];
        const bool known = std::find(required.begin(), required.end(), h) != required.end() ||
                           std::find(optional.begin(), optional.end(), h) != optional.end();
        if (!known)
            errors.push_back({fmt::format("line 1, column {}", i + 1),
                              fmt::format("\"{}\" is not a column Civic knows here", h)});
    }
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    t.rows.assign(std::make_move_iterator(parsed->begin() + 1),
                  std::make_move_iterator(parsed->end()));
    for (const auto& r : t.rows) {
        if (r.fields.size() != t.header.size())
            return std::unexpected(Error::validation(
                fmt::format("line {}", r.line),
                fmt::format("This line has {} values but the first line names {} columns",
                            r.fields.size(), t.header.size())));
    }
    return t;
}

// Finds the unit a row names: by name among units earlier in the file, then in the database.
Result<std::optional<std::string>> unit_by_name(Connection& c,
                                                const std::multimap<std::string, std::string>& made,
                                                const std::string& name) {
    std::string key(trim(name));
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (key.empty()) return std::optional<std::string>{};
    std::vector<std::string> ids;
    auto [lo, hi] = made.equal_range(key);
    for (auto it = lo; it != hi; ++it) ids.push_back(it->second);
    for (const auto& u : repo::find_units_by_name(c, std::string(trim(name))))
        if (std::find(ids.begin(), ids.end(), u.id) == ids.end()) ids.push_back(u.id);
    if (ids.empty())
        return std::unexpected(Error::validation(
            "", fmt::format("There is no unit called \"{}\"; add it first or check the spelling",
                            trim(name))));
    if (ids.size() > 1)
        return std::unexpected(Error::validation(
            "", fmt::format("More than one unit is called \"{}\"; give units distinct names",
                            trim(name))));
    return std::optional<std::string>(ids.front());
}

std::string lower(std::string_view s) {
    std::string out(trim(s));
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// Names the line and column of each field error of one row.
void add_row_errors(std::vector<FieldError>& out, std::size_t line, const Error& e,
                    const std::map<std::string, std::string, std::less<>>& columns) {
    if (e.errors.empty()) {
        out.push_back({fmt::format("line {}", line), e.detail});
        return;
    }
    for (const auto& fe : e.errors) {
        const auto it = columns.find(fe.field);
        const std::string column = it == columns.end() ? fe.field : it->second;
        out.push_back({fmt::format("line {}, column {}", line, column), fe.message});
    }
}

Error import_failed(std::vector<FieldError> errors) {
    const std::size_t n = errors.size();
    if (errors.size() > k_max_reported) errors.resize(k_max_reported);
    return Error::validation(
        std::move(errors),
        fmt::format("The file was not imported: {} problem{} found, and nothing was written.", n,
                    n == 1 ? "" : "s"));
}

}  // namespace

Result<ImportSummary> OrgService::import_units(const Context& ctx, std::string_view csv) {
    CIVIC_CHECK(require_signed_in(ctx));
    CIVIC_TRY(Table t, read_table(csv, {"name", "kind"}, {"parent", "description"}));
    const std::map<std::string, std::string, std::less<>> columns{{"name", "name"},
                                                                  {"kind", "kind"},
                                                                  {"parent_id", "parent"},
                                                                  {"description", "description"}};
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        std::vector<FieldError> errors;
        std::multimap<std::string, std::string> made;
        ImportSummary summary;
        for (const auto& row : t.rows) {
            UnitInput in{t.get(row, "name"), t.get(row, "kind"), std::nullopt,
                         t.get(row, "description")};
            if (in.kind) *in.kind = lower(*in.kind);
            if (auto parent = t.get(row, "parent"); parent && !trim(*parent).empty()) {
                auto found = unit_by_name(c, made, *parent);
                if (!found) {
                    errors.push_back({fmt::format("line {}, column parent", row.line),
                                      found.error().errors.front().message});
                    continue;
                }
                in.parent_id = *found;
            }
            auto unit = create_unit_on(c, ctx, in);
            if (!unit) {
                add_row_errors(errors, row.line, unit.error(), columns);
                continue;
            }
            made.emplace(lower(unit->name), unit->id);
            ++summary.created;
        }
        if (!errors.empty()) return std::unexpected(import_failed(std::move(errors)));
        return summary;
    });
}

Result<ImportSummary> OrgService::import_people(const Context& ctx, std::string_view csv) {
    CIVIC_CHECK(require_signed_in(ctx));
    CIVIC_TRY(Table t,
              read_table(csv, {"name", "kind"},
                         {"unit", "honorific_prefix", "published", "email", "phone", "summary"}));
    const std::map<std::string, std::string, std::less<>> columns{
        {"name", "name"},           {"kind", "kind"},
        {"unit_id", "unit"},        {"honorific_prefix", "honorific_prefix"},
        {"published", "published"}, {"email", "email"},
        {"phone", "phone"},         {"summary", "summary"}};
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        std::vector<FieldError> errors;
        const std::multimap<std::string, std::string> none;
        ImportSummary summary;
        for (const auto& row : t.rows) {
            PersonInput in;
            in.name = t.get(row, "name");
            in.kind = t.get(row, "kind");
            if (in.kind) *in.kind = lower(*in.kind);
            in.honorific_prefix = t.get(row, "honorific_prefix");
            in.email = t.get(row, "email");
            in.phone = t.get(row, "phone");
            in.summary = t.get(row, "summary");
            bool row_ok = true;
            if (auto pub = t.get(row, "published"); pub && !trim(*pub).empty()) {
                const std::string v = lower(*pub);
                if (v == "yes" || v == "true" || v == "y" || v == "1") {
                    in.published = true;
                } else if (v == "no" || v == "false" || v == "n" || v == "0") {
                    in.published = false;
                } else {
                    errors.push_back({fmt::format("line {}, column published", row.line),
                                      "Published must be yes or no"});
                    row_ok = false;
                }
            }
            if (auto unit = t.get(row, "unit"); unit && !trim(*unit).empty()) {
                auto found = unit_by_name(c, none, *unit);
                if (!found) {
                    errors.push_back({fmt::format("line {}, column unit", row.line),
                                      found.error().errors.front().message});
                    row_ok = false;
                } else {
                    in.unit_id = *found;
                }
            }
            if (!row_ok) continue;
            auto person = create_person_on(c, ctx, in);
            if (!person) {
                add_row_errors(errors, row.line, person.error(), columns);
                continue;
            }
            ++summary.created;
        }
        if (!errors.empty()) return std::unexpected(import_failed(std::move(errors)));
        return summary;
    });
}

}  // namespace civic::org
