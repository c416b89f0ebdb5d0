// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once

#include "civic/core/clock.hpp"
#include "civic/core/context.hpp"
#include "civic/http/request.hpp"

namespace civic::http {

// The service-facing view of a request: who asks, which request, and the time now.
inline Context context_for(const Request& r, const Clock& clock) {
    return Context{r.principal, r.request_id, clock.now()};
}

}  // namespace civic::http
