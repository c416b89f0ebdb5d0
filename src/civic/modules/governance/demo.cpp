// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's governance, from data/demo/governance/ (compiled into the binary; its
// README says where each part comes from in the seeds), made as the council's clerks would
// have made it, through the same service calls the API and the pages use:
//
//   bodies          each body's settings and schedule (create_body on its unit), and the
//                   meetings its schedule gives from weeks_before today to weeks_after it
//                   (generate_meetings), those on a bank holiday cancelled;
//   forward_plan    the Cabinet's key decisions, each first published some weeks before
//                   the meeting that takes it;
//   work_programme  the scrutiny panels' topics and the meetings they come to;
//   meetings        meetings told in full: their agenda's items, reports and documents
//                   (an exempt one under Schedule 12A, with the notice of a private meeting
//                   its executive body must give), the attendance, the minutes, the
//                   resolutions as decisions, the actions, and the minutes' approval at the
//                   body's next meeting when that is past.
//
// Every agenda of a public body is published on the last working day the law's clear days
// allow, once that day has come, and every meeting before today is marked held. The demo runs
// on any date, so each meeting is found relative to today ({"body", "weeks_from_today"}: the
// body's meeting nearest that day, before today when negative, after it when positive), and
// each step is done with the clock set to the day a clerk would have done it.
//
// All of it is one transaction: the service is run on a store::Database that is the one
// connection of this write (kit::WithinTransaction), each of its writes a savepoint, so the
// demo's governance is loaded whole or not at all and every rule the service keeps is kept.

#include "civic/modules/kit/demo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <map>

#include "civic/modules/governance/service.hpp"
#include "civic/modules/governance/service_support.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

Error demo_error(std::string_view what, std::string_view key, const Error& e) {
    return kit::demo_error("demo governance's", what, key, e);
}

Error missing(std::string_view what) {
    return Error::internal(
        fmt::format("The demo governance is incomplete in this build: {}.", what));
}

// The clock for what was done on a day, at an hour (kit::demo_clock).
Context at(const Context& ctx, Date day, int hour) { return kit::demo_clock(ctx, day, hour); }

std::optional<std::string> text(const json::object& o, std::string_view key) {
    return kit::demo_text(o, key);
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view key) {
    return kit::demo_integer(o, key);
}

std::optional<bool> boolean(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_bool()) return std::nullopt;
    return v->as_bool();
}

const json::array& list(const json::object& o, std::string_view key) {
    return kit::demo_list(o, key);
}

const json::object& object(const json::object& o, std::string_view key) {
    static const json::object none;
    const auto* v = o.if_contains(key);
    return v && v->is_object() ? v->as_object() : none;
}

std::string ymd(Date d) { return format_iso_date(d); }

using Files = std::map<std::string, std::string_view, std::less<>>;

// Loads the demo's governance on one connection, through the service `s` that runs on it.
class Loader {
public:
    Loader(GovernanceService& s, Connection& c, const Context& ctx, const json::object& doc,
           const Files& files)
        : m_s(s), m_c(c), m_ctx(ctx), m_doc(doc), m_files(files), m_today(today(ctx)) {}

    Result<GovernanceService::DemoSummary> run() {
        read_register();
        const auto& window = object(m_doc, "window");
        m_from =
            add_days(m_today, -7 * static_cast<int>(integer(window, "weeks_before").value_or(13)));
        m_to = add_days(m_today, 7 * static_cast<int>(integer(window, "weeks_after").value_or(26)));
        m_set_up = add_days(
            m_from, -7 * static_cast<int>(integer(window, "set_up_weeks_before").value_or(2)));
        m_rules = rules_on(m_c, m_ctx);

        for (const auto& b : list(m_doc, "bodies")) CIVIC_CHECK(body(b.as_object()));
        for (const auto& e : list(m_doc, "forward_plan")) CIVIC_CHECK(entry(e.as_object()));
        for (const auto& t : list(m_doc, "work_programme")) CIVIC_CHECK(topic(t.as_object()));
        std::vector<std::pair<const json::object*, Meeting>> told;
        for (const auto& m : list(m_doc, "meetings")) {
            CIVIC_TRY(auto meeting, agenda(m.as_object()));
            told.emplace_back(&m.as_object(), std::move(meeting));
        }
        CIVIC_CHECK(publish_and_hold());
        for (const auto& [m, meeting] : told) CIVIC_CHECK(record(*m, meeting));
        return m_summary;
    }

private:
    // ---- the register, by name

    void read_register() {
        for (const auto& u : org::repo::live_unit_names(m_c)) m_units.emplace(u.name, u.id);
        org::repo::ListFilter all;
        all.limit = INT_MAX;
        for (const auto& p : org::repo::list_people(m_c, all)) m_people.emplace(p.name, p.id);
    }

    Result<std::string> unit(std::string_view name) const {
        if (const auto it = m_units.find(name); it != m_units.end()) return it->second;
        return std::unexpected(missing(fmt::format(
            "the demo council has no unit called \"{}\"; load the demo council first", name)));
    }

    Result<std::string> person(std::string_view name) const {
        if (const auto it = m_people.find(name); it != m_people.end()) return it->second;
        return std::unexpected(missing(fmt::format(
            "the demo council has no person called \"{}\"; load the demo council first", name)));
    }

    Result<std::vector<std::string>> people(const json::array& names) const {
        std::vector<std::string> out;
        for (const auto& n : names) {
            CIVIC_TRY(auto id, person(n.is_string() ? std::string_view(n.as_string()) : ""));
            out.push_back(std::move(id));
        }
        return out;
    }

    // A long text: a string, a list of lines, or {"file": "name.md"}, a file beside
    // governance.json.
    Result<std::optional<std::string>> long_text(const json::object& o,
                                                 std::string_view key) const {
        const auto* v = o.if_contains(key);
        if (!v) return std::optional<std::string>();
        if (v->is_string()) return std::optional<std::string>(std::string(v->as_string()));
        if (v->is_array()) {
            std::string out;
            bool first = true;
            for (const auto& line : v->as_array()) {
                if (!first) out += '\n';
                first = false;
                if (line.is_string()) out += std::string_view(line.as_string());
            }
            return std::optional<std::string>(out);
        }
        if (v->is_object()) {
            const std::string name = text(v->as_object(), "file").value_or("");
            if (const auto it = m_files.find(name); it != m_files.end())
                return std::optional<std::string>(std::string(it->second));
            return std::unexpected(missing(fmt::format("there is no {}", name)));
        }
        return std::unexpected(missing(fmt::format("\"{}\" is not a text", key)));
    }

    // ---- meetings, found relative to today

    // The body's meeting (not cancelled) nearest today plus weeks_from_today, before today
    // when that is negative and after it when it is positive.
    Result<Meeting> find_meeting(const json::object& where) const {
        const std::string body = text(where, "body").value_or("");
        const auto weeks = integer(where, "weeks_from_today").value_or(0);
        const std::string what = fmt::format("{} {} weeks from today", body, weeks);
        const auto found = m_meetings.find(body);
        if (found == m_meetings.end())
            return std::unexpected(missing(fmt::format("{}: no such body in bodies", what)));
        const Date target = add_days(m_today, 7 * static_cast<int>(weeks));
        const std::string today = ymd(m_today);
        std::optional<std::string> best;
        int best_distance = INT_MAX;
        for (const auto& [date, id] : found->second) {
            if (weeks < 0 ? date >= today : date <= today) continue;
            const int distance = std::abs(days_between(target, *parse_iso_date(date)));
            if (distance < best_distance) {
                best = id;
                best_distance = distance;
            }
        }
        if (!best)
            return std::unexpected(missing(fmt::format("{}: the body has no such meeting", what)));
        return current(*best);
    }

    Result<Meeting> current(const std::string& id) const {
        auto m = repo::find_meeting(m_c, id);
        if (!m) return std::unexpected(missing("a meeting it made has gone"));
        return *m;
    }

    // The last working day on or before the latest day an agenda can be published, or a
    // notice given, n clear days before a meeting.
    Date notice_day(const std::string& meeting_date, std::int64_t n) const {
        Date d = latest_for_clear_days(m_rules, *parse_iso_date(meeting_date), static_cast<int>(n),
                                       "the day of the meeting")
                     .latest;
        while (!m_rules.calendar.is_working_day(d)) d = add_days(d, -1);
        return d;
    }

    // ---- the parts of governance.json

    Result<void> body(const json::object& b) {
        const std::string name = text(b, "name").value_or("");
        CIVIC_TRY(const auto unit_id, unit(name));
        BodyInput in;
        in.unit_id = unit_id;
        in.kind = text(b, "kind");
        in.access = text(b, "access");
        in.executive = boolean(b, "executive");
        CIVIC_TRY(in.terms_of_reference, long_text(b, "terms_of_reference"));
        if (auto q = integer(b, "quorum")) in.quorum = std::optional<std::int64_t>(*q);
        in.schedule_phrase = text(b, "schedule_phrase");
        in.schedule_rrule = text(b, "schedule_rrule");
        in.schedule_first_date = text(b, "schedule_first_date");
        in.schedule_time = text(b, "schedule_time");
        in.duration_minutes = integer(b, "duration_minutes");
        in.venue = text(b, "venue");
        const Context set_up = at(m_ctx, m_set_up, 9);
        auto made = m_s.create_body(set_up, in);
        if (!made) return std::unexpected(demo_error("body", name, made.error()));
        ++m_summary.bodies;
        m_bodies.emplace(name, *made);

        GenerationInput window;
        window.from = ymd(m_from);
        window.to = ymd(m_to);
        auto generated = m_s.generate_meetings(set_up, made->id, window);
        if (!generated) return std::unexpected(demo_error("meetings of", name, generated.error()));
        auto& dates = m_meetings[name];
        for (const auto& m : generated->created) dates.emplace(m.date, m.id);
        m_summary.meetings += static_cast<int>(generated->created.size());
        m_summary.items +=
            static_cast<int>(generated->created.size() * std::size(k_standard_items));
        // No meeting on a bank holiday: the clerk cancels it when the year is set up.
        for (const auto& holiday : generated->on_holidays) {
            const std::string date = holiday.substr(0, 10);
            const auto it = dates.find(date);
            if (it == dates.end()) continue;
            CIVIC_TRY(const auto m, current(it->second));
            MeetingInput cancel;
            cancel.status = "cancelled";
            // "2026-12-25 (Christmas Day)"
            const auto open = holiday.find(" (");
            const std::string name = open == std::string::npos
                                         ? holiday
                                         : holiday.substr(open + 2, holiday.size() - open - 3);
            cancel.status_reason = fmt::format("No meeting on a bank holiday: {}.", name);
            auto done = m_s.update_meeting(set_up, m.id, cancel, m.version);
            if (!done) return std::unexpected(demo_error("cancellation of", holiday, done.error()));
            dates.erase(it);
        }
        return ok();
    }

    Result<void> entry(const json::object& e) {
        const std::string reference = text(e, "reference").value_or("");
        CIVIC_TRY(const auto meeting, find_meeting(object(e, "meeting")));
        Date first = add_days(
            *parse_iso_date(meeting.date),
            -7 * static_cast<int>(integer(e, "first_published_weeks_before_meeting").value_or(8)));
        while (!m_rules.calendar.is_working_day(first)) first = add_days(first, -1);
        const auto body = m_bodies.find(text(e, "body").value_or(""));
        if (body == m_bodies.end())
            return std::unexpected(missing(fmt::format("entry {} names no body", reference)));
        EntryInput in;
        in.body_id = body->second.id;
        in.reference = reference;
        in.title = text(e, "title");
        in.summary = text(e, "summary");
        in.decision_maker = text(e, "decision_maker");
        if (auto name = text(e, "lead_member")) {
            CIVIC_TRY(in.lead_member_id, person(*name));
        }
        if (auto name = text(e, "lead_officer")) {
            CIVIC_TRY(in.lead_officer_id, person(*name));
        }
        in.planned_on = meeting.date;
        in.meeting_id = meeting.id;
        in.first_published_on = ymd(first);
        in.key_decision = true;
        if (auto p = integer(e, "exempt_paragraph")) in.exempt_paragraph = std::optional(*p);
        in.exempt_reason = text(e, "exempt_reason");
        auto made = m_s.create_entry(at(m_ctx, first, 9), in);
        if (!made)
            return std::unexpected(demo_error("forward plan entry", reference, made.error()));
        m_entries.emplace(reference, made->id);
        return ok();
    }

    Result<void> topic(const json::object& t) {
        const std::string title = text(t, "title").value_or("");
        const std::string body = text(t, "body").value_or("");
        const auto found = m_bodies.find(body);
        if (found == m_bodies.end())
            return std::unexpected(missing(fmt::format("topic \"{}\" names no body", title)));
        TopicInput in;
        in.body_id = found->second.id;
        in.title = title;
        in.description = text(t, "description");
        in.status = text(t, "status");
        CIVIC_TRY(in.lead_member_ids, people(list(t, "lead_members")));
        std::vector<std::string> meetings;
        for (const auto& where : list(t, "meetings")) {
            CIVIC_TRY(const auto m, find_meeting(where.as_object()));
            meetings.push_back(m.id);
        }
        in.meeting_ids = meetings;
        const Date agreed = add_days(
            m_today, -7 * static_cast<int>(integer(t, "added_weeks_before_today").value_or(2)));
        auto made = m_s.create_topic(at(m_ctx, agreed, 11), in);
        if (!made) return std::unexpected(demo_error("work programme topic", title, made.error()));
        return ok();
    }

    // A meeting's agenda before it is published: the notice of its private part, its items and
    // their documents.
    Result<Meeting> agenda(const json::object& o) {
        CIVIC_TRY(auto meeting, find_meeting(object(o, "meeting")));
        const std::string where = fmt::format("{} on {}", meeting.title, meeting.date);
        const auto body = repo::find_body(m_c, meeting.body_id);
        if (!body) return std::unexpected(missing("a body it made has gone"));
        const Date published = notice_day(meeting.date, m_rules.settings.publication_clear_days);
        bool exempt = false;
        for (const auto& i : list(o, "items"))
            exempt = exempt || i.as_object().contains("exempt_paragraph");
        // The executive gives notice that part of the meeting will be in private, 28 clear days
        // before it.
        if (exempt && body->executive) {
            const Date notice =
                notice_day(meeting.date, m_rules.settings.private_notice_clear_days);
            MeetingInput in;
            in.private_notice_on = ymd(notice);
            auto done = m_s.update_meeting(at(m_ctx, notice, 10), meeting.id, in, meeting.version);
            if (!done)
                return std::unexpected(
                    demo_error("notice of a private meeting", where, done.error()));
        }
        const Context drafted = at(m_ctx, add_days(published, -7), 11);
        for (const auto& v : list(o, "items")) {
            const auto& i = v.as_object();
            const std::string title = text(i, "title").value_or("");
            ItemInput in;
            in.meeting_id = meeting.id;
            in.title = title;
            in.purpose = text(i, "purpose");
            in.report_title = text(i, "report_title");
            in.report_author = text(i, "report_author");
            CIVIC_TRY(in.report_summary, long_text(i, "report_summary"));
            CIVIC_TRY(in.recommendations, long_text(i, "recommendations"));
            CIVIC_TRY(in.presenter_ids, people(list(i, "presenters")));
            if (auto p = integer(i, "exempt_paragraph")) in.exempt_paragraph = std::optional(*p);
            in.exempt_reason = text(i, "exempt_reason");
            in.key_decision = boolean(i, "key_decision");
            if (auto ref = text(i, "forward_plan")) {
                const auto e = m_entries.find(*ref);
                if (e == m_entries.end())
                    return std::unexpected(missing(
                        fmt::format("item \"{}\" names {}, not in forward_plan", title, *ref)));
                in.forward_plan_id = e->second;
            }
            auto item = m_s.create_item(drafted, in);
            if (!item) return std::unexpected(demo_error("agenda item", title, item.error()));
            ++m_summary.items;
            m_items.emplace(item_key(meeting.id, title), item->id);
            std::int64_t position = 1;
            for (const auto& dv : list(i, "documents")) {
                const auto& d = dv.as_object();
                DocumentInput doc;
                doc.item_id = item->id;
                doc.kind = text(d, "kind");
                doc.title = text(d, "title");
                CIVIC_TRY(doc.content, long_text(d, "content"));
                doc.url = text(d, "url");
                if (auto p = integer(d, "exempt_paragraph"))
                    doc.exempt_paragraph = std::optional(*p);
                doc.exempt_reason = text(d, "exempt_reason");
                doc.position = position++;
                auto made = m_s.create_document(drafted, doc);
                if (!made)
                    return std::unexpected(
                        demo_error("document", doc.title.value_or(""), made.error()));
            }
        }
        return current(meeting.id);
    }

    // Every public body's agenda published on the last working day the clear days allow, once
    // that has come; every meeting before today held.
    Result<void> publish_and_hold() {
        const std::string today = ymd(m_today);
        for (const auto& [name, dates] : m_meetings) {
            const Body& body = m_bodies.at(name);
            for (const auto& [date, id] : dates) {
                if (body.access == "public") {
                    const Date day = notice_day(date, m_rules.settings.publication_clear_days);
                    if (day > m_today) break;
                    CIVIC_TRY(const auto m, current(id));
                    auto done = m_s.publish(at(m_ctx, day, 10), id, PublicationInput{}, m.version);
                    if (!done)
                        return std::unexpected(demo_error(
                            "publication of", fmt::format("{} on {}", name, date), done.error()));
                }
            }
            for (const auto& [date, id] : dates) {
                if (date >= today) break;
                CIVIC_TRY(const auto m, current(id));
                MeetingInput held;
                held.status = "held";
                auto done =
                    m_s.update_meeting(at(m_ctx, *parse_iso_date(date), 21), id, held, m.version);
                if (!done)
                    return std::unexpected(demo_error(
                        "meeting held", fmt::format("{} on {}", name, date), done.error()));
            }
        }
        return ok();
    }

    // What a meeting told in full recorded: who came, its minutes, its resolutions and actions,
    // and the minutes' approval at the body's next meeting once that is past.
    Result<void> record(const json::object& o, const Meeting& told) {
        CIVIC_TRY(const auto meeting, current(told.id));
        const std::string where = fmt::format("{} on {}", meeting.title, meeting.date);
        const Date day = *parse_iso_date(meeting.date);
        const std::string body_name = repo::find_named_body(m_c, meeting.body_id)->name;

        std::vector<AttendeeInput> rows;
        for (const auto& v : list(o, "attendance")) {
            const auto& a = v.as_object();
            AttendeeInput in;
            CIVIC_TRY(in.person_id, person(text(a, "person").value_or("")));
            in.capacity = text(a, "capacity");
            in.status = text(a, "status");
            in.note = text(a, "note");
            rows.push_back(std::move(in));
        }
        if (!rows.empty()) {
            auto taken = m_s.take_register(at(m_ctx, day, 17), meeting.id, rows);
            if (!taken) return std::unexpected(demo_error("attendance at", where, taken.error()));
        }

        // The minutes, written up two days later.
        const Context written = at(m_ctx, add_days(day, 2), 10);
        const auto& standard = object(o, "standard_minutes");
        for (const auto& item : repo::list_items(m_c, meeting.id)) {
            if (!item.standard || !standard.contains(*item.standard)) continue;
            ItemInput in;
            in.minutes_told = text(standard, *item.standard);
            CIVIC_CHECK(change_item(written, item.id, in, where));
        }
        for (const auto& v : list(o, "items")) {
            const auto& i = v.as_object();
            const std::string title = text(i, "title").value_or("");
            const std::string item_id = m_items.at(item_key(meeting.id, title));
            ItemInput in;
            CIVIC_TRY(in.minutes_told, long_text(i, "minutes_told"));
            CIVIC_TRY(in.minutes_questions, long_text(i, "minutes_questions"));
            if (in.minutes_told || in.minutes_questions)
                CIVIC_CHECK(change_item(written, item_id, in, title));
            for (const auto& rv : list(i, "resolutions")) {
                const auto& r = rv.as_object();
                DecisionInput d;
                d.item_id = item_id;
                d.decision_maker = body_name;
                d.decided_on = meeting.date;
                d.title = text(r, "title");
                d.text = text(r, "text");
                d.reasons = text(r, "reasons");
                d.options_considered = text(r, "options_considered");
                d.key_decision = boolean(r, "key_decision");
                d.executive = boolean(r, "executive");
                if (auto p = integer(r, "exempt_paragraph")) d.exempt_paragraph = std::optional(*p);
                if (auto n = integer(r, "published_working_days_after"))
                    d.published_on =
                        ymd(m_rules.calendar.add_working_days(day, static_cast<int>(*n)));
                std::optional<std::string> entry_id;
                if (auto ref = text(i, "forward_plan")) entry_id = m_entries.at(*ref);
                d.forward_plan_id = entry_id;
                auto decided = m_s.create_decision(written, d);
                if (!decided)
                    return std::unexpected(
                        demo_error("decision", d.title.value_or(""), decided.error()));
                ++m_summary.decisions;
                if (entry_id) CIVIC_CHECK(taken(written, *entry_id, decided->id));
            }
            for (const auto& av : list(i, "actions")) {
                const auto& a = av.as_object();
                ActionInput in;
                in.item_id = item_id;
                in.text = text(a, "text");
                CIVIC_TRY(in.owner_person_id, person(text(a, "owner").value_or("")));
                in.due_date = ymd(
                    add_days(day, 7 * static_cast<int>(integer(a, "due_weeks_after").value_or(4))));
                auto made = m_s.create_action(written, in);
                if (!made)
                    return std::unexpected(
                        demo_error("action", in.text.value_or(""), made.error()));
                ++m_summary.actions;
            }
        }

        // Approved as a correct record at the body's next meeting, when that has been held.
        if (const auto approval = text(o, "approved_at_next_meeting")) {
            const auto next = repo::next_meeting(m_c, meeting);
            if (next && next->date < ymd(m_today)) {
                const Date next_day = *parse_iso_date(next->date);
                const Context approved = at(m_ctx, next_day, 19);
                for (const auto& item : repo::list_items(m_c, next->id)) {
                    if (item.standard != std::optional<std::string>("minutes")) continue;
                    ItemInput in;
                    std::string said = *approval;
                    if (const auto at_date = said.find("{date}"); at_date != std::string::npos)
                        said.replace(at_date, 6, format_day_month_year(day));
                    in.minutes_told = said;
                    CIVIC_CHECK(change_item(approved, item.id, in, "minutes of the next meeting"));
                }
                CIVIC_TRY(const auto now, current(meeting.id));
                MinutesApprovalInput in;
                in.at_meeting_id = next->id;
                auto done = m_s.approve_minutes(approved, meeting.id, in, now.version);
                if (!done)
                    return std::unexpected(
                        demo_error("approval of the minutes of", where, done.error()));
            }
        }
        return ok();
    }

    Result<void> change_item(const Context& ctx, const std::string& id, const ItemInput& in,
                             std::string_view what) {
        auto item = repo::find_item(m_c, id);
        if (!item) return std::unexpected(missing("an agenda item it made has gone"));
        auto done = m_s.update_item(ctx, id, in, item->version);
        if (!done) return std::unexpected(demo_error("minutes of", what, done.error()));
        return ok();
    }

    // The forward plan's entry marked taken by its decision, unless the decision did it.
    Result<void> taken(const Context& ctx, const std::string& entry_id,
                       const std::string& decision_id) {
        auto e = repo::find_entry(m_c, entry_id);
        if (!e) return std::unexpected(missing("a forward plan entry it made has gone"));
        if (e->status == "taken" && e->decision_id == decision_id) return ok();
        EntryInput in;
        in.status = "taken";
        in.decision_id = decision_id;
        auto done = m_s.update_entry(ctx, entry_id, in, e->version);
        if (!done)
            return std::unexpected(demo_error("forward plan entry", e->reference, done.error()));
        return ok();
    }

    static std::string item_key(const std::string& meeting_id, const std::string& title) {
        return meeting_id + '\n' + title;
    }

    GovernanceService& m_s;
    Connection& m_c;
    const Context& m_ctx;
    const json::object& m_doc;
    const Files& m_files;
    const Date m_today;
    Date m_from, m_to, m_set_up;
    DeadlineRules m_rules;
    std::map<std::string, std::string, std::less<>> m_units, m_people;
    std::map<std::string, Body, std::less<>> m_bodies;  // by name
    // Each body's meetings (not cancelled), by name: date → id.
    std::map<std::string, std::map<std::string, std::string>, std::less<>> m_meetings;
    std::map<std::string, std::string> m_entries;  // forward plan reference → id
    std::map<std::string, std::string> m_items;    // item_key → id
    GovernanceService::DemoSummary m_summary;
};

}  // namespace

Result<GovernanceService::DemoSummary> GovernanceService::load_demo(
    const Context& ctx, const std::vector<DemoFile>& files) {
    CIVIC_CHECK(require_signed_in(ctx));
    Files by_name;
    for (const auto& f : files) by_name.emplace(std::string(f.name), f.text);
    const auto index = by_name.find("governance.json");
    if (index == by_name.end()) return std::unexpected(missing("there is no governance.json"));
    boost::system::error_code ec;
    const json::value doc = json::parse(index->second, ec);
    if (ec || !doc.is_object())
        return std::unexpected(missing("governance.json is not a JSON object"));

    return m_db.write([&](Connection& c) -> Result<DemoSummary> {
        if (!repo::list_bodies(c, true).empty())
            return std::unexpected(Error::conflict(
                "This database already has governance bodies, so the demo governance was not "
                "loaded."));
        kit::WithinTransaction one(c);
        kit::LinkService links(one, m_links.types());
        org::OrgService org(one);
        GovernanceService service(one, links, org);
        return Loader(service, c, ctx, doc.as_object(), by_name).run();
    });
}

}  // namespace civic::governance
