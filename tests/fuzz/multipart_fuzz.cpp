// SPDX-License-Identifier: AGPL-3.0-or-later
// fuzz-sources: http/multipart.cpp
// multipart/form-data: any bytes at all, under the boundary "b" or one read from the input's
// first line, parse to an end (a form or an error in words), and so do they with every LF made
// CRLF (which takes the fuzzer's line breaks to the format's); and a form written out again
// under a boundary its bytes do not hold reads back as the same form.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "civic/http/multipart.hpp"

namespace {

// As the HTML standard writes a name: a quote as %22, nothing else escaped.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) out += c == '"' ? std::string("%22") : std::string(1, c);
    return out + "\"";
}

// The form as a browser would post it.
std::string written(const civic::http::MultipartForm& form, const std::string& boundary) {
    std::string out;
    for (const auto& [name, value] : form.fields)
        out += "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quoted(name) +
               "\r\n\r\n" + value + "\r\n";
    for (const auto& f : form.files) {
        out += "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quoted(f.field) +
               "; filename=" + quoted(f.file_name) + "\r\n";
        if (!f.media_type.empty()) out += "Content-Type: " + f.media_type + "\r\n";
        out += "\r\n" + f.content + "\r\n";
    }
    return out + "--" + boundary + "--\r\n";
}

void check(std::string_view body, std::string_view boundary) {
    const auto form = civic::http::parse_multipart(body, boundary);
    if (!form) {
        if (form.error().empty()) std::abort();
        return;
    }
    if (form->fields.size() + form->files.size() > civic::http::k_max_multipart_parts) std::abort();
    // A boundary that none of the form's text holds.
    std::string fresh = "civic-fuzz";
    const auto held = [&](const std::string& b) {
        const std::string d = "--" + b;
        for (const auto& [name, value] : form->fields)
            if (name.find(d) != std::string::npos || value.find(d) != std::string::npos)
                return true;
        for (const auto& f : form->files)
            if (f.field.find(d) != std::string::npos || f.file_name.find(d) != std::string::npos ||
                f.content.find(d) != std::string::npos)
                return true;
        return false;
    };
    while (held(fresh)) fresh += "x";
    // Header lines end at CRLF, so a name or media type holding one cannot be written back.
    for (const auto& [name, value] : form->fields)
        if (name.find("\r\n") != std::string::npos) return;
    for (const auto& f : form->files)
        if (f.field.find("\r\n") != std::string::npos ||
            f.file_name.find("\r\n") != std::string::npos)
            return;
    const auto again = civic::http::parse_multipart(written(*form, fresh), fresh);
    if (!again || again->fields != form->fields || again->files.size() != form->files.size())
        std::abort();
    for (std::size_t i = 0; i < form->files.size(); ++i) {
        const auto& a = form->files[i];
        const auto& b = again->files[i];
        if (a.field != b.field || a.file_name != b.file_name || a.media_type != b.media_type ||
            a.content != b.content)
            std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check(text, "b");
    // The input's first line as the boundary ("--xyz" → "xyz"), as a browser's body starts.
    const auto eol = text.find("\r\n");
    if (eol != std::string_view::npos && text.starts_with("--") && eol > 2 && eol <= 72)
        check(text, text.substr(2, eol - 2));
    std::string crlf;
    for (const char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    check(crlf, "b");
    const auto boundary = civic::http::multipart_boundary(text.substr(0, text.find('\n')));
    if (boundary && (boundary->empty() || boundary->size() > 70)) std::abort();
    return 0;
}
