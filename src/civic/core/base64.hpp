// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Base64 (RFC 4648 section 4, the standard alphabet with padding): how files travel in JSON
// and how both databases keep them as text.

#include <optional>
#include <string>
#include <string_view>

namespace civic {

// The bytes in base64, padded with '=' to a multiple of 4 characters.
std::string base64_encode(std::string_view bytes);
// The bytes that base64 text stands for; nullopt when it is not base64. Line breaks and spaces
// (as tools that wrap base64 at 76 characters write it) are skipped; padding may be left off,
// but '=' anywhere but at the end, or any character outside the alphabet, is refused.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace civic
