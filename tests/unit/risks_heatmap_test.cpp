// SPDX-License-Identifier: AGPL-3.0-or-later
// The risk pictures: the heat map (its cells, counts, links, names in words, colours that
// read at WCAG AA), the table beside it, a risk's movement and its score history. Each SVG is
// read back with expat, so a test fails on any picture that is not well-formed XML.

#include <expat.h>
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/risks/heatmap.hpp"

namespace civic::risks {
namespace {

// ---- a tiny DOM, read with expat

struct Node {
    std::string name;
    std::map<std::string, std::string> attrs;
    std::vector<std::unique_ptr<Node>> children;
    std::string text;  // the text directly inside, in order
    Node* parent = nullptr;

    std::string attr(const std::string& key) const {
        const auto it = attrs.find(key);
        return it == attrs.end() ? std::string() : it->second;
    }
    bool has_class(std::string_view c) const {
        const std::string classes = " " + attr("class") + " ";
        return classes.find(" " + std::string(c) + " ") != std::string::npos;
    }
    // All the text inside, the children's too.
    std::string all_text() const {
        std::string out = text;
        for (const auto& c : children) out += c->all_text();
        return out;
    }
};

struct Parsed {
    std::unique_ptr<Node> root;
    std::string error;  // "" when well formed
};

Parsed parse(const std::string& xml) {
    struct State {
        std::unique_ptr<Node> root;
        Node* at = nullptr;
    } state;
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, &state);
    XML_SetElementHandler(
        p,
        [](void* data, const XML_Char* name, const XML_Char** attrs) {
            auto& s = *static_cast<State*>(data);
            auto node = std::make_unique<Node>();
            node->name = name;
            for (int i = 0; attrs[i]; i += 2) node->attrs[attrs[i]] = attrs[i + 1];
            node->parent = s.at;
            Node* raw = node.get();
            if (s.at)
                s.at->children.push_back(std::move(node));
            else
                s.root = std::move(node);
            s.at = raw;
        },
        [](void* data, const XML_Char*) {
            auto& s = *static_cast<State*>(data);
            s.at = s.at->parent;
        });
    XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* text, int len) {
        auto& s = *static_cast<State*>(data);
        if (s.at) s.at->text.append(text, static_cast<std::size_t>(len));
    });
    Parsed out;
    if (XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR)
        out.error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
                    std::to_string(XML_GetCurrentLineNumber(p)) + ", column " +
                    std::to_string(XML_GetCurrentColumnNumber(p));
    XML_ParserFree(p);
    out.root = std::move(state.root);
    return out;
}

void collect(const Node& n, const std::function<bool(const Node&)>& pred,
             std::vector<const Node*>& out) {
    if (pred(n)) out.push_back(&n);
    for (const auto& c : n.children) collect(*c, pred, out);
}
std::vector<const Node*> find_all(const Node& root, const std::function<bool(const Node&)>& pred) {
    std::vector<const Node*> out;
    collect(root, pred, out);
    return out;
}
std::vector<const Node*> by_name(const Node& root, std::string_view name) {
    return find_all(root, [&](const Node& n) { return n.name == name; });
}
std::vector<const Node*> by_class(const Node& root, std::string_view c) {
    return find_all(root, [&](const Node& n) { return n.has_class(c); });
}
const Node* child(const Node& n, std::string_view name) {
    for (const auto& c : n.children)
        if (c->name == name) return c.get();
    return nullptr;
}

// counts[likelihood - 1][impact - 1], every cell empty.
HeatCounts empty_counts(int size) {
    return HeatCounts(static_cast<std::size_t>(size),
                      std::vector<std::int64_t>(static_cast<std::size_t>(size), 0));
}

std::string cell_href(int l, int i) {
    return "/risks?likelihood=" + std::to_string(l) + "&impact=" + std::to_string(i);
}

// A 5 × 5 register: 3 risks on likelihood 4 × impact 5, 1 on 2 × 2, 2 on 5 × 1.
HeatCounts sample_counts() {
    auto c = empty_counts(5);
    c[3][4] = 3;
    c[1][1] = 1;
    c[4][0] = 2;
    return c;
}

// ---- the heat map

TEST(RiskHeatMap, a_five_by_five_map_has_25_cells_highest_likelihood_first_with_their_counts) {
    const auto counts = sample_counts();
    const std::string svg = heat_map_svg(default_matrix(), counts, cell_href, "Corporate risks");
    const Parsed doc = parse(svg);
    ASSERT_EQ(doc.error, "");
    const auto cells = by_class(*doc.root, "civic-heat__cell");
    ASSERT_EQ(cells.size(), 25u);
    std::size_t k = 0;
    for (int l = 5; l >= 1; --l)
        for (int i = 1; i <= 5; ++i, ++k) {
            const auto count =
                counts[static_cast<std::size_t>(l - 1)][static_cast<std::size_t>(i - 1)];
            const auto texts = by_class(*cells[k], "civic-heat__count");
            ASSERT_EQ(texts.size(), 1u) << l << " × " << i;
            EXPECT_EQ(texts[0]->all_text(), std::to_string(count)) << l << " × " << i;
        }
}

TEST(RiskHeatMap, only_cells_with_risks_are_links_to_the_address_the_caller_gives) {
    const Parsed doc = parse(heat_map_svg(default_matrix(), sample_counts(), cell_href, "Risks"));
    ASSERT_EQ(doc.error, "");
    const auto links = by_name(*doc.root, "a");
    ASSERT_EQ(links.size(), 3u);
    // In the order drawn: likelihood 5 first, impact lowest first.
    EXPECT_EQ(links[0]->attr("href"), "/risks?likelihood=5&impact=1");
    EXPECT_EQ(links[1]->attr("href"), "/risks?likelihood=4&impact=5");
    EXPECT_EQ(links[2]->attr("href"), "/risks?likelihood=2&impact=2");
    EXPECT_EQ(links[0]->attr("aria-label"),
              "Likelihood 5 (Almost certain), impact 1 (Negligible): 2 risks, score 5, Medium");
    EXPECT_EQ(links[1]->attr("aria-label"),
              "Likelihood 4 (Likely), impact 5 (Critical): 3 risks, score 20, High");
    EXPECT_EQ(links[2]->attr("aria-label"),
              "Likelihood 2 (Unlikely), impact 2 (Minor): 1 risk, score 4, Low");
    // Each link wraps its cell's square and count.
    EXPECT_NE(child(*links[1], "rect"), nullptr);
    EXPECT_EQ(child(*links[1], "text")->all_text(), "3");
}

TEST(RiskHeatMap, an_empty_cell_is_no_link_and_shows_a_quiet_zero_hidden_from_screen_readers) {
    const Parsed doc = parse(heat_map_svg(default_matrix(), sample_counts(), cell_href, "Risks"));
    ASSERT_EQ(doc.error, "");
    const auto empty = by_class(*doc.root, "civic-heat__cell--empty");
    ASSERT_EQ(empty.size(), 22u);
    for (const Node* cell : empty) {
        EXPECT_TRUE(by_name(*cell, "a").empty());
        EXPECT_EQ(cell->attr("aria-hidden"), "true");
        EXPECT_EQ(child(*cell, "text")->all_text(), "0");
        EXPECT_EQ(child(*cell, "text")->attr("font-weight"), "");  // counts are bold
    }
}

TEST(RiskHeatMap, a_missing_or_negative_count_is_none) {
    HeatCounts ragged = {{1}, {}, {0, -4, 2}};
    const Parsed doc =
        parse(heat_map_svg(default_matrix_of_size(3), ragged, cell_href, "Ragged counts"));
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(by_class(*doc.root, "civic-heat__cell").size(), 9u);
    EXPECT_EQ(by_name(*doc.root, "a").size(), 2u);
    EXPECT_EQ(child(*doc.root, "desc")->all_text().substr(0, 27), "3 risks on a 3 × 3 matrix.");
}

TEST(RiskHeatMap, is_named_by_its_title_and_description_and_has_no_img_role) {
    const std::string svg =
        heat_map_svg(default_matrix(), sample_counts(), cell_href, "Corporate Risk Register");
    const Parsed doc = parse(svg);
    ASSERT_EQ(doc.error, "");
    const Node& root = *doc.root;
    EXPECT_EQ(root.name, "svg");
    EXPECT_EQ(root.attr("role"), "");
    EXPECT_EQ(root.attr("id"), "heat-corporate-risk-register");
    EXPECT_EQ(root.attr("aria-labelledby"), "heat-corporate-risk-register-title");
    EXPECT_EQ(root.attr("aria-describedby"), "heat-corporate-risk-register-desc");
    ASSERT_NE(child(root, "title"), nullptr);
    EXPECT_EQ(child(root, "title")->attr("id"), "heat-corporate-risk-register-title");
    EXPECT_EQ(child(root, "title")->all_text(), "Corporate Risk Register");
    EXPECT_EQ(child(root, "desc")->attr("id"), "heat-corporate-risk-register-desc");
    EXPECT_EQ(child(root, "desc")->all_text(),
              "6 risks on a 5 × 5 matrix. Likelihood rises up the side, from Rare at the bottom "
              "to Almost certain at the top; impact rises along the bottom, from Negligible at "
              "the left to Critical at the right. Each cell with risks is a link to them; the "
              "table beside the map gives every count.");
    // No style attribute anywhere: the Content-Security-Policy forbids them.
    EXPECT_EQ(svg.find("style="), std::string::npos);
}

TEST(RiskHeatMap, the_same_counts_draw_the_same_picture_and_a_given_id_is_used) {
    const auto a = heat_map_svg(default_matrix(), sample_counts(), cell_href, "Risks");
    const auto b = heat_map_svg(default_matrix(), sample_counts(), cell_href, "Risks");
    EXPECT_EQ(a, b);
    const Parsed doc =
        parse(heat_map_svg(default_matrix(), sample_counts(), cell_href, "Risks", "map-2"));
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(doc.root->attr("id"), "map-2");
    EXPECT_EQ(doc.root->attr("aria-labelledby"), "map-2-title");
    EXPECT_EQ(doc.root->attr("aria-describedby"), "map-2-desc");
    // A title with no letters or digits still gives an id.
    EXPECT_EQ(
        parse(heat_map_svg(default_matrix(), sample_counts(), cell_href, "—")).root->attr("id"),
        "heat");
}

TEST(RiskHeatMap, escapes_every_text_an_administrator_or_the_caller_wrote) {
    Matrix m = default_matrix();
    m.likelihood[4].label = "<script>alert(1)</script>";
    m.impact[0].label = "Tiny & \"small\"";
    m.bands[1].name = "Medium <b>";
    const auto href = [](int, int) { return std::string("/r?a=1&b=\"2\"><x>"); };
    const std::string svg = heat_map_svg(m, sample_counts(), href, "Risks & <issues>");
    EXPECT_EQ(svg.find("<script>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
    const Parsed doc = parse(svg);
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(child(*doc.root, "title")->all_text(), "Risks & <issues>");
    const auto links = by_name(*doc.root, "a");
    ASSERT_EQ(links.size(), 3u);
    EXPECT_EQ(links[0]->attr("href"), "/r?a=1&b=\"2\"><x>");
    EXPECT_EQ(links[0]->attr("aria-label"),
              "Likelihood 5 (<script>alert(1)</script>), impact 1 (Tiny & \"small\"): 2 risks, "
              "score 5, Medium <b>");
    // The label shows on the axis as text, cut into lines.
    const auto axis = by_class(*doc.root, "civic-heat__axis");
    ASSERT_EQ(axis.size(), 1u);
    EXPECT_NE(axis[0]->all_text().find("<script>alert(1)</script>"), std::string::npos);
}

TEST(RiskHeatMap, long_labels_wrap_onto_lines_without_cutting_a_character) {
    Matrix m = default_matrix();
    m.likelihood[4].label = "Très probable: attendu dans l’année, presque certainement";
    m.impact[4].label = std::string(60, 'X');
    const Parsed doc = parse(heat_map_svg(m, sample_counts(), cell_href, "Risks"));
    ASSERT_EQ(doc.error, "");
    const auto spans = by_name(*doc.root, "tspan");
    std::vector<std::string> lines;
    for (const Node* s : spans) lines.push_back(s->all_text());
    // 16 characters a line beside the rows; 10 under the columns.
    EXPECT_EQ(lines[0], "1 Rare");
    EXPECT_EQ(lines[4], "5 Très probable:");
    EXPECT_EQ(lines[5], "attendu dans");
    EXPECT_EQ(lines[6], "l’année, presque");  // 16 characters, 19 bytes
    EXPECT_EQ(lines[7], "certainement");
    EXPECT_EQ(lines[lines.size() - 7], "5");
    EXPECT_EQ(lines[lines.size() - 6], "XXXXXXXXXX");
    EXPECT_EQ(lines.back(), "XXXXXXXXXX");
}

TEST(RiskHeatMap, three_by_three_and_four_by_four_maps_have_9_and_16_cells) {
    for (const int size : {3, 4}) {
        const Matrix m = default_matrix_of_size(size);
        auto counts = empty_counts(size);
        counts[static_cast<std::size_t>(size - 1)][static_cast<std::size_t>(size - 1)] = 7;
        const Parsed doc = parse(heat_map_svg(m, counts, cell_href, "Risks"));
        ASSERT_EQ(doc.error, "") << size;
        EXPECT_EQ(by_class(*doc.root, "civic-heat__cell").size(),
                  static_cast<std::size_t>(size * size));
        const auto links = by_name(*doc.root, "a");
        ASSERT_EQ(links.size(), 1u);
        EXPECT_EQ(links[0]->attr("href"), cell_href(size, size));
        // The top right cell is the highest score: red.
        const Node* top_right =
            by_class(*doc.root, "civic-heat__cell")[static_cast<std::size_t>(size - 1)];
        EXPECT_TRUE(top_right->has_class("civic-heat--red"));
        EXPECT_EQ(by_class(*doc.root, "civic-heat__cell--empty").size(),
                  static_cast<std::size_t>(size * size - 1));
    }
    const Matrix m3 = default_matrix_of_size(3);
    const Parsed doc = parse(heat_map_svg(m3, empty_counts(3), cell_href, "Risks"));
    ASSERT_EQ(doc.error, "");
    EXPECT_TRUE(by_name(*doc.root, "a").empty());  // a register with no risks: no links
}

TEST(RiskHeatMap, each_cell_is_painted_by_its_bands_colour_class_with_readable_text) {
    const Parsed doc = parse(heat_map_svg(default_matrix(), sample_counts(), cell_href, "Risks"));
    ASSERT_EQ(doc.error, "");
    const auto cells = by_class(*doc.root, "civic-heat__cell");
    const Matrix m = default_matrix();
    std::size_t k = 0;
    for (int l = 5; l >= 1; --l)
        for (int i = 1; i <= 5; ++i, ++k) {
            const Band* band = m.band_of(static_cast<std::int64_t>(l) * i);
            ASSERT_NE(band, nullptr);
            const BandPaint& paint = band_paint(band->colour);
            EXPECT_TRUE(cells[k]->has_class("civic-heat--" + band->colour)) << l << " × " << i;
            const auto rects = by_name(*cells[k], "rect");
            const auto texts = by_name(*cells[k], "text");
            // A link's cell has its focus ring too, unpainted until the link has focus.
            const bool linked = !by_name(*cells[k], "a").empty();
            ASSERT_EQ(rects.size(), linked ? 2u : 1u);
            if (linked) {
                EXPECT_TRUE(rects[1]->has_class("civic-heat__focus"));
                EXPECT_EQ(rects[1]->attr("fill"), "none");
                EXPECT_EQ(rects[1]->attr("stroke"), "none");
            }
            ASSERT_EQ(texts.size(), 1u);
            EXPECT_EQ(rects[0]->attr("fill"), paint.fill);
            EXPECT_EQ(texts[0]->attr("fill"), paint.text);
        }
}

// ---- colour

TEST(RiskHeatMap, contrast_follows_the_wcag_formula) {
    EXPECT_NEAR(contrast_ratio("#ffffff", "#000000"), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio("#000000", "#ffffff"), 21.0, 1e-9);
    EXPECT_NEAR(contrast_ratio("#777777", "#777777"), 1.0, 1e-9);
    // WebAIM's checker gives 4.48 for #777777 on white and 5.17 for GOV.UK's blue.
    EXPECT_NEAR(contrast_ratio("#777777", "#ffffff"), 4.48, 0.005);
    EXPECT_NEAR(contrast_ratio("#1d70b8", "#ffffff"), 5.17, 0.005);
    // A colour not written #rrggbb counts as no contrast, never as enough.
    EXPECT_EQ(contrast_ratio("#zzzzzz", "#ffffff"), 1.0);
    EXPECT_EQ(contrast_ratio("white", "#000000"), 1.0);
}

TEST(RiskHeatMap, every_band_colours_count_text_meets_wcag_aa_on_its_fill) {
    for (const auto colour : k_band_colours) {
        const BandPaint& paint = band_paint(colour);
        EXPECT_EQ(paint.colour, colour);
        EXPECT_GE(contrast_ratio(paint.fill, paint.text), 4.5) << colour;
        // The band's name on the score history's faint tint, in black.
        EXPECT_GE(contrast_ratio(paint.tint, "#0b0c0c"), 4.5) << colour;
    }
    EXPECT_EQ(band_paint("puce").colour, "none");
    EXPECT_GE(contrast_ratio(band_paint("none").fill, band_paint("none").text), 4.5);
    EXPECT_EQ(band_paints().size(), std::size(k_band_colours) + 1);
}

// ---- the table beside the map

TEST(RiskHeatTable, has_a_row_per_likelihood_highest_first_and_a_cell_per_impact) {
    const HeatTable t = heat_map_table(default_matrix(), sample_counts(), cell_href);
    ASSERT_EQ(t.column_headers.size(), 5u);
    EXPECT_EQ(t.column_headers[0], "1 Negligible");
    EXPECT_EQ(t.column_headers[4], "5 Critical");
    ASSERT_EQ(t.rows.size(), 5u);
    EXPECT_EQ(t.rows[0].likelihood, 5);
    EXPECT_EQ(t.rows[0].header, "5 Almost certain");
    EXPECT_EQ(t.rows[4].header, "1 Rare");
    EXPECT_EQ(t.total, 6);
    const HeatTableCell& c = t.rows[1].cells[4];  // likelihood 4, impact 5
    EXPECT_EQ(c.likelihood, 4);
    EXPECT_EQ(c.impact, 5);
    EXPECT_EQ(c.count, 3);
    EXPECT_EQ(c.score, 20);
    EXPECT_EQ(c.band, "High");
    EXPECT_EQ(c.colour, "red");
    EXPECT_EQ(c.href, "/risks?likelihood=4&impact=5");
    const HeatTableCell& none = t.rows[0].cells[4];  // 5 × 5, no risks
    EXPECT_EQ(none.count, 0);
    EXPECT_EQ(none.score, 25);
    EXPECT_EQ(none.href, "");

    const auto view = to_json(t);
    EXPECT_EQ(view.at("total").as_int64(), 6);
    const auto& cell =
        view.at("rows").as_array()[1].as_object().at("cells").as_array()[4].as_object();
    EXPECT_EQ(cell.at("has_risks").as_bool(), true);
    EXPECT_EQ(cell.at("tag_class").as_string(), "govuk-tag govuk-tag--red");
    EXPECT_EQ(cell.at("href").as_string(), "/risks?likelihood=4&impact=5");
    const auto& amber =
        view.at("rows").as_array()[3].as_object().at("cells").as_array()[2].as_object();
    EXPECT_EQ(amber.at("band").as_string(), "Medium");  // 2 × 3 = 6
    EXPECT_EQ(amber.at("tag_class").as_string(), "govuk-tag govuk-tag--yellow");
    EXPECT_EQ(view.at("column_headers").as_array()[0].as_object().at("text").as_string(),
              "1 Negligible");
}

// ---- a risk's movement

TEST(RiskMovement, says_the_three_scores_in_words_and_draws_three_markers_and_two_arrows) {
    const std::string svg =
        movement_svg(default_matrix(), {5, 5}, {3, 4}, Score{2, 3}, "How risk CR1 has moved");
    const Parsed doc = parse(svg);
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(doc.root->attr("role"), "img");
    EXPECT_EQ(doc.root->attr("aria-labelledby"),
              "movement-how-risk-cr1-has-moved-title movement-how-risk-cr1-has-moved-desc");
    EXPECT_EQ(child(*doc.root, "title")->all_text(), "How risk CR1 has moved");
    EXPECT_EQ(child(*doc.root, "desc")->all_text(),
              "Inherent 5 × 5 = 25 (High); current 3 × 4 = 12 (Medium); target 2 × 3 = 6 "
              "(Medium)");
    EXPECT_EQ(by_class(*doc.root, "civic-heat__cell").size(), 25u);
    // On the matrix and again in the key.
    EXPECT_EQ(by_class(*doc.root, "civic-movement__marker--inherent").size(), 2u);
    EXPECT_EQ(by_class(*doc.root, "civic-movement__marker--current").size(), 2u);
    EXPECT_EQ(by_class(*doc.root, "civic-movement__marker--target").size(), 2u);
    const auto arrows = by_class(*doc.root, "civic-movement__arrow");
    ASSERT_EQ(arrows.size(), 2u);
    EXPECT_EQ(arrows[0]->attr("stroke-dasharray"), "");
    EXPECT_TRUE(arrows[1]->has_class("civic-movement__arrow--target"));
    EXPECT_EQ(arrows[1]->attr("stroke-dasharray"), "4 3");
    EXPECT_EQ(arrows[0]->attr("marker-end"), "url(#movement-how-risk-cr1-has-moved-arrow)");
    // The inherent marker sits on likelihood 5, impact 5: the top right cell's centre.
    const Node* inherent = by_class(*doc.root, "civic-movement__marker--inherent")[0];
    const Node* circle = child(*inherent, "circle");
    EXPECT_EQ(circle->attr("cx"), "242");  // 44 + 4 × 44 + 22
    EXPECT_EQ(circle->attr("cy"), "30");   // 8 + 22
    EXPECT_EQ(child(*inherent, "text")->all_text(), "I");
    EXPECT_EQ(svg.find("style="), std::string::npos);
}

TEST(RiskMovement, with_no_target_says_so_and_draws_one_arrow) {
    const Parsed doc =
        parse(movement_svg(default_matrix(), {4, 4}, {2, 4}, std::nullopt, "Movement"));
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(child(*doc.root, "desc")->all_text(),
              "Inherent 4 × 4 = 16 (High); current 2 × 4 = 8 (Medium); no target set");
    EXPECT_EQ(by_class(*doc.root, "civic-movement__arrow").size(), 1u);
    EXPECT_TRUE(by_class(*doc.root, "civic-movement__marker--target").empty());
}

TEST(RiskMovement, markers_on_one_cell_are_spread_apart_with_no_arrow_between_them) {
    const Parsed doc =
        parse(movement_svg(default_matrix_of_size(3), {2, 2}, {2, 2}, Score{2, 2}, "Unchanged"));
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(child(*doc.root, "desc")->all_text(),
              "Inherent 2 × 2 = 4 (Medium); current 2 × 2 = 4 (Medium); target 2 × 2 = 4 "
              "(Medium)");
    EXPECT_TRUE(by_class(*doc.root, "civic-movement__arrow").empty());
    std::vector<std::string> centres;
    for (const auto* kind : {"inherent", "current", "target"}) {
        const Node* mark = by_class(*doc.root, std::string("civic-movement__marker--") + kind)[0];
        centres.push_back(child(*mark, "circle")->attr("cx") + "," +
                          child(*mark, "circle")->attr("cy"));
    }
    // The middle cell of a 3 × 3: centre (110, 74), spread 12 either way on the diagonal.
    EXPECT_EQ(centres, (std::vector<std::string>{"98,62", "110,74", "122,86"}));
}

TEST(RiskMovement, a_score_off_the_matrix_is_drawn_on_its_nearest_cell_and_said_as_it_is) {
    const Parsed doc =
        parse(movement_svg(default_matrix_of_size(3), {5, 5}, {0, 2}, std::nullopt, "Off"));
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(child(*doc.root, "desc")->all_text(),
              "Inherent 5 × 5 = 25 (no band); current 0 × 2 = 0 (no band); no target set");
    const Node* inherent = by_class(*doc.root, "civic-movement__marker--inherent")[0];
    const Node* current = by_class(*doc.root, "civic-movement__marker--current")[0];
    // A 3 × 3's top right cell (3, 3) and bottom middle cell (1, 2).
    EXPECT_EQ(child(*inherent, "circle")->attr("cx"), "154");  // 44 + 2 × 44 + 22
    EXPECT_EQ(child(*inherent, "circle")->attr("cy"), "30");
    EXPECT_EQ(child(*current, "circle")->attr("cx"), "110");
    EXPECT_EQ(child(*current, "circle")->attr("cy"), "118");  // 8 + 2 × 44 + 22
}

TEST(RiskMovement, escapes_its_title_and_band_names) {
    Matrix m = default_matrix();
    m.bands[2].name = "High </desc><script>";
    const std::string svg = movement_svg(m, {5, 5}, {3, 4}, std::nullopt, "A & B");
    EXPECT_EQ(svg.find("<script>"), std::string::npos);
    const Parsed doc = parse(svg);
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(child(*doc.root, "title")->all_text(), "A & B");
    EXPECT_EQ(child(*doc.root, "desc")->all_text(),
              "Inherent 5 × 5 = 25 (High </desc><script>); current 3 × 4 = 12 (Medium); no "
              "target set");
}

// ---- a risk's score history

TEST(RiskScoreHistory, summarises_the_first_and_last_scores_and_the_lowest_and_highest) {
    const std::vector<ScorePoint> points = {{"2025-10-01", 6},  {"2025-04-01", 12},
                                            {"2025-07-01", 16}, {"2026-03-01", 9},
                                            {"2026-02-30", 25}, {"soon", 1}};
    const std::string svg = score_history_svg(points, default_matrix(), "CR1's current score");
    const Parsed doc = parse(svg);
    ASSERT_EQ(doc.error, "");
    EXPECT_EQ(doc.root->attr("role"), "img");
    EXPECT_EQ(doc.root->attr("id"), "history-cr1-s-current-score");
    EXPECT_EQ(child(*doc.root, "title")->all_text(), "CR1's current score");
    EXPECT_EQ(child(*doc.root, "desc")->all_text(),
              "Current score from 12 on 1 April 2025 to 9 on 1 March 2026, lowest 6, highest 16.");
    // The points in date order, the ones with no real date left out.
    const auto marks = by_class(*doc.root, "civic-history__point");
    ASSERT_EQ(marks.size(), 4u);
    EXPECT_EQ(child(*marks[0], "title")->all_text(), "1 April 2025: 12 (Medium)");
    EXPECT_EQ(child(*marks[1], "title")->all_text(), "1 July 2025: 16 (High)");
    EXPECT_EQ(child(*marks[2], "title")->all_text(), "1 October 2025: 6 (Medium)");
    EXPECT_EQ(child(*marks[3], "title")->all_text(), "1 March 2026: 9 (Medium)");
    // x by date: the first at the left of the plot, the last at its right.
    EXPECT_EQ(child(*marks[0], "circle")->attr("cx"), "36");
    EXPECT_EQ(child(*marks[3], "circle")->attr("cx"), "404");
    // y from 0 (at 186) to 25 (at 10): 16 sits at 186 - 176 × 16 / 25.
    EXPECT_EQ(child(*marks[1], "circle")->attr("cy"), "73.4");
    // The three bands, faint, named.
    const auto bands = by_class(*doc.root, "civic-history__band");
    ASSERT_EQ(bands.size(), 3u);
    EXPECT_TRUE(bands[0]->has_class("civic-history__band--green"));
    EXPECT_TRUE(bands[1]->has_class("civic-history__band--amber"));
    EXPECT_TRUE(bands[2]->has_class("civic-history__band--red"));
    EXPECT_NE(by_class(*doc.root, "civic-history__bands")[0]->all_text().find("Medium"),
              std::string::npos);
    EXPECT_EQ(by_class(*doc.root, "civic-history__line").size(), 1u);
    EXPECT_EQ(svg.find("style="), std::string::npos);
}

TEST(RiskScoreHistory, with_one_score_or_none_says_so) {
    const Parsed one =
        parse(score_history_svg({{"2025-04-01", 12}}, default_matrix(), "History", "h1"));
    ASSERT_EQ(one.error, "");
    EXPECT_EQ(one.root->attr("id"), "h1");
    EXPECT_EQ(child(*one.root, "desc")->all_text(), "Current score 12 on 1 April 2025.");
    EXPECT_EQ(by_class(*one.root, "civic-history__point").size(), 1u);

    const Parsed none = parse(score_history_svg({}, default_matrix_of_size(4), "History"));
    ASSERT_EQ(none.error, "");
    EXPECT_EQ(child(*none.root, "desc")->all_text(), "No scores yet.");
    EXPECT_TRUE(by_class(*none.root, "civic-history__point").empty());
    EXPECT_EQ(by_class(*none.root, "civic-history__band").size(), 3u);
}

}  // namespace
}  // namespace civic::risks
