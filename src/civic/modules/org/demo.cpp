// SPDX-License-Identifier: AGPL-3.0-or-later
// The demo council: data/demo/council.json, compiled into the binary and loaded through the
// same rules as the API, in one transaction.

#include "civic/modules/kit/demo.hpp"

#include <boost/json.hpp>
#include <map>

#include "civic/modules/org/service.hpp"
#include "civic/modules/org/service_support.hpp"

namespace civic::org {
using namespace detail;
using store::Connection;
namespace json = boost::json;

namespace {

std::optional<std::string> text(const json::object& o, std::string_view key) {
    return kit::demo_text(o, key);
}

Error demo_error(std::string_view what, std::string_view key, const Error& e) {
    return kit::demo_error("demo council's", what, key, e);
}

}  // namespace

Result<DemoSummary> OrgService::load_demo(const Context& ctx, std::string_view council_json) {
    CIVIC_CHECK(require_signed_in(ctx));
    boost::system::error_code ec;
    const json::value doc = json::parse(council_json, ec);
    if (ec || !doc.is_object())
        return std::unexpected(Error::internal("The demo council file is not valid JSON."));
    const auto& root = doc.as_object();
    return m_db.write([&](Connection& c) -> Result<DemoSummary> {
        const bool has_units =
            c.query_one("SELECT 1 FROM units LIMIT 1", {}, [](const store::Row&) {
                 return true;
             }).has_value();
        if (has_units)
            return std::unexpected(Error::conflict(
                "This database already has units, so the demo council was not loaded."));
        DemoSummary summary;
        std::map<std::string, std::string> units, people, posts;
        const auto& council = root.at("council").as_object();
        auto made = create_unit_on(c, ctx,
                                   UnitInput{text(council, "name"), std::string("council"),
                                             std::nullopt, text(council, "description")});
        if (!made) return std::unexpected(demo_error("council", "council", made.error()));
        units[text(council, "key").value_or("council")] = made->id;
        summary.council_name = made->name;
        ++summary.units;
        for (const auto& v : root.at("units").as_array()) {
            const auto& o = v.as_object();
            const auto key = text(o, "key").value_or("");
            auto u = create_unit_on(
                c, ctx,
                UnitInput{text(o, "name"), text(o, "kind"), units[text(o, "parent").value_or("")],
                          text(o, "description")});
            if (!u) return std::unexpected(demo_error("unit", key, u.error()));
            units[key] = u->id;
            ++summary.units;
        }
        for (const auto& v : root.at("people").as_array()) {
            const auto& o = v.as_object();
            const auto key = text(o, "key").value_or("");
            PersonInput in{text(o, "name"),
                           text(o, "kind"),
                           units[text(o, "unit").value_or("")],
                           text(o, "honorific_prefix"),
                           text(o, "email"),
                           text(o, "phone"),
                           text(o, "summary"),
                           std::nullopt};
            if (const auto* p = o.if_contains("published"); p && p->is_bool())
                in.published = p->as_bool();
            auto p = create_person_on(c, ctx, in);
            if (!p) return std::unexpected(demo_error("person", key, p.error()));
            people[key] = p->person.id;
            ++summary.people;
        }
        for (const auto& v : root.at("posts").as_array()) {
            const auto& o = v.as_object();
            const auto key = text(o, "key").value_or("");
            PostInput in{units[text(o, "unit").value_or("")], text(o, "label"), text(o, "role"),
                         text(o, "portfolio"), std::vector<std::string>{}};
            if (const auto* r = o.if_contains("responsibilities"); r && r->is_array())
                for (const auto& item : r->as_array())
                    if (item.is_string()) in.responsibilities->emplace_back(item.as_string());
            auto p = create_post_on(c, ctx, in);
            if (!p) return std::unexpected(demo_error("post", key, p.error()));
            posts[key] = p->id;
            ++summary.posts;
        }
        for (const auto& v : root.at("memberships").as_array()) {
            const auto& o = v.as_object();
            const auto person = text(o, "person").value_or("");
            MembershipInput in{people[person],        units[text(o, "unit").value_or("")],
                               std::nullopt,          text(o, "role"),
                               text(o, "start_date"), text(o, "end_date")};
            if (auto post = text(o, "post")) in.post_id = posts[*post];
            auto m = create_membership_on(c, ctx, in);
            if (!m) return std::unexpected(demo_error("membership of", person, m.error()));
            ++summary.memberships;
        }
        return summary;
    });
}

}  // namespace civic::org
