// SPDX-License-Identifier: AGPL-3.0-or-later
// The heat map, its table, a risk's movement and its score history, drawn as SVG on the
// server. Nothing here runs in the browser.
//
// Colours are GOV.UK Frontend's palette (v6). GOV.UK has no amber: amber is GOV.UK's yellow
// and yellow its half tint, so a council's red, orange, amber, yellow and green bands stay
// five different colours. Each fill's text is white or GOV.UK's black, whichever reads at 4.5
// to 1 or better (the unit tests check every pair with WCAG's formula). Colour is never the
// only cue: each cell says its count, each link its band in words, and the table beside the
// map says it all again.

#include "civic/modules/risks/heatmap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <cmath>

#include "civic/core/date.hpp"
#include "civic/core/text.hpp"

namespace civic::risks {
namespace json = boost::json;

namespace {

constexpr std::string_view k_black = "#0b0c0c";
constexpr std::string_view k_white = "#ffffff";
constexpr std::string_view k_blue = "#1d70b8";
constexpr std::string_view k_mid_grey = "#cecece";
constexpr std::string_view k_font = "arial, sans-serif";

// In k_band_colours' order, then "none". civic.scss paints the same colours.
constexpr std::array<BandPaint, 8> k_paints = {{
    {"red", "#ca3535", k_white, "#f4d7d7"},     // red; tint-80
    {"orange", "#f47738", k_black, "#fde4d7"},  // orange; tint-80
    {"amber", "#ffdd00", k_black, "#fff8cc"},   // yellow; yellow tint-80
    {"yellow", "#ffee80", k_black, "#fffdf2"},  // yellow tint-50; tint-95
    {"green", "#0f7a52", k_white, "#cfe4dc"},   // green; tint-80
    {"blue", "#1d70b8", k_white, "#d2e2f1"},    // blue; tint-80
    {"grey", "#cecece", k_black, "#f3f3f3"},    // black tint-80; tint-95
    {"none", "#f3f3f3", k_black, "#ffffff"},    // black tint-95: a score in no band
}};

// About how wide a character of 14-pixel Arial is, for laying out labels.
constexpr double k_char_width = 7.5;
constexpr double k_line_height = 17;

// A coordinate as SVG writes it: at most one decimal place, no trailing zeros.
std::string num(double v) {
    if (std::abs(v) < 0.05) return "0";
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

std::string esc(std::string_view s) { return html_escape(s); }

// The ids inside a picture: the caller's, or "<kind>-" and the title's letters and digits.
std::string id_prefix(std::string_view kind, std::string_view title, std::string_view given) {
    if (!given.empty()) return std::string(given);
    std::string slug;
    for (const char c : title) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80) {
            slug += static_cast<char>(std::tolower(u));
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
        if (slug.size() >= 48) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? std::string(kind) : fmt::format("{}-{}", kind, slug);
}

// How many characters (code points) UTF-8 text has.
std::size_t chars_of(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

// Text in lines of at most `width` characters, broken between words; a word longer than a
// line is cut between characters.
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t line_chars = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && text[at] == ' ') ++at;
        if (at >= text.size()) break;
        std::size_t end = text.find(' ', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(at, end - at);
        at = end;
        while (!word.empty()) {
            const std::size_t n = chars_of(word);
            if (line_chars > 0 && line_chars + 1 + n <= width) {
                line += ' ';
                line += word;
                line_chars += 1 + n;
                word = {};
            } else if (line_chars == 0 && n <= width) {
                line = std::string(word);
                line_chars = n;
                word = {};
            } else if (line_chars > 0) {
                lines.push_back(std::move(line));
                line.clear();
                line_chars = 0;
            } else {
                // A word longer than a line: as many whole characters as fit.
                std::size_t cut = 0, taken = 0;
                while (cut < word.size() && taken < width) {
                    ++cut;
                    while (cut < word.size() &&
                           (static_cast<unsigned char>(word[cut]) & 0xc0) == 0x80)
                        ++cut;
                    ++taken;
                }
                lines.emplace_back(word.substr(0, cut));
                word.remove_prefix(cut);
            }
        }
    }
    if (line_chars > 0) lines.push_back(std::move(line));
    if (lines.empty()) lines.emplace_back();
    return lines;
}

// Lines of text, one <tspan> each, the first baseline at y.
std::string tspans(const std::vector<std::string>& lines, double x, double y) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += fmt::format(R"(<tspan x="{}" y="{}">{}</tspan>)", num(x),
                           num(y + static_cast<double>(i) * k_line_height), esc(lines[i]));
    return out;
}

std::int64_t count_at(const HeatCounts& counts, int likelihood, int impact) {
    const auto l = static_cast<std::size_t>(likelihood - 1);
    const auto i = static_cast<std::size_t>(impact - 1);
    if (l >= counts.size() || i >= counts[l].size()) return 0;
    return std::max<std::int64_t>(0, counts[l][i]);
}

std::string_view colour_of(const Band* band) {
    return band ? band_paint(band->colour).colour : "none";
}

std::string risks_in_words(std::int64_t n) {
    return n == 1 ? std::string("1 risk") : fmt::format("{} risks", n);
}

std::string level_label(const std::vector<Level>& levels, int level) {
    const auto at = static_cast<std::size_t>(level - 1);
    return at < levels.size() ? levels[at].label : std::string();
}

// "5 × 5 = 25 (High)"
std::string score_in_words(const Matrix& m, Score s) {
    const Band* band = m.band_of(s.score());
    return fmt::format("{} × {} = {} ({})", s.likelihood, s.impact, s.score(),
                       band ? band->name : std::string("no band"));
}

double channel(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// WCAG's relative luminance of #rrggbb; nullopt for anything else.
std::optional<double> luminance(std::string_view hex) {
    if (hex.size() != 7 || hex[0] != '#') return std::nullopt;
    unsigned rgb[3] = {};
    for (std::size_t c = 0; c < 3; ++c) {
        const char* from = hex.data() + 1 + 2 * c;
        const auto [end, fault] = std::from_chars(from, from + 2, rgb[c], 16);
        if (fault != std::errc() || end != from + 2) return std::nullopt;
    }
    return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

}  // namespace

std::span<const BandPaint> band_paints() { return k_paints; }

const BandPaint& band_paint(std::string_view colour) {
    for (const auto& p : k_paints)
        if (p.colour == colour) return p;
    return k_paints.back();
}

double contrast_ratio(std::string_view a, std::string_view b) {
    const auto la = luminance(a), lb = luminance(b);
    if (!la || !lb) return 1;
    return (std::max(*la, *lb) + 0.05) / (std::min(*la, *lb) + 0.05);
}

// ---- the heat map

std::string heat_map_svg(const Matrix& m, const HeatCounts& counts, const HeatHref& href,
                         std::string_view title, std::string_view id_given) {
    const int rows = static_cast<int>(m.likelihood.size());
    const int cols = static_cast<int>(m.impact.size());
    const std::string id = esc(id_prefix("heat", title, id_given));
    constexpr double cell = 88;
    constexpr std::size_t side_chars = 16;
    const auto bottom_chars = static_cast<std::size_t>((cell - 8) / k_char_width);

    // The levels' labels: "5 Almost certain" beside each row, "1 Negligible" under each column.
    std::vector<std::vector<std::string>> side, under;
    std::size_t widest = 1, deepest = 1;
    for (int l = 1; l <= rows; ++l) {
        side.push_back(wrap(fmt::format("{} {}", l, level_label(m.likelihood, l)), side_chars));
        for (const auto& line : side.back()) widest = std::max(widest, chars_of(line));
    }
    for (int i = 1; i <= cols; ++i) {
        under.push_back(wrap(fmt::format("{} {}", i, level_label(m.impact, i)), bottom_chars));
        deepest = std::max(deepest, under.back().size());
    }
    const double left = 28 + static_cast<double>(widest) * k_char_width + 10;
    const double top = 8;
    const double grid_w = cell * cols, grid_h = cell * rows;
    const double width = left + grid_w + 8;
    const double height = top + grid_h + 10 + static_cast<double>(deepest) * k_line_height + 26;

    std::int64_t total = 0;
    for (int l = 1; l <= rows; ++l)
        for (int i = 1; i <= cols; ++i) total += count_at(counts, l, i);

    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="civic-heat" id="{0}" viewBox="0 0 {1} {2}" width="{1}" height="{2}" aria-labelledby="{0}-title" aria-describedby="{0}-desc" font-family="{3}" font-size="14">)",
        id, num(width), num(height), k_font);
    svg += fmt::format(R"(<title id="{}-title">{}</title>)", id, esc(title));
    std::string desc = fmt::format("{} on a {} × {} matrix.", risks_in_words(total), rows, cols);
    if (rows > 0 && cols > 0)
        desc += fmt::format(
            " Likelihood rises up the side, from {} at the bottom to {} at the top; impact "
            "rises along the bottom, from {} at the left to {} at the right.",
            level_label(m.likelihood, 1), level_label(m.likelihood, rows), level_label(m.impact, 1),
            level_label(m.impact, cols));
    desc += " Each cell with risks is a link to them; the table beside the map gives every count.";
    svg += fmt::format(R"(<desc id="{}-desc">{}</desc>)", id, esc(desc));

    // The cells, highest likelihood at the top.
    for (int l = rows; l >= 1; --l) {
        const double y = top + cell * (rows - l);
        for (int i = 1; i <= cols; ++i) {
            const double x = left + cell * (i - 1);
            const std::int64_t n = count_at(counts, l, i);
            const std::int64_t score = static_cast<std::int64_t>(l) * i;
            const Band* band = m.band_of(score);
            const BandPaint& paint = band_paint(colour_of(band));
            const std::string rect = fmt::format(
                R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="2"/>)",
                num(x), num(y), num(cell), num(cell), paint.fill, k_white);
            if (n == 0) {
                svg += fmt::format(
                    R"(<g class="civic-heat__cell civic-heat__cell--empty civic-heat--{}" aria-hidden="true">{})",
                    paint.colour, rect);
                svg += fmt::format(
                    R"(<text class="civic-heat__count" x="{}" y="{}" text-anchor="middle" fill="{}">0</text></g>)",
                    num(x + cell / 2), num(y + cell / 2 + 5), paint.text);
                continue;
            }
            const std::string label =
                fmt::format("Likelihood {} ({}), impact {} ({}): {}, score {}, {}", l,
                            level_label(m.likelihood, l), i, level_label(m.impact, i),
                            risks_in_words(n), score, band ? band->name : std::string("no band"));
            svg += fmt::format(
                R"(<g class="civic-heat__cell civic-heat--{}"><a href="{}" aria-label="{}">{})",
                paint.colour, esc(href ? href(l, i) : std::string()), esc(label), rect);
            // The ring the stylesheet draws on focus and hover, inside the cell so that the
            // cells drawn after it cannot cover it.
            svg += fmt::format(
                R"(<rect class="civic-heat__focus" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="none"/>)",
                num(x + 4), num(y + 4), num(cell - 8), num(cell - 8));
            svg += fmt::format(
                R"(<text class="civic-heat__count" x="{}" y="{}" text-anchor="middle" fill="{}" font-size="24" font-weight="bold">{}</text></a></g>)",
                num(x + cell / 2), num(y + cell / 2 + 8), paint.text, n);
        }
    }

    // The axes: each level's number and label, and the axes' names.
    svg += R"(<g class="civic-heat__axis" aria-hidden="true">)";
    for (int l = 1; l <= rows; ++l) {
        const auto& lines = side[static_cast<std::size_t>(l - 1)];
        const double centre = top + cell * (rows - l) + cell / 2;
        const double first =
            centre - (static_cast<double>(lines.size()) - 1) * k_line_height / 2 + 5;
        svg += fmt::format(R"(<text text-anchor="end" fill="{}">{}</text>)", k_black,
                           tspans(lines, left - 8, first));
    }
    for (int i = 1; i <= cols; ++i) {
        const auto& lines = under[static_cast<std::size_t>(i - 1)];
        svg += fmt::format(R"(<text text-anchor="middle" fill="{}">{}</text>)", k_black,
                           tspans(lines, left + cell * (i - 1) + cell / 2, top + grid_h + 20));
    }
    svg += fmt::format(
        R"x(<text class="civic-heat__axis-title" transform="rotate(-90)" x="{}" y="18" text-anchor="middle" fill="{}" font-weight="bold">Likelihood</text>)x",
        num(-(top + grid_h / 2)), k_black);
    svg += fmt::format(
        R"(<text class="civic-heat__axis-title" x="{}" y="{}" text-anchor="middle" fill="{}" font-weight="bold">Impact</text>)",
        num(left + grid_w / 2), num(height - 8), k_black);
    svg += "</g>";
    return svg + "</svg>";
}

HeatTable heat_map_table(const Matrix& m, const HeatCounts& counts, const HeatHref& href) {
    HeatTable t;
    const int rows = static_cast<int>(m.likelihood.size());
    const int cols = static_cast<int>(m.impact.size());
    for (int i = 1; i <= cols; ++i)
        t.column_headers.push_back(fmt::format("{} {}", i, level_label(m.impact, i)));
    for (int l = rows; l >= 1; --l) {
        HeatTableRow row;
        row.likelihood = l;
        row.header = fmt::format("{} {}", l, level_label(m.likelihood, l));
        for (int i = 1; i <= cols; ++i) {
            HeatTableCell c;
            c.likelihood = l;
            c.impact = i;
            c.count = count_at(counts, l, i);
            c.score = static_cast<std::int64_t>(l) * i;
            const Band* band = m.band_of(c.score);
            c.band = band ? band->name : std::string();
            c.colour = std::string(colour_of(band));
            if (c.count > 0 && href) c.href = href(l, i);
            t.total += c.count;
            row.cells.push_back(std::move(c));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

json::object to_json(const HeatTable& t) {
    // GOV.UK's tags have no amber; its yellow is the heat map's amber.
    const auto tag_class = [](std::string_view colour) -> std::string {
        if (colour == "blue") return "govuk-tag";
        if (colour == "amber") return "govuk-tag govuk-tag--yellow";
        if (colour == "none") return "govuk-tag govuk-tag--grey";
        return fmt::format("govuk-tag govuk-tag--{}", colour);
    };
    json::array headers;
    for (const auto& h : t.column_headers) headers.push_back(json::object{{"text", h}});
    json::array rows;
    for (const auto& r : t.rows) {
        json::array cells;
        for (const auto& c : r.cells)
            cells.push_back(json::object{{"likelihood", c.likelihood},
                                         {"impact", c.impact},
                                         {"count", c.count},
                                         {"score", c.score},
                                         {"band", c.band},
                                         {"colour", c.colour},
                                         {"href", c.href},
                                         {"has_risks", c.count > 0},
                                         {"tag_class", tag_class(c.colour)}});
        rows.push_back(json::object{
            {"likelihood", r.likelihood}, {"header", r.header}, {"cells", std::move(cells)}});
    }
    return json::object{
        {"column_headers", std::move(headers)}, {"rows", std::move(rows)}, {"total", t.total}};
}

// ---- a risk's movement

std::string movement_svg(const Matrix& m, Score inherent, Score current,
                         std::optional<Score> target, std::string_view title,
                         std::string_view id_given) {
    const int rows = std::max(1, static_cast<int>(m.likelihood.size()));
    const int cols = std::max(1, static_cast<int>(m.impact.size()));
    const std::string id = esc(id_prefix("movement", title, id_given));
    constexpr double cell = 44, r = 8, left = 44, top = 8;
    const double grid_w = cell * cols, grid_h = cell * rows;
    // Room for the matrix and for the key under it: a marker and a word for each score.
    const auto key_entry = [&](std::string_view words) {
        return 2 * r + 6 + static_cast<double>(words.size()) * k_char_width + 14;
    };
    const double key_w =
        key_entry("Inherent") + key_entry("Current") + (target ? key_entry("Target") : 0);
    const double width = left + std::max(grid_w, key_w) + 8;
    const double height = top + grid_h + 48 + 28;

    std::string desc = "Inherent " + score_in_words(m, inherent) + "; current " +
                       score_in_words(m, current) + "; " +
                       (target ? "target " + score_in_words(m, *target) : "no target set");
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="civic-movement" id="{0}" viewBox="0 0 {1} {2}" width="{1}" height="{2}" role="img" aria-labelledby="{0}-title {0}-desc" font-family="{3}" font-size="14">)",
        id, num(width), num(height), k_font);
    svg += fmt::format(R"(<title id="{}-title">{}</title>)", id, esc(title));
    svg += fmt::format(R"(<desc id="{}-desc">{}</desc>)", id, esc(desc));
    svg += fmt::format(
        R"(<defs><marker id="{}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L10 5L0 10Z" fill="{}"/></marker></defs>)",
        id, k_black);

    for (int l = rows; l >= 1; --l)
        for (int i = 1; i <= cols; ++i) {
            const BandPaint& paint =
                band_paint(colour_of(m.band_of(static_cast<std::int64_t>(l) * i)));
            svg += fmt::format(
                R"(<rect class="civic-heat__cell civic-heat--{}" x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="2"/>)",
                paint.colour, num(left + cell * (i - 1)), num(top + cell * (rows - l)), num(cell),
                num(cell), paint.fill, k_white);
        }
    svg += R"(<g class="civic-movement__axis">)";
    for (int l = 1; l <= rows; ++l)
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>)",
                           num(left - 6), num(top + cell * (rows - l) + cell / 2 + 5), k_black, l);
    for (int i = 1; i <= cols; ++i)
        svg +=
            fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)",
                        num(left + cell * (i - 1) + cell / 2), num(top + grid_h + 18), k_black, i);
    svg += fmt::format(
        R"x(<text transform="rotate(-90)" x="{}" y="16" text-anchor="middle" fill="{}" font-weight="bold">Likelihood</text>)x",
        num(-(top + grid_h / 2)), k_black);
    svg += fmt::format(
        R"(<text x="{}" y="{}" text-anchor="middle" fill="{}" font-weight="bold">Impact</text>)",
        num(left + grid_w / 2), num(top + grid_h + 38), k_black);
    svg += "</g>";

    // Where each marker sits: the centre of its cell, or spread along the cell's diagonal when
    // two or three share it, so none hides another.
    struct Mark {
        std::string_view kind, letter;
        Score at;
        double x = 0, y = 0;
    };
    std::vector<Mark> marks = {{"inherent", "I", inherent}, {"current", "C", current}};
    if (target) marks.push_back({"target", "T", *target});
    const auto same_cell = [&](const Score& a, const Score& b) {
        return std::clamp<std::int64_t>(a.likelihood, 1, rows) ==
                   std::clamp<std::int64_t>(b.likelihood, 1, rows) &&
               std::clamp<std::int64_t>(a.impact, 1, cols) ==
                   std::clamp<std::int64_t>(b.impact, 1, cols);
    };
    for (auto& mark : marks) {
        const auto l = std::clamp<std::int64_t>(mark.at.likelihood, 1, rows);
        const auto i = std::clamp<std::int64_t>(mark.at.impact, 1, cols);
        std::size_t sharing = 0, index = 0;
        for (const auto& other : marks) {
            if (!same_cell(other.at, mark.at)) continue;
            if (&other == &mark) index = sharing;
            ++sharing;
        }
        const double step = sharing > 1 ? 24.0 / static_cast<double>(sharing - 1) : 0;
        const double offset = sharing > 1 ? -12 + step * static_cast<double>(index) : 0;
        mark.x = left + cell * static_cast<double>(i - 1) + cell / 2 + offset;
        mark.y = top + cell * static_cast<double>(rows - l) + cell / 2 + offset;
    }
    const auto arrow = [&](const Mark& from, const Mark& to, bool dashed) {
        if (same_cell(from.at, to.at)) return std::string();
        const double dx = to.x - from.x, dy = to.y - from.y;
        const double length = std::hypot(dx, dy);
        const double ux = dx / length, uy = dy / length;
        return fmt::format(
            R"x(<path class="civic-movement__arrow{}" d="M{} {}L{} {}" stroke="{}" stroke-width="2"{} fill="none" marker-end="url(#{}-arrow)"/>)x",
            dashed ? " civic-movement__arrow--target" : "", num(from.x + ux * (r + 1)),
            num(from.y + uy * (r + 1)), num(to.x - ux * (r + 1)), num(to.y - uy * (r + 1)), k_black,
            dashed ? R"( stroke-dasharray="4 3")" : "", id);
    };
    svg += arrow(marks[0], marks[1], false);
    if (target) svg += arrow(marks[1], marks[2], true);

    // Current is filled black; inherent and target are white rings, target's dashed like its
    // arrow.
    const auto marker = [&](std::string_view kind, std::string_view letter, double x, double y) {
        const bool filled = kind == "current";
        return fmt::format(
            R"(<g class="civic-movement__marker civic-movement__marker--{}"><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="2"{}/><text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="12" font-weight="bold">{}</text></g>)",
            kind, num(x), num(y), num(r), filled ? k_black : k_white, k_black,
            kind == "target" ? R"( stroke-dasharray="3 2")" : "", num(x), num(y + 4),
            filled ? k_white : k_black, letter);
    };
    for (const auto& mark : marks) svg += marker(mark.kind, mark.letter, mark.x, mark.y);

    // The key, under the matrix.
    double x = left;
    const double y = height - 14;
    svg += R"(<g class="civic-movement__key">)";
    for (const auto& mark : marks) {
        const std::string_view words = mark.kind == "inherent"  ? "Inherent"
                                       : mark.kind == "current" ? "Current"
                                                                : "Target";
        svg += marker(mark.kind, mark.letter, x + r, y - 4);
        svg += fmt::format(R"(<text x="{}" y="{}" fill="{}">{}</text>)", num(x + 2 * r + 6),
                           num(y + 1), k_black, words);
        x += key_entry(words);
    }
    svg += "</g>";
    return svg + "</svg>";
}

// ---- a risk's score history

std::string score_history_svg(const std::vector<ScorePoint>& points_given, const Matrix& m,
                              std::string_view title, std::string_view id_given) {
    const std::string id = esc(id_prefix("history", title, id_given));
    struct Point {
        Date date;
        std::int64_t score;
    };
    std::vector<Point> points;
    for (const auto& p : points_given)
        if (const auto d = parse_iso_date(p.date)) points.push_back({*d, p.score});
    std::stable_sort(points.begin(), points.end(),
                     [](const Point& a, const Point& b) { return a.date < b.date; });

    constexpr double width = 480, height = 220, left = 36, right = 76, top = 10, bottom = 34;
    const double plot_w = width - left - right, plot_h = height - top - bottom;
    const double max_score = static_cast<double>(std::max<std::int64_t>(1, m.max_score()));
    const auto y_of = [&](double v) {
        return top + plot_h * (1 - std::clamp(v, 0.0, max_score) / max_score);
    };

    std::string desc;
    if (points.empty()) {
        desc = "No scores yet.";
    } else if (points.size() == 1) {
        desc = fmt::format("Current score {} on {}.", points[0].score,
                           format_day_month_year(points[0].date));
    } else {
        const auto [lo, hi] =
            std::minmax_element(points.begin(), points.end(),
                                [](const Point& a, const Point& b) { return a.score < b.score; });
        desc = fmt::format("Current score from {} on {} to {} on {}, lowest {}, highest {}.",
                           points.front().score, format_day_month_year(points.front().date),
                           points.back().score, format_day_month_year(points.back().date),
                           lo->score, hi->score);
    }
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="civic-history" id="{0}" viewBox="0 0 {1} {2}" width="{1}" height="{2}" role="img" aria-labelledby="{0}-title {0}-desc" font-family="{3}" font-size="14">)",
        id, num(width), num(height), k_font);
    svg += fmt::format(R"(<title id="{}-title">{}</title>)", id, esc(title));
    svg += fmt::format(R"(<desc id="{}-desc">{}</desc>)", id, esc(desc));

    // The bands, faint, each from the band below's top to its own, named on the right.
    std::int64_t below = 0;
    svg += R"(<g class="civic-history__bands">)";
    for (const auto& band : m.bands) {
        const double hi = static_cast<double>(std::min<std::int64_t>(band.to, m.max_score()));
        const double lo = static_cast<double>(below);
        below = std::max(below, band.to);
        if (hi <= lo) continue;
        const BandPaint& paint = band_paint(band.colour);
        svg += fmt::format(
            R"(<rect class="civic-history__band civic-history__band--{}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>)",
            paint.colour, num(left), num(y_of(hi)), num(plot_w), num(y_of(lo) - y_of(hi)),
            paint.tint);
        svg += fmt::format(R"(<text x="{}" y="{}" fill="{}">{}</text>)", num(left + plot_w + 6),
                           num((y_of(hi) + y_of(lo)) / 2 + 5), k_black, esc(band.name));
    }
    svg += "</g>";

    // The y axis: 0 and each band's top.
    svg += R"(<g class="civic-history__axis">)";
    std::vector<std::int64_t> ticks = {0};
    for (const auto& band : m.bands)
        if (band.to > ticks.back() && band.to <= m.max_score()) ticks.push_back(band.to);
    for (const auto t : ticks) {
        const double y = y_of(static_cast<double>(t));
        svg += fmt::format(R"(<path d="M{} {}H{}" stroke="{}" stroke-width="1"/>)", num(left),
                           num(y), num(left + plot_w), k_mid_grey);
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>)",
                           num(left - 6), num(y + 5), k_black, t);
    }
    svg += fmt::format(R"(<path d="M{0} {1}V{2}H{3}" stroke="{4}" stroke-width="1" fill="none"/>)",
                       num(left), num(top), num(top + plot_h), num(left + plot_w), k_black);

    if (points.empty()) {
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)",
                           num(left + plot_w / 2), num(top + plot_h / 2), k_black, "No scores yet");
        return svg + "</g></svg>";
    }
    const int span = days_between(points.front().date, points.back().date);
    const auto x_of = [&](const Date& d) {
        if (span <= 0) return left + plot_w / 2;
        return left + plot_w * days_between(points.front().date, d) / span;
    };
    // The first and last days under the line; one day centred.
    const double label_y = top + plot_h + 20;
    if (span <= 0) {
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)",
                           num(left + plot_w / 2), num(label_y), k_black,
                           format_day_month_year(points.front().date));
    } else {
        svg +=
            fmt::format(R"(<text x="{}" y="{}" text-anchor="start" fill="{}">{}</text>)", num(left),
                        num(label_y), k_black, format_day_month_year(points.front().date));
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>)",
                           num(left + plot_w), num(label_y), k_black,
                           format_day_month_year(points.back().date));
    }
    svg += "</g>";

    std::string d;
    for (const auto& p : points)
        d += fmt::format("{}{} {}", d.empty() ? "M" : "L", num(x_of(p.date)),
                         num(y_of(static_cast<double>(p.score))));
    svg += fmt::format(
        R"(<path class="civic-history__line" d="{}" fill="none" stroke="{}" stroke-width="3" stroke-linejoin="round"/>)",
        d, k_blue);
    svg += R"(<g class="civic-history__points">)";
    for (const auto& p : points) {
        const Band* band = m.band_of(p.score);
        svg += fmt::format(
            R"(<g class="civic-history__point"><title>{}: {} ({})</title><circle cx="{}" cy="{}" r="4" fill="{}"/></g>)",
            esc(format_day_month_year(p.date)), p.score,
            esc(band ? band->name : std::string("no band")), num(x_of(p.date)),
            num(y_of(static_cast<double>(p.score))), k_black);
    }
    svg += "</g>";
    return svg + "</svg>";
}

}  // namespace civic::risks
