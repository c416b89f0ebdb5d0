// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Text integrity: the one rule for every way text comes into Civic (JSON, form fields, CSV
// cells, command-line arguments, query parameters). Only valid UTF-8 is stored, with no NUL
// or other control character; tabs and line breaks only where a field holds several lines.

#include <string>
#include <string_view>

namespace civic {

// True when text is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Whether a field holds one line (a name, a title) or several (a description, a summary).
enum class Lines { One, Many };

enum class TextFault {
    None,
    NotUtf8,           // bytes that are not UTF-8: often a file saved as Windows-1252
    ControlCharacter,  // NUL, escape, DEL, the C1 controls U+0080 to U+009F
    LineBreak,         // a tab or line break in a one-line field
};

// The first fault of text under the rule, or TextFault::None when it may be stored.
TextFault text_fault(std::string_view text, Lines lines);

// The fault in words that follow a field's name: "is not UTF-8 text".
std::string_view describe(TextFault fault);

// Text as it can be shown back: each byte that is not part of valid UTF-8 becomes U+FFFD and
// each control character (other than tab and line breaks) becomes U+FFFD, so a refused value
// can be echoed in an answer or a page without breaking it.
std::string shown_safely(std::string_view text);

// Valid UTF-8 text cut to at most max_bytes, then "…" added, never inside a character; text
// that fits is returned as it is.
std::string shortened(std::string_view text, std::size_t max_bytes);

}  // namespace civic
