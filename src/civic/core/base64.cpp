// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/base64.hpp"

#include <array>

namespace civic {
namespace {

constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Each character's 6 bits; -1 for a character outside the alphabet.
constexpr std::array<int, 256> k_values = [] {
    std::array<int, 256> v{};
    v.fill(-1);
    for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(k_alphabet[i])] = i;
    return v;
}();

bool is_skipped(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t'; }

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int s : {18, 12, 6, 0}) out.push_back(k_alphabet[(n >> s) & 63]);
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out.push_back(k_alphabet[(n >> 18) & 63]);
        out.push_back(k_alphabet[(n >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? k_alphabet[(n >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    unsigned bits = 0;
    int count = 0;    // characters of the current group of 4
    int padding = 0;  // '=' seen; only more '=' and skipped characters may follow
    for (const char c : text) {
        if (is_skipped(c)) continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        const int v = k_values[static_cast<unsigned char>(c)];
        if (v < 0 || padding > 0) return std::nullopt;
        bits = (bits << 6) | static_cast<unsigned>(v);
        if (++count == 4) {
            out.push_back(static_cast<char>((bits >> 16) & 0xff));
            out.push_back(static_cast<char>((bits >> 8) & 0xff));
            out.push_back(static_cast<char>(bits & 0xff));
            bits = 0;
            count = 0;
        }
    }
    // What is left is 0, 2 or 3 characters (1 is never whole bytes); padding, when given, fills
    // the group to 4 and no further.
    if (count == 1) return std::nullopt;
    if (padding > 0 && (count == 0 || count + padding != 4)) return std::nullopt;
    if (count == 2) {
        out.push_back(static_cast<char>((bits >> 4) & 0xff));
    } else if (count == 3) {
        out.push_back(static_cast<char>((bits >> 10) & 0xff));
        out.push_back(static_cast<char>((bits >> 2) & 0xff));
    }
    return out;
}

}  // namespace civic
