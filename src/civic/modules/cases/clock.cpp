// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/clock.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace civic::cases {
namespace {

using Kind = ClockEvent::Kind;

const Stage* find_stage(const ClockRules& rules, const std::string& key) {
    for (const auto& s : rules.stages)
        if (s.key == key) return &s;
    return nullptr;
}

const TargetState* find_target(const std::vector<TargetState>& done, const std::string& key) {
    for (const auto& t : done)
        if (t.key == key) return &t;
    return nullptr;
}

std::string lower_first(std::string s) {
    if (!s.empty() && s.front() >= 'A' && s.front() <= 'Z') s.front() = char(s.front() - 'A' + 'a');
    return s;
}

// A stage reached: where it started, and the events since.
struct Running {
    const Stage* stage = nullptr;
    Date started_on;
    std::optional<int> started_at;  // the time of day, where known
    std::string start_line;         // "Counted from receipt on Monday 6 January 2025."
    std::vector<std::string> notes;
    std::vector<ClockEvent> events;
};

// When an event happened, for a clock counted in hours: its time of day, or the office's
// opening where it was not recorded.
WallTime wall(Date on, std::optional<int> at, const OfficeHours& hours) {
    return {on, at.value_or(hours.opens)};
}

// A target counted in working hours (an ICT incident's): as target_state below, on a
// WorkingHoursClock; an extension's `days` are hours.
TargetState hours_target_state(const Target& t, const Running& run, const ClockRules& rules,
                               const WorkingCalendar& calendar,
                               const std::vector<TargetState>& earlier, Date today,
                               int now_minute) {
    const OfficeHours& hours = rules.office_hours;
    TargetState out;
    out.key = t.key;
    out.label = t.label;
    out.in_hours = true;
    out.working_hours = t.working_hours;
    out.explanation = run.notes;

    WallTime from = wall(run.started_on, run.started_at, hours);
    if (t.counts_from.empty()) {
        out.explanation.push_back(run.start_line);
    } else if (const TargetState* before = find_target(earlier, t.counts_from); !before) {
        out.explanation.push_back(run.start_line);
    } else if (before->met_on) {
        from = wall(*before->met_on, before->met_at, hours);
        out.explanation.push_back(fmt::format("Counted from the {} at {}.",
                                              lower_first(before->label), format_wall_time(from)));
    } else if (before->due) {
        from = wall(*before->due, before->due_at, hours);
        out.provisional = true;
        out.explanation.push_back(fmt::format(
            "Counted for now from {}, the time the {} is due: it will count from the moment the "
            "{} is sent.",
            format_wall_time(from), lower_first(before->label), lower_first(before->label)));
    } else {
        out.counted_from = from.date;
        out.stopped = true;
        out.status = "stopped";
        out.explanation.push_back(
            fmt::format("Waits for the {}, whose clock is stopped.", lower_first(before->label)));
        return out;
    }
    out.counted_from = from.date;

    const ClockEvent* met = nullptr;
    for (const auto& e : run.events)
        if (e.kind == Kind::Met && e.target == t.key && wall(e.on, e.at, hours) >= from) {
            met = &e;
            break;
        }
    if (met) {
        out.met_on = met->on;
        out.met_at = met->at.value_or(hours.opens);
    }

    auto started = WorkingHoursClock::start(calendar, hours, from, t.working_hours * 60);
    if (!started) {
        out.status = "stopped";
        out.explanation.push_back(started.error().detail);
        return out;
    }
    WorkingHoursClock clock = std::move(*started);
    const std::optional<WallTime> met_time =
        met ? std::optional(wall(met->on, met->at, hours)) : std::nullopt;
    const ClockEvent* held = nullptr;  // a stop made before this target began
    const ClockEvent* set = nullptr;
    for (const auto& e : run.events) {
        const WallTime when = wall(e.on, e.at, hours);
        if (met_time && when > *met_time) break;
        switch (e.kind) {
            case Kind::Stopped:
                if (clock.is_stopped() || held) break;
                if (when < from)
                    held = &e;
                else
                    (void)clock.stop(when, e.reason);
                break;
            case Kind::Restarted:
                if (held) {
                    if (when >= from) {
                        (void)clock.stop(from, held->reason);
                        (void)clock.restart(when);
                    }
                    held = nullptr;
                } else if (clock.is_stopped()) {
                    (void)clock.restart(when);
                }
                break;
            case Kind::Extended:
                if (e.target == t.key && clock.extend(e.days * 60, e.reason))
                    out.extended_by += e.days;
                break;
            case Kind::Set:
                if (e.target == t.key && e.due_on) set = &e;
                break;
            default:
                break;
        }
    }
    if (held) (void)clock.stop(from, held->reason);

    auto lines = clock.explanation();
    if (!lines.empty()) lines.erase(lines.begin());
    out.explanation.insert(out.explanation.end(), lines.begin(), lines.end());

    std::optional<WallTime> due = clock.due();
    if (set) {
        out.explanation.resize(out.explanation.size() - lines.size());
        due = WallTime{*set->due_on, hours.closes};
        out.explanation.push_back(fmt::format("Set on {} to {}{}.", format_long_date(set->on),
                                              format_wall_time(*due),
                                              set->reason.empty() ? "" : ": " + set->reason));
        out.explanation.push_back(fmt::format("Due: {}.", format_wall_time(*due)));
    }
    if (met && met->due_when_met) {
        const WallTime then{*met->due_when_met, met->due_when_met_at.value_or(hours.closes)};
        if (then != due) {
            due = then;
            out.explanation.push_back(
                fmt::format("It was met against the due time it had then, {}, which stands.",
                            format_wall_time(then)));
        }
    }
    if (due) {
        out.due = due->date;
        out.due_at = due->minute;
    }
    out.stopped = clock.is_stopped() && !met && !set;

    const WallTime now{today, now_minute};
    if (met_time) {
        const bool on_time = due && *met_time <= *due;
        out.status = on_time ? "met" : "met late";
        if (due) {
            out.working_minutes_left =
                on_time ? WorkingHoursClock::working_minutes(calendar, hours, *met_time, *due)
                        : -WorkingHoursClock::working_minutes(calendar, hours, *due, *met_time);
            out.working_days_left = calendar.count_working_days(met_time->date, due->date);
        }
        out.explanation.push_back(fmt::format("Met at {}{}.", format_wall_time(*met_time),
                                              on_time ? "" : ", after the due time"));
    } else if (out.stopped || !due) {
        out.status = "stopped";
        out.working_minutes_left = clock.remaining(now);
    } else {
        out.working_days_left = calendar.count_working_days(today, due->date);
        out.working_minutes_left =
            now <= *due ? WorkingHoursClock::working_minutes(calendar, hours, now, *due)
                        : -WorkingHoursClock::working_minutes(calendar, hours, *due, now);
        if (now > *due)
            out.status = "overdue";
        else if (today == due->date)
            out.status = "due today";
        else if (out.working_minutes_left <= k_due_soon_working_minutes)
            out.status = "due soon";
        else
            out.status = "running";
    }
    return out;
}

TargetState target_state(const Target& t, const Running& run, const WorkingCalendar& calendar,
                         const std::vector<TargetState>& earlier, Date today) {
    TargetState out;
    out.key = t.key;
    out.label = t.label;
    out.working_days = t.working_days;
    out.explanation = run.notes;

    Date from = run.started_on;
    if (t.counts_from.empty()) {
        out.explanation.push_back(run.start_line);
    } else if (const TargetState* before = find_target(earlier, t.counts_from); !before) {
        out.explanation.push_back(run.start_line);
    } else if (before->met_on) {
        from = *before->met_on;
        out.explanation.push_back(fmt::format("Counted from the {} on {}.",
                                              lower_first(before->label), format_long_date(from)));
    } else if (before->due) {
        from = *before->due;
        out.provisional = true;
        out.explanation.push_back(fmt::format(
            "Counted for now from {}, the last day for the {}: it will count from the day the {} "
            "is sent.",
            format_long_date(from), lower_first(before->label), lower_first(before->label)));
    } else {
        out.counted_from = from;
        out.stopped = true;
        out.status = "stopped";
        out.explanation.push_back(
            fmt::format("Waits for the {}, whose clock is stopped.", lower_first(before->label)));
        return out;
    }
    out.counted_from = from;

    const ClockEvent* met = nullptr;
    for (const auto& e : run.events)
        if (e.kind == Kind::Met && e.target == t.key && e.on >= from) {
            met = &e;
            break;
        }
    if (met) out.met_on = met->on;

    auto started = WorkingDayClock::start(calendar, from, t.working_days);
    if (!started) {
        out.status = "stopped";
        out.explanation.push_back(started.error().detail);
        return out;
    }
    WorkingDayClock clock = std::move(*started);
    const auto ends = [](const ClockEvent& e) {
        return e.ends_disregarded ? WorkingDayClock::StopEnds::Disregarded
                                  : WorkingDayClock::StopEnds::Counted;
    };
    // A stop made before this target began (a response counted from the acknowledgement) is
    // held until its restart: if that too came before, nothing was paused for this target.
    const ClockEvent* held = nullptr;
    const ClockEvent* set = nullptr;  // the last date set from outside
    for (const auto& e : run.events) {
        if (met && e.on > met->on) break;
        switch (e.kind) {
            case Kind::Stopped:
                if (clock.is_stopped() || held) break;
                if (e.on < from)
                    held = &e;
                else
                    (void)clock.stop(e.on, e.reason, ends(e));
                break;
            case Kind::Restarted:
                if (held) {
                    if (e.on >= from) {
                        (void)clock.stop(from, held->reason, ends(*held));
                        (void)clock.restart(e.on);
                    }
                    held = nullptr;
                } else if (clock.is_stopped()) {
                    (void)clock.restart(e.on);
                }
                break;
            case Kind::Extended:
                if (e.target == t.key && clock.extend(e.days, e.reason)) out.extended_by += e.days;
                break;
            case Kind::Set:
                if (e.target == t.key && e.due_on) set = &e;
                break;
            default:
                break;
        }
    }
    if (held) (void)clock.stop(from, held->reason, ends(*held));

    // The clock's own lines, less its first ("Received …"), which the line above replaces.
    auto lines = clock.explanation();
    if (!lines.empty()) lines.erase(lines.begin());
    out.explanation.insert(out.explanation.end(), lines.begin(), lines.end());

    out.due = clock.due_date();
    if (set) {
        // A date given from outside replaces the count: its lines would only mislead.
        out.explanation.resize(out.explanation.size() - lines.size());
        out.due = set->due_on;
        out.explanation.push_back(fmt::format("Set on {} to {}{}.", format_long_date(set->on),
                                              format_long_date(*set->due_on),
                                              set->reason.empty() ? "" : ": " + set->reason));
        out.explanation.push_back(fmt::format("Due: {}.", format_long_date(*set->due_on)));
    }
    if (met && met->due_when_met && met->due_when_met != out.due) {
        out.due = met->due_when_met;
        out.explanation.push_back(
            fmt::format("It was met against the due date it had then, {}, which stands.",
                        format_long_date(*out.due)));
    }
    out.stopped = clock.is_stopped() && !met && !set;

    if (out.met_on) {
        const bool on_time = out.due && *out.met_on <= *out.due;
        out.status = on_time ? "met" : "met late";
        out.working_days_left = out.due ? calendar.count_working_days(*out.met_on, *out.due) : 0;
        out.explanation.push_back(fmt::format("Met on {}{}.", format_long_date(*out.met_on),
                                              on_time ? "" : ", after the due date"));
    } else if (out.stopped || !out.due) {
        out.status = "stopped";
        out.working_days_left = clock.remaining(today);
    } else {
        out.working_days_left = calendar.count_working_days(today, *out.due);
        if (today > *out.due)
            out.status = "overdue";
        else if (today == *out.due)
            out.status = "due today";
        else if (out.working_days_left <= k_due_soon_working_days)
            out.status = "due soon";
        else
            out.status = "running";
    }
    return out;
}

StageState stage_state(const Running& run, const ClockRules& rules, const WorkingCalendar& calendar,
                       Date today, int now_minute) {
    StageState s{run.stage->key, run.stage->name, run.started_on, {}};
    for (const auto& t : run.stage->targets)
        s.targets.push_back(t.working_hours > 0 ? hours_target_state(t, run, rules, calendar,
                                                                     s.targets, today, now_minute)
                                                : target_state(t, run, calendar, s.targets, today));
    return s;
}

// "Counted from receipt on Monday 6 January 2025." (at 10:15, where the time is known and
// the type counts hours).
std::string from_line(std::string_view what, Date on, std::optional<int> at, bool hours) {
    return fmt::format("Counted from {} on {}{}.", what, format_long_date(on),
                       hours && at ? " at " + format_time_of_day(*at) : "");
}

}  // namespace

ClockRules for_priority(ClockRules rules, std::string_view priority) {
    for (auto& s : rules.stages)
        for (auto& t : s.targets)
            for (const auto& [key, amount] : t.by_priority)
                if (key == priority)
                    (t.working_hours > 0 ? t.working_hours : t.working_days) = amount;
    return rules;
}

bool counts_hours(const ClockRules& rules) {
    for (const auto& s : rules.stages)
        for (const auto& t : s.targets)
            if (t.working_hours > 0) return true;
    return false;
}

ClockState compute_clock(const ClockRules& rules, const WorkingCalendar& calendar, Date received,
                         const std::vector<ClockEvent>& events, Date today,
                         std::optional<int> received_at, int now_minute) {
    ClockState state;
    if (rules.stages.empty()) return state;
    const bool hours = counts_hours(rules);
    Running run{&rules.stages.front(),
                received,
                received_at,
                from_line("receipt", received, received_at, hours),
                {},
                {}};
    bool stopped = false;
    for (const auto& e : events) {
        switch (e.kind) {
            case Kind::Escalated: {
                const Stage* next = find_stage(rules, e.stage);
                if (!next) break;
                state.stages.push_back(stage_state(run, rules, calendar, today, now_minute));
                run = Running{
                    next, e.on,
                    e.at, from_line("the move to " + lower_first(next->name), e.on, e.at, hours),
                    {},   {}};
                stopped = false;
                break;
            }
            case Kind::Clarified:
            case Kind::Reopened: {
                const bool clarified = e.kind == Kind::Clarified;
                run.notes.push_back(
                    fmt::format("{} on {}: the {} counts again from day 0, as if received then.",
                                clarified ? "Clarification received" : "Reopened",
                                format_long_date(e.on), lower_first(run.stage->name)));
                run.started_on = e.on;
                run.started_at = e.at;
                run.start_line =
                    from_line(clarified ? "the clarification" : "the reopening", e.on, e.at, hours);
                // What happened before counts no more: the stage is answered afresh.
                run.events.clear();
                stopped = false;
                break;
            }
            case Kind::Stopped:
                stopped = true;
                run.events.push_back(e);
                break;
            case Kind::Restarted:
                stopped = false;
                run.events.push_back(e);
                break;
            default:
                run.events.push_back(e);
                break;
        }
    }
    state.stages.push_back(stage_state(run, rules, calendar, today, now_minute));
    state.stopped = stopped;
    return state;
}

}  // namespace civic::cases
