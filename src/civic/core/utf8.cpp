// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/utf8.hpp"

namespace civic {
namespace {

// The length of the valid UTF-8 sequence at s (1 to 4) and its code point, or 0 when the
// bytes there are not valid UTF-8.
int decode(const unsigned char* s, const unsigned char* end, unsigned int& cp) {
    const unsigned char c = *s;
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    int extra = 0;
    if ((c & 0xe0) == 0xc0) {
        extra = 1;
        cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        extra = 2;
        cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (end - s <= extra) return 0;
    for (int i = 1; i <= extra; ++i) {
        if ((s[i] & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    static constexpr unsigned int k_min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < k_min[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return extra + 1;
}

bool is_control(unsigned int cp) { return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f); }

}  // namespace

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = s + text.size();
    unsigned int cp = 0;
    while (s < end) {
        const int n = decode(s, end, cp);
        if (n == 0) return false;
        s += n;
    }
    return true;
}

TextFault text_fault(std::string_view text, Lines lines) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = s + text.size();
    TextFault found = TextFault::None;
    unsigned int cp = 0;
    while (s < end) {
        const int n = decode(s, end, cp);
        if (n == 0) return TextFault::NotUtf8;  // the worst fault: say it first
        s += n;
        if (found != TextFault::None || !is_control(cp)) continue;
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            if (lines == Lines::One) found = TextFault::LineBreak;
        } else {
            found = TextFault::ControlCharacter;
        }
    }
    return found;
}

std::string_view describe(TextFault fault) {
    switch (fault) {
        case TextFault::None:
            return "is text Civic can store";
        case TextFault::NotUtf8:
            return "is not UTF-8 text";
        case TextFault::ControlCharacter:
            return "contains a control character (such as NUL) that text cannot hold";
        case TextFault::LineBreak:
            return "must be on one line, without tabs or line breaks";
    }
    return "is not text Civic can store";
}

std::string shown_safely(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = s + text.size();
    std::string out;
    out.reserve(text.size());
    unsigned int cp = 0;
    while (s < end) {
        const int n = decode(s, end, cp);
        if (n == 0 || (is_control(cp) && cp != '\t' && cp != '\n' && cp != '\r')) {
            out += "\xEF\xBF\xBD";
            s += n == 0 ? 1 : n;
            continue;
        }
        out.append(reinterpret_cast<const char*>(s), static_cast<std::size_t>(n));
        s += n;
    }
    return out;
}

std::string shortened(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t cut = max_bytes;
    // Back up to the start of a character: continuation bytes are 10xxxxxx.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
}

}  // namespace civic
