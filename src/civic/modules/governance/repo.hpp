// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of governance. Each table is described once (kit::Table): each record is read with
// the path of its body's unit, whose scope it follows. The queries of each part of the module
// live beside its tables' descriptions: repo.cpp for bodies, meetings and agendas,
// repo_records.cpp for what meetings make (minutes, decisions, actions, the forward plan).

#include <optional>
#include <string>
#include <vector>

#include "civic/modules/governance/model.hpp"
#include "civic/modules/kit/table.hpp"
#include "civic/store/database.hpp"

namespace civic::governance::repo {

const kit::Table<Body>& bodies();
const kit::Table<Meeting>& meetings();
const kit::Table<Attendee>& attendees();
const kit::Table<AgendaItem>& agenda_items();
const kit::Table<Document>& documents();
const kit::Table<Declaration>& declarations();
const kit::Table<Correction>& corrections();
const kit::Table<Decision>& decisions();
const kit::Table<Action>& actions();
const kit::Table<ForwardPlanEntry>& forward_plan();
const kit::Table<Topic>& topics();
const kit::Table<Settings>& settings_table();

// What the kit's change steps (kit::Entity) reach each record through.
std::optional<Body> find_body(store::Connection& c, const std::string& id);
bool update_body(store::Connection& c, const Body& r, std::int64_t expected_version);
std::optional<Meeting> find_meeting(store::Connection& c, const std::string& id);
bool update_meeting(store::Connection& c, const Meeting& r, std::int64_t expected_version);
std::optional<Attendee> find_attendee(store::Connection& c, const std::string& id);
bool update_attendee(store::Connection& c, const Attendee& r, std::int64_t expected_version);
std::optional<AgendaItem> find_item(store::Connection& c, const std::string& id);
bool update_item(store::Connection& c, const AgendaItem& r, std::int64_t expected_version);
std::optional<Document> find_document(store::Connection& c, const std::string& id);
bool update_document(store::Connection& c, const Document& r, std::int64_t expected_version);
std::optional<Declaration> find_declaration(store::Connection& c, const std::string& id);
bool update_declaration(store::Connection& c, const Declaration& r, std::int64_t expected_version);
std::optional<Correction> find_correction(store::Connection& c, const std::string& id);
bool update_correction(store::Connection& c, const Correction& r, std::int64_t expected_version);
std::optional<Decision> find_decision(store::Connection& c, const std::string& id);
bool update_decision(store::Connection& c, const Decision& r, std::int64_t expected_version);
std::optional<Action> find_action(store::Connection& c, const std::string& id);
bool update_action(store::Connection& c, const Action& r, std::int64_t expected_version);
std::optional<ForwardPlanEntry> find_entry(store::Connection& c, const std::string& id);
bool update_entry(store::Connection& c, const ForwardPlanEntry& r, std::int64_t expected_version);
std::optional<Topic> find_topic(store::Connection& c, const std::string& id);
bool update_topic(store::Connection& c, const Topic& r, std::int64_t expected_version);

// The council's settings: its one row, or the defaults (no id, version 1) when there is none
// yet.
Settings settings(store::Connection& c);
bool update_settings(store::Connection& c, const Settings& s, std::int64_t expected_version);
std::optional<Settings> find_settings(store::Connection& c, const std::string& id);

// ---- bodies, meetings and agendas (repo.cpp)

// Every body, with its unit's name, in name order; archived ones only when asked.
struct NamedBody {
    Body body;
    std::string name;
    std::string description;
    std::optional<std::string> parent_id;
};
std::vector<NamedBody> list_bodies(store::Connection& c, bool include_archived);
std::optional<NamedBody> find_named_body(store::Connection& c, const std::string& id);

// A body's members on a date (memberships of its unit live on that date), with the person's
// name and the role as the register writes it, in name order.
struct Member {
    std::string membership_id;
    std::string person_id;
    std::string name;
    std::string person_kind;  // officer, councillor
    std::string role_text;    // "Vice-Chair", as the register has it
    std::optional<std::string> start_date, end_date;
};
std::vector<Member> members_on(store::Connection& c, const std::string& body_id,
                               const std::string& date);
// The bodies a person sits on, on a date.
std::vector<std::string> bodies_of_person(store::Connection& c, const std::string& person_id,
                                          const std::string& date);

struct MeetingFilter {
    std::string body_id;   // "" for every body
    std::string from, to;  // dates, inclusive; "" for open
    std::string status;    // "" for any
    bool include_archived = false;
    std::string after;  // cursor: the id of the meeting the page starts after, in date order
    int limit = 0;      // 0: no limit
};
// In date and time order, then id.
std::vector<Meeting> list_meetings(store::Connection& c, const MeetingFilter& f);
// The body's meeting before and after a date (not cancelled, not archived).
std::optional<Meeting> previous_meeting(store::Connection& c, const Meeting& m);
std::optional<Meeting> next_meeting(store::Connection& c, const Meeting& m);

std::vector<Attendee> list_attendees(store::Connection& c, const std::string& meeting_id);
// A meeting's items in number order (archived left out).
std::vector<AgendaItem> list_items(store::Connection& c, const std::string& meeting_id);
std::vector<Document> list_documents(store::Connection& c, const std::string& meeting_id);
std::vector<Declaration> list_declarations(store::Connection& c, const std::string& meeting_id);

// ---- what meetings make (repo_records.cpp)

std::vector<Correction> list_corrections(store::Connection& c, const std::string& meeting_id);

struct DecisionFilter {
    std::string body_id, meeting_id;  // "" for any
    std::string from, to;             // decided_on, inclusive
    std::optional<bool> key_decision;
    std::string call_in_status;  // "" for any
    std::string after;           // cursor, in date order (newest first)
    int limit = 0;
};
std::vector<Decision> list_decisions(store::Connection& c, const DecisionFilter& f);

struct ActionFilter {
    std::string body_id, meeting_id, owner_person_id;  // "" for any
    std::string status;                                // "" for any
    bool include_archived = false;
};
// In the order they were agreed (meeting date, then creation).
std::vector<Action> list_actions(store::Connection& c, const ActionFilter& f);

struct EntryFilter {
    std::string body_id;  // "" for any
    std::string status;   // "" for any
    bool include_archived = false;
};
// In planned date order.
std::vector<ForwardPlanEntry> list_entries(store::Connection& c, const EntryFilter& f);
std::optional<ForwardPlanEntry> find_entry_by_reference(store::Connection& c,
                                                        const std::string& reference);

std::vector<Topic> list_topics(store::Connection& c, const std::string& body_id,
                               bool include_archived);

}  // namespace civic::governance::repo
