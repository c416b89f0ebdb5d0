// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Charts drawn on the server as SVG, with no script: an indicator's trend (its values, the
// target line, and the benchmark median with the interquartile band) and the small sparkline
// a scorecard row carries. Each chart has a <title> and <desc>, role="img" and an
// aria-labelledby, and the page puts the same figures beside it as a table, so no one needs
// to see the picture to read it.

#include <optional>
#include <string>
#include <vector>

#include "civic/modules/indicators/rating.hpp"

namespace civic::indicators {

struct ChartPoint {
    std::string period;  // canonical, shown on the axis
    std::optional<double> value, target;
    std::optional<double> target_low, target_high;  // a band indicator's target band
    std::optional<double> benchmark_median, benchmark_lower, benchmark_upper;
    std::string rag;  // "green", "amber", "red", "none", "awaiting": the point's colour
};

struct ChartOptions {
    std::string id = "chart";  // unique on the page: ids inside the SVG start with it
    std::string title;         // "BV 8: invoices paid on time"
    Format format;             // for the axis labels
    int width = 640, height = 320;
    // A fixed scale for the y axis: it spans at least axis_min to axis_max, and is widened
    // only by a figure outside them. A percentage's is 0 to 100 (percent_scale); without
    // them the axis fits the figures.
    std::optional<double> axis_min, axis_max;
};

// The scale of a chart of percentages: 0 to 100, so that a single 100% is drawn at the top
// of its axis rather than in the middle of one running from 90% to 110%.
inline ChartOptions& percent_scale(ChartOptions& o) {
    o.axis_min = 0;
    o.axis_max = 100;
    return o;
}

// The trend chart: a line of values (points coloured and shaped by rating, so colour is not
// the only cue), a dashed target line, the benchmark median as a dotted line over a shaded
// interquartile band. An empty series draws a chart that says "No values yet".
std::string trend_chart_svg(const std::vector<ChartPoint>& points, const ChartOptions& options);

// A sparkline of the values only, about 120 × 24, aria-hidden (the row states the figures).
std::string sparkline_svg(const std::vector<std::optional<double>>& values);

}  // namespace civic::indicators
