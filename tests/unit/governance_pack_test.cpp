// SPDX-License-Identifier: AGPL-3.0-or-later
// The agenda pack and the minutes as documents, from an agenda built by hand: what each edition
// holds, the contents list and sections of the HTML, the page numbers read from a PDF's outline,
// and the process runner the PDF and DOCX are made with (no shell, a timeout that kills the
// program and what it started, nothing of the server's environment passed on).

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "civic/modules/governance/pack.hpp"
#include "civic/modules/governance/process.hpp"

namespace civic::governance {
namespace {

constexpr std::string_view k_secret = "CONFIDENTIAL-TENDER-PRICES-4471";

ItemView item(std::int64_t number, std::string title) {
    ItemView v;
    v.item.id = "item-" + std::to_string(number);
    v.item.number = number;
    v.item.title = std::move(title);
    return v;
}

Agenda sample_agenda() {
    Agenda a;
    a.meeting.meeting.id = "m-1";
    a.meeting.meeting.date = "2026-10-06";
    a.meeting.meeting.start_time = "10:00";
    a.meeting.meeting.venue = "Committee Room 1, Town Hall";
    a.meeting.meeting.published_at = "2026-09-28T09:00:00Z";
    a.meeting.published = true;
    a.meeting.body_name = "Corporate Overview & Scrutiny Panel";
    a.meeting.body_kind = "scrutiny";
    a.meeting.sees_exempt = true;
    a.members.push_back(
        MemberView{"p-1", "Cllr Jo Bloggs", "councillor", "chair", "Chair", {}, {}});
    for (auto [n, standard, title] : {std::tuple{1, "apologies", "Apologies for absence"},
                                      std::tuple{2, "declarations", "Declarations of interest"},
                                      std::tuple{3, "minutes", "Minutes of the previous meeting"},
                                      std::tuple{4, "action_log", "Action log"}}) {
        auto v = item(n, title);
        v.item.standard = standard;
        a.items.push_back(v);
    }
    auto report = item(5, "Corporate Support directorate update");
    report.item.report_title = "Corporate Support: the year so far";
    report.item.report_author = "Director of Corporate Support";
    report.item.report_summary =
        "The directorate's budget is **£26.849M** across five departments.";
    report.item.recommendations = "That the panel notes the update.";
    report.presenter_names = {"Sam Okafor"};
    Document appendix;
    appendix.title = "Budget by department";
    appendix.kind = "appendix";
    appendix.content = "| Department | Budget |\n|---|---|\n| Finance | £5M |";
    appendix.url = "javascript:alert(1)";
    report.documents.push_back(appendix);
    a.items.push_back(report);
    auto supplement = item(6, "Late report on the customer contact centre");
    supplement.item.supplement = true;
    supplement.item.report_summary = "Call waiting times fell to 3 minutes.";
    a.items.push_back(supplement);
    auto exempt = item(7, "Award of the facilities management contract");
    exempt.exempt = true;
    exempt.item.exempt_paragraph = 3;
    exempt.item.exempt_reason =
        "Publishing the bids would harm the council's negotiating position.";
    exempt.exempt_notice = exempt_notice(3);
    exempt.item.report_summary = std::string("The tender prices: ") + std::string(k_secret);
    a.items.push_back(exempt);
    return a;
}

TEST(GovernancePack, the_members_edition_holds_the_exempt_item_marked_not_for_publication) {
    const auto doc = agenda_pack(sample_agenda(), Edition::Members);
    const auto html = pack_html(doc, Layout::Print);
    EXPECT_NE(html.find(k_secret), std::string::npos);
    EXPECT_NE(html.find("Not for publication: exempt under paragraph 3 of Schedule 12A to the "
                        "Local Government Act 1972"),
              std::string::npos);
    EXPECT_NE(html.find("Publishing the bids would harm"), std::string::npos);
    EXPECT_NE(html.find("class=\"part new-page exempt\""), std::string::npos);
    EXPECT_EQ(doc.filename, "corporate-overview-and-scrutiny-panel-2026-10-06-agenda-members");
    EXPECT_EQ(doc.entries, 7u);
}

TEST(GovernancePack, the_public_edition_says_an_item_is_exempt_and_nothing_more) {
    const auto doc = agenda_pack(public_edition(sample_agenda()), Edition::Public);
    for (const auto layout : {Layout::Print, Layout::Word}) {
        const auto html = pack_html(doc, layout);
        EXPECT_EQ(html.find(k_secret), std::string::npos);
        EXPECT_EQ(html.find("Publishing the bids"), std::string::npos);
        EXPECT_EQ(html.find("Not for publication"), std::string::npos);
        EXPECT_NE(html.find("7. Award of the facilities management contract"), std::string::npos);
        EXPECT_NE(html.find("Exempt under paragraph 3 of Schedule 12A to the Local Government Act "
                            "1972"),
                  std::string::npos);
        EXPECT_NE(html.find("Information relating to the financial or business affairs"),
                  std::string::npos);
    }
    EXPECT_EQ(doc.filename, "corporate-overview-and-scrutiny-panel-2026-10-06-agenda");
}

TEST(GovernancePack, lays_out_a_contents_list_with_each_page_and_a_section_for_every_item) {
    const auto doc = agenda_pack(sample_agenda(), Edition::Members);
    const std::vector<int> pages{2, 2, 2, 2, 3, 4, 5};
    const auto html = pack_html(doc, Layout::Print, pages);
    EXPECT_NE(html.find("<h2 id=\"contents-heading\">Contents</h2>"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"#item-5\">Corporate Support directorate update</a></td>"
                        "<td class=\"page\">3</td>"),
              std::string::npos);
    EXPECT_NE(html.find("(supplementary item)"), std::string::npos);
    // Every report starts a page; the standard items follow one another.
    EXPECT_NE(html.find("<section id=\"item-1\" class=\"part new-page\""), std::string::npos);
    EXPECT_NE(html.find("<section id=\"item-2\" class=\"part\""), std::string::npos);
    EXPECT_NE(html.find("<section id=\"item-5\" class=\"part new-page\""), std::string::npos);
    // Markdown is shown as HTML, under the section's own headings; an address that is not a
    // web page is shown as text, never as a link.
    EXPECT_NE(html.find("<strong>£26.849M</strong>"), std::string::npos);
    EXPECT_NE(html.find("<table>"), std::string::npos);
    EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
    // The Word document has no contents list of its own: Word makes one.
    EXPECT_EQ(pack_html(doc, Layout::Word).find("contents-heading"), std::string::npos);
    // Its stylesheet is the one the Content-Security-Policy allows.
    EXPECT_NE(html.find("<style>" + doc.style + "</style>"), std::string::npos);
    EXPECT_TRUE(
        pack_content_security_policy(doc).starts_with("default-src 'none'; style-src "
                                                      "'sha256-"));
}

TEST(GovernancePack, a_row_without_a_value_of_its_own_does_not_show_its_sections) {
    // A document with no exempt marking inside an exempt item must not show the item's.
    auto a = sample_agenda();
    a.items[6].documents.push_back(Document{.kind = "report", .title = "Tender evaluation"});
    const auto html = pack_html(agenda_pack(a, Edition::Members), Layout::Print);
    const auto doc_at = html.find("Report: Tender evaluation");
    ASSERT_NE(doc_at, std::string::npos);
    EXPECT_EQ(html.substr(doc_at, 200).find("exempt-marking"), std::string::npos);
}

TEST(GovernancePack, the_minutes_say_who_attended_what_was_resolved_and_hide_exempt_reasons) {
    Minutes m;
    m.meeting = sample_agenda().meeting;
    m.meeting.meeting.minutes_status = "draft";
    AttendeeView chair;
    chair.attendee.capacity = "member";
    chair.attendee.status = "present";
    chair.name = "Cllr Jo Bloggs";
    AttendeeView away;
    away.attendee.capacity = "member";
    away.attendee.status = "apologies";
    away.name = "Cllr Ann Other";
    m.attendance = {chair, away};
    MinutesItem told{item(5, "Corporate Support directorate update"), {}, {}};
    told.item.item.minutes_told = "The budget is £26.849M.";
    DecisionView agreed;
    agreed.decision.text = "Agreed that the update be noted.";
    told.resolutions.push_back(agreed);
    ActionView action;
    action.action.text = "Circulate the benchmarking figures";
    action.owner = "Sam Okafor";
    action.action.due_date = "2026-11-03";
    told.actions.push_back(action);
    MinutesItem exempt{item(7, "Award of the facilities management contract"), {}, {}};
    exempt.item.exempt = true;
    exempt.item.item.exempt_paragraph = 3;
    exempt.item.item.minutes_told = std::string(k_secret);
    DecisionView award;
    award.decision.text = "Agreed that the contract be awarded to the preferred bidder.";
    award.decision.exempt_paragraph = 3;
    award.decision.reasons = std::string("The prices were ") + std::string(k_secret);
    exempt.resolutions.push_back(award);
    m.items = {told, exempt};

    const auto members = pack_html(minutes_document(m, Edition::Members), Layout::Print);
    EXPECT_NE(members.find(k_secret), std::string::npos);
    EXPECT_NE(members.find("What the panel was told"), std::string::npos);
    EXPECT_NE(members.find("Cllr Ann Other"), std::string::npos);
    EXPECT_NE(members.find("3 November 2026"), std::string::npos);
    EXPECT_NE(members.find("Draft minutes"), std::string::npos);

    const auto doc = minutes_document(public_edition(m), Edition::Public);
    const auto html = pack_html(doc, Layout::Print);
    EXPECT_EQ(html.find(k_secret), std::string::npos);
    EXPECT_NE(html.find("Agreed that the contract be awarded to the preferred bidder."),
              std::string::npos);
    EXPECT_EQ(doc.filename, "corporate-overview-and-scrutiny-panel-2026-10-06-minutes");
}

TEST(GovernancePack, reads_the_page_of_each_section_from_the_outline_below_the_title) {
    const auto pages = outline_pages(R"({"version": 2, "outlines": [{"title": "Panel",
        "destpageposfrom1": 1, "kids": [
          {"title": "Contents", "destpageposfrom1": 1, "kids": []},
          {"title": "1. Apologies", "destpageposfrom1": 2, "kids": []},
          {"title": "5. Update", "destpageposfrom1": 4, "kids": [
             {"title": "Summary", "destpageposfrom1": 5, "kids": []}]}]}]})");
    ASSERT_TRUE(pages.has_value());
    EXPECT_EQ(*pages, (std::vector<int>{1, 2, 4}));
    EXPECT_FALSE(outline_pages(R"({"outlines": []})").has_value());
    EXPECT_FALSE(outline_pages("not json").has_value());
}

// The text of one page of a PDF, by pdftotext (poppler-utils), or nullopt without it.
std::optional<std::string> page_text(const std::filesystem::path& pdf, int page) {
    const auto pdftotext = find_program({"pdftotext"});
    if (!pdftotext) return std::nullopt;
    const auto n = std::to_string(page);
    auto done = run_process({*pdftotext, {"-layout", "-f", n, "-l", n, pdf.string(), "-"}, {}});
    if (!done || done->exit_code != 0) return std::nullopt;
    return done->output;
}

TEST(GovernancePack, the_pdf_contents_list_gives_the_page_each_item_starts_on) {
    if (!find_program({"chromium"}) || !find_program({"qpdf"}) || !find_program({"pdftotext"}))
        GTEST_SKIP() << "needs chromium, qpdf and pdftotext";
    auto a = sample_agenda();
    // A report long enough to run over several pages.
    std::string longer;
    for (int i = 1; i <= 40; ++i)
        longer += "Paragraph " + std::to_string(i) +
                  ": the directorate reported on its budget, its people and its performance, "
                  "department by department, with what went well and what did not.\n\n";
    a.items[4].item.report_summary = longer;
    const auto doc = agenda_pack(a, Edition::Members);
    PackRenderer renderer;
    const auto pdf = renderer.pdf(doc);
    ASSERT_TRUE(pdf.has_value()) << pdf.error().detail;
    auto dir = TemporaryDirectory::create("civic-pack-test-");
    ASSERT_TRUE(dir.has_value());
    const auto file = dir->path() / "pack.pdf";
    std::ofstream(file, std::ios::binary) << *pdf;

    const auto contents = page_text(file, 1);
    ASSERT_TRUE(contents.has_value());
    for (const auto& v : a.items) {
        // The contents line: "5   Corporate Support directorate update    3".
        const auto at = contents->find(v.item.title);
        ASSERT_NE(at, std::string::npos) << v.item.title;
        const auto line_end = contents->find('\n', at);
        const auto line = contents->substr(at, line_end - at);
        const auto digits = line.find_last_not_of("0123456789");
        ASSERT_NE(digits + 1, line.size()) << line;
        const int page = std::stoi(line.substr(digits + 1));
        const auto heading = std::to_string(v.item.number) + ". " + v.item.title;
        const auto there = page_text(file, page);
        ASSERT_TRUE(there.has_value());
        EXPECT_NE(there->find(heading), std::string::npos) << heading << " on page " << page;
        if (page > 1) {
            EXPECT_EQ(page_text(file, page - 1)->find(heading), std::string::npos);
        }
    }
    // Asked again, the same document comes from the cache, the same bytes.
    EXPECT_EQ(*renderer.pdf(doc), *pdf);

    const auto docx = renderer.docx(doc);
    if (find_program({"pandoc"})) {
        ASSERT_TRUE(docx.has_value()) << docx.error().detail;
        EXPECT_TRUE(docx->starts_with("PK"));
    }
}

TEST(Process, runs_a_program_without_a_shell_and_reads_its_output_and_status) {
    const auto sh = find_program({"sh"});
    ASSERT_TRUE(sh.has_value());
    // The text is one argument, never read as a command: the shell is the program here only
    // to have something that echoes and fails.
    const auto done = run_process(
        {*sh, {"-c", "printf '%s' \"$1\"; echo oops >&2; exit 3", "sh", "a; rm -rf /"}, {}});
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(done->output, "a; rm -rf /");
    EXPECT_EQ(done->errors, "oops\n");
    EXPECT_EQ(done->exit_code, 3);
}

TEST(Process, passes_only_the_environment_it_is_given) {
    ::setenv("CIVIC_SECRET_FOR_TEST", "hunter2", 1);
    const auto env = find_program({"env"});
    ASSERT_TRUE(env.has_value());
    const auto done = run_process({*env, {}, {"ONLY=this"}});
    ASSERT_TRUE(done.has_value());
    EXPECT_EQ(done->output, "ONLY=this\n");
    ::unsetenv("CIVIC_SECRET_FOR_TEST");
}

TEST(Process, kills_a_program_and_what_it_started_when_its_time_is_up) {
    const auto sh = find_program({"sh"});
    ASSERT_TRUE(sh.has_value());
    auto dir = TemporaryDirectory::create("civic-process-test-");
    ASSERT_TRUE(dir.has_value());
    const auto pid_file = dir->path() / "child.pid";
    const auto done =
        run_process({*sh,
                     {"-c", "sleep 30 & echo $! > \"$1\"; wait", "sh", pid_file.string()},
                     {"PATH=/usr/bin:/bin"},
                     {},
                     std::chrono::milliseconds(500)});
    ASSERT_FALSE(done.has_value());
    EXPECT_EQ(done.error().reason, ProcessFailure::Reason::TimedOut);
    std::ifstream f(pid_file);
    pid_t child = 0;
    f >> child;
    ASSERT_GT(child, 0);
    // The sleep it started is gone too (killed, and reaped by init once orphaned).
    bool gone = false;
    for (int i = 0; i < 100 && !gone; ++i) {
        std::error_code ec;
        gone =
            !std::filesystem::exists("/proc/" + std::to_string(child), ec) || ::kill(child, 0) != 0;
        if (!gone) {
            std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
            std::string pid, name, state;
            stat >> pid >> name >> state;
            gone = state == "Z";
        }
        if (!gone) usleep(20000);
    }
    EXPECT_TRUE(gone);
}

TEST(Process, says_a_program_that_cannot_be_found_or_started) {
    EXPECT_FALSE(find_program({"civic-no-such-program", "/nonexistent/tool"}).has_value());
    const auto done = run_process({"/nonexistent/tool", {}, {}});
    ASSERT_FALSE(done.has_value());
    EXPECT_EQ(done.error().reason, ProcessFailure::Reason::NotStarted);
}

TEST(Process, a_temporary_directory_goes_with_everything_in_it) {
    std::filesystem::path kept;
    {
        auto dir = TemporaryDirectory::create("civic-process-test-");
        ASSERT_TRUE(dir.has_value());
        kept = dir->path();
        std::filesystem::create_directories(kept / "profile" / "deep");
        std::ofstream(kept / "profile" / "deep" / "file") << "x";
        EXPECT_TRUE(std::filesystem::exists(kept / "profile" / "deep" / "file"));
    }
    EXPECT_FALSE(std::filesystem::exists(kept));
}

}  // namespace
}  // namespace civic::governance
