// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The agenda pack and the minutes as documents: one document each, with a cover, a contents
// list and one page numbering, as printable HTML, as PDF (headless Chromium, tagged, with
// bookmarks) and as DOCX (pandoc, with Word's own table of contents).
//
// A document is built from what the reader may see (GovernanceService::agenda or ::minutes),
// so the reader's entitlement decides the edition: the public edition says of an exempt item
// only that it is exempt, under which paragraph of Schedule 12A, and any resolution on it; the
// members' edition holds it in full, marked "Not for publication". Someone entitled may ask for
// the public edition, which public_edition() makes from theirs by the service's own rules.
//
// The contents list of the PDF gives the pages where each item starts in that PDF: it is
// rendered, the page of each item's heading is read from the PDF's outline (qpdf), and it is
// rendered again with those numbers; the numbers take a column of their own, so writing them
// in moves nothing, and they are checked again on the second rendering.

#include <boost/json/object.hpp>
#include <chrono>
#include <list>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "civic/core/error.hpp"
#include "civic/modules/governance/service.hpp"

namespace civic::governance {

enum class Edition { Public, Members };

// A document laid out, ready to be written as HTML: the template's view and what the
// renderings need to know about it.
struct PackDocument {
    std::string title;  // the HTML's title and the PDF's: "… — agenda, Tuesday 6 October 2026"
    std::string filename;  // without extension: "corporate-…-panel-2026-10-06-agenda"
    Edition edition = Edition::Public;
    std::size_t entries = 0;  // entries in the contents list, each a section with one <h2>
    std::string style;        // the document's CSS, as placed in its <style>
    boost::json::object view;
};

// The agenda pack: the cover (the body, when and where, its members, publication), the
// contents, then every item in order (supplements among them, marked), each report starting on
// a new page; exempt items as the edition says.
PackDocument agenda_pack(const Agenda& agenda, Edition edition);
// The minutes: the cover (when and where, approval, attendance), the contents, then each
// item's minutes (presenters, what the meeting was told, questions, resolutions, actions),
// and the corrections recorded since.
PackDocument minutes_document(const Minutes& minutes, Edition edition);

// The public edition of what an entitled reader sees, as the service leaves things out for a
// reader who is not entitled: each exempt item with its report, recommendations, minutes and
// documents left out, exempt documents left out of the others, the reasons and options of an
// exempt decision left out, and the actions agreed on an exempt item left out altogether.
// exempt_items: the ids of the exempt items of earlier meetings that actions on the agenda's
// action log were agreed on (this meeting's own items say so themselves).
Agenda public_edition(Agenda agenda, const std::set<std::string>& exempt_items = {});
Minutes public_edition(Minutes minutes);

enum class Layout {
    Print,  // the printable document: print CSS, the contents list with page numbers
    Word,   // for pandoc: without the contents list (Word makes its own) and print-only parts
};

// The document as one HTML file. pages: the page where each contents entry starts, in order;
// when empty (the HTML download, the first rendering) the page column is left blank.
std::string pack_html(const PackDocument& doc, Layout layout, std::span<const int> pages = {});

// The Content-Security-Policy the HTML is served with: nothing loads, and only the document's
// own stylesheet applies.
std::string pack_content_security_policy(const PackDocument& doc);

// Renders documents as PDF and DOCX with programs found on PATH: chromium (or
// chromium-browser, google-chrome), qpdf and pandoc. A program that is missing or fails is a
// 503 naming it, and the server keeps serving. The last few PDFs are kept, keyed by their
// HTML, so a pack many people download is rendered once. Safe to share between threads.
class PackRenderer {
public:
    PackRenderer() = default;

    Result<std::string> pdf(const PackDocument& doc);
    Result<std::string> docx(const PackDocument& doc);

private:
    Result<std::string> render_pdf(const PackDocument& doc);

    std::mutex m_mutex;
    std::list<std::pair<std::string, std::string>>
        m_cache;  // (sha256 of the HTML, PDF), newest first
};

// The pages where the outline's entries one level below the top start, in order (1-based),
// from qpdf's JSON (qpdf --json --json-key=outlines). The pack's outline is its title (h1)
// with the contents list and every section (h2) below it.
Result<std::vector<int>> outline_pages(std::string_view qpdf_json);

}  // namespace civic::governance
