// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/ids.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <mutex>
#include <stdexcept>

namespace civic {
namespace {

void fill_random(unsigned char* out, std::size_t n) {
    if (RAND_bytes(out, static_cast<int>(n)) != 1) throw std::runtime_error("no randomness");
}

}  // namespace

std::string new_id() {
    std::array<unsigned char, 16> b{};
    fill_random(b.data(), b.size());
    const auto ms =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    // RFC 9562 method 1: a 12-bit counter after the millisecond keeps ids from one process
    // in the order they were made, even within one millisecond.
    static std::mutex mutex;
    static std::uint64_t last_ms = 0;
    static std::uint32_t counter = 0;
    std::uint64_t stamp = ms;
    {
        std::scoped_lock lock(mutex);
        if (stamp <= last_ms) {
            stamp = last_ms;
            if (++counter > 0xfff) {
                ++stamp;
                counter = 0;
            }
        } else {
            counter = 0;
        }
        last_ms = stamp;
    }
    for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(stamp >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>(0x70 | ((counter >> 8) & 0x0f));
    b[7] = static_cast<unsigned char>(counter & 0xff);
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        fmt::format_to(std::back_inserter(out), "{:02x}", b[i]);
    }
    return out;
}

bool is_id(std::string_view t) {
    if (t.size() != 36) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::string random_token(std::size_t bytes) {
    static constexpr char k_alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string raw(bytes, '\0');
    fill_random(reinterpret_cast<unsigned char*>(raw.data()), raw.size());
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : raw) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(k_alphabet[(acc >> bits) & 0x3f]);
        }
    }
    if (bits > 0) out.push_back(k_alphabet[(acc << (6 - bits)) & 0x3f]);
    return out;
}

std::string sha256_hex(std::string_view text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_Digest(text.data(), text.size(), md.data(), &len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("sha256 failed");
    std::string out;
    out.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) fmt::format_to(std::back_inserter(out), "{:02x}", md[i]);
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace civic
