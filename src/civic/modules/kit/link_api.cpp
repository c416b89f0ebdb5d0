// SPDX-License-Identifier: AGPL-3.0-or-later
#include "civic/modules/kit/link_api.hpp"

#include <string_view>
#include <vector>

#include "civic/core/json.hpp"
#include "civic/http/api_support.hpp"
#include "civic/modules/kit/resource.hpp"

namespace civic::kit {

namespace {

LinkInput link_input(JsonFields& f) {
    LinkInput in;
    in.from_type = f.optional_text("from_type", "From type");
    in.from_id = f.optional_text("from_id", "From");
    in.to_type = f.optional_text("to_type", "To type");
    in.to_id = f.optional_text("to_id", "To");
    in.kind = f.optional_text("kind", "Kind");
    in.note = f.optional_text("note", "Note", 100000);
    return in;
}

// ?entity_type= is one of the types the modules registered; with ?entity_id= it names one
// record, whose links both ways are listed.
Result<LinkQuery> link_query(const http::Request& r, const LinkTypes& types) {
    LinkQuery q;
    CIVIC_TRY(auto page, http::page_request(r));
    q.cursor = page.cursor;
    q.limit = page.limit;
    const auto names = types.types();
    const std::vector<std::string_view> allowed(names.begin(), names.end());
    CIVIC_TRY(q.entity_type, http::choice_query_param(r, "entity_type", allowed));
    CIVIC_TRY(q.entity_id, http::id_query_param(r, "entity_id"));
    if (q.entity_id && !q.entity_type)
        return std::unexpected(Error::validation(
            "entity_type", "Give entity_type with entity_id, for example entity_type=plan_item"));
    CIVIC_TRY(q.kind, http::choice_query_param(r, "kind", k_link_kinds));
    CIVIC_TRY(q.include_archived, http::bool_query_param(r, "include_archived", false));
    return q;
}

}  // namespace

void register_link_api(http::Router& router, LinkService& links, const Clock& clock) {
    add_resource<LinkInput, Link, LinkQuery>(
        router,
        {.base = "/api/v1/links",
         .params = {"limit", "cursor", "entity_type", "entity_id", "kind", "include_archived"},
         .query = [&links](const http::Request& r) { return link_query(r, links.types()); },
         .parse = link_input,
         .view = [](const Link& l) { return to_json(l); },
         .list = [&links](const Context& c, const LinkQuery& q) { return links.list(c, q); },
         .create = [&links](const Context& c, const LinkInput& in) { return links.create(c, in); },
         .get = [&links](const Context& c, const std::string& id) { return links.get(c, id); },
         .archive = [&links](const Context& c, const std::string& id,
                             std::int64_t v) { return links.archive(c, id, v); }},
        clock);
}

}  // namespace civic::kit
