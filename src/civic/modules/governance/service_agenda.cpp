// SPDX-License-Identifier: AGPL-3.0-or-later
// Agenda items and their documents, exempt information under Schedule 12A, and the agenda's
// publication with the deadline in law it keeps.
//
// Numbering. An agenda is one sequence: the four standard items (apologies, declarations of
// interest, the minutes of the previous meeting, the action log) are 1 to 4, and the items a
// clerk adds follow from 5. Until the agenda is published the numbers are the clerk's to
// arrange: a new item goes last or at the number it names, an item can be moved to another
// number, and the items between close up or make room, so the numbers always run 1, 2, 3, …
// without a gap; archiving an item closes the gap it leaves. Once the agenda is published its
// numbers are fixed, as the printed agenda and the pack carry them: an item added then is a
// supplement, numbered after the highest number the agenda has used, and an item archived
// then is withdrawn, not removed: it keeps its number and stays in the agenda's list with
// its archived_at set, so the public can see that item 7 was withdrawn rather than find a
// gap. Every item whose number changes is changed and audited as a "renumber".
//
// Documents are numbered 1, 2, … within their item (position) the same way at any time.
#include <fmt/format.h>

#include <algorithm>

#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

namespace {

constexpr std::size_t k_title = 300;
constexpr std::size_t k_purpose = 2000;
constexpr std::size_t k_markdown = 100000;
constexpr std::size_t k_url = 2000;
constexpr std::size_t k_reason = 2000;
constexpr std::size_t k_presenters = 20;

// An item's or a document's Schedule 12A paragraph and its public-interest reason, checked as
// they will stand after the change (a sent field, else the stored one), and set when good. A
// reason without a paragraph is refused; clearing the paragraph clears the reason.
void apply_exemption(Checks& checks,
                     const std::optional<std::optional<std::int64_t>>& sent_paragraph,
                     const std::optional<std::string>& sent_reason,
                     std::optional<std::int64_t>& paragraph_field, std::string& reason_field,
                     std::string_view what) {
    const std::optional<std::optional<std::int64_t>> paragraph =
        sent_paragraph ? *sent_paragraph : std::optional<std::int64_t>(paragraph_field);
    const std::optional<std::string> reason =
        sent_reason ? sent_reason : std::optional<std::string>(reason_field);
    exempt_fields(checks, paragraph, reason, true);
    if (!*paragraph && sent_reason && !trimmed(sent_reason).empty())
        checks.fail("exempt_reason",
                    fmt::format("Give the public-interest reason only for an exempt {}: set "
                                "exempt_paragraph to the paragraph of Schedule 12A it falls under",
                                what));
    if (!checks.failed("exempt_paragraph") && !checks.failed("exempt_reason")) {
        paragraph_field = *paragraph;
        reason_field = *paragraph ? trimmed(reason) : std::string();
    }
}

Error no_item() {
    return Error::not_found("There is no agenda item with this id that you can see.");
}
Error no_document() {
    return Error::not_found("There is no document with this id that you can see.");
}

// Whether an archived item was withdrawn from the published agenda (and so keeps its number
// and is shown), rather than taken off it before publication. Timestamps are all written by
// format_timestamp, so they compare as text.
bool withdrawn(const AgendaItem& i, const Meeting& m) {
    return i.archived_at && m.published_at && *i.archived_at >= *m.published_at;
}

// The agenda as it stands: its live items and, once published, those withdrawn from it, in
// number order.
std::vector<AgendaItem> agenda_items_of(Connection& c, const Meeting& m) {
    if (!m.published_at) return repo::list_items(c, m.id);
    return repo::agenda_items().where(c,
                                      "i.meeting_id = ? AND (i.archived_at IS NULL OR "
                                      "i.archived_at >= ?) ORDER BY i.number, i.id",
                                      {m.id, *m.published_at});
}

std::vector<Document> documents_of(Connection& c, const std::string& item_id) {
    return repo::documents().where(
        c, "d.item_id = ? AND d.archived_at IS NULL ORDER BY d.position, d.id", {item_id});
}

std::int64_t standard_count(const std::vector<AgendaItem>& items) {
    return std::count_if(items.begin(), items.end(),
                         [](const AgendaItem& i) { return i.standard.has_value(); });
}

// Gives the records, in the order given, the numbers 1, 2, …, changing (and auditing as a
// "renumber") each whose number differs. The record `skip` was written by the caller.
template <typename Record>
Result<void> resequence(Connection& c, const Context& ctx, const Entity<Record>& entity,
                        const std::vector<Record>& ordered, std::int64_t Record::*number,
                        const std::string& skip) {
    for (std::size_t n = 0; n < ordered.size(); ++n) {
        const auto want = static_cast<std::int64_t>(n + 1);
        if (ordered[n].id == skip || ordered[n].*number == want) continue;
        CIVIC_CHECK(change_record(c, ctx, entity, ordered[n].id, ordered[n].version, "renumber",
                                  [&](Record& r) -> Result<void> {
                                      r.*number = want;
                                      return ok();
                                  }));
    }
    return ok();
}

// `moved` placed at its number among the others (live, in order), for resequence().
template <typename Record>
std::vector<Record> placed(std::vector<Record> others, const Record& moved,
                           std::int64_t Record::*number) {
    std::erase_if(others, [&](const Record& r) { return r.id == moved.id; });
    const auto at =
        std::clamp<std::int64_t>(moved.*number - 1, 0, static_cast<std::int64_t>(others.size()));
    others.insert(others.begin() + at, moved);
    return others;
}

std::string clear_days_words(const DeadlineRules& rules, std::int64_t n) {
    return fmt::format("{} clear {}{}", n,
                       rules.settings.clear_days == "calendar" ? "" : "working ",
                       n == 1 ? "day" : "days");
}

// A record a field names by id: live, and found by `find`; "" clears it.
template <typename Find, typename Fits>
void reference_field(Connection& c, Checks& checks, std::string_view field,
                     const std::optional<std::string>& v, std::optional<std::string>& out,
                     Find&& find, Fits&& fits, std::string_view message) {
    if (!v) return;
    const std::string id = trimmed(v);
    if (id.empty()) {
        out.reset();
        return;
    }
    auto found = is_id(id) ? find(c, id) : std::nullopt;
    if (!found || found->archived_at || !fits(*found)) {
        checks.fail(std::string(field), std::string(message));
        return;
    }
    out = id;
}

// The fields of an item a create sets and a change may change, checked and applied. The
// number is the caller's business (it depends on the agenda).
void apply_item_input(Connection& c, Checks& checks, const ItemInput& in, AgendaItem& i,
                      bool creating) {
    checks.text("title", "the title", in.title, required_when(creating, in.title), k_title);
    if (in.title && !checks.failed("title")) i.title = trimmed(in.title);
    checks.text("purpose", "the purpose", in.purpose, Required::No, k_purpose, Lines::Many);
    if (in.purpose) i.purpose = trimmed(in.purpose);
    checks.text("report_title", "the report's title", in.report_title, Required::No, k_title);
    if (in.report_title) i.report_title = trimmed(in.report_title);
    checks.text("report_author", "the report's author", in.report_author, Required::No, k_title);
    if (in.report_author) i.report_author = trimmed(in.report_author);
    checks.text("report_summary", "the report's summary", in.report_summary, Required::No,
                k_markdown, Lines::Many);
    if (in.report_summary) i.report_summary = trimmed(in.report_summary);
    checks.text("recommendations", "the recommendations", in.recommendations, Required::No,
                k_markdown, Lines::Many);
    if (in.recommendations) i.recommendations = trimmed(in.recommendations);
    checks.text("minutes_told", "what the meeting was told", in.minutes_told, Required::No,
                k_markdown, Lines::Many);
    if (in.minutes_told) i.minutes_told = trimmed(in.minutes_told);
    checks.text("minutes_questions", "the questions raised", in.minutes_questions, Required::No,
                k_markdown, Lines::Many);
    if (in.minutes_questions) i.minutes_questions = trimmed(in.minutes_questions);

    if (in.presenter_ids) {
        checks.text_list("presenter_ids", "the presenters", in.presenter_ids, k_presenters, 100);
        std::vector<std::string> ids;
        for (const auto& raw : *in.presenter_ids) {
            if (checks.failed("presenter_ids")) break;
            const std::string id(trim(raw));
            person_field(c, checks, "presenter_ids", "Each presenter", id);
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
        if (!checks.failed("presenter_ids")) i.presenter_ids = std::move(ids);
    }

    // Schedule 12A: the paragraph and its public-interest reason, checked as they will stand.
    apply_exemption(checks, in.exempt_paragraph, in.exempt_reason, i.exempt_paragraph,
                    i.exempt_reason, "item");

    if (in.key_decision) i.key_decision = *in.key_decision;
    reference_field(
        c, checks, "forward_plan_id", in.forward_plan_id, i.forward_plan_id, repo::find_entry,
        [](const ForwardPlanEntry&) { return true; },
        "Forward plan entry must be an entry on the forward plan");
    reference_field(
        c, checks, "topic_id", in.topic_id, i.topic_id, repo::find_topic,
        [&](const Topic& t) { return t.body_id == i.body_id; },
        "Topic must be a topic of this body's work programme");
}

bool sends_minutes(const ItemInput& in) { return in.minutes_told || in.minutes_questions; }

// An item's minutes may be written, and the agenda changed, until the meeting's minutes are
// approved; the first minutes written make them a draft.
Result<void> minutes_open(const Meeting& m) {
    if (m.minutes_status == "approved")
        return std::unexpected(Error::conflict(
            "The minutes of this meeting were approved and are now locked. Record a correction "
            "beside them instead: POST /api/v1/meetings/{id}/minutes/corrections."));
    return ok();
}

Result<void> start_minutes(Connection& c, const Context& ctx, const Meeting& m) {
    if (m.minutes_status != "none") return ok();
    CIVIC_CHECK(
        change_record(c, ctx, k_meeting, m.id, m.version, "update", [](Meeting& r) -> Result<void> {
            r.minutes_status = "draft";
            return ok();
        }));
    return ok();
}

// The item, its meeting and body, when the caller may read the meeting's agenda. An item
// archived before publication never stood on the published agenda: only those who see the
// unpublished agenda may read it.
struct Placed {
    AgendaItem item;
    Meeting meeting;
    Body body;
};
std::optional<Placed> readable_item(Connection& c, const Principal& who, const std::string& id) {
    auto item = repo::find_item(c, id);
    if (!item) return std::nullopt;
    auto m = repo::find_meeting(c, item->meeting_id);
    if (!m) return std::nullopt;
    auto b = repo::find_body(c, m->body_id);
    if (!b || !may_read_agenda(c, who, *b, *m)) return std::nullopt;
    if (m->archived_at && !covers(who, m->unit_path, Access::Read)) return std::nullopt;
    if (item->archived_at && !withdrawn(*item, *m) && !sees_unpublished(c, who, *m))
        return std::nullopt;
    return Placed{std::move(*item), std::move(*m), std::move(*b)};
}

// The fields of a document a create sets and a change may change, checked and applied.
void apply_document_input(Checks& checks, const DocumentInput& in, Document& d, bool creating) {
    if (auto kind = checks.choice("kind", "Kind", in.kind, k_document_kinds,
                                  required_when(creating, in.kind)))
        d.kind = *kind;
    checks.text("title", "the title", in.title, required_when(creating, in.title), k_title);
    if (in.title && !checks.failed("title")) d.title = trimmed(in.title);
    checks.text("content", "the content", in.content, Required::No, k_markdown, Lines::Many);
    if (in.content) d.content = trimmed(in.content);
    checks.text("url", "the link", in.url, Required::No, k_url);
    if (in.url && !checks.failed("url")) {
        const std::string url = trimmed(in.url);
        if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://"))
            checks.fail("url", "Link must be a web address starting https:// or http://");
        else
            d.url = url;
    }
    apply_exemption(checks, in.exempt_paragraph, in.exempt_reason, d.exempt_paragraph,
                    d.exempt_reason, "document");
}

// A position from 1 to last, when sent.
void position_field(Checks& checks, std::string_view field, std::string_view label,
                    const std::optional<std::int64_t>& v, std::int64_t first, std::int64_t last,
                    std::string_view why) {
    if (v && (*v < first || *v > last))
        checks.fail(std::string(field),
                    first == last
                        ? fmt::format("{} must be {}{}", label, first, why)
                        : fmt::format("{} must be from {} to {}{}", label, first, last, why));
}

}  // namespace

// ---- items

Result<std::vector<ItemView>> GovernanceService::list_items(const Context& ctx,
                                                            const std::string& meeting_id) {
    return m_db.read([&](Connection& c) -> Result<std::vector<ItemView>> {
        CIVIC_TRY(auto m, readable_meeting(c, ctx, meeting_id));
        auto b = repo::find_body(c, m.body_id);
        if (!b || !may_read_agenda(c, ctx.principal, *b, m) ||
            (m.archived_at && !covers(ctx.principal, m.unit_path, Access::Read)))
            return std::unexpected(
                Error::not_found("There is no meeting with this id whose agenda you can see yet."));
        std::vector<ItemView> out;
        for (const auto& i : agenda_items_of(c, m))
            out.push_back(item_view(c, m, i, entitled_to_exempt(c, ctx.principal, m, &i)));
        return out;
    });
}

Result<ItemView> GovernanceService::get_item(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<ItemView> {
        auto found = readable_item(c, ctx.principal, id);
        if (!found) return std::unexpected(no_item());
        const bool entitled = entitled_to_exempt(c, ctx.principal, found->meeting, &found->item);
        auto v = item_view(c, found->meeting, found->item, entitled);
        // What an exempt item is linked to (a contract's risk, say) is part of what is exempt.
        if (!v.redacted) v.links = m_links.links_of(c, ctx.principal, "agenda_item", id);
        return v;
    });
}

Result<AgendaItem> GovernanceService::create_item(const Context& ctx, const ItemInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<AgendaItem> {
        CIVIC_TRY(auto m, changeable_meeting(c, ctx, in.meeting_id.value_or("")));
        AgendaItem i;
        i.meeting_id = m.id;
        i.body_id = m.body_id;
        i.unit_path = m.unit_path;
        Checks checks;
        apply_item_input(c, checks, in, i, true);
        const auto items = agenda_items_of(c, m);
        std::int64_t highest = 0;
        for (const auto& x : items) highest = std::max(highest, x.number);
        if (m.published_at) {
            // A supplement: after every number the published agenda has used.
            if (in.number)
                checks.fail("number",
                            fmt::format("The agenda is published, so its numbers are fixed: an "
                                        "item added now is a supplement, numbered {}. Leave "
                                        "number out",
                                        highest + 1));
            i.supplement = true;
            i.number = highest + 1;
        } else {
            const std::int64_t first = standard_count(items) + 1;
            const auto last = static_cast<std::int64_t>(items.size()) + 1;
            position_field(checks, "number", "Number", in.number, first, last,
                           ": the standard items come first, and an item goes at most one "
                           "after the last");
            i.number = in.number.value_or(last);
        }
        // An agenda whose minutes are approved is part of the record: nothing is added to it.
        CIVIC_CHECK(minutes_open(m));
        CIVIC_CHECK(checks.result());
        if (sends_minutes(in) && (!i.minutes_told.empty() || !i.minutes_questions.empty()))
            CIVIC_CHECK(start_minutes(c, ctx, m));
        auto made = insert_record(c, ctx, k_item, repo::agenda_items(), std::move(i));
        if (!m.published_at)
            CIVIC_CHECK(resequence(c, ctx, k_item, placed(items, made, &AgendaItem::number),
                                   &AgendaItem::number, made.id));
        return made;
    });
}

Result<AgendaItem> GovernanceService::update_item(const Context& ctx, const std::string& id,
                                                  const ItemInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<AgendaItem> {
        auto found = repo::find_item(c, id);
        if (!found || !may_change(ctx.principal, *found))
            return std::unexpected(
                Error::not_found("There is no agenda item with this id that you can change."));
        CIVIC_TRY(auto m, changeable_meeting(c, ctx, found->meeting_id));
        std::vector<AgendaItem> items;
        bool moved = false;
        CIVIC_TRY(auto changed,
                  change_record(
                      c, ctx, k_item, id, version, "update", [&](AgendaItem& i) -> Result<void> {
                          if (i.archived_at)
                              return std::unexpected(
                                  Error::conflict("This agenda item is archived: it cannot be "
                                                  "changed."));
                          Checks checks;
                          if (in.meeting_id)
                              checks.fail("meeting_id",
                                          "An item stays on its meeting's agenda: "
                                          "archive it and add it to the other "
                                          "meeting instead");
                          apply_item_input(c, checks, in, i, false);
                          if (in.number && *in.number != i.number) {
                              items = agenda_items_of(c, m);
                              if (m.published_at)
                                  checks.fail("number",
                                              "The agenda is published, so its "
                                              "numbers are fixed: an item cannot "
                                              "be moved now");
                              else if (i.standard)
                                  checks.fail("number",
                                              "The standard items keep their "
                                              "places at the start of the agenda");
                              else
                                  position_field(checks, "number", "Number", in.number,
                                                 standard_count(items) + 1,
                                                 static_cast<std::int64_t>(items.size()),
                                                 ": the standard items come first");
                              i.number = *in.number;
                              moved = true;
                          }
                          if (sends_minutes(in)) CIVIC_CHECK(minutes_open(m));
                          return checks.result();
                      }));
        if (sends_minutes(in)) CIVIC_CHECK(start_minutes(c, ctx, m));
        if (moved)
            CIVIC_CHECK(resequence(c, ctx, k_item, placed(items, changed, &AgendaItem::number),
                                   &AgendaItem::number, changed.id));
        return changed;
    });
}

Result<AgendaItem> GovernanceService::archive_item(const Context& ctx, const std::string& id,
                                                   std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<AgendaItem> {
        auto found = repo::find_item(c, id);
        if (!found || !may_change(ctx.principal, *found))
            return std::unexpected(
                Error::not_found("There is no agenda item with this id that you can change."));
        auto m = repo::find_meeting(c, found->meeting_id);
        if (!m) return std::unexpected(no_item());
        CIVIC_TRY(
            auto archived,
            archive_record(c, ctx, k_item, id, version, [&](const AgendaItem& i) -> Result<void> {
                if (i.standard)
                    return std::unexpected(Error::conflict(
                        fmt::format("Item {}, {}, is one of the standard items every "
                                    "agenda opens with: it cannot be archived.",
                                    i.number, i.title)));
                CIVIC_CHECK(minutes_open(*m));
                return ok();
            }));
        // Before publication the items after it close up; after, it is withdrawn and keeps
        // its number.
        if (!m->published_at)
            CIVIC_CHECK(
                resequence(c, ctx, k_item, repo::list_items(c, m->id), &AgendaItem::number, ""));
        return archived;
    });
}

// ---- documents

Result<std::vector<Document>> GovernanceService::list_documents(const Context& ctx,
                                                                const std::string& item_id) {
    return m_db.read([&](Connection& c) -> Result<std::vector<Document>> {
        auto found = readable_item(c, ctx.principal, item_id);
        if (!found) return std::unexpected(no_item());
        const bool entitled = entitled_to_exempt(c, ctx.principal, found->meeting, &found->item);
        return item_view(c, found->meeting, found->item, entitled).documents;
    });
}

Result<Document> GovernanceService::get_document(const Context& ctx, const std::string& id) {
    return m_db.read([&](Connection& c) -> Result<Document> {
        auto d = repo::find_document(c, id);
        if (!d) return std::unexpected(no_document());
        auto found = readable_item(c, ctx.principal, d->item_id);
        if (!found) return std::unexpected(no_document());
        if (d->archived_at && !sees_unpublished(c, ctx.principal, found->meeting))
            return std::unexpected(no_document());
        if ((found->item.exempt_paragraph || d->exempt_paragraph) &&
            !entitled_to_exempt(c, ctx.principal, found->meeting, &found->item))
            return std::unexpected(no_document());
        return *d;
    });
}

Result<Document> GovernanceService::create_document(const Context& ctx, const DocumentInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Document> {
        const std::string item_id = in.item_id.value_or("");
        auto item = named_record(is_id(item_id) ? repo::find_item(c, item_id) : std::nullopt,
                                 [&](const AgendaItem& i) { return may_change(ctx.principal, i); });
        if (!item)
            return std::unexpected(
                Error::not_found("There is no agenda item with this id that you can change."));
        CIVIC_CHECK(changeable_meeting(c, ctx, item->meeting_id));
        Document d;
        d.item_id = item->id;
        d.meeting_id = item->meeting_id;
        d.body_id = item->body_id;
        d.unit_path = item->unit_path;
        Checks checks;
        apply_document_input(checks, in, d, true);
        const auto docs = documents_of(c, item->id);
        const auto last = static_cast<std::int64_t>(docs.size()) + 1;
        position_field(checks, "position", "Position", in.position, 1, last,
                       ": a document goes at most one after the item's last");
        CIVIC_CHECK(checks.result());
        d.position = in.position.value_or(last);
        auto made = insert_record(c, ctx, k_document, repo::documents(), std::move(d));
        CIVIC_CHECK(resequence(c, ctx, k_document, placed(docs, made, &Document::position),
                               &Document::position, made.id));
        return made;
    });
}

Result<Document> GovernanceService::update_document(const Context& ctx, const std::string& id,
                                                    const DocumentInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Document> {
        std::vector<Document> docs;
        bool moved = false;
        CIVIC_TRY(auto changed,
                  change_record(
                      c, ctx, k_document, id, version, "update", [&](Document& d) -> Result<void> {
                          if (d.archived_at)
                              return std::unexpected(Error::conflict(
                                  "This document is archived: it cannot be changed."));
                          Checks checks;
                          if (in.item_id)
                              checks.fail("item_id",
                                          "A document stays with its item: archive "
                                          "it and add it to the other item instead");
                          apply_document_input(checks, in, d, false);
                          if (in.position && *in.position != d.position) {
                              docs = documents_of(c, d.item_id);
                              position_field(checks, "position", "Position", in.position, 1,
                                             static_cast<std::int64_t>(docs.size()), "");
                              d.position = *in.position;
                              moved = true;
                          }
                          return checks.result();
                      }));
        if (moved)
            CIVIC_CHECK(resequence(c, ctx, k_document, placed(docs, changed, &Document::position),
                                   &Document::position, changed.id));
        return changed;
    });
}

Result<Document> GovernanceService::archive_document(const Context& ctx, const std::string& id,
                                                     std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Document> {
        CIVIC_TRY(auto archived, archive_record(c, ctx, k_document, id, version, no_objection));
        CIVIC_CHECK(resequence(c, ctx, k_document, documents_of(c, archived.item_id),
                               &Document::position, ""));
        return archived;
    });
}

// ---- publication

Result<Meeting> GovernanceService::publish(const Context& ctx, const std::string& meeting_id,
                                           const PublicationInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Meeting> {
        const auto rules = rules_on(c, ctx);
        return change_record(
            c, ctx, k_meeting, meeting_id, version, "publish", [&](Meeting& m) -> Result<void> {
                if (m.archived_at)
                    return std::unexpected(
                        Error::conflict("This meeting is archived: its agenda cannot be "
                                        "published."));
                if (m.published_at)
                    return std::unexpected(Error::conflict(fmt::format(
                        "This meeting's agenda was already published, at {}. Add anything "
                        "new as a supplement.",
                        *m.published_at)));
                if (m.status == "cancelled")
                    return std::unexpected(Error::conflict(
                        "This meeting is cancelled: there is no agenda to publish."));
                Checks checks;
                checks.text("late_reason", "the reason for urgency", in.late_reason, Required::No,
                            k_reason, Lines::Many);
                CIVIC_CHECK(checks.result());
                const auto body = repo::find_body(c, m.body_id);
                const auto date = parse_iso_date(m.date);
                // The five clear days bind the meetings the public may attend.
                if (body && body->access == "public" && date) {
                    const auto deadline = publication_deadline(rules, *date, std::nullopt, "");
                    const auto latest = parse_iso_date(deadline.due);
                    if (latest && rules.today > *latest) {
                        if (trimmed(in.late_reason).empty())
                            return std::unexpected(Error::validation(
                                "late_reason",
                                fmt::format(
                                    "The agenda is late: the last day to publish it, leaving {} "
                                    "before the meeting on {}, was {}. Enter the reason for "
                                    "urgency: why it could not wait",
                                    clear_days_words(rules, rules.settings.publication_clear_days),
                                    format_long_date(*date), format_long_date(*latest))));
                        m.late_reason = trimmed(in.late_reason);
                    }
                }
                m.published_at = now_text(ctx);
                return ok();
            });
    });
}

}  // namespace civic::governance
