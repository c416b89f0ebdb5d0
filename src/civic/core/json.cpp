// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/core/json.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <cmath>

#include "civic/core/clock.hpp"
#include "civic/core/utf8.hpp"

namespace civic {

namespace json = boost::json;

Result<json::object> parse_json_object(std::string_view body) {
    if (!is_valid_utf8(body))
        return std::unexpected(Error::bad_request("The request body is not valid UTF-8 text."));
    if (trim(body).empty())
        return std::unexpected(
            Error::bad_request("The request body is empty; send a JSON object."));
    json::stream_parser p;
    boost::system::error_code ec;
    const std::size_t consumed = p.write(body.data(), body.size(), ec);
    if (!ec) p.finish(ec);
    if (ec) {
        // Name the line and column of the first byte the parser could not take.
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < consumed && i < body.size(); ++i) {
            if (body[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return std::unexpected(Error::bad_request(
            fmt::format("The request body is not valid JSON (line {}, column {}: {}).", line, col,
                        ec.message())));
    }
    json::value v = p.release();
    if (!v.is_object())
        return std::unexpected(Error::bad_request("The request body must be a JSON object."));
    return std::move(v.as_object());
}

std::string to_json(const json::value& v) { return json::serialize(v); }

bool JsonFields::has(std::string_view name) const { return m_obj.contains(name); }

bool JsonFields::explicit_null(std::string_view name) const {
    const auto* v = m_obj.if_contains(name);
    return v && v->is_null();
}

const json::value* JsonFields::get(std::string_view name) {
    m_read.emplace(name);
    const auto* v = m_obj.if_contains(name);
    if (v && v->is_null()) return nullptr;
    return v;
}

void JsonFields::fail(std::string field, std::string message) {
    m_errors.push_back({std::move(field), std::move(message)});
}

void JsonFields::refuse(std::string_view name, std::string message) {
    m_read.emplace(name);
    if (m_obj.contains(name)) fail(std::string(name), std::move(message));
}

std::string JsonFields::required_text(std::string_view name, std::string_view label,
                                      std::size_t max_len) {
    const auto* v = get(name);
    if (!v) {
        fail(std::string(name), fmt::format("Enter {}", label));
        return {};
    }
    if (!v->is_string()) {
        fail(std::string(name), fmt::format("{} must be text", label));
        return {};
    }
    const std::string_view s = trim(v->as_string());
    if (s.empty()) {
        fail(std::string(name), fmt::format("Enter {}", label));
        return {};
    }
    if (s.size() > max_len) {
        fail(std::string(name), fmt::format("{} must be {} characters or fewer", label, max_len));
        return {};
    }
    return std::string(s);
}

std::optional<std::string> JsonFields::optional_text(std::string_view name, std::string_view label,
                                                     std::size_t max_len) {
    const auto* v = get(name);
    if (!v) return explicit_null(name) ? std::optional<std::string>("") : std::nullopt;
    if (!v->is_string()) {
        fail(std::string(name), fmt::format("{} must be text", label));
        return std::nullopt;
    }
    const std::string_view s = trim(v->as_string());
    if (s.size() > max_len) {
        fail(std::string(name), fmt::format("{} must be {} characters or fewer", label, max_len));
        return std::nullopt;
    }
    return std::string(s);
}

std::optional<std::int64_t> JsonFields::optional_integer(std::string_view name,
                                                         std::string_view label) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v->as_uint64());
    fail(std::string(name), fmt::format("{} must be a whole number, for example 3", label));
    return std::nullopt;
}

std::optional<std::optional<std::int64_t>> JsonFields::optional_nullable_integer(
    std::string_view name, std::string_view label) {
    if (!has(name)) return std::nullopt;
    if (explicit_null(name)) {
        get(name);
        return std::optional<std::int64_t>();
    }
    auto v = optional_integer(name, label);
    if (!v) return std::nullopt;
    return std::optional<std::int64_t>(*v);
}

std::optional<std::optional<double>> JsonFields::optional_number(std::string_view name,
                                                                 std::string_view label) {
    const auto* v = get(name);
    if (!v) {
        if (explicit_null(name)) return std::optional<double>();
        return std::nullopt;
    }
    if (v->is_number()) {
        const double d = v->to_number<double>();
        if (std::isfinite(d)) return std::optional<double>(d);
    }
    fail(std::string(name), fmt::format("{} must be a number, for example 42.5", label));
    return std::nullopt;
}

std::optional<bool> JsonFields::optional_boolean(std::string_view name, std::string_view label) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    if (v->is_bool()) return v->as_bool();
    fail(std::string(name), fmt::format("{} must be true or false", label));
    return std::nullopt;
}

std::optional<std::string> JsonFields::optional_date(std::string_view name,
                                                     std::string_view label) {
    const auto* v = get(name);
    if (!v) return explicit_null(name) ? std::optional<std::string>("") : std::nullopt;
    if (!v->is_string() || !is_iso_date(v->as_string())) {
        fail(std::string(name),
             fmt::format("{} must be a real date written as YYYY-MM-DD, for example 2025-04-01",
                         label));
        return std::nullopt;
    }
    return std::string(v->as_string());
}

std::optional<std::vector<std::string>> JsonFields::optional_text_list(std::string_view name,
                                                                       std::string_view label,
                                                                       std::size_t max_items) {
    const auto* v = get(name);
    if (!v) return std::nullopt;
    const auto bad = [&] {
        fail(std::string(name), fmt::format("{} must be a list of text items", label));
        return std::nullopt;
    };
    if (!v->is_array()) return bad();
    if (v->as_array().size() > max_items) {
        fail(std::string(name), fmt::format("{} can have at most {} items", label, max_items));
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& item : v->as_array()) {
        if (!item.is_string()) return bad();
        const auto s = trim(item.as_string());
        if (s.empty() || s.size() > 500) {
            fail(std::string(name),
                 fmt::format("Each item of {} must be between 1 and 500 characters", label));
            return std::nullopt;
        }
        out.emplace_back(s);
    }
    return out;
}

Result<void> JsonFields::finish() {
    for (const auto& [key, value] : m_obj) {
        if (!m_read.contains(std::string_view(key)))
            fail(std::string(key),
                 fmt::format("{} is not a field Civic knows here", std::string_view(key)));
    }
    if (!m_errors.empty()) return std::unexpected(Error::validation(m_errors));
    return ok();
}

}  // namespace civic
