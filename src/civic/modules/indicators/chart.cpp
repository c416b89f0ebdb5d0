// SPDX-License-Identifier: AGPL-3.0-or-later
// The trend chart and the sparkline, drawn as SVG on the server. Nothing here runs in the
// browser: the chart is a picture with a title and a description, and the page puts the same
// figures beside it as a table.
//
// Colour is never the only cue: each point's rating is also its shape (green circle, amber
// triangle, red square, grey diamond for no rating), the target is dashed and the benchmark
// median dotted, and a legend under the chart says which is which. Colours are GOV.UK's, each
// mark outlined in black so that it stands out from the white page by more than 3 to 1.

#include "civic/modules/indicators/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "civic/core/text.hpp"

namespace civic::indicators {

namespace {

constexpr std::string_view k_black = "#0b0c0c";
constexpr std::string_view k_blue = "#1d70b8";
constexpr std::string_view k_green = "#00703c";
constexpr std::string_view k_amber = "#f47738";
constexpr std::string_view k_red = "#d4351c";
constexpr std::string_view k_grey = "#505a5f";
constexpr std::string_view k_mid_grey = "#b1b4b6";
constexpr std::string_view k_font = "GDS Transport, arial, sans-serif";

constexpr double k_font_size = 14;
// About how wide a character of the axis labels is, for laying them out.
constexpr double k_char_width = 7.5;

// A point's band target, when its indicator is a band one.
struct Band {
    std::optional<double> low, high;
};
Band band_of(const ChartPoint& p) { return {p.target_low, p.target_high}; }

// A coordinate as SVG writes it: at most one decimal place, no trailing zeros.
std::string num(double v) {
    if (std::abs(v) < 0.05) return "0";
    std::string s = fmt::format("{:.1f}", v);
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

std::string esc(std::string_view s) { return html_escape(s); }

// A rating as the chart's words say it.
std::string_view rating_words(std::string_view rag) {
    if (rag == "green") return "green";
    if (rag == "amber") return "amber";
    if (rag == "red") return "red";
    if (rag == "awaiting") return "awaiting a value";
    return "no rating";
}

std::string_view rating_colour(std::string_view rag) {
    if (rag == "green") return k_green;
    if (rag == "amber") return k_amber;
    if (rag == "red") return k_red;
    return k_grey;
}

// One point's mark, centred on (x, y), its shape by rating: circle, triangle, square, diamond.
std::string marker(std::string_view rag, double x, double y, double r) {
    const auto colour = rating_colour(rag);
    const std::string paint =
        fmt::format(R"( fill="{}" stroke="{}" stroke-width="1")", colour, k_black);
    if (rag == "green")
        return fmt::format(R"(<circle cx="{}" cy="{}" r="{}"{}/>)", num(x), num(y), num(r), paint);
    if (rag == "amber") {
        const double h = r * 1.25;
        return fmt::format(R"(<path d="M{} {}L{} {}L{} {}Z"{}/>)", num(x), num(y - h), num(x + h),
                           num(y + h * 0.8), num(x - h), num(y + h * 0.8), paint);
    }
    if (rag == "red")
        return fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}"{}/>)", num(x - r),
                           num(y - r), num(2 * r), num(2 * r), paint);
    const double h = r * 1.3;
    return fmt::format(R"(<path d="M{} {}L{} {}L{} {}L{} {}Z"{}/>)", num(x), num(y - h), num(x + h),
                       num(y), num(x), num(y + h), num(x - h), num(y), paint);
}

// Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten, about
// five of them.
struct Ticks {
    double low = 0, high = 1, step = 1;
    int decimals = 0;  // enough to write the step
};
Ticks ticks_for(double low, double high) {
    if (high < low) std::swap(low, high);
    if (high - low < 1e-9) {
        const double pad = std::abs(high) > 1e-9 ? std::abs(high) * 0.1 : 1;
        low -= pad;
        high += pad;
    }
    const double rough = (high - low) / 5;
    const double power = std::pow(10, std::floor(std::log10(rough)));
    double step = power;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= rough) {
            step = m * power;
            break;
        }
    Ticks t;
    t.step = step;
    t.low = std::floor(low / step + 1e-9) * step;
    t.high = std::ceil(high / step - 1e-9) * step;
    if (t.high - t.low < step) t.high = t.low + step;
    t.decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    return t;
}

// Every n-th period is labelled when they would not fit, always the last one.
std::size_t label_every(std::size_t count, double plot_width, std::size_t longest) {
    if (count <= 1) return 1;
    const double room = std::max(1.0, plot_width / static_cast<double>(count));
    const double wanted = static_cast<double>(longest) * k_char_width + 12;
    return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(wanted / room)));
}

std::string value_text(std::optional<double> v, const Format& f) {
    return v ? format_value(*v, f) : std::string();
}

// The description read out in place of the picture: what it shows, the latest figure, and
// where the full figures are.
std::string description(const std::vector<ChartPoint>& points, const ChartOptions& o) {
    const ChartPoint* earliest = nullptr;
    const ChartPoint* latest = nullptr;
    int with_value = 0;
    bool any_target = false, any_benchmark = false;
    for (const auto& p : points) {
        if (p.value) {
            if (!earliest) earliest = &p;
            latest = &p;
            ++with_value;
        }
        any_target = any_target || p.target.has_value();
        any_benchmark = any_benchmark || p.benchmark_median.has_value();
    }
    if (!latest) return "No values yet.";
    std::string out = with_value == 1 ? std::string("One value so far.")
                                      : fmt::format("Values for {} periods from {} to {}.",
                                                    with_value, earliest->period, latest->period);
    out += fmt::format(" The latest, {}, is {} ({})", latest->period,
                       format_value(*latest->value, o.format), rating_words(latest->rag));
    if (latest->target)
        out += fmt::format(" against a target of {}", format_value(*latest->target, o.format));
    out += ".";
    if (any_target) out += " The dashed line is the target.";
    if (any_benchmark)
        out +=
            " The dotted line is the median of the councils compared, over a shaded band "
            "from their lower to their upper quartile.";
    out += " The table beside the chart gives every figure.";
    return out;
}

}  // namespace

std::string trend_chart_svg(const std::vector<ChartPoint>& points, const ChartOptions& o) {
    const double width = std::max(o.width, 200);
    const double height = std::max(o.height, 160);
    const std::string id = esc(o.id);
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="civic-chart" id="{0}" viewBox="0 0 {1} {2}" width="{1}" height="{2}" role="img" aria-labelledby="{0}-title {0}-desc" font-family="{3}" font-size="{4}">)",
        id, num(width), num(height), k_font, num(k_font_size));
    svg += fmt::format(R"(<title id="{}-title">{}</title>)", id, esc(o.title));
    svg += fmt::format(R"(<desc id="{}-desc">{}</desc>)", id, esc(description(points, o)));

    // The range the figures span: values, targets (and bands), benchmarks.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    bool any_value = false, any_target = false, any_median = false, any_band = false;
    const auto take = [&](std::optional<double> v) {
        if (v && std::isfinite(*v)) {
            lo = std::min(lo, *v);
            hi = std::max(hi, *v);
        }
    };
    for (const auto& p : points) {
        take(p.value);
        take(p.target);
        take(p.benchmark_median);
        take(p.benchmark_lower);
        take(p.benchmark_upper);
        const Band b = band_of(p);
        take(b.low);
        take(b.high);
        any_value = any_value || p.value.has_value();
        any_target = any_target || p.target.has_value() || b.low || b.high;
        any_median = any_median || p.benchmark_median.has_value();
        any_band = any_band || (p.benchmark_lower && p.benchmark_upper);
    }

    if (points.empty() || !std::isfinite(lo)) {
        svg +=
            fmt::format(R"(<rect x="1" y="1" width="{}" height="{}" fill="#ffffff" stroke="{}"/>)",
                        num(width - 2), num(height - 2), k_mid_grey);
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)",
                           num(width / 2), num(height / 2), k_black, "No values yet");
        return svg + "</svg>";
    }
    // A fixed scale holds unless a figure falls outside it. Without one, a chart of amounts
    // that never go below nothing starts at nothing when that does not squash the line flat.
    if (o.axis_min) lo = std::min(lo, *o.axis_min);
    if (o.axis_max) hi = std::max(hi, *o.axis_max);
    if (!o.axis_min && lo > 0 && lo < (hi - lo)) lo = 0;
    const Ticks ticks = ticks_for(lo, hi);
    const Format tick_format{o.format.unit, ticks.decimals};
    std::vector<std::string> tick_labels;
    std::size_t widest = 0;
    for (double v = ticks.low; v <= ticks.high + ticks.step / 2; v += ticks.step) {
        const double shown = std::abs(v) < ticks.step / 1e6 ? 0 : v;
        tick_labels.push_back(format_value(shown, tick_format));
        widest = std::max(widest, tick_labels.back().size());
    }

    // The legend: one row for the lines, one for the ratings' shapes.
    struct Key {
        std::string mark, words;
    };
    std::vector<Key> lines, shapes;
    if (any_value)
        lines.push_back(
            {fmt::format(R"(<path d="M0 0H24" stroke="{}" stroke-width="3"/>)", k_blue), "Value"});
    if (any_target)
        lines.push_back(
            {fmt::format(
                 R"(<path d="M0 0H24" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>)",
                 k_black),
             "Target"});
    if (any_median)
        lines.push_back(
            {fmt::format(
                 R"(<path d="M0 0H24" stroke="{}" stroke-width="2" stroke-dasharray="2 3" stroke-linecap="round"/>)",
                 k_grey),
             "Benchmark median"});
    if (any_band)
        lines.push_back(
            {fmt::format(
                 R"(<rect x="0" y="-6" width="24" height="12" fill="{}" fill-opacity="0.35"/>)",
                 k_mid_grey),
             "Middle half of councils"});
    for (std::string_view rag : {"green", "amber", "red", "none"}) {
        const bool used = std::any_of(points.begin(), points.end(), [&](const ChartPoint& p) {
            if (!p.value) return false;
            const bool known = p.rag == "green" || p.rag == "amber" || p.rag == "red";
            return rag == "none" ? !known : p.rag == rag;
        });
        if (used)
            shapes.push_back({marker(rag, 12, 0, 5), rag == "none"    ? "No rating"
                                                     : rag == "green" ? "Green"
                                                     : rag == "amber" ? "Amber"
                                                                      : "Red"});
    }
    const int legend_rows = (lines.empty() ? 0 : 1) + (shapes.empty() ? 0 : 1);

    // The margins: room for the y axis's labels on the left, and on both sides for half of the
    // first and last periods' labels, which are centred under their points.
    const std::size_t n = points.size();
    std::size_t longest = 0;
    for (const auto& p : points) longest = std::max(longest, p.period.size());
    const double half_label = static_cast<double>(longest) * k_char_width / 2;
    double left = static_cast<double>(widest) * k_char_width + 14;
    double right = 16;
    for (int pass = 0; pass < 2; ++pass) {
        const double slot_guess = std::max(20.0, width - left - right) / static_cast<double>(n);
        const double overhang = half_label - slot_guess / 2 + 4;
        left = std::max(left, overhang);
        right = std::max(right, overhang);
    }
    const double top = 14;
    const double bottom = 30 + legend_rows * 22.0;
    const double plot_w = std::max(20.0, width - left - right);
    const double plot_h = std::max(20.0, height - top - bottom);
    const auto y_of = [&](double v) {
        return top + plot_h - (v - ticks.low) / (ticks.high - ticks.low) * plot_h;
    };
    const double slot = plot_w / static_cast<double>(n);
    const auto x_of = [&](std::size_t i) { return left + slot * (static_cast<double>(i) + 0.5); };

    // Grid and the y axis's labels.
    svg += R"(<g class="civic-chart__axis">)";
    for (std::size_t i = 0; i < tick_labels.size(); ++i) {
        const double y = y_of(ticks.low + ticks.step * static_cast<double>(i));
        svg += fmt::format(R"(<path d="M{} {}H{}" stroke="{}" stroke-width="1"/>)", num(left),
                           num(y), num(left + plot_w), k_mid_grey);
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>)",
                           num(left - 6), num(y + 4), k_black, esc(tick_labels[i]));
    }
    svg += fmt::format(R"(<path d="M{0} {1}V{2}H{3}" stroke="{4}" stroke-width="1" fill="none"/>)",
                       num(left), num(top), num(top + plot_h), num(left + plot_w), k_black);
    // The periods along the bottom, thinned when there are many.
    const std::size_t every = label_every(n, plot_w, longest);
    for (std::size_t i = 0; i < n; ++i) {
        const bool last = i + 1 == n;
        const bool shown = last || (i % every == 0 && (n - 1 - i) >= every);
        if (!shown) continue;
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)",
                           num(x_of(i)), num(top + plot_h + 18), k_black, esc(points[i].period));
    }
    svg += "</g>";

    // The benchmark: the interquartile band, shaded, then its median, dotted.
    if (any_band) {
        svg += R"(<g class="civic-chart__benchmark-band">)";
        for (std::size_t i = 0; i < n; ++i) {
            const auto& p = points[i];
            if (!p.benchmark_lower || !p.benchmark_upper) continue;
            const double y1 = y_of(std::max(*p.benchmark_lower, *p.benchmark_upper));
            const double y2 = y_of(std::min(*p.benchmark_lower, *p.benchmark_upper));
            svg += fmt::format(
                R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.35"/>)",
                num(x_of(i) - slot / 2), num(y1), num(slot), num(std::max(1.0, y2 - y1)),
                k_mid_grey);
        }
        svg += "</g>";
    }
    // A line made of steps, one level per period, broken where a period has none.
    const auto steps = [&](auto get) {
        std::string d;
        bool open = false;
        for (std::size_t i = 0; i < n; ++i) {
            const std::optional<double> v = get(points[i]);
            if (!v) {
                open = false;
                continue;
            }
            const double y = y_of(*v);
            d += fmt::format("{}{} {}H{}", open ? "L" : "M", num(x_of(i) - slot / 2), num(y),
                             num(x_of(i) + slot / 2));
            open = true;
        }
        return d;
    };
    if (any_median) {
        const std::string d = steps([](const ChartPoint& p) { return p.benchmark_median; });
        svg += fmt::format(
            R"(<path class="civic-chart__benchmark-median" d="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="2 3" stroke-linecap="round"/>)",
            d, k_grey);
    }
    // The target: dashed, a level per period; a band target as two dashed edges over a light
    // wash.
    if (any_target) {
        svg += R"(<g class="civic-chart__target">)";
        for (std::size_t i = 0; i < n; ++i) {
            const Band b = band_of(points[i]);
            if (!b.low || !b.high) continue;
            const double y1 = y_of(std::max(*b.low, *b.high));
            const double y2 = y_of(std::min(*b.low, *b.high));
            svg += fmt::format(
                R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.12"/>)",
                num(x_of(i) - slot / 2), num(y1), num(slot), num(std::max(1.0, y2 - y1)), k_green);
        }
        const std::string dash = fmt::format(
            R"(fill="none" stroke="{}" stroke-width="2" stroke-dasharray="6 4")", k_black);
        if (auto d = steps([](const ChartPoint& p) { return p.target; }); !d.empty())
            svg += fmt::format(R"(<path d="{}" {}/>)", d, dash);
        if (auto d = steps([](const ChartPoint& p) { return band_of(p).low; }); !d.empty())
            svg += fmt::format(R"(<path d="{}" {}/>)", d, dash);
        if (auto d = steps([](const ChartPoint& p) { return band_of(p).high; }); !d.empty())
            svg += fmt::format(R"(<path d="{}" {}/>)", d, dash);
        svg += "</g>";
    }
    // The values: a line through the points, broken at a gap, then each point's mark.
    if (any_value) {
        std::string d;
        bool open = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (!points[i].value) {
                open = false;
                continue;
            }
            d +=
                fmt::format("{}{} {}", open ? "L" : "M", num(x_of(i)), num(y_of(*points[i].value)));
            open = true;
        }
        svg += fmt::format(
            R"(<path class="civic-chart__values" d="{}" fill="none" stroke="{}" stroke-width="3" stroke-linejoin="round"/>)",
            d, k_blue);
        svg += R"(<g class="civic-chart__points">)";
        for (std::size_t i = 0; i < n; ++i) {
            const auto& p = points[i];
            if (!p.value) continue;
            std::string words = fmt::format("{}: {}, {}", p.period, value_text(p.value, o.format),
                                            rating_words(p.rag));
            if (p.target) words += ", target " + format_value(*p.target, o.format);
            svg += fmt::format(R"(<g data-rag="{}"><title>{}</title>{}</g>)", esc(p.rag),
                               esc(words), marker(p.rag, x_of(i), y_of(*p.value), 5));
        }
        svg += "</g>";
    }

    // The legend.
    double y = top + plot_h + 42;
    for (const auto* row : {&lines, &shapes}) {
        if (row->empty()) continue;
        double x = left;
        svg += R"(<g class="civic-chart__legend">)";
        for (const auto& key : *row) {
            svg += fmt::format(R"x(<g transform="translate({} {})">{})x", num(x), num(y - 4),
                               key.mark);
            svg += fmt::format(R"(<text x="30" y="4" fill="{}">{}</text></g>)", k_black,
                               esc(key.words));
            x += 30 + static_cast<double>(key.words.size()) * k_char_width + 18;
        }
        svg += "</g>";
        y += 22;
    }
    return svg + "</svg>";
}

std::string sparkline_svg(const std::vector<std::optional<double>>& values) {
    constexpr double w = 120, h = 24, pad = 3;
    std::string svg = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="civic-sparkline" viewBox="0 0 {0} {1}" width="{0}" height="{1}" aria-hidden="true" focusable="false">)",
        num(w), num(h));
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    for (const auto& v : values)
        if (v && std::isfinite(*v)) {
            lo = std::min(lo, *v);
            hi = std::max(hi, *v);
        }
    if (values.empty() || !std::isfinite(lo)) return svg + "</svg>";
    const std::size_t n = values.size();
    const auto x_of = [&](std::size_t i) {
        return n == 1 ? w / 2 : pad + (w - 2 * pad) * static_cast<double>(i) / (n - 1);
    };
    const auto y_of = [&](double v) {
        if (hi - lo < 1e-12) return h / 2;
        return pad + (h - 2 * pad) * (1 - (v - lo) / (hi - lo));
    };
    std::string d;
    bool open = false;
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < n; ++i) {
        if (!values[i] || !std::isfinite(*values[i])) {
            open = false;
            continue;
        }
        d += fmt::format("{}{} {}", open ? "L" : "M", num(x_of(i)), num(y_of(*values[i])));
        open = true;
        last = i;
    }
    svg += fmt::format(
        R"(<path d="{}" fill="none" stroke="{}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>)",
        d, k_blue);
    if (last)
        svg += fmt::format(R"(<circle cx="{}" cy="{}" r="2.5" fill="{}"/>)", num(x_of(*last)),
                           num(y_of(*values[*last])), k_black);
    return svg + "</svg>";
}

}  // namespace civic::indicators
