// SPDX-License-Identifier: AGPL-3.0-or-later
// Cases: made, read, changed and transferred; the requester's personal data, read by those
// handling the case and audited; retention and subject access.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "civic/core/ids.hpp"
#include "civic/core/json.hpp"
#include "civic/core/text.hpp"
#include "civic/modules/cases/repo.hpp"
#include "civic/modules/cases/service.hpp"
#include "civic/modules/cases/service_support.hpp"
#include "civic/modules/kit/record_json.hpp"
#include "civic/modules/kit/scope.hpp"
#include "civic/modules/org/repo.hpp"
#include "civic/store/audit.hpp"

namespace civic::cases {
using namespace civic::kit;
using namespace civic::cases::detail;
using store::Connection;
namespace json = boost::json;

namespace {

constexpr std::size_t k_long_text = 100000;

json::object target_json(const TargetState& t, bool with_explanations) {
    json::object o{
        {"key", t.key},
        {"label", t.label},
        {"working_days", t.working_days},
        {"extended_by", t.extended_by},
        {"counted_from", format_iso_date(t.counted_from)},
        {"provisional", t.provisional},
        {"due", t.due ? json::value(format_iso_date(*t.due)) : json::value(nullptr)},
        {"met_on", t.met_on ? json::value(format_iso_date(*t.met_on)) : json::value(nullptr)},
        {"status", t.status},
        {"working_days_left", t.working_days_left}};
    if (t.in_hours) {
        // Counted in working hours: the times of day, and the minutes left.
        o["in_hours"] = true;
        o["working_hours"] = t.working_hours;
        o["due_at"] = t.due_at ? json::value(format_time_of_day(*t.due_at)) : json::value(nullptr);
        o["met_at"] = t.met_at ? json::value(format_time_of_day(*t.met_at)) : json::value(nullptr);
        o["working_minutes_left"] = t.working_minutes_left;
    }
    if (with_explanations) {
        json::array lines;
        for (const auto& line : t.explanation) lines.emplace_back(line);
        o["explanation"] = std::move(lines);
    }
    return o;
}

// The unit a case is for: on a new case, one whose cases the caller handles; on a transfer,
// any live unit (the case may leave the caller's hands).
std::optional<org::Unit> unit_field(Connection& c, const Context& ctx, Checks& checks,
                                    const std::optional<std::string>& v, bool creating) {
    const std::string id = trimmed(v);
    if (id.empty()) {
        checks.fail("unit_id", "Choose the unit that handles the case");
        return std::nullopt;
    }
    auto u = is_id(id) ? org::repo::find_unit(c, id) : std::nullopt;
    if (!u || u->archived_at || u->kind == "body" ||
        (creating && !covers(ctx.principal, u->path, Access::Write))) {
        checks.fail("unit_id", creating ? "Unit must be a unit whose cases you handle"
                                        : "Unit must be a unit of the council");
        return std::nullopt;
    }
    return u;
}

// The fields of a case, checked and applied; the checks name each field. `today` bounds the
// received date.
// A case of a type with priorities has one of them (by key or name); one counted in working
// hours has the time it came in: now, for a case received today, and asked for otherwise.
void priority_and_time(Connection& c, const Context& ctx, Checks& checks, const CaseInput& in,
                       Case& k, bool creating, const CaseType* type) {
    std::optional<CaseType> found;
    if (!type && !k.case_type_id.empty()) {
        found = repo::find_case_type(c, k.case_type_id);
        if (found) type = &*found;
    }
    if (!type) return;
    const ClockRules rules = stored_rules(*type);
    std::string listed;
    for (const auto& p : rules.priorities)
        listed += fmt::format("{}{} ({})", listed.empty() ? "" : ", ", p.key, p.name);
    const std::string given = trimmed(in.priority);
    if (!given.empty()) {
        const Priority* match = nullptr;
        for (const auto& p : rules.priorities)
            if (lower_ascii(p.key) == lower_ascii(given) ||
                lower_ascii(p.name) == lower_ascii(given))
                match = &p;
        if (match)
            k.priority = match->key;
        else if (rules.priorities.empty())
            checks.fail("priority", fmt::format("The case type {} has no priorities", type->name));
        else
            checks.fail("priority", fmt::format("Priority must be one of {}", listed));
    } else if ((creating || in.priority) && !rules.priorities.empty()) {
        checks.fail("priority", fmt::format("Choose the priority: {}", listed));
    }
    if (creating && counts_hours(rules) && !k.received_at && !checks.failed("received_on") &&
        !checks.failed("received_at")) {
        const WallTime now = kit::now_in_uk(ctx);
        if (k.received_on == format_iso_date(now.date))
            k.received_at = format_time_of_day(now.minute);
        else
            checks.fail("received_at",
                        fmt::format("{} targets are counted in working hours: give the time it "
                                    "was received, for example 14:30",
                                    type->name));
    }
}

Result<void> apply_input(Connection& c, const Context& ctx, const CaseInput& in, Case& k,
                         bool creating, const CaseType* type) {
    Checks checks;
    const Date today = kit::today(ctx);
    if (in.received_on || creating) {
        const std::string text = trimmed(in.received_on);
        auto d = parse_iso_date(text);
        if (text.empty())
            checks.fail("received_on", "Enter the date the case was received");
        else if (!d)
            checks.fail("received_on",
                        "The date received must be a real date written as YYYY-MM-DD");
        else if (*d > today)
            checks.fail("received_on", fmt::format("The date received cannot be in the future "
                                                   "(today is {})",
                                                   format_long_date(today)));
        else if (*d < Date(std::chrono::year(1990), std::chrono::January, std::chrono::day(1)))
            checks.fail("received_on", "The date received cannot be before 1990");
        else
            k.received_on = format_iso_date(*d);
    }
    if (in.received_at) {
        const std::string text = trimmed(in.received_at);
        if (text.empty())
            k.received_at.reset();
        else if (auto minute = parse_time_of_day(text))
            k.received_at = format_time_of_day(*minute);
        else
            checks.fail("received_at",
                        "The time received must be written HH:MM on the 24-hour "
                        "clock, for example 14:30");
    }
    if (auto ch = checks.choice("channel", "Channel", in.channel, k_channels,
                                creating ? Required::Yes : Required::No))
        k.channel = *ch;
    if (auto rk = checks.choice("requester_kind", "Requester", in.requester_kind, k_requester_kinds,
                                creating ? Required::Yes : Required::No))
        k.requester_kind = *rk;

    const Case before = k;
    if (auto p = person_field(c, checks, "requester_person_id", "The councillor asking",
                              in.requester_person_id))
        k.requester_person_id = *p;
    checks.text("requester_name", "the requester's name", in.requester_name, Required::No, 300);
    if (in.requester_name && !checks.failed("requester_name"))
        k.requester_name = trimmed(in.requester_name);
    checks.text("requester_contact", "how to reach the requester", in.requester_contact,
                Required::No, 2000, Lines::Many);
    if (in.requester_contact && !checks.failed("requester_contact"))
        k.requester_contact = trimmed(in.requester_contact);
    checks.text("on_behalf_of", "the name of the resident the councillor asks for", in.on_behalf_of,
                Required::No, 300);
    if (in.on_behalf_of && !checks.failed("on_behalf_of"))
        k.on_behalf_of = trimmed(in.on_behalf_of);
    checks.text("description", "the request", in.description, Required::No, k_long_text,
                Lines::Many);
    if (in.description && !checks.failed("description")) k.description = trimmed(in.description);
    if (k.requester_person_id != before.requester_person_id ||
        k.requester_name != before.requester_name ||
        k.requester_contact != before.requester_contact || k.on_behalf_of != before.on_behalf_of ||
        k.description != before.description)
        ++k.requester_version;

    checks.text("subject", "the subject", in.subject, required_when(creating, in.subject), 200);
    if (in.subject && !checks.failed("subject")) k.subject = trimmed(in.subject);

    if (in.unit_id || creating)
        if (auto u = unit_field(c, ctx, checks, in.unit_id, creating)) {
            k.unit_id = u->id;
            k.unit_path = u->path;
        }
    if (auto p = person_field(c, checks, "officer_person_id", "The officer", in.officer_person_id))
        k.officer_person_id = *p;

    // Who asked: a councillor is named from the register or by name; a councillor asking for a
    // resident names the resident; anyone else is named.
    if (!checks.failed("requester_kind") && !checks.failed("requester_person_id")) {
        const bool councillor = k.requester_kind.starts_with("councillor");
        if (k.requester_person_id && !councillor)
            checks.fail("requester_person_id",
                        "Only a councillor is named from the register: give this requester's "
                        "name as requester_name");
        else if (k.personal_data_destroyed_on)
            ;  // a case whose personal data is gone keeps none
        else if (!k.requester_person_id && k.requester_name.empty())
            checks.fail(councillor ? "requester_person_id" : "requester_name",
                        councillor ? "Choose the councillor who asked, or give their name"
                                   : "Give the requester's name");
        if (k.requester_kind == "councillor for a resident" && k.on_behalf_of.empty() &&
            !k.personal_data_destroyed_on)
            checks.fail("on_behalf_of", "Give the name of the resident the councillor asks for");
    }

    // After closure only: when it was put right, the remedy, the compliance date, lessons.
    const bool closed = k.status == "closed";
    const auto after_closure = [&](std::string_view field, const std::optional<std::string>& v) {
        if (v && !closed && !trimmed(v).empty())
            checks.fail(std::string(field),
                        "This is recorded when the case is closed (POST …/closure)");
        return v && closed;
    };
    if (after_closure("resolved_on", in.resolved_on))
        if (auto d = date_field(checks, "resolved_on", "The date it was put right", in.resolved_on))
            k.resolved_on = *d;
    if (after_closure("remedy_due_on", in.remedy_due_on))
        if (auto d = date_field(checks, "remedy_due_on", "The remedy's compliance date",
                                in.remedy_due_on))
            k.remedy_due_on = *d;
    if (after_closure("remedy", in.remedy)) {
        checks.text("remedy", "the remedy", in.remedy, Required::No, k_long_text, Lines::Many);
        if (!checks.failed("remedy")) k.remedy = trimmed(in.remedy);
    }
    if (after_closure("lessons", in.lessons)) {
        checks.text("lessons", "the lessons learned", in.lessons, Required::No, k_long_text,
                    Lines::Many);
        if (!checks.failed("lessons")) k.lessons = trimmed(in.lessons);
    }
    if (k.resolved_on && k.resolved_on < std::optional<std::string>(k.received_on))
        checks.fail("resolved_on", "The date it was put right cannot be before it was received");
    priority_and_time(c, ctx, checks, in, k, creating, type);
    return checks.result();
}

}  // namespace

namespace detail {

DraftedCase draft_case(Connection& c, const Context& ctx, const CaseInput& in) {
    DraftedCase d;
    Checks checks;
    const std::string type_id = trimmed(in.case_type_id);
    if (type_id.empty())
        checks.fail("case_type_id", "Choose the type of case");
    else if (d.type = is_id(type_id) ? repo::find_case_type(c, type_id)
                                     : repo::case_type_by_code(c, type_id);
             !d.type || d.type->archived_at) {
        checks.fail("case_type_id", "Case type must be one of the council's case types");
        d.type.reset();
    }
    d.k.status = "open";
    auto applied = apply_input(c, ctx, in, d.k, true, d.type ? &*d.type : nullptr);
    d.errors = checks.errors();
    if (!applied)
        for (const auto& e : applied.error().errors) d.errors.push_back(e);
    d.k.requester_version = 1;
    if (d.type) {
        const auto rules = stored_rules(*d.type);
        d.k.case_type_id = d.type->id;
        d.k.stage_key = rules.stages.empty() ? "" : rules.stages.front().key;
    }
    if (const auto received = parse_iso_date(d.k.received_on))
        d.k.year = static_cast<int>(received->year());
    return d;
}

std::string case_reference(const CaseType& t, std::int64_t year, std::int64_t number) {
    return fmt::format("{}-{}-{:04}", t.code, year, number);
}

}  // namespace detail

json::object to_json(const CaseView& v, bool with_explanations) {
    auto o = cases::to_json(v.record);
    o["type"] = json::object{{"id", v.type.id},
                             {"code", v.type.code},
                             {"name", v.type.name},
                             {"kind", v.type.kind},
                             {"calendar", v.type.calendar}};
    o["unit_name"] = v.unit_name;
    o["officer_name"] = v.officer_name;
    o["stage_name"] = v.stage_name;
    o["next_stage_name"] = v.next_stage_name;
    o["next_due"] = v.next_due ? json::value(format_iso_date(*v.next_due)) : json::value(nullptr);
    o["due_status"] = v.due_status;
    o["may_handle"] = v.may_handle;
    json::array stages;
    for (const auto& s : v.clock.stages) {
        json::array targets;
        for (const auto& t : s.targets) targets.push_back(target_json(t, with_explanations));
        stages.push_back(json::object{{"key", s.key},
                                      {"name", s.name},
                                      {"started_on", format_iso_date(s.started_on)},
                                      {"targets", std::move(targets)}});
    }
    o["clock"] = json::object{{"stopped", v.clock.stopped}, {"stages", std::move(stages)}};
    if (with_explanations) {
        json::array events;
        for (const auto& e : v.events) events.push_back(cases::to_json(e));
        o["events"] = std::move(events);
        json::array links;
        for (const auto& l : v.links) links.push_back(kit::to_json(l));
        o["links"] = std::move(links);
    }
    return o;
}

json::object to_json(const Requester& r) {
    auto o = requester_json(r.record);
    o["requester_person_name"] = r.requester_person_name;
    return o;
}

void CasesService::add_link_types(kit::LinkTypes& types) {
    types.add("case", "case",
              [](Connection& c, const Principal& who,
                 const std::string& id) -> std::optional<kit::LinkTarget> {
                  auto k = repo::find_case(c, id);
                  if (!k || k->archived_at) return std::nullopt;
                  return kit::LinkTarget{k->reference + " " + k->subject, "/cases/" + k->id,
                                         may_read(who, *k), may_handle(who, *k)};
              });
}

Result<kit::Page<CaseView>> CasesService::list_cases(const Context& ctx, const CaseQuery& q) const {
    CIVIC_CHECK(require_signed_in(ctx));
    if (q.mine && !ctx.principal.person_id) return kit::Page<CaseView>{};
    return m_db.read([&](Connection& c) -> Result<kit::Page<CaseView>> {
        repo::CaseFilter f;
        if (q.unit_id) {
            auto u = is_id(*q.unit_id) ? org::repo::find_unit(c, *q.unit_id) : std::nullopt;
            if (!u) return kit::Page<CaseView>{};
            f.unit_path = u->path;
        }
        f.officer_person_id = q.mine ? ctx.principal.person_id : q.officer_person_id;
        f.case_type_id = q.case_type_id;
        f.status = q.status;
        f.after_id = q.cursor;
        const WallTime now = kit::now_in_uk(ctx);
        auto page = filtered_page<Case>(
            q.limit,
            [&](int n) {
                f.limit = n;
                return repo::list_cases(c, f);
            },
            [&](const Case& k) { return may_read(ctx.principal, k); });
        kit::Page<CaseView> out;
        out.next_cursor = page.next_cursor;
        for (auto& k : page.items)
            out.items.push_back(view_of(c, ctx.principal, std::move(k), now, false));
        return out;
    });
}

Result<CaseView> CasesService::get_case(const Context& ctx, const std::string& id) const {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.read([&](Connection& c) -> Result<CaseView> {
        CIVIC_TRY(auto k, readable_case(c, ctx.principal, id));
        auto v = view_of(c, ctx.principal, std::move(k), kit::now_in_uk(ctx), true);
        v.links = m_links.links_of(c, ctx.principal, "case", v.record.id);
        return v;
    });
}

Result<Case> CasesService::create_case(const Context& ctx, const CaseInput& in) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Case> {
        auto d = draft_case(c, ctx, in);
        if (!d.errors.empty()) return std::unexpected(Error::validation(std::move(d.errors)));
        d.k.number = repo::next_case_number(c, d.type->id, d.k.year);
        d.k.reference = case_reference(*d.type, d.k.year, d.k.number);
        return insert_record(c, ctx, k_case, repo::cases(), std::move(d.k));
    });
}

Result<Case> CasesService::update_case(const Context& ctx, const std::string& id,
                                       const CaseInput& in, std::int64_t version) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Case> {
        if (in.case_type_id)
            return std::unexpected(Error::validation(
                {{"case_type_id",
                  "A case keeps its type; close it and record a new case of the other type"}}));
        std::optional<Case> before;
        auto changed =
            change_record(c, ctx, k_case, id, version, "update", [&](Case& k) -> Result<void> {
                before = k;
                if (k.personal_data_destroyed_on &&
                    (in.requester_name || in.requester_contact || in.on_behalf_of ||
                     in.description || in.requester_person_id))
                    return std::unexpected(
                        Error::conflict("This case's personal data was destroyed under "
                                        "the retention rule; none can be added back."));
                return apply_input(c, ctx, in, k, false, nullptr);
            });
        if (!changed) return changed;
        // A new unit or officer is a transfer: the case's events say so.
        if (before && (before->unit_id != changed->unit_id ||
                       before->officer_person_id != changed->officer_person_id)) {
            CaseEvent e;
            e.case_id = changed->id;
            e.kind = "transferred";
            e.on_date = format_iso_date(kit::today(ctx));
            e.stage_key = changed->stage_key;
            e.unit_id = changed->unit_id;
            e.officer_person_id = changed->officer_person_id;
            add_event(c, ctx, std::move(e));
        }
        return changed;
    });
}

Result<Requester> CasesService::requester(const Context& ctx, const std::string& id) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<Requester> {
        auto k = is_id(id) ? repo::find_case(c, id) : std::nullopt;
        if (!k || k->archived_at || !may_handle(ctx.principal, *k))
            return std::unexpected(
                Error::not_found("There is no case with this id whose requester you may see."));
        audit_personal_read(c, ctx, *k, "requester");
        return Requester{*k, person_name(c, k->requester_person_id)};
    });
}

Result<std::vector<CaseResponse>> CasesService::responses(const Context& ctx,
                                                          const std::string& id) {
    CIVIC_CHECK(require_signed_in(ctx));
    return m_db.write([&](Connection& c) -> Result<std::vector<CaseResponse>> {
        auto k = is_id(id) ? repo::find_case(c, id) : std::nullopt;
        if (!k || k->archived_at || !may_handle(ctx.principal, *k))
            return std::unexpected(
                Error::not_found("There is no case with this id whose responses you may see."));
        audit_personal_read(c, ctx, *k, "responses");
        auto sent = repo::responses_of(c, k->id);
        repo::attach(sent, repo::attachments_of(c, k->id));
        return sent;
    });
}

Result<int> CasesService::apply_retention(const Context& ctx) {
    CIVIC_CHECK(require_administrator(ctx, "the retention of personal data"));
    const Date today = kit::today(ctx);
    const std::string destroyed = format_iso_date(today);
    return m_db.write([&](Connection& c) -> Result<int> {
        int done = 0;
        for (const auto& type : repo::list_case_types(c, true)) {
            using namespace std::chrono;
            const year_month_day cut{today.year() - years(type.retention_years), today.month(),
                                     today.day()};
            const Date cutoff =
                cut.ok() ? cut : Date(year_month_day_last(cut.year(), month_day_last(cut.month())));
            for (auto k : repo::cases_to_anonymise(c, type.id, format_iso_date(cutoff))) {
                const std::string before = civic::to_json(json::value(audit_json(k)));
                k.requester_person_id.reset();
                k.requester_name.clear();
                k.requester_contact.clear();
                k.on_behalf_of.clear();
                k.description.clear();
                ++k.requester_version;
                k.personal_data_destroyed_on = destroyed;
                const std::int64_t expected = k.version;
                k.version += 1;
                k.updated_at = now_text(ctx);
                repo::update_case(c, k, expected);
                c.execute(
                    "UPDATE case_responses SET body = ? WHERE case_id = ?",
                    {std::string_view(fmt::format("(Removed on {} under the retention rule: "
                                                  "{} years after the case closed.)",
                                                  format_long_date(today), type.retention_years)),
                     std::string_view(k.id)});
                repo::remove_attachments(c, k.id, destroyed);
                store::record_audit(c, ctx, "case", k.id, "apply retention", before,
                                    civic::to_json(json::value(audit_json(k))));
                ++done;
            }
        }
        return done;
    });
}

Result<json::object> CasesService::subject_access(const Context& ctx, const SubjectQuery& q) {
    CIVIC_CHECK(require_signed_in(ctx));
    if (!ctx.principal.is_administrator())
        return std::unexpected(Error::forbidden(
            "Only an administrator may search for everything held on a requester."));
    const std::string name = trimmed(q.name), contact = trimmed(q.contact),
                      person = trimmed(q.person_id);
    if (name.empty() && contact.empty() && person.empty())
        return std::unexpected(Error::validation(
            {{"name", "Give the requester's name, their contact details or their person id"}}));
    return m_db.write([&](Connection& c) -> Result<json::object> {
        std::vector<store::Value> params;
        std::string where = "k.archived_at IS NULL AND (1 = 0";
        if (!name.empty()) {
            where += " OR lower(k.requester_name) = lower(?) OR lower(k.on_behalf_of) = lower(?)";
            params.emplace_back(std::string_view(name));
            params.emplace_back(std::string_view(name));
        }
        const std::string pattern = "%" + org::repo::like_escape(contact) + "%";
        if (!contact.empty()) {
            where += " OR lower(k.requester_contact) LIKE lower(?) ESCAPE '\\'";
            params.emplace_back(std::string_view(pattern));
        }
        if (!person.empty()) {
            where += " OR k.requester_person_id = ?";
            params.emplace_back(std::string_view(person));
        }
        where += ") ORDER BY k.received_on, k.id";
        json::array found;
        for (const auto& k : repo::cases().where(c, where, params)) {
            audit_personal_read(c, ctx, k, "subject access");
            auto o = to_json(view_of(c, ctx.principal, k, kit::now_in_uk(ctx), true));
            o["requester"] = to_json(Requester{k, person_name(c, k.requester_person_id)});
            // Everything held: each file's bytes too, in base64.
            auto sent = repo::responses_of(c, k.id);
            repo::attach(sent, repo::attachments_with_content(c, k.id));
            json::array responses;
            for (const auto& r : sent) {
                auto response = to_json(r);
                auto& files = response["attachments"].as_array();
                for (std::size_t i = 0; i < files.size(); ++i)
                    files[i].as_object()["content"] = r.attachments[i].content;
                responses.push_back(std::move(response));
            }
            o["responses"] = std::move(responses);
            found.push_back(std::move(o));
        }
        return json::object{{"name", name},
                            {"contact", contact},
                            {"person_id", person},
                            {"searched_on", format_iso_date(kit::today(ctx))},
                            {"cases", std::move(found)}};
    });
}

}  // namespace civic::cases
