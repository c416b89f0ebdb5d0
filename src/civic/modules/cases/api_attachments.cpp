// SPDX-License-Identifier: AGPL-3.0-or-later
// The files of a response through the API: read from a response's "attachments" (each
// {file_name, media_type, content} with content in base64), and downloaded one at a time as
// the bytes they are.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/base64.hpp"
#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/cases/api.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::cases {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

std::vector<AttachmentInput> attachment_inputs(JsonFields& f) {
    std::vector<AttachmentInput> out;
    const json::value* sent = f.raw("attachments");
    if (!sent || sent->is_null()) return out;
    if (!sent->is_array()) {
        f.fail("attachments",
               "Attachments must be a list of files, each {\"file_name\", \"media_type\", "
               "\"content\"} with the content in base64");
        return out;
    }
    const auto& files = sent->as_array();
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto field = [&](std::string_view part) {
            return fmt::format("attachments[{}]{}{}", i, part.empty() ? "" : ".", part);
        };
        if (!files[i].is_object()) {
            f.fail(field(""),
                   "Each attachment must be a file: {\"file_name\", \"media_type\", "
                   "\"content\"} with the content in base64");
            continue;
        }
        AttachmentInput in;
        for (const auto& [key, value] : files[i].as_object()) {
            std::optional<std::string>* into = key == "file_name"    ? &in.file_name
                                               : key == "media_type" ? &in.media_type
                                               : key == "content"    ? &in.content
                                                                     : nullptr;
            if (!into) {
                f.fail(field(key), "An attachment has only file_name, media_type and content");
            } else if (!value.is_string()) {
                f.fail(field(key),
                       fmt::format("The attachment's {} must be text",
                                   key == "content" ? "content (base64)" : std::string(key)));
            } else {
                *into = std::string(value.as_string());
            }
        }
        out.push_back(std::move(in));
    }
    return out;
}

void add_attachment_route(http::Router& router, CasesService& s, const Clock& clock) {
    router.add(Method::Get, "/api/v1/cases/{id}/attachments/{attachment_id}",
               [&s, &clock](Request& r) -> Response {
                   if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
                   auto found =
                       s.attachment(http::context_for(r, clock), std::string(r.param("id")),
                                    std::string(r.param("attachment_id")));
                   if (!found) return http::problem_response(r, found.error());
                   Response out{200, {}, base64_decode(found->content).value_or("")};
                   out.set_header("content-type", found->media_type);
                   out.set_header("content-disposition", attachment_disposition(found->file_name));
                   out.set_header("x-content-type-options", "nosniff");
                   return out;
               });
}

}  // namespace civic::cases
