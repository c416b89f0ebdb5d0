// SPDX-License-Identifier: AGPL-3.0-or-later
// Base64 (RFC 4648): the test vectors of section 10, every byte value round-tripped, and the
// text that is not base64 refused.

#include "civic/core/base64.hpp"

#include <gtest/gtest.h>

#include <string>

namespace civic {
namespace {

TEST(Base64, encodes_the_test_vectors_of_rfc_4648) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
    EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, decodes_the_test_vectors_of_rfc_4648) {
    EXPECT_EQ(base64_decode(""), std::string());
    EXPECT_EQ(base64_decode("Zg=="), "f");
    EXPECT_EQ(base64_decode("Zm8="), "fo");
    EXPECT_EQ(base64_decode("Zm9v"), "foo");
    EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
    EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
    EXPECT_EQ(base64_decode("Zm9vYmFy"), "foobar");
}

TEST(Base64, round_trips_every_byte_value) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    for (std::size_t n = 0; n <= bytes.size(); n += 37) {
        const std::string part = bytes.substr(0, n);
        EXPECT_EQ(base64_decode(base64_encode(part)), part) << n;
    }
    EXPECT_EQ(base64_encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Base64, reads_text_wrapped_over_lines_and_without_padding) {
    EXPECT_EQ(base64_decode("Zm9v\r\nYmFy\n"), "foobar");
    EXPECT_EQ(base64_decode(" Zm9v YmE "), "fooba");
    EXPECT_EQ(base64_decode("Zm9vYg"), "foob");
    EXPECT_EQ(base64_decode("Zm8"), "fo");
}

TEST(Base64, refuses_text_that_is_not_base64) {
    EXPECT_EQ(base64_decode("Zm9v!"), std::nullopt);     // outside the alphabet
    EXPECT_EQ(base64_decode("Zm9v-_"), std::nullopt);    // base64url is another alphabet
    EXPECT_EQ(base64_decode("Zg==Zm8="), std::nullopt);  // padding in the middle
    EXPECT_EQ(base64_decode("Z"), std::nullopt);         // 6 bits are no byte
    EXPECT_EQ(base64_decode("Zm9vY"), std::nullopt);
    EXPECT_EQ(base64_decode("Zg="), std::nullopt);  // padding that does not fill the group
    EXPECT_EQ(base64_decode("Zg==="), std::nullopt);
    EXPECT_EQ(base64_decode("===="), std::nullopt);
    EXPECT_EQ(base64_decode("Zm9v\xc3\xa9"), std::nullopt);
}

}  // namespace
}  // namespace civic
