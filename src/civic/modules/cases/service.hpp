// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The cases module's rules and permissions.
//
// The council's case types are read by anyone signed in and changed by administrators; a
// council starts with the defaults of rules.hpp.
//
// A case belongs to a unit. Whoever may read the unit's records sees the case: its reference,
// subject, dates, clock and events. Only those handling it see the requester's personal data
// (their name, contact, the resident a councillor asks for, the request in their words, and
// the responses sent to them): the officer it is assigned to, editors of its unit, and
// administrators. Every read of that data is audited; to anyone else it does not exist (404).
// The handlers record what happens: responses, stops and restarts, extensions, escalation,
// closure and reopening, each audited with the case's new version.

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/cases/attachments.hpp"
#include "civic/modules/cases/clock.hpp"
#include "civic/modules/cases/model.hpp"
#include "civic/modules/cases/report_model.hpp"
#include "civic/modules/cases/stats.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/kit/links.hpp"
#include "civic/modules/kit/page.hpp"
#include "civic/modules/plans/model.hpp"
#include "civic/store/database.hpp"

namespace civic::cases {

struct CaseTypeInput {
    std::optional<std::string> code, name, kind, calendar, description;
    std::optional<boost::json::value> stages;  // as rules_json() writes them
    // [{"key", "name"}] as priorities_json() writes them; {"opens", "closes"} (HH:MM)
    std::optional<boost::json::value> priorities, office_hours;
    std::optional<bool> later_stage_by_another_officer;
    std::optional<std::int64_t> retention_years;
};

// A case's fields as sent. An optional id sent as "" clears it.
struct CaseInput {
    std::optional<std::string> case_type_id, received_on, channel, requester_kind;
    // The time of day it came in (HH:MM) and its priority (a key of its type's priorities):
    // what a type counting working hours needs.
    std::optional<std::string> received_at, priority;
    std::optional<std::string> requester_person_id, requester_name, requester_contact, on_behalf_of;
    std::optional<std::string> subject, description, unit_id, officer_person_id;
    // After closure: when it was put right, the remedy, the Ombudsman's compliance date, the
    // lessons learned.
    std::optional<std::string> resolved_on, remedy, remedy_due_on, lessons;
};

// A response or an acknowledgement sent: it meets `target` of the current stage (and any
// earlier target of the stage it counts from that is still open). It may carry files
// (attachments.hpp), stored with it or not at all.
struct ResponseInput {
    std::optional<std::string> target, sent_on, body, officer_person_id;
    std::optional<std::string> sent_at;  // HH:MM, for a target counted in working hours
    std::vector<AttachmentInput> attachments;
};

// What happened to the clock: "stop" (waiting for the requester; `fee_notice` for an FOI
// fee notice), "restart", "clarify" (a clarification arrived: the stage starts again),
// "extend" (`days` more for `target`, with the day the requester was told), or "set" (`target`
// is due on `due_on`, a date given from outside: the Ombudsman's letter; for Ombudsman
// enquiries and the council's own types only).
inline constexpr std::string_view k_clock_actions[] = {"stop", "restart", "clarify", "extend",
                                                       "set"};
struct ClockInput {
    std::optional<std::string> action, on, reason, target, told_on, due_on;
    std::optional<std::string> at;  // HH:MM, for a case counted in working hours
    // What an extension adds: working days, or, for a target counted in working hours, hours.
    std::optional<std::int64_t> days, hours;
    std::optional<bool> fee_notice;
};

// The case moves to its next stage (stage 2 of a complaint, an FOI internal review).
struct EscalationInput {
    std::optional<std::string> stage, on, reason, officer_person_id;
};

struct ClosureInput {
    std::optional<std::string> closed_on, outcome, resolved_on, remedy, remedy_due_on, lessons;
};

struct ReopeningInput {
    std::optional<std::string> on, reason;
};

// A case as its readers see it: with its type, its clock as it stands today and, when read
// alone, its events.
struct CaseView {
    Case record;
    CaseType type;
    ClockState clock;
    std::vector<CaseEvent> events;
    // When read alone: the records linked to it that the caller may see (a plan's action taken
    // from its lessons).
    std::vector<kit::ShownLink> links;
    std::string unit_name;
    std::string officer_name;
    std::string stage_name;
    std::string next_stage_name;  // the stage an escalation moves it to; "" at the last
    // The earliest due date of the current stage's open targets, and its status ("overdue",
    // "due today", "due soon", "running", "stopped"); empty when nothing is open.
    std::optional<Date> next_due;
    std::string due_status;
    bool may_handle = false;  // the caller handles it: sees personal data, records events
};

boost::json::object to_json(const CaseView& v, bool with_explanations = true);

// The requester's personal data, read by one who handles the case.
struct Requester {
    Case record;
    std::string requester_person_name;
};
boost::json::object to_json(const Requester& r);

struct CaseQuery {
    std::optional<std::string> unit_id;            // that unit's subtree
    std::optional<std::string> officer_person_id;  // assigned to this person
    bool mine = false;                             // assigned to the caller
    std::optional<std::string> case_type_id;
    std::optional<std::string> status;  // open, closed
    std::optional<std::string> cursor;
    int limit = 50;
};

// One requester's data, found by an administrator for a subject-access request: every case
// whose requester has this name or contact, or is this person in the register.
struct SubjectQuery {
    std::optional<std::string> name, contact, person_id;
};

// Which cases the statistics count: a period (core/period: "2025/26", "2025/26 Q1",
// "Sep 2025"; the current financial year when not given) and, optionally, one case type (an
// id or a code such as FOI), one unit's subtree and one stage (its key). Only the cases the
// caller may read are counted.
struct StatisticsQuery {
    std::optional<std::string> period, case_type_id, unit_id, stage;
};

// A feed as sent: the indicator (an id or a code) it fills, the case type (an id or a code),
// the stage (its first when not given), the target met on time (the stage's last when not
// given; none for a volume), the measure ("on time" when not given) and the unit whose cases
// count (every unit's when not given).
struct FeedInput {
    std::optional<std::string> indicator_id, case_type_id, stage, target, measure, unit_id;
};
struct FeedQuery {
    std::optional<std::string> indicator_id;
    bool include_archived = false;
};
// A feed with the codes it names, and, when it has just run, what the run did.
struct FeedView {
    IndicatorFeed feed;
    std::string indicator_code, case_type_code;
    std::optional<FeedRun> run;
};
boost::json::object to_json(const FeedView& v);

struct SelfAssessmentInput {
    std::optional<std::string> year, body, governance_response;
};

// A complaint or Ombudsman enquiry closed in the year with the lessons learned from it: the
// report's themes.
struct Lesson {
    std::string case_id, reference, subject, type_code, stage_name, closed_on, outcome, lessons;
};

// The annual complaints performance and service improvement report (Complaint Handling Code
// 8.1): the statistics of the council's complaint types and of its Ombudsman enquiries for
// a financial year, the lessons learned, and the year's self-assessment.
struct ComplaintsReport {
    CaseStatistics complaints;  // the types of kind "complaint"
    CaseStatistics ombudsman;   // the types of kind "ombudsman"
    std::vector<Lesson> lessons;
    std::optional<SelfAssessment> self_assessment;
};

// What an import made: each case, with the line of the file it came from, in the file's order.
struct ImportedCase {
    std::size_t line = 0;
    std::string id;
    std::string reference;
};
struct ImportSummary {
    std::vector<ImportedCase> cases;
};

// An action made from a case's lessons learned (service_lessons.cpp): a plan item in a plan the
// caller may change, at its top level or under one of its items (parent_id), linked to the case.
// A field not given is filled as lessons_action_draft() fills it: the ref with the next free
// number in its place ("1.3" under "1"), the kind "task", the title "Lessons from
// CMP-2025-0012: <subject>", the description with the lessons.
struct LessonsActionInput {
    std::optional<std::string> plan_id, parent_id, ref, kind, title, description, lead_person_id,
        due_date;
};
// The plan item made and its link to the case ("answers").
struct LessonsAction {
    plans::Item item;
    kit::Link link;
};
// Where an action may go: a live plan the caller may change, at its top level (no parent_id)
// or under one of its items.
struct ActionPlace {
    std::string plan_id;
    std::optional<std::string> parent_id;
    std::string label;  // "Customer Services plan", "Customer Services plan: 1.2 Answer on time"
};
enum class Places { PlansOnly, WithTheirItems };

class CasesService {
public:
    CasesService(store::Database& db, const kit::LinkService& links,
                 indicators::IndicatorService& indicators)
        : m_db(db), m_links(links), m_indicators(indicators) {}

    // Lets links name cases ("case"): a plan's action answering a complaint's lessons.
    static void add_link_types(kit::LinkTypes& types);

    Result<std::vector<CaseType>> list_case_types(const Context& ctx, bool include_archived) const;
    Result<CaseType> get_case_type(const Context& ctx, const std::string& id) const;
    Result<CaseType> create_case_type(const Context& ctx, const CaseTypeInput& in);
    Result<CaseType> update_case_type(const Context& ctx, const std::string& id,
                                      const CaseTypeInput& in, std::int64_t version);
    Result<CaseType> archive_case_type(const Context& ctx, const std::string& id,
                                       std::int64_t version);
    // Gives a council that has no case types the defaults (default_case_types()), each audited;
    // the number made (0 when it has some already).
    Result<int> ensure_default_case_types(const Context& ctx);

    Result<kit::Page<CaseView>> list_cases(const Context& ctx, const CaseQuery& q) const;
    Result<CaseView> get_case(const Context& ctx, const std::string& id) const;
    Result<Case> create_case(const Context& ctx, const CaseInput& in);
    Result<Case> update_case(const Context& ctx, const std::string& id, const CaseInput& in,
                             std::int64_t version);
    // The requester's personal data (404 to anyone not handling the case); audited.
    Result<Requester> requester(const Context& ctx, const std::string& id);
    // What was sent to the requester, with the details of its files (404 to anyone not
    // handling the case); audited.
    Result<std::vector<CaseResponse>> responses(const Context& ctx, const std::string& id);
    // One file sent with a response, with its bytes in base64 (404 to anyone not handling the
    // case, and for a file the retention rule removed); each download audited as a read.
    Result<CaseAttachment> attachment(const Context& ctx, const std::string& case_id,
                                      const std::string& attachment_id);

    Result<CaseResponse> add_response(const Context& ctx, const std::string& id,
                                      const ResponseInput& in, std::int64_t version);
    Result<CaseEvent> change_clock(const Context& ctx, const std::string& id, const ClockInput& in,
                                   std::int64_t version);
    Result<CaseEvent> escalate(const Context& ctx, const std::string& id, const EscalationInput& in,
                               std::int64_t version);
    Result<Case> close(const Context& ctx, const std::string& id, const ClosureInput& in,
                       std::int64_t version);
    Result<Case> reopen(const Context& ctx, const std::string& id, const ReopeningInput& in,
                        std::int64_t version);

    // A council's casework from its spreadsheet (CSV: import_rows.hpp), all or nothing: each
    // row checked as POST /api/v1/cases checks a case (its unit one whose cases the caller
    // handles), and its history (acknowledged, answered, escalated, closed) as the handlers
    // check each step; every problem named by its line and column, and nothing written while
    // there is one. Each case is audited as "import", its events written as the API writes them.
    Result<ImportSummary> import_cases(const Context& ctx, std::string_view csv);

    // Lessons learned into actions (service_lessons.cpp). The draft: the fields an action from
    // the case's lessons starts with (404 for a case the caller may not see; 409 when it has
    // no lessons yet).
    Result<LessonsActionInput> lessons_action_draft(const Context& ctx,
                                                    const std::string& id) const;
    // The places an action may go, plans by title, each followed by its items in the plan's
    // order when asked.
    Result<std::vector<ActionPlace>> action_places(const Context& ctx, Places which) const;
    // Makes the plan item through the plans service and links it to the case through the links
    // service, in one transaction: both or neither, each audited. 404 for a case the caller
    // may not see; 409 when it has no lessons yet; 422 naming plan_id for a plan they may not
    // see, 403 for one they may read but not change; the item's own checks as plans makes them.
    Result<LessonsAction> make_lessons_action(const Context& ctx, const std::string& id,
                                              const LessonsActionInput& in);

    // Administrators: removes the personal data of every case closed longer ago than its
    // type's retention years, keeping what the statistics count; the number of cases done.
    Result<int> apply_retention(const Context& ctx);
    // Administrators: everything Civic holds on one requester (their cases, with personal
    // data and responses); every case read is audited.
    Result<boost::json::object> subject_access(const Context& ctx, const SubjectQuery& q);

    // Statistics (stats.hpp) of the cases the caller may read.
    Result<CaseStatistics> statistics(const Context& ctx, const StatisticsQuery& q) const;

    // Indicator feeds: read by anyone signed in; made and archived by those who may change the
    // indicator (administrators, editors of its unit), who must also read every case the feed
    // counts (its unit's, or, for a council-wide feed, the whole council's). A new feed runs
    // at once, as its maker.
    Result<std::vector<FeedView>> list_feeds(const Context& ctx, const FeedQuery& q) const;
    Result<FeedView> get_feed(const Context& ctx, const std::string& id) const;
    Result<FeedView> create_feed(const Context& ctx, const FeedInput& in);
    Result<FeedView> archive_feed(const Context& ctx, const std::string& id, std::int64_t version);
    // Runs every live feed (of one indicator, an id or a code, when given): for every completed
    // period of the indicator's frequency from the first case counted, a draft value with the
    // numerator and denominator (or the number), through IndicatorService, so each is audited
    // as any value is. A draft or submitted value whose figures changed is corrected; an
    // approved one is left alone.
    Result<std::vector<FeedRun>> feed_indicators(const Context& ctx,
                                                 const std::optional<std::string>& indicator);

    // The annual complaints report for a financial year ("2025/26"; the last completed one
    // when not given), of the cases the caller may read.
    Result<ComplaintsReport> complaints_report(const Context& ctx,
                                               const std::optional<std::string>& year) const;
    // The self-assessments: read by anyone signed in (they are published), written by
    // administrators. A new one without a body starts from self_assessment_template().
    Result<std::vector<SelfAssessment>> list_self_assessments(const Context& ctx) const;
    Result<SelfAssessment> get_self_assessment(const Context& ctx, const std::string& id) const;
    Result<SelfAssessment> create_self_assessment(const Context& ctx,
                                                  const SelfAssessmentInput& in);
    Result<SelfAssessment> update_self_assessment(const Context& ctx, const std::string& id,
                                                  const SelfAssessmentInput& in,
                                                  std::int64_t version);

    // The demo (administrators): the demo council's case types and cases, from the files of
    // data/demo/cases/, each recorded through the calls above on its own day, in one
    // transaction; 409 when the database has cases already.
    struct DemoCounts {
        std::size_t case_types = 0, cases = 0, open = 0, responses = 0, events = 0;
    };
    Result<DemoCounts> load_demo(const Context& ctx,
                                 const std::vector<std::pair<std::string, std::string>>& files);

private:
    Result<int> seed_defaults(const Context& ctx);
    Result<FeedRun> run_feed(const Context& ctx, const IndicatorFeed& feed);

    store::Database& m_db;
    const kit::LinkService& m_links;
    indicators::IndicatorService& m_indicators;
};

}  // namespace civic::cases
