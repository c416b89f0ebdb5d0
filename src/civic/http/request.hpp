// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// A request and a response as handlers see them: plain data, nothing of sockets or Beast.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "civic/core/principal.hpp"
#include "civic/http/multipart.hpp"

namespace civic::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view method_name(Method m);
Method parse_method(std::string_view text);

struct Header {
    std::string name;  // lower case
    std::string value;
};

struct Request {
    Method method = Method::Get;
    std::string target;                                      // as sent: path and query
    std::string path;                                        // percent-decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
    std::vector<Header> headers;
    std::string body;
    std::string request_id;
    std::string remote;
    bool secure = false;  // served over TLS

    // Filled in by the router: the {name} parts of the matched pattern.
    std::vector<std::pair<std::string, std::string>> params;
    // Filled in by authentication.
    Principal principal;
    std::string session_csrf;  // the CSRF token of the session, when signed in by cookie
    bool via_session = false;  // signed in by cookie (not by bearer token)

    std::optional<std::string_view> header(std::string_view lower_name) const;
    std::optional<std::string_view> query_param(std::string_view name) const;
    std::string_view param(std::string_view name) const;
    std::optional<std::string_view> cookie(std::string_view name) const;
    // The media type of the body, lower case, without parameters ("application/json").
    std::string content_type() const;
    // True when the client prefers HTML to JSON (a browser).
    bool wants_html() const;
};

struct Response {
    int status = 200;
    std::vector<Header> headers;
    std::string body;

    void set_header(std::string_view name, std::string_view value);
    std::optional<std::string_view> header(std::string_view lower_name) const;

    static Response json(int status, std::string body);
    static Response html(int status, std::string body);
    static Response text(int status, std::string body);
    // 303 See Other: where a form post sends the browser next.
    static Response redirect(std::string_view location, int status = 303);
    static Response no_content();
};

// Decodes %XX and, when plus_as_space, '+' (form bodies and query strings).
std::string percent_decode(std::string_view s, bool plus_as_space);
// Parses "a=1&b=2" (application/x-www-form-urlencoded, and query strings).
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body);
// The fields (and, from multipart/form-data, the files) of a posted form, urlencoded or
// multipart; an error in words when a multipart body is malformed.
std::expected<MultipartForm, std::string> posted_form(const Request& r);
// Percent-encodes a value for a URL query.
std::string url_encode(std::string_view s);

}  // namespace civic::http
