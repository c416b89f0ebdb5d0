// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council's cases, from data/demo/cases/cases.json (compiled into the binary; written
// by make_cases.py beside it, whose README says where each kind of case comes from in the
// seeds), recorded as the council's officers would have recorded them, through the same
// service calls the API uses: the ICT incident type the demo adds, then each case on the day
// it was received, and what happened to it (acknowledgements and responses, stops and
// restarts, clarifications, extensions, transfers, escalations, closures and reopenings), each
// with the clock set to its day.
//
// Most cases have fixed dates from April 2025; the open ones are received a number of working
// days before today, so there are always cases running, due and overdue. An event's "day" is
// the nth working day after the case was received, on the calendar its type counts by, so a
// response on day 18 of an FOI request is on time whatever the bank holidays.
//
// All of it is one transaction (kit::WithinTransaction): the demo's cases are loaded whole or
// not at all, and every rule the service keeps is kept.

#include "civic/modules/kit/demo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/indicators/datasets.hpp"
#include "civic/modules/indicators/service.hpp"
#include "civic/modules/kit/checks.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/repo.hpp"

namespace civic::cases {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

Error demo_error(std::string_view what, std::string_view key, const Error& e) {
    return kit::demo_error("demo", what, key, e);
}

Error missing(std::string_view what) {
    return Error::internal(fmt::format("The demo cases are incomplete in this build: {}.", what));
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

// The case's version after a call, so that the next call names it as a handler's would: a
// call that returns the case says; each of the others adds one event, one version on.
std::int64_t version_after(const Case& k, std::int64_t) { return k.version; }
std::int64_t version_after(const CaseResponse&, std::int64_t version) { return version + 1; }
std::int64_t version_after(const CaseEvent&, std::int64_t version) { return version + 1; }

// A case the demo made: its id, reference and version now.
struct Made {
    std::string id, reference;
    std::int64_t version = 1;
};

// One thing done on a day; steps of one day keep the file's order (a stable sort).
struct Step {
    Date on;
    std::function<Result<void>(const Context&)> run;
    // The hour (UTC) the clock shows: 10 in the morning, or, for a step given its own time of
    // day (an ICT incident's), the evening, so that the time given has passed.
    int hour = 10;
};

class Loader {
public:
    Loader(CasesService& s, Connection& c, const Context& ctx, const json::object& doc)
        : m_s(s), m_c(c), m_ctx(ctx), m_doc(doc), m_today(kit::today(ctx)) {}

    Result<CasesService::DemoCounts> run() {
        for (const auto& u : org::repo::live_unit_names(m_c)) m_units[u.name].push_back(u.id);
        org::repo::ListFilter everyone;
        everyone.limit = 100000;
        for (const auto& p : org::repo::list_people(m_c, everyone))
            m_people[p.name].push_back(p.id);
        // The council's own types were set up the day its first case arrived.
        Date first = m_today;
        for (const auto& x : list(m_doc, "cases"))
            if (x.is_object())
                if (const auto on = parse_iso_date(text(x.as_object(), "received").value_or("")))
                    first = std::min(first, *on);
        CIVIC_CHECK(case_types(kit::demo_clock(m_ctx, first, 8)));
        CIVIC_CHECK(cases());
        std::stable_sort(m_steps.begin(), m_steps.end(),
                         [](const Step& a, const Step& b) { return a.on < b.on; });
        for (const auto& step : m_steps) CIVIC_CHECK(step.run(at(step.on, step.hour)));
        repo::CaseFilter open;
        open.status = "open";
        m_counts.open = repo::list_cases(m_c, open).size();
        return m_counts;
    }

private:
    // The clock for what was done on a day, at ten in the morning, never later than now.
    Context at(Date day, int hour = 10) const { return kit::demo_clock(m_ctx, day, hour); }

    Result<std::string> unit_named(const std::string& name) const {
        const auto found = m_units.find(name);
        if (found == m_units.end() || found->second.size() != 1)
            return std::unexpected(
                missing(fmt::format("the demo council has no one unit \"{}\"", name)));
        return found->second.front();
    }
    Result<std::string> person_named(const std::string& name) const {
        const auto found = m_people.find(name);
        if (found == m_people.end() || found->second.size() != 1)
            return std::unexpected(
                missing(fmt::format("the demo council has no one person \"{}\"", name)));
        return found->second.front();
    }
    // An optional person field: absent stays absent.
    Result<std::optional<std::string>> person_field(const json::object& o, std::string_view key) {
        const auto name = text(o, key);
        if (!name) return std::optional<std::string>();
        CIVIC_TRY(auto id, person_named(*name));
        return std::optional<std::string>(id);
    }
    Result<Made*> made(const std::string& key) {
        const auto found = m_cases.find(key);
        if (found == m_cases.end())
            return std::unexpected(missing(fmt::format("there is no case \"{}\" yet", key)));
        return &found->second;
    }
    // "{case:cmp-assisted}" in a description becomes that case's reference (CMP-2025-0031).
    Result<std::string> with_references(std::string s) {
        for (auto at = s.find("{case:"); at != std::string::npos; at = s.find("{case:", at)) {
            const auto end = s.find('}', at);
            if (end == std::string::npos) break;
            CIVIC_TRY(const Made* other, made(s.substr(at + 6, end - at - 6)));
            s.replace(at, end - at + 1, other->reference);
            at += other->reference.size();
        }
        return s;
    }

    // The calendar a type counts by, as it stands (each type read once).
    Result<const WorkingCalendar*> calendar_for(const std::string& code) {
        if (const auto found = m_calendars.find(code); found != m_calendars.end())
            return &found->second;
        const auto type = repo::case_type_by_code(m_c, code);
        if (!type) return std::unexpected(missing(fmt::format("there is no case type {}", code)));
        return &m_calendars.emplace(code, calendar_of(m_c, *type)).first->second;
    }

    // The day n working days before today (on a working day; today when n is 0 and today is
    // one), for a case received that long ago.
    Date working_days_ago(const WorkingCalendar& cal, std::int64_t n) const {
        Date d = m_today;
        for (std::int64_t left = n; left > 0; d = add_days(d, -1))
            if (cal.is_working_day(d)) --left;
        while (!cal.is_working_day(d)) d = add_days(d, -1);
        return d;
    }

    Result<void> case_types(const Context& setup) {
        for (const auto& t : list(m_doc, "case_types")) {
            if (!t.is_object()) continue;
            const auto& o = t.as_object();
            CaseTypeInput in;
            in.code = text(o, "code");
            in.name = text(o, "name");
            in.kind = text(o, "kind");
            in.calendar = text(o, "calendar");
            in.description = text(o, "description");
            if (const auto* stages = o.if_contains("stages")) in.stages = *stages;
            in.retention_years = integer(o, "retention_years");
            auto made = m_s.create_case_type(setup, in);
            if (!made)
                return std::unexpected(
                    demo_error("case type", in.code.value_or("?"), made.error()));
            ++m_counts.case_types;
        }
        return ok();
    }

    Result<void> cases() {
        for (const auto& x : list(m_doc, "cases")) {
            if (!x.is_object()) continue;
            const json::object& o = x.as_object();
            const std::string key = text(o, "key").value_or("?");
            const std::string code = text(o, "type").value_or("");
            CIVIC_TRY(const WorkingCalendar* cal, calendar_for(code));
            Date received = m_today;
            if (const auto on = text(o, "received")) {
                const auto d = parse_iso_date(*on);
                if (!d) return std::unexpected(missing(fmt::format("case {}'s date", key)));
                received = *d;
            } else if (const auto* ago = o.if_contains("received"); ago && ago->is_object()) {
                received = working_days_ago(
                    *cal, integer(ago->as_object(), "working_days_ago").value_or(0));
            }
            const auto day = [cal, received](std::int64_t n) {
                return cal->add_working_days(received, static_cast<int>(n));
            };

            CaseInput in;
            in.case_type_id = code;
            in.received_on = format_iso_date(received);
            in.received_at = text(o, "received_at");
            in.priority = text(o, "priority");
            in.channel = text(o, "channel");
            in.requester_kind = text(o, "requester_kind");
            CIVIC_TRY(in.requester_person_id, person_field(o, "councillor"));
            in.requester_name = text(o, "requester_name");
            in.requester_contact = text(o, "contact");
            in.on_behalf_of = text(o, "on_behalf_of");
            in.subject = text(o, "subject");
            in.description = text(o, "description");
            CIVIC_TRY(in.unit_id, unit_named(text(o, "unit").value_or("")));
            CIVIC_TRY(in.officer_person_id, person_field(o, "officer"));
            m_steps.push_back(
                {received,
                 [this, in, key](const Context& c) -> Result<void> {
                     CaseInput made_in = in;
                     CIVIC_TRY(made_in.description, with_references(in.description.value_or("")));
                     auto made = m_s.create_case(c, made_in);
                     if (!made) return std::unexpected(demo_error("case", key, made.error()));
                     m_cases[key] = {made->id, made->reference, made->version};
                     ++m_counts.cases;
                     return ok();
                 },
                 in.received_at ? 20 : 10});
            for (const auto& e : list(o, "events")) {
                if (!e.is_object()) continue;
                CIVIC_TRY(auto step, event(key, e.as_object(), day));
                m_steps.push_back({day(integer(e.as_object(), "day").value_or(0)), std::move(step),
                                   e.as_object().contains("at") ? 20 : 10});
            }
        }
        return ok();
    }

    // What one event of the file does, on its day.
    Result<std::function<Result<void>(const Context&)>> event(
        const std::string& key, const json::object& e,
        const std::function<Date(std::int64_t)>& day) {
        const std::string what = text(e, "do").value_or("");
        const std::string on = format_iso_date(day(integer(e, "day").value_or(0)));
        const auto date_of = [&](std::string_view field) -> std::optional<std::string> {
            if (const auto n = integer(e, field)) return format_iso_date(day(*n));
            return std::nullopt;
        };
        // Each call names the case's version as it stands, as a handler's would.
        const auto call = [this, key, what](auto fn, std::size_t& counter) {
            return [this, key, what, fn, count = &counter](const Context& c) -> Result<void> {
                CIVIC_TRY(Made * k, made(key));
                auto done = fn(c, k->id, k->version);
                if (!done)
                    return std::unexpected(
                        demo_error(fmt::format("{} of case", what), key, done.error()));
                k->version = version_after(*done, k->version);
                ++*count;
                return ok();
            };
        };
        if (what == "respond") {
            ResponseInput in;
            in.target = text(e, "target");
            in.sent_on = on;
            in.sent_at = text(e, "at");
            in.body = text(e, "body");
            CIVIC_TRY(in.officer_person_id, person_field(e, "by"));
            return call([this, in](const Context& c, const std::string& id,
                                   std::int64_t v) { return m_s.add_response(c, id, in, v); },
                        m_counts.responses);
        }
        if (what == "stop" || what == "restart" || what == "clarify" || what == "extend" ||
            what == "set") {
            ClockInput in;
            in.action = what;
            in.on = on;
            in.at = text(e, "at");
            in.reason = text(e, "reason");
            if (const auto* fee = e.if_contains("fee_notice"); fee && fee->is_bool())
                in.fee_notice = fee->as_bool();
            in.target = text(e, "target");
            in.days = integer(e, "days");
            in.hours = integer(e, "hours");
            in.told_on = date_of("told");
            in.due_on = date_of("due");
            return call([this, in](const Context& c, const std::string& id,
                                   std::int64_t v) { return m_s.change_clock(c, id, in, v); },
                        m_counts.events);
        }
        if (what == "transfer") {
            CaseInput in;
            CIVIC_TRY(in.unit_id, unit_named(text(e, "unit").value_or("")));
            CIVIC_TRY(in.officer_person_id, person_field(e, "officer"));
            return call([this, in](const Context& c, const std::string& id,
                                   std::int64_t v) { return m_s.update_case(c, id, in, v); },
                        m_counts.events);
        }
        if (what == "escalate") {
            EscalationInput in;
            in.on = on;
            in.reason = text(e, "reason");
            CIVIC_TRY(in.officer_person_id, person_field(e, "officer"));
            return call([this, in](const Context& c, const std::string& id,
                                   std::int64_t v) { return m_s.escalate(c, id, in, v); },
                        m_counts.events);
        }
        if (what == "close") {
            ClosureInput in;
            in.closed_on = on;
            in.outcome = text(e, "outcome");
            in.remedy = text(e, "remedy");
            in.lessons = text(e, "lessons");
            in.resolved_on = date_of("resolved");
            in.remedy_due_on = date_of("remedy_due");
            return call([this, in](const Context& c, const std::string& id,
                                   std::int64_t v) { return m_s.close(c, id, in, v); },
                        m_counts.events);
        }
        if (what == "reopen") {
            ReopeningInput in;
            in.on = on;
            in.reason = text(e, "reason");
            return call([this, in](const Context& c, const std::string& id,
                                   std::int64_t v) { return m_s.reopen(c, id, in, v); },
                        m_counts.events);
        }
        return std::unexpected(missing(fmt::format("case {} has an event \"{}\"", key, what)));
    }

    CasesService& m_s;
    Connection& m_c;
    const Context& m_ctx;
    const json::object& m_doc;
    Date m_today;
    std::map<std::string, std::vector<std::string>> m_units;   // name → ids
    std::map<std::string, std::vector<std::string>> m_people;  // name → ids
    std::map<std::string, WorkingCalendar> m_calendars;        // type code → its calendar
    std::map<std::string, Made> m_cases;                       // key → the case
    std::vector<Step> m_steps;
    CasesService::DemoCounts m_counts;
};

}  // namespace

Result<CasesService::DemoCounts> CasesService::load_demo(
    const Context& ctx, const std::vector<std::pair<std::string, std::string>>& files) {
    CIVIC_CHECK(kit::require_administrator(ctx, "the demo cases"));
    const auto file = std::find_if(files.begin(), files.end(),
                                   [](const auto& f) { return f.first == "cases.json"; });
    if (file == files.end()) return std::unexpected(missing("there is no cases.json"));
    boost::system::error_code ec;
    const json::value doc = json::parse(file->second, ec);
    if (ec || !doc.is_object()) return std::unexpected(missing("cases.json is not a JSON object"));

    return m_db.write([&](Connection& c) -> Result<DemoCounts> {
        repo::CaseFilter any;
        any.limit = 1;
        if (!repo::list_cases(c, any).empty())
            return std::unexpected(
                Error::conflict("This database already has cases, so the demo cases were not "
                                "loaded."));
        kit::WithinTransaction one(c);
        kit::LinkService links(one, m_links.types());
        indicators::DatasetService datasets(one);
        indicators::IndicatorService indicators(one, links, datasets);
        CasesService service(one, links, indicators);
        return Loader(service, c, ctx, doc.as_object()).run();
    });
}

}  // namespace civic::cases
