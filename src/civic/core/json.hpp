// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// JSON in and out of the API: strict parsing of request bodies, field by field, with every
// problem collected and named.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/core/text.hpp"

namespace civic {

// Parses a request body that must be one JSON object. Invalid UTF-8, malformed JSON and
// any other top-level value are BadRequest errors that say where the problem is.
Result<boost::json::object> parse_json_object(std::string_view body);

// Serialises a value compactly.
std::string to_json(const boost::json::value& v);

// Reads the fields of a JSON object against the rules of one resource. Each accessor
// records a FieldError instead of failing at once, so one answer lists every bad field.
class JsonFields {
public:
    explicit JsonFields(const boost::json::object& obj) : m_obj(obj) {}

    bool has(std::string_view name) const;
    // A required string: present, a string, not blank after trimming, at most max_len chars.
    std::string required_text(std::string_view name, std::string_view label,
                              std::size_t max_len = 200);
    // An optional string: nullopt when absent, "" when null (which clears it on an update).
    std::optional<std::string> optional_text(std::string_view name, std::string_view label,
                                             std::size_t max_len = 2000);
    std::optional<std::int64_t> optional_integer(std::string_view name, std::string_view label);
    // An optional whole number that may be cleared: nullopt when absent, a nullopt inside
    // when null.
    std::optional<std::optional<std::int64_t>> optional_nullable_integer(std::string_view name,
                                                                         std::string_view label);
    std::optional<bool> optional_boolean(std::string_view name, std::string_view label);
    // An optional number: nullopt when absent, a nullopt inside when null (which clears it on
    // an update). Refuses anything but a finite JSON number.
    std::optional<std::optional<double>> optional_number(std::string_view name,
                                                         std::string_view label);
    // An optional YYYY-MM-DD date: nullopt when absent, "" when null.
    std::optional<std::string> optional_date(std::string_view name, std::string_view label);
    // An optional list of strings.
    std::optional<std::vector<std::string>> optional_text_list(std::string_view name,
                                                               std::string_view label,
                                                               std::size_t max_items = 100);
    // A field of a shape of its own, as sent, marked as read; nullptr when absent.
    const boost::json::value* raw(std::string_view name) { return get(name); }
    // Records an error for a field by hand.
    void fail(std::string field, std::string message);
    // A field that may not be sent here: when present, it is refused with this message
    // (rather than as a field Civic does not know).
    void refuse(std::string_view name, std::string message);
    // Finishes: every field not read is an unknown field. Returns the collected errors.
    Result<void> finish();
    const std::vector<FieldError>& errors() const { return m_errors; }

private:
    const boost::json::value* get(std::string_view name);
    bool explicit_null(std::string_view name) const;
    const boost::json::object& m_obj;
    std::set<std::string, std::less<>> m_read;
    std::vector<FieldError> m_errors;
};

}  // namespace civic
