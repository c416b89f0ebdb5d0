// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The cases module's JSON API under /api/v1:
//
//   /api/v1/case-types             list (include_archived) and create (administrators);
//                                  /{id}: read, change and archive (administrators)
//   /api/v1/cases                  a page of cases with their clocks (unit_id, officer_person_id,
//                                  mine, case_type_id, status); POST: a new case
//   /api/v1/cases/import           POST: a spreadsheet of cases (text/csv), all or nothing
//   /api/v1/cases/{id}             one case with its clock, how each due date was counted, and
//                                  its events; PATCH: change or transfer it
//   /api/v1/cases/{id}/requester   the requester's personal data (handlers only; audited)
//   /api/v1/cases/{id}/responses   what was sent (handlers only; audited); POST: a response,
//                                  with its files ("attachments", base64)
//   /api/v1/cases/{id}/attachments/{attachment_id}  GET: one file's bytes (handlers only;
//                                  audited)
//   /api/v1/cases/{id}/clock       POST: stop, restart, clarify or extend
//   /api/v1/cases/{id}/escalation  POST: to the next stage
//   /api/v1/cases/{id}/closure     POST: close it, with its outcome
//   /api/v1/cases/{id}/reopening   POST: reopen it
//   /api/v1/cases/{id}/lessons-actions  POST: an action in a plan from its lessons, linked to it
//                                  (api_lessons.cpp; no If-Match: the case does not change)
//   /api/v1/subject-access         GET: everything held on one requester (administrators)
//
// and, from api_stats.cpp:
//
//   /api/v1/case-statistics        GET: the statistics of a period (period, case_type_id,
//                                  unit_id, stage), of the cases the caller may read
//   /api/v1/case-indicator-feeds   list (indicator_id, include_archived) and create (those who
//                                  may change the indicator; runs the feed);
//                                  /{id}: read; /{id}/archive
//   /api/v1/case-reports/complaints  GET: the annual complaints report (year, format=json|csv)
//   /api/v1/case-self-assessments  list and create (administrators); /{id}: read, change
//
// Every other POST on a case names the case's version (If-Match or "version") and moves it on.

#include "civic/core/clock.hpp"
#include "civic/core/json.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/cases/service.hpp"

namespace civic::cases {

void register_api(http::Router& router, CasesService& service, const Clock& clock);
// The statistics, feeds and report routes; register_api calls it.
void register_stats_api(http::Router& router, CasesService& service, const Clock& clock);
// A response's "attachments" as sent (api_attachments.cpp); a file of the wrong shape is an
// error of `f` naming it ("attachments[0].content").
std::vector<AttachmentInput> attachment_inputs(JsonFields& f);
// GET /api/v1/cases/{id}/attachments/{attachment_id} (api_attachments.cpp).
void add_attachment_route(http::Router& router, CasesService& service, const Clock& clock);
// POST /api/v1/cases/import (api_import.cpp).
void add_import_route(http::Router& router, CasesService& service, const Clock& clock);
// POST /api/v1/cases/{id}/lessons-actions (api_lessons.cpp).
void add_lessons_route(http::Router& router, CasesService& service, const Clock& clock);

}  // namespace civic::cases
