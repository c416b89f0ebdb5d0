// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/dataset_repo.hpp"

namespace civic::indicators::dataset_repo {
using store::Connection;
using store::Row;

namespace {

constexpr std::string_view k_dataset_columns =
    "id, name, title, source, value_count, version, created_at, updated_at";

Dataset dataset_from(const Row& r) {
    return Dataset{r.str(0),     r.str(1),     r.str(2), r.str(3),
                   r.integer(4), r.integer(5), r.str(6), r.str(7)};
}

DatasetService::Metric metric_from(const Row& r) { return {r.str(0), r.str(1), r.str(2), {}}; }

AreaValue area_value_from(const Row& r) { return {r.str(0), r.str(1), r.str(2), r.real(3)}; }

}  // namespace

std::optional<Dataset> find_dataset(Connection& c, std::string_view name) {
    static const std::string sql =
        "SELECT " + std::string(k_dataset_columns) + " FROM datasets WHERE name = ?";
    return c.query_one(sql, {name}, dataset_from);
}

std::vector<Dataset> list_datasets(Connection& c) {
    static const std::string sql =
        "SELECT " + std::string(k_dataset_columns) + " FROM datasets ORDER BY name";
    return c.query_all(sql, {}, dataset_from);
}

void insert_dataset(Connection& c, const Dataset& d) {
    c.execute(
        "INSERT INTO datasets (id, name, title, source, value_count, version, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string_view(d.id), std::string_view(d.name), std::string_view(d.title),
         std::string_view(d.source), d.value_count, d.version, std::string_view(d.created_at),
         std::string_view(d.updated_at)});
}

void update_dataset(Connection& c, const Dataset& d) {
    c.execute(
        "UPDATE datasets SET title = ?, source = ?, value_count = ?, version = ?, updated_at = ? "
        "WHERE id = ?",
        {std::string_view(d.title), std::string_view(d.source), d.value_count, d.version,
         std::string_view(d.updated_at), std::string_view(d.id)});
}

void clear_dataset(Connection& c, const std::string& dataset_id) {
    const std::string_view id(dataset_id);
    c.execute("DELETE FROM dataset_values WHERE dataset_id = ?", {id});
    c.execute("DELETE FROM dataset_metrics WHERE dataset_id = ?", {id});
    c.execute("DELETE FROM dataset_groups WHERE dataset_id = ?", {id});
}

std::vector<DatasetService::Metric> list_metrics(Connection& c, const std::string& dataset_id) {
    return c.query_all(
        "SELECT metric, title, polarity FROM dataset_metrics WHERE dataset_id = ? ORDER BY metric",
        {std::string_view(dataset_id)}, metric_from);
}

std::optional<DatasetService::Metric> find_metric(Connection& c, const std::string& dataset_id,
                                                  std::string_view metric) {
    return c.query_one(
        "SELECT metric, title, polarity FROM dataset_metrics WHERE dataset_id = ? AND metric = ?",
        {std::string_view(dataset_id), metric}, metric_from);
}

std::vector<std::string> metric_periods(Connection& c, const std::string& dataset_id,
                                        std::string_view metric) {
    // A loose index scan: each step asks the primary key for the next period after the last.
    const std::string_view id(dataset_id);
    return c.query_all(
        "WITH RECURSIVE p (period) AS ("
        " SELECT MIN(period) FROM dataset_values WHERE dataset_id = ? AND metric = ?"
        " UNION ALL"
        " SELECT (SELECT MIN(v.period) FROM dataset_values v"
        "         WHERE v.dataset_id = ? AND v.metric = ? AND v.period > p.period)"
        " FROM p WHERE p.period IS NOT NULL)"
        " SELECT period FROM p WHERE period IS NOT NULL",
        {id, metric, id, metric}, [](const Row& r) { return r.str(0); });
}

std::vector<AreaValue> period_values(Connection& c, const std::string& dataset_id,
                                     std::string_view metric, std::string_view period) {
    return c.query_all(
        "SELECT period, area_code, area_name, value FROM dataset_values"
        " WHERE dataset_id = ? AND metric = ? AND period = ? ORDER BY area_code",
        {std::string_view(dataset_id), metric, period}, area_value_from);
}

std::vector<AreaValue> metric_values(Connection& c, const std::string& dataset_id,
                                     std::string_view metric) {
    return c.query_all(
        "SELECT period, area_code, area_name, value FROM dataset_values"
        " WHERE dataset_id = ? AND metric = ? ORDER BY period, area_code",
        {std::string_view(dataset_id), metric}, area_value_from);
}

std::optional<std::string> area_name(Connection& c, const std::string& dataset_id,
                                     std::string_view area_code) {
    return c.query_one(
        "SELECT area_name FROM dataset_values WHERE dataset_id = ? AND area_code = ? LIMIT 1",
        {std::string_view(dataset_id), area_code}, [](const Row& r) { return r.str(0); });
}

std::vector<std::string> group_members(Connection& c, const std::string& dataset_id,
                                       std::string_view kind, std::string_view group_name) {
    return c.query_all(
        "SELECT area_code FROM dataset_groups WHERE dataset_id = ? AND kind = ? AND group_name = ?"
        " ORDER BY area_code",
        {std::string_view(dataset_id), kind, group_name}, [](const Row& r) { return r.str(0); });
}

std::vector<std::string> group_names(Connection& c, const std::string& dataset_id,
                                     std::string_view kind) {
    return c.query_all(
        "SELECT DISTINCT group_name FROM dataset_groups WHERE dataset_id = ? AND kind = ?"
        " ORDER BY group_name",
        {std::string_view(dataset_id), kind}, [](const Row& r) { return r.str(0); });
}

}  // namespace civic::indicators::dataset_repo
