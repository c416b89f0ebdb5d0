// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// The action log's rules for the other parts of the governance service that show actions
// inside their own transaction (a meeting's page, its minutes): who sees an action (with
// repo::list_actions, the actions a meeting or an item agreed), and a meeting's action log.
// Implemented in service_actions.cpp.
// Internal to the governance module.

#include <vector>

#include "civic/core/context.hpp"
#include "civic/modules/governance/model.hpp"
#include "civic/modules/governance/service.hpp"
#include "civic/store/database.hpp"

namespace civic::governance::detail {

// Whether the caller may see an action: whoever may read the agenda of the meeting that agreed
// it, leaving out one agreed on an exempt item for those not entitled; its owner always; an
// archived one only those whose role covers its body.
bool may_see_action(store::Connection& c, const Principal& who, const Action& a);

// What a meeting's action-log item shows, as GovernanceService::action_log, in the caller's
// transaction (the meeting is not checked: the caller has read it).
std::vector<ActionView> action_log_of(store::Connection& c, const Context& ctx, const Meeting& m);

}  // namespace civic::governance::detail
