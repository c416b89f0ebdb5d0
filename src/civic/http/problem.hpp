// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// RFC 9457 problem details: every API error is application/problem+json with type, title,
// status, detail, the request id and, for validation, the list of fields at fault.

#include "civic/core/error.hpp"
#include "civic/http/request.hpp"

namespace civic::http {

int status_for(ErrorKind kind);
std::string_view title_for(ErrorKind kind);
ErrorKind kind_for_status(int status);

// The problem JSON response for an error.
Response problem_response(const Request& request, const Error& error);

}  // namespace civic::http
