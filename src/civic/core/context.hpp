// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// What a service needs to know about the request it serves: who asks, which request it is
// (for the audit trail and the logs), and what time it is.

#include <string>

#include "civic/core/clock.hpp"
#include "civic/core/principal.hpp"

namespace civic {

struct Context {
    Principal principal;
    std::string request_id;  // "cli" for command-line work
    TimePoint now;
};

}  // namespace civic
