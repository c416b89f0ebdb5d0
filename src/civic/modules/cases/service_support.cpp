// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/service_support.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/modules/calendar/service.hpp"
#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/rules.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/store/audit.hpp"

namespace civic::cases::detail {
using store::Connection;

namespace {

bool assigned_to(const Principal& who, const Case& k) {
    return who.person_id && k.officer_person_id && *who.person_id == *k.officer_person_id;
}

std::string audit_text(const Case& k) { return civic::to_json(boost::json::value(audit_json(k))); }

bool may_change(const Principal& who, const Case& k) { return may_handle(who, k); }

std::optional<ClockEvent::Kind> clock_kind(std::string_view kind) {
    using K = ClockEvent::Kind;
    if (kind == "met") return K::Met;
    if (kind == "stopped") return K::Stopped;
    if (kind == "restarted") return K::Restarted;
    if (kind == "clarified") return K::Clarified;
    if (kind == "extended") return K::Extended;
    if (kind == "set") return K::Set;
    if (kind == "escalated") return K::Escalated;
    if (kind == "reopened") return K::Reopened;
    return std::nullopt;  // transferred, closed: the clock does not read them
}

}  // namespace

bool may_read(const Principal& who, const Case& k) {
    return kit::covers(who, k.unit_path, kit::Access::Read) || assigned_to(who, k);
}

bool may_handle(const Principal& who, const Case& k) {
    return kit::covers(who, k.unit_path, kit::Access::Write) || assigned_to(who, k);
}

const kit::Entity<Case> k_case{"case",     repo::find_case, repo::update_case,
                               audit_text, may_change,      "case"};

Result<Case> readable_case(Connection& c, const Principal& who, const std::string& id) {
    auto k = is_id(id) ? repo::find_case(c, id) : std::nullopt;
    if (!k || k->archived_at || !may_read(who, *k))
        return std::unexpected(Error::not_found("There is no case with this id that you can see."));
    return *k;
}

Result<Case> handled_case(Connection& c, const Principal& who, const std::string& id,
                          std::int64_t version) {
    auto k = is_id(id) ? repo::find_case(c, id) : std::nullopt;
    if (!k || k->archived_at || !may_handle(who, *k))
        return std::unexpected(Error::not_found("There is no case with this id that you handle."));
    if (k->version != version) return std::unexpected(kit::stale("case", k->version));
    return *k;
}

CaseType type_of(Connection& c, const Case& k) {
    auto t = repo::find_case_type(c, k.case_type_id);
    if (!t) throw std::logic_error("a case without its type: " + k.id);
    return *t;
}

const Stage* stage_of(const ClockRules& rules, std::string_view key) {
    for (const auto& s : rules.stages)
        if (s.key == key) return &s;
    return nullptr;
}

WorkingCalendar calendar_of(Connection& c, const CaseType& t) {
    return t.calendar == "uk" ? calendar::CalendarService::uk_calendar_on(c)
                              : calendar::CalendarService::calendar_on(c);
}

ClockState clock_of(const CaseType& t, const WorkingCalendar& calendar, const Case& k,
                    const std::vector<CaseEvent>& events, Date today, int now_minute) {
    std::vector<ClockEvent> clock_events;
    for (const auto& e : events) {
        auto kind = clock_kind(e.kind);
        auto on = parse_iso_date(e.on_date);
        if (!kind || !on) continue;
        ClockEvent ce;
        ce.kind = *kind;
        ce.on = *on;
        ce.target = e.target_key;
        ce.stage = e.stage_key;
        ce.days = static_cast<int>(e.days);
        ce.reason = e.reason;
        ce.ends_disregarded = e.ends_disregarded;
        if (e.due_when_met) {
            // A target counted in hours keeps its due time too: YYYY-MM-DDTHH:MM.
            ce.due_when_met = parse_iso_date(std::string_view(*e.due_when_met).substr(0, 10));
            if (e.due_when_met->size() == 16)
                ce.due_when_met_at =
                    parse_time_of_day(std::string_view(*e.due_when_met).substr(11));
        }
        if (e.at_time) ce.at = parse_time_of_day(*e.at_time);
        if (e.due_on) ce.due_on = parse_iso_date(*e.due_on);
        clock_events.push_back(std::move(ce));
    }
    const Date received = parse_iso_date(k.received_on).value_or(today);
    const std::optional<Date> closed =
        k.status == "closed" && k.closed_on ? parse_iso_date(*k.closed_on) : std::nullopt;
    const std::optional<int> received_at =
        k.received_at ? parse_time_of_day(*k.received_at) : std::nullopt;
    auto state = compute_clock(for_priority(stored_rules(t), k.priority), calendar, received,
                               clock_events, closed ? std::min(*closed, today) : today, received_at,
                               closed && *closed < today ? 24 * 60 - 1 : now_minute);
    if (closed)
        for (auto& stage : state.stages)
            for (auto& target : stage.targets)
                if (!target.met_on) target.status = "closed";
    return state;
}

const StageState* current_stage(const ClockState& clock) {
    return clock.stages.empty() ? nullptr : &clock.stages.back();
}

const TargetState* target_state(const StageState& stage, std::string_view key) {
    for (const auto& t : stage.targets)
        if (t.key == key) return &t;
    return nullptr;
}

std::string person_name(Connection& c, const std::optional<std::string>& id) {
    if (!id || id->empty()) return "";
    auto p = org::repo::find_person(c, *id);
    return p ? p->name : "";
}

CaseView view_of(Connection& c, const Principal& who, Case k, WallTime now, bool with_events) {
    const Date today = now.date;
    CaseView v;
    v.type = type_of(c, k);
    auto events = repo::events_of(c, k.id);
    v.clock = clock_of(v.type, calendar_of(c, v.type), k, events, today, now.minute);
    if (with_events) v.events = std::move(events);
    if (auto u = org::repo::find_unit(c, k.unit_id)) v.unit_name = u->name;
    v.officer_name = person_name(c, k.officer_person_id);
    const auto rules = stored_rules(v.type);
    for (std::size_t i = 0; i + 1 < rules.stages.size(); ++i)
        if (rules.stages[i].key == k.stage_key) v.next_stage_name = rules.stages[i + 1].name;
    if (const auto* stage = current_stage(v.clock)) {
        v.stage_name = stage->name;
        for (const auto& t : stage->targets) {
            if (t.met_on || t.status == "closed") continue;
            if (!v.next_due || (t.due && *t.due < *v.next_due)) {
                v.next_due = t.due;
                v.due_status = t.status;
            }
            if (!t.due && v.due_status.empty()) v.due_status = t.status;
        }
    }
    v.may_handle = may_handle(who, k);
    v.record = std::move(k);
    return v;
}

std::optional<Date> event_date(kit::Checks& checks, std::string_view field, std::string_view label,
                               const std::optional<std::string>& v, Date earliest,
                               std::string_view earliest_words, Date today) {
    const std::string text = kit::trimmed(v);
    if (text.empty()) {
        checks.fail(std::string(field), fmt::format("Enter the date {}", label));
        return std::nullopt;
    }
    auto d = parse_iso_date(text);
    if (!d) {
        checks.fail(std::string(field),
                    fmt::format("The date {} must be a real date written as YYYY-MM-DD", label));
        return std::nullopt;
    }
    if (*d > today) {
        checks.fail(std::string(field),
                    fmt::format("The date {} cannot be in the future (today is {})", label,
                                format_long_date(today)));
        return std::nullopt;
    }
    if (*d < earliest) {
        checks.fail(std::string(field), fmt::format("The date {} cannot be before {}, {}", label,
                                                    earliest_words, format_long_date(earliest)));
        return std::nullopt;
    }
    return d;
}

std::optional<std::optional<std::string>> person_field(Connection& c, kit::Checks& checks,
                                                       std::string_view field,
                                                       std::string_view label,
                                                       const std::optional<std::string>& v) {
    if (!v) return std::nullopt;
    const std::string id = kit::trimmed(v);
    if (id.empty()) return std::optional<std::string>();
    auto p = is_id(id) ? org::repo::find_person(c, id) : std::nullopt;
    if (!p || p->archived_at) {
        checks.fail(std::string(field),
                    fmt::format("{} must be a person in the organisation register", label));
        return std::nullopt;
    }
    return std::optional<std::string>(p->id);
}

CaseEvent event_of(const Case& k, std::string_view kind, Date on) {
    CaseEvent e;
    e.case_id = k.id;
    e.kind = std::string(kind);
    e.on_date = format_iso_date(on);
    e.stage_key = k.stage_key;
    return e;
}

CaseEvent add_event(Connection& c, const Context& ctx, CaseEvent e) {
    e.id = new_id();
    e.position = c.query_one("SELECT max(position) FROM case_events WHERE case_id = ?",
                             {std::string_view(e.case_id)},
                             [](const store::Row& r) { return r.is_null(0) ? 0 : r.integer(0); })
                     .value_or(0) +
                 1;
    e.recorded_by = ctx.principal.actor();
    e.created_at = kit::now_text(ctx);
    repo::case_events().insert(c, e);
    store::record_audit(c, ctx, "case_event", e.id, "create", std::nullopt,
                        civic::to_json(boost::json::value(to_json(e))));
    return e;
}

Date last_event_date(const Case& k, const std::vector<CaseEvent>& events) {
    Date last = parse_iso_date(k.received_on).value_or(Date{});
    for (const auto& e : events)
        if (auto d = parse_iso_date(e.on_date); d && *d > last) last = *d;
    return last;
}

void audit_personal_read(Connection& c, const Context& ctx, const Case& k, std::string_view what) {
    store::record_audit(c, ctx, "case", k.id, "read", std::nullopt,
                        civic::to_json(boost::json::value(
                            boost::json::object{{"reference", k.reference}, {"read", what}})));
}

}  // namespace civic::cases::detail
