// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/pack.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "civic/core/base64.hpp"
#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/markdown.hpp"
#include "civic/core/recurrence.hpp"
#include "civic/core/text.hpp"
#include "civic/http/render.hpp"
#include "civic/modules/governance/process.hpp"

namespace civic::governance {
namespace json = boost::json;

namespace {

// Markdown under a section's h2 and its h3 parts starts at h4, so that it never reaches the
// outline's level of the sections (outline_pages reads that level).
constexpr int k_markdown_heading = 4;
constexpr std::size_t k_cached_pdfs = 8;
constexpr auto k_chromium_time = std::chrono::seconds(90);
constexpr auto k_tool_time = std::chrono::seconds(60);
// How many times the PDF may be rendered before its page numbers must have settled: the
// first rendering finds them, the second writes them in and confirms them. A third is only
// ever needed if writing them in moved a heading, which the contents' fixed column prevents.
constexpr int k_renderings = 3;

std::string long_date(std::string_view iso) {
    if (auto d = parse_iso_date(iso)) return format_long_date(*d);
    return std::string(iso);
}

std::string short_date(std::string_view iso) {
    if (auto d = uk_date_of(iso)) return format_day_month_year(*d);
    return std::string(iso);
}

// "Corporate Overview & Scrutiny Panel" → "corporate-overview-and-scrutiny-panel": ASCII
// letters and digits, for a file name that every system and every header can carry.
std::string slug(std::string_view text) {
    std::string spelt;
    for (const char c : text) spelt += c == '&' ? std::string(" and ") : std::string(1, c);
    std::string out;
    bool dash = false;
    for (const unsigned char c : spelt) {
        if (c < 128 && std::isalnum(c)) {
            if (dash && !out.empty()) out.push_back('-');
            out.push_back(static_cast<char>(std::tolower(c)));
            dash = false;
        } else if (c != '\'') {
            dash = true;
        }
    }
    if (out.size() > 80) out.resize(80);
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? std::string("meeting") : out;
}

// Text as a CSS string, quoted: safe inside <style> whatever it holds.
std::string css_string(std::string_view text) {
    std::string out = "\"";
    for (const unsigned char c : text) {
        if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c < 0x20 || c == 0x7f)
            out += fmt::format("\\{:X} ", static_cast<unsigned>(c));
        else
            out.push_back(static_cast<char>(c));
    }
    return out + "\"";
}

std::string sha256_base64(std::string_view text) {
    const std::string hex = sha256_hex(text);
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return base64_encode(bytes);
}

// What the minutes call the body: "What the panel was told".
std::string body_noun(std::string_view name, std::string_view kind) {
    const std::string n = lower_ascii(name);
    for (std::string_view w : {"panel", "committee", "board", "group", "cabinet", "council"})
        if (n.find(w) != std::string::npos) return std::string(w);
    if (kind == "officer_group") return "group";
    if (kind == "council" || kind == "cabinet") return std::string(kind);
    return "committee";
}

std::string joined(const std::vector<std::string>& parts, std::string_view last = " and ") {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? std::string(last) : std::string(", ");
        out += parts[i];
    }
    return out;
}

std::vector<std::string> non_empty(const std::vector<std::string>& names) {
    std::vector<std::string> out;
    for (const auto& n : names)
        if (!n.empty()) out.push_back(n);
    return out;
}

// "Not for publication: exempt under paragraph 3 of Schedule 12A …", as the members' edition
// marks exempt information.
std::string not_for_publication(std::int64_t paragraph) {
    std::string notice = exempt_notice(paragraph);
    if (!notice.empty()) notice[0] = static_cast<char>(std::tolower(notice[0]));
    return "Not for publication: " + notice;
}

std::string document_kind_label(std::string_view kind) {
    if (kind == "report") return "Report";
    if (kind == "appendix") return "Appendix";
    if (kind == "background") return "Background paper";
    return std::string(kind);
}

bool is_web_address(std::string_view url) {
    const std::string u = lower_ascii(url);
    return u.starts_with("https://") || u.starts_with("http://");
}

// Every key a list's rows are read with, blank: mustache looks a key missing from a row up
// in the rows' parents, so a row without its own would show its section's.
json::object row(std::initializer_list<std::string_view> keys) {
    json::object o;
    for (const auto k : keys) o[k] = "";
    return o;
}

json::object blank_section() {
    json::object s =
        row({"anchor", "heading", "classes", "exempt_marking", "exempt_paragraph", "exempt_wording",
             "public_interest", "purpose", "previous_meeting", "report_title", "report_author",
             "presenters", "summary_html", "recommendations_html", "apologies_received",
             "told_heading", "told_html", "questions_html"});
    for (const auto k : {"agenda", "minutes", "supplement", "redacted", "key_decision",
                         "has_documents", "has_declarations", "has_action_log", "action_log_empty",
                         "has_resolutions", "has_actions"})
        s[k] = false;
    for (const auto k :
         {"documents", "declarations", "action_log", "resolutions", "actions", "corrections"})
        s[k] = json::array();
    return s;
}

void add_exemption(json::object& s, const ItemView& v, Edition edition) {
    s["redacted"] = v.redacted;
    if (!v.exempt || !v.item.exempt_paragraph) return;
    const auto paragraph = *v.item.exempt_paragraph;
    const bool in_full = !v.redacted && edition == Edition::Members;
    s["exempt_marking"] = in_full ? not_for_publication(paragraph) : exempt_notice(paragraph);
    s["exempt_paragraph"] = std::to_string(paragraph);
    s["exempt_wording"] = std::string(exempt_wording(paragraph));
    if (in_full) s["public_interest"] = v.item.exempt_reason;
}

json::array documents_of(const ItemView& v) {
    json::array out;
    for (const auto& d : v.documents) {
        json::object o = row({"exempt_marking", "link", "address"});
        o["title"] = d.title;
        o["kind"] = document_kind_label(d.kind);
        if (d.exempt_paragraph) o["exempt_marking"] = not_for_publication(*d.exempt_paragraph);
        o["content_html"] = markdown_to_html(d.content, k_markdown_heading);
        if (!d.url.empty()) {
            if (is_web_address(d.url))
                o["link"] = d.url;
            else
                o["address"] = d.url;
        }
        out.push_back(std::move(o));
    }
    return out;
}

json::array declarations_of(const ItemView& v) {
    json::array out;
    for (std::size_t i = 0; i < v.declarations.size(); ++i) {
        const auto& d = v.declarations[i];
        out.push_back({{"name", i < v.declaration_names.size() ? v.declaration_names[i] : ""},
                       {"kind", d.kind},
                       {"nature", d.nature},
                       {"action", d.action}});
    }
    return out;
}

json::array actions_of(const std::vector<ActionView>& actions) {
    json::array out;
    for (const auto& a : actions) {
        json::object o = row({"carried", "agreed_on"});
        o["text"] = a.action.text;
        o["owner"] = a.owner;
        o["due"] = a.action.due_date ? short_date(*a.action.due_date) : "";
        o["status"] = a.action.status == "open"   ? (a.overdue ? "Open (overdue)" : "Open")
                      : a.action.status == "done" ? "Done"
                                                  : "Cancelled";
        if (!a.carried.empty()) {
            std::string carried = a.carried;
            carried[0] = static_cast<char>(std::toupper(carried[0]));
            o["carried"] = carried;
        }
        if (!a.meeting_date.empty()) o["agreed_on"] = short_date(a.meeting_date);
        out.push_back(std::move(o));
    }
    return out;
}

// The cover's lines about the meeting itself: when and where.
void meeting_details(json::object& view, const MeetingView& mv) {
    const auto& m = mv.meeting;
    view["heading"] = mv.body_name;
    if (!m.title.empty() && m.title != mv.body_name) view["meeting_title"] = m.title;
    view["when"] = long_date(m.date) + (m.start_time.empty() ? "" : ", " + m.start_time);
    view["venue"] = m.venue;
    if (is_web_address(m.online_url)) view["online_url"] = m.online_url;
    if (m.status == "cancelled" || m.status == "rescheduled" || m.status == "adjourned")
        view["meeting_status"] = "This meeting has been " + m.status + "." +
                                 (m.status_reason.empty() ? "" : " " + m.status_reason);
}

std::string running_title(const MeetingView& mv, std::string_view what) {
    return fmt::format("{}: {}, {}", mv.body_name, what,
                       parse_iso_date(mv.meeting.date)
                           ? format_day_month_year(*parse_iso_date(mv.meeting.date))
                           : mv.meeting.date);
}

// The CSS of a document: page size and margins, the running footer with the page numbers,
// and, in the members' edition, the marking of exempt pages.
std::string style_for(std::string_view footer, Edition edition) {
    return http::PageRenderer::render(
        "governance/pack_style",
        json::object{{"footer", css_string(footer)}, {"members", edition == Edition::Members}});
}

PackDocument finish(json::object view, std::string title, std::string filename, Edition edition,
                    std::string_view footer) {
    PackDocument doc;
    doc.title = std::move(title);
    doc.filename = std::move(filename);
    doc.edition = edition;
    doc.entries = view["contents"].as_array().size();
    doc.style = style_for(footer, edition);
    view["title"] = doc.title;
    doc.view = std::move(view);
    return doc;
}

std::string edition_notice(Edition edition, const std::vector<std::string>& exempt_numbers,
                           std::string_view what) {
    if (edition != Edition::Members || exempt_numbers.empty()) return "";
    return fmt::format(
        "Members' edition. {} {} {} exempt information that is not for publication: keep this "
        "{} confidential and do not pass it on.",
        exempt_numbers.size() == 1 ? "Item" : "Items", joined(exempt_numbers),
        exempt_numbers.size() == 1 ? "holds" : "hold", what);
}

std::string filename_for(const MeetingView& mv, std::string_view what, Edition edition) {
    return fmt::format("{}-{}-{}{}", slug(mv.body_name), mv.meeting.date, what,
                       edition == Edition::Members ? "-members" : "");
}

std::string item_heading(const AgendaItem& i) { return fmt::format("{}. {}", i.number, i.title); }

}  // namespace

// ---- editions

namespace {

// As the service's item_view leaves an exempt item for a reader who is not entitled.
void redact(ItemView& v) {
    if (v.exempt && !v.redacted) {
        v.redacted = true;
        v.item.purpose.clear();
        v.item.report_summary.clear();
        v.item.recommendations.clear();
        v.item.minutes_told.clear();
        v.item.minutes_questions.clear();
        v.item.exempt_reason.clear();
        v.documents.clear();
    }
    std::erase_if(v.documents, [](const Document& d) { return d.exempt_paragraph.has_value(); });
}

// As the service's decision_view leaves an exempt decision.
void redact(DecisionView& d) {
    if (d.decision.exempt_paragraph && !d.redacted) {
        d.redacted = true;
        d.decision.reasons.clear();
        d.decision.options_considered.clear();
    }
}

}  // namespace

Agenda public_edition(Agenda agenda, const std::set<std::string>& exempt_items) {
    std::set<std::string> exempt = exempt_items;
    for (auto& v : agenda.items) {
        if (v.exempt) exempt.insert(v.item.id);
        redact(v);
    }
    for (auto& d : agenda.decisions) redact(d);
    // As the service leaves out an action agreed on an exempt item: its words would say what
    // the exempt report was about.
    const auto on_exempt = [&](const ActionView& a) {
        return a.action.item_id && exempt.contains(*a.action.item_id);
    };
    std::erase_if(agenda.action_log, on_exempt);
    std::erase_if(agenda.actions, on_exempt);
    agenda.meeting.sees_exempt = false;
    return agenda;
}

Minutes public_edition(Minutes minutes) {
    for (auto& i : minutes.items) {
        if (i.item.exempt) i.actions.clear();
        redact(i.item);
        for (auto& d : i.resolutions) redact(d);
    }
    minutes.meeting.sees_exempt = false;
    return minutes;
}

// ---- the documents

PackDocument agenda_pack(const Agenda& agenda, Edition edition) {
    const auto& mv = agenda.meeting;
    const auto& m = mv.meeting;
    json::object view;
    view["document_kind"] = "Agenda";
    meeting_details(view, mv);

    json::array status;
    if (mv.published && m.published_at)
        status.push_back(json::string("Published on " + short_date(*m.published_at) + "."));
    else
        status.push_back(json::string("Draft agenda: not yet published."));
    if (!m.late_reason.empty())
        status.push_back(json::string("Published later than the law allows. Reason for urgency: " +
                                      m.late_reason));
    view["status_lines"] = std::move(status);

    json::array members;
    for (const auto& member : agenda.members)
        members.push_back({{"name", member.name}, {"role", member.role_text}});
    view["has_members"] = !members.empty();
    view["members"] = std::move(members);

    json::array contents, sections;
    std::vector<std::string> exempt_numbers;
    bool first = true;
    for (const auto& v : agenda.items) {
        const auto& i = v.item;
        const std::string anchor = fmt::format("item-{}", i.number);
        json::object entry{{"number", std::to_string(i.number)},
                           {"title", i.title},
                           {"anchor", anchor},
                           {"note", ""}};
        std::vector<std::string> notes;
        if (i.supplement) notes.push_back("supplementary item");
        if (v.exempt)
            notes.push_back(!v.redacted && edition == Edition::Members ? "not for publication"
                                                                       : "exempt");
        if (!notes.empty()) entry["note"] = joined(notes, ", ");
        contents.push_back(std::move(entry));
        if (v.exempt && !v.redacted && edition == Edition::Members)
            exempt_numbers.push_back(std::to_string(i.number));

        json::object s = blank_section();
        s["anchor"] = anchor;
        s["heading"] = item_heading(i);
        s["agenda"] = true;
        add_exemption(s, v, edition);
        s["supplement"] = i.supplement;
        const bool full = !v.redacted;
        const bool has_report = full && (!i.report_title.empty() || !i.report_summary.empty() ||
                                         !i.recommendations.empty() || !v.documents.empty());
        std::string classes = "part";
        if (first || has_report) classes += " new-page";
        if (v.exempt && full && edition == Edition::Members) classes += " exempt";
        s["classes"] = classes;
        first = false;
        if (full) {
            s["key_decision"] = i.key_decision;
            s["purpose"] = i.purpose;
            s["report_title"] = i.report_title;
            s["report_author"] = i.report_author;
            s["presenters"] = joined(non_empty(v.presenter_names));
            s["summary_html"] = markdown_to_html(i.report_summary, k_markdown_heading);
            s["recommendations_html"] = markdown_to_html(i.recommendations, k_markdown_heading);
            auto docs = documents_of(v);
            s["has_documents"] = !docs.empty();
            s["documents"] = std::move(docs);
            auto decl = declarations_of(v);
            s["has_declarations"] = !decl.empty();
            s["declarations"] = std::move(decl);
            if (i.standard && *i.standard == "minutes" && agenda.previous)
                s["previous_meeting"] = long_date(agenda.previous->date);
            if (i.standard && *i.standard == "action_log") {
                auto log = actions_of(agenda.action_log);
                s["action_log_empty"] = log.empty();
                s["has_action_log"] = !log.empty();
                s["action_log"] = std::move(log);
            }
        }
        sections.push_back(std::move(s));
    }
    view["edition_notice"] = edition_notice(edition, exempt_numbers, "pack");
    view["contents"] = std::move(contents);
    view["sections"] = std::move(sections);

    const std::string title = fmt::format("{}: agenda, {}", mv.body_name, long_date(m.date));
    return finish(std::move(view), title, filename_for(mv, "agenda", edition), edition,
                  running_title(mv, "agenda"));
}

PackDocument minutes_document(const Minutes& minutes, Edition edition) {
    const auto& mv = minutes.meeting;
    const auto& m = mv.meeting;
    const std::string noun = body_noun(mv.body_name, mv.body_kind);
    json::object view;
    view["document_kind"] = "Minutes";
    meeting_details(view, mv);

    json::array status;
    if (minutes.approved_at)
        status.push_back(json::string("Approved as a correct record at the meeting of " +
                                      long_date(minutes.approved_at->date) + "."));
    else
        status.push_back(
            json::string("Draft minutes: to be approved at the next meeting of the " + noun + "."));
    view["status_lines"] = std::move(status);

    // Attendance, as minutes set it out.
    std::vector<std::string> present, apologies, absent, attending;
    for (const auto& a : minutes.attendance) {
        const auto& at = a.attendee;
        std::string name = a.name;
        if (at.capacity == "substitute" && !a.substitute_for_name.empty())
            name += " (substitute for " + a.substitute_for_name + ")";
        if (at.status == "apologies")
            apologies.push_back(name);
        else if (at.status == "absent")
            absent.push_back(name);
        else if (at.capacity == "member" || at.capacity == "substitute")
            present.push_back(name);
        else
            attending.push_back(at.note.empty() ? name : name + ", " + at.note);
    }
    const auto list = [](const std::vector<std::string>& names) {
        json::array out;
        for (const auto& n : names) out.push_back(json::string(n));
        return out;
    };
    view["has_attendance"] =
        !(present.empty() && apologies.empty() && absent.empty() && attending.empty());
    view["has_present"] = !present.empty();
    view["present"] = list(present);
    view["has_apologies"] = !apologies.empty();
    view["apologies"] = list(apologies);
    view["has_absent"] = !absent.empty();
    view["absent"] = list(absent);
    view["has_attending"] = !attending.empty();
    view["attending"] = list(attending);

    json::array contents, sections;
    std::vector<std::string> exempt_numbers;
    bool first = true;
    for (const auto& mi : minutes.items) {
        const auto& v = mi.item;
        const auto& i = v.item;
        const std::string anchor = fmt::format("minute-{}", i.number);
        json::object entry{{"number", std::to_string(i.number)},
                           {"title", i.title},
                           {"anchor", anchor},
                           {"note", ""}};
        if (v.exempt)
            entry["note"] =
                !v.redacted && edition == Edition::Members ? "not for publication" : "exempt";
        contents.push_back(std::move(entry));
        if (v.exempt && !v.redacted && edition == Edition::Members)
            exempt_numbers.push_back(std::to_string(i.number));

        json::object s = blank_section();
        s["anchor"] = anchor;
        s["heading"] = item_heading(i);
        s["minutes"] = true;
        add_exemption(s, v, edition);
        std::string classes = "part";
        if (first) classes += " new-page";
        if (v.exempt && !v.redacted && edition == Edition::Members) classes += " exempt";
        s["classes"] = classes;
        first = false;
        const bool full = !v.redacted;
        if (full) {
            s["presenters"] = joined(non_empty(v.presenter_names));
            s["told_heading"] = "What the " + noun + " was told";
            s["told_html"] = markdown_to_html(i.minutes_told, k_markdown_heading);
            s["questions_html"] = markdown_to_html(i.minutes_questions, k_markdown_heading);
            auto decl = declarations_of(v);
            s["has_declarations"] = !decl.empty();
            s["declarations"] = std::move(decl);
            auto acts = actions_of(mi.actions);
            s["has_actions"] = !acts.empty();
            s["actions"] = std::move(acts);
            if (i.standard && *i.standard == "apologies" && !apologies.empty())
                s["apologies_received"] = joined(apologies);
        }
        json::array resolutions;
        for (const auto& d : mi.resolutions) {
            json::object r = row({"reasons_html", "options_html", "call_in", "call_in_status"});
            r["text_html"] = markdown_to_html(d.decision.text, k_markdown_heading);
            r["key_decision"] = d.decision.key_decision;
            if (!d.redacted) {
                r["reasons_html"] = markdown_to_html(d.decision.reasons, k_markdown_heading);
                r["options_html"] =
                    markdown_to_html(d.decision.options_considered, k_markdown_heading);
            }
            if (d.call_in) {
                std::string line = fmt::format("Call-in: until {}", short_date(d.call_in->due));
                if (d.call_in->then)
                    line += fmt::format("; it can be implemented from {}",
                                        short_date(*d.call_in->then));
                r["call_in"] = line + ".";
            }
            if (!d.decision.call_in_status.empty()) {
                const auto& st = d.decision.call_in_status;
                r["call_in_status"] = st == "called_in" ? "Called in."
                                      : st == "upheld"  ? "Called in, and upheld."
                                                        : "Called in, and referred back.";
            }
            resolutions.push_back(std::move(r));
        }
        s["has_resolutions"] = !resolutions.empty();
        s["resolutions"] = std::move(resolutions);
        sections.push_back(std::move(s));
    }
    if (!minutes.corrections.empty()) {
        json::array corrections;
        for (const auto& c : minutes.corrections) {
            std::string item;
            for (const auto& mi : minutes.items)
                if (c.item_id && mi.item.item.id == *c.item_id) item = item_heading(mi.item.item);
            corrections.push_back({{"text_html", markdown_to_html(c.text, k_markdown_heading)},
                                   {"reason", c.reason},
                                   {"item", item},
                                   {"recorded_on", short_date(c.created_at)}});
        }
        contents.push_back(
            {{"number", ""}, {"title", "Corrections"}, {"anchor", "corrections"}, {"note", ""}});
        json::object s = blank_section();
        s["anchor"] = "corrections";
        s["heading"] = "Corrections";
        s["classes"] = "part";
        s["corrections"] = std::move(corrections);
        sections.push_back(std::move(s));
    }
    view["edition_notice"] = edition_notice(edition, exempt_numbers, "document");
    view["contents"] = std::move(contents);
    view["sections"] = std::move(sections);

    const std::string title = fmt::format("{}: minutes, {}", mv.body_name, long_date(m.date));
    return finish(std::move(view), title, filename_for(mv, "minutes", edition), edition,
                  running_title(mv, "minutes"));
}

std::string pack_html(const PackDocument& doc, Layout layout, std::span<const int> pages) {
    json::object view = doc.view;
    view["print"] = layout == Layout::Print;
    view["style"] = doc.style;
    // The same policy travels in the file, for when it is opened from a disk.
    view["content_security_policy"] = fmt::format(
        "default-src 'none'; style-src 'sha256-{}'; base-uri 'none'; form-action 'none'",
        sha256_base64(doc.style));
    auto& contents = view["contents"].as_array();
    for (std::size_t i = 0; i < contents.size(); ++i)
        contents[i].as_object()["page"] = i < pages.size() ? std::to_string(pages[i]) : "";
    return http::PageRenderer::render("governance/pack", view);
}

std::string pack_content_security_policy(const PackDocument& doc) {
    return fmt::format(
        "default-src 'none'; style-src 'sha256-{}'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'",
        sha256_base64(doc.style));
}

// ---- reading the PDF's outline

Result<std::vector<int>> outline_pages(std::string_view qpdf_json) {
    json::value root;
    try {
        root = json::parse(qpdf_json);
    } catch (const std::exception& e) {
        return std::unexpected(Error::internal(fmt::format("qpdf's JSON: {}", e.what())));
    }
    const auto* outlines = root.is_object() ? root.as_object().if_contains("outlines") : nullptr;
    if (!outlines || !outlines->is_array() || outlines->as_array().size() != 1)
        return std::unexpected(
            Error::internal("the PDF's outline does not have the document's title at its top"));
    const auto* kids = outlines->as_array().front().as_object().if_contains("kids");
    std::vector<int> pages;
    if (!kids || !kids->is_array()) return pages;
    for (const auto& k : kids->as_array()) {
        const auto* page = k.is_object() ? k.as_object().if_contains("destpageposfrom1") : nullptr;
        if (!page || !page->is_int64())
            return std::unexpected(Error::internal("an outline entry of the PDF has no page"));
        pages.push_back(static_cast<int>(page->as_int64()));
    }
    return pages;
}

// ---- rendering with Chromium, qpdf and pandoc

namespace {

Error unavailable(std::string detail) {
    return Error{ErrorKind::Unavailable, std::move(detail), {}};
}

// The environment the tools run in: only what they need, with their home and temporary files
// in the request's own directory.
std::vector<std::string> tool_environment(const std::filesystem::path& dir) {
    const char* path = std::getenv("PATH");
    const std::string d = dir.string();
    return {fmt::format("PATH={}", path ? path : "/usr/local/bin:/usr/bin:/bin"),
            "HOME=" + d,
            "TMPDIR=" + d,
            "XDG_CONFIG_HOME=" + d + "/.config",
            "XDG_CACHE_HOME=" + d + "/.cache",
            "XDG_DATA_HOME=" + d + "/.local/share",
            "LANG=C.UTF-8"};
}

bool write_file(const std::filesystem::path& p, std::string_view text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    return static_cast<bool>(f);
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::string tail(std::string_view text, std::size_t n = 800) {
    return std::string(text.size() > n ? text.substr(text.size() - n) : text);
}

// Runs one tool; a failure is a 503 saying which tool and what went wrong, with the details
// in the log.
Result<ProcessOutcome> run_tool(std::string_view label, const std::string& program,
                                std::vector<std::string> args, const std::filesystem::path& dir,
                                std::chrono::seconds timeout) {
    ProcessRun run{program, std::move(args), tool_environment(dir), dir,
                   std::chrono::duration_cast<std::chrono::milliseconds>(timeout)};
    auto done = run_process(run);
    if (!done) {
        spdlog::warn("{}: {}", label, done.error().detail);
        if (done.error().reason == ProcessFailure::Reason::TimedOut)
            return std::unexpected(unavailable(fmt::format(
                "{} did not finish within {} seconds. Try again later.", label, timeout.count())));
        return std::unexpected(unavailable(fmt::format("{} could not be started.", label)));
    }
    if (done->exit_code != 0) {
        spdlog::warn("{} exited {}: {}", label, done->exit_code, tail(done->errors));
        return std::unexpected(
            unavailable(fmt::format("{} failed (exit status {}).", label, done->exit_code)));
    }
    return std::move(*done);
}

}  // namespace

Result<std::string> PackRenderer::pdf(const PackDocument& doc) {
    const std::string key = sha256_hex(pack_html(doc, Layout::Print));
    {
        std::scoped_lock lock(m_mutex);
        for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
            if (it->first != key) continue;
            m_cache.splice(m_cache.begin(), m_cache, it);
            return m_cache.front().second;
        }
    }
    CIVIC_TRY(auto made, render_pdf(doc));
    std::scoped_lock lock(m_mutex);
    m_cache.emplace_front(key, made);
    while (m_cache.size() > k_cached_pdfs) m_cache.pop_back();
    return made;
}

Result<std::string> PackRenderer::render_pdf(const PackDocument& doc) {
    const auto chromium =
        find_program({"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"});
    if (!chromium)
        return std::unexpected(unavailable(
            "PDFs cannot be made on this server: Chromium is not installed (Civic looked for "
            "chromium, chromium-browser and google-chrome on the PATH). Install Debian's "
            "chromium package, or download the HTML or DOCX document instead."));
    const auto qpdf = find_program({"qpdf"});
    if (!qpdf)
        return std::unexpected(unavailable(
            "PDFs cannot be made on this server: qpdf, which reads the PDF's page numbers for "
            "its contents list, is not installed. Install Debian's qpdf package, or download "
            "the HTML or DOCX document instead."));
    auto dir = TemporaryDirectory::create("civic-pack-");
    if (!dir) return std::unexpected(Error::internal("no temporary directory for the PDF"));
    const auto html_path = dir->path() / "pack.html";
    const auto pdf_path = dir->path() / "pack.pdf";

    std::vector<int> pages;
    for (int round = 0; round < k_renderings; ++round) {
        if (!write_file(html_path, pack_html(doc, Layout::Print, pages)))
            return std::unexpected(Error::internal("the pack's HTML could not be written"));
        std::error_code ec;
        std::filesystem::remove(pdf_path, ec);
        CIVIC_CHECK(
            run_tool("Chromium", *chromium,
                     {"--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                      "--generate-pdf-document-outline",
                      "--user-data-dir=" + (dir->path() / "profile").string(), "--no-first-run",
                      "--no-default-browser-check", "--disable-extensions",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--mute-audio",
                      // The pack loads nothing from anywhere: no name resolves.
                      "--host-resolver-rules=MAP * ~NOTFOUND",
                      "--print-to-pdf=" + pdf_path.string(), "file://" + html_path.string()},
                     dir->path(), k_chromium_time));
        auto made = read_file(pdf_path);
        if (!made || !made->starts_with("%PDF-"))
            return std::unexpected(unavailable("Chromium ran but made no PDF."));
        CIVIC_TRY(
            auto outline,
            run_tool("qpdf", *qpdf, {"--json", "--json-key=outlines", pdf_path.filename().string()},
                     dir->path(), k_tool_time));
        CIVIC_TRY(auto found, outline_pages(outline.output));
        // The outline's second level: the cover's parts and the contents list, then one entry
        // for each section, which come last.
        if (found.size() < doc.entries + 1)
            return std::unexpected(Error::internal(
                fmt::format("the PDF's outline has {} entries where the pack has {} sections",
                            found.size(), doc.entries)));
        found.erase(found.begin(), found.end() - static_cast<std::ptrdiff_t>(doc.entries));
        if (found == pages) return std::move(*made);
        pages = std::move(found);
    }
    return std::unexpected(Error::internal("the PDF's page numbers did not settle"));
}

Result<std::string> PackRenderer::docx(const PackDocument& doc) {
    const auto pandoc = find_program({"pandoc"});
    if (!pandoc)
        return std::unexpected(unavailable(
            "Word documents cannot be made on this server: pandoc is not installed. Install "
            "Debian's pandoc package, or download the HTML or PDF document instead."));
    auto dir = TemporaryDirectory::create("civic-pack-");
    if (!dir) return std::unexpected(Error::internal("no temporary directory for the document"));
    const std::string html = pack_html(doc, Layout::Word);
    // pandoc puts into the document whatever a picture or a frame points at, a file of the
    // server's included. The pack has none: its Markdown shows a picture as its description
    // and everything else is escaped; this makes sure. (Debian 12's pandoc 2.17 cannot write
    // DOCX under --sandbox, which would otherwise say the same.)
    for (const std::string_view tag : {"<img", "<iframe", "<object", "<embed", "<link", "<video",
                                       "<audio", "<source", "<script"})
        if (html.find(tag) != std::string::npos)
            return std::unexpected(Error::internal(
                fmt::format("the document's HTML holds {}>, which it never should", tag)));
    if (!write_file(dir->path() / "pack.html", html))
        return std::unexpected(Error::internal("the document's HTML could not be written"));
    CIVIC_CHECK(
        run_tool("pandoc", *pandoc,
                 {"--from=html", "--to=docx", "--toc", "--toc-depth=2", "--metadata=lang:en-GB",
                  "--resource-path=.", "--output=pack.docx", "pack.html"},
                 dir->path(), k_tool_time));
    auto made = read_file(dir->path() / "pack.docx");
    if (!made || !made->starts_with("PK"))
        return std::unexpected(unavailable("pandoc ran but made no Word document."));
    return std::move(*made);
}

}  // namespace civic::governance
