// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/api_support.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/text.hpp"

namespace civic::http {

Result<boost::json::object> json_body(const Request& request) {
    if (request.content_type() != "application/json")
        return std::unexpected(Error{ErrorKind::UnsupportedMediaType,
                                     "Send the body as JSON with Content-Type: application/json.",
                                     {}});
    return parse_json_object(request.body);
}

Result<std::string_view> csv_body(const Request& request) {
    if (request.content_type() != "text/csv")
        return std::unexpected(Error{ErrorKind::UnsupportedMediaType,
                                     "Send the file as the body, with Content-Type: text/csv.",
                                     {}});
    return std::string_view(request.body);
}

Response json_response(int status, const boost::json::value& body) {
    return Response::json(status, to_json(body));
}

std::string etag_for(std::int64_t version) { return fmt::format("W/\"{}\"", version); }

namespace {

// The version If-Match names, if it is sent.
Result<std::optional<std::int64_t>> if_match_version(const Request& request) {
    auto im = request.header("if-match");
    if (!im) return std::optional<std::int64_t>{};
    std::string_view v = trim(*im);
    if (v.starts_with("W/")) v.remove_prefix(2);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || p != v.data() + v.size() || n < 1)
        return std::unexpected(Error::bad_request(
            "If-Match must be the ETag from a GET of this record, for example W/\"3\"."));
    return std::optional<std::int64_t>(n);
}

}  // namespace

Result<std::int64_t> change_version(const Request& request, JsonFields& fields) {
    CIVIC_TRY(const auto from_header, if_match_version(request));
    std::optional<std::int64_t> from_body;
    if (fields.has("version")) {
        from_body = fields.optional_integer("version", "Version");
        if (!from_body || *from_body < 1) {
            if (from_body)
                fields.fail("version",
                            "Version must be the record's current version number, for example 3");
            return std::unexpected(Error::validation(fields.errors()));
        }
    } else {
        fields.optional_integer("version", "Version");  // mark it read: it is allowed here
    }
    if (from_header && from_body && *from_header != *from_body) {
        fields.fail("version",
                    fmt::format("The version in the body ({}) is not the one If-Match names ({}); "
                                "send one of them, or the same number in both",
                                *from_body, *from_header));
        return std::unexpected(Error::validation(fields.errors()));
    }
    if (from_header) return *from_header;
    if (from_body) return *from_body;
    return std::unexpected(Error{ErrorKind::PreconditionRequired,
                                 "Say which version you are changing: send If-Match with the ETag "
                                 "from a GET, or a \"version\" field.",
                                 {}});
}

Result<std::int64_t> state_change_version(const Request& request) {
    boost::json::object body;
    if (!request.body.empty()) {
        CIVIC_TRY(body, json_body(request));
    }
    JsonFields fields(body);
    auto version = change_version(request, fields);
    CIVIC_CHECK(fields.finish());
    return version;
}

void refuse_version_on_create(JsonFields& fields) {
    fields.refuse("version",
                  "Leave version out when adding a record: a new record starts at version 1");
}

Result<void> require_some_change(const boost::json::object& body) {
    if (body.size() > (body.contains("version") ? 1u : 0u)) return ok();
    return std::unexpected(Error::validation(
        std::vector<FieldError>{},
        "Send at least one field to change; a change with no fields changes nothing."));
}

Result<PageRequest> page_request(const Request& request) {
    PageRequest page;
    if (auto c = request.query_param("cursor"); c && !c->empty()) {
        if (!is_id(*c))
            return std::unexpected(Error::validation(
                "cursor", "Cursor must be the next_cursor value from the previous page"));
        page.cursor = std::string(*c);
    }
    CIVIC_TRY(auto limit, integer_query_param(request, "limit", "Limit", 1, 200, page.limit));
    page.limit = static_cast<int>(limit);
    return page;
}

Result<std::int64_t> integer_query_param(const Request& request, std::string_view name,
                                         std::string_view label, std::int64_t lo, std::int64_t hi,
                                         std::int64_t default_value) {
    auto v = request.query_param(name);
    if (!v) return default_value;
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || p != v->data() + v->size() || n < lo || n > hi)
        return std::unexpected(Error::validation(
            std::string(name),
            fmt::format("{} must be a whole number from {} to {}", label, lo, hi)));
    return n;
}

std::optional<std::string> text_query_param(const Request& request, std::string_view name) {
    if (auto v = request.query_param(name); v && !trim(*v).empty()) return std::string(trim(*v));
    return std::nullopt;
}

Result<std::optional<std::string>> id_query_param(const Request& request, std::string_view name) {
    auto v = request.query_param(name);
    if (!v || v->empty()) return std::optional<std::string>{};
    if (!is_id(*v))
        return std::unexpected(Error::validation(
            std::string(name), fmt::format("{} must be an id Civic gave, for example "
                                           "0190a0e2-7c1d-7e3a-9b1a-1f2e3d4c5b6a",
                                           name)));
    return std::optional<std::string>(std::string(*v));
}

Result<bool> bool_query_param(const Request& request, std::string_view name, bool default_value) {
    const auto v = request.query_param(name);
    if (!v) return default_value;
    if (*v == "true") return true;
    if (*v == "false") return false;
    return std::unexpected(
        Error::validation(std::string(name), fmt::format("{} must be true or false", name)));
}

Result<std::optional<std::string>> choice_query_param(const Request& request, std::string_view name,
                                                      std::span<const std::string_view> allowed) {
    const auto v = request.query_param(name);
    if (!v || v->empty()) return std::optional<std::string>{};
    for (auto a : allowed)
        if (equal_ignoring_case(a, *v)) return std::optional<std::string>(std::string(a));
    return std::unexpected(Error::validation(
        std::string(name), fmt::format("{} must be {}", name, list_in_words(allowed))));
}

boost::json::object page_body(boost::json::array items, const std::optional<std::string>& next) {
    boost::json::object o;
    o["items"] = std::move(items);
    o["next_cursor"] = next ? boost::json::value(*next) : boost::json::value(nullptr);
    return o;
}

}  // namespace civic::http
