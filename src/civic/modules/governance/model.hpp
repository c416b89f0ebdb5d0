// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// Governance: the council's bodies (a unit of kind "body" in the organisation register, with
// what governance adds: its kind, whether its meetings are public, its quorum and its
// schedule) and everything their meetings make: agendas with reports and documents, who
// attended, declarations of interest, minutes and their corrections, decisions, the action
// log, the forward plan of key decisions and the scrutiny work programme. Every record names
// its body and follows the body's unit's scope (unit_path).

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/modules/kit/page.hpp"

namespace civic::governance {

inline constexpr std::string_view k_body_kinds[] = {"council",  "cabinet", "committee",
                                                    "scrutiny", "audit",   "officer_group"};
inline constexpr std::string_view k_body_access[] = {"public", "private"};
// A member's role on a body, read from the membership's role in the register ("Chair",
// "Vice-Chair", "Cabinet Member" → member).
inline constexpr std::string_view k_member_roles[] = {"chair",      "vice-chair", "member",
                                                      "substitute", "co-opted",   "officer"};
inline constexpr std::string_view k_meeting_statuses[] = {"scheduled", "held", "cancelled",
                                                          "rescheduled", "adjourned"};
inline constexpr std::string_view k_attendance_capacities[] = {"member", "substitute", "officer",
                                                               "guest"};
inline constexpr std::string_view k_attendance_statuses[] = {"present", "apologies", "absent"};
// The items every agenda opens with, in this order.
inline constexpr std::string_view k_standard_items[] = {"apologies", "declarations", "minutes",
                                                        "action_log"};
inline constexpr std::string_view k_document_kinds[] = {"report", "appendix", "background"};
inline constexpr std::string_view k_declaration_kinds[] = {"disclosable pecuniary",
                                                           "other registrable", "non-registrable"};
inline constexpr std::string_view k_call_in_statuses[] = {"called_in", "upheld", "referred_back"};
inline constexpr std::string_view k_action_statuses[] = {"open", "done", "cancelled"};
inline constexpr std::string_view k_forward_plan_exceptions[] = {"general_exception",
                                                                 "special_urgency"};
inline constexpr std::string_view k_forward_plan_statuses[] = {"planned", "taken", "deferred",
                                                               "withdrawn"};
inline constexpr std::string_view k_topic_statuses[] = {"proposed", "scheduled", "in_progress",
                                                        "completed", "dropped"};
inline constexpr std::string_view k_clear_days[] = {"working", "calendar"};

// Schedule 12A to the Local Government Act 1972, Part 1: the descriptions of exempt
// information, paragraph n at [n - 1], in the Act's words.
inline constexpr std::string_view k_schedule_12a[] = {
    "Information relating to any individual.",
    "Information which is likely to reveal the identity of an individual.",
    "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    "Information relating to any consultations or negotiations, or contemplated consultations or "
    "negotiations, in connection with any labour relations matter arising between the authority "
    "or a Minister of the Crown and employees of, or office-holders under, the authority.",
    "Information in respect of which a claim to legal professional privilege could be maintained "
    "in legal proceedings.",
    "Information which reveals that the authority proposes (a) to give under any enactment a "
    "notice under or by virtue of which requirements are imposed on a person; or (b) to make an "
    "order or direction under any enactment.",
    "Information relating to any action taken or to be taken in connection with the prevention, "
    "investigation or prosecution of crime.",
};

struct Body {
    std::string id;  // the unit's id
    std::string unit_path;
    std::string kind;
    std::string access;
    bool executive = false;
    std::string terms_of_reference;  // Markdown
    std::optional<std::int64_t> quorum;
    std::optional<std::string> schedule_rrule;  // "FREQ=WEEKLY;BYDAY=TU"
    std::optional<std::string> schedule_first_date;
    std::optional<std::string> schedule_time;  // "10:00", local
    std::int64_t duration_minutes = 120;
    std::string venue;
    std::string online_url;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Meeting {
    std::string id;
    std::string body_id;
    std::string unit_path;
    std::string title;
    std::string date;        // local, YYYY-MM-DD
    std::string start_time;  // local, HH:MM
    std::int64_t duration_minutes = 120;
    std::string venue;
    std::string online_url;
    std::string status = "scheduled";
    std::string status_reason;
    std::optional<std::string> schedule_date;
    std::int64_t sequence = 0;
    std::optional<std::string> published_at;
    std::string late_reason;
    std::optional<std::string> private_notice_on;
    std::string minutes_status = "none";
    std::optional<std::string> minutes_approved_at_meeting_id;
    std::optional<std::string> minutes_approved_on;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Attendee {
    std::string id;
    std::string meeting_id;
    std::string body_id;
    std::string unit_path;
    std::string person_id;
    std::string capacity;
    std::string status;
    std::optional<std::string> substitute_for_person_id;
    std::string note;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct AgendaItem {
    std::string id;
    std::string meeting_id;
    std::string body_id;
    std::string unit_path;
    std::int64_t number = 0;
    std::optional<std::string> standard;
    std::string title;
    std::string purpose;
    std::string report_title;
    std::string report_author;
    std::string report_summary;   // Markdown
    std::string recommendations;  // Markdown
    std::vector<std::string> presenter_ids;
    bool supplement = false;
    std::optional<std::int64_t> exempt_paragraph;
    std::string exempt_reason;
    bool key_decision = false;
    std::optional<std::string> forward_plan_id;
    std::optional<std::string> topic_id;
    std::string minutes_told;       // Markdown
    std::string minutes_questions;  // Markdown
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Document {
    std::string id;
    std::string item_id;
    std::string meeting_id;
    std::string body_id;
    std::string unit_path;
    std::int64_t position = 0;
    std::string kind;
    std::string title;
    std::string content;  // Markdown
    std::string url;
    std::optional<std::int64_t> exempt_paragraph;
    std::string exempt_reason;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Declaration {
    std::string id;
    std::string meeting_id;
    std::string item_id;
    std::string body_id;
    std::string unit_path;
    std::string person_id;
    std::string kind;
    std::string nature;
    std::string action;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Correction {
    std::string id;
    std::string meeting_id;
    std::optional<std::string> item_id;
    std::string body_id;
    std::string unit_path;
    std::string text;
    std::string reason;
    std::optional<std::string> agreed_at_meeting_id;
    std::string recorded_by;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Decision {
    std::string id;
    std::string body_id;
    std::string unit_path;
    std::string decision_maker;
    std::optional<std::string> meeting_id;
    std::optional<std::string> item_id;
    std::string decided_on;
    std::optional<std::string> published_on;
    std::string title;
    std::string text;  // "Agreed that …", Markdown
    std::string reasons;
    std::string options_considered;
    bool key_decision = false;
    bool executive = false;
    std::optional<std::string> forward_plan_id;
    std::optional<std::int64_t> exempt_paragraph;
    std::string call_in_status;  // "", called_in, upheld, referred_back
    std::optional<std::string> called_in_on;
    std::string called_in_by;
    std::string call_in_reason;
    std::optional<std::string> call_in_decided_on;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Action {
    std::string id;
    std::string body_id;
    std::string unit_path;
    std::string meeting_id;
    std::optional<std::string> item_id;
    std::string text;
    std::optional<std::string> owner_person_id;
    std::string owner_name;
    std::optional<std::string> due_date;
    std::string status = "open";
    std::optional<std::string> closed_on;
    std::string closed_note;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct ForwardPlanEntry {
    std::string id;
    std::string body_id;
    std::string unit_path;
    std::string reference;
    std::string title;
    std::string summary;
    std::string decision_maker;
    std::optional<std::string> lead_member_id;
    std::optional<std::string> lead_officer_id;
    std::optional<std::string> planned_on;
    std::optional<std::string> meeting_id;
    std::optional<std::string> first_published_on;
    bool key_decision = true;
    std::optional<std::int64_t> exempt_paragraph;
    std::string exempt_reason;
    std::string exception;  // "", general_exception, special_urgency
    std::string exception_reason;
    std::string scrutiny_chair;
    std::optional<std::string> scrutiny_chair_on;
    std::string status = "planned";
    std::optional<std::string> decision_id;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

struct Topic {
    std::string id;
    std::string body_id;
    std::string unit_path;
    std::string title;
    std::string description;
    std::vector<std::string> lead_member_ids;
    std::vector<std::string> meeting_ids;
    std::string status = "proposed";
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// The council's settings: the defaults (version 1, no id) until an administrator first
// changes them, when the defaults are stored and audited as version 1 and the change made.
struct Settings {
    std::string id;
    std::int64_t publication_clear_days = 5;
    std::int64_t forward_plan_clear_days = 28;
    std::int64_t private_notice_clear_days = 28;
    std::int64_t call_in_working_days = 5;
    std::string clear_days = "working";
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

// A deadline in law, worked out: the latest day for it, whether it was met, and how it was
// counted, line by line.
struct Deadline {
    std::string name;    // "agenda_publication", "forward_plan", "private_notice", "call_in"
    std::string label;   // "Agenda published"
    std::string source;  // "Local Government Act 1972, s100B(3)"
    std::string due;     // the latest day (or, for call-in, the last day of the window)
    std::optional<std::string> done_on;  // when it was done, if it was
    // met, late, due (not done, not yet past), overdue (not done, past); for call-in: open,
    // closed
    std::string state;
    // Why a late one was allowed: the reason for urgency, or the exception used.
    std::string exception;
    std::optional<std::string> then;  // call-in: the day the decision can be implemented
    std::vector<std::string> lines;   // how it was counted
};

// The statutory wording of a Schedule 12A paragraph (1–7), "" for another number.
std::string_view exempt_wording(std::int64_t paragraph);
// "Exempt under paragraph 3 of Schedule 12A to the Local Government Act 1972", as a public
// agenda says it.
std::string exempt_notice(std::int64_t paragraph);

boost::json::object to_json(const Body& b);
boost::json::object to_json(const Meeting& m);
boost::json::object to_json(const Attendee& a);
boost::json::object to_json(const AgendaItem& i);
boost::json::object to_json(const Document& d);
boost::json::object to_json(const Declaration& d);
boost::json::object to_json(const Correction& c);
boost::json::object to_json(const Decision& d);
boost::json::object to_json(const Action& a);
boost::json::object to_json(const ForwardPlanEntry& e);
boost::json::object to_json(const Topic& t);
boost::json::object to_json(const Settings& s);
boost::json::object to_json(const Deadline& d);

template <typename T>
using Page = kit::Page<T>;

}  // namespace civic::governance
