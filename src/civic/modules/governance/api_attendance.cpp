// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of a meeting's agenda as one page, its attendance (one record at a time, or the
// register taken in one go) and the declarations of interest made on its items.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/governance/api.hpp"
#include "civic/modules/governance/views.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::governance {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

// A register holds a body's members, substitutes and officers: a few dozen rows.
constexpr std::size_t k_max_rows = 500;
// Free text is held to its real limit by the service's checks, with every other field's
// faults; this only stops a runaway.
constexpr std::size_t k_text = 100000;

AttendeeInput attendee_input(JsonFields& f) {
    AttendeeInput in;
    f.refuse("meeting_id",
             "An attendance record is of the meeting in the address; leave "
             "meeting_id out");
    in.person_id = f.optional_text("person_id", "Person");
    in.capacity = f.optional_text("capacity", "Capacity");
    in.status = f.optional_text("status", "Status");
    in.substitute_for_person_id =
        f.optional_text("substitute_for_person_id", "The member substituted for");
    in.note = f.optional_text("note", "Note", k_text);
    return in;
}

DeclarationInput declaration_input(JsonFields& f) {
    DeclarationInput in;
    f.refuse("item_id",
             "A declaration is made on the agenda item in the address; leave item_id out");
    in.person_id = f.optional_text("person_id", "Person");
    in.kind = f.optional_text("kind", "Kind of interest");
    in.nature = f.optional_text("nature", "Nature of the interest", k_text);
    in.action = f.optional_text("action", "What the member did", k_text);
    return in;
}

// The rows of PUT …/register, each read as one attendance record is; a fault in a row is
// named by its place ("rows[2].status").
Result<std::vector<AttendeeInput>> register_rows(const json::object& body) {
    JsonFields f(body);
    std::vector<FieldError> errors;
    std::vector<AttendeeInput> rows;
    const json::value* sent = f.raw("rows");
    if (!sent || !sent->is_array()) {
        errors.push_back({"rows",
                          "Rows must be a list of people, each with their person_id, "
                          "capacity and status"});
    } else if (sent->as_array().size() > k_max_rows) {
        errors.push_back({"rows", fmt::format("Give at most {} rows at once", k_max_rows)});
    } else {
        const auto& list = sent->as_array();
        for (std::size_t n = 0; n < list.size(); ++n) {
            const std::string place = fmt::format("rows[{}]", n);
            if (!list[n].is_object()) {
                errors.push_back({place,
                                  "Each row must be an object such as {\"person_id\": "
                                  "\"…\", \"status\": \"present\"}"});
                continue;
            }
            JsonFields row(list[n].as_object());
            rows.push_back(attendee_input(row));
            if (auto done = row.finish(); !done)
                for (const auto& e : done.error().errors)
                    errors.push_back({place + "." + e.field, e.message});
        }
    }
    if (auto done = f.finish(); !done)
        for (const auto& e : done.error().errors) errors.push_back(e);
    if (!errors.empty()) return std::unexpected(Error::validation(std::move(errors)));
    return rows;
}

json::object attendance_list(const std::vector<AttendeeView>& rows) {
    json::array items;
    for (const auto& a : rows) items.push_back(to_json(a));
    return {{"items", std::move(items)}};
}

}  // namespace

void add_attendance_routes(http::Router& router, GovernanceService& s, const Clock& clock) {
    // The meeting's whole page: agenda, attendance, members, action log, decisions, actions.
    router.add(Method::Get, "/api/v1/meetings/{id}/agenda", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto found = s.agenda(http::context_for(r, clock), std::string(r.param("id")));
        if (!found) return http::problem_response(r, found.error());
        return http::json_response(200, to_json(*found));
    });

    // Attendance, one record at a time; the list with each person's name.
    router.add(
        Method::Get, "/api/v1/meetings/{id}/attendees", [&s, &clock](Request& r) -> Response {
            if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
            auto found = s.list_attendees(http::context_for(r, clock), std::string(r.param("id")));
            if (!found) return http::problem_response(r, found.error());
            return http::json_response(200, attendance_list(*found));
        });
    kit::add_resource<AttendeeInput, Attendee, kit::NoQuery>(
        router,
        {.base = "/api/v1/attendees",
         .collection = "/api/v1/meetings/{id}/attendees",
         .parse = attendee_input,
         .parent = [](AttendeeInput& in, const std::string& id) { in.meeting_id = id; },
         .view = [](const Attendee& a) { return to_json(a); },
         .create = [&s](const Context& c,
                        const AttendeeInput& in) { return s.add_attendee(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_attendee(c, id); },
         .update = [&s](const Context& c, const std::string& id, const AttendeeInput& in,
                        std::int64_t v) { return s.update_attendee(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_attendee(c, id, v); }},
        clock);

    // The register taken in one go: every row added or changed, or none.
    router.add(Method::Put, "/api/v1/meetings/{id}/register", [&s, &clock](Request& r) -> Response {
        if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
        auto body = http::json_body(r);
        if (!body) return http::problem_response(r, body.error());
        auto rows = register_rows(*body);
        if (!rows) return http::problem_response(r, rows.error());
        auto taken =
            s.take_register(http::context_for(r, clock), std::string(r.param("id")), *rows);
        if (!taken) return http::problem_response(r, taken.error());
        return http::json_response(200, attendance_list(*taken));
    });

    // Declarations of interest, made on an agenda item.
    kit::add_resource<DeclarationInput, Declaration, kit::NoQuery>(
        router,
        {.base = "/api/v1/declarations",
         .collection = "/api/v1/agenda-items/{id}/declarations",
         .parse = declaration_input,
         .parent = [](DeclarationInput& in, const std::string& id) { in.item_id = id; },
         .view = [](const Declaration& d) { return to_json(d); },
         .create = [&s](const Context& c,
                        const DeclarationInput& in) { return s.add_declaration(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_declaration(c, id); },
         .update = [&s](const Context& c, const std::string& id, const DeclarationInput& in,
                        std::int64_t v) { return s.update_declaration(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_declaration(c, id, v); }},
        clock);
}

}  // namespace civic::governance
