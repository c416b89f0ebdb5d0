// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Small helpers every module's API uses: reading a JSON body, paging, ETags, writing JSON.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "civic/core/error.hpp"
#include "civic/core/json.hpp"
#include "civic/http/request.hpp"

namespace civic::http {

// The body as a JSON object: 415 unless it is application/json, 400 unless it parses.
Result<boost::json::object> json_body(const Request& request);

// The body of a CSV import, the file itself: 415 unless it is text/csv.
Result<std::string_view> csv_body(const Request& request);

// A JSON answer.
Response json_response(int status, const boost::json::value& body);

// The weak ETag for a record version: W/"3".
std::string etag_for(std::int64_t version);

// The version a change names: If-Match (the ETag from a GET), or the body's "version"
// field, or both when they agree. Reads "version" from fields, so that JsonFields::finish()
// does not count it as unknown, and records a 422 there for a version that is not a whole
// number or that disagrees with If-Match. PreconditionRequired when neither is given,
// BadRequest when If-Match is not one of ours.
Result<std::int64_t> change_version(const Request& request, JsonFields& fields);

// The version a state change such as an archive names: If-Match, or a body that holds
// nothing but {"version": n}, or both when they agree. Any other field is a 422 naming it; a
// body that is not JSON is 400 or 415, as for any other write.
Result<std::int64_t> state_change_version(const Request& request);

// A create may not name a version: a new record starts at version 1.
void refuse_version_on_create(JsonFields& fields);

// A change must name at least one field to change, besides its version (422 otherwise).
Result<void> require_some_change(const boost::json::object& body);

struct PageRequest {
    std::optional<std::string> cursor;  // the id after which to start
    int limit = 50;
};

// Reads an optional query parameter that must be a whole number from lo to hi (absent: the
// default). Otherwise a 422 naming it: "Limit must be a whole number from 1 to 200".
Result<std::int64_t> integer_query_param(const Request& request, std::string_view name,
                                         std::string_view label, std::int64_t lo, std::int64_t hi,
                                         std::int64_t default_value);

// Reads ?cursor= and ?limit= (1..200).
Result<PageRequest> page_request(const Request& request);

// An optional query parameter's text, trimmed; nullopt when absent or blank.
std::optional<std::string> text_query_param(const Request& request, std::string_view name);

// Reads an optional query parameter that must be an id.
Result<std::optional<std::string>> id_query_param(const Request& request, std::string_view name);

// Reads an optional query parameter that must be true or false (absent: the default).
Result<bool> bool_query_param(const Request& request, std::string_view name, bool default_value);

// Reads an optional query parameter that must be one of a fixed list, in any case; returns
// the list's own spelling. A value outside the list is a 422 saying what is allowed.
Result<std::optional<std::string>> choice_query_param(const Request& request, std::string_view name,
                                                      std::span<const std::string_view> allowed);

// {"items": [...], "next_cursor": "..."|null}
boost::json::object page_body(boost::json::array items, const std::optional<std::string>& next);

}  // namespace civic::http
