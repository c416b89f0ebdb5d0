// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Markdown as officers write it in progress commentary: paragraphs, lists, **bold**,
// _italic_, links, tables and ~~strikethrough~~ (CommonMark with GitHub's tables and
// strikethrough, through md4c). What they type is text, never markup: HTML written in it is
// shown as written, and a link goes live only to a web page (http, https), an email address
// (mailto) or an address on this site.

#include <string>
#include <string_view>

namespace civic {

// The HTML of a piece of Markdown, safe to place in a page as it is. Never fails: bytes that
// are not UTF-8 and control characters show as U+FFFD, a link to any other kind of address
// (javascript:, data:, vbscript:, …) shows as its words without the link, and a picture shows
// as its description (the page's Content-Security-Policy would not load it). Empty text
// gives "".
//
// top_heading is the level a "# Heading" takes, so that commentary shown under a page's own
// h2 starts its headings lower (3: "#" is h3, "##" h4); levels stop at 6.
std::string markdown_to_html(std::string_view markdown, int top_heading = 1);

}  // namespace civic
