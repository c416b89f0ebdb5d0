// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's indicators: not yet loaded (the demo data is being made).
#include "civic/modules/indicators/service.hpp"

namespace civic::indicators {

Result<ImportSummary> IndicatorService::load_demo(const Context&, const std::vector<DemoFile>&) {
    return ImportSummary{};
}

}  // namespace civic::indicators
