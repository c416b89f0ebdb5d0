// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Identifiers and secrets.

#include <string>
#include <string_view>

namespace civic {

// A new UUID version 7 (RFC 9562): time-ordered, so ids sort by creation and serve as cursors.
std::string new_id();
// True when text has the shape of an id Civic issues (lower-case hyphenated UUID).
bool is_id(std::string_view text);
// A random secret of `bytes` bytes, base64url without padding (for sessions, tokens, CSRF).
std::string random_token(std::size_t bytes = 32);
// SHA-256 of text as lower-case hex: how tokens and session ids are stored.
std::string sha256_hex(std::string_view text);
// Compares two secrets in time that does not depend on where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace civic
