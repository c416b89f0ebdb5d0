// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What the governance service's translation units share: how the kit's change steps reach
// each record, who may read a body, a meeting and its exempt information, the views the reads
// build, the standard items every agenda opens with, and the field checks governance's
// records have in common. Internal to the governance module.

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/governance/deadlines.hpp"
#include "civic/modules/governance/model.hpp"
#include "civic/modules/governance/repo.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/records.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/store/database.hpp"

namespace civic::governance::detail {
using namespace civic::kit;

template <typename Record>
bool may_change(const Principal& who, const Record& r) {
    return covers(who, r.unit_path, Access::Write);
}

template <typename Record>
std::string audit_text(const Record& r) {
    return civic::to_json(boost::json::value(governance::to_json(r)));
}

inline bool administers(const Principal& who, const Settings&) { return who.is_administrator(); }

inline constexpr Entity<Body> k_body{"body", repo::find_body, repo::update_body, audit_text<Body>,
                                     may_change<Body>};
inline constexpr Entity<Meeting> k_meeting{"meeting", repo::find_meeting, repo::update_meeting,
                                           audit_text<Meeting>, may_change<Meeting>};
inline constexpr Entity<Attendee> k_attendee{
    "attendee",           repo::find_attendee,  repo::update_attendee,
    audit_text<Attendee>, may_change<Attendee>, "attendance record"};
inline constexpr Entity<AgendaItem> k_item{"agenda_item",          repo::find_item,
                                           repo::update_item,      audit_text<AgendaItem>,
                                           may_change<AgendaItem>, "agenda item"};
inline constexpr Entity<Document> k_document{"agenda_document",     repo::find_document,
                                             repo::update_document, audit_text<Document>,
                                             may_change<Document>,  "document"};
inline constexpr Entity<Declaration> k_declaration{
    "declaration",           repo::find_declaration,  repo::update_declaration,
    audit_text<Declaration>, may_change<Declaration>, "declaration of interest"};
inline constexpr Entity<Correction> k_correction{"minutes_correction",    repo::find_correction,
                                                 repo::update_correction, audit_text<Correction>,
                                                 may_change<Correction>,  "correction"};
inline constexpr Entity<Decision> k_decision{"decision", repo::find_decision, repo::update_decision,
                                             audit_text<Decision>, may_change<Decision>};
inline constexpr Entity<Action> k_action{"action", repo::find_action, repo::update_action,
                                         audit_text<Action>, may_change<Action>};
inline constexpr Entity<ForwardPlanEntry> k_entry{
    "forward_plan_entry",         repo::find_entry,
    repo::update_entry,           audit_text<ForwardPlanEntry>,
    may_change<ForwardPlanEntry>, "forward plan entry"};
inline constexpr Entity<Topic> k_topic{"work_programme_topic", repo::find_topic,
                                       repo::update_topic,     audit_text<Topic>,
                                       may_change<Topic>,      "work programme topic"};
inline constexpr Entity<Settings> k_settings{"governance_setting",  repo::find_settings,
                                             repo::update_settings, audit_text<Settings>,
                                             administers,           "governance settings"};

// ---- who may read what

// Whether the caller's linked person sits on the body on a date.
bool is_member(store::Connection& c, const Principal& who, const std::string& body_id,
               const std::string& date);
// A public body to anyone; a private one to those whose role covers it and its members on a
// date (today, for the body itself).
bool may_read_body(store::Connection& c, const Principal& who, const Body& b,
                   const std::string& on);
// A meeting's agenda before publication, and everything of a private body: those whose role
// covers the body and its members on the meeting's date.
bool sees_unpublished(store::Connection& c, const Principal& who, const Meeting& m);
// Whether a meeting's agenda may be read: published (of a public body), or sees_unpublished.
bool may_read_agenda(store::Connection& c, const Principal& who, const Body& b, const Meeting& m);
// Whether the caller may see an exempt item's content: administrators, editors covering the
// body (its clerks), the body's members on the meeting's date and the item's presenters.
bool entitled_to_exempt(store::Connection& c, const Principal& who, const Meeting& m,
                        const AgendaItem* item);

// The records a read or a write names, answered 404 alike whether missing, archived (unless
// asked for) or out of reach.
Result<Body> readable_body(store::Connection& c, const Context& ctx, const std::string& id);
Result<Meeting> readable_meeting(store::Connection& c, const Context& ctx, const std::string& id);
// The body and meeting a write goes into: live, and changeable by the caller.
Result<Body> changeable_body(store::Connection& c, const Context& ctx, const std::string& id);
Result<Meeting> changeable_meeting(store::Connection& c, const Context& ctx, const std::string& id);

// ---- views

// The council's deadline rules for today: its settings and working calendar.
DeadlineRules rules_on(store::Connection& c, const Context& ctx);
// The deadlines in law that apply to a meeting: the agenda's publication for a public body,
// and for an executive body's meeting with exempt items the private-meeting notices.
std::vector<Deadline> meeting_deadlines(store::Connection& c, const DeadlineRules& rules,
                                        const Body& body, const Meeting& m);
Quorum quorum_of(store::Connection& c, const Body& body, const Meeting& m);
MeetingView meeting_view(store::Connection& c, const Context& ctx, const Body& body,
                         const Meeting& m, const DeadlineRules& rules);
// An item as the caller may see it (redacted when exempt and not entitled), with its
// documents, presenters and declarations; links are left to get_item.
ItemView item_view(store::Connection& c, const Meeting& m, const AgendaItem& item, bool entitled);
AttendeeView attendee_view(store::Connection& c, const Attendee& a);
DecisionView decision_view(store::Connection& c, const DeadlineRules& rules, const Decision& d,
                           bool entitled);
ActionView action_view(store::Connection& c, const Action& a, Date today);
std::vector<MemberView> members_of(store::Connection& c, const std::string& body_id,
                                   const std::string& date);

// A person's name, "" when none or not found.
std::string person_name(store::Connection& c, const std::optional<std::string>& id);
// The member role a register's role text means: "Chair" → chair, "Vice Chair" → vice-chair,
// "Substitute" → substitute, "Co-opted Member" → co-opted, "Officer", "Secretary",
// "Monitoring Officer" → officer; anything else → member.
std::string member_role(std::string_view role_text);

// Adds the standard items to a new meeting's agenda, numbered 1 to 4, in the caller's
// transaction (with their audit rows).
void add_standard_items(store::Connection& c, const Context& ctx, const Meeting& m);

// ---- field checks

// A local time of day, HH:MM (24-hour). Returns it when sent and good.
std::optional<std::string> time_field(Checks& checks, std::string_view field,
                                      std::string_view label, const std::optional<std::string>& v);
// A Schedule 12A paragraph, 1 to 7, or none; with its public-interest reason required when a
// paragraph is given.
void exempt_fields(Checks& checks, const std::optional<std::optional<std::int64_t>>& paragraph,
                   const std::optional<std::string>& reason, bool reason_required);
// A person in the register, live: records a field error naming the field otherwise.
void person_field(store::Connection& c, Checks& checks, std::string_view field,
                  std::string_view label, const std::optional<std::string>& id);

}  // namespace civic::governance::detail
