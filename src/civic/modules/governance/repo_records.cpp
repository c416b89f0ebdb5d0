// SPDX-License-Identifier: AGPL-3.0-or-later
// The queries of what meetings make: corrections to minutes, decisions, actions, the forward
// plan and the work programme.
#include <fmt/format.h>

#include "civic/modules/governance/repo.hpp"

namespace civic::governance::repo {
using store::Connection;
using store::Value;

namespace {
// Adds "AND column = ?" when the value is set.
void when(std::string& where, std::vector<Value>& params, std::string_view column,
          const std::string& value, std::string_view op = "=") {
    if (value.empty()) return;
    where += fmt::format(" AND {} {} ?", column, op);
    params.emplace_back(std::string_view(value));
}
}  // namespace

std::vector<Correction> list_corrections(Connection& c, const std::string& meeting_id) {
    return corrections().where(c, "c.meeting_id = ? AND c.archived_at IS NULL ORDER BY c.id",
                               {meeting_id});
}

std::vector<Decision> list_decisions(Connection& c, const DecisionFilter& f) {
    std::string where = "d.archived_at IS NULL";
    std::vector<Value> params;
    when(where, params, "d.body_id", f.body_id);
    when(where, params, "d.meeting_id", f.meeting_id);
    when(where, params, "d.decided_on", f.from, ">=");
    when(where, params, "d.decided_on", f.to, "<=");
    when(where, params, "d.call_in_status", f.call_in_status);
    if (f.key_decision) {
        where += " AND d.key_decision = ?";
        params.emplace_back(*f.key_decision);
    }
    if (!f.after.empty()) {
        where +=
            " AND (d.decided_on < (SELECT decided_on FROM decisions WHERE id = ?) OR "
            "(d.decided_on = (SELECT decided_on FROM decisions WHERE id = ?) AND d.id < ?))";
        for (int i = 0; i < 3; ++i) params.emplace_back(std::string_view(f.after));
    }
    where += " ORDER BY d.decided_on DESC, d.id DESC";
    if (f.limit > 0) where += fmt::format(" LIMIT {}", f.limit);
    return decisions().where(c, where, params);
}

std::vector<Action> list_actions(Connection& c, const ActionFilter& f) {
    std::string where = "1 = 1";
    std::vector<Value> params;
    when(where, params, "a.body_id", f.body_id);
    when(where, params, "a.meeting_id", f.meeting_id);
    when(where, params, "a.owner_person_id", f.owner_person_id);
    when(where, params, "a.status", f.status);
    if (!f.include_archived) where += " AND a.archived_at IS NULL";
    where += " ORDER BY (SELECT date FROM meetings WHERE id = a.meeting_id), a.created_at, a.id";
    return actions().where(c, where, params);
}

std::vector<ForwardPlanEntry> list_entries(Connection& c, const EntryFilter& f) {
    std::string where = "1 = 1";
    std::vector<Value> params;
    when(where, params, "f.body_id", f.body_id);
    when(where, params, "f.status", f.status);
    if (!f.include_archived) where += " AND f.archived_at IS NULL";
    where +=
        " ORDER BY COALESCE(f.planned_on, (SELECT date FROM meetings WHERE id = f.meeting_id), "
        "'9999-12-31'), f.reference";
    return forward_plan().where(c, where, params);
}

std::optional<ForwardPlanEntry> find_entry_by_reference(Connection& c,
                                                        const std::string& reference) {
    auto found = forward_plan().where(c, "f.reference = ?", {reference});
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Topic> list_topics(Connection& c, const std::string& body_id, bool include_archived) {
    return topics().where(c,
                          fmt::format("t.body_id = ?{} ORDER BY t.created_at, t.id",
                                      include_archived ? "" : " AND t.archived_at IS NULL"),
                          {body_id});
}

}  // namespace civic::governance::repo
