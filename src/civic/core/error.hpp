// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Expected failures as values. One table (http/problem.cpp) maps each kind to its HTTP
// status and its RFC 9457 problem shape.

#include <expected>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace civic {

enum class ErrorKind {
    BadRequest,    // malformed request: bad JSON, bad query parameter
    Unauthorized,  // sign-in needed
    Forbidden,     // signed in, but may not (used sparingly: out-of-scope is NotFound)
    NotFound,
    MethodNotAllowed,
    Conflict,              // stale version, duplicate
    PreconditionRequired,  // an update without If-Match or version
    PayloadTooLarge,
    UnsupportedMediaType,
    Validation,       // fields that do not meet the rules; see Error::errors
    TooManyRequests,  // slow down: too many failed sign-ins
    Unavailable,      // the database cannot be reached
    Internal,
};

// One field that failed validation, with what was expected, in plain words.
struct FieldError {
    std::string field;
    std::string message;
};

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string detail;
    std::vector<FieldError> errors;

    static Error bad_request(std::string detail) {
        return {ErrorKind::BadRequest, std::move(detail), {}};
    }
    static Error unauthorized(std::string detail = "You need to sign in to do that.") {
        return {ErrorKind::Unauthorized, std::move(detail), {}};
    }
    static Error forbidden(std::string detail) {
        return {ErrorKind::Forbidden, std::move(detail), {}};
    }
    static Error not_found(std::string detail) {
        return {ErrorKind::NotFound, std::move(detail), {}};
    }
    static Error conflict(std::string detail) {
        return {ErrorKind::Conflict, std::move(detail), {}};
    }
    static Error validation(std::vector<FieldError> errors,
                            std::string detail = "Some fields need correcting.") {
        return {ErrorKind::Validation, std::move(detail), std::move(errors)};
    }
    static Error validation(std::string field, std::string message) {
        return validation(std::vector<FieldError>{{std::move(field), std::move(message)}});
    }
    static Error internal(std::string detail) {
        return {ErrorKind::Internal, std::move(detail), {}};
    }
};

// Thrown when a resource Civic depends on (the database) cannot be reached. Answered 503.
class ServiceUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Marks an exception thrown when a write clashes with another request's made at the same
// moment: two clerks adding the same person to a meeting, say, where the database's rule
// that each is there once lets only one win. The services check for such clashes first, so
// only a race gets this far. Answered 409: the one who lost can reload and see what the
// other wrote.
class WriteConflict {
public:
    virtual ~WriteConflict() = default;
    virtual const char* what() const noexcept = 0;
};

template <typename T>
using Result = std::expected<T, Error>;

// A Result<void> that succeeded.
inline Result<void> ok() { return {}; }

}  // namespace civic

// Propagates an error: `CIVIC_TRY(auto unit, repo.find(id));`
#define CIVIC_CONCAT_INNER(a, b) a##b
#define CIVIC_CONCAT(a, b) CIVIC_CONCAT_INNER(a, b)
#define CIVIC_TRY(decl, expr) CIVIC_TRY_IMPL(decl, expr, CIVIC_CONCAT(civic_try_, __LINE__))
#define CIVIC_TRY_IMPL(decl, expr, tmp)                       \
    auto tmp = (expr);                                        \
    if (!tmp) return std::unexpected(std::move(tmp).error()); \
    decl = std::move(*tmp)
// Propagates an error from a Result<void>.
#define CIVIC_CHECK(expr)                                                                       \
    do {                                                                                        \
        auto civic_check_result = (expr);                                                       \
        if (!civic_check_result) return std::unexpected(std::move(civic_check_result).error()); \
    } while (false)
