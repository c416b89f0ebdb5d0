// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The risk pictures, drawn on the server as SVG with no script: the heat map of a register
// (how many risks sit on each cell of the matrix, each cell a link to them), the table that
// sits beside it and says the same in rows and columns, a risk's movement from its inherent
// to its current and target scores, and the history of its current score.
//
// The pictures carry classes, not style attributes (the Content-Security-Policy has no
// 'unsafe-inline' for styles): the page's stylesheet (web/assets/civic.scss, "Risks: the heat
// map") paints each band's cells. Each element also has the same colours as SVG presentation
// attributes, which any rule of the stylesheet overrides, so a picture saved on its own still
// reads. Every id inside a picture starts with a prefix derived from its title, or the one the
// caller passes, so the output is the same each time and two pictures on a page differ.

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/risks/matrix.hpp"
#include "civic/modules/risks/model.hpp"

namespace civic::risks {

// How a band's colour is painted on a cell: the fill, the text on it (dark or white, whichever
// meets WCAG 2.2 AA, 4.5 to 1, on that fill) and the faint tint behind a score history. All are
// GOV.UK Frontend palette colours; civic.scss paints the same ones with govuk-colour().
struct BandPaint {
    std::string_view colour;  // the band's colour name: red, orange, amber, … or "none"
    std::string_view fill;    // "#ca3535"
    std::string_view text;    // "#ffffff" or "#0b0c0c"
    std::string_view tint;    // "#f4d7d7"
};

// Every band colour a matrix may name (k_band_colours), then "none" for a score in no band.
std::span<const BandPaint> band_paints();
// The paint of a band colour; "none"'s for a colour Civic does not know.
const BandPaint& band_paint(std::string_view colour);

// The contrast ratio of two colours written #rrggbb, by WCAG 2.2's formula (1 to 21); 1, as
// if no contrast, when either is not written so.
double contrast_ratio(std::string_view a, std::string_view b);

// counts[likelihood - 1][impact - 1]: how many risks sit on each cell. A missing row or cell
// counts as none.
using HeatCounts = std::vector<std::vector<std::int64_t>>;
// The address of a cell's risks, for a cell with at least one.
using HeatHref = std::function<std::string(int likelihood, int impact)>;

// The heat map: likelihood up the side (highest at the top), impact along the bottom (lowest
// at the left), each cell filled by its band's colour and showing its count. A cell with risks
// is a link (href) named in words ("Likelihood 4 (Likely), impact 5 (Critical): 3 risks, score
// 20, High"); a cell with none is no link and shows a quiet 0. The <svg> is named by its
// <title> (aria-labelledby) and described by its <desc> (aria-describedby); it has no
// role="img", which would hide its links. Classes: civic-heat, civic-heat__cell,
// civic-heat__cell--empty, civic-heat--<colour>, civic-heat__count, civic-heat__focus (the
// ring a link's cell shows on focus), civic-heat__axis, civic-heat__axis-title.
std::string heat_map_svg(const Matrix& m, const HeatCounts& counts, const HeatHref& href,
                         std::string_view title, std::string_view id = {});

// The same counts as a table, for the <table class="govuk-table"> beside the map.
struct HeatTableCell {
    int likelihood = 1, impact = 1;
    std::int64_t count = 0;
    std::int64_t score = 0;
    std::string band;    // "High"; "" for a score in no band
    std::string colour;  // the band's colour: "red"; "none" for no band
    std::string href;    // "" when the cell has no risks
};
struct HeatTableRow {
    int likelihood = 1;
    std::string header;                // "5 Almost certain"
    std::vector<HeatTableCell> cells;  // impact lowest first
};
struct HeatTable {
    std::vector<std::string> column_headers;  // impact lowest first: "1 Negligible"
    std::vector<HeatTableRow> rows;           // likelihood highest first
    std::int64_t total = 0;
};
HeatTable heat_map_table(const Matrix& m, const HeatCounts& counts, const HeatHref& href);
// The table as a page's view: {"column_headers": [{"text"}], "rows": [{"likelihood",
// "header", "cells": [{…, "has_risks", "tag_class"}]}], "total"}.
boost::json::object to_json(const HeatTable& t);

// A risk's own small matrix: markers I, C and T on its inherent, current and target cells, an
// arrow from inherent to current and a dashed one from current to target. Its <desc> says the
// scores in words: "Inherent 5 × 5 = 25 (High); current 3 × 4 = 12 (Medium); target 2 × 3 = 6
// (Medium)". Classes: civic-movement, civic-movement__marker--{inherent,current,target},
// civic-movement__arrow, civic-movement__arrow--target, and the heat map's cell classes.
std::string movement_svg(const Matrix& m, Score inherent, Score current,
                         std::optional<Score> target, std::string_view title,
                         std::string_view id = {});

// One point of a risk's score history: the day it was reviewed and its current score then.
struct ScorePoint {
    std::string date;  // YYYY-MM-DD
    std::int64_t score = 0;
};

// A small line chart of a risk's current score over time: x by date, y from 0 to the matrix's
// highest score over the bands, faintly tinted. Its <desc> summarises: "Current score from 12
// on 1 April 2025 to 9 on 1 March 2026, lowest 6, highest 16". Points whose date is not a real
// YYYY-MM-DD date are left out. Classes: civic-history, civic-history__band--<colour>,
// civic-history__line, civic-history__point, civic-history__axis.
std::string score_history_svg(const std::vector<ScorePoint>& points, const Matrix& m,
                              std::string_view title, std::string_view id = {});

}  // namespace civic::risks
