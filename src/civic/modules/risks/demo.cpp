// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's risks, from data/demo/risks/risks.json (compiled into the binary; its
// README says where each risk comes from in the seeds), made as the council's officers would
// have made them, through the same service calls the API and the pages use: the appetite,
// the registers, each risk on the day it was identified, its quarterly reviews, its moves
// between registers, its acceptance and its closure, and the issues log, each step with the
// clock set to its day. The demo runs on any date: every date is a number of months before
// today.
//
// All of it is one transaction (kit::WithinTransaction): the demo's risks are loaded whole or
// not at all, and every rule the service keeps is kept.

#include "civic/modules/kit/demo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "civic/modules/org/repo.hpp"
#include "civic/modules/risks/service.hpp"
#include "civic/modules/risks/service_support.hpp"

namespace civic::risks {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

Error demo_error(std::string_view what, std::string_view key, const Error& e) {
    return kit::demo_error("demo risks'", what, key, e);
}

Error missing(std::string_view what) {
    return Error::internal(fmt::format("The demo risks are incomplete in this build: {}.", what));
}

std::optional<std::string> text(const json::object& o, std::string_view key) {
    return kit::demo_text(o, key);
}

std::optional<std::int64_t> integer(const json::object& o, std::string_view key) {
    return kit::demo_integer(o, key);
}

const json::array& list(const json::object& o, std::string_view key) {
    return kit::demo_list(o, key);
}

const json::object* object(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && v->is_object() ? &v->as_object() : nullptr;
}

// [likelihood, impact]
std::optional<Score> pair(const json::object& o, std::string_view key) {
    const auto& a = list(o, key);
    if (a.size() != 2 || !a[0].is_int64() || !a[1].is_int64()) return std::nullopt;
    return Score{a[0].as_int64(), a[1].as_int64()};
}

// A date n months before d (after it when n is negative), on the same day of the month or
// the month's last day.
Date months_before(Date d, std::int64_t n) {
    using namespace std::chrono;
    const year_month ym = year_month{d.year(), d.month()} - months{n};
    const year_month_day end{ym / std::chrono::last};
    return year_month_day{ym.year(), ym.month(), std::min(d.day(), end.day())};
}

// One thing done on a day, in the order the file gives within the day.
struct Step {
    Date on;
    int order = 0;  // creates before reviews before moves, acceptances and closures
    std::size_t index = 0;
    std::function<Result<void>(const Context&)> run;
};

class Loader {
public:
    Loader(RisksService& s, Connection& c, const Context& ctx, const json::object& doc)
        : m_s(s), m_c(c), m_ctx(ctx), m_doc(doc), m_today(kit::today(ctx)) {}

    Result<RisksService::DemoCounts> run() {
        // The registers and the appetite were set up before the first risk was identified.
        std::int64_t earliest = 0;
        for (const auto& r : list(m_doc, "risks"))
            if (r.is_object())
                if (const auto* id = object(r.as_object(), "identified"))
                    earliest = std::max(earliest, integer(*id, "months_ago").value_or(0));
        const Context setup = at(months_before(m_today, earliest + 1));
        CIVIC_CHECK(appetites(setup));
        CIVIC_CHECK(registers(setup));
        CIVIC_CHECK(risks());
        CIVIC_CHECK(issues());
        std::stable_sort(m_steps.begin(), m_steps.end(), [](const Step& a, const Step& b) {
            if (a.on != b.on) return a.on < b.on;
            return a.order < b.order;
        });
        for (const auto& step : m_steps) CIVIC_CHECK(step.run(at(step.on)));
        return m_counts;
    }

private:
    // The clock for what was done on a day, at ten in the morning, never later than now.
    Context at(Date day) const { return kit::demo_clock(m_ctx, day, 10); }
    Date when(const json::object* o) const {
        return months_before(m_today, o ? integer(*o, "months_ago").value_or(0) : 0);
    }

    Result<std::string> unit_named(const std::string& name) {
        for (const auto& u : org::repo::find_units_by_name(m_c, name))
            if (!u.archived_at) return u.id;
        return std::unexpected(missing(fmt::format("the demo council has no unit \"{}\"", name)));
    }
    Result<std::string> register_key(const std::string& key) const {
        const auto found = m_registers.find(key);
        if (found == m_registers.end())
            return std::unexpected(missing(fmt::format("there is no register \"{}\"", key)));
        return found->second;
    }
    Result<std::string> risk_key(const std::string& reference) const {
        const auto found = m_risks.find(reference);
        if (found == m_risks.end())
            return std::unexpected(missing(fmt::format("there is no risk \"{}\"", reference)));
        return found->second;
    }
    Result<std::int64_t> version_of(const std::string& risk_id) {
        auto r = m_s.get_risk(m_ctx, risk_id);
        if (!r) return std::unexpected(r.error());
        return r->risk.version;
    }

    Result<void> appetites(const Context& setup) {
        for (const auto& a : list(m_doc, "appetites")) {
            if (!a.is_object()) continue;
            const auto& o = a.as_object();
            AppetiteInput in;
            in.category = text(o, "category");
            in.max_score = integer(o, "max_score");
            in.note = text(o, "note");
            if (auto unit = text(o, "unit")) {
                CIVIC_TRY(auto id, unit_named(*unit));
                in.unit_id = std::optional<std::string>(id);
            }
            auto made = m_s.create_appetite(setup, in);
            if (!made)
                return std::unexpected(
                    demo_error("appetite", in.category.value_or("?"), made.error()));
        }
        return ok();
    }

    Result<void> registers(const Context& setup) {
        for (const auto& g : list(m_doc, "registers")) {
            if (!g.is_object()) continue;
            const auto& o = g.as_object();
            const std::string key = text(o, "key").value_or("");
            RegisterInput in;
            in.name = text(o, "name");
            in.kind = text(o, "kind");
            in.description = text(o, "description");
            CIVIC_TRY(auto unit, unit_named(text(o, "unit").value_or("")));
            in.unit_id = unit;
            if (auto parent = text(o, "parent")) {
                CIVIC_TRY(auto id, register_key(*parent));
                in.parent_id = std::optional<std::string>(id);
            }
            auto made = m_s.create_register(setup, in);
            if (!made) return std::unexpected(demo_error("register", key, made.error()));
            m_registers[key] = made->id;
            ++m_counts.registers;
        }
        return ok();
    }

    Result<void> risks() {
        std::size_t index = 0;
        for (const auto& x : list(m_doc, "risks")) {
            if (!x.is_object()) continue;
            const json::object& o = x.as_object();
            const std::string reference = text(o, "reference").value_or("");
            CIVIC_TRY(auto reg, register_key(text(o, "register").value_or("")));
            RiskInput in;
            in.register_id = reg;
            in.reference = reference;
            for (auto [field, key] : {std::pair{&in.title, "title"},
                                      {&in.cause, "cause"},
                                      {&in.event, "event"},
                                      {&in.effect, "effect"},
                                      {&in.category, "category"},
                                      {&in.owner, "owner"},
                                      {&in.response, "response"},
                                      {&in.proximity, "proximity"},
                                      {&in.actions_text, "actions_text"}})
                *field = text(o, key);
            in.review_frequency_months = integer(o, "review_frequency_months");
            const auto inherent = pair(o, "inherent");
            const auto& reviews = list(o, "reviews");
            // Made with the first review's score when it has reviews, else its own.
            std::optional<Score> current = pair(o, "current");
            if (const auto target = pair(o, "target")) {
                in.target_likelihood = std::optional<std::int64_t>(target->likelihood);
                in.target_impact = std::optional<std::int64_t>(target->impact);
            }
            if (inherent) {
                in.inherent_likelihood = inherent->likelihood;
                in.inherent_impact = inherent->impact;
            }
            if (current) {
                in.current_likelihood = current->likelihood;
                in.current_impact = current->impact;
            }
            std::vector<ControlInput> controls;
            for (const auto& c : list(o, "controls")) {
                if (!c.is_array() || c.as_array().size() != 2) continue;
                controls.push_back({std::string(c.as_array()[0].as_string()),
                                    std::string(c.as_array()[1].as_string())});
            }
            in.controls = controls;
            const Date identified = when(object(o, "identified"));
            in.identified_on = format_iso_date(identified);
            m_steps.push_back(
                {identified, 0, index++, [this, in, reference](const Context& c) -> Result<void> {
                     auto made = m_s.create_risk(c, in);
                     if (!made)
                         return Result<void>(
                             std::unexpected(demo_error("risk", reference, made.error())));
                     m_risks[reference] = made->id;
                     ++m_counts.risks;
                     return ok();
                 }});
            for (const auto& rv : reviews) {
                if (!rv.is_object()) continue;
                const auto& r = rv.as_object();
                ReviewInput review;
                const Date on = months_before(m_today, integer(r, "months_ago").value_or(0));
                review.reviewed_on = format_iso_date(on);
                if (const auto now = pair(r, "current")) {
                    review.current_likelihood = now->likelihood;
                    review.current_impact = now->impact;
                }
                review.commentary = text(r, "commentary");
                // Reviewed by its owner, where the owner is a person in the register.
                if (auto owner = person_named(m_c, text(o, "owner").value_or("")))
                    review.reviewer_person_id = owner;
                m_steps.push_back(
                    {on, 1, index++, [this, review, reference](const Context& c) -> Result<void> {
                         CIVIC_TRY(auto id, risk_key(reference));
                         auto made = m_s.create_review(c, id, review);
                         if (!made)
                             return Result<void>(std::unexpected(
                                 demo_error("review of risk", reference, made.error())));
                         ++m_counts.reviews;
                         return ok();
                     }});
            }
            for (const auto& mv : list(o, "escalations")) {
                if (!mv.is_object()) continue;
                const auto& m = mv.as_object();
                const Date on = months_before(m_today, integer(m, "months_ago").value_or(0));
                const std::string to = text(m, "to").value_or("");
                EscalationInput move;
                move.direction = text(m, "direction");
                move.reason = text(m, "reason");
                move.moved_on = format_iso_date(on);
                m_steps.push_back(
                    {on, 2, index++, [this, move, to, reference](const Context& c) -> Result<void> {
                         CIVIC_TRY(auto id, risk_key(reference));
                         CIVIC_TRY(auto version, version_of(id));
                         EscalationInput in = move;
                         CIVIC_TRY(in.register_id, register_key(to));
                         auto done = m_s.escalate(c, id, in, version);
                         if (!done)
                             return Result<void>(std::unexpected(
                                 demo_error("move of risk", reference, done.error())));
                         return ok();
                     }});
            }
            if (const auto* a = object(o, "acceptance")) {
                const Date on = when(a);
                AcceptanceInput accept;
                accept.accepted_on = format_iso_date(on);
                accept.until = format_iso_date(
                    months_before(m_today, -integer(*a, "until_months_ahead").value_or(3)));
                accept.reason = text(*a, "reason");
                const std::string by = text(*a, "by").value_or("");
                m_steps.push_back({on, 3, index++,
                                   [this, accept, by, reference](const Context& c) -> Result<void> {
                                       CIVIC_TRY(auto id, risk_key(reference));
                                       CIVIC_TRY(auto version, version_of(id));
                                       AcceptanceInput in = accept;
                                       if (auto person = person_named(m_c, by))
                                           in.accepted_by_person_id = person;
                                       auto done = m_s.accept(c, id, in, version);
                                       if (!done)
                                           return Result<void>(std::unexpected(demo_error(
                                               "acceptance of risk", reference, done.error())));
                                       return ok();
                                   }});
            }
            if (const auto* closed = object(o, "closed")) {
                const Date on = when(closed);
                m_steps.push_back(
                    {on, 4, index++, [this, reference](const Context& c) -> Result<void> {
                         CIVIC_TRY(auto id, risk_key(reference));
                         CIVIC_TRY(auto version, version_of(id));
                         RiskInput close;
                         close.status = "closed";
                         auto done = m_s.update_risk(c, id, close, version);
                         if (!done)
                             return Result<void>(std::unexpected(
                                 demo_error("closure of risk", reference, done.error())));
                         return ok();
                     }});
            }
        }
        return ok();
    }

    Result<void> issues() {
        std::size_t index = 10000;
        for (const auto& x : list(m_doc, "issues")) {
            if (!x.is_object()) continue;
            const json::object& o = x.as_object();
            const std::string reference = text(o, "reference").value_or("");
            const std::string register_name = text(o, "register").value_or("");
            const std::string risk = text(o, "risk").value_or("");
            IssueInput in;
            in.reference = reference;
            in.title = text(o, "title");
            in.description = text(o, "description");
            in.priority = text(o, "priority");
            in.owner = text(o, "owner");
            in.actions_text = text(o, "actions_text");
            const Date raised = when(object(o, "raised"));
            in.raised_on = format_iso_date(raised);
            const bool resolved = text(o, "status") == "resolved";
            const Date resolved_on = when(object(o, "resolved"));
            const auto resolution = text(o, "resolution");
            m_steps.push_back(
                {raised, 5, index++,
                 [this, in, register_name, risk, reference, resolved, resolved_on,
                  resolution](const Context& c) -> Result<void> {
                     IssueInput made_in = in;
                     CIVIC_TRY(made_in.register_id, register_key(register_name));
                     if (!risk.empty()) {
                         CIVIC_TRY(auto id, risk_key(risk));
                         made_in.risk_id = std::optional<std::string>(id);
                     }
                     auto made = m_s.create_issue(c, made_in);
                     if (!made)
                         return std::unexpected(demo_error("issue", reference, made.error()));
                     ++m_counts.issues;
                     if (!resolved) return ok();
                     IssueInput done;
                     done.status = "resolved";
                     done.resolution = resolution;
                     done.resolved_on = format_iso_date(resolved_on);
                     auto changed =
                         m_s.update_issue(at(resolved_on), made->id, done, made->version);
                     if (!changed)
                         return std::unexpected(demo_error("issue", reference, changed.error()));
                     return ok();
                 }});
        }
        return ok();
    }

    RisksService& m_s;
    Connection& m_c;
    const Context& m_ctx;
    const json::object& m_doc;
    Date m_today;
    std::map<std::string, std::string> m_registers;  // key → id
    std::map<std::string, std::string> m_risks;      // reference → id
    std::vector<Step> m_steps;
    RisksService::DemoCounts m_counts;
};

}  // namespace

Result<RisksService::DemoCounts> RisksService::load_demo(
    const Context& ctx, const std::vector<std::pair<std::string, std::string>>& files) {
    CIVIC_CHECK(require_signed_in(ctx));
    const auto file = std::find_if(files.begin(), files.end(),
                                   [](const auto& f) { return f.first == "risks.json"; });
    if (file == files.end()) return std::unexpected(missing("there is no risks.json"));
    boost::system::error_code ec;
    const json::value doc = json::parse(file->second, ec);
    if (ec || !doc.is_object()) return std::unexpected(missing("risks.json is not a JSON object"));

    return m_db.write([&](Connection& c) -> Result<DemoCounts> {
        if (!repo::all_registers(c).empty())
            return std::unexpected(Error::conflict(
                "This database already has risk registers, so the demo risks were not loaded."));
        kit::WithinTransaction one(c);
        kit::LinkService links(one, m_links.types());
        org::OrgService org(one);
        RisksService service(one, org, links);
        return Loader(service, c, ctx, doc.as_object()).run();
    });
}

}  // namespace civic::risks
