// SPDX-License-Identifier: AGPL-3.0-or-later
// multipart/form-data (RFC 7578) as browsers post it: fields and files in order, the boundary
// read from the Content-Type, and malformed bodies refused in words.

#include "civic/http/multipart.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civic::http {
namespace {

// What Chromium posts for a form with a token, a text area and two files, one of them binary.
const std::string k_boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
std::string chromium_body() {
    const std::string d = "--" + k_boundary;
    return d + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntok-123\r\n" + d +
           "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nDear Jane,\r\n\r\nThe "
           "figures are attached.\r\n" +
           d +
           "\r\nContent-Disposition: form-data; name=\"attachments\"; "
           "filename=\"spending 2025.csv\"\r\nContent-Type: text/csv\r\n\r\nyear,amount\r\n2025,"
           "10\r\n\r\n" +
           d +
           "\r\nContent-Disposition: form-data; name=\"attachments\"; "
           "filename=\"Caf\xc3\xa9.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n" +
           std::string("\0\0\0\r", 4) + "IHDR\r\n" + d + "--\r\n";
}

TEST(Multipart, reads_the_fields_and_files_a_browser_posts) {
    const auto form = parse_multipart(chromium_body(), k_boundary);
    ASSERT_TRUE(form) << form.error();
    ASSERT_EQ(form->fields.size(), 2u);
    EXPECT_EQ(form->fields[0], (std::pair<std::string, std::string>{"csrf_token", "tok-123"}));
    EXPECT_EQ(form->fields[1].second, "Dear Jane,\r\n\r\nThe figures are attached.");
    ASSERT_EQ(form->files.size(), 2u);
    EXPECT_EQ(form->files[0].field, "attachments");
    EXPECT_EQ(form->files[0].file_name, "spending 2025.csv");
    EXPECT_EQ(form->files[0].media_type, "text/csv");
    EXPECT_EQ(form->files[0].content, "year,amount\r\n2025,10\r\n");
    EXPECT_EQ(form->files[1].file_name, "Caf\xc3\xa9.png");
    EXPECT_EQ(form->files[1].content, "\x89PNG\r\n\x1a\n" + std::string("\0\0\0\r", 4) + "IHDR");
}

TEST(Multipart, reads_a_preamble_an_epilogue_a_quote_as_browsers_write_it_and_an_empty_file) {
    const std::string body =
        "This is the preamble.\r\n--b\r\ncontent-disposition: FORM-DATA; NAME=\"a%22q\"\r\n\r\n"
        "1\r\n--b\r\nContent-Disposition: form-data; name=attachments; filename=\"\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n\r\n--b--\r\nThe epilogue.";
    const auto form = parse_multipart(body, "b");
    ASSERT_TRUE(form) << form.error();
    ASSERT_EQ(form->fields.size(), 1u);
    EXPECT_EQ(form->fields[0].first, "a\"q");
    ASSERT_EQ(form->files.size(), 1u);
    EXPECT_EQ(form->files[0].file_name, "");
    EXPECT_EQ(form->files[0].content, "");
    EXPECT_EQ(form->files[0].media_type, "application/octet-stream");
}

// Browsers send a file name as it is, backslashes and all (older ones with the Windows path).
TEST(Multipart, keeps_the_backslashes_of_a_file_name_as_sent) {
    const std::string body =
        "--b\r\nContent-Disposition: form-data; name=\"attachments\"; "
        "filename=\"C:\\Users\\officer\\figures.csv\"\r\n\r\nx\r\n--b--";
    const auto form = parse_multipart(body, "b");
    ASSERT_TRUE(form) << form.error();
    ASSERT_EQ(form->files.size(), 1u);
    EXPECT_EQ(form->files[0].file_name, "C:\\Users\\officer\\figures.csv");
}

TEST(Multipart, finds_the_boundary_in_the_content_type) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + k_boundary), k_boundary);
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data;boundary=\"a b\""), "a b");
    EXPECT_EQ(multipart_boundary("multipart/form-data"), std::nullopt);
    EXPECT_EQ(multipart_boundary("multipart/mixed; boundary=b"), std::nullopt);
    EXPECT_EQ(multipart_boundary("application/x-www-form-urlencoded"), std::nullopt);
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')),
              std::nullopt);
}

TEST(Multipart, refuses_malformed_bodies_in_words) {
    const auto refused = [](const std::string& body) {
        const auto form = parse_multipart(body, "b");
        EXPECT_FALSE(form) << body;
        return form ? std::string() : form.error();
    };
    EXPECT_EQ(refused("no boundary here"), "The form could not be read: its boundary is missing.");
    EXPECT_EQ(refused("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished"),
              "The form could not be read: its last part does not end with the boundary.");
    EXPECT_EQ(refused("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--"),
              "The form could not be read: a part has no Content-Disposition naming its field.");
    EXPECT_EQ(refused("--b\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--b--"),
              "The form could not be read: a part's Content-Disposition is not form-data with a "
              "name.");
    EXPECT_EQ(refused("--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--b--"),
              "The form could not be read: a part's Content-Disposition is not form-data with a "
              "name.");
    EXPECT_EQ(refused("--bx\r\n"), "The form could not be read: a boundary line does not end.");
    EXPECT_EQ(refused("--b\r\nno colon\r\n\r\nx\r\n--b--"),
              "The form could not be read: a part's header line has no colon.");
    EXPECT_EQ(refused("--b\r\nContent-Disposition: form-data; name=a"),
              "The form could not be read: a part's headers do not end.");
}

TEST(Multipart, stops_at_its_limit_of_parts) {
    std::string body;
    for (std::size_t i = 0; i <= k_max_multipart_parts; ++i)
        body += "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
    body += "--b--";
    const auto form = parse_multipart(body, "b");
    ASSERT_FALSE(form);
    EXPECT_EQ(form.error(), "The form could not be read: it has too many parts.");
}

}  // namespace
}  // namespace civic::http
