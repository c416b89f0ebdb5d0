// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/service.hpp"

namespace civic::indicators {

namespace {
Error not_yet() { return Error::internal("Indicators are not built yet."); }
}  // namespace

Result<Page<Indicator>> IndicatorService::list_indicators(const Context&, const IndicatorQuery&) {
    return std::unexpected(not_yet());
}
Result<Indicator> IndicatorService::get_indicator(const Context&, const std::string&) {
    return std::unexpected(not_yet());
}
Result<Indicator> IndicatorService::find_indicator(const Context&, const std::string&) {
    return std::unexpected(not_yet());
}
Result<Indicator> IndicatorService::create_indicator(const Context&, const IndicatorInput&) {
    return std::unexpected(not_yet());
}
Result<Indicator> IndicatorService::update_indicator(const Context&, const std::string&,
                                                     const IndicatorInput&, std::int64_t) {
    return std::unexpected(not_yet());
}
Result<Indicator> IndicatorService::archive_indicator(const Context&, const std::string&,
                                                      std::int64_t) {
    return std::unexpected(not_yet());
}
Result<std::vector<Value>> IndicatorService::list_values(const Context&, const std::string&,
                                                         const std::optional<std::string>&) {
    return std::unexpected(not_yet());
}
Result<Value> IndicatorService::get_value(const Context&, const std::string&) {
    return std::unexpected(not_yet());
}
Result<Value> IndicatorService::enter_value(const Context&, const ValueInput&) {
    return std::unexpected(not_yet());
}
Result<Value> IndicatorService::update_value(const Context&, const std::string&, const ValueInput&,
                                             std::int64_t) {
    return std::unexpected(not_yet());
}
Result<Value> IndicatorService::submit_value(const Context&, const std::string&, std::int64_t) {
    return std::unexpected(not_yet());
}
Result<Value> IndicatorService::approve_value(const Context&, const std::string&, std::int64_t) {
    return std::unexpected(not_yet());
}
Result<Value> IndicatorService::return_value(const Context&, const std::string&, std::int64_t,
                                             const std::string&) {
    return std::unexpected(not_yet());
}
Result<std::vector<TargetRecord>> IndicatorService::list_targets(const Context&,
                                                                 const std::string&) {
    return std::unexpected(not_yet());
}
Result<std::vector<TargetRecord>> IndicatorService::set_target(const Context&, const TargetInput&) {
    return std::unexpected(not_yet());
}
Result<Assessment> IndicatorService::assess(const Context&, const std::string&,
                                            const std::string&) {
    return std::unexpected(not_yet());
}
Result<std::vector<Assessment>> IndicatorService::history(const Context&, const std::string&) {
    return std::unexpected(not_yet());
}
Result<Scorecard> IndicatorService::scorecard(const Context&, const ScorecardQuery&) {
    return std::unexpected(not_yet());
}
Result<DataQuality> IndicatorService::data_quality(const Context&, const DataQualityQuery&) {
    return std::unexpected(not_yet());
}
Result<std::vector<Reminder>> IndicatorService::reminders(const Context&,
                                                          const std::optional<std::string>&, int) {
    return std::unexpected(not_yet());
}
Result<ExplainedDeadline> IndicatorService::deadline(const Context&, const Indicator&,
                                                     const std::string&) {
    return std::unexpected(not_yet());
}
Result<ImportSummary> IndicatorService::import_indicators_csv(const Context&, std::string_view,
                                                              const Progress&) {
    return std::unexpected(not_yet());
}
Result<ImportSummary> IndicatorService::import_values_csv(const Context&, std::string_view,
                                                          const Progress&) {
    return std::unexpected(not_yet());
}
Result<std::string> IndicatorService::export_indicators_csv(const Context&) {
    return std::unexpected(not_yet());
}
Result<std::string> IndicatorService::export_values_csv(const Context&,
                                                        const std::optional<std::string>&) {
    return std::unexpected(not_yet());
}
bool IndicatorService::can_edit(const Context&, const Indicator&) const { return false; }
bool IndicatorService::can_enter(const Context&, const Indicator&) const { return false; }
void IndicatorService::add_link_types(kit::LinkTypes&) {}

}  // namespace civic::indicators
