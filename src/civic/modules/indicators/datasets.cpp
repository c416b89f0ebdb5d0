// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/datasets.hpp"

namespace civic::indicators {

namespace {
Error not_yet() { return Error::internal("Benchmark datasets are not built yet."); }
}  // namespace

Result<DatasetSummary> DatasetService::import_dataset(const Context&, const std::string&,
                                                      const DatasetFiles&, const Progress&) {
    return std::unexpected(not_yet());
}
Result<std::vector<Dataset>> DatasetService::list_datasets(const Context&) {
    return std::unexpected(not_yet());
}
Result<Dataset> DatasetService::get_dataset(const Context&, const std::string&) {
    return std::unexpected(not_yet());
}
Result<std::vector<DatasetService::Metric>> DatasetService::metrics(const Context&,
                                                                    const std::string&) {
    return std::unexpected(not_yet());
}
Result<Position> DatasetService::benchmark(const Context&, const std::string&, const std::string&,
                                           const std::string&, const std::string&,
                                           const std::optional<std::string>&) {
    return std::unexpected(not_yet());
}
Result<std::vector<Position>> DatasetService::benchmark_all(const Context&, const std::string&,
                                                            const std::string&, const std::string&,
                                                            const std::optional<std::string>&) {
    return std::unexpected(not_yet());
}
Result<std::vector<Position>> DatasetService::series(const Context&, const std::string&,
                                                     const std::string&, const std::string&) {
    return std::unexpected(not_yet());
}

}  // namespace civic::indicators
