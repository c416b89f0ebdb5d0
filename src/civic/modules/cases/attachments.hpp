// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The files a response may carry: which kinds Civic keeps, how many and how large, the checks
// of each file as sent (its name, its media type and bytes that agree with it, its base64),
// and how a file is named to readers ("letter.pdf (PDF, 24 KB)") and to browsers
// (Content-Disposition). The API and the response form check files by the same function.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/modules/cases/model.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/store/database.hpp"

namespace civic::cases {

// A file as sent with a response: its name, its media type and its bytes in base64.
struct AttachmentInput {
    std::optional<std::string> file_name, media_type, content;
};

inline constexpr std::size_t k_max_attachments = 10;
inline constexpr std::int64_t k_max_attachment_bytes = 5 * 1024 * 1024;
inline constexpr std::size_t k_max_file_name = 200;

// A kind of file Civic keeps: its media type, the word readers see, its usual extensions
// (".pdf"), and how its first bytes begin ("" for text, which is checked for being text).
struct AttachmentKind {
    std::string_view media_type;
    std::string_view label;
    std::span<const std::string_view> extensions;
    std::string_view signature;
};
std::span<const AttachmentKind> attachment_kinds();
const AttachmentKind* attachment_kind(std::string_view media_type);
// The media type of a file name's extension ("letter.PDF" → application/pdf); "" when Civic
// keeps no such kind.
std::string_view media_type_for_name(std::string_view file_name);

// Checks the files of one response, each refusal naming its field ("attachments[0].content");
// the files that pass, numbered from 1, with their bytes in base64 as they are stored (ids,
// case and response not yet set).
std::vector<CaseAttachment> check_attachments(kit::Checks& checks,
                                              const std::vector<AttachmentInput>& files);

// "24 KB", "1.5 MB", "512 bytes".
std::string size_in_words(std::int64_t bytes);
// "PDF, 24 KB".
std::string attachment_words(const CaseAttachment& a);
// Where a file is downloaded: /api/v1/cases/{case_id}/attachments/{id}.
std::string attachment_href(const CaseAttachment& a);
// The Content-Disposition of a download (RFC 6266): attachment, the name quoted, and for a
// name that is not ASCII, filename* in UTF-8 with an ASCII stand-in before it.
std::string attachment_disposition(std::string_view file_name);

namespace detail {

// Stores the checked files of a response just written (service_attachments.cpp), each with its
// id; the files as the response shows them.
std::vector<CaseAttachment> store_attachments(store::Connection& c, const Context& ctx,
                                              const CaseResponse& r,
                                              std::vector<CaseAttachment> files);
// What the audit trail keeps of a response's files: how many and their sizes, never their names
// (which may be personal) nor their bytes.
boost::json::object attachments_audit(const std::vector<CaseAttachment>& files);

}  // namespace detail

}  // namespace civic::cases
