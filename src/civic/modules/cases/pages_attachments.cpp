// SPDX-License-Identifier: AGPL-3.0-or-later
// The files of a response in the pages: the response form's GOV.UK file upload (several files,
// posted as multipart/form-data, so it works without JavaScript), and the links to download
// them on the case's page.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/base64.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/cases/pages_support.hpp"

namespace civic::cases::pages_detail {
namespace json = boost::json;

Field attachments_field() {
    std::string accept;
    for (const auto& k : attachment_kinds())
        for (const auto ext : k.extensions)
            accept += (accept.empty() ? "" : ",") + std::string(ext);
    return {.name = "attachments",
            .label = "Attach files (optional)",
            .hint = fmt::format("What was sent with it: PDF, Word, Excel, OpenDocument, CSV, text, "
                                "PNG, JPEG or email (EML) files; up to {} files, each up to {}. "
                                "If the response is refused, choose the files again.",
                                k_max_attachments, size_in_words(k_max_attachment_bytes)),
            .kind = "file",
            .multiple = true,
            .accept = accept};
}

std::vector<AttachmentInput> attachment_inputs(const std::vector<http::FormFile>& files) {
    std::vector<AttachmentInput> out;
    for (const auto& f : files) {
        // A file input left empty still sends a part, with no name and no bytes.
        if (f.field != "attachments" || (f.file_name.empty() && f.content.empty())) continue;
        // Some browsers send the path the file was chosen from: only its name is kept.
        std::string_view name = f.file_name;
        if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
            name.remove_prefix(slash + 1);
        // A browser that does not know the type sends application/octet-stream: the name says.
        std::string type = f.media_type;
        if (type.empty() || type == "application/octet-stream")
            type = std::string(media_type_for_name(name));
        out.push_back({std::string(name), type, base64_encode(f.content)});
    }
    return out;
}

Error on_attachments_field(Error error) {
    for (auto& e : error.errors)
        if (e.field.starts_with("attachments")) e.field = "attachments";
    return error;
}

json::array attachment_links(const std::vector<CaseAttachment>& files) {
    json::array out;
    for (const auto& a : files)
        out.push_back(json::object{{"name", a.file_name},
                                   {"words", attachment_words(a)},
                                   {"removed", a.removed_on.has_value()},
                                   {"href", attachment_href(a)}});
    return out;
}

}  // namespace civic::cases::pages_detail
