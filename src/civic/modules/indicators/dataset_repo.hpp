// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of benchmark datasets, one function per statement. The service opens the
// transactions; these run on the connection it passes in.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/indicators/datasets.hpp"
#include "civic/store/database.hpp"

namespace civic::indicators::dataset_repo {

std::optional<Dataset> find_dataset(store::Connection& c, std::string_view name);
std::vector<Dataset> list_datasets(store::Connection& c);
void insert_dataset(store::Connection& c, const Dataset& d);
void update_dataset(store::Connection& c, const Dataset& d);
// Removes every value, metric and group of a dataset, before it is imported again.
void clear_dataset(store::Connection& c, const std::string& dataset_id);

std::vector<DatasetService::Metric> list_metrics(store::Connection& c,
                                                 const std::string& dataset_id);
std::optional<DatasetService::Metric> find_metric(store::Connection& c,
                                                  const std::string& dataset_id,
                                                  std::string_view metric);
// The periods a metric has values for, in order, found by stepping through the index from
// each period to the next (a few lookups per period rather than a read of every value).
std::vector<std::string> metric_periods(store::Connection& c, const std::string& dataset_id,
                                        std::string_view metric);

struct AreaValue {
    std::string period, area_code, area_name;
    double value = 0;
};
// Every area's value of a metric in one period.
std::vector<AreaValue> period_values(store::Connection& c, const std::string& dataset_id,
                                     std::string_view metric, std::string_view period);
// Every area's value of a metric in every period, in period order.
std::vector<AreaValue> metric_values(store::Connection& c, const std::string& dataset_id,
                                     std::string_view metric);
// The area's name as the dataset writes it, or nullopt when the dataset has no such area.
std::optional<std::string> area_name(store::Connection& c, const std::string& dataset_id,
                                     std::string_view area_code);

// The members of a group: kind "group" (by its name) or "neighbours" (by the area's code).
std::vector<std::string> group_members(store::Connection& c, const std::string& dataset_id,
                                       std::string_view kind, std::string_view group_name);
// The names of the dataset's groups of one kind, in order.
std::vector<std::string> group_names(store::Connection& c, const std::string& dataset_id,
                                     std::string_view kind);

}  // namespace civic::indicators::dataset_repo
