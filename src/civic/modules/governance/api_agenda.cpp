// SPDX-License-Identifier: AGPL-3.0-or-later
// The routes of agendas: a meeting's items (/meetings/{id}/items, each at /agenda-items/{id}),
// an item's documents (/agenda-items/{id}/documents, each at /agenda-documents/{id}), and the
// agenda's publication (POST /meetings/{id}/publication).
#include <boost/json.hpp>

#include "civic/http/api_support.hpp"
#include "civic/http/context.hpp"
#include "civic/http/problem.hpp"
#include "civic/modules/governance/api.hpp"
#include "civic/modules/governance/views.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::governance {
using http::Method;
using http::Request;
using http::Response;

namespace {

// Free text is held to its real limit by the service's checks; this only stops a runaway.
constexpr std::size_t k_text = 200000;

ItemInput item_input(JsonFields& f) {
    ItemInput in;
    f.refuse("meeting_id",
             "An item stays on the agenda of the meeting it was added to; leave "
             "meeting_id out");
    f.refuse("standard",
             "The standard items are made with the meeting, and an item's standard cannot "
             "change; leave standard out");
    f.refuse("supplement",
             "Civic marks an item added after the agenda is published as a supplement; leave "
             "supplement out");
    in.number = f.optional_integer("number", "Number");
    in.title = f.optional_text("title", "Title", k_text);
    in.purpose = f.optional_text("purpose", "Purpose", k_text);
    in.report_title = f.optional_text("report_title", "Report title", k_text);
    in.report_author = f.optional_text("report_author", "Report author", k_text);
    in.report_summary = f.optional_text("report_summary", "Report summary", k_text);
    in.recommendations = f.optional_text("recommendations", "Recommendations", k_text);
    in.presenter_ids = f.optional_text_list("presenter_ids", "Presenters");
    in.exempt_paragraph = f.optional_nullable_integer("exempt_paragraph", "Exempt paragraph");
    in.exempt_reason = f.optional_text("exempt_reason", "Public-interest reason", k_text);
    in.key_decision = f.optional_boolean("key_decision", "Key decision");
    in.forward_plan_id = f.optional_text("forward_plan_id", "Forward plan entry");
    in.topic_id = f.optional_text("topic_id", "Work programme topic");
    in.minutes_told = f.optional_text("minutes_told", "What the meeting was told", k_text);
    in.minutes_questions = f.optional_text("minutes_questions", "Questions raised", k_text);
    return in;
}

DocumentInput document_input(JsonFields& f) {
    DocumentInput in;
    f.refuse("item_id", "A document stays with the item it was added to; leave item_id out");
    in.kind = f.optional_text("kind", "Kind");
    in.title = f.optional_text("title", "Title", k_text);
    in.content = f.optional_text("content", "Content", k_text);
    in.url = f.optional_text("url", "Link", k_text);
    in.exempt_paragraph = f.optional_nullable_integer("exempt_paragraph", "Exempt paragraph");
    in.exempt_reason = f.optional_text("exempt_reason", "Public-interest reason", k_text);
    in.position = f.optional_integer("position", "Position");
    return in;
}

// POST /meetings/{id}/publication: {"late_reason": …} (or no body), with If-Match.
Response publication(Request& r, GovernanceService& s, const Clock& clock) {
    if (auto bad = kit::reject_bad_id(r)) return std::move(*bad);
    boost::json::object body;
    if (!r.body.empty()) {
        auto parsed = http::json_body(r);
        if (!parsed) return http::problem_response(r, parsed.error());
        body = std::move(*parsed);
    }
    JsonFields f(body);
    PublicationInput in;
    in.late_reason = f.optional_text("late_reason", "Reason for urgency", k_text);
    auto version = http::change_version(r, f);
    if (auto done = f.finish(); !done) return http::problem_response(r, done.error());
    if (!version) return http::problem_response(r, version.error());
    auto published =
        s.publish(http::context_for(r, clock), std::string(r.param("id")), in, *version);
    if (!published) return http::problem_response(r, published.error());
    return kit::record_response(200, to_json(*published), published->version);
}

}  // namespace

void add_agenda_routes(http::Router& router, GovernanceService& s, const Clock& clock) {
    router.add(Method::Post, "/api/v1/meetings/{id}/publication",
               [&s, &clock](Request& r) { return publication(r, s, clock); });

    kit::add_resource<ItemInput, AgendaItem, std::string, ItemView>(
        router,
        {.base = "/api/v1/agenda-items",
         .collection = "/api/v1/meetings/{id}/items",
         .query = kit::parent_of,
         .parse = item_input,
         .parent = [](ItemInput& in, const std::string& meeting_id) { in.meeting_id = meeting_id; },
         .view = [](const AgendaItem& i) { return to_json(i); },
         .show = [](const ItemView& v) { return to_json(v); },
         .shown_version_of = [](const ItemView& v) { return v.item.version; },
         .list_all = [&s](const Context& c,
                          const std::string& meeting_id) { return s.list_items(c, meeting_id); },
         .create = [&s](const Context& c, const ItemInput& in) { return s.create_item(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_item(c, id); },
         .update = [&s](const Context& c, const std::string& id, const ItemInput& in,
                        std::int64_t v) { return s.update_item(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_item(c, id, v); }},
        clock);

    kit::add_resource<DocumentInput, Document, std::string>(
        router,
        {.base = "/api/v1/agenda-documents",
         .collection = "/api/v1/agenda-items/{id}/documents",
         .query = kit::parent_of,
         .parse = document_input,
         .parent = [](DocumentInput& in, const std::string& item_id) { in.item_id = item_id; },
         .view = [](const Document& d) { return to_json(d); },
         .list_all = [&s](const Context& c,
                          const std::string& item_id) { return s.list_documents(c, item_id); },
         .create = [&s](const Context& c,
                        const DocumentInput& in) { return s.create_document(c, in); },
         .get = [&s](const Context& c, const std::string& id) { return s.get_document(c, id); },
         .update = [&s](const Context& c, const std::string& id, const DocumentInput& in,
                        std::int64_t v) { return s.update_document(c, id, in, v); },
         .archive = [&s](const Context& c, const std::string& id,
                         std::int64_t v) { return s.archive_document(c, id, v); }},
        clock);
}

}  // namespace civic::governance
