// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/request.hpp"

#include <algorithm>
#include <cctype>

namespace civic::http {

std::string_view method_name(Method m) {
    switch (m) {
        case Method::Get:
            return "GET";
        case Method::Head:
            return "HEAD";
        case Method::Post:
            return "POST";
        case Method::Put:
            return "PUT";
        case Method::Patch:
            return "PATCH";
        case Method::Delete:
            return "DELETE";
        case Method::Options:
            return "OPTIONS";
        case Method::Other:
            return "OTHER";
    }
    return "OTHER";
}

Method parse_method(std::string_view t) {
    if (t == "GET") return Method::Get;
    if (t == "HEAD") return Method::Head;
    if (t == "POST") return Method::Post;
    if (t == "PUT") return Method::Put;
    if (t == "PATCH") return Method::Patch;
    if (t == "DELETE") return Method::Delete;
    if (t == "OPTIONS") return Method::Options;
    return Method::Other;
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
    for (const auto& h : headers)
        if (h.name == lower_name) return std::string_view(h.value);
    return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
    for (const auto& [k, v] : query)
        if (k == name) return std::string_view(v);
    return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
    for (const auto& [k, v] : params)
        if (k == name) return v;
    return {};
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
    for (const auto& h : headers) {
        if (h.name != "cookie") continue;
        std::string_view rest = h.value;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            std::string_view pair = rest.substr(0, semi);
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            const auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name)
                return pair.substr(eq + 1);
        }
    }
    return std::nullopt;
}

std::string Request::content_type() const {
    const auto ct = header("content-type");
    if (!ct) return {};
    std::string out(ct->substr(0, ct->find(';')));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool Request::wants_html() const {
    const auto accept = header("accept");
    return accept && accept->find("text/html") != std::string_view::npos;
}

void Response::set_header(std::string_view name, std::string_view value) {
    for (auto& h : headers) {
        if (h.name == name) {
            h.value = value;
            return;
        }
    }
    headers.push_back({std::string(name), std::string(value)});
}

std::optional<std::string_view> Response::header(std::string_view lower_name) const {
    for (const auto& h : headers)
        if (h.name == lower_name) return std::string_view(h.value);
    return std::nullopt;
}

Response Response::json(int status, std::string body) {
    Response r{status, {{"content-type", "application/json"}}, std::move(body)};
    return r;
}

Response Response::html(int status, std::string body) {
    return Response{status, {{"content-type", "text/html; charset=utf-8"}}, std::move(body)};
}

Response Response::text(int status, std::string body) {
    return Response{status, {{"content-type", "text/plain; charset=utf-8"}}, std::move(body)};
}

Response Response::redirect(std::string_view location, int status) {
    return Response{status, {{"location", std::string(location)}}, {}};
}

Response Response::no_content() { return Response{204, {}, {}}; }

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string percent_decode(std::string_view s, bool plus_as_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else if (c == '+' && plus_as_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) {
            out.emplace_back(percent_decode(pair, true), std::string());
        } else {
            out.emplace_back(percent_decode(pair.substr(0, eq), true),
                             percent_decode(pair.substr(eq + 1), true));
        }
    }
    return out;
}

std::expected<MultipartForm, std::string> posted_form(const Request& r) {
    if (r.content_type() != "multipart/form-data") return MultipartForm{parse_form(r.body), {}};
    const auto boundary = multipart_boundary(r.header("content-type").value_or(""));
    if (!boundary) return std::unexpected("The form could not be read: it has no boundary.");
    return parse_multipart(r.body, *boundary);
}

std::string url_encode(std::string_view s) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(k_hex[c >> 4]);
            out.push_back(k_hex[c & 15]);
        }
    }
    return out;
}

}  // namespace civic::http
