// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Benchmark datasets: many councils' values for many metrics and periods, as a benchmarking
// club or a government department publishes them (Oflog, the Scottish LGBF), with the
// comparator groups and nearest neighbours councils are compared within; and where one
// council stands among them for a metric and period (stats.hpp does the arithmetic).
//
// A dataset is imported whole, from long CSV, and replaces any earlier import of the same
// name, all or nothing:
//   values     area_code,area_name,metric,period,value[,numerator,denominator]
//   groups     group,area_code                      (a council may be in several groups)
//   metrics    metric,title,polarity                (polarity: higher or lower)
//   neighbours {"E06000001": ["E06000001", "E06000002", …], …}   (each area's own group)
// Periods are kept as the dataset writes them ("2019-20"). Published data: anyone signed in
// may read a dataset; importing one needs a role that may write for the whole council.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/store/database.hpp"

namespace civic::indicators {

struct Dataset {
    std::string id;
    std::string name;  // as in the URL: "oflog-asc"
    std::string title;
    std::string source;
    std::int64_t value_count = 0;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct DatasetFiles {
    std::string title, source;
    std::string_view values;                     // required
    std::optional<std::string_view> groups;      // group,area_code
    std::optional<std::string_view> metrics;     // metric,title,polarity
    std::optional<std::string_view> neighbours;  // JSON
};

struct DatasetSummary {
    std::string name;
    std::int64_t values = 0, metrics = 0, areas = 0, periods = 0, groups = 0, neighbours = 0;
};

// Where an area stands for one metric in one period.
struct Position {
    std::string metric, metric_title, polarity;  // polarity: higher, lower, or "" for neither
    std::string period;
    std::string area, area_name;
    std::optional<double> value;  // nullopt when the area has no value then
    std::int64_t count = 0;
    double mean = 0, median = 0, lower_quartile = 0, upper_quartile = 0, mad = 0;
    std::optional<std::int64_t> quartile, rank;
    std::optional<double> mads_from_median;
    // With a group: its name, and the figures over its members that have a value.
    std::optional<std::string> group;
    std::optional<std::int64_t> group_count;
    std::optional<double> group_mean, group_median;
};

class DatasetService {
public:
    explicit DatasetService(store::Database& db) : m_db(db) {}

    // Called now and then with the lines read so far and the total, for a progress bar.
    using Progress = std::function<void(std::size_t done, std::size_t total)>;
    Result<DatasetSummary> import_dataset(const Context& ctx, const std::string& name,
                                          const DatasetFiles& files, const Progress& progress = {});

    Result<std::vector<Dataset>> list_datasets(const Context& ctx);
    Result<Dataset> get_dataset(const Context& ctx, const std::string& name);
    // The metrics of a dataset with their titles and polarity, and the periods it holds.
    struct Metric {
        std::string metric, title, polarity;  // polarity: higher, lower, or "" when neither
        std::vector<std::string> periods;     // the periods it has values for, in order
    };
    Result<std::vector<Metric>> metrics(const Context& ctx, const std::string& name);

    // group: a group's name, or "neighbours" for the area's nearest neighbours. Errors name
    // the parameter: an unknown metric, period, area or group is a 404 saying which.
    Result<Position> benchmark(const Context& ctx, const std::string& name,
                               const std::string& metric, const std::string& period,
                               const std::string& area, const std::optional<std::string>& group);
    // Every metric at once for a period (the metrics with any value then).
    Result<std::vector<Position>> benchmark_all(const Context& ctx, const std::string& name,
                                                const std::string& period, const std::string& area,
                                                const std::optional<std::string>& group);
    // One metric across every period it has, in the dataset's period order, for a chart.
    Result<std::vector<Position>> series(const Context& ctx, const std::string& name,
                                         const std::string& metric, const std::string& area);

private:
    store::Database& m_db;
};

}  // namespace civic::indicators
