// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace civic::http {
namespace {

constexpr std::size_t k_max_header_line = 8192;
constexpr std::size_t k_max_headers = 32;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A header value's type and its parameters ("form-data; name=\"a\"; filename=\"b\""), names in
// lower case. Browsers do not escape a backslash (a Windows path arrives as it is) and write a
// quote as %22 (the HTML standard's multipart/form-data encoding), so a quoted value ends at
// the next quote and %22 is read back as one. nullopt when a quote is left open or a parameter
// has no '='.
struct HeaderValue {
    std::string type;
    std::vector<std::pair<std::string, std::string>> params;

    const std::string* param(std::string_view name) const {
        for (const auto& [k, v] : params)
            if (k == name) return &v;
        return nullptr;
    }
};

std::string unquoted(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, 3) == "%22") {
            out.push_back('"');
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::optional<HeaderValue> header_value(std::string_view text) {
    HeaderValue out;
    const auto semi = text.find(';');
    out.type = lower(trim_blanks(text.substr(0, semi)));
    if (semi == std::string_view::npos) return out;
    std::size_t i = semi + 1;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ';')) ++i;
        if (i >= text.size()) break;
        const auto eq = text.find('=', i);
        if (eq == std::string_view::npos) return std::nullopt;
        std::string name = lower(trim_blanks(text.substr(i, eq - i)));
        i = eq + 1;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        std::string value;
        if (i < text.size() && text[i] == '"') {
            const auto close = text.find('"', i + 1);
            if (close == std::string_view::npos) return std::nullopt;
            value = unquoted(text.substr(i + 1, close - i - 1));
            i = close + 1;
            while (i < text.size() && text[i] != ';') ++i;
        } else {
            const auto end = text.find(';', i);
            value = unquoted(
                trim_blanks(text.substr(i, end == std::string_view::npos ? end : end - i)));
            i = end == std::string_view::npos ? text.size() : end;
        }
        out.params.emplace_back(std::move(name), std::move(value));
    }
    return out;
}

std::unexpected<std::string> malformed(std::string_view why) {
    return std::unexpected("The form could not be read: " + std::string(why));
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    const auto value = header_value(content_type);
    if (!value || value->type != "multipart/form-data") return std::nullopt;
    const std::string* boundary = value->param("boundary");
    // RFC 2046 5.1.1: 1 to 70 characters.
    if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
    return *boundary;
}

std::expected<MultipartForm, std::string> parse_multipart(std::string_view body,
                                                          std::string_view boundary) {
    if (boundary.empty()) return malformed("it has no boundary.");
    const std::string delimiter = "--" + std::string(boundary);
    const std::string next = "\r\n" + delimiter;
    // The first boundary line: at the start, or after a preamble that a line break ends.
    std::size_t pos = 0;
    if (!body.starts_with(delimiter)) {
        pos = body.find(next);
        if (pos == std::string_view::npos) return malformed("its boundary is missing.");
        pos += 2;
    }
    pos += delimiter.size();
    MultipartForm form;
    for (std::size_t parts = 0;; ++parts) {
        // The last boundary line ends "--"; whatever follows it (the epilogue) is ignored.
        if (body.substr(pos, 2) == "--") return form;
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
        if (body.substr(pos, 2) != "\r\n") return malformed("a boundary line does not end.");
        pos += 2;
        if (parts == k_max_multipart_parts) return malformed("it has too many parts.");

        std::optional<HeaderValue> disposition;
        std::string media_type;
        for (std::size_t headers = 0;; ++headers) {
            const auto eol = body.find("\r\n", pos);
            if (eol == std::string_view::npos) return malformed("a part's headers do not end.");
            const std::string_view line = body.substr(pos, eol - pos);
            pos = eol + 2;
            if (line.empty()) break;
            if (line.size() > k_max_header_line || headers == k_max_headers)
                return malformed("a part's headers are too long.");
            const auto colon = line.find(':');
            if (colon == std::string_view::npos)
                return malformed("a part's header line has no colon.");
            const std::string name = lower(trim_blanks(line.substr(0, colon)));
            const std::string_view value = trim_blanks(line.substr(colon + 1));
            if (name == "content-disposition") {
                disposition = header_value(value);
                if (!disposition || disposition->type != "form-data" || !disposition->param("name"))
                    return malformed("a part's Content-Disposition is not form-data with a name.");
            } else if (name == "content-type") {
                media_type = lower(trim_blanks(value.substr(0, value.find(';'))));
            }
        }
        if (!disposition) return malformed("a part has no Content-Disposition naming its field.");

        const auto end = body.find(next, pos);
        if (end == std::string_view::npos)
            return malformed("its last part does not end with the boundary.");
        std::string content(body.substr(pos, end - pos));
        pos = end + next.size();
        const std::string& field = *disposition->param("name");
        if (const std::string* file_name = disposition->param("filename"))
            form.files.push_back({field, *file_name, std::move(media_type), std::move(content)});
        else
            form.fields.emplace_back(field, std::move(content));
    }
}

}  // namespace civic::http
