// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Small text helpers with no dependency beyond the standard library, so the parsers that are
// also built for fuzzing can use them.

#include <string_view>

namespace civic {

// Trims spaces, tabs and line breaks (' ', '\t', '\r', '\n') from both ends.
std::string_view trim(std::string_view s);

}  // namespace civic
