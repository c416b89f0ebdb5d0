// SPDX-License-Identifier: AGPL-3.0-or-later
// fuzz-sources: core/markdown.cpp core/text.cpp core/utf8.cpp
// fuzz-libs: -lmd4c-html -lmd4c
// Markdown in progress commentary: any bytes at all render to valid UTF-8 with no markup
// the writer typed (no <script>, no picture) and no live link to a javascript: address.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "civic/core/markdown.hpp"
#include "civic/core/utf8.hpp"

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (int top : {1, 3, 6}) {
        const std::string html = civic::markdown_to_html(text, top);
        if (!civic::is_valid_utf8(html)) std::abort();
        const std::string l = lower(html);
        if (l.find("<script") != std::string::npos) std::abort();
        if (l.find("<img") != std::string::npos) std::abort();
        if (l.find("href=\"javascript:") != std::string::npos) std::abort();
        if (text.empty() && !html.empty()) std::abort();
    }
    return 0;
}
