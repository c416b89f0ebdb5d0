// SPDX-License-Identifier: AGPL-3.0-or-later
// The indicators' charts, drawn as SVG: well-formed, labelled for a screen reader, hostile
// text escaped, and sensible with no values, one value, gaps and a band target.

#include <gtest/gtest.h>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/indicators/chart.hpp"

namespace civic::indicators {
namespace {

// A small XML reader, enough to say the SVG is well formed: every element closed in order,
// attributes quoted, text with no raw '<' or '&' that is not an entity. Returns "" when
// well formed, or what is wrong.
std::string xml_problem(std::string_view s) {
    std::vector<std::string> open;
    std::size_t i = 0;
    const auto entity_ok = [&](std::size_t at) {
        const auto end = s.find(';', at);
        if (end == std::string_view::npos || end - at > 8) return false;
        const auto name = s.substr(at + 1, end - at - 1);
        return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos" ||
               name == "#39" || name == "#x27";
    };
    while (i < s.size()) {
        if (s[i] == '&') {
            if (!entity_ok(i)) return "a bare & at " + std::to_string(i);
            ++i;
            continue;
        }
        if (s[i] != '<') {
            if (s[i] == '>') return "a bare > at " + std::to_string(i);
            ++i;
            continue;
        }
        const bool closing = i + 1 < s.size() && s[i + 1] == '/';
        std::size_t j = i + (closing ? 2 : 1);
        std::size_t name_start = j;
        while (j < s.size() &&
               (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '-' || s[j] == ':'))
            ++j;
        const std::string name(s.substr(name_start, j - name_start));
        if (name.empty()) return "a tag with no name at " + std::to_string(i);
        if (closing) {
            if (j >= s.size() || s[j] != '>') return "a broken closing tag at " + std::to_string(i);
            if (open.empty() || open.back() != name)
                return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
            open.pop_back();
            i = j + 1;
            continue;
        }
        // Attributes: name="value", values with no '<' or '"'.
        bool self_closing = false;
        while (true) {
            while (j < s.size() && s[j] == ' ') ++j;
            if (j >= s.size()) return "an unfinished tag <" + name;
            if (s[j] == '>') break;
            if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '>') {
                self_closing = true;
                ++j;
                break;
            }
            const std::size_t a = j;
            while (j < s.size() && s[j] != '=' && s[j] != ' ' && s[j] != '>') ++j;
            if (j == a || j >= s.size() || s[j] != '=' || j + 1 >= s.size() || s[j + 1] != '"')
                return "an unquoted attribute in <" + name;
            const auto end = s.find('"', j + 2);
            if (end == std::string_view::npos) return "an unclosed attribute in <" + name;
            const auto value = s.substr(j + 2, end - j - 2);
            if (value.find('<') != std::string_view::npos) return "a < in an attribute";
            for (std::size_t k = 0; k < value.size(); ++k)
                if (value[k] == '&' && !entity_ok(j + 2 + k)) return "a bare & in an attribute";
            j = end + 1;
        }
        if (!self_closing) open.push_back(name);
        i = j + 1;
    }
    if (!open.empty()) return "<" + open.back() + "> is never closed";
    return "";
}

std::size_t count(std::string_view s, std::string_view what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string_view::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

ChartPoint point(std::string period, std::optional<double> value, std::optional<double> target,
                 std::string rag) {
    ChartPoint p;
    p.period = std::move(period);
    p.value = value;
    p.target = target;
    p.rag = std::move(rag);
    return p;
}

ChartOptions options(std::string title) {
    ChartOptions o;
    o.id = "bv8";
    o.title = std::move(title);
    o.format = Format{"percentage", 0};
    return o;
}

std::vector<ChartPoint> four_quarters() {
    auto a = point("2024/25 Q1", 70, 81, "red");
    auto b = point("2024/25 Q2", 78, 81, "amber");
    auto c = point("2024/25 Q3", 82, 81, "green");
    auto d = point("2024/25 Q4", 75, std::nullopt, "none");
    for (auto* p : {&a, &b, &c, &d}) {
        p->benchmark_median = 65;
        p->benchmark_lower = 55;
        p->benchmark_upper = 80;
    }
    return {a, b, c, d};
}

TEST(TrendChart, IsWellFormedSvgNamedForAScreenReader) {
    const std::string svg = trend_chart_svg(four_quarters(), options("BV 8: invoices paid"));
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
    EXPECT_NE(svg.find(R"(aria-labelledby="bv8-title bv8-desc")"), std::string::npos);
    EXPECT_NE(svg.find(R"(<title id="bv8-title">BV 8: invoices paid</title>)"), std::string::npos);
    EXPECT_NE(
        svg.find(R"(<desc id="bv8-desc">Values for 4 periods from 2024/25 Q1 to 2024/25 Q4.)"),
        std::string::npos);
    // Every id inside the chart starts with the chart's own.
    for (auto at = svg.find(" id=\""); at != std::string::npos; at = svg.find(" id=\"", at + 1))
        EXPECT_EQ(svg.substr(at + 5, 3), "bv8") << svg.substr(at, 30);
}

TEST(TrendChart, ShapesEachPointByItsRatingAsWellAsColouringIt) {
    const std::string svg = trend_chart_svg(four_quarters(), options("BV 8"));
    // Red square, amber triangle, green circle, grey diamond (no target, no rating).
    const auto mark = [&](std::string_view rag) {
        const auto at = svg.find(std::string("<g data-rag=\"") + std::string(rag) + "\">");
        EXPECT_NE(at, std::string::npos) << rag;
        return svg.substr(svg.find("</title>", at) + 8, 160);
    };
    EXPECT_TRUE(mark("red").starts_with("<rect") &&
                mark("red").find("#d4351c") != std::string::npos);
    EXPECT_TRUE(mark("amber").starts_with("<path") &&
                mark("amber").find("#f47738") != std::string::npos);
    EXPECT_TRUE(mark("green").starts_with("<circle") &&
                mark("green").find("#00703c") != std::string::npos);
    EXPECT_TRUE(mark("none").starts_with("<path") &&
                mark("none").find("#505a5f") != std::string::npos);
    // The point's own title says its figures.
    EXPECT_NE(svg.find("<title>2024/25 Q1: 70%, red, target 81%</title>"), std::string::npos);
    // The target is dashed, the median dotted over the shaded band; the legend names them.
    EXPECT_NE(svg.find(R"(stroke-dasharray="6 4")"), std::string::npos);
    EXPECT_NE(svg.find(R"(class="civic-chart__benchmark-median")"), std::string::npos);
    EXPECT_EQ(count(svg, R"(fill-opacity="0.35")"), 4u + 1u);  // four periods and the legend
    for (std::string_view words :
         {">Value<", ">Target<", ">Benchmark median<", ">Middle half of councils<", ">Green<",
          ">Amber<", ">Red<", ">No rating<"})
        EXPECT_NE(svg.find(words), std::string::npos) << words;
    // The y axis is labelled in the indicator's unit.
    EXPECT_NE(svg.find(">80%</text>"), std::string::npos);
    EXPECT_NE(svg.find(">2024/25 Q4</text>"), std::string::npos);
}

TEST(TrendChart, EscapesAHostileTitleAndPeriod) {
    auto points = four_quarters();
    points[3].period = "Q4 <script>alert('x')</script> & co";
    points[3].rag = "\"><script>";
    ChartOptions o = options("</title><script>alert(\"x\")</script> & <b>");
    o.id = "a\"b<c";
    const std::string svg = trend_chart_svg(points, o);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_NE(svg.find("&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                       "&lt;b&gt;"),
              std::string::npos);
    EXPECT_NE(svg.find(R"(id="a&quot;b&lt;c")"), std::string::npos);
}

TEST(TrendChart, WithNoValuesSaysSo) {
    const std::string svg = trend_chart_svg({}, options("BV 8"));
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find(">No values yet</text>"), std::string::npos);
    EXPECT_NE(svg.find(R"(<desc id="bv8-desc">No values yet.</desc>)"), std::string::npos);
    // Periods with neither a value nor a target nor a benchmark are no values either.
    const std::string blank =
        trend_chart_svg({point("2024/25 Q1", {}, {}, "awaiting")}, options("BV 8"));
    EXPECT_EQ(xml_problem(blank), "");
    EXPECT_NE(blank.find(">No values yet</text>"), std::string::npos);
}

TEST(TrendChart, DrawsASinglePointInTheMiddle) {
    ChartOptions o = options("One");
    o.width = 640;
    const std::string svg = trend_chart_svg({point("2025/26 Q1", 40, 40, "green")}, o);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(count(svg, "<circle"), 2u);  // the point and its key in the legend
    EXPECT_NE(
        svg.find(
            R"(<desc id="bv8-desc">One value so far. The latest, 2025/26 Q1, is 40% (green) against a target of 40%.)"),
        std::string::npos);
    EXPECT_EQ(svg.find("nan"), std::string::npos);
    EXPECT_EQ(svg.find("inf"), std::string::npos);
}

// The y axis's labels, bottom to top.
std::vector<std::string> axis_labels(const std::string& svg) {
    std::vector<std::string> out;
    const std::string_view open = R"(text-anchor="end" fill="#0b0c0c">)";
    for (auto at = svg.find(open); at != std::string::npos; at = svg.find(open, at + 1)) {
        const auto from = at + open.size();
        out.push_back(svg.substr(from, svg.find('<', from) - from));
    }
    return out;
}

TEST(TrendChart, FitsItsAxisToTheFiguresWithoutAScale) {
    const std::string svg =
        trend_chart_svg({point("2025/26 Q1", 100, std::nullopt, "none")}, options("On time"));
    EXPECT_EQ(axis_labels(svg), (std::vector<std::string>{"90%", "95%", "100%", "105%", "110%"}));
}

TEST(TrendChart, DrawsASingle100PercentAtTheTopOfA0To100Axis) {
    ChartOptions o = options("On time");
    percent_scale(o);
    const std::string svg = trend_chart_svg({point("2025/26 Q1", 100, std::nullopt, "none")}, o);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(axis_labels(svg),
              (std::vector<std::string>{"0%", "20%", "40%", "60%", "80%", "100%"}));
    // The point is drawn level with the 100% label (whose text sits 4 below its line).
    const auto label = svg.rfind("<text ", svg.find(">100%</text>"));
    const auto label_y = svg.find(" y=\"", label) + 4;
    const double top = std::stod(svg.substr(label_y, svg.find('"', label_y) - label_y)) - 4;
    const auto line = svg.find(R"(class="civic-chart__values" d="M)");
    ASSERT_NE(line, std::string::npos);
    const auto d = svg.find(' ', line + 33) + 1;
    EXPECT_DOUBLE_EQ(std::stod(svg.substr(d, svg.find('"', d) - d)), top);
}

TEST(TrendChart, WidensAFixedScaleOnlyForAFigureOutsideIt) {
    ChartOptions o = options("Change");
    percent_scale(o);
    const std::string svg = trend_chart_svg({point("2025/26 Q1", -10, std::nullopt, "none"),
                                             point("2025/26 Q2", 120, std::nullopt, "none")},
                                            o);
    const auto labels = axis_labels(svg);
    ASSERT_FALSE(labels.empty());
    EXPECT_EQ(labels.front(), "-50%");
    EXPECT_EQ(labels.back(), "150%");
}

TEST(TrendChart, BreaksTheLineAtAGap) {
    std::vector<ChartPoint> points = {point("2024/25 Q1", 10, std::nullopt, "none"),
                                      point("2024/25 Q2", 12, std::nullopt, "none"),
                                      point("2024/25 Q3", std::nullopt, std::nullopt, "awaiting"),
                                      point("2024/25 Q4", 11, std::nullopt, "none"),
                                      point("2025/26 Q1", 14, std::nullopt, "none")};
    ChartOptions o = options("Gaps");
    o.format = Format{"number", 0};
    const std::string svg = trend_chart_svg(points, o);
    EXPECT_EQ(xml_problem(svg), "");
    const auto at = svg.find(R"(class="civic-chart__values" d=")");
    ASSERT_NE(at, std::string::npos);
    const std::string d = svg.substr(at + 31, svg.find('"', at + 31) - at - 31);
    EXPECT_EQ(count(d, "M"), 2u) << d;  // two runs: Q1–Q2 and Q4–Q1
    EXPECT_EQ(count(d, "L"), 2u) << d;
    EXPECT_EQ(count(svg, "<g data-rag="), 4u);          // no mark for the missing quarter
    EXPECT_EQ(svg.find("Target<"), std::string::npos);  // no target, no key for one
}

TEST(TrendChart, DescribesThePeriodsThatHaveValuesNotThoseWithOnlyATarget) {
    std::vector<ChartPoint> points = {point("2024/25 Q3", 84, 81, "green"),
                                      point("2024/25 Q4", 80, 81, "amber"),
                                      point("2025/26 Q1", std::nullopt, 81, "awaiting"),
                                      point("2025/26 Q2", std::nullopt, 81, "awaiting")};
    const std::string svg = trend_chart_svg(points, options("Targets ahead"));
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find("<desc id=\"bv8-desc\">Values for 2 periods from 2024/25 Q3 to 2024/25 Q4. "
                       "The latest, 2024/25 Q4, is 80% (amber) against a target of 81%."),
              std::string::npos)
        << svg;
    EXPECT_NE(svg.find(">2025/26 Q2</text>"), std::string::npos);  // the axis runs on
}

TEST(TrendChart, ThinsThePeriodLabelsWhenThereAreMany) {
    std::vector<ChartPoint> points;
    for (int y = 2015; y < 2025; ++y)
        for (int q = 1; q <= 4; ++q)
            points.push_back(point(
                std::to_string(y) + "/" + std::to_string((y + 1) % 100) + " Q" + std::to_string(q),
                y + q, std::nullopt, "none"));
    ChartOptions o = options("Forty quarters");
    o.format = Format{"number", 0};
    const std::string svg = trend_chart_svg(points, o);
    EXPECT_EQ(xml_problem(svg), "");
    const std::size_t labels = count(svg, " Q");  // in text, titles and the description
    EXPECT_LT(labels, 40u * 2);
    EXPECT_NE(svg.find(">2024/25 Q4</text>"), std::string::npos);  // the last is always shown
    EXPECT_NE(svg.find(">2015/16 Q1</text>"), std::string::npos);
    EXPECT_EQ(svg.find(">2015/16 Q2</text>"), std::string::npos);
}

TEST(TrendChart, DrawsABandTargetAsTwoDashedEdges) {
    std::vector<ChartPoint> points = {point("2024/25 Q1", 5, std::nullopt, "green"),
                                      point("2024/25 Q2", 9, std::nullopt, "red")};
    for (auto& p : points) {
        p.target_low = 4;
        p.target_high = 6;
    }
    const std::string svg = trend_chart_svg(points, options("Band"));
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_EQ(count(svg, R"(stroke-dasharray="6 4")"), 2u + 1u);  // low, high, legend
    EXPECT_NE(svg.find(">Target<"), std::string::npos);
}

TEST(Sparkline, IsHiddenFromScreenReadersAndBreaksAtGaps) {
    const std::string svg = sparkline_svg({1.0, 2.0, std::nullopt, 3.0, 2.5});
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_NE(svg.find(R"(aria-hidden="true")"), std::string::npos);
    EXPECT_NE(svg.find(R"(viewBox="0 0 120 24")"), std::string::npos);
    const auto at = svg.find("<path d=\"");
    const std::string d = svg.substr(at + 9, svg.find('"', at + 9) - at - 9);
    EXPECT_EQ(count(d, "M"), 2u) << d;
    EXPECT_EQ(count(svg, "<circle"), 1u);  // the latest value
}

TEST(Sparkline, WithNoValuesOrOneIsStillAPicture) {
    EXPECT_EQ(xml_problem(sparkline_svg({})), "");
    EXPECT_EQ(sparkline_svg({}).find("<path"), std::string::npos);
    EXPECT_EQ(sparkline_svg({std::nullopt, std::nullopt}).find("<path"), std::string::npos);
    const std::string one = sparkline_svg({std::nullopt, 4.0});
    EXPECT_EQ(xml_problem(one), "");
    EXPECT_EQ(count(one, "<circle"), 1u);
    EXPECT_EQ(one.find("nan"), std::string::npos);
}

}  // namespace
}  // namespace civic::indicators
