// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans from files, all or nothing: the spreadsheet councils keep their plans in (CSV, one line
// per performance measure; core/csv.hpp's pattern) and Civic's own JSON document of a whole plan
// (export.cpp writes it). Both come down to one list of drafted items, checked by one set of
// rules and written in one transaction. A spreadsheet's problems name the line and column, a
// document's the JSON path ("items[3].parent_ref").
//
// Names are matched from an index read once (org/names.hpp), as the organisation register's
// imports do, never with a query a line.

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <set>
#include <span>

#include "civic/core/csv.hpp"
#include "civic/core/date.hpp"
#include "civic/core/ids.hpp"
#include "civic/core/period.hpp"
#include "civic/core/text.hpp"
#include "civic/core/timing.hpp"
#include "civic/core/utf8.hpp"
#include "civic/modules/org/names.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/modules/plans/service.hpp"
#include "civic/modules/plans/service_support.hpp"
#include "civic/store/audit.hpp"

namespace civic::plans {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

// The limits of service_items.cpp's checks, so a file holds what a form may.
constexpr std::size_t k_long_text = 20000;

// A CSV column for each field a problem names: field → column as the first line names it.
using ColumnNames = std::map<std::string_view, std::string_view, std::less<>>;
const ColumnNames k_item_columns{{"ref", "ref"},
                                 {"parent_ref", "parent ref"},
                                 {"kind", "kind"},
                                 {"title", "title"},
                                 {"description", "description"},
                                 {"timing", "timing"},
                                 {"start_date", "timing"},
                                 {"due_date", "timing"},
                                 {"notes", "notes"},
                                 {"constraints", "constraints"},
                                 {"lead", "lead"},
                                 {"lead_unit", "unit"},
                                 {"status", "status"},
                                 {"themes", "themes"}};
const ColumnNames k_measure_columns{
    {"title", "measure"}, {"timing", "timing"}, {"due_date", "timing"}};

// Where a draft came from: a line of a spreadsheet, or a place in a JSON document.
struct Where {
    std::size_t line = 0;                  // a CSV line; 0 in a document
    const ColumnNames* columns = nullptr;  // a CSV: the column of each field
    std::string path;                      // a document: "items[3]"

    // "line 12" or "items[3]", for messages that point at another draft.
    std::string shown() const { return line ? fmt::format("line {}", line) : path; }
};

// The problems found in a file, all reported at once: by line and column for a spreadsheet,
// by JSON path for a document.
class Problems {
public:
    ImportProblems& csv() { return m_csv; }

    // field: as a document names it ("parent_ref"); "" for the whole line or object.
    void add(const Where& at, std::string_view field, std::string message) {
        if (at.line) {
            std::string_view column = field;
            if (at.columns)
                if (const auto it = at.columns->find(field); it != at.columns->end())
                    column = it->second;
            m_csv.add(at.line, column, std::move(message));
            return;
        }
        std::string where = at.path;
        if (!field.empty()) where += where.empty() ? std::string(field) : "." + std::string(field);
        m_json.push_back({where.empty() ? std::string("document") : where, std::move(message)});
    }
    void add(const Where& at, const std::vector<FieldError>& errors) {
        for (const auto& e : errors) add(at, e.field, e.message);
    }
    bool any() const { return m_csv.any() || !m_json.empty(); }

    // A document's problems, the first ImportProblems::k_max_reported of them, under a heading
    // that says how many there are and that nothing was written.
    Error document_error() const {
        const std::size_t n = m_json.size();
        std::vector<FieldError> shown(
            m_json.begin(), m_json.begin() + static_cast<std::ptrdiff_t>(
                                                 std::min(n, ImportProblems::k_max_reported)));
        std::string heading =
            fmt::format("The plan was not imported: {} problem{} found, and nothing was written.",
                        n, n == 1 ? "" : "s");
        if (n > ImportProblems::k_max_reported)
            heading += fmt::format(" The first {} are listed; correct them and try again.",
                                   ImportProblems::k_max_reported);
        return Error::validation(std::move(shown), std::move(heading));
    }

private:
    ImportProblems m_csv;
    std::vector<FieldError> m_json;
};

// One item of a file, before it is checked: every field as the file gave it (nullopt when the
// file has no such column or field). People and units are named, and the parent by its ref.
struct MeasureDraft {
    Where at;
    std::optional<std::string> kind, title, timing, due_date, achieved_on, evidence;
    std::optional<bool> achieved;
};
struct UpdateDraft {
    Where at;
    std::optional<std::string> period, status, commentary, author, entered_by;
    std::optional<std::int64_t> percent_complete;
};
struct ItemDraft {
    Where at;
    std::optional<std::string> ref, parent_ref, kind, title, description, lead, lead_unit, timing,
        start_date, due_date, status, notes, constraints;
    std::optional<std::vector<std::string>> supporting_units, themes;
    std::optional<std::int64_t> percent_complete, weight;
    std::vector<MeasureDraft> measures;
    std::vector<UpdateDraft> updates;
};
struct LinkDraft {
    Where at;
    std::optional<std::string> from_ref, to_ref, kind, note;
};

bool blank(const std::optional<std::string>& v) { return !v || trim(*v).empty(); }

// A value whose blank means "the usual one" (a status, a roll-up rule): nullopt when blank.
std::optional<std::string> given(const std::optional<std::string>& v) {
    return blank(v) ? std::nullopt : v;
}

// What the drafts become: the records to write, parents before children.
struct Built {
    std::vector<Item> items;
    std::vector<Measure> measures;
    std::vector<Update> updates;
    std::vector<std::pair<Where, kit::LinkInput>> links;
};

// Checks every draft with the rules of a single item, measure and update, resolves the names
// and the parents, and makes the records without writing them. Every fault goes into problems.
// existing: the plan's live items. refused: the refs of lines the file's reading refused, so
// that lines naming them are not blamed as well.
Built build(const Context& ctx, const Plan& plan, const std::vector<Item>& existing,
            const std::vector<ItemDraft>& drafts, const std::vector<LinkDraft>& links,
            const std::set<std::string, std::less<>>& refused, const org::NameIndex& names,
            Problems& problems) {
    const std::string now = now_text(ctx);
    std::map<std::string, const Item*, std::less<>> existing_refs;
    for (const auto& i : existing) existing_refs.emplace(i.ref, &i);

    // Each draft's item, made whether or not it passed, so that the parents can be checked.
    std::vector<Item> items(drafts.size());
    std::vector<bool> good(drafts.size(), true);
    std::map<std::string, std::size_t, std::less<>> file_refs;
    std::vector<std::vector<Measure>> measures(drafts.size());
    std::vector<std::vector<Update>> updates(drafts.size());

    for (std::size_t n = 0; n < drafts.size(); ++n) {
        const ItemDraft& d = drafts[n];
        Item& item = items[n];
        item.id = new_id();
        item.plan_id = plan.id;
        item.unit_path = plan.unit_path;
        item.created_at = item.updated_at = now;

        Checks checks;
        checks.text("ref", "Reference", d.ref, Required::Yes, 50);
        checks.text("title", "Title", d.title, Required::Yes, 2000, Lines::Many);
        checks.text("description", "Description", d.description, Required::No, k_long_text,
                    Lines::Many);
        checks.text("timing", "Timing", d.timing, Required::No, 500, Lines::Many);
        checks.text("notes", "Notes", d.notes, Required::No, k_long_text, Lines::Many);
        checks.text("constraints", "Constraints", d.constraints, Required::No, k_long_text,
                    Lines::Many);
        if (blank(d.kind))
            checks.fail("kind",
                        fmt::format("Enter the item's kind: {}", list_in_words(k_item_kinds)));
        const auto kind = checks.choice("kind", "Kind", given(d.kind), k_item_kinds, Required::No);
        const auto status =
            checks.choice("status", "Status", given(d.status), k_item_statuses, Required::No);
        number_field(checks, "percent_complete", "Percent complete", d.percent_complete, 0, 100);
        number_field(checks, "weight", "Weight", d.weight, 0, 1000);
        const auto themes = themes_field(checks, d.themes);
        const auto start = date_field(checks, "start_date", "Start date", d.start_date);
        const auto due = date_field(checks, "due_date", "Due date", d.due_date);
        // The people and units it names, by name.
        if (!blank(d.lead)) {
            if (auto id = names.person(*d.lead))
                item.lead_person_id = *id;
            else
                checks.fail("lead", id.error());
        }
        if (!blank(d.lead_unit)) {
            if (auto id = names.unit(*d.lead_unit))
                item.lead_unit_id = *id;
            else
                checks.fail("lead_unit", id.error());
        }
        if (d.supporting_units)
            for (const auto& name : *d.supporting_units) {
                if (auto id = names.unit(name))
                    item.supporting_unit_ids.push_back(*id);
                else
                    checks.fail("supporting_units", id.error());
            }
        // The ref: once in the file, and not already in the plan.
        const std::string ref = trimmed(d.ref);
        if (!checks.failed("ref")) {
            if (const auto it = existing_refs.find(ref); it != existing_refs.end())
                checks.fail("ref",
                            fmt::format("This plan already has an item {}: {}", shown_safely(ref),
                                        shortened(it->second->title, 80)));
            else if (const auto seen = file_refs.find(ref); seen != file_refs.end())
                checks.fail("ref", fmt::format("The ref {} is used already, by {}; each item "
                                               "needs its own",
                                               shown_safely(ref), drafts[seen->second].at.shown()));
            else
                file_refs.emplace(ref, n);
        }
        item.ref = ref;
        item.title = trimmed(d.title);
        item.description = trimmed(d.description);
        item.notes = trimmed(d.notes);
        item.constraints = trimmed(d.constraints);
        item.timing = trimmed(d.timing);
        if (kind) item.kind = *kind;
        item.status = status.value_or("not started");
        item.percent_complete = d.percent_complete.value_or(item.status == "complete" ? 100 : 0);
        item.weight = d.weight.value_or(1);
        if (themes) item.themes = *themes;
        // The timing's words give the dates, unless the dates are given too.
        const auto dates = dates_of(item.timing);
        item.start_date = start ? *start : dates.start;
        item.due_date = due ? *due : dates.due;
        if (item.start_date && item.due_date && *item.due_date < *item.start_date &&
            !checks.failed("due_date"))
            checks.fail("due_date", fmt::format("The due date ({}) must be on or after the start "
                                                "date ({})",
                                                *item.due_date, *item.start_date));
        if (checks.any()) {
            problems.add(d.at, checks.errors());
            good[n] = false;
        }

        std::int64_t position = 0;
        for (const auto& md : d.measures) {
            Checks mc;
            mc.text("title", "Measure", md.title, Required::Yes, 2000, Lines::Many);
            mc.text("timing", "Timing", md.timing, Required::No, 500, Lines::Many);
            mc.text("evidence", "Evidence", md.evidence, Required::No, k_long_text, Lines::Many);
            const auto mkind =
                mc.choice("kind", "Kind", given(md.kind), k_measure_kinds, Required::No);
            const auto mdue = date_field(mc, "due_date", "Due date", md.due_date);
            const auto achieved_on = date_field(mc, "achieved_on", "Achieved on", md.achieved_on);
            Measure m;
            m.id = new_id();
            m.item_id = item.id;
            m.unit_path = plan.unit_path;
            m.position = ++position;
            m.kind = mkind.value_or("qualitative");
            m.title = trimmed(md.title);
            m.timing = trimmed(md.timing);
            m.due_date = mdue ? *mdue : dates_of(m.timing).due;
            m.achieved = md.achieved.value_or(false);
            if (m.achieved && achieved_on) m.achieved_on = *achieved_on;
            m.evidence = trimmed(md.evidence);
            m.created_at = m.updated_at = now;
            if (mc.any()) {
                problems.add(md.at, mc.errors());
                good[n] = false;
            }
            measures[n].push_back(std::move(m));
        }

        for (const auto& ud : d.updates) {
            Checks uc;
            uc.text("period", "Period", ud.period, Required::Yes, 50);
            std::string period;
            if (!uc.failed("period")) {
                const auto p = parse_period(trim(*ud.period));
                if (!p || (p->kind() != PeriodKind::Month && p->kind() != PeriodKind::Quarter))
                    uc.fail("period",
                            "Period must be a month, such as 2025-09, or a quarter, "
                            "such as 2025/26 Q2");
                else
                    period = p->to_string();
            }
            const auto ustatus =
                uc.choice("status", "Status", ud.status, k_item_statuses, Required::Yes);
            if (!ud.percent_complete)
                uc.fail("percent_complete", "Enter how complete the item was, from 0 to 100");
            number_field(uc, "percent_complete", "Percent complete", ud.percent_complete, 0, 100);
            if (ustatus == "complete" && ud.percent_complete && *ud.percent_complete != 100)
                uc.fail("percent_complete", "A complete item is 100% complete");
            uc.text("commentary", "Commentary", ud.commentary, Required::No, k_long_text,
                    Lines::Many);
            uc.text("entered_by", "Entered by", ud.entered_by, Required::No, 200);
            Update u;
            if (!blank(ud.author)) {
                if (auto id = names.person(*ud.author))
                    u.author_person_id = *id;
                else
                    uc.fail("author", id.error());
            }
            u.id = new_id();
            u.item_id = item.id;
            u.unit_path = plan.unit_path;
            u.period = period;
            u.status = ustatus.value_or("");
            u.percent_complete = ud.percent_complete.value_or(0);
            u.commentary = trimmed(ud.commentary);
            // Who typed it in, as the document says; otherwise whoever imports it.
            u.entered_by = blank(ud.entered_by)
                               ? (ctx.principal.display_name.empty() ? ctx.principal.username
                                                                     : ctx.principal.display_name)
                               : trimmed(ud.entered_by);
            u.created_at = u.updated_at = now;
            if (uc.any()) {
                problems.add(ud.at, uc.errors());
                good[n] = false;
            }
            updates[n].push_back(std::move(u));
        }
    }

    // Parents: another item of the file (above or below it), or one already in the plan.
    std::vector<std::optional<std::size_t>> parent_in_file(drafts.size());
    for (std::size_t n = 0; n < drafts.size(); ++n) {
        const auto& d = drafts[n];
        if (blank(d.parent_ref)) continue;
        const std::string parent(trim(*d.parent_ref));
        if (const auto it = file_refs.find(parent); it != file_refs.end()) {
            parent_in_file[n] = it->second;
            items[n].parent_id = items[it->second].id;
        } else if (const auto old = existing_refs.find(parent); old != existing_refs.end()) {
            items[n].parent_id = old->second->id;
        } else {
            good[n] = false;
            // A parent whose own line was refused, or whose ref is used twice, is reported
            // there; the lines under it are not blamed for it as well.
            const bool reported = refused.contains(parent) ||
                                  std::any_of(drafts.begin(), drafts.end(), [&](const auto& x) {
                                      return trimmed(x.ref) == parent;
                                  });
            if (!reported)
                problems.add(d.at, "parent_ref",
                             fmt::format("There is no item {} in {}; the parent ref must be the "
                                         "ref of another item",
                                         shown_safely(parent),
                                         d.at.line ? "this file or in the plan" : "this document"));
        }
    }
    // No item may sit under itself, however far up.
    for (std::size_t n = 0; n < drafts.size(); ++n) {
        std::vector<std::size_t> chain{n};
        std::optional<std::size_t> at = parent_in_file[n];
        while (at && *at != n && chain.size() <= drafts.size()) {
            chain.push_back(*at);
            at = parent_in_file[*at];
        }
        if (!at || *at != n) continue;
        std::string words;
        for (const auto i : chain) words += items[i].ref + " → ";
        words += items[n].ref;
        problems.add(drafts[n].at, "parent_ref",
                     fmt::format("An item cannot sit under itself: {}", shown_safely(words)));
        good[n] = false;
    }

    // Links between the document's items, by ref.
    Built out;
    for (const auto& l : links) {
        Checks lc;
        lc.text("from_ref", "From ref", l.from_ref, Required::Yes, 50);
        lc.text("to_ref", "To ref", l.to_ref, Required::Yes, 50);
        const auto find = [&](const std::optional<std::string>& ref,
                              std::string_view field) -> std::string {
            if (lc.failed(field)) return "";
            const auto it = file_refs.find(trim(*ref));
            if (it != file_refs.end()) return items[it->second].id;
            lc.fail(std::string(field),
                    fmt::format("There is no item {} in this document", shown_safely(trim(*ref))));
            return "";
        };
        kit::LinkInput in{"plan_item", find(l.from_ref, "from_ref"),
                          "plan_item", find(l.to_ref, "to_ref"),
                          l.kind,      l.note};
        lc.choice("kind", "Kind", l.kind, kit::k_link_kinds, Required::Yes);
        lc.text("note", "Note", l.note, Required::No, 2000, Lines::Many);
        if (lc.any())
            problems.add(l.at, lc.errors());
        else
            out.links.emplace_back(l.at, std::move(in));
    }
    if (problems.any() || std::find(good.begin(), good.end(), false) != good.end()) return out;

    // Parents before children: depth first from the top, each level in natural ref order.
    std::multimap<std::optional<std::size_t>, std::size_t> children;
    for (std::size_t n = 0; n < drafts.size(); ++n) children.emplace(parent_in_file[n], n);
    std::function<void(std::optional<std::size_t>)> walk = [&](std::optional<std::size_t> parent) {
        std::vector<std::size_t> kids;
        for (auto [lo, hi] = children.equal_range(parent); lo != hi; ++lo)
            kids.push_back(lo->second);
        std::stable_sort(kids.begin(), kids.end(), [&](std::size_t a, std::size_t b) {
            return ref_less(items[a].ref, items[b].ref);
        });
        for (const auto n : kids) {
            out.items.push_back(std::move(items[n]));
            for (auto& m : measures[n]) out.measures.push_back(std::move(m));
            for (auto& u : updates[n]) out.updates.push_back(std::move(u));
            walk(n);
        }
    };
    walk(std::nullopt);
    return out;
}

// Writes what was built: the items, measures and updates several rows a statement with an
// audit row each, then the links through the links' own checks. Returns the counts.
Result<ImportSummary> write(Connection& c, const Context& ctx, const kit::LinkService& link_service,
                            const Plan& plan, const Built& built, Problems& problems) {
    repo::insert_items(c, built.items);
    repo::insert_measures(c, built.measures);
    repo::insert_updates(c, built.updates);
    std::vector<store::AuditedRecord> audited;
    for (const auto& i : built.items) audited.push_back({i.id, audit_text(i)});
    store::record_audits(c, ctx, k_item.name, "create", audited);
    audited.clear();
    for (const auto& m : built.measures) audited.push_back({m.id, audit_text(m)});
    store::record_audits(c, ctx, k_measure.name, "create", audited);
    audited.clear();
    for (const auto& u : built.updates) audited.push_back({u.id, audit_text(u)});
    store::record_audits(c, ctx, "plan_update", "create", audited);
    int links = 0;
    for (const auto& [at, in] : built.links) {
        auto made = link_service.create_in(c, ctx, in);
        if (!made) {
            // The link's own check: a link that says nothing new, or one the caller may not
            // make; named by the document's fields rather than by ids.
            for (const auto& e : made.error().errors)
                problems.add(at,
                             e.field == "from_id" ? "from_ref"
                             : e.field == "to_id" ? "to_ref"
                                                  : e.field,
                             e.message);
            if (made.error().errors.empty()) problems.add(at, "", made.error().detail);
            continue;
        }
        ++links;
    }
    if (problems.any()) return std::unexpected(problems.document_error());
    return ImportSummary{plan.id, static_cast<int>(built.items.size()),
                         static_cast<int>(built.measures.size()),
                         static_cast<int>(built.updates.size()), links};
}

// ---- the spreadsheet

// "leadership; culture" → {"leadership", "culture"}
std::vector<std::string> split_themes(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto semi = text.find(';');
        const auto part = trim(text.substr(0, semi));
        if (!part.empty()) out.emplace_back(part);
        if (semi == std::string_view::npos) break;
        text.remove_prefix(semi + 1);
    }
    return out;
}

// The columns a spreadsheet may have, as the first line names them (in any case).
const CsvColumns k_csv_columns{{"ref", "kind", "title"},
                               {"parent ref", "description", "measure", "timing", "notes",
                                "constraints", "lead", "unit", "status", "themes"}};

// Reads the spreadsheet's lines into drafts. An item's lines are every line with its ref: one
// gives its kind and title (and its details); each of the others adds a measure. A line's
// Measure is a measure of the item with the line's Timing; a Timing on a line with no Measure
// is the item's own.
std::vector<ItemDraft> read_lines(const CsvTable& t, const std::vector<Item>& existing,
                                  const std::set<std::string, std::less<>>& refused,
                                  Problems& problems) {
    // The lines of each ref, in the file's order.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const CsvRecord*>, std::less<>> lines_of;
    for (const auto& row : t.rows) {
        const std::string ref(trim(t.get(row, "ref").value_or("")));
        if (ref.empty()) {
            problems.add({row.line, &k_item_columns, {}}, "ref",
                         "Enter the item's ref; a line that adds a measure repeats its item's ref");
            continue;
        }
        auto& lines = lines_of[ref];
        if (lines.empty()) order.push_back(ref);
        lines.push_back(&row);
    }
    const auto value = [&](const CsvRecord& row, std::string_view column) {
        return t.get(row, column);
    };
    const auto filled = [&](const CsvRecord& row, std::string_view column) {
        return !blank(value(row, column));
    };
    std::vector<ItemDraft> drafts;
    for (const auto& ref : order) {
        const auto& lines = lines_of[ref];
        const auto is_item_line = [&](const CsvRecord* row) {
            return filled(*row, "kind") || filled(*row, "title");
        };
        const auto first = std::find_if(lines.begin(), lines.end(), is_item_line);
        if (first == lines.end()) {
            // Lines that add measures to an item no line describes.
            const Where at{lines.front()->line, &k_item_columns, {}};
            if (refused.contains(ref)) continue;
            if (std::any_of(existing.begin(), existing.end(),
                            [&](const Item& i) { return i.ref == ref; }))
                problems.add(at, "ref",
                             fmt::format("The plan already has an item {}; a file adds new "
                                         "items only, so this line cannot add a measure to it",
                                         shown_safely(ref)));
            else
                problems.add(at, "ref",
                             fmt::format("No line of this file gives the kind and title of item "
                                         "{}: its first line needs them",
                                         shown_safely(ref)));
            continue;
        }
        const CsvRecord& head = **first;
        ItemDraft d;
        d.at = {head.line, &k_item_columns, {}};
        d.ref = ref;
        d.parent_ref = value(head, "parent ref");
        d.kind = value(head, "kind");
        d.title = value(head, "title");
        d.description = value(head, "description");
        d.notes = value(head, "notes");
        d.constraints = value(head, "constraints");
        d.lead = value(head, "lead");
        d.lead_unit = value(head, "unit");
        d.status = value(head, "status");
        if (auto themes = value(head, "themes")) d.themes = split_themes(*themes);
        std::size_t timing_line = 0;  // the line that gave the item's own timing
        for (const CsvRecord* row : lines) {
            const Where at{row->line, &k_measure_columns, {}};
            if (row != &head) {
                if (is_item_line(row)) {
                    problems.add({row->line, &k_item_columns, {}}, "ref",
                                 fmt::format("The ref {} is used already, by line {}; each item "
                                             "needs its own ref, and a line that adds a measure "
                                             "leaves Kind and Title blank",
                                             shown_safely(ref), head.line));
                    continue;
                }
                // A line that adds a measure carries only the ref, the measure and its timing.
                bool extra = false;
                for (std::string_view column : {"parent ref", "description", "notes", "constraints",
                                                "lead", "unit", "status", "themes"})
                    if (filled(*row, column)) {
                        problems.csv().add(
                            row->line, column,
                            fmt::format("Leave this blank on a line that adds a measure to {}; "
                                        "the item's own details go on line {}",
                                        shown_safely(ref), head.line));
                        extra = true;
                    }
                if (extra) continue;
            }
            const auto measure = value(*row, "measure");
            const auto timing = value(*row, "timing");
            if (!blank(measure)) {
                MeasureDraft m;
                m.at = at;
                m.title = measure;
                m.timing = timing;
                d.measures.push_back(std::move(m));
            } else if (!blank(timing)) {
                if (timing_line) {
                    problems.add(at, "timing",
                                 fmt::format("{} has its own timing on line {} already; put this "
                                             "timing with a measure, or join the two",
                                             shown_safely(ref), timing_line));
                    continue;
                }
                timing_line = row->line;
                d.timing = timing;
            } else if (row != &head) {
                problems.add(at, "title",
                             fmt::format("Enter the measure this line adds to {}, or remove the "
                                         "line",
                                         shown_safely(ref)));
            }
        }
        drafts.push_back(std::move(d));
    }
    return drafts;
}

// ---- the JSON document

// Reads one object's fields with JsonFields, and reports its faults under the object's path.
// lists: the fields holding lists of objects, which the caller walks itself.
template <typename Read>
void read_object(const json::value& v, const std::string& path, std::string_view what,
                 Problems& problems, Read&& read,
                 std::initializer_list<std::string_view> lists = {}) {
    if (!v.is_object()) {
        problems.add({0, nullptr, path}, "", fmt::format("Each {} must be a JSON object", what));
        return;
    }
    json::object fields = v.as_object();
    for (const auto name : lists) fields.erase(name);
    JsonFields f(fields);
    read(f);
    if (auto done = f.finish(); !done) problems.add({0, nullptr, path}, done.error().errors);
}

// A list of objects, or a problem at its path.
const json::array* array_field(const json::object& o, std::string_view name,
                               const std::string& path, Problems& problems) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_array()) {
        problems.add({0, nullptr, path}, name, fmt::format("{} must be a list", name));
        return nullptr;
    }
    return &v->as_array();
}

// An optional name field: text, or null for none.
std::optional<std::string> name_field(JsonFields& f, std::string_view name,
                                      std::string_view label) {
    return f.optional_text(name, label, 500);
}

// The plan's own fields, as a document gives them.
struct PlanDraft {
    std::optional<std::string> kind, title, period, description, status, rollup, unit, approved_by,
        approved_on;
};

void read_document(const json::object& doc, PlanDraft& plan, std::vector<ItemDraft>& items,
                   std::vector<LinkDraft>& links, Problems& problems) {
    const Where top{0, nullptr, ""};
    const auto* format = doc.if_contains("format");
    if (!format || !format->is_string() || format->as_string() != "civic-plan")
        problems.add(top, "format",
                     "This is not a Civic plan: format must be \"civic-plan\", as civic export "
                     "plan writes it");
    const auto* version = doc.if_contains("format_version");
    if (!version || !version->is_int64() || version->as_int64() != 1)
        problems.add(top, "format_version",
                     "Civic reads version 1 of the plan format: format_version must be 1");
    for (const auto& [key, value] : doc)
        if (key != "format" && key != "format_version" && key != "plan" && key != "items" &&
            key != "links")
            problems.add(top, key,
                         fmt::format("{} is not a field Civic knows here", std::string_view(key)));

    if (const auto* p = doc.if_contains("plan"); !p) {
        problems.add(top, "plan", "Enter the plan's own fields: kind, title, period, unit, …");
    } else {
        read_object(*p, "plan", "plan", problems, [&](JsonFields& f) {
            plan.kind = f.optional_text("kind", "Kind", 100);
            plan.title = f.optional_text("title", "Title", k_long_text);
            plan.period = f.optional_text("period", "Period", 100);
            plan.description = f.optional_text("description", "Description", k_long_text);
            plan.status = f.optional_text("status", "Status", 100);
            plan.rollup = f.optional_text("rollup", "Roll-up rule", 100);
            plan.unit = name_field(f, "unit", "Unit");
            plan.approved_by = name_field(f, "approved_by", "Approved by");
            plan.approved_on = f.optional_date("approved_on", "Approved on");
        });
    }

    if (const auto* list = array_field(doc, "items", "", problems)) {
        for (std::size_t n = 0; n < list->size(); ++n) {
            const std::string path = fmt::format("items[{}]", n);
            ItemDraft d;
            d.at = {0, nullptr, path};
            read_object(
                (*list)[n], path, "item", problems,
                [&](JsonFields& f) {
                    d.ref = f.optional_text("ref", "Reference", 1000);
                    d.parent_ref = f.optional_text("parent_ref", "Parent ref", 1000);
                    d.kind = f.optional_text("kind", "Kind", 100);
                    d.title = f.optional_text("title", "Title", k_long_text);
                    d.description = f.optional_text("description", "Description", k_long_text);
                    d.lead = name_field(f, "lead", "Lead");
                    d.lead_unit = name_field(f, "lead_unit", "Lead unit");
                    d.supporting_units =
                        f.optional_text_list("supporting_units", "Supporting units");
                    d.timing = f.optional_text("timing", "Timing", k_long_text);
                    d.start_date = f.optional_date("start_date", "Start date");
                    d.due_date = f.optional_date("due_date", "Due date");
                    d.status = f.optional_text("status", "Status", 100);
                    d.percent_complete = f.optional_integer("percent_complete", "Percent complete");
                    d.notes = f.optional_text("notes", "Notes", k_long_text);
                    d.constraints = f.optional_text("constraints", "Constraints", k_long_text);
                    d.themes = f.optional_text_list("themes", "Themes");
                    d.weight = f.optional_integer("weight", "Weight");
                },
                {"measures", "updates"});
            if (!(*list)[n].is_object()) continue;
            const auto& o = (*list)[n].as_object();
            if (const auto* ms = array_field(o, "measures", path, problems))
                for (std::size_t k = 0; k < ms->size(); ++k) {
                    MeasureDraft m;
                    m.at = {0, nullptr, fmt::format("{}.measures[{}]", path, k)};
                    read_object((*ms)[k], m.at.path, "measure", problems, [&](JsonFields& f) {
                        m.kind = f.optional_text("kind", "Kind", 100);
                        m.title = f.optional_text("title", "Measure", k_long_text);
                        m.timing = f.optional_text("timing", "Timing", k_long_text);
                        m.due_date = f.optional_date("due_date", "Due date");
                        m.achieved = f.optional_boolean("achieved", "Achieved");
                        m.achieved_on = f.optional_date("achieved_on", "Achieved on");
                        m.evidence = f.optional_text("evidence", "Evidence", k_long_text);
                    });
                    d.measures.push_back(std::move(m));
                }
            if (const auto* us = array_field(o, "updates", path, problems))
                for (std::size_t k = 0; k < us->size(); ++k) {
                    UpdateDraft u;
                    u.at = {0, nullptr, fmt::format("{}.updates[{}]", path, k)};
                    read_object((*us)[k], u.at.path, "update", problems, [&](JsonFields& f) {
                        u.period = f.optional_text("period", "Period", 100);
                        u.status = f.optional_text("status", "Status", 100);
                        u.percent_complete =
                            f.optional_integer("percent_complete", "Percent complete");
                        u.commentary = f.optional_text("commentary", "Commentary", k_long_text);
                        u.author = name_field(f, "author", "Author");
                        u.entered_by = f.optional_text("entered_by", "Entered by", 1000);
                    });
                    d.updates.push_back(std::move(u));
                }
            items.push_back(std::move(d));
        }
    }

    if (const auto* list = array_field(doc, "links", "", problems))
        for (std::size_t n = 0; n < list->size(); ++n) {
            LinkDraft l;
            l.at = {0, nullptr, fmt::format("links[{}]", n)};
            read_object((*list)[n], l.at.path, "link", problems, [&](JsonFields& f) {
                l.from_ref = f.optional_text("from_ref", "From ref", 1000);
                l.to_ref = f.optional_text("to_ref", "To ref", 1000);
                l.kind = f.optional_text("kind", "Kind", 100);
                l.note = f.optional_text("note", "Note", k_long_text);
            });
            links.push_back(std::move(l));
        }
}

// The new plan a document describes: a draft, version 1, in the unit it names, which the
// caller must be able to change plans in. The document's status and approval describe the
// plan it was exported from and are not carried over: a plan is approved in Civic.
std::optional<Plan> new_plan(Connection& c, const Context& ctx, const PlanDraft& d,
                             Problems& problems) {
    Checks checks;
    checks.text("title", "Title", d.title, Required::Yes, 500);
    checks.text("description", "Description", d.description, Required::No, k_long_text,
                Lines::Many);
    const auto kind = checks.choice("kind", "Kind", d.kind, k_plan_kinds, Required::Yes);
    const auto rollup =
        checks.choice("rollup", "Roll-up rule", given(d.rollup), k_rollup_rules, Required::No);
    checks.choice("status", "Status", given(d.status), k_plan_statuses, Required::No);
    const auto period = plan_period(checks, d.period, Required::Yes);
    std::optional<org::Unit> unit;
    if (blank(d.unit)) {
        checks.fail("unit", "Enter the name of the unit whose plan this is");
    } else {
        const auto found = org::repo::find_units_by_name(c, std::string(trim(*d.unit)));
        if (found.size() > 1)
            checks.fail("unit", fmt::format("More than one unit is called \"{}\"; give the "
                                            "units distinct names first",
                                            shown_safely(trim(*d.unit))));
        else if (found.empty() || !covers(ctx.principal, found.front().path, Access::Write))
            checks.fail("unit", fmt::format("There is no unit called \"{}\" that you can change "
                                            "plans in",
                                            shown_safely(trim(*d.unit))));
        else
            unit = found.front();
    }
    if (checks.any()) {
        problems.add({0, nullptr, "plan"}, checks.errors());
        return std::nullopt;
    }
    Plan p;
    p.id = new_id();
    p.unit_id = unit->id;
    p.unit_path = unit->path;
    p.kind = *kind;
    p.title = trimmed(d.title);
    p.period = *period;
    p.description = trimmed(d.description);
    p.status = "draft";
    p.rollup = rollup.value_or("worst");
    p.created_at = p.updated_at = now_text(ctx);
    return p;
}

// Parses the document, naming the line and column of a syntax fault.
Result<json::object> parse_document(std::string_view text) {
    if (!is_valid_utf8(text))
        return std::unexpected(Error::bad_request("The plan file is not UTF-8 text."));
    json::stream_parser parser;
    boost::system::error_code ec;
    const std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        return std::unexpected(Error::bad_request(
            fmt::format("The plan file is not valid JSON (line {}, column {}: {}).", line, column,
                        ec.message())));
    }
    json::value v = parser.release();
    if (!v.is_object())
        return std::unexpected(Error::bad_request(
            "The plan file must be one JSON object, as civic export plan writes it."));
    return std::move(v.as_object());
}

}  // namespace

Result<ImportSummary> PlanService::import_items_csv(const Context& ctx, const std::string& plan_id,
                                                    std::string_view csv_text) {
    CIVIC_CHECK(require_signed_in(ctx));
    Problems problems;
    const CsvTable t = read_csv_table(csv_text, k_csv_columns, problems.csv());
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        CIVIC_TRY(auto plan, plan_to_change(c, ctx, plan_id));
        repo::ItemFilter filter;
        filter.plan_id = plan.id;
        const auto existing = repo::list_items(c, filter);
        std::set<std::string, std::less<>> refused;
        for (const auto& row : t.refused)
            if (auto ref = t.get(row, "ref")) refused.emplace(trim(*ref));
        // Without a usable first line the rows cannot be read; the header's problems say why.
        std::vector<ItemDraft> drafts;
        if (t.header_ok) drafts = read_lines(t, existing, refused, problems);
        const org::NameIndex names(c, ctx.principal);
        const Built built = build(ctx, plan, existing, drafts, {}, refused, names, problems);
        if (problems.any()) return std::unexpected(problems.csv().error());
        // A file with no lines but its first adds nothing, and changes no version.
        if (built.items.empty()) return ImportSummary{plan.id};
        CIVIC_CHECK(start_next_version(c, ctx, plan));
        return write(c, ctx, m_links, plan, built, problems);
    });
}

Result<ImportSummary> PlanService::import_plan(const Context& ctx, std::string_view json_text) {
    CIVIC_CHECK(require_signed_in(ctx));
    CIVIC_TRY(const auto doc, parse_document(json_text));
    Problems problems;
    PlanDraft plan_draft;
    std::vector<ItemDraft> drafts;
    std::vector<LinkDraft> links;
    read_document(doc, plan_draft, drafts, links, problems);
    return m_db.write([&](Connection& c) -> Result<ImportSummary> {
        const auto plan = new_plan(c, ctx, plan_draft, problems);
        const org::NameIndex names(c, ctx.principal);
        const Plan target = plan.value_or(Plan{});
        const Built built = build(ctx, target, {}, drafts, links, {}, names, problems);
        if (problems.any() || !plan) return std::unexpected(problems.document_error());
        repo::insert_plan(c, *plan);
        store::record_audit(c, ctx, k_plan.name, plan->id, "create", std::nullopt,
                            audit_text(*plan));
        return write(c, ctx, m_links, *plan, built, problems);
    });
}

}  // namespace civic::plans
