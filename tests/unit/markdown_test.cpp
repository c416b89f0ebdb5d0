// SPDX-License-Identifier: AGPL-3.0-or-later
// Markdown in progress commentary: what officers write is shown formatted, and nothing they
// write becomes markup or a live script.

#include "civic/core/markdown.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civic {
namespace {

TEST(Markdown, renders_a_list_and_bold_text) {
    EXPECT_EQ(markdown_to_html("Done this quarter:\n\n- **Survey** sent\n- Panel met\n"),
              "<p>Done this quarter:</p>\n"
              "<ul>\n<li><strong>Survey</strong> sent</li>\n<li>Panel met</li>\n</ul>\n");
}

TEST(Markdown, renders_nothing_for_empty_or_blank_text) {
    EXPECT_EQ(markdown_to_html(""), "");
    EXPECT_EQ(markdown_to_html("  \n\t\n"), "");
}

TEST(Markdown, shows_html_written_in_the_text_as_text) {
    EXPECT_EQ(markdown_to_html("Fixed <script>alert(1)</script> & \"closed\""),
              "<p>Fixed &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;closed&quot;</p>\n");
    EXPECT_EQ(markdown_to_html("<div onclick=\"x()\">\nhi\n</div>"),
              "<p>&lt;div onclick=&quot;x()&quot;&gt;\nhi\n&lt;/div&gt;</p>\n");
}

TEST(Markdown, keeps_links_to_web_pages_email_and_this_site) {
    EXPECT_EQ(markdown_to_html("[Report](https://example.org/r?a=1&b=2 \"The report\")"),
              "<p><a href=\"https://example.org/r?a=1&amp;b=2\" title=\"The report\">Report</a>"
              "</p>\n");
    EXPECT_EQ(markdown_to_html("[Plan](/plans/1) [top](#top) [Ask](mailto:pm@example.org)"),
              "<p><a href=\"/plans/1\">Plan</a> <a href=\"#top\">top</a> "
              "<a href=\"mailto:pm@example.org\">Ask</a></p>\n");
    EXPECT_EQ(markdown_to_html("See http://example.org/minutes"),
              "<p>See <a href=\"http://example.org/minutes\">http://example.org/minutes</a>"
              "</p>\n");
}

// md4c itself writes href="javascript:…" as it was given, so Civic refuses the scheme.
TEST(Markdown, never_makes_a_live_javascript_link) {
    EXPECT_EQ(markdown_to_html("[click](javascript:alert(1))"), "<p>click</p>\n");
    EXPECT_EQ(markdown_to_html("[click](JavaScript:alert(1))"), "<p>click</p>\n");
    // An entity that spells the scheme, as CommonMark reads it.
    EXPECT_EQ(markdown_to_html("[click](&#106;avascript:alert(1))"), "<p>click</p>\n");
    // An autolink with the scheme shows its words.
    EXPECT_EQ(markdown_to_html("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>\n");
    // A tab in the scheme, which browsers drop: md4c writes it as %09, which a browser reads
    // as a path on this site, not as a scheme.
    EXPECT_EQ(markdown_to_html("[a](<java\tscript:x>)"),
              "<p><a href=\"java%09script:x\">a</a></p>\n");
    // Other schemes that run or load content.
    EXPECT_EQ(markdown_to_html("[a](vbscript:x) [b](data:text/html,x) [c](file:///etc)"),
              "<p>a b c</p>\n");
}

TEST(Markdown, keeps_the_words_of_a_refused_link_with_their_formatting) {
    EXPECT_EQ(markdown_to_html("Read [the **full** note](javascript:x) [here](/a)."),
              "<p>Read the <strong>full</strong> note <a href=\"/a\">here</a>.</p>\n");
}

TEST(Markdown, shows_a_picture_as_its_description) {
    EXPECT_EQ(markdown_to_html("![Chart of \"returns\"](https://example.org/c.png \"t\")"),
              "<p>Chart of &quot;returns&quot;</p>\n");
    EXPECT_EQ(markdown_to_html("![x](javascript:alert(1))"), "<p>x</p>\n");
}

TEST(Markdown, renders_tables_and_strikethrough) {
    EXPECT_EQ(markdown_to_html("| Measure | Done |\n|---|---|\n| Survey | ~~No~~ Yes |\n"),
              "<table>\n<thead>\n<tr>\n<th>Measure</th>\n<th>Done</th>\n</tr>\n</thead>\n"
              "<tbody>\n<tr>\n<td>Survey</td>\n<td><del>No</del> Yes</td>\n</tr>\n</tbody>\n"
              "</table>\n");
}

TEST(Markdown, moves_headings_down_to_the_level_asked_for) {
    EXPECT_EQ(markdown_to_html("# Summary\n\n## Detail"), "<h1>Summary</h1>\n<h2>Detail</h2>\n");
    EXPECT_EQ(markdown_to_html("# Summary\n\n## Detail\n\n###### Six", 3),
              "<h3>Summary</h3>\n<h4>Detail</h4>\n<h6>Six</h6>\n");
}

TEST(Markdown, shows_bytes_that_are_not_utf8_and_control_characters_as_replacements) {
    EXPECT_EQ(markdown_to_html("Caf\xe9"), "<p>Caf\xef\xbf\xbd</p>\n");
    EXPECT_EQ(markdown_to_html(std::string("a\0b\x1b", 4)),
              "<p>a\xef\xbf\xbd"
              "b\xef\xbf\xbd</p>\n");
}

// Whatever an officer types, a page still renders: deep nesting, unclosed brackets and
// emphasis, long runs of markup characters, and cut-short multi-byte characters.
TEST(Markdown, never_fails_on_text_that_is_not_well_formed) {
    const std::string hostile[] = {
        std::string(5000, '>') + " deep",
        std::string(5000, '[') + "x" + std::string(5000, ']'),
        std::string(3000, '*') + "x",
        std::string(2000, '-') + "\n" + std::string(2000, '|'),
        "[a](<b",
        "```\nnever closed",
        "\xe2\x80",
        "- a\n  - b\n    - c\n      - d\n        - e\n          - f",
        std::string(10000, '`'),
        "&#0; &#xFFFFFF; &bogus; &#",
    };
    for (const auto& text : hostile) {
        const std::string html = markdown_to_html(text);
        EXPECT_FALSE(html.empty());
        EXPECT_EQ(html.find("<script"), std::string::npos);
    }
}

}  // namespace
}  // namespace civic
