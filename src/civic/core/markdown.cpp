// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/markdown.hpp"

#include <md4c-html.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"

namespace civic {
namespace {

// CommonMark, GitHub's tables and strikethrough, and bare web and email addresses made into
// links; no HTML, so "<script>" in the text is shown as written.
constexpr unsigned k_parser_flags =
    MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
    MD_FLAG_PERMISSIVEEMAILAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;

void append(const MD_CHAR* text, MD_SIZE size, void* out) {
    static_cast<std::string*>(out)->append(text, size);
}

// An attribute's value as md4c wrote it, read back as a browser reads it. md4c escapes only
// these four; anything else after "&" is not what it writes, so the caller refuses it.
std::optional<std::string> unescaped(std::string_view value) {
    static constexpr std::pair<std::string_view, char> k_entities[] = {
        {"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}};
    std::string out;
    for (std::size_t i = 0; i < value.size();) {
        if (value[i] != '&') {
            out += value[i++];
            continue;
        }
        bool known = false;
        for (const auto& [entity, ch] : k_entities) {
            if (value.substr(i).starts_with(entity)) {
                out += ch;
                i += entity.size();
                known = true;
                break;
            }
        }
        if (!known) return std::nullopt;
    }
    return out;
}

bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

// A link may go to a web page, an email address, or an address with no scheme (on this site,
// or "//host/…", which keeps the page's own http or https). An allow-list, so a scheme a
// browser runs (javascript:, vbscript:, data:) never gets through however it is spelt:
// browsers ignore case and drop tabs, line breaks and leading spaces, so any of those, or any
// other control character, refuses the link.
bool safe_href(std::string_view written) {
    const auto href = unescaped(written);
    if (!href) return false;
    for (unsigned char ch : *href)
        if (ch <= 0x20 || ch == 0x7f) return false;
    std::size_t i = 0;
    if (href->empty() || !is_alpha(href->front())) return true;
    while (i < href->size() && (is_alpha((*href)[i]) || ((*href)[i] >= '0' && (*href)[i] <= '9') ||
                                (*href)[i] == '+' || (*href)[i] == '-' || (*href)[i] == '.'))
        ++i;
    if (i == href->size() || (*href)[i] != ':') return true;  // a path such as "plans/2"
    std::string scheme = href->substr(0, i);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// The value of the attribute `name` in a tag md4c wrote, which starts at `from`: md4c
// escapes '"' in values, so the value ends at the next one.
std::optional<std::string_view> attribute(std::string_view html, std::size_t from,
                                          std::size_t tag_end, std::string_view name) {
    const std::string marker = " " + std::string(name) + "=\"";
    const auto at = html.find(marker, from);
    if (at == std::string_view::npos || at > tag_end) return std::nullopt;
    const auto start = at + marker.size();
    const auto end = html.find('"', start);
    if (end == std::string_view::npos || end > tag_end) return std::nullopt;
    return html.substr(start, end - start);
}

// 1 to 6 for a heading's opening or closing tag ("<h2>", "</h2>"), 0 for any other tag.
int heading_level(std::string_view tag) {
    if (tag.starts_with("</"))
        tag.remove_prefix(2);
    else
        tag.remove_prefix(1);
    if (tag.size() != 3 || tag[0] != 'h' || tag[2] != '>' || tag[1] < '1' || tag[1] > '6') return 0;
    return tag[1] - '0';
}

// md4c's HTML, with every link to an address safe_href refuses taken out (its words kept),
// every picture shown as its description, and headings moved down to start at top_heading.
// md4c escapes '<' in text, so each '<' in its output starts a tag it wrote itself.
std::string rewritten(std::string_view html, int top_heading) {
    std::string out;
    out.reserve(html.size());
    std::vector<bool> open_links;  // for each <a> still open: whether it was kept
    std::size_t i = 0;
    while (i < html.size()) {
        const auto lt = html.find('<', i);
        out.append(html.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i));
        if (lt == std::string_view::npos) break;
        const auto gt = html.find('>', lt);
        if (gt == std::string_view::npos) {  // md4c always closes its tags; keep nothing odd
            out += html_escape(html.substr(lt));
            break;
        }
        const std::string_view tag = html.substr(lt, gt + 1 - lt);
        i = gt + 1;
        if (tag.starts_with("<a ")) {
            const auto href = attribute(html, lt, gt, "href");
            const bool keep = href && safe_href(*href);
            open_links.push_back(keep);
            if (keep) out += tag;
        } else if (tag == "</a>") {
            const bool kept = open_links.empty() || open_links.back();
            if (!open_links.empty()) open_links.pop_back();
            if (kept) out += tag;
        } else if (tag.starts_with("<img ")) {
            out += attribute(html, lt, gt, "alt").value_or("");
        } else if (const int level = heading_level(tag)) {
            out += tag[1] == '/' ? "</h" : "<h";
            out += static_cast<char>('0' + std::min(6, level + top_heading - 1));
            out += '>';
        } else {
            out += tag;
        }
    }
    return out;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown, int top_heading) {
    top_heading = std::clamp(top_heading, 1, 6);
    const std::string text = shown_safely(markdown);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "";
    std::string html;
    const bool fits = text.size() <= std::numeric_limits<MD_SIZE>::max();
    // md4c fails only when it runs out of memory; the words are still worth showing.
    if (!fits || md_html(text.data(), static_cast<MD_SIZE>(text.size()), append, &html,
                         k_parser_flags, 0) != 0)
        return "<p>" + html_escape(text) + "</p>\n";
    return rewritten(html, top_heading);
}

}  // namespace civic
