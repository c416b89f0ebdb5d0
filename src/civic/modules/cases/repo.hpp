// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The SQL of the cases module.

#include <optional>
#include <string>
#include <vector>

#include "civic/modules/cases/model.hpp"
#include "civic/modules/kit/table.hpp"
#include "civic/store/database.hpp"

namespace civic::cases::repo {

const kit::Table<CaseType>& case_types();
std::optional<CaseType> find_case_type(store::Connection& c, const std::string& id);
bool update_case_type(store::Connection& c, const CaseType& t, std::int64_t expected_version);
// Live types, by code; with archived ones too when asked.
std::vector<CaseType> list_case_types(store::Connection& c, bool include_archived);
// The live type with this code, whatever its case ("foi" finds FOI).
std::optional<CaseType> case_type_by_code(store::Connection& c, const std::string& code);
std::int64_t count_case_types(store::Connection& c);

const kit::Table<Case>& cases();
std::optional<Case> find_case(store::Connection& c, const std::string& id);
bool update_case(store::Connection& c, const Case& k, std::int64_t expected_version);
std::optional<Case> case_by_reference(store::Connection& c, const std::string& reference);
// The case of this type, year and number, archived or not.
std::optional<Case> case_by_number(store::Connection& c, const std::string& case_type_id,
                                   std::int64_t year, std::int64_t number);
// The next number of a type's cases received in a year (1 for the first).
std::int64_t next_case_number(store::Connection& c, const std::string& case_type_id,
                              std::int64_t year);

// Which cases a list reads, before the caller's scope is applied; all optional.
struct CaseFilter {
    std::optional<std::string> unit_path;  // the unit's subtree
    std::optional<std::string> officer_person_id;
    std::optional<std::string> case_type_id;
    std::optional<std::string> status;
    std::optional<std::string> received_from, received_to;  // both included
    std::optional<std::string> after_id;                    // a page's cursor
    int limit = 0;                                          // 0: all
};
// Live cases, oldest first (by id, which sorts by creation).
std::vector<Case> list_cases(store::Connection& c, const CaseFilter& f);
// Closed cases whose personal data is still held, of one type, closed on or before `cutoff`.
std::vector<Case> cases_to_anonymise(store::Connection& c, const std::string& case_type_id,
                                     const std::string& cutoff);

const kit::Table<CaseEvent>& case_events();
std::vector<CaseEvent> events_of(store::Connection& c, const std::string& case_id);
// Every event of the cases a list names, by case id.
std::vector<CaseEvent> events_of_cases(store::Connection& c,
                                       const std::vector<std::string>& case_ids);

const kit::Table<CaseResponse>& case_responses();
std::vector<CaseResponse> responses_of(store::Connection& c, const std::string& case_id);

// repo_attachments.cpp
const kit::Table<CaseAttachment>& case_attachments();
// The files of a case's responses, by response and place, without their bytes (content "").
std::vector<CaseAttachment> attachments_of(store::Connection& c, const std::string& case_id);
// The same with their bytes (a subject-access request's answer).
std::vector<CaseAttachment> attachments_with_content(store::Connection& c,
                                                     const std::string& case_id);
// One file of a case, with its bytes.
std::optional<CaseAttachment> find_attachment(store::Connection& c, const std::string& case_id,
                                              const std::string& id);
// Gives each response of `responses` its files (from attachments_of or _with_content).
void attach(std::vector<CaseResponse>& responses, std::vector<CaseAttachment> files);
// The retention rule: empties the names and bytes of a case's files, keeping their types and
// sizes; the number emptied.
std::int64_t remove_attachments(store::Connection& c, const std::string& case_id,
                                const std::string& removed_on);

}  // namespace civic::cases::repo
