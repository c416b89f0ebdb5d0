// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/governance/repo.hpp"

#include <fmt/format.h>

namespace civic::governance::repo {
using store::Connection;
using store::Row;
using store::Value;

namespace {
constexpr std::string_view k_body_path = "JOIN units u ON u.id = {}.body_id";
std::string path_join(std::string_view alias) { return fmt::format(k_body_path, alias); }
}  // namespace

const kit::Table<Body>& bodies() {
    static const kit::Table<Body> t{"bodies",
                                    "b",
                                    "JOIN units u ON u.id = b.id",
                                    &Body::unit_path,
                                    {{"id", &Body::id},
                                     {"kind", &Body::kind},
                                     {"access", &Body::access},
                                     {"executive", &Body::executive},
                                     {"terms_of_reference", &Body::terms_of_reference},
                                     {"quorum", &Body::quorum},
                                     {"schedule_rrule", &Body::schedule_rrule},
                                     {"schedule_first_date", &Body::schedule_first_date},
                                     {"schedule_time", &Body::schedule_time},
                                     {"duration_minutes", &Body::duration_minutes},
                                     {"venue", &Body::venue},
                                     {"online_url", &Body::online_url},
                                     {"archived_at", &Body::archived_at},
                                     {"version", &Body::version},
                                     {"created_at", &Body::created_at},
                                     {"updated_at", &Body::updated_at}}};
    return t;
}

const kit::Table<Meeting>& meetings() {
    static const kit::Table<Meeting> t{
        "meetings",
        "m",
        path_join("m"),
        &Meeting::unit_path,
        {{"id", &Meeting::id},
         {"body_id", &Meeting::body_id},
         {"title", &Meeting::title},
         {"date", &Meeting::date},
         {"start_time", &Meeting::start_time},
         {"duration_minutes", &Meeting::duration_minutes},
         {"venue", &Meeting::venue},
         {"online_url", &Meeting::online_url},
         {"status", &Meeting::status},
         {"status_reason", &Meeting::status_reason},
         {"schedule_date", &Meeting::schedule_date},
         {"sequence", &Meeting::sequence},
         {"published_at", &Meeting::published_at},
         {"late_reason", &Meeting::late_reason},
         {"private_notice_on", &Meeting::private_notice_on},
         {"minutes_status", &Meeting::minutes_status},
         {"minutes_approved_at_meeting_id", &Meeting::minutes_approved_at_meeting_id},
         {"minutes_approved_on", &Meeting::minutes_approved_on},
         {"archived_at", &Meeting::archived_at},
         {"version", &Meeting::version},
         {"created_at", &Meeting::created_at},
         {"updated_at", &Meeting::updated_at}}};
    return t;
}

const kit::Table<Attendee>& attendees() {
    static const kit::Table<Attendee> t{
        "attendees",
        "a",
        path_join("a"),
        &Attendee::unit_path,
        {{"id", &Attendee::id},
         {"meeting_id", &Attendee::meeting_id},
         {"body_id", &Attendee::body_id},
         {"person_id", &Attendee::person_id},
         {"capacity", &Attendee::capacity},
         {"status", &Attendee::status},
         {"substitute_for_person_id", &Attendee::substitute_for_person_id},
         {"note", &Attendee::note},
         {"archived_at", &Attendee::archived_at},
         {"version", &Attendee::version},
         {"created_at", &Attendee::created_at},
         {"updated_at", &Attendee::updated_at}}};
    return t;
}

const kit::Table<AgendaItem>& agenda_items() {
    static const kit::Table<AgendaItem> t{"agenda_items",
                                          "i",
                                          path_join("i"),
                                          &AgendaItem::unit_path,
                                          {{"id", &AgendaItem::id},
                                           {"meeting_id", &AgendaItem::meeting_id},
                                           {"body_id", &AgendaItem::body_id},
                                           {"number", &AgendaItem::number},
                                           {"standard", &AgendaItem::standard},
                                           {"title", &AgendaItem::title},
                                           {"purpose", &AgendaItem::purpose},
                                           {"report_title", &AgendaItem::report_title},
                                           {"report_author", &AgendaItem::report_author},
                                           {"report_summary", &AgendaItem::report_summary},
                                           {"recommendations", &AgendaItem::recommendations},
                                           {"presenter_ids", &AgendaItem::presenter_ids},
                                           {"supplement", &AgendaItem::supplement},
                                           {"exempt_paragraph", &AgendaItem::exempt_paragraph},
                                           {"exempt_reason", &AgendaItem::exempt_reason},
                                           {"key_decision", &AgendaItem::key_decision},
                                           {"forward_plan_id", &AgendaItem::forward_plan_id},
                                           {"topic_id", &AgendaItem::topic_id},
                                           {"minutes_told", &AgendaItem::minutes_told},
                                           {"minutes_questions", &AgendaItem::minutes_questions},
                                           {"archived_at", &AgendaItem::archived_at},
                                           {"version", &AgendaItem::version},
                                           {"created_at", &AgendaItem::created_at},
                                           {"updated_at", &AgendaItem::updated_at}}};
    return t;
}

const kit::Table<Document>& documents() {
    static const kit::Table<Document> t{"agenda_documents",
                                        "d",
                                        path_join("d"),
                                        &Document::unit_path,
                                        {{"id", &Document::id},
                                         {"item_id", &Document::item_id},
                                         {"meeting_id", &Document::meeting_id},
                                         {"body_id", &Document::body_id},
                                         {"position", &Document::position},
                                         {"kind", &Document::kind},
                                         {"title", &Document::title},
                                         {"content", &Document::content},
                                         {"url", &Document::url},
                                         {"exempt_paragraph", &Document::exempt_paragraph},
                                         {"exempt_reason", &Document::exempt_reason},
                                         {"archived_at", &Document::archived_at},
                                         {"version", &Document::version},
                                         {"created_at", &Document::created_at},
                                         {"updated_at", &Document::updated_at}}};
    return t;
}

const kit::Table<Declaration>& declarations() {
    static const kit::Table<Declaration> t{"declarations",
                                           "d",
                                           path_join("d"),
                                           &Declaration::unit_path,
                                           {{"id", &Declaration::id},
                                            {"meeting_id", &Declaration::meeting_id},
                                            {"item_id", &Declaration::item_id},
                                            {"body_id", &Declaration::body_id},
                                            {"person_id", &Declaration::person_id},
                                            {"kind", &Declaration::kind},
                                            {"nature", &Declaration::nature},
                                            {"action", &Declaration::action},
                                            {"archived_at", &Declaration::archived_at},
                                            {"version", &Declaration::version},
                                            {"created_at", &Declaration::created_at},
                                            {"updated_at", &Declaration::updated_at}}};
    return t;
}

const kit::Table<Correction>& corrections() {
    static const kit::Table<Correction> t{
        "minutes_corrections",
        "c",
        path_join("c"),
        &Correction::unit_path,
        {{"id", &Correction::id},
         {"meeting_id", &Correction::meeting_id},
         {"item_id", &Correction::item_id},
         {"body_id", &Correction::body_id},
         {"text", &Correction::text},
         {"reason", &Correction::reason},
         {"agreed_at_meeting_id", &Correction::agreed_at_meeting_id},
         {"recorded_by", &Correction::recorded_by},
         {"archived_at", &Correction::archived_at},
         {"version", &Correction::version},
         {"created_at", &Correction::created_at},
         {"updated_at", &Correction::updated_at}}};
    return t;
}

const kit::Table<Decision>& decisions() {
    static const kit::Table<Decision> t{"decisions",
                                        "d",
                                        path_join("d"),
                                        &Decision::unit_path,
                                        {{"id", &Decision::id},
                                         {"body_id", &Decision::body_id},
                                         {"decision_maker", &Decision::decision_maker},
                                         {"meeting_id", &Decision::meeting_id},
                                         {"item_id", &Decision::item_id},
                                         {"decided_on", &Decision::decided_on},
                                         {"published_on", &Decision::published_on},
                                         {"title", &Decision::title},
                                         {"text", &Decision::text},
                                         {"reasons", &Decision::reasons},
                                         {"options_considered", &Decision::options_considered},
                                         {"key_decision", &Decision::key_decision},
                                         {"executive", &Decision::executive},
                                         {"forward_plan_id", &Decision::forward_plan_id},
                                         {"exempt_paragraph", &Decision::exempt_paragraph},
                                         {"call_in_status", &Decision::call_in_status},
                                         {"called_in_on", &Decision::called_in_on},
                                         {"called_in_by", &Decision::called_in_by},
                                         {"call_in_reason", &Decision::call_in_reason},
                                         {"call_in_decided_on", &Decision::call_in_decided_on},
                                         {"archived_at", &Decision::archived_at},
                                         {"version", &Decision::version},
                                         {"created_at", &Decision::created_at},
                                         {"updated_at", &Decision::updated_at}}};
    return t;
}

const kit::Table<Action>& actions() {
    static const kit::Table<Action> t{"actions",
                                      "a",
                                      path_join("a"),
                                      &Action::unit_path,
                                      {{"id", &Action::id},
                                       {"body_id", &Action::body_id},
                                       {"meeting_id", &Action::meeting_id},
                                       {"item_id", &Action::item_id},
                                       {"text", &Action::text},
                                       {"owner_person_id", &Action::owner_person_id},
                                       {"owner_name", &Action::owner_name},
                                       {"due_date", &Action::due_date},
                                       {"status", &Action::status},
                                       {"closed_on", &Action::closed_on},
                                       {"closed_note", &Action::closed_note},
                                       {"archived_at", &Action::archived_at},
                                       {"version", &Action::version},
                                       {"created_at", &Action::created_at},
                                       {"updated_at", &Action::updated_at}}};
    return t;
}

const kit::Table<ForwardPlanEntry>& forward_plan() {
    static const kit::Table<ForwardPlanEntry> t{
        "forward_plan_entries",
        "f",
        path_join("f"),
        &ForwardPlanEntry::unit_path,
        {{"id", &ForwardPlanEntry::id},
         {"body_id", &ForwardPlanEntry::body_id},
         {"reference", &ForwardPlanEntry::reference},
         {"title", &ForwardPlanEntry::title},
         {"summary", &ForwardPlanEntry::summary},
         {"decision_maker", &ForwardPlanEntry::decision_maker},
         {"lead_member_id", &ForwardPlanEntry::lead_member_id},
         {"lead_officer_id", &ForwardPlanEntry::lead_officer_id},
         {"planned_on", &ForwardPlanEntry::planned_on},
         {"meeting_id", &ForwardPlanEntry::meeting_id},
         {"first_published_on", &ForwardPlanEntry::first_published_on},
         {"key_decision", &ForwardPlanEntry::key_decision},
         {"exempt_paragraph", &ForwardPlanEntry::exempt_paragraph},
         {"exempt_reason", &ForwardPlanEntry::exempt_reason},
         {"exception", &ForwardPlanEntry::exception},
         {"exception_reason", &ForwardPlanEntry::exception_reason},
         {"scrutiny_chair", &ForwardPlanEntry::scrutiny_chair},
         {"scrutiny_chair_on", &ForwardPlanEntry::scrutiny_chair_on},
         {"status", &ForwardPlanEntry::status},
         {"decision_id", &ForwardPlanEntry::decision_id},
         {"archived_at", &ForwardPlanEntry::archived_at},
         {"version", &ForwardPlanEntry::version},
         {"created_at", &ForwardPlanEntry::created_at},
         {"updated_at", &ForwardPlanEntry::updated_at}}};
    return t;
}

const kit::Table<Topic>& topics() {
    static const kit::Table<Topic> t{"work_programme_topics",
                                     "t",
                                     path_join("t"),
                                     &Topic::unit_path,
                                     {{"id", &Topic::id},
                                      {"body_id", &Topic::body_id},
                                      {"title", &Topic::title},
                                      {"description", &Topic::description},
                                      {"lead_member_ids", &Topic::lead_member_ids},
                                      {"meeting_ids", &Topic::meeting_ids},
                                      {"status", &Topic::status},
                                      {"archived_at", &Topic::archived_at},
                                      {"version", &Topic::version},
                                      {"created_at", &Topic::created_at},
                                      {"updated_at", &Topic::updated_at}}};
    return t;
}

const kit::Table<Settings>& settings_table() {
    static const kit::Table<Settings> t{
        "governance_settings",
        "s",
        "",
        nullptr,
        {{"id", &Settings::id},
         {"publication_clear_days", &Settings::publication_clear_days},
         {"forward_plan_clear_days", &Settings::forward_plan_clear_days},
         {"private_notice_clear_days", &Settings::private_notice_clear_days},
         {"call_in_working_days", &Settings::call_in_working_days},
         {"clear_days", &Settings::clear_days},
         {"version", &Settings::version},
         {"created_at", &Settings::created_at},
         {"updated_at", &Settings::updated_at}}};
    return t;
}

#define CIVIC_GOVERNANCE_FIND_UPDATE(Record, find_fn, update_fn, table_fn)          \
    std::optional<Record> find_fn(Connection& c, const std::string& id) {           \
        return table_fn().find(c, id);                                              \
    }                                                                               \
    bool update_fn(Connection& c, const Record& r, std::int64_t expected_version) { \
        return table_fn().update(c, r, expected_version);                           \
    }
CIVIC_GOVERNANCE_FIND_UPDATE(Body, find_body, update_body, bodies)
CIVIC_GOVERNANCE_FIND_UPDATE(Meeting, find_meeting, update_meeting, meetings)
CIVIC_GOVERNANCE_FIND_UPDATE(Attendee, find_attendee, update_attendee, attendees)
CIVIC_GOVERNANCE_FIND_UPDATE(AgendaItem, find_item, update_item, agenda_items)
CIVIC_GOVERNANCE_FIND_UPDATE(Document, find_document, update_document, documents)
CIVIC_GOVERNANCE_FIND_UPDATE(Declaration, find_declaration, update_declaration, declarations)
CIVIC_GOVERNANCE_FIND_UPDATE(Correction, find_correction, update_correction, corrections)
CIVIC_GOVERNANCE_FIND_UPDATE(Decision, find_decision, update_decision, decisions)
CIVIC_GOVERNANCE_FIND_UPDATE(Action, find_action, update_action, actions)
CIVIC_GOVERNANCE_FIND_UPDATE(ForwardPlanEntry, find_entry, update_entry, forward_plan)
CIVIC_GOVERNANCE_FIND_UPDATE(Topic, find_topic, update_topic, topics)
CIVIC_GOVERNANCE_FIND_UPDATE(Settings, find_settings, update_settings, settings_table)
#undef CIVIC_GOVERNANCE_FIND_UPDATE

Settings settings(Connection& c) {
    auto found = settings_table().where(c, "1 = 1 ORDER BY s.id LIMIT 1", {});
    return found.empty() ? Settings{} : found.front();
}

// ---- bodies

namespace {
NamedBody named_from(const Row& r) {
    NamedBody n;
    n.body = bodies().from_row(r);
    const int k = 17;  // the body's 16 columns and its path come first
    n.name = r.str(k);
    n.description = r.str(k + 1);
    n.parent_id = r.optional_text(k + 2);
    return n;
}
// The body's columns and path, then its unit's name, description and parent.
const std::string& named_select() {
    static const std::string sql = [] {
        std::string s = bodies().select();
        s.replace(s.find(" FROM "), 6, ", u.name, u.description, u.parent_id FROM ");
        return s;
    }();
    return sql;
}
}  // namespace

std::vector<NamedBody> list_bodies(Connection& c, bool include_archived) {
    return c.query_all(named_select() + (include_archived ? "" : " WHERE b.archived_at IS NULL") +
                           " ORDER BY u.name, b.id",
                       {}, named_from);
}

std::optional<NamedBody> find_named_body(Connection& c, const std::string& id) {
    return c.query_one(named_select() + " WHERE b.id = ?", {id}, named_from);
}

std::vector<Member> members_on(Connection& c, const std::string& body_id, const std::string& date) {
    return c.query_all(
        "SELECT ms.id, p.id, p.name, p.kind, ms.role, ms.start_date, ms.end_date "
        "FROM memberships ms JOIN people p ON p.id = ms.person_id "
        "WHERE ms.unit_id = ? AND ms.archived_at IS NULL AND p.archived_at IS NULL "
        "AND (ms.start_date IS NULL OR ms.start_date <= ?) "
        "AND (ms.end_date IS NULL OR ms.end_date >= ?) ORDER BY p.name, ms.id",
        {body_id, date, date}, [](const Row& r) {
            return Member{r.str(0), r.str(1),           r.str(2),          r.str(3),
                          r.str(4), r.optional_text(5), r.optional_text(6)};
        });
}

std::vector<std::string> bodies_of_person(Connection& c, const std::string& person_id,
                                          const std::string& date) {
    return c.query_all(
        "SELECT DISTINCT b.id FROM memberships ms JOIN bodies b ON b.id = ms.unit_id "
        "WHERE ms.person_id = ? AND ms.archived_at IS NULL "
        "AND (ms.start_date IS NULL OR ms.start_date <= ?) "
        "AND (ms.end_date IS NULL OR ms.end_date >= ?) ORDER BY b.id",
        {person_id, date, date}, [](const Row& r) { return r.str(0); });
}

// ---- meetings

std::vector<Meeting> list_meetings(Connection& c, const MeetingFilter& f) {
    std::string where = "1 = 1";
    std::vector<Value> params;
    if (!f.body_id.empty()) {
        where += " AND m.body_id = ?";
        params.emplace_back(std::string_view(f.body_id));
    }
    if (!f.from.empty()) {
        where += " AND m.date >= ?";
        params.emplace_back(std::string_view(f.from));
    }
    if (!f.to.empty()) {
        where += " AND m.date <= ?";
        params.emplace_back(std::string_view(f.to));
    }
    if (!f.status.empty()) {
        where += " AND m.status = ?";
        params.emplace_back(std::string_view(f.status));
    }
    if (!f.include_archived) where += " AND m.archived_at IS NULL";
    if (!f.after.empty()) {
        where +=
            " AND (m.date, m.start_time, m.id) > (SELECT date, start_time, id FROM meetings "
            "WHERE id = ?)";
        params.emplace_back(std::string_view(f.after));
    }
    where += " ORDER BY m.date, m.start_time, m.id";
    if (f.limit > 0) where += fmt::format(" LIMIT {}", f.limit);
    return meetings().where(c, where, params);
}

std::optional<Meeting> previous_meeting(Connection& c, const Meeting& m) {
    auto found = meetings().where(
        c,
        "m.body_id = ? AND m.archived_at IS NULL AND m.status <> 'cancelled' AND m.id <> ? AND "
        "(m.date < ? OR (m.date = ? AND m.start_time < ?)) "
        "ORDER BY m.date DESC, m.start_time DESC LIMIT 1",
        {m.body_id, m.id, m.date, m.date, m.start_time});
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<Meeting> next_meeting(Connection& c, const Meeting& m) {
    auto found = meetings().where(
        c,
        "m.body_id = ? AND m.archived_at IS NULL AND m.status <> 'cancelled' AND m.id <> ? AND "
        "(m.date > ? OR (m.date = ? AND m.start_time > ?)) "
        "ORDER BY m.date, m.start_time LIMIT 1",
        {m.body_id, m.id, m.date, m.date, m.start_time});
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Attendee> list_attendees(Connection& c, const std::string& meeting_id) {
    return attendees().where(
        c,
        "a.meeting_id = ? AND a.archived_at IS NULL ORDER BY (SELECT name FROM people WHERE id = "
        "a.person_id), a.id",
        {meeting_id});
}

std::vector<AgendaItem> list_items(Connection& c, const std::string& meeting_id) {
    return agenda_items().where(c, "i.meeting_id = ? AND i.archived_at IS NULL ORDER BY i.number",
                                {meeting_id});
}

std::vector<Document> list_documents(Connection& c, const std::string& meeting_id) {
    return documents().where(
        c, "d.meeting_id = ? AND d.archived_at IS NULL ORDER BY d.item_id, d.position",
        {meeting_id});
}

std::vector<Declaration> list_declarations(Connection& c, const std::string& meeting_id) {
    return declarations().where(c, "d.meeting_id = ? AND d.archived_at IS NULL ORDER BY d.id",
                                {meeting_id});
}

}  // namespace civic::governance::repo
