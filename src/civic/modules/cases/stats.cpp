// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/stats.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>
#include <map>

#include "civic/modules/cases/rules.hpp"

namespace civic::cases {
namespace json = boost::json;
namespace {

// Adds one to an outcome's count, keeping the first-seen order.
void count_outcome(std::vector<std::pair<std::string, std::int64_t>>& outcomes,
                   const std::string& outcome) {
    for (auto& [name, n] : outcomes)
        if (name == outcome) {
            ++n;
            return;
        }
    outcomes.emplace_back(outcome, 1);
}

// Every outcome of the kind listed (0 when none), then any other found, as they came.
std::vector<std::pair<std::string, std::int64_t>> ordered_outcomes(
    std::string_view kind, const std::vector<std::pair<std::string, std::int64_t>>& found) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (auto name : outcomes_for(kind)) out.emplace_back(std::string(name), 0);
    for (const auto& [name, n] : found) {
        auto it =
            std::find_if(out.begin(), out.end(), [&](const auto& o) { return o.first == name; });
        if (it == out.end())
            out.emplace_back(name, n);
        else
            it->second += n;
    }
    return out;
}

StageStats* stage_named(TypeStats& t, std::string_view key) {
    for (auto& s : t.stages)
        if (s.key == key) return &s;
    return nullptr;
}

TargetStats* target_named(StageStats& s, std::string_view key) {
    for (auto& t : s.targets)
        if (t.key == key) return &t;
    return nullptr;
}

void count_remedy(RemedyStats& r, const CaseFacts& k, const Period& period, Date today) {
    if (!k.remedy_due_on || !period.contains(*k.remedy_due_on)) return;
    ++r.due;
    if (k.resolved_on)
        ++(*k.resolved_on <= *k.remedy_due_on ? r.complied_on_time : r.complied_late);
    else if (*k.remedy_due_on < today)
        ++r.not_complied;
    else
        ++r.not_yet_due;
}

void add_remedies(RemedyStats& to, const RemedyStats& from) {
    to.due += from.due;
    to.complied_on_time += from.complied_on_time;
    to.complied_late += from.complied_late;
    to.not_complied += from.not_complied;
    to.not_yet_due += from.not_yet_due;
}

// One case's share of its type's figures.
void count_case(TypeStats& t, const CaseFacts& k, const Period& period, Date today) {
    const bool received = period.contains(k.received_on);
    if (received) {
        ++t.received;
        if (!t.stages.empty()) ++t.stages.front().reached;
    }
    // The last closure at each stage in the period, and whether the case closed in it at all.
    std::map<std::string, std::string> closures;
    for (const auto& e : k.events) {
        const auto on = parse_iso_date(e.on_date);
        if (!on || !period.contains(*on)) continue;
        StageStats* stage = stage_named(t, e.stage_key);
        if (e.kind == "escalated") {
            if (stage) ++stage->reached;
        } else if (e.kind == "extended") {
            ++t.extensions;
            t.extension_days += e.days;
            if (stage)
                if (auto* target = target_named(*stage, e.target_key)) {
                    ++target->extensions;
                    target->extension_days += e.days;
                }
        } else if (e.kind == "stopped") {
            ++t.stops;
            if (e.ends_disregarded) ++t.fee_notices;
            if (stage) {
                ++stage->stops;
                if (e.ends_disregarded) ++stage->fee_notices;
            }
        } else if (e.kind == "closed") {
            closures[e.stage_key] = e.reason;
        }
    }
    if (!closures.empty()) ++t.closed;
    for (const auto& [stage_key, outcome] : closures) {
        count_outcome(t.outcomes, outcome);
        if (StageStats* stage = stage_named(t, stage_key)) {
            ++stage->closed;
            count_outcome(stage->outcomes, outcome);
        }
    }

    // Targets, by the period their due date falls in.
    for (std::size_t i = 0; i < k.clock.stages.size(); ++i) {
        const StageState& run = k.clock.stages[i];
        StageStats* stage = stage_named(t, run.key);
        if (!stage) continue;
        // The day the stage ended: the next one started, or the case closed at it.
        std::optional<Date> ended;
        if (i + 1 < k.clock.stages.size())
            ended = k.clock.stages[i + 1].started_on;
        else if (k.status == "closed")
            ended = k.closed_on;
        for (const auto& target : run.targets) {
            if (!target.due || !period.contains(*target.due)) continue;
            TargetStats* counted = target_named(*stage, target.key);
            if (!counted) continue;
            if (target.met_on)
                ++(*target.met_on <= *target.due ? counted->met_on_time : counted->met_late);
            else if (*target.due < (ended ? std::min(*ended, today) : today))
                ++counted->overdue;
            else if (ended)
                ++counted->lapsed;
            else
                ++counted->not_yet_due;
        }
    }
    count_remedy(t.remedies, k, period, today);
}

}  // namespace

std::optional<double> Ratio::percent() const {
    if (denominator == 0) return std::nullopt;
    return 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
}

CaseFacts facts_of(const Case& k, ClockState clock, std::vector<CaseEvent> events) {
    CaseFacts f;
    f.case_type_id = k.case_type_id;
    f.status = k.status;
    f.received_on = parse_iso_date(k.received_on).value_or(Date{});
    if (k.closed_on) f.closed_on = parse_iso_date(*k.closed_on);
    if (k.resolved_on) f.resolved_on = parse_iso_date(*k.resolved_on);
    if (k.remedy_due_on) f.remedy_due_on = parse_iso_date(*k.remedy_due_on);
    f.clock = std::move(clock);
    f.events = std::move(events);
    return f;
}

CaseStatistics case_statistics(const std::vector<CaseType>& types,
                               const std::vector<CaseFacts>& cases, const Period& period,
                               Date today, const StatsOptions& options) {
    CaseStatistics out;
    out.period = period.to_string();
    out.from = period.start();
    out.to = period.end();
    out.as_of = today;
    std::map<std::string, std::size_t> index;
    for (const auto& type : types) {
        TypeStats t;
        t.type = type;
        for (const auto& stage : stored_rules(type).stages) {
            StageStats s;
            s.key = stage.key;
            s.name = stage.name;
            for (const auto& target : stage.targets) {
                TargetStats ts;
                ts.key = target.key;
                ts.label = target.label;
                s.targets.push_back(std::move(ts));
            }
            t.stages.push_back(std::move(s));
        }
        index.emplace(type.id, out.types.size());
        out.types.push_back(std::move(t));
    }
    for (const auto& k : cases) {
        auto it = index.find(k.case_type_id);
        if (it == index.end()) continue;
        count_case(out.types[it->second], k, period, today);
    }
    for (auto& t : out.types) {
        const std::string& kind = t.type.kind;
        out.received += t.received;
        out.closed += t.closed;
        add_remedies(out.remedies, t.remedies);
        if (kind == "ombudsman") {
            auto& o = out.ombudsman;
            o.enquiries += t.received;
            o.decisions += t.closed;
            for (const auto& [outcome, n] : t.outcomes) {
                if (outcome.starts_with("upheld")) o.upheld += n;
                if (outcome.starts_with("upheld: maladministration")) o.maladministration += n;
                if (outcome == "upheld: maladministration and injustice") o.injustice += n;
                if (outcome == "local settlement") o.local_settlements += n;
                if (outcome == "remedy agreed") o.remedies_agreed += n;
                if (outcome == "not upheld") o.not_upheld += n;
                if (outcome == "closed after initial enquiries")
                    o.closed_after_initial_enquiries += n;
            }
            add_remedies(o.remedies, t.remedies);
        }
        t.outcomes = ordered_outcomes(kind, t.outcomes);
        for (auto& s : t.stages) s.outcomes = ordered_outcomes(kind, s.outcomes);
        if (!options.stage_key.empty())
            std::erase_if(t.stages,
                          [&](const StageStats& s) { return s.key != options.stage_key; });
    }
    return out;
}

json::object to_json(const Ratio& r) {
    const auto p = r.percent();
    return {{"numerator", r.numerator},
            {"denominator", r.denominator},
            {"percent", p ? json::value(std::round(*p * 10) / 10) : json::value(nullptr)}};
}

json::object to_json(const RemedyStats& r) {
    return {{"due", r.due},
            {"complied_on_time", r.complied_on_time},
            {"complied_late", r.complied_late},
            {"not_complied", r.not_complied},
            {"not_yet_due", r.not_yet_due},
            {"compliance", to_json(r.compliance())}};
}

json::object outcomes_json(const std::vector<std::pair<std::string, std::int64_t>>& outcomes) {
    json::object o;
    for (const auto& [name, n] : outcomes) o[name] = n;
    return o;
}

json::object to_json(const TargetStats& t) {
    return {{"key", t.key},
            {"label", t.label},
            {"met", t.met()},
            {"met_on_time", t.met_on_time},
            {"met_late", t.met_late},
            {"overdue", t.overdue},
            {"not_yet_due", t.not_yet_due},
            {"lapsed", t.lapsed},
            {"extensions", json::object{{"count", t.extensions}, {"days", t.extension_days}}},
            {"on_time", to_json(t.on_time())}};
}

json::object to_json(const StageStats& s) {
    json::array targets;
    for (const auto& t : s.targets) targets.push_back(to_json(t));
    return {{"key", s.key},
            {"name", s.name},
            {"reached", s.reached},
            {"closed", s.closed},
            {"stops", json::object{{"count", s.stops}, {"fee_notices", s.fee_notices}}},
            {"outcomes", outcomes_json(s.outcomes)},
            {"targets", std::move(targets)}};
}

json::object to_json(const OmbudsmanStats& o) {
    return {{"enquiries", o.enquiries},
            {"decisions", o.decisions},
            {"upheld", o.upheld},
            {"maladministration", o.maladministration},
            {"injustice", o.injustice},
            {"local_settlements", o.local_settlements},
            {"remedies_agreed", o.remedies_agreed},
            {"not_upheld", o.not_upheld},
            {"closed_after_initial_enquiries", o.closed_after_initial_enquiries},
            {"remedies", to_json(o.remedies)}};
}

json::object to_json(const CaseStatistics& s) {
    json::array types;
    for (const auto& t : s.types) {
        json::array stages;
        for (const auto& st : t.stages) stages.push_back(to_json(st));
        types.push_back(json::object{
            {"case_type", json::object{{"id", t.type.id},
                                       {"code", t.type.code},
                                       {"name", t.type.name},
                                       {"kind", t.type.kind}}},
            {"received", t.received},
            {"closed", t.closed},
            {"extensions", json::object{{"count", t.extensions}, {"days", t.extension_days}}},
            {"stops", json::object{{"count", t.stops}, {"fee_notices", t.fee_notices}}},
            {"outcomes", outcomes_json(t.outcomes)},
            {"stages", std::move(stages)},
            {"remedies", to_json(t.remedies)}});
    }
    return {{"period", s.period},
            {"from", format_iso_date(s.from)},
            {"to", format_iso_date(s.to)},
            {"as_of", format_iso_date(s.as_of)},
            {"received", s.received},
            {"closed", s.closed},
            {"types", std::move(types)},
            {"ombudsman", to_json(s.ombudsman)},
            {"remedies", to_json(s.remedies)}};
}

}  // namespace civic::cases
