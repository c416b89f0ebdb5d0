// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/cases/rules.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <set>
#include <utility>

#include "civic/core/text.hpp"

namespace civic::cases {
namespace json = boost::json;

namespace {

// A key is a short lower-case word or words joined by underscores: "stage1", "review".
bool is_key(std::string_view s) {
    if (s.empty() || s.size() > 40 || s.front() < 'a' || s.front() > 'z') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

const char* const k_key_rule =
    "use lower-case letters, digits and underscores, starting with a "
    "letter (for example stage2)";

}  // namespace

Result<void> check_rules(const ClockRules& rules) {
    std::vector<FieldError> errors;
    const auto fail = [&](std::string field, std::string message) {
        errors.push_back({std::move(field), std::move(message)});
    };
    std::set<std::string> priority_keys;
    if (rules.priorities.size() > k_max_priorities)
        fail("priorities",
             fmt::format("A case type may have at most {} priorities", k_max_priorities));
    for (std::size_t i = 0; i < rules.priorities.size(); ++i) {
        const Priority& p = rules.priorities[i];
        const std::string at = fmt::format("priorities[{}]", i);
        if (!is_key(p.key))
            fail(at + ".key", fmt::format("The key of priority {}: {}", i + 1, k_key_rule));
        else if (!priority_keys.insert(p.key).second)
            fail(at + ".key", fmt::format("Two priorities have the key {}", p.key));
        if (trim(p.name).empty() || p.name.size() > 80)
            fail(at + ".name",
                 fmt::format("Give priority {} a name of at most 80 characters", i + 1));
    }
    if (auto hours = check_office_hours(rules.office_hours); !hours)
        for (const auto& e : hours.error().errors) fail("office_hours." + e.field, e.message);
    if (rules.stages.empty()) fail("stages", "Give the case type at least one stage");
    if (rules.stages.size() > k_max_stages)
        fail("stages", fmt::format("A case type may have at most {} stages", k_max_stages));
    std::set<std::string> stage_keys;
    for (std::size_t i = 0; i < rules.stages.size(); ++i) {
        const Stage& s = rules.stages[i];
        const std::string at = fmt::format("stages[{}]", i);
        if (!is_key(s.key))
            fail(at + ".key", fmt::format("The key of stage {}: {}", i + 1, k_key_rule));
        else if (!stage_keys.insert(s.key).second)
            fail(at + ".key", fmt::format("Two stages have the key {}", s.key));
        if (trim(s.name).empty() || s.name.size() > 80)
            fail(at + ".name", fmt::format("Give stage {} a name of at most 80 characters", i + 1));
        if (s.targets.size() > k_max_targets)
            fail(at + ".targets",
                 fmt::format("A stage may have at most {} targets", k_max_targets));
        std::set<std::string> target_keys;
        for (std::size_t j = 0; j < s.targets.size(); ++j) {
            const Target& t = s.targets[j];
            const std::string tat = fmt::format("{}.targets[{}]", at, j);
            if (!is_key(t.key))
                fail(tat + ".key", fmt::format("The key of target {} of {}: {}", j + 1,
                                               s.name.empty() ? at : s.name, k_key_rule));
            else if (target_keys.contains(t.key))
                fail(tat + ".key", fmt::format("Two targets of {} have the key {}",
                                               s.name.empty() ? at : s.name, t.key));
            if (trim(t.label).empty() || t.label.size() > 80)
                fail(tat + ".label", "Give the target a label of at most 80 characters");
            if (t.working_hours != 0) {
                if (t.working_days != 0)
                    fail(tat + ".working_days",
                         "Give a target in working days or in working hours, not both");
                if (t.working_hours < 1 || t.working_hours > k_max_working_days)
                    fail(tat + ".working_hours",
                         fmt::format("A target is 1 to {} working hours", k_max_working_days));
            } else if (t.working_days < 1 || t.working_days > k_max_working_days) {
                fail(tat + ".working_days",
                     fmt::format("A target is 1 to {} working days", k_max_working_days));
            }
            std::set<std::string> given;
            for (const auto& [key, amount] : t.by_priority) {
                const std::string pat = fmt::format("{}.by_priority.{}", tat, key);
                if (!priority_keys.contains(key))
                    fail(pat, rules.priorities.empty()
                                  ? fmt::format("The case type has no priorities, so no target "
                                                "can be set for priority {}",
                                                key)
                                  : fmt::format("The case type has no priority {}", key));
                else if (!given.insert(key).second)
                    fail(pat, fmt::format("Priority {} is given twice", key));
                if (amount < 1 || amount > k_max_working_days)
                    fail(pat,
                         fmt::format("A target for a priority is 1 to {} working {}",
                                     k_max_working_days, t.working_hours != 0 ? "hours" : "days"));
            }
            if (!t.counts_from.empty() && !target_keys.contains(t.counts_from))
                fail(tat + ".counts_from",
                     fmt::format("A target counts from the start of its stage or from a target "
                                 "before it in the same stage; {} is not one",
                                 t.counts_from));
            if (t.extension_limit < 0 || t.extension_limit > k_max_working_days)
                fail(tat + ".extension_limit",
                     fmt::format("Extensions may add 0 to {} working days", k_max_working_days));
            if (is_key(t.key)) target_keys.insert(t.key);
        }
    }
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    return ok();
}

json::value rules_json(const ClockRules& rules) {
    json::array stages;
    for (const auto& s : rules.stages) {
        json::array targets;
        for (const auto& t : s.targets) {
            json::object o{{"key", t.key},
                           {"label", t.label},
                           {"working_days", t.working_days},
                           {"counts_from", t.counts_from},
                           {"extension_limit", t.extension_limit}};
            if (t.working_hours > 0) o["working_hours"] = t.working_hours;
            if (!t.by_priority.empty()) {
                json::object by;
                for (const auto& [key, amount] : t.by_priority) by[key] = amount;
                o["by_priority"] = std::move(by);
            }
            targets.push_back(std::move(o));
        }
        stages.push_back(
            json::object{{"key", s.key}, {"name", s.name}, {"targets", std::move(targets)}});
    }
    return stages;
}

Result<ClockRules> rules_from_json(const json::value& v, std::string_view field,
                                   std::vector<Priority> priorities, OfficeHours office_hours) {
    const std::string base(field);
    const auto shape = [&](std::string at, std::string message) {
        return std::unexpected(Error::validation(std::move(at), std::move(message)));
    };
    if (!v.is_array()) return shape(base, "Give the stages as a list");
    ClockRules rules;
    rules.priorities = std::move(priorities);
    rules.office_hours = office_hours;
    std::size_t i = 0;
    for (const auto& sv : v.as_array()) {
        const std::string at = fmt::format("{}[{}]", base, i++);
        if (!sv.is_object())
            return shape(at, "Give each stage as an object with key, name and targets");
        const auto& so = sv.as_object();
        Stage s;
        const auto text = [](const json::object& o,
                             std::string_view k) -> std::optional<std::string> {
            const auto* x = o.if_contains(k);
            if (!x) return std::string();
            if (!x->is_string()) return std::nullopt;
            return std::string(x->as_string());
        };
        const auto key = text(so, "key"), name = text(so, "name");
        if (!key) return shape(at + ".key", "The key must be text");
        if (!name) return shape(at + ".name", "The name must be text");
        s.key = *key;
        s.name = *name;
        const auto* targets = so.if_contains("targets");
        if (targets && !targets->is_array())
            return shape(at + ".targets", "Give the targets as a list");
        std::size_t j = 0;
        if (targets)
            for (const auto& tv : targets->as_array()) {
                const std::string tat = fmt::format("{}.targets[{}]", at, j++);
                if (!tv.is_object())
                    return shape(tat,
                                 "Give each target as an object with key, label and "
                                 "working_days");
                const auto& to = tv.as_object();
                Target t;
                const auto tkey = text(to, "key"), label = text(to, "label"),
                           from = text(to, "counts_from");
                if (!tkey) return shape(tat + ".key", "The key must be text");
                if (!label) return shape(tat + ".label", "The label must be text");
                if (!from) return shape(tat + ".counts_from", "Counts from must be text");
                t.key = *tkey;
                t.label = *label;
                t.counts_from = *from;
                const auto number = [&](std::string_view k, int& out) -> bool {
                    const auto* x = to.if_contains(k);
                    if (!x) return true;
                    if (!x->is_int64() || x->as_int64() < -1 ||
                        x->as_int64() > k_max_working_days + 1)
                        return false;
                    out = static_cast<int>(x->as_int64());
                    return true;
                };
                if (!number("working_days", t.working_days))
                    return shape(tat + ".working_days",
                                 fmt::format("A target is a whole number of working days from 1 "
                                             "to {}",
                                             k_max_working_days));
                if (!number("extension_limit", t.extension_limit))
                    return shape(tat + ".extension_limit",
                                 fmt::format("Extensions may add a whole number of working days "
                                             "from 0 to {}",
                                             k_max_working_days));
                if (!number("working_hours", t.working_hours))
                    return shape(tat + ".working_hours",
                                 fmt::format("A target is a whole number of working hours from 1 "
                                             "to {}",
                                             k_max_working_days));
                if (const auto* by = to.if_contains("by_priority")) {
                    if (!by->is_object())
                        return shape(tat + ".by_priority",
                                     "Give the targets by priority as an object, for example "
                                     "{\"p1\": 4}");
                    for (const auto& [key, amount] : by->as_object()) {
                        if (!amount.is_int64() || amount.as_int64() < -1 ||
                            amount.as_int64() > k_max_working_days + 1)
                            return shape(
                                fmt::format("{}.by_priority.{}", tat, std::string_view(key)),
                                "A target for a priority is a whole number");
                        t.by_priority.emplace_back(std::string(key),
                                                   static_cast<int>(amount.as_int64()));
                    }
                }
                s.targets.push_back(std::move(t));
            }
        rules.stages.push_back(std::move(s));
    }
    // Field names from check_rules start "stages": say them from `field` too.
    if (auto checked = check_rules(rules); !checked) {
        auto e = checked.error();
        for (auto& fe : e.errors)
            if (fe.field.starts_with("stages")) fe.field = base + fe.field.substr(6);
        return std::unexpected(std::move(e));
    }
    return rules;
}

json::value priorities_json(const std::vector<Priority>& priorities) {
    json::array out;
    for (const auto& p : priorities) out.push_back(json::object{{"key", p.key}, {"name", p.name}});
    return out;
}

Result<std::vector<Priority>> priorities_from_json(const json::value& v) {
    const auto shape = [](std::string at, std::string message) {
        return std::unexpected(Error::validation(std::move(at), std::move(message)));
    };
    if (!v.is_array()) return shape("priorities", "Give the priorities as a list");
    std::vector<Priority> out;
    std::size_t i = 0;
    for (const auto& pv : v.as_array()) {
        const std::string at = fmt::format("priorities[{}]", i++);
        const auto* o = pv.if_object();
        const auto* key = o ? o->if_contains("key") : nullptr;
        const auto* name = o ? o->if_contains("name") : nullptr;
        if (!key || !key->is_string() || !name || !name->is_string())
            return shape(at,
                         "Give each priority as an object with a key and a name, for "
                         "example {\"key\": \"p1\", \"name\": \"Priority 1: critical\"}");
        out.push_back({std::string(key->as_string()), std::string(name->as_string())});
    }
    return out;
}

ClockRules stored_rules(const CaseType& t) {
    boost::system::error_code ec;
    auto v = json::parse(t.stages_json, ec);
    if (ec) return {};
    std::vector<Priority> priorities;
    if (auto p = json::parse(t.priorities_json, ec); !ec)
        if (auto read = priorities_from_json(p)) priorities = std::move(*read);
    const OfficeHours hours{parse_time_of_day(t.office_opens).value_or(9 * 60),
                            parse_time_of_day(t.office_closes).value_or(17 * 60)};
    auto rules = rules_from_json(v, "stages", std::move(priorities), hours);
    return rules ? *rules : ClockRules{};
}

BankHolidays bank_holidays_of(std::string_view calendar) {
    return calendar == "uk" ? BankHolidays::AnyPartOfUk : BankHolidays::EnglandAndWales;
}

std::vector<CaseTypeDefault> default_case_types() {
    std::vector<CaseTypeDefault> out;
    // Local targets: no statute sets them (docs/cases-rules.md, section 5).
    out.push_back({"MEM",
                   "Member enquiry",
                   "member enquiry",
                   "council",
                   "A councillor's enquiry, for themselves or on behalf of a resident: "
                   "acknowledged within a working day naming the officer who will answer, and "
                   "answered within 10 working days.",
                   {{{"response",
                      "Response",
                      {{"acknowledgement", "Acknowledgement naming the officer", 1, "", 0},
                       {"response", "Response", 10, "", 10}}}}},
                   false,
                   6});
    // The Complaint Handling Code, clauses 6.2–6.5 (stage 1), and stage 2 as councils and the
    // aligned Housing Ombudsman Code set it (docs/cases-rules.md, section 2).
    out.push_back({"CMP",
                   "Complaint",
                   "complaint",
                   "council",
                   "A complaint under the Local Government and Social Care Ombudsman's "
                   "Complaint Handling Code: acknowledged within 5 working days; the stage 1 "
                   "response within 10 working days of the acknowledgement, extendable by up "
                   "to 10; stage 2 acknowledged within 5 and answered within 20 working days "
                   "of its acknowledgement, by a different officer.",
                   {{{"stage1",
                      "Stage 1",
                      {{"acknowledgement", "Acknowledgement", 5, "", 0},
                       {"response", "Stage 1 response", 10, "acknowledgement", 10}}},
                     {"stage2",
                      "Stage 2",
                      {{"acknowledgement", "Acknowledgement", 5, "", 0},
                       {"response", "Final response", 20, "acknowledgement", 20}}}}},
                   true,
                   6});
    // The Ombudsman sets its own dates in each enquiry; Civic keeps them as entered. The
    // council's reply is tracked against a local 20 working days until a date is entered.
    out.push_back({"OMB",
                   "Ombudsman enquiry",
                   "ombudsman",
                   "council",
                   "An enquiry from the Local Government and Social Care Ombudsman about a "
                   "complaint: its deadlines as the Ombudsman sets them, its outcome, any "
                   "remedy and the date by which the council must comply.",
                   {{{"enquiry", "Enquiry", {{"reply", "Reply to the Ombudsman", 20, "", 0}}}}},
                   false,
                   6});
    // Freedom of Information Act 2000, section 10(1) and (6); internal review, 20 working days
    // and at most 40 (docs/cases-rules.md, section 4).
    out.push_back({"FOI",
                   "Freedom of information request",
                   "foi",
                   "uk",
                   "A request under the Freedom of Information Act 2000, answered promptly and "
                   "no later than the 20th working day after receipt (section 10), counting "
                   "the bank holidays of every part of the UK; an internal review within 20 "
                   "working days, 40 at most.",
                   {{{"response", "Response", {{"response", "Response", 20, "", 20}}},
                     {"review", "Internal review", {{"response", "Review response", 20, "", 20}}}}},
                   false,
                   6});
    // Environmental Information Regulations 2004, regulation 5(2) and 7(1).
    out.push_back({"EIR",
                   "Environmental information request",
                   "eir",
                   "uk",
                   "A request under the Environmental Information Regulations 2004: 20 working "
                   "days (regulation 5(2)), extendable to 40 where it is complex and voluminous "
                   "(regulation 7).",
                   {{{"response", "Response", {{"response", "Response", 20, "", 20}}},
                     {"reconsideration",
                      "Reconsideration",
                      {{"response", "Reconsideration response", 40, "", 0}}}}},
                   false,
                   6});
    // Seed 002: "Meet corporate targets on letter answering".
    out.push_back({"LET",
                   "Letter",
                   "own",
                   "council",
                   "Correspondence to the council, answered within 10 working days.",
                   {{{"reply", "Reply", {{"reply", "Reply", 10, "", 10}}}}},
                   false,
                   2});
    // Seed 000: the graphics and print jobs the executive support team handles.
    out.push_back(
        {"PRT",
         "Print and design job",
         "own",
         "council",
         "A graphics or print job: a proof within 5 working days of the brief, and "
         "the finished job within 10 working days of the proof, the clock stopped "
         "while the client approves it.",
         {{{"job",
            "Job",
            {{"proof", "Proof", 5, "", 5}, {"finished", "Finished job", 10, "proof", 5}}}}},
         false,
         1});
    // Seed 000: the ICT incidents the team handles. Priorities and their targets as council
    // service desks set them (local targets: docs/cases-rules.md, section 5), counted in the
    // office hours of working days.
    {
        CaseTypeDefault ict{
            "ICT",
            "ICT incident",
            "own",
            "council",
            "An ICT incident reported to the service desk, given a priority when it is logged: "
            "a first response and a fix within the working hours its priority sets (priority "
            "1, a service down: 1 and 4 hours; priority 2: 2 and 8; priority 3: 4 and 24; "
            "priority 4: 8 and 40), counted from 09:00 to 17:00 on working days, the clock "
            "stopped while the desk waits for the user or a supplier.",
            {},
            false,
            1};
        Target response{"response", "First response", 0, "", 0, 4, {}};
        response.by_priority = {{"p1", 1}, {"p2", 2}, {"p3", 4}, {"p4", 8}};
        Target fix{"fix", "Fix", 0, "", 40, 24, {}};
        fix.by_priority = {{"p1", 4}, {"p2", 8}, {"p3", 24}, {"p4", 40}};
        ict.rules.stages = {{"incident", "Incident", {response, fix}}};
        ict.rules.priorities = {{"p1", "Priority 1: critical (a service is down)"},
                                {"p2", "Priority 2: high (a service is impaired for many)"},
                                {"p3", "Priority 3: medium (one person cannot work normally)"},
                                {"p4", "Priority 4: low (a request or a minor fault)"}};
        out.push_back(std::move(ict));
    }
    return out;
}

}  // namespace civic::cases
