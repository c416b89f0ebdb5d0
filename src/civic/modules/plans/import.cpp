// SPDX-License-Identifier: AGPL-3.0-or-later
// Stub until the spreadsheet import lands.
#include "civic/modules/plans/service.hpp"

namespace civic::plans {

Result<ImportSummary> PlanService::import_items_csv(const Context&, const std::string&,
                                                    std::string_view) {
    return std::unexpected(Error::internal("Importing plan items is not built yet."));
}

}  // namespace civic::plans
