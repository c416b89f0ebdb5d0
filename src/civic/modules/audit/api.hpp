// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// GET /api/v1/audit: read the audit trail. Nothing in Civic changes or deletes it.

#include "civic/core/clock.hpp"
#include "civic/http/router.hpp"
#include "civic/modules/audit/service.hpp"

namespace civic::audit {

void register_api(http::Router& router, AuditService& service, const Clock& clock);

}  // namespace civic::audit
