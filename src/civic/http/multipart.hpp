// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// multipart/form-data (RFC 7578): the body a browser posts for a form with a file input
// (enctype="multipart/form-data"). Written by hand: no library in Debian or npm fits a C++
// server on Beast, and the format is small. Only what browsers send is read: parts separated
// by the boundary, each with a Content-Disposition of form-data naming its field (and, for a
// file, its file name) and an optional Content-Type; anything else is refused as malformed.

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace civic::http {

// A file posted by a form: its field, the file name the browser sent (as sent, possibly "" when
// no file was chosen), its media type as sent ("" when none) and its bytes.
struct FormFile {
    std::string field;
    std::string file_name;
    std::string media_type;
    std::string content;
};

// A posted form: its text fields, in order, and its files, in order.
struct MultipartForm {
    std::vector<std::pair<std::string, std::string>> fields;
    std::vector<FormFile> files;
};

// The boundary of a Content-Type header value ("multipart/form-data; boundary=xyz"); nullopt
// when the type is not multipart/form-data or names no boundary of 1 to 70 characters.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of a multipart/form-data body; an error in words when it is malformed. At most
// k_max_multipart_parts parts are read, and part headers are bounded, so any body ends quickly.
inline constexpr std::size_t k_max_multipart_parts = 1000;
std::expected<MultipartForm, std::string> parse_multipart(std::string_view body,
                                                          std::string_view boundary);

}  // namespace civic::http
