// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The records of the cases module as stored, and as the API shows them.

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace civic::cases {

// A kind of request the council handles, with its stages and targets (rules.hpp).
struct CaseType {
    std::string id;
    std::string code;  // "FOI"
    std::string name;
    std::string kind;      // k_case_kinds
    std::string calendar;  // k_calendars
    std::string description;
    std::string stages_json;             // rules_json() of its ClockRules
    std::string priorities_json = "[]";  // priorities_json() of its ClockRules
    std::string office_opens = "09:00";  // when its working hours run (HH:MM)
    std::string office_closes = "17:00";
    bool later_stage_by_another_officer = false;
    std::int64_t retention_years = 6;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
    std::string unit_path;  // case types are council-wide: always ""
};

boost::json::object to_json(const CaseType& t);

// How a case came in, and who asked.
inline constexpr std::string_view k_channels[] = {
    "email", "letter", "phone", "web form", "in person", "social media", "councillor"};
inline constexpr std::string_view k_requester_kinds[] = {"councillor", "councillor for a resident",
                                                         "resident", "organisation", "Ombudsman"};

// How a case ended, by the kind of its type. A complaint is upheld or not; the Ombudsman's
// findings are its own words; FOI and EIR requests end as the ICO's statistics count them.
std::span<const std::string_view> outcomes_for(std::string_view kind);

// One request the council handles against a clock. Its due dates are not here: they are
// counted from its events (clock.hpp) whenever they are shown.
struct Case {
    std::string id;
    std::string case_type_id;
    std::string reference;  // FOI-2025-0042
    std::int64_t year = 0;
    std::int64_t number = 0;
    std::string received_on;
    std::optional<std::string> received_at;  // the time of day (HH:MM), where known
    std::string priority;                    // a key of its type's priorities, or ""
    std::string channel;
    std::string requester_kind;
    // Personal data: shown only to those handling the case and to administrators.
    std::optional<std::string> requester_person_id;
    std::string requester_name;
    std::string requester_contact;
    std::string on_behalf_of;
    std::int64_t requester_version = 1;  // counts changes to the personal data
    std::string subject;                 // seen by all who may see the case
    std::string description;             // personal data: the request in the requester's words
    std::string unit_id;
    std::optional<std::string> officer_person_id;
    std::string stage_key;
    std::string status;  // "open", "closed"
    std::optional<std::string> closed_on;
    std::string outcome;
    std::optional<std::string> resolved_on;
    std::string remedy;
    std::optional<std::string> remedy_due_on;
    std::string lessons;
    std::optional<std::string> personal_data_destroyed_on;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
    std::string unit_path;  // of unit_id, for scope checks
};

// What happened to a case; never changed once written.
inline constexpr std::string_view k_event_kinds[] = {
    "met", "stopped",   "restarted", "clarified",   "extended",
    "set", "escalated", "reopened",  "transferred", "closed"};

struct CaseEvent {
    std::string id;
    std::string case_id;
    std::int64_t position = 0;
    std::string kind;
    std::string on_date;
    std::optional<std::string> at_time;  // the time of day (HH:MM), where recorded
    std::string stage_key;
    std::string target_key;
    std::int64_t days = 0;
    std::string reason;
    bool ends_disregarded = false;
    std::optional<std::string> due_when_met;
    std::optional<std::string> due_on;  // for set: the date given from outside
    std::optional<std::string> told_on;
    std::optional<std::string> officer_person_id;
    std::optional<std::string> unit_id;
    std::string recorded_by;
    std::string created_at;
};

// A file sent with a response (attachments.hpp says which kinds are kept). Its name and
// bytes are the requester's personal data: "" once the retention rule removed them.
struct CaseAttachment {
    std::string id;
    std::string case_id;
    std::string response_id;
    std::int64_t position = 0;  // 1, 2, 3, … within the response
    std::string file_name;
    std::string media_type;
    std::int64_t size_bytes = 0;
    std::string content;  // base64; left empty where only the file's details were read
    std::optional<std::string> removed_on;
    std::string recorded_by;
    std::string created_at;
};

// An acknowledgement or a response the council sent, in Markdown.
struct CaseResponse {
    std::string id;
    std::string case_id;
    std::string stage_key;
    std::string target_key;
    std::string sent_on;
    std::optional<std::string> sent_at;  // the time of day (HH:MM), where recorded
    std::string body;
    std::optional<std::string> officer_person_id;
    std::string recorded_by;
    std::string created_at;
    std::vector<CaseAttachment> attachments;  // not a column: case_attachments, in order
};

// The case without its requester's personal data: what anyone who may see the case reads.
boost::json::object to_json(const Case& c);
// The requester's personal data, for those handling the case.
boost::json::object requester_json(const Case& c);
// What the audit trail keeps of a case: to_json() and requester_version, so that a change of
// the personal data is recorded without the data itself.
boost::json::object audit_json(const Case& c);
boost::json::object to_json(const CaseEvent& e);
// A response with its files' details (id, name, type, size and where to download it).
boost::json::object to_json(const CaseResponse& r);
// A file's details and where to download it, without its bytes.
boost::json::object to_json(const CaseAttachment& a);

}  // namespace civic::cases
