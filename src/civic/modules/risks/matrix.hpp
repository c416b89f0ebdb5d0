// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The council's risk scoring matrix: likelihood levels and impact levels, each labelled and
// described, lowest first; score = likelihood × impact; bands that name and colour the scores
// (1–4 low, 5–12 medium, 15–25 high). A council chooses 5 × 5 (the default), 4 × 4 or 3 × 3.
//
// Changing the matrix when risks exist maps each old level onto a new one by a rule the
// administrator sees before confirming (map_level()): nothing is silently reinterpreted.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/error.hpp"

namespace civic::risks {

struct Level {
    std::string label;       // "Likely"
    std::string descriptor;  // "More likely to happen than not: over 50% in the next year"
};

struct Band {
    std::string name;    // "High"
    std::string colour;  // red, amber, yellow, green, grey (GOV.UK tag colours)
    std::int64_t from = 1;
    std::int64_t to = 1;  // inclusive
};

inline constexpr std::string_view k_band_colours[] = {"red",   "orange", "amber", "yellow",
                                                      "green", "blue",   "grey"};
// The sizes a council may choose: square matrices.
inline constexpr int k_matrix_sizes[] = {3, 4, 5};

struct Matrix {
    std::vector<Level> likelihood;  // lowest first; likelihood[0] is level 1
    std::vector<Level> impact;
    std::vector<Band> bands;                    // lowest scores first
    std::vector<std::string> extra_categories;  // the council's own, beside k_categories
    // Stored only once an administrator has changed it; the default has version 1 and no id.
    std::string id;
    std::int64_t version = 1;
    std::string updated_at;

    int size() const { return static_cast<int>(likelihood.size()); }
    std::int64_t max_score() const {
        return static_cast<std::int64_t>(likelihood.size() * impact.size());
    }
    // The band a score falls in; nullptr for a score outside every band.
    const Band* band_of(std::int64_t score) const;
};

// The default 5 × 5 matrix, with the levels and descriptors councils commonly use, and the
// bands 1–4 low (green), 5–12 medium (amber), 15–25 high (red).
Matrix default_matrix();
// The default levels and bands for a size (3, 4 or 5).
Matrix default_matrix_of_size(int size);

// Checks a matrix an administrator has written: a size Civic offers, every level labelled,
// bands that cover every score the matrix can give exactly once, each named and coloured.
// Errors name the field (likelihood[2].label, bands[1].to).
Result<void> check_matrix(const Matrix& m);

// How an old level becomes a new one when the matrix changes size: the new level whose share
// of the scale is nearest the old one's, rounding up ((old - 1) × (new size - 1) / (old size -
// 1), rounded half up, plus 1). On the same size, a level stays as it is. The whole mapping is
// shown, one line per old level, before the administrator confirms.
int map_level(int level, int old_size, int new_size);
// "Likelihood 4 (Likely) becomes 3 (Likely)": the rule, line by line, for the page and the API.
std::vector<std::string> mapping_lines(const Matrix& from, const Matrix& to);

boost::json::object to_json(const Matrix& m);

}  // namespace civic::risks
