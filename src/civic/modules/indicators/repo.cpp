// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/repo.hpp"

#include <fmt/format.h>

#include <string_view>

namespace civic::indicators::repo {
using store::Connection;
using store::Row;
using store::Value;

namespace {

std::string_view sv(const std::string& s) { return s; }
Value num(const std::optional<double>& d) { return d ? Value(*d) : Value(nullptr); }
std::optional<double> real_or_null(const Row& r, int col) {
    if (r.is_null(col)) return std::nullopt;
    return r.real(col);
}

// The UPDATE a record's change makes: every column but the id (the first) set from the same
// values an insert writes, where the id and version still match.
std::string update_sql(std::string_view table, std::span<const std::string_view> columns) {
    std::string sql = fmt::format("UPDATE {} SET ", table);
    for (std::size_t i = 1; i < columns.size(); ++i)
        sql += fmt::format("{}{} = ?", i > 1 ? ", " : "", columns[i]);
    return sql + " WHERE id = ? AND version = ?";
}

// Runs the update: values as an insert writes them (id first), then the id and the version.
bool run_update(Connection& c, const std::string& sql, std::vector<Value> values,
                std::int64_t expected_version) {
    const Value id = values.front();
    values.erase(values.begin());
    values.push_back(id);
    values.push_back(expected_version);
    return c.execute(sql, values) == 1;
}

// "?, ?, ?" for an IN list of n.
std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

// ---- indicators

constexpr std::string_view k_indicator_columns[] = {"id",
                                                    "code",
                                                    "title",
                                                    "description",
                                                    "unit_id",
                                                    "measure_unit",
                                                    "decimals",
                                                    "polarity",
                                                    "frequency",
                                                    "aggregation",
                                                    "kind",
                                                    "source",
                                                    "owner_person_id",
                                                    "entry_person_id",
                                                    "entry_deadline_days",
                                                    "rag_rule",
                                                    "commentary_required",
                                                    "plausible_min",
                                                    "plausible_max",
                                                    "baseline",
                                                    "baseline_period",
                                                    "benchmark_dataset",
                                                    "benchmark_metric",
                                                    "benchmark_area",
                                                    "archived_at",
                                                    "version",
                                                    "created_at",
                                                    "updated_at"};

void indicator_values(const Indicator& i, std::vector<Value>& out) {
    out.insert(out.end(), {sv(i.id),
                           sv(i.code),
                           sv(i.title),
                           sv(i.description),
                           sv(i.unit_id),
                           sv(i.measure_unit),
                           i.decimals,
                           sv(i.polarity),
                           sv(i.frequency),
                           sv(i.aggregation),
                           sv(i.kind),
                           sv(i.source),
                           store::nullable(i.owner_person_id),
                           store::nullable(i.entry_person_id),
                           i.entry_deadline_days,
                           sv(i.rag_rule),
                           i.commentary_required,
                           num(i.plausible_min),
                           num(i.plausible_max),
                           num(i.baseline),
                           store::nullable(i.baseline_period),
                           store::nullable(i.benchmark_dataset),
                           store::nullable(i.benchmark_metric),
                           store::nullable(i.benchmark_area),
                           store::nullable(i.archived_at),
                           i.version,
                           sv(i.created_at),
                           sv(i.updated_at)});
}

// The select list: the stored columns in order, with the unit's path after the unit id.
const std::string& indicator_select() {
    static const std::string sql = [] {
        std::string s = "SELECT ";
        for (std::size_t n = 0; n < std::size(k_indicator_columns); ++n) {
            s += fmt::format("{}i.{}", n ? ", " : "", k_indicator_columns[n]);
            if (k_indicator_columns[n] == "unit_id") s += ", u.path";
        }
        return s + " FROM indicators i JOIN units u ON u.id = i.unit_id";
    }();
    return sql;
}

Indicator indicator_from(const Row& r) {
    Indicator i;
    int n = 0;
    i.id = r.str(n++);
    i.code = r.str(n++);
    i.title = r.str(n++);
    i.description = r.str(n++);
    i.unit_id = r.str(n++);
    i.unit_path = r.str(n++);
    i.measure_unit = r.str(n++);
    i.decimals = r.integer(n++);
    i.polarity = r.str(n++);
    i.frequency = r.str(n++);
    i.aggregation = r.str(n++);
    i.kind = r.str(n++);
    i.source = r.str(n++);
    i.owner_person_id = r.optional_text(n++);
    i.entry_person_id = r.optional_text(n++);
    i.entry_deadline_days = r.integer(n++);
    i.rag_rule = r.str(n++);
    i.commentary_required = r.boolean(n++);
    i.plausible_min = real_or_null(r, n++);
    i.plausible_max = real_or_null(r, n++);
    i.baseline = real_or_null(r, n++);
    i.baseline_period = r.optional_text(n++);
    i.benchmark_dataset = r.optional_text(n++);
    i.benchmark_metric = r.optional_text(n++);
    i.benchmark_area = r.optional_text(n++);
    i.archived_at = r.optional_text(n++);
    i.version = r.integer(n++);
    i.created_at = r.str(n++);
    i.updated_at = r.str(n++);
    return i;
}

// ---- values

constexpr std::string_view k_value_columns[] = {
    "id",          "indicator_id", "period",       "revision",     "value",
    "numerator",   "denominator",  "note",         "commentary",   "status",
    "reason",      "entered_by",   "submitted_by", "submitted_at", "approved_by",
    "approved_at", "version",      "created_at",   "updated_at"};

void value_values(const indicators::Value& v, std::vector<store::Value>& out) {
    out.insert(out.end(),
               {sv(v.id), sv(v.indicator_id), sv(v.period), v.revision, num(v.value),
                num(v.numerator), num(v.denominator), sv(v.note), sv(v.commentary), sv(v.status),
                sv(v.reason), sv(v.entered_by), store::nullable(v.submitted_by),
                store::nullable(v.submitted_at), store::nullable(v.approved_by),
                store::nullable(v.approved_at), v.version, sv(v.created_at), sv(v.updated_at)});
}

const std::string& value_select() {
    static const std::string sql = [] {
        std::string s = "SELECT ";
        for (std::size_t n = 0; n < std::size(k_value_columns); ++n)
            s += fmt::format("{}v.{}", n ? ", " : "", k_value_columns[n]);
        return s +
               ", u.path FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
               "JOIN units u ON u.id = i.unit_id";
    }();
    return sql;
}

indicators::Value value_from(const Row& r) {
    indicators::Value v;
    int n = 0;
    v.id = r.str(n++);
    v.indicator_id = r.str(n++);
    v.period = r.str(n++);
    v.revision = r.integer(n++);
    v.value = real_or_null(r, n++);
    v.numerator = real_or_null(r, n++);
    v.denominator = real_or_null(r, n++);
    v.note = r.str(n++);
    v.commentary = r.str(n++);
    v.status = r.str(n++);
    v.reason = r.str(n++);
    v.entered_by = r.str(n++);
    v.submitted_by = r.optional_text(n++);
    v.submitted_at = r.optional_text(n++);
    v.approved_by = r.optional_text(n++);
    v.approved_at = r.optional_text(n++);
    v.version = r.integer(n++);
    v.created_at = r.str(n++);
    v.updated_at = r.str(n++);
    v.unit_path = r.str(n++);
    return v;
}

// ---- targets

constexpr std::string_view k_target_columns[] = {
    "id",      "indicator_id", "period",     "value",     "low", "high", "profiled_from",
    "profile", "version",      "created_at", "updated_at"};

void target_values(const TargetRecord& t, std::vector<store::Value>& out) {
    out.insert(out.end(), {sv(t.id), sv(t.indicator_id), sv(t.period), num(t.value), num(t.low),
                           num(t.high), store::nullable(t.profiled_from), sv(t.profile), t.version,
                           sv(t.created_at), sv(t.updated_at)});
}

const std::string& target_select() {
    static const std::string sql = [] {
        std::string s = "SELECT ";
        for (std::size_t n = 0; n < std::size(k_target_columns); ++n)
            s += fmt::format("{}t.{}", n ? ", " : "", k_target_columns[n]);
        return s +
               ", u.path FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id "
               "JOIN units u ON u.id = i.unit_id";
    }();
    return sql;
}

TargetRecord target_from(const Row& r) {
    TargetRecord t;
    int n = 0;
    t.id = r.str(n++);
    t.indicator_id = r.str(n++);
    t.period = r.str(n++);
    t.value = real_or_null(r, n++);
    t.low = real_or_null(r, n++);
    t.high = real_or_null(r, n++);
    t.profiled_from = r.optional_text(n++);
    t.profile = r.str(n++);
    t.version = r.integer(n++);
    t.created_at = r.str(n++);
    t.updated_at = r.str(n++);
    t.unit_path = r.str(n++);
    return t;
}

template <typename Record, typename Values>
void insert_many(Connection& c, std::string_view table, std::span<const std::string_view> columns,
                 std::span<const Record> records, Values&& values_of) {
    store::insert_rows(
        c, table, columns, records.size(),
        [&](std::size_t i, std::vector<store::Value>& out) { values_of(records[i], out); });
}

}  // namespace

std::optional<Indicator> find_indicator(Connection& c, const std::string& id) {
    return c.query_one(indicator_select() + " WHERE i.id = ?", {sv(id)}, indicator_from);
}

std::optional<Indicator> find_indicator_by_code(Connection& c, const std::string& code) {
    return c.query_one(indicator_select() + " WHERE i.code = ?", {sv(code)}, indicator_from);
}

std::vector<Indicator> list_indicators(Connection& c, const IndicatorFilter& f) {
    std::string sql = indicator_select() + " WHERE 1 = 1";
    std::vector<Value> params;
    const std::string like = "%" + f.q + "%";
    if (!f.include_archived) sql += " AND i.archived_at IS NULL";
    if (!f.unit_id.empty()) {
        sql += " AND i.unit_id = ?";
        params.push_back(sv(f.unit_id));
    }
    if (!f.kind.empty()) {
        sql += " AND i.kind = ?";
        params.push_back(sv(f.kind));
    }
    if (!f.frequency.empty()) {
        sql += " AND i.frequency = ?";
        params.push_back(sv(f.frequency));
    }
    if (!f.owner_person_id.empty()) {
        sql += " AND (i.owner_person_id = ? OR i.entry_person_id = ?)";
        params.push_back(sv(f.owner_person_id));
        params.push_back(sv(f.owner_person_id));
    }
    if (!f.q.empty()) {
        sql += " AND (LOWER(i.code) LIKE LOWER(?) OR LOWER(i.title) LIKE LOWER(?))";
        params.push_back(sv(like));
        params.push_back(sv(like));
    }
    if (!f.after.empty()) {
        sql += " AND i.code > (SELECT code FROM indicators WHERE id = ?)";
        params.push_back(sv(f.after));
    }
    sql += " ORDER BY i.code";
    if (f.limit > 0) sql += fmt::format(" LIMIT {}", f.limit + 1);
    return c.query_all(sql, params, indicator_from);
}

void insert_indicator(Connection& c, const Indicator& i) {
    insert_many(c, "indicators", k_indicator_columns, std::span<const Indicator>(&i, 1),
                indicator_values);
}

bool update_indicator(Connection& c, const Indicator& i, std::int64_t expected_version) {
    static const std::string sql = update_sql("indicators", k_indicator_columns);
    std::vector<Value> values;
    indicator_values(i, values);
    return run_update(c, sql, std::move(values), expected_version);
}

std::optional<indicators::Value> find_value(Connection& c, const std::string& id) {
    return c.query_one(value_select() + " WHERE v.id = ?", {sv(id)}, value_from);
}

std::vector<indicators::Value> list_values(Connection& c, const std::string& indicator_id,
                                           const std::string& period) {
    if (period.empty())
        return c.query_all(
            value_select() + " WHERE v.indicator_id = ? ORDER BY v.period, v.revision",
            {sv(indicator_id)}, value_from);
    return c.query_all(
        value_select() + " WHERE v.indicator_id = ? AND v.period = ? ORDER BY v.revision",
        {sv(indicator_id), sv(period)}, value_from);
}

std::vector<indicators::Value> list_values_in(Connection& c,
                                              const std::vector<std::string>& periods) {
    if (periods.empty()) return {};
    std::vector<Value> params(periods.begin(), periods.end());
    return c.query_all(value_select() + " WHERE v.period IN (" + placeholders(periods.size()) +
                           ") ORDER BY v.indicator_id, v.period, v.revision",
                       params, value_from);
}

void insert_value(Connection& c, const indicators::Value& v) {
    insert_values(c, std::span<const indicators::Value>(&v, 1));
}

void insert_values(Connection& c, std::span<const indicators::Value> values) {
    insert_many(c, "indicator_values", k_value_columns, values, value_values);
}

bool update_value(Connection& c, const indicators::Value& v, std::int64_t expected_version) {
    static const std::string sql = update_sql("indicator_values", k_value_columns);
    std::vector<store::Value> values;
    value_values(v, values);
    return run_update(c, sql, std::move(values), expected_version);
}

std::optional<TargetRecord> find_target(Connection& c, const std::string& indicator_id,
                                        const std::string& period) {
    return c.query_one(target_select() + " WHERE t.indicator_id = ? AND t.period = ?",
                       {sv(indicator_id), sv(period)}, target_from);
}

std::vector<TargetRecord> list_targets(Connection& c, const std::string& indicator_id) {
    return c.query_all(target_select() + " WHERE t.indicator_id = ?", {sv(indicator_id)},
                       target_from);
}

std::vector<TargetRecord> list_targets_in(Connection& c, const std::vector<std::string>& periods) {
    if (periods.empty()) return {};
    std::vector<Value> params(periods.begin(), periods.end());
    return c.query_all(
        target_select() + " WHERE t.period IN (" + placeholders(periods.size()) + ")", params,
        target_from);
}

void insert_target(Connection& c, const TargetRecord& t) {
    insert_targets(c, std::span<const TargetRecord>(&t, 1));
}

void insert_targets(Connection& c, std::span<const TargetRecord> targets) {
    insert_many(c, "indicator_targets", k_target_columns, targets, target_values);
}

bool update_target(Connection& c, const TargetRecord& t, std::int64_t expected_version) {
    static const std::string sql = update_sql("indicator_targets", k_target_columns);
    std::vector<store::Value> values;
    target_values(t, values);
    return run_update(c, sql, std::move(values), expected_version);
}

}  // namespace civic::indicators::repo
