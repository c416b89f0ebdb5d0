// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The rules of governance: bodies and their members, schedules and meetings, attendance and
// quorum, agendas and their reports and documents, exempt information under Schedule 12A,
// the agenda's publication and the deadlines in law, minutes and their approval, decisions and
// call-in, the action log carried from meeting to meeting, the forward plan of key decisions
// and the scrutiny work programme. The JSON API, the pages, the calendar feeds, the agenda
// pack and the command line all come through here.
//
// Who sees what:
// - A public body (council, cabinet, committees, scrutiny, audit) and its meetings may be
//   read by anyone; a meeting's agenda once it is published, and before that by those whose
//   role covers the body's unit and the body's members. A private body (an officer group:
//   the Executive Management Group, a directorate management team) and all it makes only by
//   those whose role covers its unit, and its members.
// - Exempt information (an item or document under a paragraph of Schedule 12A) only by those
//   entitled: administrators, editors whose role covers the body's unit (the clerks), the
//   body's members on the meeting's date and the people named on the item (its presenters),
//   where "a member" or "a presenter" is the person the signed-in user is linked to. Everyone
//   else is told that the item is exempt and under which paragraph, and nothing more: its
//   title stays, its report, recommendations, documents, minutes and the reasons for its
//   decisions do not.
// - Whoever may write in the body's unit may change the body and everything its meetings
//   make.

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/governance/model.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/org/service.hpp"
#include "civic/store/database.hpp"

namespace civic::governance {

// ---- inputs. On a change, nullopt leaves a field as it is and "" (or a nullopt inside)
// clears an optional one.

struct SettingsInput {
    std::optional<std::int64_t> publication_clear_days, forward_plan_clear_days,
        private_notice_clear_days, call_in_working_days;
    std::optional<std::string> clear_days;
};

struct BodyInput {
    // A create names the unit of kind "body" it adds to (unit_id), or makes one (name, with
    // parent_id and description).
    std::optional<std::string> unit_id, parent_id, name, description;
    std::optional<std::string> kind, access, terms_of_reference;
    std::optional<bool> executive;
    std::optional<std::optional<std::int64_t>> quorum;
    // The schedule: an RRULE, or a phrase a clerk writes ("every Tuesday", "the first Tuesday
    // of each month") that core/recurrence turns into one.
    std::optional<std::string> schedule_rrule, schedule_phrase, schedule_first_date, schedule_time;
    std::optional<std::int64_t> duration_minutes;
    std::optional<std::string> venue, online_url;
};

struct BodyQuery {
    std::optional<std::string> kind;
    bool include_archived = false;
};

struct GenerationInput {
    std::optional<std::string> from, to;  // dates, inclusive; default today to a year on
};

struct MeetingInput {
    std::optional<std::string> body_id;  // a create only
    std::optional<std::string> title, date, start_time, venue, online_url, status, status_reason,
        private_notice_on;
    std::optional<std::int64_t> duration_minutes;
};

struct MeetingQuery {
    std::optional<std::string> body_id, from, to, status;
    // The meetings of the bodies a person sits on (their calendar).
    std::optional<std::string> person_id;
    bool include_archived = false;
    std::optional<std::string> cursor;
    int limit = 50;
};

struct PublicationInput {
    // Required when the agenda is published later than the law's clear days: why it could
    // not wait (the reason for urgency the chair accepts).
    std::optional<std::string> late_reason;
};

struct AttendeeInput {
    std::optional<std::string> meeting_id;  // a create only: from the path
    std::optional<std::string> person_id, capacity, status, substitute_for_person_id, note;
};

struct ItemInput {
    std::optional<std::string> meeting_id;  // a create only: from the path
    std::optional<std::int64_t> number;     // a move, while the agenda is unpublished
    std::optional<std::string> title, purpose, report_title, report_author, report_summary,
        recommendations, exempt_reason, forward_plan_id, topic_id, minutes_told, minutes_questions;
    std::optional<std::vector<std::string>> presenter_ids;
    std::optional<std::optional<std::int64_t>> exempt_paragraph;
    std::optional<bool> key_decision;
};

struct DocumentInput {
    std::optional<std::string> item_id;  // a create only: from the path
    std::optional<std::string> kind, title, content, url, exempt_reason;
    std::optional<std::optional<std::int64_t>> exempt_paragraph;
    std::optional<std::int64_t> position;
};

struct DeclarationInput {
    std::optional<std::string> item_id;  // a create only
    std::optional<std::string> person_id, kind, nature, action;
};

struct MinutesApprovalInput {
    // The later meeting of the same body that approved them.
    std::optional<std::string> at_meeting_id;
};

struct CorrectionInput {
    std::optional<std::string> meeting_id;  // from the path
    std::optional<std::string> item_id, text, reason, agreed_at_meeting_id;
};

struct DecisionInput {
    // A decision at a meeting names its item (and so its meeting and body); a decision
    // outside a meeting (an individual cabinet member's) names its body.
    std::optional<std::string> item_id, body_id;
    std::optional<std::string> decision_maker, decided_on, published_on, title, text, reasons,
        options_considered, forward_plan_id;
    std::optional<bool> key_decision, executive;
    std::optional<std::optional<std::int64_t>> exempt_paragraph;
};

struct DecisionQuery {
    std::optional<std::string> body_id, meeting_id, from, to, call_in_status;
    std::optional<bool> key_decision;
    std::optional<std::string> cursor;
    int limit = 50;
};

struct CallInInput {
    // called_in (within the window), then upheld or referred_back.
    std::optional<std::string> status, by, reason, on;
};

struct ActionInput {
    std::optional<std::string> item_id;  // a create only: the item that agreed it
    std::optional<std::string> text, owner_person_id, owner_name, due_date, status, closed_on,
        closed_note;
};

struct ActionQuery {
    std::optional<std::string> body_id, meeting_id, owner_person_id, status;
    bool overdue = false;  // only open actions past their due date
};

struct EntryInput {
    std::optional<std::string> body_id, reference, title, summary, decision_maker, lead_member_id,
        lead_officer_id, planned_on, meeting_id, first_published_on, exempt_reason, exception,
        exception_reason, scrutiny_chair, scrutiny_chair_on, status, decision_id;
    std::optional<bool> key_decision;
    std::optional<std::optional<std::int64_t>> exempt_paragraph;
};

struct EntryQuery {
    std::optional<std::string> body_id, status;
    bool include_archived = false;
};

struct TopicInput {
    std::optional<std::string> body_id;  // a create only: from the path
    std::optional<std::string> title, description, status;
    std::optional<std::vector<std::string>> lead_member_ids, meeting_ids;
};

// ---- what the reads answer with

struct MemberView {
    std::string person_id;
    std::string name;
    std::string person_kind;  // officer, councillor
    std::string role;         // one of k_member_roles
    std::string role_text;    // as the register writes it: "Vice-Chair", "Cabinet Member"
    std::optional<std::string> start_date, end_date;
};

struct BodyView {
    Body body;
    std::string name;
    std::string description;
    std::optional<std::string> parent_id;
    std::vector<MemberView> members;  // today's
};

struct GenerationResult {
    std::vector<Meeting> created;
    std::vector<std::string> existing;  // dates the schedule gives that already had a meeting
    // Dates the schedule puts on a bank holiday or closure day: "2026-12-25 (Christmas Day)".
    std::vector<std::string> on_holidays;
};

// Whether a meeting is quorate, from its attendance.
struct Quorum {
    std::optional<std::int64_t> required;  // nullopt: the body sets none
    std::int64_t present = 0;              // members and substitutes present
    bool met = true;                       // false until attendance is recorded
    std::string sentence;                  // "Quorate: 4 members present; the quorum is 3."
};

struct MeetingView {
    Meeting meeting;
    std::string body_name;
    std::string body_kind;
    std::string body_access;
    bool published = false;
    std::vector<Deadline> deadlines;  // the deadlines in law that apply to it
    Quorum quorum;
    bool can_edit = false;     // the caller may change it
    bool sees_exempt = false;  // the caller is entitled to its exempt information
};

struct AttendeeView {
    Attendee attendee;
    std::string name;
    std::string substitute_for_name;
};

// An item as the caller may see it. When the item is exempt and the caller is not entitled,
// `redacted` is set and the report, recommendations, minutes and documents are left out.
struct ItemView {
    AgendaItem item;
    bool exempt = false;
    bool redacted = false;
    std::string exempt_notice;   // "Exempt under paragraph 3 of Schedule 12A …"
    std::string exempt_wording;  // the paragraph's words
    std::vector<std::string> presenter_names;
    std::vector<Document> documents;        // those the caller may see
    std::vector<Declaration> declarations;  // with the declaring member's name below
    std::vector<std::string> declaration_names;
    std::vector<kit::ShownLink> links;  // filled by get_item only
};

struct DecisionView {
    Decision decision;
    std::string body_name;
    bool redacted = false;            // its reasons are exempt and hidden from the caller
    std::optional<Deadline> call_in;  // the window, for an executive decision
};

struct ActionView {
    Action action;
    std::string owner;  // the person's name, or owner_name
    std::string body_name;
    std::string meeting_date;  // the meeting that agreed it
    bool overdue = false;
    // On a meeting's action log: "carried forward" (agreed before and still open), "closed
    // since the last meeting", or "new".
    std::string carried;
};

struct EntryView {
    ForwardPlanEntry entry;
    std::string body_name;
    std::string lead_member_name, lead_officer_name;
    bool redacted = false;
    Deadline notice;  // the 28 clear days' notice, met or the exception used
};

struct TopicView {
    Topic topic;
    std::vector<std::string> lead_member_names;
    std::vector<Meeting> meetings;  // the meetings it comes to, in date order
};

// The minutes of a meeting as one document.
struct MinutesItem {
    ItemView item;
    std::vector<DecisionView> resolutions;
    std::vector<ActionView> actions;
};
struct Minutes {
    MeetingView meeting;
    std::vector<AttendeeView> attendance;
    std::vector<MinutesItem> items;
    std::vector<Correction> corrections;
    std::optional<Meeting> approved_at;  // the meeting that approved them
};

// A meeting's whole page: the meeting, its agenda, attendance, the action log carried to it,
// and its neighbours in the body's sequence.
struct Agenda {
    MeetingView meeting;
    std::vector<ItemView> items;
    std::vector<AttendeeView> attendance;
    std::vector<MemberView> members;     // the body's members on the meeting's date
    std::vector<ActionView> action_log;  // what its action-log item shows
    std::vector<DecisionView> decisions;
    std::vector<ActionView> actions;  // the actions it agreed
    std::vector<Correction> corrections;
    std::optional<Meeting> previous, next;
};

struct ModernGovSummary {
    int councillors_added = 0, councillors_updated = 0;
    int wards_added = 0, parties_added = 0;
    int memberships_added = 0, memberships_ended = 0;
};

class GovernanceService {
public:
    GovernanceService(store::Database& db, kit::LinkService& links, org::OrgService& org)
        : m_db(db), m_links(links), m_org(org) {}

    // Settings (service_bodies.cpp): the council's figures for the deadlines in law.
    // Anyone may read them; administrators change them.
    Result<Settings> get_settings(const Context& ctx);
    Result<Settings> update_settings(const Context& ctx, const SettingsInput& in,
                                     std::int64_t version);

    // Bodies (service_bodies.cpp).
    Result<std::vector<BodyView>> list_bodies(const Context& ctx, const BodyQuery& q);
    Result<BodyView> get_body(const Context& ctx, const std::string& id);
    Result<Body> create_body(const Context& ctx, const BodyInput& in);
    Result<Body> update_body(const Context& ctx, const std::string& id, const BodyInput& in,
                             std::int64_t version);
    Result<Body> archive_body(const Context& ctx, const std::string& id, std::int64_t version);
    // Makes the meetings the body's schedule gives between two dates, each with its standard
    // items; a date that already has one is left alone, so it can run again.
    Result<GenerationResult> generate_meetings(const Context& ctx, const std::string& body_id,
                                               const GenerationInput& in);

    // Meetings (service_meetings.cpp; the agenda as one page in service_attendance.cpp). A new
    // meeting opens its agenda with the standard
    // items (apologies, declarations of interest, the minutes of the previous meeting, the
    // action log).
    Result<Page<MeetingView>> list_meetings(const Context& ctx, const MeetingQuery& q);
    Result<MeetingView> get_meeting(const Context& ctx, const std::string& id);
    Result<Agenda> agenda(const Context& ctx, const std::string& meeting_id);
    Result<Meeting> create_meeting(const Context& ctx, const MeetingInput& in);
    // A change to its date, time, place or status bumps its calendar sequence.
    Result<Meeting> update_meeting(const Context& ctx, const std::string& id,
                                   const MeetingInput& in, std::int64_t version);
    Result<Meeting> archive_meeting(const Context& ctx, const std::string& id,
                                    std::int64_t version);

    // Attendance (service_attendance.cpp): one row per person; quorum follows from it.
    Result<std::vector<AttendeeView>> list_attendees(const Context& ctx,
                                                     const std::string& meeting_id);
    Result<Attendee> get_attendee(const Context& ctx, const std::string& id);
    Result<Attendee> add_attendee(const Context& ctx, const AttendeeInput& in);
    Result<Attendee> update_attendee(const Context& ctx, const std::string& id,
                                     const AttendeeInput& in, std::int64_t version);
    Result<Attendee> archive_attendee(const Context& ctx, const std::string& id,
                                      std::int64_t version);
    // The register taken in one go: each person's capacity and status, added or changed,
    // all or nothing (the clerk's attendance form).
    Result<std::vector<AttendeeView>> take_register(const Context& ctx,
                                                    const std::string& meeting_id,
                                                    const std::vector<AttendeeInput>& rows);

    // Declarations of interest (service_attendance.cpp), per item.
    Result<Declaration> get_declaration(const Context& ctx, const std::string& id);
    Result<Declaration> add_declaration(const Context& ctx, const DeclarationInput& in);
    Result<Declaration> update_declaration(const Context& ctx, const std::string& id,
                                           const DeclarationInput& in, std::int64_t version);
    Result<Declaration> archive_declaration(const Context& ctx, const std::string& id,
                                            std::int64_t version);

    // Agenda items and their documents (service_agenda.cpp). An item added after
    // publication is a supplement, numbered in the same sequence.
    Result<std::vector<ItemView>> list_items(const Context& ctx, const std::string& meeting_id);
    Result<ItemView> get_item(const Context& ctx, const std::string& id);
    Result<AgendaItem> create_item(const Context& ctx, const ItemInput& in);
    Result<AgendaItem> update_item(const Context& ctx, const std::string& id, const ItemInput& in,
                                   std::int64_t version);
    Result<AgendaItem> archive_item(const Context& ctx, const std::string& id,
                                    std::int64_t version);
    Result<std::vector<Document>> list_documents(const Context& ctx, const std::string& item_id);
    Result<Document> get_document(const Context& ctx, const std::string& id);
    Result<Document> create_document(const Context& ctx, const DocumentInput& in);
    Result<Document> update_document(const Context& ctx, const std::string& id,
                                     const DocumentInput& in, std::int64_t version);
    Result<Document> archive_document(const Context& ctx, const std::string& id,
                                      std::int64_t version);
    // Publishes the agenda (POST /meetings/{id}/publication). Later than the clear days the
    // law gives, it needs the reason for urgency, which is recorded and shown.
    Result<Meeting> publish(const Context& ctx, const std::string& meeting_id,
                            const PublicationInput& in, std::int64_t version);

    // Minutes (service_minutes.cpp). An item's minutes are written on the item (minutes_told,
    // minutes_questions) and its resolutions are decisions; the first makes the meeting's
    // minutes a draft. Approval at a later meeting of the body locks them; after that a
    // correction is recorded beside them.
    Result<Minutes> minutes(const Context& ctx, const std::string& meeting_id);
    Result<Meeting> approve_minutes(const Context& ctx, const std::string& meeting_id,
                                    const MinutesApprovalInput& in, std::int64_t version);
    Result<Correction> add_correction(const Context& ctx, const CorrectionInput& in);

    // Decisions (service_decisions.cpp).
    Result<Page<DecisionView>> list_decisions(const Context& ctx, const DecisionQuery& q);
    Result<DecisionView> get_decision(const Context& ctx, const std::string& id);
    Result<Decision> create_decision(const Context& ctx, const DecisionInput& in);
    Result<Decision> update_decision(const Context& ctx, const std::string& id,
                                     const DecisionInput& in, std::int64_t version);
    Result<Decision> archive_decision(const Context& ctx, const std::string& id,
                                      std::int64_t version);
    // POST /decisions/{id}/call-in: called in within the window, then upheld or referred back.
    Result<Decision> call_in(const Context& ctx, const std::string& id, const CallInInput& in,
                             std::int64_t version);
    // The register as CSV (RFC 4180, with a BOM for Excel), as the list filters it.
    Result<std::string> decisions_csv(const Context& ctx, const DecisionQuery& q);

    // Actions (service_actions.cpp).
    Result<std::vector<ActionView>> list_actions(const Context& ctx, const ActionQuery& q);
    Result<ActionView> get_action(const Context& ctx, const std::string& id);
    Result<Action> create_action(const Context& ctx, const ActionInput& in);
    Result<Action> update_action(const Context& ctx, const std::string& id, const ActionInput& in,
                                 std::int64_t version);
    Result<Action> archive_action(const Context& ctx, const std::string& id, std::int64_t version);
    // What a meeting's action-log item shows: the body's actions agreed at earlier meetings
    // that were open on its date (carried forward until closed), and those closed since the
    // body's previous meeting.
    Result<std::vector<ActionView>> action_log(const Context& ctx, const std::string& meeting_id);
    // The signed-in user's own actions (through the person they are linked to), open first.
    Result<std::vector<ActionView>> my_actions(const Context& ctx);

    // The forward plan of key decisions (service_forward.cpp).
    Result<std::vector<EntryView>> list_entries(const Context& ctx, const EntryQuery& q);
    Result<EntryView> get_entry(const Context& ctx, const std::string& id);
    Result<ForwardPlanEntry> create_entry(const Context& ctx, const EntryInput& in);
    Result<ForwardPlanEntry> update_entry(const Context& ctx, const std::string& id,
                                          const EntryInput& in, std::int64_t version);
    Result<ForwardPlanEntry> archive_entry(const Context& ctx, const std::string& id,
                                           std::int64_t version);

    // A scrutiny panel's work programme (service_forward.cpp).
    Result<std::vector<TopicView>> list_topics(const Context& ctx, const std::string& body_id);
    Result<TopicView> get_topic(const Context& ctx, const std::string& id);
    Result<Topic> create_topic(const Context& ctx, const TopicInput& in);
    Result<Topic> update_topic(const Context& ctx, const std::string& id, const TopicInput& in,
                               std::int64_t version);
    Result<Topic> archive_topic(const Context& ctx, const std::string& id, std::int64_t version);

    // Calendar feeds (feeds.cpp): valid iCalendar (RFC 5545) written with libical, one event
    // per meeting the caller may see, with stable UIDs, SEQUENCE, STATUS:CANCELLED, times in
    // Europe/London with its VTIMEZONE, and the meeting page's URL (base_url + "/meetings/…").
    Result<std::string> body_calendar(const Context& ctx, const std::string& body_id,
                                      std::string_view base_url);
    // The meetings of every body a person sits on.
    Result<std::string> person_calendar(const Context& ctx, const std::string& person_id,
                                        std::string_view base_url);

    // Councillors, their wards, parties and terms from a Modern.gov GetCouncillorsByWard
    // response, into the organisation register (moderngov.cpp); all or nothing, and run
    // again it adds nothing twice.
    Result<ModernGovSummary> import_moderngov(const Context& ctx, std::string_view xml);

    // The demo council's governance (demo.cpp), from data/demo/governance/: the bodies'
    // settings and schedules (the Executive Management Group weekly, the Senior Management
    // Group monthly, the Chief Officer Board), their meetings, and seed 004's scrutiny panel
    // meeting in full with its minutes and its action, and an exempt item. Needs the demo
    // council's units and people, found by name; all in one transaction.
    struct DemoFile {
        std::string_view name;  // "governance.json"
        std::string_view text;
    };
    struct DemoSummary {
        int bodies = 0, meetings = 0, items = 0, decisions = 0, actions = 0;
    };
    Result<DemoSummary> load_demo(const Context& ctx, const std::vector<DemoFile>& files);

    // Who may do what, for the pages' links and buttons.
    bool can_edit(const Context& ctx, const std::string& unit_path) const;

    // The entity types governance adds to the links table: meeting, agenda_item, decision,
    // action, forward_plan_entry.
    static void add_link_types(kit::LinkTypes& types);

private:
    store::Database& m_db;
    kit::LinkService& m_links;
    org::OrgService& m_org;
};

}  // namespace civic::governance
