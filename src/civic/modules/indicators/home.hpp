// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The indicators' panel on the home page: the values the signed-in officer owns or enters
// that are due within five working days, or overdue.

#include "civic/core/clock.hpp"
#include "civic/http/render.hpp"
#include "civic/modules/indicators/service.hpp"

namespace civic::indicators {

// Working days ahead of a deadline that the home page starts to remind.
inline constexpr int k_remind_days_before = 5;

void register_home_panel(http::PageRenderer& pages, IndicatorService& service, const Clock& clock);

}  // namespace civic::indicators
