// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/http/problem.hpp"

#include <boost/json.hpp>

#include "civic/core/json.hpp"

namespace civic::http {
namespace {

struct Mapping {
    ErrorKind kind;
    int status;
    std::string_view slug;
    std::string_view title;
};

// The one table from error kind to HTTP.
constexpr Mapping k_mappings[] = {
    {ErrorKind::BadRequest, 400, "bad-request", "The request could not be read"},
    {ErrorKind::Unauthorized, 401, "sign-in-required", "You need to sign in"},
    {ErrorKind::Forbidden, 403, "forbidden", "You do not have permission to do that"},
    {ErrorKind::NotFound, 404, "not-found", "Not found"},
    {ErrorKind::MethodNotAllowed, 405, "method-not-allowed", "Method not allowed"},
    {ErrorKind::Conflict, 409, "conflict", "The record has changed or already exists"},
    {ErrorKind::PreconditionRequired, 428, "version-required",
     "Say which version you are changing"},
    {ErrorKind::PayloadTooLarge, 413, "too-large", "The request is too large"},
    {ErrorKind::UnsupportedMediaType, 415, "unsupported-media-type", "Unsupported content type"},
    {ErrorKind::Validation, 422, "validation", "Some fields need correcting"},
    {ErrorKind::TooManyRequests, 429, "too-many-requests", "Too many attempts"},
    {ErrorKind::Unavailable, 503, "unavailable", "The service is unavailable"},
    {ErrorKind::Internal, 500, "internal", "Something went wrong"},
};

const Mapping& mapping(ErrorKind kind) {
    for (const auto& m : k_mappings)
        if (m.kind == kind) return m;
    return k_mappings[std::size(k_mappings) - 1];
}

// The request's path as a URI reference (RFC 3986): as the client sent it, with anything a
// URI may not hold raw (spaces, quotes, bytes past ASCII) percent-encoded.
std::string instance_for(const Request& request) {
    std::string_view path =
        request.target.empty() ? std::string_view(request.path) : std::string_view(request.target);
    path = path.substr(0, path.find('?'));
    static constexpr std::string_view k_allowed =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/%";
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (k_allowed.find(static_cast<char>(c)) != std::string_view::npos) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(k_hex[c >> 4]);
            out.push_back(k_hex[c & 15]);
        }
    }
    return out.empty() ? std::string("/") : out;
}

}  // namespace

int status_for(ErrorKind kind) { return mapping(kind).status; }
std::string_view title_for(ErrorKind kind) { return mapping(kind).title; }

ErrorKind kind_for_status(int status) {
    for (const auto& m : k_mappings)
        if (m.status == status) return m.kind;
    return ErrorKind::Internal;
}

Response problem_response(const Request& request, const Error& error) {
    const auto& m = mapping(error.kind);
    boost::json::object body;
    body["type"] = "/problems/" + std::string(m.slug);
    body["title"] = m.title;
    body["status"] = m.status;
    body["detail"] = error.detail;
    body["instance"] = instance_for(request);
    body["request_id"] = request.request_id;
    if (!error.errors.empty()) {
        boost::json::array errors;
        for (const auto& e : error.errors)
            errors.push_back(boost::json::object{{"field", e.field}, {"message", e.message}});
        body["errors"] = std::move(errors);
    }
    Response r{m.status, {{"content-type", "application/problem+json"}}, to_json(body)};
    if (error.kind == ErrorKind::Unauthorized) r.set_header("www-authenticate", "Bearer");
    return r;
}

}  // namespace civic::http
