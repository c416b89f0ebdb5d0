// SPDX-License-Identifier: AGPL-3.0-or-later
// What happens to a case, as its handlers record it: responses, stops and restarts,
// clarifications, extensions, escalation, closure and reopening. Each is checked against the
// clock as it stands, written as an event (and a response, where one was sent), and moves the
// case to its next version, so a handler working from an old copy is told (409).
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/store/audit.hpp"

namespace civic::cases {
using namespace civic::kit;
using namespace civic::cases::detail;
using store::Connection;
namespace json = boost::json;

namespace {

constexpr std::size_t k_long_text = 100000;

// The case moves to its next version: an event was added (the event's audit row says what).
// The case's own trail records the move too, from version to version, so that it stays whole
// (civic check follows every versioned record's trail to the version in its table).
void next_version(Connection& c, const Context& ctx, Case& k, std::string_view action) {
    const std::string before = civic::to_json(json::value(audit_json(k)));
    const std::int64_t expected = k.version;
    k.version += 1;
    k.updated_at = now_text(ctx);
    if (!repo::update_case(c, k, expected))
        throw store::DuplicateError("the case changed while an event was recorded");
    store::record_audit(c, ctx, "case", k.id, action, before,
                        civic::to_json(json::value(audit_json(k))));
}

// Everything one event needs: the case at the version the caller read, its type, rules,
// calendar, events and clock as they stand, and today.
struct Situation {
    Case k;
    CaseType type;
    ClockRules rules;
    WorkingCalendar calendar;
    std::vector<CaseEvent> events;
    ClockState clock;
    Date today;
    WallTime now;  // today, and the time of day

    const StageState& stage() const { return clock.stages.back(); }
    const Stage* stage_rules() const { return stage_of(rules, k.stage_key); }
    void recount() { clock = clock_of(type, calendar, k, events, today, now.minute); }
    Date earliest() const { return last_event_date(k, events); }
};

Result<Situation> situation(Connection& c, const Context& ctx, const std::string& id,
                            std::int64_t version) {
    CIVIC_TRY(auto k, handled_case(c, ctx.principal, id, version));
    const WallTime now = kit::now_in_uk(ctx);
    Situation s{std::move(k), {}, {}, {}, {}, {}, now.date, now};
    s.type = type_of(c, s.k);
    s.rules = stored_rules(s.type);
    s.calendar = calendar_of(c, s.type);
    s.events = repo::events_of(c, s.k.id);
    s.recount();
    if (s.clock.stages.empty())
        return std::unexpected(Error::internal("This case's type has no stages."));
    return s;
}

Result<void> require_open(const Case& k) {
    if (k.status == "closed")
        return std::unexpected(Error::conflict(
            fmt::format("Case {} is closed. Reopen it first (POST …/reopening).", k.reference)));
    return ok();
}

// The event date: today when not given.
std::optional<Date> on_field(Checks& checks, std::string_view field, std::string_view label,
                             const std::optional<std::string>& v, const Situation& s) {
    const auto text = trimmed(v);
    return event_date(checks, field, label,
                      text.empty() ? std::optional<std::string>(format_iso_date(s.today)) : v,
                      s.earliest(), "the case's last event", s.today);
}

// The time of day of an event on `on`: as given (HH:MM); else, where the case counts working
// hours, now when `on` is today, and asked for otherwise; else none.
std::optional<std::string> at_field(Checks& checks, std::string_view field,
                                    const std::optional<std::string>& v, std::optional<Date> on,
                                    const Situation& s) {
    const std::string text = trimmed(v);
    if (!text.empty()) {
        const auto minute = parse_time_of_day(text);
        if (!minute)
            checks.fail(std::string(field),
                        "The time must be written HH:MM on the 24-hour clock, for example 14:30");
        else if (on && *on == s.today && *minute > s.now.minute)
            checks.fail(std::string(field), fmt::format("The time cannot be later than now ({})",
                                                        format_time_of_day(s.now.minute)));
        else
            return format_time_of_day(*minute);
        return std::nullopt;
    }
    if (!counts_hours(s.rules)) return std::nullopt;
    if (on && *on == s.today) return format_time_of_day(s.now.minute);
    if (on)
        checks.fail(std::string(field),
                    fmt::format("{} targets are counted in working hours: give the time of day, "
                                "for example 14:30",
                                s.type.name));
    return std::nullopt;
}

// An open target of the current stage, named by its key.
const TargetState* open_target(Checks& checks, const Situation& s, std::string_view field,
                               const std::optional<std::string>& key) {
    const std::string name = trimmed(key);
    const auto& stage = s.stage();
    if (name.empty()) {
        std::string keys;
        for (const auto& t : stage.targets) keys += (keys.empty() ? "" : ", ") + t.key;
        checks.fail(std::string(field),
                    fmt::format("Say which target of {} this is for: {}", stage.name, keys));
        return nullptr;
    }
    const auto* t = target_state(stage, name);
    if (!t) {
        std::string keys;
        for (const auto& x : stage.targets) keys += (keys.empty() ? "" : ", ") + x.key;
        checks.fail(std::string(field),
                    fmt::format("{} has no target \"{}\": it has {}", stage.name, name, keys));
        return nullptr;
    }
    if (t->met_on) {
        checks.fail(std::string(field),
                    fmt::format("The {} of {} was already sent, on {}", lower_ascii(t->label),
                                stage.name, format_long_date(*t->met_on)));
        return nullptr;
    }
    return t;
}

// The officers of the stages before the current one: those assigned and those who responded.
std::vector<std::string> earlier_officers(Connection& c, const Situation& s,
                                          std::string_view new_stage) {
    std::vector<std::string> out;
    const auto add = [&](const std::optional<std::string>& id) {
        if (id && std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
    };
    for (const auto& r : repo::responses_of(c, s.k.id))
        if (r.stage_key != new_stage) add(r.officer_person_id);
    if (s.k.stage_key != new_stage) add(s.k.officer_person_id);
    for (const auto& e : s.events)
        if (e.stage_key != new_stage && (e.kind == "transferred" || e.kind == "escalated"))
            add(e.officer_person_id);
    return out;
}

bool is_last_target(const Stage& stage, std::string_view key) {
    return !stage.targets.empty() && stage.targets.back().key == key;
}

}  // namespace

namespace detail {

std::vector<CaseEvent> met_events(const CaseType& t, const WorkingCalendar& calendar, const Case& k,
                                  std::vector<CaseEvent>& events, const std::string& target_key,
                                  Date on, const std::optional<std::string>& at, WallTime now) {
    const Date today = now.date;
    const ClockRules rules = stored_rules(t);
    const Stage* stage = stage_of(rules, k.stage_key);
    auto clock = clock_of(t, calendar, k, events, today, now.minute);
    if (!stage || clock.stages.empty()) return {};
    // Meeting the target meets what it counts from, where that is still open. (The clock is
    // counted again after each, so the target is held by its key and label.)
    std::string target_label;
    std::vector<std::string> chain{target_key};
    for (const Target* x = nullptr;;) {
        x = nullptr;
        for (const auto& y : stage->targets)
            if (y.key == chain.back()) x = &y;
        if (!x) break;
        if (target_label.empty()) target_label = x->label;
        if (x->counts_from.empty()) break;
        const auto* from = target_state(clock.stages.back(), x->counts_from);
        if (!from || from->met_on) break;
        chain.push_back(x->counts_from);
    }
    std::reverse(chain.begin(), chain.end());
    std::vector<CaseEvent> out;
    for (const auto& key : chain) {
        const auto* state = target_state(clock.stages.back(), key);
        CaseEvent e = event_of(k, "met", on);
        e.at_time = at;
        e.target_key = key;
        if (state && state->due)
            e.due_when_met =
                state->in_hours && state->due_at
                    ? format_iso_date(*state->due) + "T" + format_time_of_day(*state->due_at)
                    : format_iso_date(*state->due);
        if (key != target_key) e.reason = "met by the " + lower_ascii(target_label);
        events.push_back(e);
        out.push_back(std::move(e));
        clock = clock_of(t, calendar, k, events, today, now.minute);
    }
    return out;
}

void check_another_officer(Connection& c, Checks& checks, std::string_view field,
                           const std::optional<std::string>& officer,
                           const std::vector<std::string>& before, std::string_view from_stage,
                           std::string_view next_stage) {
    if (!officer)
        checks.fail(std::string(field), fmt::format("Choose the officer for {}: another officer "
                                                    "than the one who handled {}",
                                                    next_stage, from_stage));
    else if (std::find(before.begin(), before.end(), *officer) != before.end())
        checks.fail(std::string(field),
                    fmt::format("{} handled {}; {} must be handled by another officer",
                                person_name(c, officer), from_stage, next_stage));
}

std::optional<std::string> check_closure(Checks& checks, const CaseType& t, const Case& k,
                                         const ClosureInput& in) {
    const auto outcome =
        checks.choice("outcome", "Outcome", in.outcome, outcomes_for(t.kind), Required::Yes);
    const auto resolved =
        date_field(checks, "resolved_on", "The date it was put right", in.resolved_on);
    date_field(checks, "remedy_due_on", "The remedy's compliance date", in.remedy_due_on);
    checks.text("remedy", "the remedy", in.remedy, Required::No, k_long_text, Lines::Many);
    checks.text("lessons", "the lessons learned", in.lessons, Required::No, k_long_text,
                Lines::Many);
    if (resolved && *resolved && *resolved < std::optional<std::string>(k.received_on))
        checks.fail("resolved_on", "The date it was put right cannot be before it was received");
    return outcome;
}

CaseEvent close_case(Case& k, Date on, const std::string& outcome, const ClosureInput& in) {
    // A date sent blank clears it, as date_field() reads it.
    const auto date = [](const std::optional<std::string>& v) {
        const std::string text = trimmed(v);
        return text.empty() ? std::nullopt : std::optional<std::string>(text);
    };
    k.status = "closed";
    k.closed_on = format_iso_date(on);
    k.outcome = outcome;
    if (in.resolved_on) k.resolved_on = date(in.resolved_on);
    if (in.remedy_due_on) k.remedy_due_on = date(in.remedy_due_on);
    if (in.remedy) k.remedy = trimmed(in.remedy);
    if (in.lessons) k.lessons = trimmed(in.lessons);
    CaseEvent e = event_of(k, "closed", on);
    e.reason = outcome;
    return e;
}

}  // namespace detail

Result<CaseResponse> CasesService::add_response(const Context& ctx, const std::string& id,
                                                const ResponseInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<CaseResponse> {
        CIVIC_TRY(auto s, situation(c, ctx, id, version));
        CIVIC_CHECK(require_open(s.k));
        Checks checks;
        const auto* target = open_target(checks, s, "target", in.target);
        const auto sent_on = on_field(checks, "sent_on", "it was sent", in.sent_on, s);
        const auto sent_at = at_field(checks, "sent_at", in.sent_at, sent_on, s);
        checks.text("body", "what was sent", in.body, Required::Yes, k_long_text, Lines::Many);
        auto officer = person_field(c, checks, "officer_person_id", "The officer who sent it",
                                    in.officer_person_id);
        const std::optional<std::string> sender =
            officer && *officer ? **officer : s.k.officer_person_id;
        const Stage* stage = s.stage_rules();
        if (target && stage && s.type.kind == "complaint" && is_last_target(*stage, target->key) &&
            lower_ascii(trimmed(in.body)).find("ombudsman") == std::string::npos)
            checks.fail("body",
                        fmt::format("A complaint's response must tell the complainant how to go "
                                    "to the Ombudsman (Complaint Handling Code). For example: {}",
                                    k_ombudsman_details));
        if (s.type.later_stage_by_another_officer && sender &&
            s.k.stage_key != s.rules.stages.front().key) {
            const auto before = earlier_officers(c, s, s.k.stage_key);
            if (std::find(before.begin(), before.end(), *sender) != before.end())
                checks.fail("officer_person_id",
                            fmt::format("{} handled an earlier stage of this case; {} must be "
                                        "answered by another officer",
                                        person_name(c, sender), s.stage().name));
        }
        auto files = check_attachments(checks, in.attachments);
        CIVIC_CHECK(checks.result());

        const std::string target_key = target->key;
        for (auto& e :
             met_events(s.type, s.calendar, s.k, s.events, target_key, *sent_on, sent_at, s.now))
            add_event(c, ctx, std::move(e));
        CaseResponse r;
        r.id = new_id();
        r.case_id = s.k.id;
        r.stage_key = s.k.stage_key;
        r.target_key = target_key;
        r.sent_on = format_iso_date(*sent_on);
        r.sent_at = sent_at;
        r.body = trimmed(in.body);
        r.officer_person_id = sender;
        r.recorded_by = ctx.principal.actor();
        r.created_at = now_text(ctx);
        repo::case_responses().insert(c, r);
        r.attachments = store_attachments(c, ctx, r, std::move(files));
        // The trail records that it was sent, not what it said: the body is the requester's
        // personal data, which retention removes.
        json::object audit = to_json(r);
        audit.erase("body");
        audit["body_length"] = static_cast<std::int64_t>(r.body.size());
        audit["attachments"] = attachments_audit(r.attachments);
        store::record_audit(c, ctx, "case_response", r.id, "create", std::nullopt,
                            civic::to_json(json::value(audit)));
        next_version(c, ctx, s.k, "respond");
        return r;
    });
}

Result<CaseEvent> CasesService::change_clock(const Context& ctx, const std::string& id,
                                             const ClockInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<CaseEvent> {
        CIVIC_TRY(auto s, situation(c, ctx, id, version));
        CIVIC_CHECK(require_open(s.k));
        Checks checks;
        const auto action =
            checks.choice("action", "Action", in.action, k_clock_actions, Required::Yes);
        CIVIC_CHECK(checks.result());
        const bool foi = s.type.kind == "foi" || s.type.kind == "eir";
        if (*action == "stop" && s.clock.stopped)
            return std::unexpected(Error::conflict("The clock is already stopped."));
        if (*action == "restart" && !s.clock.stopped)
            return std::unexpected(Error::conflict("The clock is not stopped."));
        if (in.fee_notice && *in.fee_notice && (*action != "stop" || !foi))
            checks.fail("fee_notice",
                        "Only the clock of an FOI or EIR request stops for a fee notice");
        const auto on = on_field(checks, "on", "of this", in.on, s);
        const auto at = at_field(checks, "at", in.at, on, s);
        const bool needs_reason = *action != "restart";
        checks.text("reason", "the reason", in.reason, needs_reason ? Required::Yes : Required::No,
                    2000, Lines::Many);
        CaseEvent e;
        e.case_id = s.k.id;
        e.stage_key = s.k.stage_key;
        e.reason = trimmed(in.reason);
        if (*action == "stop") {
            e.kind = "stopped";
            e.ends_disregarded = in.fee_notice.value_or(false);
        } else if (*action == "restart") {
            e.kind = "restarted";
        } else if (*action == "clarify") {
            e.kind = "clarified";
        } else if (*action == "set") {
            e.kind = "set";
            if (s.type.kind != "ombudsman" && s.type.kind != "own")
                checks.fail("action",
                            fmt::format("A {}'s deadlines are counted in working days; only an "
                                        "Ombudsman enquiry or the council's own kind of case "
                                        "takes a date set from outside",
                                        lower_ascii(s.type.name)));
            else if (const auto* target = open_target(checks, s, "target", in.target))
                e.target_key = target->key;
            const std::string due = trimmed(in.due_on);
            const auto d = parse_iso_date(due);
            if (due.empty())
                checks.fail("due_on", "Give the date it is due, as the letter sets it");
            else if (!d)
                checks.fail("due_on",
                            "The date it is due must be a real date written as YYYY-MM-DD");
            else if (on && *d < *on)
                checks.fail("due_on", "The date it is due cannot be before the date it was set");
            else
                e.due_on = format_iso_date(*d);
        } else {
            e.kind = "extended";
            const auto* target = open_target(checks, s, "target", in.target);
            const Stage* stage = s.stage_rules();
            const Target* rule = nullptr;
            if (target && stage)
                for (const auto& t : stage->targets)
                    if (t.key == target->key) rule = &t;
            // A target counted in working hours is extended by `hours`, any other by `days`.
            const bool hours = rule && rule->working_hours > 0;
            const char* unit = hours ? "hours" : "days";
            const std::optional<std::int64_t> amount = hours ? in.hours : in.days;
            const std::optional<std::int64_t> other = hours ? in.days : in.hours;
            if (other)
                checks.fail(hours ? "days" : "hours",
                            fmt::format("The {} is counted in working {}: give the working {} "
                                        "the extension adds as {}",
                                        lower_ascii(rule->label), unit, unit, unit));
            else if (!amount || *amount < 1)
                checks.fail(unit,
                            fmt::format("Give the working {} the extension adds, 1 or more", unit));
            else if (rule && rule->extension_limit == 0)
                checks.fail("target", fmt::format("The {} of a {} cannot be extended",
                                                  lower_ascii(rule->label), s.type.name));
            else if (rule && target->extended_by + *amount > rule->extension_limit)
                checks.fail(unit, fmt::format("The {} may be extended by {} working {} in all; {} "
                                              "{} used already",
                                              lower_ascii(rule->label), rule->extension_limit, unit,
                                              target->extended_by,
                                              target->extended_by == 1 ? "is" : "are"));
            if (rule) e.target_key = rule->key;
            e.days = amount.value_or(0);
            // The Code asks that a complainant be told of an extension, and why, with the
            // Ombudsman's details (6.4, 6.5); the day they were told is recorded.
            const std::string told = trimmed(in.told_on);
            if (told.empty() && s.type.kind == "complaint")
                checks.fail("told_on",
                            "Give the date the complainant was told of the extension, its reason "
                            "and the Ombudsman's details");
            else if (!told.empty())
                if (auto d = event_date(checks, "told_on", "the requester was told", in.told_on,
                                        parse_iso_date(s.k.received_on).value_or(s.today),
                                        "the date received", s.today))
                    e.told_on = format_iso_date(*d);
        }
        CIVIC_CHECK(checks.result());
        e.on_date = format_iso_date(*on);
        e.at_time = at;
        auto added = add_event(c, ctx, std::move(e));
        next_version(c, ctx, s.k, *action);
        return added;
    });
}

Result<CaseEvent> CasesService::escalate(const Context& ctx, const std::string& id,
                                         const EscalationInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<CaseEvent> {
        CIVIC_TRY(auto s, situation(c, ctx, id, version));
        const Stage* next = nullptr;
        for (std::size_t i = 0; i + 1 < s.rules.stages.size(); ++i)
            if (s.rules.stages[i].key == s.k.stage_key) next = &s.rules.stages[i + 1];
        if (!next)
            return std::unexpected(Error::conflict(
                fmt::format("Case {} is at its last stage, {}: it cannot be escalated further.",
                            s.k.reference, s.stage().name)));
        Checks checks;
        if (const auto asked = trimmed(in.stage); !asked.empty() && asked != next->key)
            checks.fail("stage", fmt::format("The next stage of this case is {} (\"{}\")",
                                             next->name, next->key));
        const auto on = on_field(checks, "on", "the escalation was asked for", in.on, s);
        checks.text("reason", "the reason", in.reason, Required::No, 2000, Lines::Many);
        auto officer = person_field(c, checks, "officer_person_id", "The officer for the stage",
                                    in.officer_person_id);
        std::optional<std::string> new_officer =
            officer ? *officer : std::optional<std::string>(s.k.officer_person_id);
        if (s.type.later_stage_by_another_officer && !checks.failed("officer_person_id"))
            check_another_officer(c, checks, "officer_person_id", officer ? *officer : std::nullopt,
                                  earlier_officers(c, s, next->key), s.stage().name, next->name);
        CIVIC_CHECK(checks.result());
        auto changed = change_record(c, ctx, k_case, s.k.id, s.k.version, "escalate",
                                     [&](Case& k) -> Result<void> {
                                         k.stage_key = next->key;
                                         k.officer_person_id = new_officer;
                                         k.status = "open";
                                         k.closed_on.reset();
                                         k.outcome.clear();
                                         return ok();
                                     });
        if (!changed) return std::unexpected(changed.error());
        CaseEvent e;
        e.case_id = s.k.id;
        e.kind = "escalated";
        e.on_date = format_iso_date(*on);
        e.stage_key = next->key;
        e.reason = trimmed(in.reason);
        e.officer_person_id = new_officer;
        return add_event(c, ctx, std::move(e));
    });
}

Result<Case> CasesService::close(const Context& ctx, const std::string& id, const ClosureInput& in,
                                 std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Case> {
        CIVIC_TRY(auto s, situation(c, ctx, id, version));
        CIVIC_CHECK(require_open(s.k));
        Checks checks;
        const auto on = on_field(checks, "closed_on", "it was closed", in.closed_on, s);
        const auto outcome = check_closure(checks, s.type, s.k, in);
        CIVIC_CHECK(checks.result());
        CaseEvent e;
        auto changed = change_record(c, ctx, k_case, s.k.id, s.k.version, "close",
                                     [&](Case& k) -> Result<void> {
                                         e = close_case(k, *on, *outcome, in);
                                         return ok();
                                     });
        if (!changed) return changed;
        add_event(c, ctx, std::move(e));
        return changed;
    });
}

Result<Case> CasesService::reopen(const Context& ctx, const std::string& id,
                                  const ReopeningInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Case> {
        CIVIC_TRY(auto s, situation(c, ctx, id, version));
        if (s.k.status != "closed")
            return std::unexpected(
                Error::conflict(fmt::format("Case {} is open already.", s.k.reference)));
        Checks checks;
        const auto on = on_field(checks, "on", "it was reopened", in.on, s);
        checks.text("reason", "the reason", in.reason, Required::Yes, 2000, Lines::Many);
        CIVIC_CHECK(checks.result());
        auto changed = change_record(c, ctx, k_case, s.k.id, s.k.version, "reopen",
                                     [&](Case& k) -> Result<void> {
                                         k.status = "open";
                                         k.closed_on.reset();
                                         k.outcome.clear();
                                         k.resolved_on.reset();
                                         return ok();
                                     });
        if (!changed) return changed;
        CaseEvent e;
        e.case_id = s.k.id;
        e.kind = "reopened";
        e.on_date = format_iso_date(*on);
        e.stage_key = s.k.stage_key;
        e.reason = trimmed(in.reason);
        add_event(c, ctx, std::move(e));
        return changed;
    });
}

}  // namespace civic::cases
