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
    std::string start_line;  // "Counted from receipt on Monday 6 January 2025."
    std::vector<std::string> notes;
    std::vector<ClockEvent> events;
};

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

StageState stage_state(const Running& run, const WorkingCalendar& calendar, Date today) {
    StageState s{run.stage->key, run.stage->name, run.started_on, {}};
    for (const auto& t : run.stage->targets)
        s.targets.push_back(target_state(t, run, calendar, s.targets, today));
    return s;
}

}  // namespace

ClockState compute_clock(const ClockRules& rules, const WorkingCalendar& calendar, Date received,
                         const std::vector<ClockEvent>& events, Date today) {
    ClockState state;
    if (rules.stages.empty()) return state;
    Running run{&rules.stages.front(),
                received,
                fmt::format("Counted from receipt on {}.", format_long_date(received)),
                {},
                {}};
    bool stopped = false;
    for (const auto& e : events) {
        switch (e.kind) {
            case Kind::Escalated: {
                const Stage* next = find_stage(rules, e.stage);
                if (!next) break;
                state.stages.push_back(stage_state(run, calendar, today));
                run = Running{next,
                              e.on,
                              fmt::format("Counted from the move to {} on {}.",
                                          lower_first(next->name), format_long_date(e.on)),
                              {},
                              {}};
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
                run.start_line = fmt::format("Counted from {} on {}.",
                                             clarified ? "the clarification" : "the reopening",
                                             format_long_date(e.on));
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
    state.stages.push_back(stage_state(run, calendar, today));
    state.stopped = stopped;
    return state;
}

}  // namespace civic::cases
