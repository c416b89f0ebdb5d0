// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Small text helpers with no dependency beyond the standard library, so the parsers that are
// also built for fuzzing can use them.

#include <span>
#include <string>
#include <string_view>

namespace civic {

// Trims spaces, tabs and line breaks (' ', '\t', '\r', '\n') from both ends.
std::string_view trim(std::string_view s);

// True when a and b are the same but for the case of the letters A to Z.
bool equal_ignoring_case(std::string_view a, std::string_view b);
// The text with A–Z lowered, for a search that ignores case; other bytes are kept.
std::string lower_ascii(std::string_view s);

// Text ending a sentence: a full stop added, unless it ends with . ! or ? already ("the
// investigation needs a site visit." without doubling the full stop an officer typed).
std::string as_sentence_end(const std::string& text);

// A list as a sentence says it, for messages that say what is allowed: "a, b or c".
std::string list_in_words(std::span<const std::string_view> items, std::string_view last = "or");

// Text as HTML shows it: & < > " and ' written as entities, so it is never read as markup.
std::string html_escape(std::string_view s);

}  // namespace civic
