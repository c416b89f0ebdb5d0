// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/attachments.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cctype>

#include "civic/core/base64.hpp"
#include "civic/core/text.hpp"
#include "civic/core/utf8.hpp"

namespace civic::cases {
namespace json = boost::json;

namespace {

constexpr std::string_view k_pdf[] = {".pdf"};
constexpr std::string_view k_docx[] = {".docx"};
constexpr std::string_view k_xlsx[] = {".xlsx"};
constexpr std::string_view k_odt[] = {".odt"};
constexpr std::string_view k_ods[] = {".ods"};
constexpr std::string_view k_csv[] = {".csv"};
constexpr std::string_view k_txt[] = {".txt"};
constexpr std::string_view k_png[] = {".png"};
constexpr std::string_view k_jpeg[] = {".jpg", ".jpeg"};
constexpr std::string_view k_eml[] = {".eml"};

// Word, Excel and OpenDocument files are zip archives.
constexpr std::string_view k_zip{"PK\x03\x04", 4};

// The kinds a council sends with a response: letters and reports, disclosed spreadsheets and
// data, photographs, and emails kept whole. Nothing that runs (no macros: .docm, .xlsm) and
// nothing a browser would show in Civic's own pages (no HTML, no SVG).
constexpr AttachmentKind k_kinds[] = {
    {"application/pdf", "PDF", k_pdf, "%PDF-"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document",
     k_docx, k_zip},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet",
     k_xlsx, k_zip},
    {"application/vnd.oasis.opendocument.text", "OpenDocument text", k_odt, k_zip},
    {"application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet", k_ods, k_zip},
    {"text/csv", "CSV", k_csv, ""},
    {"text/plain", "Plain text", k_txt, ""},
    {"image/png", "PNG image", k_png, "\x89PNG\r\n\x1a\n"},
    {"image/jpeg", "JPEG image", k_jpeg, "\xff\xd8\xff"},
    {"message/rfc822", "Email", k_eml, ""},
};

constexpr std::string_view k_kinds_in_words =
    "a PDF, a Word document (DOCX), an Excel spreadsheet (XLSX), OpenDocument text (ODT) or "
    "spreadsheet (ODS), CSV, plain text, a PNG or JPEG image, or an email (EML)";

std::size_t characters(std::string_view s) {
    std::size_t n = 0;
    for (const unsigned char c : s) n += (c & 0xc0) != 0x80;
    return n;
}

// A name the file can be saved under anywhere: text on one line, no folders.
std::optional<std::string> name_fault(std::string_view name) {
    if (name.empty()) return "Give the file's name, for example letter.pdf";
    if (text_fault(name, Lines::One) != TextFault::None)
        return "A file's name must be UTF-8 text on one line, without control characters";
    if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos ||
        name == "." || name == "..")
        return "A file's name cannot hold / or \\: give the name alone, for example letter.pdf";
    if (const auto n = characters(name); n > k_max_file_name)
        return fmt::format("A file's name may be at most {} characters; this one has {}",
                           k_max_file_name, n);
    return std::nullopt;
}

// 5242880 → "5,242,880".
std::string with_commas(std::uint64_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

}  // namespace

std::span<const AttachmentKind> attachment_kinds() { return k_kinds; }

const AttachmentKind* attachment_kind(std::string_view media_type) {
    for (const auto& k : k_kinds)
        if (k.media_type == media_type) return &k;
    return nullptr;
}

std::string_view media_type_for_name(std::string_view file_name) {
    const std::string name = lower_ascii(file_name);
    for (const auto& k : k_kinds)
        for (const auto ext : k.extensions)
            if (name.size() > ext.size() && name.ends_with(ext)) return k.media_type;
    return {};
}

std::vector<CaseAttachment> check_attachments(kit::Checks& checks,
                                              const std::vector<AttachmentInput>& files) {
    std::vector<CaseAttachment> out;
    if (files.size() > k_max_attachments) {
        checks.fail("attachments",
                    fmt::format("Attach at most {} files to a response; {} were sent",
                                k_max_attachments, files.size()));
        return out;
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& f = files[i];
        const auto field = [&](std::string_view part) {
            return fmt::format("attachments[{}].{}", i, part);
        };
        bool good = true;
        const std::string name(trim(f.file_name.value_or("")));
        if (auto fault = name_fault(name)) {
            checks.fail(field("file_name"), *fault);
            good = false;
        }
        // Called by its name where it has a good one, by its place otherwise.
        const std::string called = good ? name : fmt::format("File {}", i + 1);

        std::string type = lower_ascii(trim(f.media_type.value_or("")));
        type = std::string(trim(type.substr(0, type.find(';'))));
        if (type.empty()) type = std::string(media_type_for_name(name));
        const AttachmentKind* kind = attachment_kind(type);
        if (!kind) {
            checks.fail(field("media_type"),
                        type.empty() ? fmt::format("Give the media type of {}: Civic keeps {}",
                                                   called, k_kinds_in_words)
                                     : fmt::format("{} is of type {}, which Civic does not keep: "
                                                   "attach {}",
                                                   called, shown_safely(type), k_kinds_in_words));
            good = false;
        }

        const auto bytes = f.content ? base64_decode(*f.content) : std::nullopt;
        if (!f.content) {
            checks.fail(field("content"), fmt::format("Give the bytes of {} in base64", called));
            good = false;
        } else if (!bytes) {
            checks.fail(
                field("content"),
                fmt::format("The content of {} must be its bytes in base64 (RFC 4648)", called));
            good = false;
        } else if (bytes->empty()) {
            checks.fail(field("content"), fmt::format("{} is empty", called));
            good = false;
        } else if (static_cast<std::int64_t>(bytes->size()) > k_max_attachment_bytes) {
            checks.fail(field("content"),
                        fmt::format("{} is too large ({} bytes): a file may be at most {} ({} "
                                    "bytes)",
                                    called, with_commas(bytes->size()),
                                    size_in_words(k_max_attachment_bytes),
                                    with_commas(k_max_attachment_bytes)));
            good = false;
        } else if (kind && !kind->signature.empty() && !bytes->starts_with(kind->signature)) {
            checks.fail(field("content"),
                        fmt::format("{} does not match its media type, {}: its first bytes are "
                                    "not those of one. Check the file, or the media type given",
                                    called, kind->label));
            good = false;
        } else if (kind && kind->signature.empty() && bytes->find('\0') != std::string::npos) {
            checks.fail(field("content"),
                        fmt::format("{} does not match its media type, {}: it holds bytes that "
                                    "text never does. Check the file, or the media type given",
                                    called, kind->label));
            good = false;
        }
        if (!good) continue;
        CaseAttachment a;
        a.position = static_cast<std::int64_t>(i) + 1;
        a.file_name = name;
        a.media_type = std::string(kind->media_type);
        a.size_bytes = static_cast<std::int64_t>(bytes->size());
        a.content = base64_encode(*bytes);
        out.push_back(std::move(a));
    }
    return out;
}

std::string size_in_words(std::int64_t bytes) {
    if (bytes < 1024) return fmt::format("{} byte{}", bytes, bytes == 1 ? "" : "s");
    if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 512) / 1024);
    const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    std::string out = fmt::format("{:.1f}", mb);
    if (out.ends_with(".0")) out.resize(out.size() - 2);
    return out + " MB";
}

std::string attachment_words(const CaseAttachment& a) {
    const auto* kind = attachment_kind(a.media_type);
    return fmt::format("{}, {}", kind ? kind->label : std::string_view(a.media_type),
                       size_in_words(a.size_bytes));
}

std::string attachment_href(const CaseAttachment& a) {
    return fmt::format("/api/v1/cases/{}/attachments/{}", a.case_id, a.id);
}

std::string attachment_disposition(std::string_view file_name) {
    std::string fallback;
    bool ascii = true;
    for (const unsigned char c : file_name) {
        if (c >= 0x80) {
            ascii = false;
            // One '_' for each character: its first byte.
            if ((c & 0xc0) == 0xc0) fallback.push_back('_');
            continue;
        }
        if (c == '"' || c == '\\') fallback.push_back('\\');
        fallback.push_back(static_cast<char>(c));
    }
    std::string out = fmt::format("attachment; filename=\"{}\"", fallback);
    if (ascii) return out;
    // RFC 8187: attr-char is kept, every other byte percent-encoded.
    out += "; filename*=UTF-8''";
    for (const unsigned char c : file_name) {
        if (std::isalnum(c) ||
            std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos)
            out.push_back(static_cast<char>(c));
        else
            out += fmt::format("%{:02X}", static_cast<unsigned>(c));
    }
    return out;
}

boost::json::object to_json(const CaseAttachment& a) {
    return {{"id", a.id},
            {"file_name", a.file_name},
            {"media_type", a.media_type},
            {"size_bytes", a.size_bytes},
            {"removed_on", a.removed_on ? json::value(*a.removed_on) : json::value(nullptr)},
            {"href", attachment_href(a)}};
}

}  // namespace civic::cases
