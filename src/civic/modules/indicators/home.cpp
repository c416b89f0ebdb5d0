// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/indicators/home.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/date.hpp"
#include "civic/http/context.hpp"

namespace civic::indicators {

void register_home_panel(http::PageRenderer& pages, IndicatorService& service, const Clock& clock) {
    pages.add_home_panel([&service, &clock](const http::Request& r) -> std::optional<std::string> {
        if (!r.principal.signed_in() || !r.principal.person_id) return std::nullopt;
        auto due = service.reminders(http::context_for(r, clock), r.principal.person_id,
                                     k_remind_days_before);
        if (!due || due->empty()) return std::nullopt;
        boost::json::array rows;
        for (const auto& m : *due) {
            const auto& v = m.value;
            const auto deadline = parse_iso_date(v.deadline);
            rows.push_back(boost::json::object{
                {"href", "/indicators/" + v.indicator.id},
                {"code", v.indicator.code},
                {"title", v.indicator.title},
                {"period", v.period},
                {"deadline", deadline ? format_long_date(*deadline) : v.deadline},
                {"overdue", v.state == "missing"},
                {"late", fmt::format("{} working day{} late", v.working_days_late,
                                     v.working_days_late == 1 ? "" : "s")}});
        }
        return http::PageRenderer::render(
            "indicators/home_panel",
            boost::json::object{{"rows", std::move(rows)}, {"count", due->size()}});
    });
}

}  // namespace civic::indicators
