// SPDX-License-Identifier: AGPL-3.0-or-later
#pragma once
// One table of links for every module: a plan item depends on another, answers a review's
// finding, is measured by an indicator, mitigates a risk. Each end is an entity type and an
// id. A module says what its entity types are and how to find one (LinkTypes::add, at
// wiring time); the links themselves, their checks and who sees them live here once.
//
// A link is made by whoever may change the record it starts from and see the record it
// points to; both ends must exist and be live. A reader is shown a link only when they may
// see both ends, so a link never tells anyone of a record they may not see.

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civic/core/context.hpp"
#include "civic/core/error.hpp"
#include "civic/modules/kit/page.hpp"
#include "civic/store/database.hpp"

namespace civic::kit {

// approves: a decision approved what it points to; discusses: an agenda item discusses it.
inline constexpr std::string_view k_link_kinds[] = {
    "depends_on", "contributes_to", "constrained_by", "answers",  "measured_by",
    "mitigates",  "relates_to",     "approves",       "discusses"};

struct Link {
    std::string id;
    std::string from_type, from_id;
    std::string to_type, to_id;
    std::string kind;
    std::string note;
    std::optional<std::string> archived_at;
    std::int64_t version = 1;
    std::string created_at;
    std::string updated_at;
};

boost::json::object to_json(const Link& l);

// One end of a link as a reader sees it.
struct LinkEnd {
    std::string type;
    std::string id;
    std::string label;  // "3.10 Co-ordinate collection of statutory … indicators"
    std::string href;   // its page: "/plan-items/…"
};

// A record one end names, found: what it is called, where its page is, and whether the
// caller may see it and change it.
struct LinkTarget {
    std::string label;
    std::string href;
    bool readable = false;
    bool writable = false;
};

// The entity types links may join, each with how to find one of its records (live ones
// only: nullopt for a missing or archived record).
class LinkTypes {
public:
    using Find = std::function<std::optional<LinkTarget>(store::Connection&, const Principal&,
                                                         const std::string& id)>;
    void add(std::string type, std::string words, Find find);
    const Find* find(std::string_view type) const;
    // "plan item": how messages name a type.
    std::string words(std::string_view type) const;
    std::vector<std::string> types() const;

private:
    struct Type {
        std::string words;
        Find find;
    };
    std::map<std::string, Type, std::less<>> m_types;
};

struct LinkInput {
    std::optional<std::string> from_type, from_id, to_type, to_id, kind, note;
};

struct LinkQuery {
    // Links from or to this record (both directions), when set.
    std::optional<std::string> entity_type, entity_id;
    std::optional<std::string> kind;
    bool include_archived = false;
    std::optional<std::string> cursor;
    int limit = 50;
};

// A link as a reader sees it from one of its ends: the other end, and which way it points.
struct ShownLink {
    Link link;
    bool outgoing = true;  // from the record asked about
    LinkEnd other;
};

// {"link": …, "outgoing": …, "other": {"type", "id", "label", "href"}}
boost::json::object to_json(const ShownLink& l);

class LinkService {
public:
    LinkService(store::Database& db, const LinkTypes& types) : m_db(db), m_types(types) {}

    Result<Link> create(const Context& ctx, const LinkInput& in);
    Result<Link> get(const Context& ctx, const std::string& id);
    Result<Page<Link>> list(const Context& ctx, const LinkQuery& q);
    Result<Link> archive(const Context& ctx, const std::string& id, std::int64_t version);

    // Inside a module's own transaction: the live links of a record in both directions, only
    // those whose other end the caller may see, in the order they were made.
    std::vector<ShownLink> links_of(store::Connection& c, const Principal& p, std::string_view type,
                                    const std::string& id) const;
    // Checks a link a module makes inside its own write (an import, say) and writes it;
    // field names in errors are prefixed with `field`.
    Result<Link> create_in(store::Connection& c, const Context& ctx, const LinkInput& in) const;

    const LinkTypes& types() const { return m_types; }

private:
    store::Database& m_db;
    const LinkTypes& m_types;
};

}  // namespace civic::kit
