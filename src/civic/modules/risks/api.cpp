// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of the matrix, the appetite, registers and the issues log:
//
//   /api/v1/risk-matrix              the matrix (GET); a change (PUT, If-Match)
//   /api/v1/risk-matrix/preview      what a change would do to every risk and appetite
//   /api/v1/risk-appetites           list and create; /{id}: read, change, archive
//   /api/v1/risk-registers           list (unit_id, kind, include_archived) and create;
//                                    /{id}: read (with counts), change, archive
//   /api/v1/risk-issues              list (register_id, status, priority, risk_id,
//                                    include_archived) and create; /{id}: read, change, archive
#include "civic/modules/risks/api.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/kit/resource.hpp"
#include "civic/modules/risks/views.hpp"

namespace civic::risks {
namespace json = boost::json;
using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr std::size_t k_text = 100000;

// A list of objects in a field, each read by `read` with the fields it knows; any other key
// is an error naming it ("bands[1].shade").
template <typename T, typename Read>
std::optional<std::vector<T>> object_list(JsonFields& f, std::string_view name, Read&& read) {
    const json::value* v = f.raw(name);
    if (!v) return std::nullopt;
    std::vector<T> out;
    if (!v->is_array()) {
        f.fail(std::string(name), fmt::format("{} must be a list", name));
        return out;
    }
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
        const auto& item = v->as_array()[i];
        const std::string at = fmt::format("{}[{}]", name, i);
        if (!item.is_object()) {
            f.fail(at, fmt::format("Each item of {} must be an object", name));
            continue;
        }
        JsonFields inner(item.as_object());
        T t = read(inner);
        if (auto done = inner.finish(); !done)
            for (const auto& e : done.error().errors) f.fail(at + "." + e.field, e.message);
        out.push_back(std::move(t));
    }
    return out;
}

MatrixInput matrix_input(JsonFields& f) {
    MatrixInput in;
    const auto level = [](JsonFields& l) {
        LevelInput x;
        x.label = l.optional_text("label", "Label", 200);
        x.descriptor = l.optional_text("descriptor", "Descriptor", 2000);
        l.optional_integer("level", "Level");  // as GET shows it; the order decides
        return x;
    };
    in.likelihood = object_list<LevelInput>(f, "likelihood", level);
    in.impact = object_list<LevelInput>(f, "impact", level);
    in.bands = object_list<BandInput>(f, "bands", [](JsonFields& b) {
        BandInput x;
        x.name = b.optional_text("name", "Name", 200);
        x.colour = b.optional_text("colour", "Colour", 40);
        x.from = b.optional_integer("from", "From");
        x.to = b.optional_integer("to", "To");
        return x;
    });
    in.extra_categories = f.optional_text_list("extra_categories", "Categories");
    in.confirm_mapping =
        f.optional_boolean("confirm_mapping", "Confirm the mapping").value_or(false);
    return in;
}

AppetiteInput appetite_input(JsonFields& f) {
    AppetiteInput in;
    in.category = f.optional_text("category", "Category", 60);
    if (f.has("unit_id")) in.unit_id = f.optional_text("unit_id", "Unit");
    in.max_score = f.optional_integer("max_score", "Highest score");
    in.note = f.optional_text("note", "Note", k_text);
    return in;
}

RegisterInput register_input(JsonFields& f) {
    RegisterInput in;
    in.unit_id = f.optional_text("unit_id", "Unit");
    in.kind = f.optional_text("kind", "Kind");
    in.name = f.optional_text("name", "Name", 300);
    in.description = f.optional_text("description", "Description", k_text);
    if (f.has("parent_id")) in.parent_id = f.optional_text("parent_id", "Parent");
    return in;
}

Result<RegisterQuery> register_query(const Request& r) {
    RegisterQuery q;
    CIVIC_TRY(q.unit_id, http::id_query_param(r, "unit_id"));
    CIVIC_TRY(q.kind, http::choice_query_param(r, "kind", k_register_kinds));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

IssueInput issue_input(JsonFields& f) {
    IssueInput in;
    in.register_id = f.optional_text("register_id", "Register");
    in.reference = f.optional_text("reference", "Reference", 100);
    in.title = f.optional_text("title", "Title", 300);
    in.description = f.optional_text("description", "Description", k_text);
    in.priority = f.optional_text("priority", "Priority");
    if (f.has("owner_person_id")) in.owner_person_id = f.optional_text("owner_person_id", "Owner");
    in.owner = f.optional_text("owner", "Owner", 300);
    if (f.has("risk_id")) in.risk_id = f.optional_text("risk_id", "Risk");
    in.raised_on = f.optional_text("raised_on", "Raised on");
    in.status = f.optional_text("status", "Status");
    in.actions_text = f.optional_text("actions_text", "Actions", k_text);
    in.resolution = f.optional_text("resolution", "Resolution", k_text);
    in.resolved_on = f.optional_text("resolved_on", "Resolved on");
    return in;
}

Result<IssueQuery> issue_query(const Request& r) {
    IssueQuery q;
    CIVIC_TRY(q.register_id, http::id_query_param(r, "register_id"));
    CIVIC_TRY(q.risk_id, http::id_query_param(r, "risk_id"));
    CIVIC_TRY(q.status, http::choice_query_param(r, "status", k_issue_statuses));
    CIVIC_TRY(q.priority, http::choice_query_param(r, "priority", k_issue_priorities));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

// The matrix's answer: its JSON, with its version as the ETag.
Response matrix_response(const Matrix& m) {
    return kit::record_response(200, to_json(m), m.version);
}

// Reads a matrix change or preview from the body.
Result<MatrixInput> matrix_body(const Request& r, std::optional<std::int64_t>* version) {
    CIVIC_TRY(auto body, http::json_body(r));
    JsonFields f(body);
    MatrixInput in = matrix_input(f);
    Result<std::int64_t> v = std::int64_t{0};
    if (version) v = http::change_version(r, f);
    CIVIC_CHECK(f.finish());
    CIVIC_CHECK(http::require_some_change(body));
    if (version) {
        if (!v) return std::unexpected(v.error());
        *version = *v;
    }
    return in;
}

void add_matrix_routes(http::Router& router, RisksService& s, const Clock& clock) {
    router.add(Method::Get, "/api/v1/risk-matrix", [&s, &clock](Request& r) -> Response {
        auto m = s.get_matrix(http::context_for(r, clock));
        if (!m) return http::problem_response(r, m.error());
        return matrix_response(*m);
    });
    router.add(Method::Put, "/api/v1/risk-matrix", [&s, &clock](Request& r) -> Response {
        std::optional<std::int64_t> version;
        auto in = matrix_body(r, &version);
        if (!in) return http::problem_response(r, in.error());
        auto m = s.change_matrix(http::context_for(r, clock), *in, *version);
        if (!m) return http::problem_response(r, m.error());
        return matrix_response(*m);
    });
    router.add(Method::Post, "/api/v1/risk-matrix/preview", [&s, &clock](Request& r) -> Response {
        auto in = matrix_body(r, nullptr);
        if (!in) return http::problem_response(r, in.error());
        auto p = s.preview_matrix(http::context_for(r, clock), *in);
        if (!p) return http::problem_response(r, p.error());
        return http::json_response(200, to_json(*p));
    });
}

}  // namespace

void register_api(http::Router& router, RisksService& s, const Clock& clock) {
    add_matrix_routes(router, s, clock);
    add_import_routes(router, s, clock);

    kit::add_resource<AppetiteInput, Appetite, kit::NoQuery>(
        router,
        {.base = "/api/v1/risk-appetites",
         .query = [](const Request&) -> Result<kit::NoQuery> { return kit::NoQuery{}; },
         .parse = appetite_input,
         .view = [](const Appetite& a) { return to_json(a); },
         .list_all = [&s](const Context& c, const kit::NoQuery&) { return s.list_appetites(c); },
         .create = [&s](const Context& c,
                        const AppetiteInput& in) { return s.create_appetite(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_appetite(c, id); },
         .update = [&s](const Context& c, const std::string& id, const AppetiteInput& in,
                        std::int64_t v) { return s.update_appetite(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_appetite(c, id, v); }},
        clock);

    kit::add_resource<RegisterInput, Register, RegisterQuery, RegisterView>(
        router,
        {.base = "/api/v1/risk-registers",
         .params = {"unit_id", "kind", "include_archived"},
         .query = register_query,
         .parse = register_input,
         .view = [](const Register& g) { return to_json(g); },
         .show = [](const RegisterView& g) { return to_json(g); },
         .shown_version_of = [](const RegisterView& g) { return g.reg.version; },
         .list_all = [&s](const Context& c,
                          const RegisterQuery& q) { return s.list_registers(c, q); },
         .create = [&s](const Context& c,
                        const RegisterInput& in) { return s.create_register(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_register(c, id); },
         .update = [&s](const Context& c, const std::string& id, const RegisterInput& in,
                        std::int64_t v) { return s.update_register(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_register(c, id, v); }},
        clock);

    add_review_routes(router, s, clock);
    add_risk_routes(router, s, clock);

    kit::add_resource<IssueInput, Issue, IssueQuery>(
        router,
        {.base = "/api/v1/risk-issues",
         .params = {"register_id", "risk_id", "status", "priority", "include_archived"},
         .query = issue_query,
         .parse = issue_input,
         .view = [](const Issue& i) { return to_json(i); },
         .list_all = [&s](const Context& c, const IssueQuery& q) { return s.list_issues(c, q); },
         .create = [&s](const Context& c, const IssueInput& in) { return s.create_issue(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_issue(c, id); },
         .update = [&s](const Context& c, const std::string& id, const IssueInput& in,
                        std::int64_t v) { return s.update_issue(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_issue(c, id, v); }},
        clock);
}

}  // namespace civic::risks
