// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/model.hpp"

#include <boost/json/parse.hpp>

#include "civic/modules/kit/record_json.hpp"

namespace civic::cases {
namespace json = boost::json;

boost::json::object to_json(const CaseType& t) {
    boost::system::error_code ec;
    auto stages = json::parse(t.stages_json, ec);
    boost::system::error_code pec;
    auto priorities = json::parse(t.priorities_json, pec);
    json::object o{{"id", t.id},
                   {"code", t.code},
                   {"name", t.name},
                   {"kind", t.kind},
                   {"calendar", t.calendar},
                   {"description", t.description},
                   {"stages", ec ? json::value(json::array()) : std::move(stages)},
                   {"priorities", pec ? json::value(json::array()) : std::move(priorities)},
                   {"office_hours", {{"opens", t.office_opens}, {"closes", t.office_closes}}},
                   {"later_stage_by_another_officer", t.later_stage_by_another_officer},
                   {"retention_years", t.retention_years}};
    kit::stamp(o, t);
    return o;
}

}  // namespace civic::cases

namespace civic::cases {

namespace {

constexpr std::string_view k_complaint_outcomes[] = {"upheld", "partly upheld", "not upheld",
                                                     "withdrawn"};
constexpr std::string_view k_ombudsman_outcomes[] = {"not upheld",
                                                     "upheld: maladministration",
                                                     "upheld: maladministration and injustice",
                                                     "local settlement",
                                                     "remedy agreed",
                                                     "closed after initial enquiries"};
constexpr std::string_view k_information_outcomes[] = {
    "information provided", "partly provided", "refused",
    "information not held", "withdrawn",       "fee not paid"};
constexpr std::string_view k_other_outcomes[] = {"answered", "done", "withdrawn",
                                                 "referred elsewhere"};

}  // namespace

std::span<const std::string_view> outcomes_for(std::string_view kind) {
    if (kind == "complaint") return k_complaint_outcomes;
    if (kind == "ombudsman") return k_ombudsman_outcomes;
    if (kind == "foi" || kind == "eir") return k_information_outcomes;
    return k_other_outcomes;
}

boost::json::object to_json(const Case& c) {
    json::object o{{"id", c.id},
                   {"case_type_id", c.case_type_id},
                   {"reference", c.reference},
                   {"received_on", c.received_on},
                   {"received_at", kit::opt(c.received_at)},
                   {"priority", c.priority},
                   {"channel", c.channel},
                   {"requester_kind", c.requester_kind},
                   {"subject", c.subject},
                   {"unit_id", c.unit_id},
                   {"officer_person_id", kit::opt(c.officer_person_id)},
                   {"stage", c.stage_key},
                   {"status", c.status},
                   {"closed_on", kit::opt(c.closed_on)},
                   {"outcome", c.outcome},
                   {"resolved_on", kit::opt(c.resolved_on)},
                   {"remedy", c.remedy},
                   {"remedy_due_on", kit::opt(c.remedy_due_on)},
                   {"lessons", c.lessons},
                   {"personal_data_destroyed_on", kit::opt(c.personal_data_destroyed_on)}};
    kit::stamp(o, c);
    return o;
}

boost::json::object requester_json(const Case& c) {
    return {{"case_id", c.id},
            {"reference", c.reference},
            {"requester_kind", c.requester_kind},
            {"requester_person_id", kit::opt(c.requester_person_id)},
            {"requester_name", c.requester_name},
            {"requester_contact", c.requester_contact},
            {"on_behalf_of", c.on_behalf_of},
            {"description", c.description},
            {"personal_data_destroyed_on", kit::opt(c.personal_data_destroyed_on)}};
}

boost::json::object audit_json(const Case& c) {
    auto o = to_json(c);
    o["requester_version"] = c.requester_version;
    return o;
}

boost::json::object to_json(const CaseEvent& e) {
    return {{"id", e.id},
            {"case_id", e.case_id},
            {"position", e.position},
            {"kind", e.kind},
            {"on", e.on_date},
            {"at", kit::opt(e.at_time)},
            {"stage", e.stage_key},
            {"target", e.target_key},
            {"days", e.days},
            {"reason", e.reason},
            {"ends_disregarded", e.ends_disregarded},
            // A target counted in hours keeps its due time too (stored YYYY-MM-DDTHH:MM).
            {"due_when_met",
             e.due_when_met ? json::value(e.due_when_met->substr(0, 10)) : json::value(nullptr)},
            {"due_when_met_at", e.due_when_met && e.due_when_met->size() == 16
                                    ? json::value(e.due_when_met->substr(11))
                                    : json::value(nullptr)},
            {"due_on", kit::opt(e.due_on)},
            {"told_on", kit::opt(e.told_on)},
            {"officer_person_id", kit::opt(e.officer_person_id)},
            {"unit_id", kit::opt(e.unit_id)},
            {"recorded_by", e.recorded_by},
            {"created_at", e.created_at}};
}

boost::json::object to_json(const CaseResponse& r) {
    return {{"id", r.id},
            {"case_id", r.case_id},
            {"stage", r.stage_key},
            {"target", r.target_key},
            {"sent_on", r.sent_on},
            {"sent_at", kit::opt(r.sent_at)},
            {"body", r.body},
            {"officer_person_id", kit::opt(r.officer_person_id)},
            {"recorded_by", r.recorded_by},
            {"created_at", r.created_at},
            {"attachments", [&] {
                 json::array files;
                 for (const auto& a : r.attachments) files.push_back(to_json(a));
                 return files;
             }()}};
}

}  // namespace civic::cases
