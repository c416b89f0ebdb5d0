// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/repo.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "civic/modules/org/repo.hpp"

namespace civic::cases::repo {
using store::Connection;

const kit::Table<CaseType>& case_types() {
    // Case types are the council's, not a unit's: no path.
    static const kit::Table<CaseType> t{
        "case_types",
        "t",
        "",
        nullptr,
        {{"id", &CaseType::id},
         {"code", &CaseType::code},
         {"name", &CaseType::name},
         {"kind", &CaseType::kind},
         {"calendar", &CaseType::calendar},
         {"description", &CaseType::description},
         {"stages", &CaseType::stages_json},
         {"priorities", &CaseType::priorities_json},
         {"office_opens", &CaseType::office_opens},
         {"office_closes", &CaseType::office_closes},
         {"later_stage_by_another_officer", &CaseType::later_stage_by_another_officer},
         {"retention_years", &CaseType::retention_years},
         {"archived_at", &CaseType::archived_at},
         {"version", &CaseType::version},
         {"created_at", &CaseType::created_at},
         {"updated_at", &CaseType::updated_at}}};
    return t;
}

std::optional<CaseType> find_case_type(Connection& c, const std::string& id) {
    return case_types().find(c, id);
}

bool update_case_type(Connection& c, const CaseType& t, std::int64_t expected_version) {
    return case_types().update(c, t, expected_version);
}

std::vector<CaseType> list_case_types(Connection& c, bool include_archived) {
    return case_types().where(
        c,
        include_archived ? "1 = 1 ORDER BY t.code, t.id" : "t.archived_at IS NULL ORDER BY t.code",
        {});
}

std::optional<CaseType> case_type_by_code(Connection& c, const std::string& code) {
    auto found =
        case_types().where(c, "t.archived_at IS NULL AND lower(t.code) = lower(?) ORDER BY t.id",
                           {std::string_view(code)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::int64_t count_case_types(Connection& c) {
    return c
        .query_one("SELECT count(*) FROM case_types", {},
                   [](const store::Row& r) { return r.integer(0); })
        .value_or(0);
}

}  // namespace civic::cases::repo

namespace civic::cases::repo {
using store::Connection;

const kit::Table<Case>& cases() {
    static const kit::Table<Case> t{
        "cases",
        "k",
        "JOIN units u ON u.id = k.unit_id",
        &Case::unit_path,
        {{"id", &Case::id},
         {"case_type_id", &Case::case_type_id},
         {"reference", &Case::reference},
         {"year", &Case::year},
         {"number", &Case::number},
         {"received_on", &Case::received_on},
         {"received_at", &Case::received_at},
         {"priority", &Case::priority},
         {"channel", &Case::channel},
         {"requester_kind", &Case::requester_kind},
         {"requester_person_id", &Case::requester_person_id},
         {"requester_name", &Case::requester_name},
         {"requester_contact", &Case::requester_contact},
         {"on_behalf_of", &Case::on_behalf_of},
         {"requester_version", &Case::requester_version},
         {"subject", &Case::subject},
         {"description", &Case::description},
         {"unit_id", &Case::unit_id},
         {"officer_person_id", &Case::officer_person_id},
         {"stage_key", &Case::stage_key},
         {"status", &Case::status},
         {"closed_on", &Case::closed_on},
         {"outcome", &Case::outcome},
         {"resolved_on", &Case::resolved_on},
         {"remedy", &Case::remedy},
         {"remedy_due_on", &Case::remedy_due_on},
         {"lessons", &Case::lessons},
         {"personal_data_destroyed_on", &Case::personal_data_destroyed_on},
         {"archived_at", &Case::archived_at},
         {"version", &Case::version},
         {"created_at", &Case::created_at},
         {"updated_at", &Case::updated_at}}};
    return t;
}

std::optional<Case> find_case(Connection& c, const std::string& id) { return cases().find(c, id); }

bool update_case(Connection& c, const Case& k, std::int64_t expected_version) {
    return cases().update(c, k, expected_version);
}

std::optional<Case> case_by_reference(Connection& c, const std::string& reference) {
    auto found = cases().where(c, "lower(k.reference) = lower(?)", {std::string_view(reference)});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::optional<Case> case_by_number(Connection& c, const std::string& case_type_id,
                                   std::int64_t year, std::int64_t number) {
    auto found = cases().where(c, "k.case_type_id = ? AND k.year = ? AND k.number = ?",
                               {std::string_view(case_type_id), year, number});
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::int64_t next_case_number(Connection& c, const std::string& case_type_id, std::int64_t year) {
    return c.query_one("SELECT max(number) FROM cases WHERE case_type_id = ? AND year = ?",
                       {case_type_id, year},
                       [](const store::Row& r) { return r.is_null(0) ? 0 : r.integer(0); })
               .value_or(0) +
           1;
}

std::vector<Case> list_cases(Connection& c, const CaseFilter& f) {
    std::string where = "k.archived_at IS NULL";
    std::vector<store::Value> params;
    const auto add = [&](std::string_view condition, const std::optional<std::string>& v) {
        if (!v) return;
        where += " AND ";
        where += condition;
        params.emplace_back(std::string_view(*v));
    };
    const std::string within = f.unit_path ? org::repo::like_escape(*f.unit_path) + "%" : "";
    if (f.unit_path) {
        where += " AND u.path LIKE ? ESCAPE '\\'";
        params.emplace_back(std::string_view(within));
    }
    add("k.officer_person_id = ?", f.officer_person_id);
    add("k.case_type_id = ?", f.case_type_id);
    add("k.status = ?", f.status);
    add("k.received_on >= ?", f.received_from);
    add("k.received_on <= ?", f.received_to);
    add("k.id > ?", f.after_id);
    where += " ORDER BY k.id";
    if (f.limit > 0) where += fmt::format(" LIMIT {}", f.limit);
    return cases().where(c, where, params);
}

std::vector<Case> cases_to_anonymise(Connection& c, const std::string& case_type_id,
                                     const std::string& cutoff) {
    return cases().where(c,
                         "k.case_type_id = ? AND k.status = 'closed' AND k.closed_on <= ? AND "
                         "k.personal_data_destroyed_on IS NULL ORDER BY k.id",
                         {std::string_view(case_type_id), std::string_view(cutoff)});
}

const kit::Table<CaseEvent>& case_events() {
    static const kit::Table<CaseEvent> t{"case_events",
                                         "e",
                                         "",
                                         nullptr,
                                         {{"id", &CaseEvent::id},
                                          {"case_id", &CaseEvent::case_id},
                                          {"position", &CaseEvent::position},
                                          {"kind", &CaseEvent::kind},
                                          {"on_date", &CaseEvent::on_date},
                                          {"at_time", &CaseEvent::at_time},
                                          {"stage_key", &CaseEvent::stage_key},
                                          {"target_key", &CaseEvent::target_key},
                                          {"days", &CaseEvent::days},
                                          {"reason", &CaseEvent::reason},
                                          {"ends_disregarded", &CaseEvent::ends_disregarded},
                                          {"due_when_met", &CaseEvent::due_when_met},
                                          {"due_on", &CaseEvent::due_on},
                                          {"told_on", &CaseEvent::told_on},
                                          {"officer_person_id", &CaseEvent::officer_person_id},
                                          {"unit_id", &CaseEvent::unit_id},
                                          {"recorded_by", &CaseEvent::recorded_by},
                                          {"created_at", &CaseEvent::created_at}}};
    return t;
}

std::vector<CaseEvent> events_of(Connection& c, const std::string& case_id) {
    return case_events().where(c, "e.case_id = ? ORDER BY e.position", {std::string_view(case_id)});
}

std::vector<CaseEvent> events_of_cases(Connection& c, const std::vector<std::string>& case_ids) {
    std::vector<CaseEvent> out;
    // In batches, so that no statement has more parameters than SQLite allows.
    constexpr std::size_t k_batch = 500;
    for (std::size_t i = 0; i < case_ids.size(); i += k_batch) {
        const std::size_t n = std::min(k_batch, case_ids.size() - i);
        std::string marks;
        std::vector<store::Value> params;
        for (std::size_t j = 0; j < n; ++j) {
            marks += j ? ", ?" : "?";
            params.emplace_back(std::string_view(case_ids[i + j]));
        }
        auto part = case_events().where(
            c, fmt::format("e.case_id IN ({}) ORDER BY e.case_id, e.position", marks), params);
        for (auto& e : part) out.push_back(std::move(e));
    }
    return out;
}

const kit::Table<CaseResponse>& case_responses() {
    static const kit::Table<CaseResponse> t{
        "case_responses",
        "r",
        "",
        nullptr,
        {{"id", &CaseResponse::id},
         {"case_id", &CaseResponse::case_id},
         {"stage_key", &CaseResponse::stage_key},
         {"target_key", &CaseResponse::target_key},
         {"sent_on", &CaseResponse::sent_on},
         {"sent_at", &CaseResponse::sent_at},
         {"body", &CaseResponse::body},
         {"officer_person_id", &CaseResponse::officer_person_id},
         {"recorded_by", &CaseResponse::recorded_by},
         {"created_at", &CaseResponse::created_at}}};
    return t;
}

std::vector<CaseResponse> responses_of(Connection& c, const std::string& case_id) {
    return case_responses().where(c, "r.case_id = ? ORDER BY r.sent_on, r.id",
                                  {std::string_view(case_id)});
}

}  // namespace civic::cases::repo
