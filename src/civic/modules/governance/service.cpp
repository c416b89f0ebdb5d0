// SPDX-License-Identifier: AGPL-3.0-or-later
// What the whole governance service shares: who may edit, and the records it adds to the
// links table. Each part of the service is in its own file: service_bodies.cpp (settings,
// bodies, schedules), service_meetings.cpp (meetings), service_attendance.cpp (the agenda as
// one page, attendance, declarations),
// service_agenda.cpp (items, documents, publication), service_minutes.cpp,
// service_decisions.cpp, service_actions.cpp, service_forward.cpp (the forward plan and the
// work programme), feeds.cpp (iCalendar) and moderngov.cpp (the councillors' import).
#include "civic/modules/governance/service.hpp"

#include <fmt/format.h>

#include "civic/core/recurrence.hpp"
#include "civic/modules/governance/service_support.hpp"

namespace civic::governance {
using namespace detail;
using store::Connection;

bool GovernanceService::can_edit(const Context& ctx, const std::string& unit_path) const {
    return covers(ctx.principal, unit_path, Access::Write);
}

namespace {

// The meeting a record belongs to, with its body, when the caller may read its agenda.
bool agenda_readable(Connection& c, const Principal& who, const std::string& meeting_id) {
    auto m = repo::find_meeting(c, meeting_id);
    if (!m || m->archived_at) return false;
    auto b = repo::find_body(c, m->body_id);
    return b && may_read_agenda(c, who, *b, *m);
}

}  // namespace

void GovernanceService::add_link_types(kit::LinkTypes& types) {
    types.add("meeting", "meeting",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto m = repo::find_meeting(c, id);
                  if (!m || m->archived_at) return std::nullopt;
                  auto b = repo::find_body(c, m->body_id);
                  const bool readable =
                      b && (may_read_body(c, who, *b, m->date) || sees_unpublished(c, who, *m));
                  return kit::LinkTarget{fmt::format("{} on {}", m->title, m->date),
                                         "/meetings/" + m->id, readable, may_change(who, *m)};
              });
    types.add("agenda_item", "agenda item",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto i = repo::find_item(c, id);
                  if (!i || i->archived_at) return std::nullopt;
                  auto m = repo::find_meeting(c, i->meeting_id);
                  if (!m) return std::nullopt;
                  return kit::LinkTarget{
                      fmt::format("Item {} {} ({} on {})", i->number, i->title, m->title, m->date),
                      "/meetings/" + m->id + "#item-" + std::to_string(i->number),
                      agenda_readable(c, who, i->meeting_id), may_change(who, *i)};
              });
    types.add("decision", "decision",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto d = repo::find_decision(c, id);
                  if (!d || d->archived_at) return std::nullopt;
                  auto b = repo::find_body(c, d->body_id);
                  const bool readable =
                      b && (d->meeting_id ? agenda_readable(c, who, *d->meeting_id)
                                          : may_read_body(c, who, *b, d->decided_on));
                  return kit::LinkTarget{fmt::format("{} ({})", d->title, d->decided_on),
                                         "/decisions/" + d->id, readable, may_change(who, *d)};
              });
    types.add("action", "action",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto a = repo::find_action(c, id);
                  if (!a || a->archived_at) return std::nullopt;
                  return kit::LinkTarget{a->text, "/actions/" + a->id,
                                         agenda_readable(c, who, a->meeting_id),
                                         may_change(who, *a)};
              });
    types.add("forward_plan_entry", "forward plan entry",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto e = repo::find_entry(c, id);
                  if (!e || e->archived_at) return std::nullopt;
                  auto b = repo::find_body(c, e->body_id);
                  return kit::LinkTarget{
                      e->reference + " " + e->title, "/forward-plan/" + e->id,
                      b && may_read_body(c, who, *b, uk_iso_date_of(e->created_at)),
                      may_change(who, *e)};
              });
}

}  // namespace civic::governance
