// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of the agenda pack and the minutes as documents: GET
// /api/v1/meetings/{id}/pack.{html,pdf,docx} and /api/v1/meetings/{id}/minutes.{html,pdf,docx}.
// The extension is the last part of the path (the router matches "pack.pdf" as one literal
// segment), so each address names one file a browser can save under a sensible name.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <set>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/governance/api.hpp"
#include "civic/modules/governance/pack.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::governance {
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::string_view k_editions[] = {"public", "members"};

enum class Contents { Agenda, Minutes };
enum class Format { Html, Pdf, Docx };

struct FormatInfo {
    Format format;
    std::string_view extension;
    std::string_view content_type;
    std::string_view disposition;  // a browser shows HTML and PDF, and saves a Word document
};
constexpr std::array<FormatInfo, 3> k_formats{{
    {Format::Html, "html", "text/html; charset=utf-8", "inline"},
    {Format::Pdf, "pdf", "application/pdf", "inline"},
    {Format::Docx, "docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"},
}};

// The edition the caller gets: the members' when entitled to the meeting's exempt information,
// unless they ask for the public one; the public one to everyone else.
Result<Edition> edition_for(const Request& r, bool entitled) {
    CIVIC_TRY(auto asked, http::choice_query_param(r, "edition", k_editions));
    if (asked == "public") return Edition::Public;
    if (asked == "members" && !entitled)
        return std::unexpected(Error::forbidden(
            "The members' edition holds exempt information, which only the body's members, the "
            "people named on its items and its clerks may have. Ask for edition=public, or "
            "leave edition out."));
    return entitled ? Edition::Members : Edition::Public;
}

// Whether the caller reads an exempt item in full: the meeting's entitlement covers every
// item, and a presenter's only their own.
bool sees_exempt_item(const ItemView& v) { return v.exempt && !v.redacted; }

// The document the caller may have. The public edition is always made by public_edition(), so
// that it holds nothing exempt whoever asks for it.
Result<PackDocument> document_for(const Request& r, GovernanceService& s, const Context& ctx,
                                  Contents contents) {
    const std::string id(r.param("id"));
    if (contents == Contents::Agenda) {
        CIVIC_TRY(auto agenda, s.agenda(ctx, id));
        const bool entitled =
            agenda.meeting.sees_exempt ||
            std::any_of(agenda.items.begin(), agenda.items.end(), sees_exempt_item);
        CIVIC_TRY(const auto edition, edition_for(r, entitled));
        if (edition == Edition::Public) {
            // The action log carries actions agreed at earlier meetings, and none agreed on an
            // exempt item belongs in the public edition: which items those were, the service
            // says item by item (one the caller may not read counts as exempt). This is asked
            // whoever the caller is, so that the public edition never depends on how the
            // agenda's action log was filtered.
            std::set<std::string> exempt;
            for (const auto& a : agenda.action_log) {
                if (!a.action.item_id || a.action.meeting_id == agenda.meeting.meeting.id) continue;
                auto item = s.get_item(ctx, *a.action.item_id);
                if (!item || item->exempt) exempt.insert(*a.action.item_id);
            }
            agenda = public_edition(std::move(agenda), exempt);
        }
        return agenda_pack(agenda, edition);
    }
    CIVIC_TRY(auto minutes, s.minutes(ctx, id));
    if (minutes.meeting.meeting.minutes_status == "none")
        return std::unexpected(
            Error::not_found("The minutes of this meeting have not been written yet."));
    const bool entitled =
        minutes.meeting.sees_exempt ||
        std::any_of(minutes.items.begin(), minutes.items.end(),
                    [](const MinutesItem& i) { return sees_exempt_item(i.item); });
    CIVIC_TRY(const auto edition, edition_for(r, entitled));
    if (edition == Edition::Public) minutes = public_edition(std::move(minutes));
    return minutes_document(minutes, edition);
}

Response document_response(const Request& r, GovernanceService& s, const Clock& clock,
                           PackRenderer& renderer, Contents contents, const FormatInfo& format) {
    if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
    auto doc = document_for(r, s, http::context_for(r, clock), contents);
    if (!doc) return http::problem_response(r, doc.error());
    Response res;
    res.status = 200;
    switch (format.format) {
        case Format::Html:
            res.body = pack_html(*doc, Layout::Print);
            res.set_header("content-security-policy", pack_content_security_policy(*doc));
            break;
        case Format::Pdf: {
            auto made = renderer.pdf(*doc);
            if (!made) return http::problem_response(r, made.error());
            res.body = std::move(*made);
            break;
        }
        case Format::Docx: {
            auto made = renderer.docx(*doc);
            if (!made) return http::problem_response(r, made.error());
            res.body = std::move(*made);
            break;
        }
    }
    res.set_header("content-type", format.content_type);
    res.set_header("content-disposition", fmt::format("{}; filename=\"{}.{}\"", format.disposition,
                                                      doc->filename, format.extension));
    return res;
}

}  // namespace

void add_pack_routes(http::Router& router, GovernanceService& service, const Clock& clock) {
    // One renderer for the server: it keeps the last few PDFs it made.
    auto renderer = std::make_shared<PackRenderer>();
    for (const auto& format : k_formats) {
        for (const auto& [what, name] :
             {std::pair{Contents::Agenda, "pack"}, std::pair{Contents::Minutes, "minutes"}}) {
            const Contents contents = what;
            router.add(Method::Get,
                       fmt::format("/api/v1/meetings/{{id}}/{}.{}", name, format.extension),
                       {"edition"}, [&service, &clock, renderer, contents, &format](Request& r) {
                           return document_response(r, service, clock, *renderer, contents, format);
                       });
        }
    }
}

}  // namespace civic::governance
